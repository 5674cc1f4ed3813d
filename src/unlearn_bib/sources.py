"""A user's own bibliography (BibTeX .bib or CSL-JSON .json) read into a ``Catalog``.

So that ``--papers my.bib`` goes through the same formatting layer as the catalog. The
model has three shapes of paper (journal article, proceedings paper, preprint); other
entry types are mapped to the closest one (``TYPE_MAP``). Every problem names FILE:LINE.
"""
from __future__ import annotations

import json
import re

from unlearn_bib.errors import Location, Problem, UnlearnBibError, error_at
from unlearn_bib.model import Catalog, Paper, Person, Venue

# CSL type -> model shape. Anything else is a preprint-shaped item (title, authors, year,
# publisher, URL), which every style can print.
CSL_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "review": "article", "review-book": "article",
    "paper-conference": "inproceedings", "chapter": "inproceedings", "entry-encyclopedia": "inproceedings",
    "entry-dictionary": "inproceedings",
}
BIBTEX_TYPES = {
    "article": "article", "inproceedings": "inproceedings", "conference": "inproceedings",
    "incollection": "inproceedings", "inbook": "inproceedings",
}
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")


def load_foreign(path: str) -> Catalog:
    """Read a .bib or CSL-JSON .json file into a Catalog, or raise UnlearnBibError (FILE:LINE)."""
    from unlearn_bib.catalog import read_bytes

    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error_at(path, data[: exc.start].count(b"\n") + 1, "not valid UTF-8") from None
    if path.lower().endswith(".bib"):
        return load_bibtex(text, path)
    return load_csljson(text, path)


def _catalog(papers: list[Paper], path: str, problems: list[Problem]) -> Catalog:
    seen: dict[str, Paper] = {}
    for paper in papers:
        first = seen.get(paper.key)
        if first is not None:
            problems.append(Problem(f"duplicate key {paper.key!r} (first on line {first.where.line})", paper.where))
        seen.setdefault(paper.key, paper)
    if problems:
        raise UnlearnBibError(*problems)
    return Catalog(tuple(papers), (), path)


def _venue(shape: str, container: str, publisher: str, series: str) -> Venue:
    if shape == "article":
        return Venue("", container, container, "article", journal=container, publisher=publisher)
    if shape == "inproceedings":
        return Venue("", container, container, "inproceedings", booktitle=container, publisher=publisher,
                     series=series)
    return Venue("", publisher or "preprint", publisher, "preprint", publisher=publisher)


def _pages(text: str) -> str:
    """'73-88', '73–88' or '73--88' -> the model's '73--88'."""
    return re.sub(r"\s*(?:--|[-–—])\s*", "--", text.strip())


def _year(text: str) -> int:
    match = re.search(r"(?<!\d)(\d{4})(?!\d)", text)
    return int(match.group(1)) if match else 0


# --- CSL-JSON --------------------------------------------------------------------------------

def _json_items(text: str, path: str) -> list[tuple[int, object]]:
    """The elements of a top-level JSON array with the line each starts on."""
    decoder = json.JSONDecoder()
    line_of = lambda index: text.count("\n", 0, index) + 1  # noqa: E731

    def skip(index: int) -> int:
        while index < len(text) and text[index] in " \t\r\n":
            index += 1
        return index

    def fail(exc: json.JSONDecodeError):
        return error_at(path, exc.lineno, f"invalid JSON: {exc.msg}")

    index = skip(0)
    if index >= len(text):
        raise error_at(path, None, "file is empty")
    if text[index] != "[":
        try:
            decoder.raw_decode(text, index)
        except json.JSONDecodeError as exc:
            raise fail(exc) from None
        raise error_at(path, line_of(index), "CSL-JSON must be a list of items ([{...}, ...])")
    items = []
    index = skip(index + 1)
    if index < len(text) and text[index] == "]":
        return items
    while True:
        start = skip(index)
        try:
            value, index = decoder.raw_decode(text, start)
        except json.JSONDecodeError as exc:
            raise fail(exc) from None
        items.append((line_of(start), value))
        index = skip(index)
        if index < len(text) and text[index] == ",":
            index += 1
            continue
        if index < len(text) and text[index] == "]":
            break
        raise error_at(path, line_of(min(index, len(text) - 1)), "invalid JSON: expected ',' or ']'")
    if skip(index + 1) != len(text):
        raise error_at(path, line_of(skip(index + 1)), "invalid JSON: extra data after the list")
    return items


_NOCASE = re.compile(r'<span\s+class="nocase">(.*?)</span>', re.S | re.I)
_TAG = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^>]*)?>", re.I)


def _rich_text(value: str) -> str:
    """CSL rich text -> the model's title: nocase spans become {protection}, other tags go."""
    return _TAG.sub("", _NOCASE.sub(lambda m: "{" + m.group(1) + "}", value)).strip()


_PARTICLE = re.compile(r"^((?:[^\W\d_A-Z\u00c0-\u00de][\w]*(?:\s+|(?<=\w)['’-]))+)(?=\w)(.+)$")


def split_particle(family: str) -> tuple[str, str]:
    """'van der Berg' -> ('van der', 'Berg'); 'al-Farsi' -> ('al-', 'Farsi'), as citeproc-js and
    pandoc read a CSL-JSON family name that starts with lower-case words."""
    match = _PARTICLE.match(family)
    if not match or not match.group(2)[:1].isupper():
        return "", family
    return match.group(1).strip(), match.group(2)


def _csl_person(raw, where: Location, problems: list[Problem]) -> Person | None:
    if not isinstance(raw, dict):
        problems.append(Problem("each name must be an object with 'family' and 'given' (or 'literal')", where))
        return None
    if raw.get("literal"):
        return Person(literal=str(raw["literal"]).strip())
    family = str(raw.get("family", "")).strip()
    given = str(raw.get("given", "")).strip()
    dropping = str(raw.get("dropping-particle", "")).strip()
    if dropping:
        given = f"{given} {dropping}".strip()
    if not family:
        if given:
            return Person(literal=given)
        problems.append(Problem("a name has neither 'family' nor 'literal'", where))
        return None
    particle = str(raw.get("non-dropping-particle", "")).strip()
    if not particle:
        particle, family = split_particle(family)
    return Person(family=family, given=given, particle=particle, suffix=str(raw.get("suffix", "")).strip())


def _csl_year(issued) -> int:
    if not isinstance(issued, dict):
        return _year(str(issued)) if issued else 0
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            return int(parts[0][0])
        except (TypeError, ValueError):
            return 0
    return _year(str(issued.get("literal") or issued.get("raw") or ""))


def _csl_paper(raw, line: int, path: str, problems: list[Problem]) -> Paper | None:
    where = Location(path, line)
    if not isinstance(raw, dict):
        problems.append(Problem("each CSL-JSON item must be an object", where))
        return None
    if "id" not in raw or not str(raw["id"]).strip():
        problems.append(Problem("item has no 'id'", where))
        return None
    key = str(raw["id"]).strip()
    title = raw.get("title", "")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(f"item {key!r} has no title", where))
        return None
    names = raw.get("author", [])
    if not isinstance(names, list):
        problems.append(Problem(f"item {key!r}: 'author' must be a list of names", where))
        return None
    authors = [_csl_person(n, where, problems) for n in names]
    if any(a is None for a in authors):
        return None
    text = lambda name: str(raw.get(name, "") or "").strip()  # noqa: E731
    shape = CSL_TYPES.get(text("type"), "preprint")
    number = text("number")
    arxiv = ""
    if shape == "preprint":
        match = re.match(r"arxiv:\s*" + _ARXIV_ID.pattern, number, re.I)
        url_match = re.search(r"arxiv\.org/(?:abs|pdf)/" + _ARXIV_ID.pattern, text("URL"))
        if match or url_match:
            arxiv = (match or url_match).group(1)
    publisher = "" if arxiv and text("publisher").lower() == "arxiv" else text("publisher")
    return Paper(
        key=key, title=_rich_text(title), authors=tuple(authors), year=_csl_year(raw.get("issued")),
        venue=_venue(shape, _rich_text(text("container-title")), publisher, text("collection-title")),
        arxiv=arxiv, doi=text("DOI"), pages=_pages(text("page")), volume=text("volume"),
        number=text("issue") if shape != "preprint" else "", publisher=publisher,
        url=text("URL"), where=where,
    )


def load_csljson(text: str, path: str) -> Catalog:
    problems: list[Problem] = []
    papers = [_csl_paper(raw, line, path, problems) for line, raw in _json_items(text, path)]
    return _catalog([p for p in papers if p is not None], path, problems)


# --- BibTeX ----------------------------------------------------------------------------------

def _decode_title(text: str) -> str:
    """LaTeX title -> model title: accents decoded, {protected} groups kept as braces."""
    from unlearn_bib.latex import decode, matching_brace

    out: list[str] = []
    plain = ""
    index = 0
    while index < len(text):
        ch = text[index]
        if ch == "\\" and index + 1 < len(text):
            plain += text[index:index + 2]
            index += 2
            continue
        if ch == "{" and not text.startswith("{\\", index):
            end = matching_brace(text, index)
            if end > index:
                out.append(decode(plain))
                plain = ""
                out.append("{" + decode(text[index + 1:end]) + "}")
                index = end + 1
                continue
        plain += ch
        index += 1
    out.append(decode(plain))
    return " ".join("".join(out).split())


def _bib_people(value: str, where: Location, problems: list[Problem]) -> list[Person]:
    from bibtexparser.middlewares.names import (InvalidNameError, parse_single_name_into_parts,
                                                 split_multiple_persons_names)

    from unlearn_bib.latex import decode

    people = []
    for name in split_multiple_persons_names(value):
        name = name.strip()
        if not name or name.lower() == "others":
            continue
        if name.startswith("{") and name.endswith("}") and name.count("{") == 1:
            people.append(Person(literal=decode(name[1:-1]).strip()))
            continue
        try:
            parts = parse_single_name_into_parts(name, strict=False)
        except InvalidNameError as exc:
            problems.append(Problem(f"cannot read the name {name!r}: {exc}", where))
            continue
        join = lambda words: " ".join(decode(w) for w in words).strip()  # noqa: E731
        family, given = join(parts.last), join(parts.first)
        if not family:
            family, given = given, ""
        people.append(Person(family=family, given=given, particle=join(parts.von), suffix=join(parts.jr)))
    return people


def _bib_paper(entry, path: str, problems: list[Problem]) -> Paper | None:
    from unlearn_bib.latex import decode

    line = (entry.start_line or 0) + 1
    where = Location(path, line)
    fields = {k.lower(): v for k, v in entry.fields_dict.items()}
    value = lambda name: str(fields[name].value).strip() if name in fields else ""  # noqa: E731
    text = lambda name: " ".join(decode(value(name)).split())  # noqa: E731
    field_line = lambda name: Location(path, fields[name].start_line + 1) if name in fields else where  # noqa: E731
    if not value("title"):
        problems.append(Problem(f"entry {entry.key!r} has no title", where))
        return None
    authors = _bib_people(value("author"), field_line("author"), problems) if value("author") else []
    kind = entry.entry_type.lower()
    shape = BIBTEX_TYPES.get(kind, "preprint")
    journal = text("journal") or text("journaltitle")
    arxiv = ""
    eprint_type = (text("archiveprefix") or text("eprinttype")).lower()
    if value("eprint") and (eprint_type == "arxiv" or _ARXIV_ID.fullmatch(value("eprint"))):
        arxiv = _ARXIV_ID.match(value("eprint")).group(1) if _ARXIV_ID.match(value("eprint")) else ""
    if shape == "article" and re.search(r"\barxiv\b", journal, re.I):
        shape = "preprint"
        match = _ARXIV_ID.search(journal)
        arxiv = arxiv or (match.group(1) if match else "")
    url = value("url")
    if not arxiv:
        match = re.search(r"arxiv\.org/(?:abs|pdf)/" + _ARXIV_ID.pattern, url)
        if match and shape == "preprint":
            arxiv = match.group(1)
    publisher = text("publisher") or text("institution") or text("school") or text("organization")
    if shape == "preprint" and not publisher and not arxiv:
        publisher = text("howpublished")
    container = journal if shape == "article" else text("booktitle")
    year = _year(value("year") or value("date"))
    return Paper(
        key=entry.key, title=_decode_title(value("title")), authors=tuple(authors), year=year,
        venue=_venue(shape, container, publisher, text("series")),
        arxiv=arxiv if shape == "preprint" else "", primary_class=value("primaryclass") or value("eprintclass"),
        doi=re.sub(r"^https?://(?:dx\.)?doi\.org/", "", value("doi")), pages=_pages(value("pages")),
        volume=text("volume"), number=text("number"), publisher=publisher, url=url, where=where,
    )


def load_bibtex(text: str, path: str) -> Catalog:
    import logging

    import bibtexparser
    from bibtexparser import model as bibmodel

    logger = logging.getLogger("bibtexparser")
    disabled, logger.disabled = logger.disabled, True  # it logs what we report as errors below
    try:
        library = bibtexparser.parse_string(text)
    finally:
        logger.disabled = disabled
    problems: list[Problem] = []
    for block in library.failed_blocks:
        where = Location(path, (block.start_line or 0) + 1)
        if isinstance(block, bibmodel.DuplicateBlockKeyBlock):
            first = block.previous_block.start_line
            problems.append(Problem(f"duplicate key {block.key!r} (first on line {(first or 0) + 1})", where))
        elif isinstance(block, bibmodel.DuplicateFieldKeyBlock):
            names = ", ".join(sorted(block.duplicate_keys))
            problems.append(Problem(f"duplicate field {names} in this entry", where))
        else:
            reason = getattr(block.error, "abort_reason", "") or str(block.error) or type(block.error).__name__
            problems.append(Problem(f"cannot parse this entry: {' '.join(reason.split())}", where))
    papers = [_bib_paper(entry, path, problems) for entry in library.entries]
    if not papers and not problems:
        problems.append(Problem("no BibTeX entries found", Location(path, None)))
    return _catalog([p for p in papers if p is not None], path, problems)
