"""CLI subcommands; each module exports ``COMMANDS``."""
