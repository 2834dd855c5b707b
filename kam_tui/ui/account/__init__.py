"""One account: its screen, overview, contacts, activities and their forms."""
