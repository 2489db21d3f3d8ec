"""quipu's headless core: corpus reading, extraction, the Whoosh index and the query API.

Nothing here imports textual; this package stays import-light so `quipu search` starts fast.
"""
