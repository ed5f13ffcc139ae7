"""What every cache is keyed by (fingerprints: bytes and versions, never dates) and how its files are written (whole or not at all)."""
