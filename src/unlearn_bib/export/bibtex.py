"""BibTeX and BibLaTeX writing: published papers as what they became, preprints as @misc.

Our own small writer (bibtexparser's import alone costs more than our start-up budget);
the tests parse every file it writes with bibtexparser and compile it with BibTeX and biber.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from unlearn_bib.catalog import identifiers as patterns
from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.text.latex import encode, protect_title
from unlearn_bib.catalog.model import Catalog, Paper, Person

FIELD_ORDER = (
    "author", "title", "howpublished", "booktitle", "journal", "series", "volume", "number", "pages", "publisher",
    "year", "date", "doi", "url", "eprint", "eprinttype", "archiveprefix", "eprintclass", "primaryclass", "note",
)
FIELD_NAMES = {"archiveprefix": "archivePrefix", "primaryclass": "primaryClass"}
WIDTH = max(len(f) for f in FIELD_ORDER)


@dataclass(frozen=True)
class Options:
    dialect: str = "bibtex"  # bibtex | biblatex
    arxiv_style: str = "eprint"  # eprint | journal


def dropped_characters(catalog: Catalog) -> list[tuple[str, str]]:
    """(key, characters) for each title whose emoji and pictographs the writer leaves out."""
    from unlearn_bib.text.latex import pictographic

    found = []
    for paper in catalog:
        if not paper.title.isascii():
            chars = "".join(dict.fromkeys(ch for ch in paper.title if pictographic(ch) and ch.isprintable()))
            if chars:
                found.append((paper.key, chars))
    return found


def _name_part(text: str, ascii_only: bool) -> str:
    encoded = encode(text, ascii_only=ascii_only)
    # A part holding the word "and" or a comma would split the name list: keep it whole.
    if " and " in f" {text.lower()} " or "," in text:
        return "{" + encoded + "}"
    return encoded


@lru_cache(maxsize=1 << 14)
def format_person(person: Person, ascii_only: bool = True) -> str:
    """One name as BibTeX reads it: "von Last, Jr, First" (people recur: cached)."""
    if person.literal:
        return "{" + encode(person.literal, ascii_only=ascii_only) + "}"
    family = _name_part(person.family, ascii_only)
    if person.particle:
        family = f"{encode(person.particle, ascii_only=ascii_only)} {family}"
    parts = [family]
    if person.suffix:
        parts.append(_name_part(person.suffix, ascii_only))
    if person.given:
        parts.append(_name_part(person.given, ascii_only))
    elif person.suffix:
        parts.append("")
    return ", ".join(parts)


def _fields(paper: Paper, options: Options) -> tuple[str, dict[str, str]]:
    ascii_only = options.dialect == "bibtex"
    enc = lambda text: encode(text, ascii_only=ascii_only)  # noqa: E731
    fields: dict[str, str] = {
        "author": " and ".join(format_person(a, ascii_only) for a in paper.authors),
        "title": protect_title(paper.title, ascii_only=ascii_only),
    }
    venue = paper.venue
    arxiv_url = f"https://arxiv.org/abs/{paper.arxiv}" if paper.arxiv else ""
    if venue.is_preprint:
        if options.arxiv_style == "journal" and paper.arxiv:
            entry_type = "article"
            fields["journal"] = enc(f"arXiv preprint arXiv:{paper.arxiv}")
        else:
            entry_type = "misc"
        if options.dialect == "biblatex":
            fields["date"] = str(paper.year)
        else:
            fields["year"] = str(paper.year)
        if paper.arxiv and entry_type == "misc":
            fields["eprint"] = paper.arxiv
            if options.dialect == "biblatex":
                fields["eprinttype"] = "arxiv"
                if paper.primary_class:
                    fields["eprintclass"] = paper.primary_class
            else:
                fields["archiveprefix"] = "arXiv"
                if paper.primary_class:
                    fields["primaryclass"] = paper.primary_class
        if options.dialect == "bibtex" or not paper.arxiv:
            fields["url"] = paper.web_url or arxiv_url  # biblatex links the eprint itself
        _show_preprint(fields, paper, entry_type, options)
        return entry_type, fields

    entry_type = "article" if venue.entry_type == "article" else "inproceedings"
    if entry_type == "article":
        fields["journal"] = enc(venue.journal)
    else:
        fields["booktitle"] = enc(venue.booktitle)
        if venue.series:
            fields["series"] = enc(venue.series)
    for name in ("volume", "number"):
        if getattr(paper, name):
            fields[name] = enc(getattr(paper, name))
    if paper.pages:
        fields["pages"] = paper.pages
    if paper.effective_publisher and entry_type == "inproceedings":  # @article has no publisher field
        fields["publisher"] = enc(paper.effective_publisher)
    if options.dialect == "biblatex":
        fields["date"] = str(paper.year)
    else:
        fields["year"] = str(paper.year)
    if paper.doi:
        fields["doi"] = paper.doi
    if options.dialect == "biblatex":
        if paper.arxiv:
            fields["eprint"] = paper.arxiv
            fields["eprinttype"] = "arxiv"
            if paper.primary_class:
                fields["eprintclass"] = paper.primary_class
        if not paper.doi and not paper.arxiv:
            fields["url"] = paper.web_url or paper.link
    else:
        url = paper.web_url or arxiv_url or (paper.link if not paper.doi else "")
        if url:
            fields["url"] = url
    return entry_type, fields


def _show_preprint(fields: dict[str, str], paper: Paper, entry_type: str, options: Options) -> None:
    """Make a BibTeX @misc preprint say it is one in the natbib styles ML templates use.

    plainnat, abbrvnat and unsrtnat (NeurIPS, ICML, ICLR), ieee_fullname (CVPR) and acl_natbib
    (ACL) print a @misc's ``howpublished`` but ignore ``eprint``, so without it a preprint shows
    as title, year and URL only. The eprint fields stay for biber; BibLaTeX files need nothing
    (biblatex prints the eprint itself).
    """
    if options.dialect == "bibtex" and entry_type == "misc" and paper.arxiv:
        fields["howpublished"] = f"arXiv preprint arXiv:{paper.arxiv}"


# Fields written as they are when they match their pattern (validated in the catalog); a
# value that does not (a user's own .bib or CSL-JSON) is escaped like text, a link that is
# not http(s) is left out.
_RAW = {"pages": patterns.PAGES, "doi": patterns.DOI, "eprint": patterns.ARXIV_ID,
        "eprintclass": patterns.ARXIV_CLASS, "primaryclass": patterns.ARXIV_CLASS}


def _safe_value(name: str, value: str, ascii_only: bool) -> str:
    if name == "url":
        return patterns.web_link(value)
    pattern = _RAW.get(name)
    if pattern is not None and not pattern.match(value):
        return encode(value, ascii_only=ascii_only)
    return value


def format_entry(paper: Paper, options: Options) -> str:
    if not patterns.BIB_KEY.match(paper.key):
        where = f"{paper.where}: " if paper.where else ""
        raise UnlearnBibError(f"{where}key {paper.key!r} cannot be a BibTeX key (white space, a comma, a brace, "
                              "a quote, #, % or \\ would break the entry)")
    entry_type, fields = _fields(paper, options)
    lines = [f"@{entry_type}{{{paper.key},"]
    ascii_only = options.dialect == "bibtex"
    for name in FIELD_ORDER:
        if name in fields and fields[name]:
            value = _safe_value(name, fields[name], ascii_only)
            if not value:
                continue
            shown = FIELD_NAMES.get(name, name)
            lines.append(f"  {shown.ljust(WIDTH)} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(catalog: Catalog, options: Options = Options()) -> str:
    """The whole catalog as one .bib text, entries sorted by key."""
    entries = [format_entry(p, options) for p in sorted(catalog, key=lambda p: p.key)]
    return "\n".join(entries)


def render_bibtex(catalog: Catalog, arxiv_style: str = "eprint") -> str:
    return render(catalog, Options("bibtex", arxiv_style))
