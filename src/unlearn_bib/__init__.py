"""unlearn-bib: a verified bibliography of machine unlearning for diffusion models.

Importing this package is cheap on purpose: heavy modules load only where used.
"""
__version__ = "0.1.0"
