"""Static data recorded from MediaWiki 1.39 (package data)."""
