"""The site's search index and what each page gives it."""
