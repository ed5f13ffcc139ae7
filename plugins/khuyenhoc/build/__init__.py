"""The strict, atomic build (python -m khuyenhoc.build) and what makes it fast: cache fingerprints, up-to-date check, addresses worked out once."""
