"""The app's Import…: choose CSV files or a folder, see what would come in, confirm it."""
