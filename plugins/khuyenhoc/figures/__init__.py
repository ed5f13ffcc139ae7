"""Figures in articles: the [[...]] references, selection, derived figures, rendering as text, tables and charts' placeholders, Vietnamese formats."""
