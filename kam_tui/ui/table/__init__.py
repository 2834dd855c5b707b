"""The accounts table with its columns and in-place cell editor."""
