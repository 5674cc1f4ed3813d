"""What an identifier, a key or a link may look like: one set of patterns for every reader.

``check`` and ``import`` validate catalog values against these (``papers.schema.json``
carries the same patterns), and the writers test them again before writing a value
unescaped, so a value that validation never saw (a user's own .bib or CSL-JSON, a record
built in code) is escaped or skipped, never injected. Links: http(s) only.
"""
from __future__ import annotations

import re
from functools import lru_cache


# An arXiv id, as pieces for every pattern that looks for one: new style (2401.01234, since 2007)
# and old style (hep-th/9901001, math.AG/0601001); a version suffix (v2) is never part of the id.
ARXIV_NEW_ID = r"\d{4}\.\d{4,5}"
ARXIV_OLD_ID = r"[a-z\-]+(?:\.[A-Z]{2})?/\d{7}"
ARXIV_DOI_PREFIX = "10.48550/"  # arXiv's own DOIs (10.48550/arXiv.2401.01234) name the preprint
# One of arXiv's own DOIs, naming the preprint: group 1 is its arXiv id (no version)
ARXIV_DOI = re.compile(rf"^10\.48550/arxiv\.({ARXIV_NEW_ID}|{ARXIV_OLD_ID})(?:v\d+)?$", re.IGNORECASE)

# JSON Schema sources (papers.schema.json carries the same strings; a test ties them).
SOURCES = {
    "arxiv": r"^(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})$",
    "primary_class": r"^[a-z\-]+(\.[A-Za-z\-]+)?$",  # cs.CV, math.OC, hep-th
    "doi": r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$",  # Crossref's recommended character set
    "key": r"^[A-Za-z][A-Za-z0-9_:\-]*$",
    "openreview": r"^[A-Za-z0-9_\-]{6,}$",
    "pages": r"^[0-9A-Za-z]+(--[0-9A-Za-z]+)?$",
    "section": r"^[a-z0-9]+(-[a-z0-9]+)*$",
    # A web address: http or https, a host name, then only characters RFC 3986 allows in a URL
    # (no white space, quotes, braces, backslash, angle brackets, '|', '^' or backquote), so the
    # same text is safe in a BibTeX field, an HTML attribute and a Markdown link.
    "url": r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?([/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?$",
}
SOURCES["source"] = SOURCES["url"].removesuffix("$") + r"(\s.*)?$"  # a URL, then an optional comment

# name -> (pattern, flags). Compiled on first use (module __getattr__ below), not at import:
# `export` starts faster when a command needs only some of them. ``$`` alone also matches before
# a final newline, so the schema patterns are anchored at the very end with \Z.
_PATTERNS = {
    "ARXIV_ID": (SOURCES["arxiv"].removesuffix("$") + r"\Z", 0),
    "ARXIV_CLASS": (SOURCES["primary_class"].removesuffix("$") + r"\Z", 0),
    "DOI": (SOURCES["doi"].removesuffix("$") + r"\Z", 0),
    "KEY": (SOURCES["key"].removesuffix("$") + r"\Z", 0),
    "OPENREVIEW": (SOURCES["openreview"].removesuffix("$") + r"\Z", 0),
    "PAGES": (SOURCES["pages"].removesuffix("$") + r"\Z", 0),
    "SECTION_ID": (SOURCES["section"].removesuffix("$") + r"\Z", 0),
    "WEB_URL": (SOURCES["url"].removesuffix("$") + r"\Z", 0),
    "DOI_LINK": (r"^doi: ?(10\.\d{4,9}/[-._;()/:A-Za-z0-9]+)\Z", re.IGNORECASE),
    # Control characters and the invisible direction marks and overrides (text then displays in
    # another order than it is stored) have no place in a bibliography; notes may break lines.
    "CONTROL": (r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", 0),
    "NOTES_CONTROL": (r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", 0),
    # A BibTeX key from a user's own file: anything but what would end the key or the entry
    # (white space, a comma, a brace, a quote), start a comment (%), or escape (\\, #).
    "BIB_KEY": (r"^[^\s\x00-\x1f\x7f,{}\"#%\\]+\Z", 0),
}


def __getattr__(name: str) -> re.Pattern:
    """``identifiers.DOI`` and the others: compiled once, on first use."""
    if name not in _PATTERNS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    compiled = globals()[name] = re.compile(*_PATTERNS[name])
    return compiled


def pattern(name: str) -> re.Pattern:
    """One of the patterns above by name, for this module's own functions."""
    return globals().get(name) or __getattr__(name)


def is_web_url(text: str) -> bool:
    """True for an http(s) address made only of safe URL characters."""
    return bool(pattern("WEB_URL").match(text))


def link_problem(text: str) -> str:
    """Why ``text`` is not an acceptable link, in words ("" when it is one)."""
    if pattern("WEB_URL").match(text):
        return ""
    if text.startswith(("http://", "https://")):
        return (f"{text!r} holds what a link may not: a non-ASCII or missing host name, a user name, white space, "
                "quotes, braces, a backslash or angle brackets (percent-encode them)")
    return f"{text!r} is not an http:// or https:// address"


def web_link(text: str) -> str:
    """The link a writer may render for ``text``: itself when a safe http(s) URL, a
    ``doi:`` DOI as its https://doi.org/ address, else "" (render no link)."""
    if pattern("WEB_URL").match(text):
        return text
    found = pattern("DOI_LINK").match(text)
    return "https://doi.org/" + found.group(1) if found else ""


def clean_doi(text: str) -> str:
    """A DOI as compared: no resolver prefix, no LaTeX escapes, lower case ("10.1109/cvpr.2024.1")."""
    text = text.strip().replace("\\_", "_").replace("\\", "")
    text = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text, flags=re.IGNORECASE)
    return text.lower()


def is_arxiv_doi(doi: str) -> bool:
    """True for one of arXiv's own DOIs (10.48550/...): it names the preprint, not a publication."""
    return doi.strip().lower().startswith(ARXIV_DOI_PREFIX)


def page_range(text: str, dash: str = "--") -> str:
    """``text`` with every dash between page numbers (hyphens, an en or em dash, spaces around)
    written as ``dash``: "3403 - 3417" -> "3403--3417" (BibTeX), with dash="-" "3403-3417" (CSL)."""
    return re.sub(r"\s*(?:-+|\u2013|\u2014)\s*", dash, text.strip())


def catalog_pages(text: str) -> str:
    """The page range as the catalog stores it ("3403--3417", "e1234"), or "" for anything else."""
    pages = page_range(text or "")
    return pages if pattern("PAGES").match(pages) else ""


def doi_link(doi: str) -> str:
    """https://doi.org/DOI for a well-formed DOI, else "" (render no link)."""
    return "https://doi.org/" + doi if pattern("DOI").match(doi) else ""


# --- identifiers in the links and text of an awesome list ---------------------------------------
# One set of patterns for every link form lists use: arXiv abs/pdf/html (any version, export.,
# the old ftp path), DOIs behind doi.org, dl.acm.org/doi, link.springer.com chapters and articles,
# publishers' /doi/ paths and IEEE Xplore links that carry the DOI, OpenReview forum/pdf ids.
_NEW_ARXIV = ARXIV_NEW_ID
_OLD_ARXIV = ARXIV_OLD_ID
_ARXIV_LINK = (rf"^https?://(?:www\.|export\.|browse\.)?arxiv\.org/(?:abs|pdf|html|a?pdf|ftp/arxiv/papers/\d{{4}})/"
               rf"({_NEW_ARXIV}|{_OLD_ARXIV})(?:v\d+)?(?:\.pdf)?/?(?:[?#&].*)?$")  # "….pdf&xid=…": a tracking tail
_ARXIV_TEXT = rf"\barxiv\s*[:.]?\s*(?:abs/)?({_NEW_ARXIV})(?:v\d+)?\b"
_DOI_PART = r"(10\.\d{4,9}/[-._;()/:A-Za-z0-9]+)"
_DOI_LINKS = (
    rf"^https?://(?:dx\.)?doi\.org/(?:doi:)?{_DOI_PART}$",  # "dx.doi.org/doi:10.1038/nature14236" as lists write it
    rf"^https?://dl\.acm\.org/doi/(?:abs/|pdf/|full/|fullHtml/|epdf/)?{_DOI_PART}$",
    rf"^https?://link\.springer\.com/(?:chapter|article|content/pdf)/{_DOI_PART}$",
    rf"^https?://(?:[\w-]+\.)*(?:royalsocietypublishing\.org|onlinelibrary\.wiley\.com|tandfonline\.com|"
    rf"journals\.sagepub\.com|science\.org|pubs\.acs\.org)/doi/(?:abs/|pdf/|full/|epdf/)?{_DOI_PART}$",
    rf"^https?://ieeexplore\.ieee\.org/.*?(?:doi=|/doi/){_DOI_PART}$",
    # any publisher's /doi/ path (pnas.org), also deeper ("emerald.com/insight/content/doi/10.1108/…/full/html")
    rf"^https?://[\w.-]+/(?:[\w-]+/){{0,3}}doi/(?:abs/|pdf/|full/|epdf/)?{_DOI_PART}$",
    # bioRxiv and medRxiv name a preprint by its DOI in the path: "biorxiv.org/content/10.1101/2020.03.16.993816v2.full.pdf"
    r"^https?://(?:www\.)?(?:biorxiv|medrxiv)\.org/content/"
    r"(10\.1101/(?:\d{4}\.\d\d\.\d\d\.)?\d{6,8})(?:v\d+)?(?:\.full|\.abstract|\.article-info)?(?:\.pdf)?/?$",
)
_OPENREVIEW_LINK = r"^https?://(?:www\.)?openreview\.net/(?:forum|pdf|attachment)\?(?:.*&)?id=([A-Za-z0-9_\-]{6,})"


@lru_cache(maxsize=None)
def _link_patterns() -> tuple:
    """(arXiv link, arXiv in text, DOI links, OpenReview link), compiled on first use."""
    flags = re.IGNORECASE
    return (re.compile(_ARXIV_LINK, flags), re.compile(_ARXIV_TEXT, flags),
            tuple(re.compile(p, flags) for p in _DOI_LINKS), re.compile(_OPENREVIEW_LINK, flags))


_ESCAPED_SLASH = re.compile("%2f", re.I)
_DOI_PAGE_SUFFIX = re.compile(r"(\.pdf|/(?:full|abstract|epdf)(?:/html)?)$", re.I)


def link_identifier(url: str) -> tuple[str, str] | None:
    """("arxiv" | "doi" | "openreview", id) that a link carries, or None; versions and .pdf dropped;
    an arXiv DOI (doi.org/10.48550/arXiv.ID) gives the arXiv id, not a DOI."""
    arxiv_link, _, doi_links, openreview_link = _link_patterns()
    url = url.strip()
    found = arxiv_link.match(url)
    if found:
        return "arxiv", found.group(1)
    unescaped = _ESCAPED_SLASH.sub("/", url.split("#")[0].split("?")[0] if "doi=" not in url else url)
    for doi_pattern in doi_links:  # "link.springer.com/content/pdf/10.1007%2Fs10994-…": the slash escaped
        found = doi_pattern.match(unescaped)
        if found:
            doi = _DOI_PAGE_SUFFIX.sub("", found.group(1))
            arxiv = ARXIV_DOI.match(doi)
            if arxiv:  # arXiv's own DOI names the preprint: its arXiv id, as match.rule reads it
                return "arxiv", arxiv.group(1)
            if pattern("DOI").match(doi):
                return "doi", doi
    found = openreview_link.match(url)
    if found:
        return "openreview", found.group(1)
    return None


_DOI_TEXT = re.compile(r"(?:https?://)?(?:dx\.)?doi\.org/(10\.\d{4,9}/[^\s\[\]()<>\"]+)", re.I)


def text_doi(text: str) -> str:
    """The DOI a doi.org address written out in ``text`` names ("…, 2523, https://doi.org/10.21105/joss.02523"), or ""."""
    found = _DOI_TEXT.search(text)
    return found.group(1).rstrip(".,;") if found else ""


def text_arxiv(text: str) -> str:
    """The arXiv id written out in ``text`` ("arXiv:2401.01234v2", "arXiv 2401.01234"), or ""."""
    found = _link_patterns()[1].search(text)
    return found.group(1) if found else ""
