"""Plain-text rules with no model: LaTeX <-> Unicode, line endings, terminal-safe display. Imports only errors."""
