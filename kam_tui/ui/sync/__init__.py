"""Team sync in the app: the background syncer wired to the app, and the Conflicts screen."""
