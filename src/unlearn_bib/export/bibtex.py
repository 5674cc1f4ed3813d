"""BibTeX and BibLaTeX writing: published papers as what they became, preprints as @misc.

Our own small writer (bibtexparser's import alone costs more than our start-up budget);
the tests parse every file it writes with bibtexparser and compile it with BibTeX and biber.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from unlearn_bib.catalog import identifiers as patterns
from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.text.latex import WRAP, encode, pdflatex_prints, protect_title
from unlearn_bib.catalog.model import Catalog, Paper, Person

FIELD_ORDER = (
    "author", "title", "howpublished", "booktitle", "journal", "series", "volume", "number", "pages", "publisher",
    "year", "date", "doi", "url", "eprint", "eprinttype", "archiveprefix", "eprintclass", "primaryclass", "note",
)
FIELD_NAMES = {"archiveprefix": "archivePrefix", "primaryclass": "primaryClass"}
WIDTH = max(len(f) for f in FIELD_ORDER)


# The @preamble of a file with {\UBchar{X}} (text/latex.py) or, for biber, raw characters pdflatex
# cannot print. TeX code, read where the .bbl is read, so it sets its own catcodes (babel may make
# " : ; < > active) and uses | for # (it is also written, detokenized, to the .aux, where natbib's
# \citet needs \UBchar before the .bbl is read; \detokenize would double a #). \UBchar{X} prints X
# in a group where LaTeX's two "cannot print" errors (an undeclared UTF-8 character, a command the
# font encoding lacks) print [U+XXXX] instead and warn once per character; xelatex and lualatex
# never raise them, so they print X. biblatex: the same guard around its bibliography and citations.
# A definition the user made first wins (\ifdefined). docs/_new/script.md describes it for users.
_TEX = (
    r"\begingroup\catcode124=6 \catcode58=12 \catcode59=12 \catcode33=12 \catcode63=12 \catcode60=12 \catcode62=12",
    r"\catcode61=12 \catcode34=12 \catcode96=12 \catcode43=12 \catcode91=12 \catcode93=12 \catcode45=12",
    r"\ifdefined\UBchar\else",
    r"\protected\gdef\UBchar|1{{\def\UBthis{|1}\UBguard|1}}",
    r"\protected\gdef\UBguard{\expandafter\let\csname UTFviii@undefined@err\endcsname\UBundeclared"
    r"\let\TextSymbolUnavailable\UBunavailable}",
    r"\gdef\UBundeclared|1{\expandafter\UBname\string|1\UBstop}",
    r"\gdef\UBname|1:|2\UBstop{\UBstandin{|2}}",
    r"\gdef\UBunavailable|1{\ifdefined\UBthis\expandafter\UBstandin\expandafter{\UBthis}"
    r"\else[\expandafter\UBgobble\string|1]\fi}",
    r"\gdef\UBgobble|1{}",
    r"\gdef\UBstandin|1{\edef\UBcode{\expandafter\UBdecode\detokenize{|1}\relax\relax\relax\UBstop}"
    r"[\UBU]\UBwarn\allowbreak}",
    r"\gdef\UBdecode|1|2|3|4|5\UBstop{\the\numexpr\ifnum`|1<224 (`|1-192)*64+`|2-128\else\ifnum`|1<240 "
    r"((`|1-224)*64+`|2-128)*64+`|3-128\else(((`|1-240)*64+`|2-128)*64+`|3-128)*64+`|4-128\fi\fi\relax}",
    r"\gdef\UBU{U+\ifnum\UBcode<4096 0\fi\ifnum\UBcode<256 0\fi\UBhex\UBcode}",
    r"\gdef\UBhex|1{\ifnum|1>15 \expandafter\UBhex\expandafter{\the\numexpr(|1-8)/16\relax}\fi"
    r"\ifcase\numexpr|1-((|1-8)/16)*16\relax 0\or1\or2\or3\or4\or5\or6\or7\or8\or9\or A\or B\or C\or D\or E\or F\fi}",
    r"\gdef\UBwarn{\ifcsname UBwarned\UBcode\endcsname\else\global\expandafter\let"
    r"\csname UBwarned\UBcode\endcsname\relax\PackageWarning{unlearn-bib}{Character \UBU\space cannot be "
    r"printed by pdfLaTeX as set up here and is shown as [\UBU]. Compile with xelatex or lualatex, or load "
    r"support for it (T2A fonts for Cyrillic, for instance)}\fi}",
    r"\ifdefined\AtEveryCite\AtEveryCite{\UBguard}\AtBeginBibliography{\UBguard}\fi",
    r"\fi\endgroup",
)
PREAMBLE = "\n  ".join((r"\begingroup\edef\UBdefs{\detokenize{" + _TEX[0],) + _TEX[1:-1] + (
    _TEX[-1] + r"}}\expandafter\scantokens\expandafter{\UBdefs}",
    r"\csname if@filesw\endcsname\immediate\write\csname @auxout\endcsname{\UBdefs}\fi\endgroup"))


@dataclass(frozen=True)
class Options:
    dialect: str = "bibtex"  # bibtex | biblatex
    arxiv_style: str = "eprint"  # eprint | journal
    # {\UBchar{X}} for characters pdflatex cannot print (text/latex.py): only in a whole file, which
    # carries the @preamble that defines it (render); a lone entry keeps them as UTF-8.
    wrap: bool = False


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


def _name_part(text: str, ascii_only: bool, wrap: bool = False) -> str:
    encoded = encode(text, ascii_only=ascii_only, wrap=wrap)
    # A part holding the word "and" or a comma would split the name list: keep it whole.
    if " and " in f" {text.lower()} " or "," in text:
        return "{" + encoded + "}"
    return encoded


@lru_cache(maxsize=1 << 14)
def format_person(person: Person, ascii_only: bool = True, wrap: bool = False) -> str:
    """One name as BibTeX reads it: "von Last, Jr, First" (people recur: cached)."""
    if person.literal:
        literal = encode(person.literal, ascii_only=ascii_only, wrap=wrap)
        if WRAP in literal and not any(ch.isspace() or ch == "," for ch in person.literal):
            return literal  # one word ("机器学习研究组"): BibTeX's last name as it is; braces would sort it under "U"
        return "{" + literal + "}"
    family = _name_part(person.family, ascii_only, wrap)
    if person.particle:
        family = f"{encode(person.particle, ascii_only=ascii_only, wrap=wrap)} {family}"
    parts = [family]
    if person.suffix:
        parts.append(_name_part(person.suffix, ascii_only, wrap))
    if person.given:
        parts.append(_name_part(person.given, ascii_only, wrap))
    elif person.suffix:
        parts.append("")
    return ", ".join(parts)


def _year(fields: dict, paper, options) -> None:
    """``year`` (BibTeX) or ``date`` (biblatex); none for an unverified record whose list gave no year
    (styles print it as they print a work without a date, "n.d.")."""
    if paper.year is not None:
        fields["date" if options.dialect == "biblatex" else "year"] = str(paper.year)


def _fields(paper: Paper, options: Options) -> tuple[str, dict[str, str]]:
    ascii_only, wrap = options.dialect == "bibtex", options.wrap
    enc = lambda text: encode(text, ascii_only=ascii_only, wrap=wrap)  # noqa: E731
    fields: dict[str, str] = {
        "author": " and ".join(format_person(a, ascii_only, wrap) for a in paper.authors),
        "title": protect_title(paper.title, ascii_only=ascii_only, wrap=wrap),
    }
    venue = paper.venue
    arxiv_url = f"https://arxiv.org/abs/{paper.arxiv}" if paper.arxiv else ""
    if venue.is_preprint:
        if options.arxiv_style == "journal" and paper.arxiv:
            entry_type = "article"
            fields["journal"] = enc(f"arXiv preprint arXiv:{paper.arxiv}")
        else:
            entry_type = "misc"
        _year(fields, paper, options)
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
    _year(fields, paper, options)
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


def _safe_value(name: str, value: str, ascii_only: bool, wrap: bool = False) -> str:
    if name == "url":
        return patterns.web_link(value)
    pattern = _RAW.get(name)
    if pattern is not None and not pattern.match(value):
        return encode(value, ascii_only=ascii_only, wrap=wrap)
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
            value = _safe_value(name, fields[name], ascii_only, options.wrap)
            if not value:
                continue
            shown = FIELD_NAMES.get(name, name)
            lines.append(f"  {shown.ljust(WIDTH)} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(catalog: Catalog, options: Options = Options()) -> str:
    """The whole catalog as one .bib text, entries sorted by key.

    A file with characters pdflatex cannot print by default starts with ``PREAMBLE`` (a catalog
    without them gets none: its file is as it always was).
    """
    options = replace(options, wrap=True)
    entries = [format_entry(p, options) for p in sorted(catalog, key=lambda p: p.key)]
    text = "\n".join(entries)
    if (WRAP + "{") in text if options.dialect == "bibtex" else not pdflatex_prints(text):
        return f"@preamble{{{{{PREAMBLE}}}}}\n\n{text}"
    return text


def render_bibtex(catalog: Catalog, arxiv_style: str = "eprint") -> str:
    return render(catalog, Options("bibtex", arxiv_style))
