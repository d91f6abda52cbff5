"""SQL lives here and only here: plain functions over a Connection, named as verbs."""
