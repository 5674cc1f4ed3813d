"""Match a user's BibTeX entries to catalog papers and rewrite them into the published form.

Survey authors collect BibTeX from Google Scholar, DBLP and the authors' READMEs, so most
entries still say ``journal = {arXiv preprint arXiv:2311.17717}`` long after the paper
appeared at a conference. ``normalize_bib`` replaces every entry that is a catalog paper by
the catalog's entry (keeping the user's key and the user's own extra fields) and leaves
everything else in the file byte for byte as it was.

``match`` is the one matching rule, shared with ``unlearn-bib import``: identifiers first
(arXiv id, DOI, OpenReview id), then the normalized title (aliases count), then a fuzzy
title only above a conservative threshold and only when the first authors agree. Whatever
is not certain is left alone and reported as ambiguous.
"""
from __future__ import annotations

import difflib
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from unlearn_bib.errors import error_at
from unlearn_bib.keys import ascii_fold
from unlearn_bib.model import Catalog, Paper, normalize_title

FUZZY_ACCEPT = 0.90  # title similarity needed (with agreeing first authors) to accept a fuzzy match
FUZZY_REPORT = 0.80  # closer than this but not accepted: reported as ambiguous
ID_TITLE_AGREEMENT = 0.5  # word overlap an identifier match needs between the two titles
MIN_TITLE_WORDS = 4  # an exact title match without authors to confirm it needs this many words

# --- reading BibTeX values ----------------------------------------------------------------

MONTHS = {m[:3].lower(): m for m in (
    "January February March April May June July August September October November December").split()}

_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_IN_TEXT = re.compile(
    rf"arxiv(?:\.org/(?:abs|pdf|html)/|[^0-9a-z]{{0,3}}(?:preprint|e-?print|abs)?[^0-9a-z]{{0,12}}(?:arxiv[:\s]*)?)"
    rf"({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?",
    re.IGNORECASE,
)
_ARXIV_BARE = re.compile(rf"^(?:arxiv:\s*)?(?:abs/)?({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?$", re.IGNORECASE)
_ARXIV_DOI = re.compile(rf"^10\.48550/arxiv\.({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?$", re.IGNORECASE)
_DOI_IN_TEXT = re.compile(r"(?:doi\.org/|doi:\s*)(10\.\d{4,9}/[^\s{}\"<>]+)", re.IGNORECASE)
_OPENREVIEW = re.compile(r"openreview\.net/(?:forum|pdf)/?\?(?:[^\s{}]*&)?id=([A-Za-z0-9_\-]+)", re.IGNORECASE)

# Fields in which people hide identifiers (Google Scholar, DBLP, arXiv, Zotero, Mendeley, JabRef).
ID_FIELDS = ("eprint", "arxivid", "arxiv", "url", "journal", "note", "howpublished", "volume", "doi",
             "pdf", "openreview")


def split_concatenation(raw: str) -> list[str]:
    """Split a raw BibTeX value at ``#`` outside braces and quotes."""
    parts, depth, quoted, start, i = [], 0, False, 0, 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\":  # \{ \} \" are text, not delimiters
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i])
            start = i + 1
        i += 1
    parts.append(raw[start:])
    return parts


def value_text(raw: str, strings: dict[str, str] | None = None) -> str:
    """A raw field value (``{...}``, ``"..."``, number, macro, concatenation) as its text."""
    strings = strings or {}
    out = []
    for part in split_concatenation(raw):
        part = part.strip()
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        elif part.lower() in strings:
            out.append(strings[part.lower()])
        elif part:
            out.append(MONTHS.get(part.lower(), part))  # jan, feb, ... are predefined; unknown macros stay
    return "".join(out)


def plain(text: str) -> str:
    """LaTeX field text -> plain Unicode, braces dropped, whitespace collapsed."""
    from unlearn_bib.latex import decode

    text = re.sub(r"\\(?:url|href|emph|textit|textbf|textsc|mbox|text)\s*(?=\{)", "", text)
    return re.sub(r"\s+", " ", decode(text)).strip()


def split_names(author: str) -> list[str]:
    """Split a BibTeX author list at top-level ``and``."""
    names, depth, start = [], 0, 0
    tokens = re.finditer(r"[{}]|\s+and\s+", author, flags=re.IGNORECASE)
    for token in tokens:
        text = token.group(0)
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
        elif depth == 0:
            names.append(author[start:token.start()])
            start = token.end()
    names.append(author[start:])
    return [n.strip() for n in names if n.strip()]


def _words(name: str) -> list[str]:
    """Whitespace-separated words of a name, a braced group counting as part of its word."""
    words, depth, current = [], 0, ""
    for ch in name:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch.isspace() and depth == 0:
            if current:
                words.append(current)
            current = ""
        else:
            current += ch
    if current:
        words.append(current)
    return words


def _split_top(text: str, sep: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "{") - (ch == "}")
        if ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def closing_brace(text: str, start: int) -> int:
    """Index of the brace closing the one at ``start``, or -1."""
    depth = 0
    for i in range(start, len(text)):
        depth += (text[i] == "{") - (text[i] == "}")
        if depth == 0:
            return i
    return -1


def _starts_lower(word: str) -> bool:
    """BibTeX's "von" test: the first letter is lower case and not inside braces."""
    if word.startswith("{") and not word.startswith("{\\"):
        return False
    letters = re.sub(r"\\[a-zA-Z]+|[^a-zA-Z\u00c0-\uffff]", "", word)
    return bool(letters) and letters[0].islower()


def parse_name(name: str) -> dict[str, str]:
    """One BibTeX name -> {family, given, particle, suffix} or {literal} (empty parts left out)."""
    name = name.strip()
    if name.startswith("{") and closing_brace(name, 0) == len(name) - 1 and not name.startswith("{\\"):
        return {"literal": plain(name)}  # {The Unlearning Consortium}
    parts = _split_top(name, ",")
    given = suffix = ""
    if len(parts) == 1:
        words = _words(parts[0])
        if len(words) == 1:
            return {"family": plain(words[0])}
        # First von Last: "von" starts at the first lower-case word before the last one
        last = len(words) - 1
        von_start = next((i for i in range(last) if _starts_lower(words[i])), last)
        von_end = von_start
        while von_end < last and _starts_lower(words[von_end]):
            von_end += 1
        given = " ".join(words[:von_start])
        particle = " ".join(words[von_start:von_end])
        family = " ".join(words[von_end:])
    else:
        first = _words(parts[0])
        von_end = 0
        while von_end < len(first) - 1 and _starts_lower(first[von_end]):
            von_end += 1
        particle = " ".join(first[:von_end])
        family = " ".join(first[von_end:])
        if len(parts) == 2:
            given = parts[1]
        else:
            suffix, given = parts[1], ", ".join(parts[2:])
    out = {"family": plain(family), "given": plain(given), "particle": plain(particle), "suffix": plain(suffix)}
    return {k: v for k, v in out.items() if v}


def fold_family(text: str) -> str:
    return re.sub(r"[^a-z]", "", ascii_fold(text).lower())


# --- identifiers of an entry or a table row --------------------------------------------------

@dataclass(frozen=True)
class Ids:
    """What a BibTeX entry or a table row says about which paper it is."""

    title: str = ""  # plain text
    arxiv: tuple[str, ...] = ()
    doi: tuple[str, ...] = ()
    openreview: tuple[str, ...] = ()
    families: tuple[str, ...] = ()  # folded family names, first author first

    @property
    def norm_title(self) -> str:
        return normalize_title(self.title)


def clean_doi(text: str) -> str:
    text = text.strip().replace("\\_", "_").replace("\\", "")
    text = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text, flags=re.IGNORECASE)
    return text.lower()


def arxiv_in(text: str) -> list[str]:
    return [m.group(1) for m in _ARXIV_IN_TEXT.finditer(text)]


def link_ids(link: str) -> tuple[str, str, str]:
    """(arXiv id, OpenReview id, DOI) named by one link; empty strings where none."""
    arxiv = next(iter(arxiv_in(link)), "")
    match = _OPENREVIEW.search(link)
    openreview = match.group(1) if match else ""
    match = _DOI_IN_TEXT.search(link)
    doi = clean_doi(match.group(1)) if match else ""
    if doi and _ARXIV_DOI.match(doi):
        arxiv, doi = arxiv or _ARXIV_DOI.match(doi).group(1), ""
    return arxiv, openreview, doi


def entry_ids(fields: dict[str, str]) -> Ids:
    """Identifiers from an entry's fields (lower-case names, evaluated values)."""
    arxiv: list[str] = []
    dois: list[str] = []
    openreview: list[str] = []
    for name in ID_FIELDS:
        value = fields.get(name, "")
        if not value:
            continue
        if name in ("eprint", "arxivid", "arxiv"):
            match = _ARXIV_BARE.match(value.strip())
            if match:
                arxiv.append(match.group(1))
        if name == "volume":
            match = re.match(rf"^abs/({_ARXIV_NEW}|{_ARXIV_OLD})$", value.strip(), re.IGNORECASE)
            if match and "corr" in fields.get("journal", "").lower():
                arxiv.append(match.group(1))
            continue
        if name == "doi":
            doi = clean_doi(value)
            match = _ARXIV_DOI.match(doi)
            if match:
                arxiv.append(match.group(1))
            elif doi:
                dois.append(doi)
            continue
        if name == "openreview" and re.fullmatch(r"[A-Za-z0-9_\-]{6,}", value.strip()):
            openreview.append(value.strip())
        arxiv += arxiv_in(value)
        a, o, d = link_ids(value)
        openreview += [o] if o else []
        dois += [d] if d else []
    families = tuple(
        fold_family(" ".join(filter(None, (person.get("particle", ""), person.get("family", "")))) or person.get("literal", ""))
        for person in (parse_name(n) for n in split_names(fields.get("author", "")))
        if person and not (person.get("family", "").lower() == "others" and len(person) == 1)
    )
    return Ids(
        title=plain(fields.get("title", "")),
        arxiv=tuple(dict.fromkeys(arxiv)),
        doi=tuple(dict.fromkeys(dois)),
        openreview=tuple(dict.fromkeys(openreview)),
        families=families,
    )


# --- the catalog side --------------------------------------------------------------------------

def _paper_families(paper: Paper) -> list[set[str]]:
    """For each author, the folded spellings their family name may take."""
    out = []
    for person in paper.authors:
        if person.literal:
            out.append({fold_family(person.literal)})
        else:
            out.append({fold_family(person.family), fold_family(person.full_family)})
    return out


class CatalogIndex:
    """Lookup tables over a catalog, built once per run."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.arxiv = {p.arxiv: p for p in catalog if p.arxiv}
        self.doi = {p.doi.lower(): p for p in catalog if p.doi}
        self.openreview = {p.openreview: p for p in catalog if p.openreview}
        self.titles: dict[str, Paper] = {}
        self.all_titles: list[tuple[str, Paper]] = []
        for paper in catalog:
            for title in (paper.plain_title, *paper.title_aliases):
                key = normalize_title(title)
                if key:
                    self.titles.setdefault(key, paper)
                    self.all_titles.append((key, paper))


@dataclass(frozen=True)
class Match:
    status: str  # matched | unmatched | ambiguous
    paper: Paper | None = None
    how: str = ""  # "arXiv id 2311.17717", "title", "similar title (0.93)"
    reason: str = ""  # why ambiguous


def _title_words(text: str) -> set[str]:
    return set(normalize_title(text).split())


def _word_overlap(a: str, b: str) -> float:
    wa, wb = _title_words(a), _title_words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _titles_agree(title: str, paper: Paper) -> bool:
    return any(_word_overlap(title, t) >= ID_TITLE_AGREEMENT for t in (paper.plain_title, *paper.title_aliases))


def _first_author_agrees(ids: Ids, paper: Paper) -> bool:
    families = _paper_families(paper)
    return bool(ids.families and families and ids.families[0] in families[0])


def _shares_author(ids: Ids, paper: Paper) -> bool:
    spellings = set().union(*_paper_families(paper)) if paper.authors else set()
    return bool(spellings & set(ids.families))


def _conflicts(ids: Ids, paper: Paper) -> str:
    """An identifier of the entry that contradicts the paper, described; '' if none."""
    if ids.arxiv and paper.arxiv and paper.arxiv not in ids.arxiv:
        return f"arXiv id {ids.arxiv[0]} differs from the catalog's {paper.arxiv}"
    if ids.arxiv and not paper.arxiv:
        return f"arXiv id {ids.arxiv[0]} is not recorded for it in the catalog"
    if ids.doi and paper.doi and paper.doi.lower() not in ids.doi:
        return f"DOI {ids.doi[0]} differs from the catalog's {paper.doi}"
    if ids.openreview and paper.openreview and paper.openreview not in ids.openreview:
        return f"OpenReview id {ids.openreview[0]} differs from the catalog's {paper.openreview}"
    return ""


def match(ids: Ids, index: CatalogIndex) -> Match:
    """Which catalog paper an entry or row is: the one matching rule of normalize and import."""
    hits: dict[str, tuple[Paper, str]] = {}
    for kind, values, table in (("arXiv id", ids.arxiv, index.arxiv), ("DOI", ids.doi, index.doi),
                                ("OpenReview id", ids.openreview, index.openreview)):
        for value in values:
            paper = table.get(value)
            if paper is not None:
                hits.setdefault(paper.key, (paper, f"{kind} {value}"))
    if len(hits) > 1:
        shown = " but ".join(f"{how} is {paper.key}" for paper, how in hits.values())
        return Match("ambiguous", reason=f"identifiers name different catalog papers: {shown}")
    if hits:
        paper, how = next(iter(hits.values()))
        if ids.title and not _titles_agree(ids.title, paper):
            return Match("ambiguous", paper, how,
                         f"{how} is {paper.key} ({paper.plain_title!r}) but the entry's title is {ids.title!r}")
        return Match("matched", paper, how)

    norm = ids.norm_title
    if not norm:
        return Match("unmatched")
    paper = index.titles.get(norm)
    if paper is not None:
        conflict = _conflicts(ids, paper)
        if conflict:
            return Match("ambiguous", paper, "title", f"same title as {paper.key} but {conflict}")
        if ids.families and paper.authors and not _shares_author(ids, paper):
            return Match("ambiguous", paper, "title", f"same title as {paper.key} but no author in common")
        if not ids.families and len(norm.split()) < MIN_TITLE_WORDS:
            return Match("ambiguous", paper, "title", f"short title {ids.title!r} and no authors to confirm {paper.key}")
        return Match("matched", paper, "title")

    scored: dict[str, tuple[float, Paper]] = {}
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(norm)  # seq2 is the one SequenceMatcher indexes: index the entry's title once
    for key, candidate in index.all_titles:
        matcher.set_seq1(key)
        if matcher.real_quick_ratio() < FUZZY_REPORT or matcher.quick_ratio() < FUZZY_REPORT:
            continue
        ratio = matcher.ratio()
        if ratio >= FUZZY_REPORT and ratio > scored.get(candidate.key, (0.0, None))[0]:
            scored[candidate.key] = (ratio, candidate)
    if not scored:
        return Match("unmatched")
    ranked = sorted(scored.values(), key=lambda item: (-item[0], item[1].key))
    ratio, best = ranked[0]
    how = f"similar title ({ratio:.2f})"
    accepted = [p for r, p in ranked if r >= FUZZY_ACCEPT]
    if len(accepted) > 1:
        return Match("ambiguous", best, how, f"title is close to several papers: {', '.join(p.key for p in accepted)}")
    if ratio < FUZZY_ACCEPT:
        return Match("ambiguous", best, how, f"title resembles {best.key} ({best.plain_title!r}) only at {ratio:.2f}")
    if not _first_author_agrees(ids, best):
        first = ids.families[0] if ids.families else "none"
        theirs = best.authors[0].family if best.authors else "none"
        return Match("ambiguous", best, how, f"title is close to {best.key} but the first authors differ ({first} / {theirs})")
    conflict = _conflicts(ids, best)
    if conflict:
        return Match("ambiguous", best, how, f"title is close to {best.key} but {conflict}")
    return Match("matched", best, how)


# --- reading a .bib file with spans ------------------------------------------------------------

@dataclass
class BibEntry:
    key: str
    entry_type: str
    line: int  # 1-based
    start: int  # character offsets of the block in the text
    end: int
    raw: str
    raw_fields: list[tuple[str, str]]  # (name as written, raw value)
    fields: dict[str, str]  # lower-case name -> evaluated text (LaTeX not decoded)

    def ids(self) -> Ids:
        return entry_ids(self.fields)


@dataclass
class Bib:
    text: str
    entries: list[BibEntry]
    problems: list[tuple[int, str]]  # (line, message): blocks left untouched


@contextmanager
def _quiet_bibtexparser():
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def decode_bib(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error_at(path, data[: exc.start].count(b"\n") + 1, "not valid UTF-8",
                       "save the file as UTF-8 (BibTeX reads UTF-8 with \\usepackage[utf8]{inputenc})") from None


def _reason(block) -> str:
    error = getattr(block, "error", None)
    text = getattr(error, "abort_reason", None) or (str(error) if error else "") or "could not be parsed"
    text = re.sub(r"\s+", " ", text.split(". Note:")[0]).strip()
    return text[0].lower() + text[1:] if text else text


def read_bib(text: str, path: str) -> Bib:
    """Parse a .bib into entries with their exact spans; broken blocks become problems.

    A block bibtexparser cannot recover from (an entry still open at the end of the file)
    is an error naming its line: writing such a file back would hide the damage.
    """
    import bibtexparser
    from bibtexparser import model as bm

    with _quiet_bibtexparser():
        try:
            library = bibtexparser.parse_string(text, parse_stack=[])
        except Exception as exc:  # the splitter raises on input it cannot even split
            raise error_at(path, None, f"cannot parse BibTeX: {exc}") from None
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    strings: dict[str, str] = {}
    entries: list[BibEntry] = []
    problems: list[tuple[int, str]] = []
    first_line: dict[str, int] = {}
    cursor = 0
    for block in library.blocks:
        line = block.start_line + 1
        origin = line_starts[min(block.start_line, len(line_starts) - 1)]
        start = text.find(block.raw, max(cursor, origin))
        if start < 0:
            start = text.find(block.raw, origin)
        if start < 0:  # cannot place it: never touch it
            problems.append((line, "block could not be located in the file; left unchanged"))
            continue
        end = start + len(block.raw)
        cursor = end
        if isinstance(block, bm.ParsingFailedBlock):
            reason = _reason(block)
            head = block.raw.split("\n", 1)[0][:60]
            if isinstance(block, bm.DuplicateBlockKeyBlock):
                key = getattr(block, "key", "")
                problems.append((line, f"duplicate key {key!r} (first on line {first_line.get(key, '?')}); BibTeX will "
                                       "use the first; this entry left unchanged"))
            elif isinstance(block, bm.DuplicateFieldKeyBlock):
                problems.append((line, f"{head!r}: {reason}; left unchanged"))
            elif getattr(getattr(block, "error", None), "end_index", 0) is None or "end of file" in reason.lower():
                raise error_at(path, line, f"entry {head!r} is not closed before the end of the file "
                                           "(unbalanced braces or a truncated entry)")
            else:
                problems.append((line, f"malformed entry {head!r} ({reason}); left unchanged"))
            continue
        if isinstance(block, bm.String):
            strings[block.key.lower()] = value_text(block.value, strings)
            continue
        if isinstance(block, bm.ImplicitComment):
            depth = sum((ch == "{") - (ch == "}") for ch in block.raw)
            if depth < 0:
                problems.append((line, "stray '}' outside any entry (the entry before it has one brace too many?)"))
            continue
        if not isinstance(block, bm.Entry):
            continue
        first_line.setdefault(block.key, line)
        raw_fields = [(f.key, f.value) for f in block.fields]
        fields = {}
        for name, raw in raw_fields:
            fields.setdefault(name.lower(), value_text(raw, strings))
        entries.append(BibEntry(block.key, block.entry_type.lower(), line, start, end, block.raw, raw_fields, fields))
    return Bib(text, entries, problems)


# --- venues as people write them -----------------------------------------------------------------

_ORDINAL = (r"(?:\d+(?:st|nd|rd|th)|(?:(?:twenty|thirty|forty|fifty|sixty)-?)?(?:first|second|third|fourth|fifth|"
            r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
            r"seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth))")
# Stripped from the front one at a time; every intermediate form is tried against the registry.
_LEADING = [re.compile(p, re.IGNORECASE) for p in (
    r"^(?:in\s+)?(?:proceedings|proc\.?)\s+(?:of\s+)?(?:the\s+)?", r"^the\s+", r"^(?:19|20)\d\d\s+(?:on\s+)?",
    rf"^{_ORDINAL}\s+", r"^on\s+", r"^ieee\s*/\s*cvf\s+", r"^ieee\s+", r"^acm\s+sigsac\s+", r"^acm\s+",
    r"^(?:annual\s+)?conference\s+on\s+",
)]
_PREPRINT = re.compile(r"arxiv|corr\b|biorxiv|medrxiv|preprint|ssrn", re.IGNORECASE)


def _fold(text: str) -> str:
    return re.sub(r"[^0-9a-z&]+", "", ascii_fold(text).lower())


def _registry_lookup(name: str) -> str | None:
    from unlearn_bib import venues
    from unlearn_bib.errors import UnlearnBibError

    name, _ = venues.split_year(name.strip(" ,.;:-"))
    if not name:
        return None
    try:
        return venues.lookup(name)
    except UnlearnBibError:
        return None


def _candidates(text: str):
    yield text
    for group in re.findall(r"\(([^()]+)\)", text):  # "(CVPR)"
        yield group
    stripped = re.sub(r"\s*\([^()]*\)", "", text).strip()
    changed = True
    while changed:
        changed = False
        for pattern in _LEADING:
            new = pattern.sub("", stripped, count=1).strip()
            if new != stripped and new:
                stripped, changed = new, True
                yield stripped
    for part in re.split(r"\s+[-\u2013\u2014]+\s+|,\s*", text):  # DBLP: "Computer Vision - ECCV 2024 - 18th ..."
        if part and part != text:
            yield from _candidates(part)


def container_venue(text: str, year: int | None = None) -> str | None:
    """Registry id for a journal or booktitle as Google Scholar, DBLP or an author writes it."""
    from unlearn_bib import venues

    text = plain(text)
    if not text:
        return None
    folded = _fold(text)
    if year:
        for vid, _short, name, _aliases in venues.all_venues():
            venue = venues.resolve(vid, year)
            if folded in {_fold(venue.booktitle), _fold(venue.journal)} - {""}:
                return vid
    workshop = re.search(r"\s+workshops?$", text, re.IGNORECASE)
    if workshop:
        base = container_venue(text[:workshop.start()], None)
        if base and "/" not in base:
            return _registry_lookup(f"{venues.short_name(base)} Workshops") or base
    for candidate in _candidates(text):
        found = _registry_lookup(candidate)
        if found:
            return found
    return None


def is_preprint_entry(entry_type: str, fields: dict[str, str]) -> bool:
    """An entry that describes a preprint: an arXiv/CoRR journal, or no venue but an arXiv id."""
    container = fields.get("journal") or fields.get("booktitle") or ""
    if container:
        return bool(_PREPRINT.search(container))
    if any(_PREPRINT.search(fields.get(name, "")) for name in ("howpublished", "publisher")):
        return True
    return bool(entry_ids(fields).arxiv)


def entry_year(fields: dict[str, str]) -> int | None:
    """The first 19xx or 20xx in an entry's year (or date) field, or None."""
    match = re.search(r"(?:19|20)\d\d", fields.get("year", "") or fields.get("date", ""))
    return int(match.group(0)) if match else None


# --- rewriting ---------------------------------------------------------------------------------

# Bibliographic fields: always replaced by the catalog's (dropped when the catalog has none).
REPLACED = frozenset((
    "author", "title", "booktitle", "journal", "journaltitle", "series", "publisher", "year", "date", "doi",
    "url", "eprint", "eprinttype", "archiveprefix", "primaryclass", "eprintclass", "howpublished", "type",
))
# Fields of one publication the catalog may lack (pages from DBLP, an editor list): kept only when
# the user's entry already is the published version (same venue and year), since an arXiv
# record's volume "abs/2311.17717" or month says nothing about the conference paper.
SAME_PUBLICATION = frozenset((
    "volume", "number", "issue", "pages", "month", "address", "location", "organization", "editor", "isbn",
    "issn", "institution", "school", "chapter", "edition", "venue", "eventdate", "eventtitle", "booksubtitle",
    "maintitle",
))
_STALE_NOTE = re.compile(r"arxiv|preprint|accepted|to appear|under review|in submission|submitted", re.IGNORECASE)


def same_publication(entry: "BibEntry", paper: Paper) -> bool:
    """Does the user's entry already describe the catalog's published version?"""
    if is_preprint_entry(entry.entry_type, entry.fields) or paper.venue.is_preprint:
        return False
    if entry_year(entry.fields) != paper.year:
        return False
    container = entry.fields.get("booktitle") or entry.fields.get("journal") or ""
    return container_venue(container, paper.year) == paper.venue.id


def _norm_value(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and (raw[0], raw[-1]) in (("{", "}"), ('"', '"')):
        raw = raw[1:-1]
    return re.sub(r"\s+", " ", raw).strip()


def catalog_fields(paper: Paper) -> tuple[str, list[tuple[str, str]]]:
    """(entry type, [(field name, raw value)]) of the catalog's BibTeX entry for a paper."""
    import bibtexparser

    from unlearn_bib.export.bibtex import Options, format_entry

    with _quiet_bibtexparser():
        library = bibtexparser.parse_string(format_entry(paper, Options("bibtex")), parse_stack=[])
    entry = library.entries[0]
    return entry.entry_type.lower(), [(f.key, f.value) for f in entry.fields]


def merge(entry: BibEntry, paper: Paper) -> tuple[str, list[tuple[str, str]], list[str]]:
    """The rewritten entry's type and fields, and the user's fields that were dropped."""
    entry_type, fields = catalog_fields(paper)
    ours = {name.lower() for name, _ in fields}
    keep_publication = same_publication(entry, paper)
    kept, dropped = [], []
    for name, raw in entry.raw_fields:
        lower = name.lower()
        if lower in ours:
            continue
        if lower in REPLACED or (lower in SAME_PUBLICATION and not keep_publication) or (
                lower == "note" and _STALE_NOTE.search(entry.fields.get("note", ""))):
            dropped.append(name)
            continue
        kept.append((name, raw))
    return entry_type, fields + kept, dropped


def render_entry(entry_type: str, key: str, fields: list[tuple[str, str]], newline: str = "\n") -> str:
    from unlearn_bib.export.bibtex import WIDTH

    lines = [f"@{entry_type}{{{key},"]
    lines += [f"  {name.ljust(WIDTH)} = {raw.strip()}," for name, raw in fields]
    lines.append("}")
    return newline.join(lines)


def describe(entry_type: str, fields: dict[str, str]) -> str:
    """'@article, arXiv preprint arXiv:2311.17717, 2023' - where an entry says it appeared."""
    where = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished") or fields.get("publisher") or ""
    where = plain(where)
    if not where and (fields.get("eprint") or "").strip():
        where = f"{plain(fields.get('archiveprefix', '') or 'eprint')} {fields['eprint'].strip()}"
    if len(where) > 60:
        where = where[:57] + "..."
    year = fields.get("year", "") or fields.get("date", "")[:4]
    return ", ".join(x for x in (f"@{entry_type}", where, year.strip()) if x)


def _venue_label(paper: Paper) -> str:
    return paper.venue.short if paper.venue.is_preprint else f"{paper.venue.short} {paper.year}"


@dataclass(frozen=True)
class Report:
    line: int
    key: str
    status: str  # normalized | current | unmatched | ambiguous | unverified | broken
    message: str = ""


@dataclass
class Result:
    text: str
    reports: list[Report] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.reports)


def normalize_bib(text: str, catalog: Catalog, path: str = "refs.bib") -> Result:
    """Rewrite every catalog paper in a .bib text into its published form; see the module doc."""
    bib = read_bib(text, path)
    index = CatalogIndex(catalog)
    reports: list[Report] = []
    replacements: list[tuple[int, int, str]] = []
    seen: dict[str, BibEntry] = {}
    for line, message in bib.problems:
        reports.append(Report(line, "", "broken", message))
    for entry in bib.entries:
        if entry.entry_type in ("comment", "preamble", "string"):
            continue
        found = match(entry.ids(), index)
        if found.status == "unmatched":
            reports.append(Report(entry.line, entry.key, "unmatched"))
            continue
        if found.status == "ambiguous":
            reports.append(Report(entry.line, entry.key, "ambiguous", found.reason + "; left unchanged"))
            continue
        paper = found.paper
        also = seen.get(paper.key)
        note = f" (also entry {also.key!r} on line {also.line}: the same paper twice?)" if also else ""
        seen.setdefault(paper.key, entry)
        if paper.needs_verification:
            reports.append(Report(entry.line, entry.key, "unverified",
                                  f"is {paper.key} ({found.how}), but that catalog record still needs verification; left unchanged"))
            continue
        entry_type, fields, dropped = merge(entry, paper)
        before = {(n.lower(), _norm_value(v)) for n, v in entry.raw_fields}
        after = {(n.lower(), _norm_value(v)) for n, v in fields}
        if entry_type == entry.entry_type and before == after:
            reports.append(Report(entry.line, entry.key, "current", f"is {paper.key} ({found.how}){note}"))
            continue
        newline = "\r\n" if "\r\n" in entry.raw else "\n"
        replacements.append((entry.start, entry.end, render_entry(entry_type, entry.key, fields, newline)))
        old = {n.lower(): _norm_value(v) for n, v in entry.raw_fields}
        changed = [n for n, v in fields if n.lower() in old and old[n.lower()] != _norm_value(v)]
        added = [n for n, _ in fields if n.lower() not in old]
        details = "; ".join(part for part in (
            f"changed {', '.join(changed)}" if changed else "",
            f"added {', '.join(added)}" if added else "",
            f"removed {', '.join(dropped)}" if dropped else "",
        ) if part)
        reports.append(Report(
            entry.line, entry.key, "normalized",
            f"{describe(entry.entry_type, entry.fields)} -> @{entry_type}, {_venue_label(paper)} "
            f"[{paper.key}, by {found.how}]" + (f" ({details})" if details else "") + note,
        ))
    out, pos = [], 0
    for start, end, new in sorted(replacements):
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    reports.sort(key=lambda r: r.line)
    return Result("".join(out), reports)


LABELS = {"normalized": "normalized", "current": "already current", "unmatched": "unmatched",
          "ambiguous": "ambiguous", "unverified": "not rewritten", "broken": "unreadable"}


def format_report(result: Result, path: str) -> list[str]:
    """One line per entry (and per broken block), then a summary line."""
    lines = []
    for r in result.reports:
        who = f"{r.key}: " if r.key else ""
        lines.append(f"{path}:{r.line}: {who}{LABELS[r.status]}" + (f": {r.message}" if r.message else ""))
    total = sum(r.status != "broken" for r in result.reports)
    always = ("normalized", "current", "unmatched", "ambiguous")
    counts = [f"{result.count(s)} {LABELS[s]}" for s in LABELS if s in always or (result.count(s) and s != "broken")]
    broken = result.count("broken")
    tail = f"; {broken} unreadable block{'s' if broken != 1 else ''} left as {'they were' if broken != 1 else 'it was'}" if broken else ""
    lines.append(f"{path}: {total} entries: {', '.join(counts)}{tail}")
    return lines


def unified_diff(before: str, after: str, path: str) -> str:
    diff = difflib.unified_diff(before.splitlines(True), after.splitlines(True), path, path)
    text = ""
    for line in diff:
        text += line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
    return text


__all__ = ["CatalogIndex", "Ids", "Match", "match", "entry_ids", "link_ids", "read_bib", "normalize_bib",
           "format_report", "unified_diff", "parse_name", "split_names", "plain"]
