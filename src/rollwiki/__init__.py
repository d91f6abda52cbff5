"""rollwiki: a MediaWiki-compatible wiki server built around rollback."""
