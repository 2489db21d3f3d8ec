"""quipu's widgets: they receive index.models dataclasses and post messages, never call index."""
