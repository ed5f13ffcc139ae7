"""Outside tools that some tests need (Chromium, Java, the npm packages)."""

import os
import shutil

import pytest


def require(*programs):
    """Skip a test when a tool is missing, but fail it in CI (CI=true)."""
    missing = [p for p in programs if not (os.path.exists(p) or shutil.which(p))]
    if missing:
        message = "missing " + ", ".join(missing) + " (`make test` installs them)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
