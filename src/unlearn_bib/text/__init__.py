"""Plain-text rules with no model: LaTeX <-> Unicode, line endings, terminal-safe display, "did you mean", Markdown escaping. Imports only errors."""
