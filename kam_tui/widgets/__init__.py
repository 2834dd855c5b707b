"""Reusable widgets: board columns, cards, quadrants."""
