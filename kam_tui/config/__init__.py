"""The settings (a leaf), the config file's loader and YAML reader, and the checks
against the store."""
