"""Reading other systems' exports and mapping their rows onto kam's records."""
