"""``action=query`` submodules: one file per prop/list/meta module."""
