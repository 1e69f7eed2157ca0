"""The `koppel` command line (CONTRACT section 3)."""
