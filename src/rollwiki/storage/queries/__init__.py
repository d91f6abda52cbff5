"""storage/queries package."""
