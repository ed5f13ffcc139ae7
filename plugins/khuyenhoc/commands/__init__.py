"""The officer's commands: make check, new, init, forms, deploy and edit."""
