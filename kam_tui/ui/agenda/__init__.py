"""The contact agenda: this week's planned contacts and the overdue ones."""
