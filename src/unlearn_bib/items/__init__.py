"""CSL items, the formatting currency: from CSL-JSON, from a .bib, back into papers. Imports catalog, read, csl, text, files, errors."""
