"""quipu's screens."""
