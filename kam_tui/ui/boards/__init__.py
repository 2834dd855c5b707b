"""The kanban boards: pipeline, lifecycle lists and team, and their columns and cards."""
