"""The browser editor (Decap CMS): its configuration and /admin/."""
