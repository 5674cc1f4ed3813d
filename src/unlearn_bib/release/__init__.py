"""The release bundle: files, web page, CITATION.cff, what changed. Imports export and everything below it."""
