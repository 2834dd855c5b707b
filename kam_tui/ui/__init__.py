"""Everything Textual: the app shell, the forms, and one folder per feature."""
