"""The catalog's own CSL-JSON (a release's papers.json) read back into ``Paper``s, to compare releases.

Only ``changes`` needs this: a release's papers.json is what ``export.csljson`` wrote, three
shapes of paper (journal article, proceedings paper, preprint) that the model holds. A user's
own CSL-JSON is formatted as CSL items instead (``sources``) and never comes here.
"""
from __future__ import annotations

import re

from unlearn_bib.errors import Location, Problem, UnlearnBibError
from unlearn_bib.catalog.identifiers import ARXIV_NEW_ID, ARXIV_OLD_ID, page_range
from unlearn_bib.catalog.model import Catalog, Paper, Person, Venue

# CSL type -> model shape; anything else is read as a preprint-shaped item.
CSL_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "review": "article", "review-book": "article",
    "paper-conference": "inproceedings", "chapter": "inproceedings", "entry-encyclopedia": "inproceedings",
    "entry-dictionary": "inproceedings",
}
_ARXIV_ID = re.compile(rf"({ARXIV_NEW_ID}|{ARXIV_OLD_ID})(?:v\d+)?")
_NOCASE = re.compile(r'<span\s+class="nocase">(.*?)</span>', re.S | re.I)
_TAG = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^>]*)?>", re.I)


def load_csljson(text: str, path: str) -> Catalog:
    """CSL-JSON text -> a Catalog of Papers; every problem located (FILE:LINE)."""
    from unlearn_bib.items.from_json import read_csljson

    items = read_csljson(text, path)
    problems: list[Problem] = []
    papers = []
    for item, line in zip(items.items, items.lines):
        where = Location(path, line)
        if not item.get("title", "").strip():
            problems.append(Problem(f"item {item['id']!r} has no title", where))
            continue
        papers.append(_paper(item, where))
    if problems:
        raise UnlearnBibError(*problems)
    return Catalog(tuple(papers), (), path)


def _rich_text(value: str) -> str:
    """CSL rich text -> the model's title: nocase spans become {protection}, other tags go."""
    return _TAG.sub("", _NOCASE.sub(lambda m: "{" + m.group(1) + "}", value)).strip()


def _person(name: dict) -> Person:
    if "literal" in name:
        return Person(literal=name["literal"])
    given = " ".join(filter(None, (name.get("given", ""), name.get("dropping-particle", ""))))
    return Person(family=name["family"], given=given, particle=name.get("non-dropping-particle", ""),
                  suffix=name.get("suffix", ""))


def _venue(shape: str, container: str, publisher: str, series: str) -> Venue:
    if shape == "article":
        return Venue("", container, container, "article", journal=container, publisher=publisher)
    if shape == "inproceedings":
        return Venue("", container, container, "inproceedings", booktitle=container, publisher=publisher,
                     series=series)
    return Venue("", publisher or "preprint", publisher, "preprint", publisher=publisher)


def _paper(item: dict, where: Location) -> Paper:
    text = lambda name: str(item.get(name, "") or "").strip()  # noqa: E731
    shape = CSL_TYPES.get(text("type"), "preprint")
    arxiv = ""
    if shape == "preprint":
        match = re.match(r"arxiv:\s*" + _ARXIV_ID.pattern, text("number"), re.I)
        url_match = re.search(r"arxiv\.org/(?:abs|pdf)/" + _ARXIV_ID.pattern, text("URL"))
        if match or url_match:
            arxiv = (match or url_match).group(1)
    publisher = "" if arxiv and text("publisher").lower() == "arxiv" else text("publisher")
    parts = (item.get("issued") or {}).get("date-parts")
    return Paper(
        key=item["id"], title=_rich_text(item["title"]), authors=tuple(_person(n) for n in item.get("author", ())),
        year=parts[0][0] if parts else 0,
        venue=_venue(shape, _rich_text(text("container-title")), publisher, text("collection-title")),
        arxiv=arxiv, doi=text("DOI"), pages=page_range(text("page")), volume=text("volume"),
        number=text("issue") if shape != "preprint" else "", publisher=publisher, url=text("URL"), where=where,
    )
