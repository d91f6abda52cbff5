"""api/modules/query package."""
