"""``python -m rollwiki``."""

from rollwiki.cli import main

main()
