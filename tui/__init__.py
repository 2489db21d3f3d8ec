"""quipu's Textual reader. Only `tui.app` and below import textual."""
