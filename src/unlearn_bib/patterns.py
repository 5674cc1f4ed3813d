"""What an identifier, a key or a link may look like: one set of patterns for every reader.

``check`` and ``import`` validate catalog values against these (``papers.schema.json``
carries the same patterns), and the writers test them again before writing a value
unescaped, so a value that validation never saw (a user's own .bib or CSL-JSON, a record
built in code) is escaped or skipped, never injected. Links: http(s) only.
"""
from __future__ import annotations

import re

ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})$")
ARXIV_CLASS = re.compile(r"^[a-z\-]+(\.[A-Za-z\-]+)?$")  # cs.CV, math.OC, hep-th
DOI = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$")  # Crossref's recommended character set
KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:\-]*$")
OPENREVIEW = re.compile(r"^[A-Za-z0-9_\-]{6,}$")
PAGES = re.compile(r"^[0-9A-Za-z]+(--[0-9A-Za-z]+)?$")
SECTION_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# A web address: http or https, a host name, then only characters RFC 3986 allows in a URL
# (no white space, quotes, braces, backslash, angle brackets, '|', '^' or backquote), so the
# same text is safe in a BibTeX field, an HTML attribute and a Markdown link.
WEB_URL = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?([/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?$")
DOI_LINK = re.compile(r"^doi:\s*(10\.\d{4,9}/[-._;()/:A-Za-z0-9]+)$", re.IGNORECASE)
# Control characters and the invisible direction marks and overrides (text then displays in
# another order than it is stored) have no place in a bibliography; notes may break lines.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NOTES_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A BibTeX key from a user's own file: whatever BibTeX and biber read as one key.
BIB_KEY = re.compile(r"^[^\s,{}()\"#%'=\\~]+$")


def is_web_url(text: str) -> bool:
    """True for an http(s) address made only of safe URL characters."""
    return bool(WEB_URL.match(text))


def web_link(text: str) -> str:
    """The link a writer may render for ``text``: itself when a safe http(s) URL, a
    ``doi:`` DOI as its https://doi.org/ address, else "" (render no link)."""
    if WEB_URL.match(text):
        return text
    found = DOI_LINK.match(text)
    return "https://doi.org/" + found.group(1) if found else ""


def doi_link(doi: str) -> str:
    """https://doi.org/DOI for a well-formed DOI, else "" (render no link)."""
    return "https://doi.org/" + doi if DOI.match(doi) else ""
