"""Format-neutral data every exporter reads: people, venues, papers, the catalog.

Pure stdlib, no I/O. Titles are plain Unicode; balanced ``{...}`` in a title marks
words whose capitalization must survive styles that change case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from unlearn_bib.errors import Location
from unlearn_bib.catalog.identifiers import web_link


@dataclass(frozen=True)
class Person:
    """An author. ``literal`` names (organisations) are never split or abbreviated."""

    family: str = ""
    given: str = ""
    particle: str = ""  # "van der": part of the family name as displayed
    suffix: str = ""  # "Jr."
    literal: str = ""

    @property
    def full_family(self) -> str:
        return f"{self.particle} {self.family}".strip() if self.particle else self.family


@dataclass(frozen=True)
class Venue:
    """One canonical venue (or a track of one), resolved from the registry."""

    id: str  # "neurips" or "neurips/datasets-and-benchmarks"
    short: str  # "NeurIPS" as the list's tables show it
    name: str  # "Conference on Neural Information Processing Systems"
    entry_type: str  # inproceedings | article | preprint
    booktitle: str = ""  # for inproceedings, year and edition already filled in
    journal: str = ""  # for article
    publisher: str = ""
    series: str = ""
    track: str = ""  # "" for the main track

    @property
    def is_preprint(self) -> bool:
        return self.entry_type == "preprint"


@dataclass(frozen=True)
class Paper:
    key: str
    title: str
    authors: tuple[Person, ...]
    year: int | None  # bibliographic year: the venue's year, or the preprint's submission year; None only
    # on a needs_verification record whose list gave no year
    venue: Venue
    section: str = ""
    title_aliases: tuple[str, ...] = ()
    arxiv: str = ""
    primary_class: str = ""
    openreview: str = ""
    doi: str = ""
    pages: str = ""
    volume: str = ""
    number: str = ""
    publisher: str = ""  # overrides the venue's
    url: str = ""
    code: str = ""
    list_year: int | None = None  # the awesome list's Year column (first appearance)
    list_link: str = ""  # the list's link when it is not the derived one
    attack_type: str = ""
    sources: tuple[str, ...] = ()
    notes: str = ""
    needs_verification: bool = False
    venue_text: str = ""  # a venue the registry lacks, as a list wrote it (then venue.id is "")
    authors_incomplete: bool = False  # the source named only some authors ("X et al.")
    where: Location | None = field(default=None, compare=False, repr=False)

    @property
    def plain_title(self) -> str:
        """The title without protection braces, white space collapsed."""
        return " ".join(self.title.replace("{", "").replace("}", "").split())

    @property
    def link(self) -> str:
        """The paper's main link: the list's own, else arXiv, else OpenReview, else DOI, else
        its URL; only ever an http(s) address ("" when there is none)."""
        if self.list_link and web_link(self.list_link):
            return web_link(self.list_link)
        if self.arxiv:
            return web_link(f"https://arxiv.org/abs/{self.arxiv}")
        if self.openreview:
            return web_link(f"https://openreview.net/forum?id={self.openreview}")
        if self.doi:
            return web_link(f"https://doi.org/{self.doi}")
        return self.web_url

    @property
    def web_url(self) -> str:
        """``url`` when it is an http(s) address, else "": what writers may link."""
        return web_link(self.url)

    @property
    def code_link(self) -> str:
        """``code`` when it is an http(s) address, else ""."""
        return web_link(self.code)

    @property
    def effective_publisher(self) -> str:
        return self.publisher or self.venue.publisher


@dataclass(frozen=True)
class Section:
    id: str
    title: str


@dataclass(frozen=True)
class Catalog:
    papers: tuple[Paper, ...]
    sections: tuple[Section, ...] = ()
    path: str = ""

    def __iter__(self):
        return iter(self.papers)

    def __len__(self) -> int:
        return len(self.papers)

    def get(self, key: str) -> Paper | None:
        for paper in self.papers:
            if paper.key == key:
                return paper
        return None


_SPACE = re.compile(r"\s+")
_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\s*")
_NOT_ALNUM = re.compile(r"[^0-9a-zA-Z]+")


def normalize_title(title: str) -> str:
    """A comparison key for titles: case, braces, punctuation and LaTeX commands ignored."""
    import unicodedata

    text = _LATEX_COMMAND.sub("", title) if "\\" in title else title
    if not text.isascii():  # ASCII has no accents to drop
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NOT_ALNUM.sub(" ", text).lower()
    return _SPACE.sub(" ", text).strip()
