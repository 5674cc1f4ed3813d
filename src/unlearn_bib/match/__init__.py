"""Deciding which catalog paper an entry or an identifier is. Imports catalog, items, read, text, errors."""
