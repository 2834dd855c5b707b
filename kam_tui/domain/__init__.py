"""The KAM domain: entities, validation rules and metrics, free of any UI code."""
