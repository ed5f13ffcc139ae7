"""Pages and files the plugin adds to the site: statistics pages, downloads, the Data Package, share cards, security headers, minified theme files, sitemap dates."""
