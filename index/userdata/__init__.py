"""User-authored data in plain-text files under the user data dir (never the index cache): history,
saved searches, notes, date overrides, alias edits.
"""
