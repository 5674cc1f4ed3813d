"""The catalog (papers.yaml): model, identifiers, venues, keys, validation, parse cache, selection, loading. Imports errors, text, files."""
