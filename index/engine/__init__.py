"""The search engine over Whoosh: schema, the one-pass bulk writer, query text, phrases, fuzzy
terms, scoring, search and highlighting, the deadline, the vocabulary.
"""
