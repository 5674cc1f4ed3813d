"""Foreign syntax read into plain values: .bib files and BibTeX names. Imports errors, text, files."""
