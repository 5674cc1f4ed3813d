"""Plain-text rules with no model: LaTeX <-> Unicode, line endings, terminal-safe display, "did you mean". Imports only errors."""
