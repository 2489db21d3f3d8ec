"""Extraction of entities and dates from document text (pure functions: str in, dataclasses out)."""
