"""The output formats: each module renders a Catalog (or CSL items) to one format's text or bytes."""
