"""The app's frame: header, footer, help, the command palette's providers, the view contract."""
