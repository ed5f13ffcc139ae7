"""The closest known name to a misspelt one, for the officer's fix."""

import difflib


def closest(name, known):
    """"raised" for "rasied"; None when nothing is close enough."""
    close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def closest_name_fix(name, known):
    """The fix for an unknown field name."""
    close = closest(name, known)
    if close:
        return f'có phải ý bạn là "{close}"? Sửa tên trường'
    return "các trường được dùng: " + ", ".join(known)
