"""Checks across the content and the built site: content, raw HTML, links, Pelican's own warnings."""
