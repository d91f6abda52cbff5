"""api/modules package."""
