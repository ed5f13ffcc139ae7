"""The preview server (make serve) and its quick step after a save."""
