"""action=help and action=paraminfo: module documentation from the declarations."""
