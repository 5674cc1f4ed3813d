"""The papers of an awesome list written in Markdown, in the layouts real lists use.

``read_list(text)`` returns ``(rows, troubles)``: one ``Row`` per item that looks like a paper and
one ``Trouble`` (line, reason) per item that could not be read. Layouts read:

- pipe tables with a title column under any usual name (Paper, Title, **Paper Title**, not
  necessarily first), with or without Author(s), Venue/Publication/Conference, Year/Date and Code;
- bullets ``- [Title](link)`` or ``- **Title** [[Paper](…)] [[Code](…)]``, with a venue tag
  (``(CVPR 2024)``, ``*NeurIPS 2023*``, ``[ICLR'24]``), a date tag (``(Mar., 2025)``), sub-bullets or
  lines ``Author(s):``, ``Date:``, ``Venue:``, ``Code:``, and parent bullets naming a year or a venue;
- paragraph blocks: a bold title line, an authors line, ``Venue Year. [[Paper](…)]``, a date line;
  link labels that name a venue (``[[CVPR 2023](…)]``);
- tags before the title, also ``【ICLR 2025】``, ``[Neurips 2023 (oral)]``, ``[arxiv 2401.06121]`` (an id,
  not a venue); a short bold label before a tag (``- **TOFU:** [tag] Title ([code](…))``); authors
  after a bold title (``**Title**, First Author et al.``); the title on the line below a head of
  tags and links (``6. [CVPR2025] [📄Paper](…) <br>``);
- one heading per paper (``### 7. [Title](https://arxiv.org/pdf/ID)``, or ``#### Title`` with
  ``paper link: [here](…)`` below it), and a fenced BibTeX citation of the row's paper below it,
  which gives the row's title, authors, year and venue;
- the year from a section heading (``### 2024``, ``Year 2025``, ``## 2023 Papers``); ``Before 2017``
  gives none;
- a quoted title after a short bold name (``* **Name**: "Title", *Venue, Mon Year*.``); a plain title
  ending in its venue (``Title, in *IJCAI* 2023.``, ``Title, TKDE'12.``) or followed by a venue tag
  (``Title (**CVPR 2026**)``); ``[date] **Title.** *First Author (Affil.) et al. Venue.*``;
  ``[Title](page), Authors, Venue Year | [github](…)``; sentences under a paper's bullet describe it;
- a quoted title followed by bracketed tags (``8. "Title" [2023-12] [ACL 2023] [[paper](…)]``); the venue as
  the label of the paper's link before a plain title (``- [[CVPR](link)] Title. [[code](…)] [__`cls.`__]``,
  the code-span topic tags dropped); paragraphs ``[Title](link), Venue Year`` (``Electronics, 2019``,
  ``2017 arxiv preprint``); labelled bullets under a paper's heading (``- **Comments:** …``) are notes on it;
  among books, a title linking an arXiv paper is a paper;
- bullets written as pipe-separated records (``+ 2019 | Title | Authors | Venue | [PDF](…)``, see ``mdpipe``);
  ``**Title.** Venue Year. [paper](…)``; a plain title whose link label is its date or venue
  (``Title [[11 Jan 2021]](link)``, ``[[NeurIPS2021]](…)``) or followed by ``[Dec 2023]``; ``**1. Title**`` blocks
  with ``**Venue:**`` / ``**Authors:**`` paragraphs below; ``*[Title](link)*`` with a collapsed
  ``<summary> Authors <em>Venue</em> Year </summary>``; a bullet whose title links an arXiv paper stays a paper
  with bullets under it;
- ``(*ICLR'25*) Title``; ``- **[2026.05.27]**`` over ``  - Paper: [Title](link)`` sub-bullets (each a paper, dated by
  its parent); after a title ``(Shokri et al., 2017)`` or `` - *Y Tang et al*, `ICASSP 2021` `` (``mdcite.after_title``);
  ``- **(Name)** _Title_ ```EMNLP 2019``` `` with its links on the next line.

A row that links no paper and whose venue is a blog (``Blog``, ``News``) or whose title only names a
product (``Introducing GPT-5``) is a post, not a paper.

Decorations (emoji, ``<mark>``, badges, "🔥 New") are removed from titles. Sections of posts,
videos, tutorials, news, contents and the like, items whose links all lead to code, videos or
blogs, and parent bullets are not papers. Syntax only: links are returned raw; which carry an arXiv
id, DOI or OpenReview id is for the caller (``catalog.identifiers``) to say. A row whose only
evidence of being a paper would be such an identifier has ``needs_id`` set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from unlearn_bib.read import mdhead as mh
from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdbare import plain_paragraph, short_title
from unlearn_bib.read.mdcite import NOTE, after_title, badge_venue, bibtex_tail, citation, etal_citation, summary_citation
from unlearn_bib.read.mdgroup import addressed, regroup, table_section
from unlearn_bib.read.mdkind import authors_field, cell_name, last_field, linked_citation
from unlearn_bib.read.mdnames import vetted
from unlearn_bib.read.mdpipe import pipe_record
from unlearn_bib.read import mdbook, mdgbt, mdlead, mdref, mdtag  # "[3] A. **Title**. Venue, 2001."; "Title [[Journal of Big Data 2019]](…)"
from unlearn_bib.read.mdrescue import described, rescued
from unlearn_bib.read.mdscan import NOT_PAPER_HOSTS, FIELD, Trouble, is_paper_url, Unit, units
from unlearn_bib.read.mdtail import short_date_year, wrapped, year_fields

__all__ = ["Row", "Trouble", "read_list"]

_BOLD_HEAD = mh.BOLD_HEAD
_PLACEHOLDER = mh.PLACEHOLDER
_VENUE_COMMA_YEAR = mh.VENUE_COMMA_YEAR

_ANTHOLOGY = re.compile(r"^https?://(?:www\.)?(?:aclanthology\.org|aclweb\.org/anthology)/(?:((?:19|20)\d\d)\.[a-z]|"
                        r"[A-Z](\d\d)-\d{4})", re.I)
_BOOKS = re.compile(r"\bbooks?\b", re.I)
_ARXIV_PAGE = re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/", re.I)
_BLOG_VENUE = re.compile(r"^(?:blogs?|blog ?posts?|news|posts?|announcements?|press releases?|website|github|gitlab|hugging ?face)(?:,?\s*(?:19|20)\d\d)?$", re.I)
# "Introducing GPT-5", "Introducing Mistral 3": a title that only names a product is its news, not a paper's title
_ANNOUNCEMENT = re.compile(r"^(?:introducing|announcing)\s+\S+(?:\s\S+){0,2}$", re.I)


@dataclass
class Row:
    """One paper as the list writes it; text is cleaned, links are raw."""

    line: int
    title: str
    title_url: str = ""
    links: list[tuple[str, str, bool]] = field(default_factory=list)  # (label, url, is_badge)
    text: str = ""  # the row's own text, for identifiers written out ("arXiv:2401.01234")
    year: int | None = None
    year_text: str = ""  # what gave no year ("Before 2017"), for the report
    venue: str = ""
    authors: list[str] | None = None
    authors_incomplete: bool = False
    code: str = ""
    section: str = ""
    needs_id: bool = False  # a paper only if one of its links or its text carries an identifier
    list_year: int | None = None  # a table's own Year cell
    extra: dict[str, str] = field(default_factory=dict)  # a table's other columns, by lower-case header
    people: list[dict] | None = None  # the authors' parts, from a BibTeX citation given with the row
    venue_guess: bool = False  # a heading's under a year heading, or "(DROP)" after a linked title: kept if the registry knows it


def _words(title: str) -> list[str]:
    return re.findall(r"[^\W_]+", title.lower())


def _cited(row: Row, bibtex: str) -> None:
    """Take the title, authors, year and venue of a fenced BibTeX citation given below the row,
    when it cites the row's paper: one entry whose title is the row's, or the row's with a tag
    after it ("Title (PGD)"). A citation of anything else (the list's own survey) changes nothing."""
    from unlearn_bib.errors import UnlearnBibError
    from unlearn_bib.read.bib import entry_year, read_bib
    from unlearn_bib.read.names import parse_name, split_names
    from unlearn_bib.text.latex import plain

    try:
        entries = read_bib(bibtex, "<citation>").entries
    except UnlearnBibError:
        return
    if len(entries) != 1:
        return
    fields = entries[0].fields
    title = md.clean_title(plain(fields.get("title", "")))
    mine, theirs = _words(row.title), _words(title)
    if not theirs or mine[:len(theirs)] != theirs or len(mine) - len(theirs) > 3:
        return
    row.title = title
    names = [n for n in split_names(fields.get("author", ""))]
    row.authors_incomplete = any(n.lower() == "others" for n in names)
    people = [parse_name(n) for n in names if n.lower() != "others"]
    row.people = [p for p in people if p]
    row.authors = [p.get("literal") or ", ".join(x for x in (" ".join(x for x in (p.get("particle", ""), p["family"]) if x),
                                                          p.get("given", "")) if x) for p in row.people] or None
    row.year = entry_year(fields) or row.year
    venue = plain(fields.get("booktitle") or fields.get("journal") or "")
    venue = re.sub(r"\s*\barxiv\s*[:.]?\s*\d{4}\.\d{4,5}(v\d+)?\b", "", venue, flags=re.I).strip(" ,.")
    if venue:
        row.venue = venue
    written = re.search(r"\barxiv\s*[:.]?\s*\d{4}\.\d{4,5}", fields.get("journal", "") + " " + fields.get("eprint", ""), re.I)
    if written:
        row.text += " " + written.group(0)


def read_list(text: str) -> tuple[list[Row], list[Trouble]]:
    """The rows of papers in a Markdown list, and what could not be read, in file order."""
    troubles: list[Trouble] = []
    rows: list[Row] = []
    found_units = described(regroup(units(text, troubles)), text)
    for n, unit in enumerate(found_units):
        if table_section(unit, found_units[n + 1] if n + 1 < len(found_units) else None):
            continue  # "## [Bryan Hooi](home page) (NUS)" over a table of papers: the table's section
        if unit.kind == "bib":
            if rows and rows[-1].people is None:
                _cited(rows[-1], "\n".join(unit.lines))
            continue
        if (unit.context.get("skip") and not _BOOKS.search(unit.context.get("section", ""))) or (
                unit.kind == "item" and unit.children and not pipe_record(unit.lines[0]) and not _paper_parent(unit)):
            continue
        try:
            found = _table_row(unit) if unit.kind == "table" else (mdref.reference(unit, Row) or _item(unit))  # "[3] A. **T**. V, 2001."
        except RecursionError:  # pragma: no cover - defensive: nothing here recurses
            found = Trouble(unit.line, "could not read this item")
        if unit.context.get("skip") and not (isinstance(found, Row) and (_ARXIV_PAGE.match(found.title_url) or mdbook.not_a_book(found))):
            continue  # among books, a title that links an arXiv paper is a paper; nothing else is
        found = vetted(rescued(unit, found, Row), unit)  # a dataset's name under "## Datasets", prose: none; personal names: reported
        if isinstance(found, Trouble):
            troubles.append(found)
        elif found is not None:
            rows.append(found)
    return rows, sorted(troubles, key=lambda t: t.line)


def _after_year(text: str) -> str:
    """The text after ", (2015), " (the row's year field, read already) up to the first link."""
    return md.LINK_START.split(re.sub(r"^[\s,]*(?:\((?:19|20)\d\d\)[\s,]*)?", "", text))[0]  # not at "[cs, math]"


def _paper_parent(unit: Unit) -> bool:
    """A bullet whose title links a paper (``- [Title](https://arxiv.org/abs/ID)``) is a paper even with
    bullets under it ("- Dataset; [BBQ](…)"), so is one tagged ``[**CVPR 2019**]`` or ``- Title: <arXiv URL>`` (mdbyline); a topic is not."""
    title, url, rest = mh.head_title(unit.lines[0])  # or any paper link, or a venue and year after it
    paper = bool(url) and (is_paper_url(url) or bool(mh.venue_after_link(rest)[1] or mh.tags(rest)[1])) and len(title.split()) >= 3
    return bool(title and url and (_ARXIV_PAGE.match(url) or paper) and not md.GENERIC.match(title)) or addressed(unit.lines[0]) or mdgbt.is_reference(unit.lines[0])


def _unclosed(text: str) -> bool:
    """A ``[label](`` that no ``)`` closes: a link the reader cannot trust."""
    return "](" in text and bool(re.search(r"\]\(\s*https?://", md.LINK.sub(" ", text)))  # no "](": no link opens


def _evidence(row: Row, own_venue: bool, placeholder: bool, dated: bool = False, people: bool = True,
              cited: bool = False) -> Row | None:
    """Decide whether ``row`` is a paper: a paper link or label; a title link to a page that is not code,
    video or a blog with a venue, a date or authors; a title of three words or more cited with a venue and
    year after its link (``cited``: "[Title](code), THRI 2022."); or else (needs_id) an identifier in its links."""
    urls = [url for _, url, _ in row.links]
    if any(is_paper_url(u) for u in urls) or any(md.PAPER_LABEL.match(label) and not NOT_PAPER_HOSTS.match(u)
                                                  for label, u, _ in row.links):
        return row
    if _BLOG_VENUE.match(row.venue) or _ANNOUNCEMENT.match(row.title):
        row.needs_id = True  # a blog post or a product announcement in a paper's row shape, linking no paper
        return row
    if cited and row.year and len(row.title.split()) >= 3:
        return row
    if own_venue and md.looks_like_venue(row.venue) and row.title_url and (people and row.authors or not people):
        return row  # the row says where it was published ("arXiv", "Arxiv 2021"), its title linking the code
    if row.title_url and not NOT_PAPER_HOSTS.match(row.title_url) and "/blog" not in row.title_url.lower() and (
            own_venue or dated or (people and row.authors)):
        return row
    if not urls and (own_venue or placeholder or row.venue):
        return row
    if own_venue and not row.title_url:
        return row
    row.needs_id = True
    return row


def _anthology_year(row: Row) -> int | None:
    """The year an ACL Anthology link names, when nothing else does: ``aclanthology.org/2025.emnlp-main.1761/``
    (the event's year leads the id) or an older id ``P19-1001`` (two digits after the letter)."""
    for _, url, _ in row.links:
        found = _ANTHOLOGY.match(url)
        if found:
            return int(found.group(1)) if found.group(1) else 1900 + int(found.group(2)) + (100 if int(found.group(2)) < 60 else 0)
    return None


def _fill_year(row: Row, venue_year, date_year, context: dict) -> None:
    row.year = venue_year or date_year or context.get("venue_year") or context.get("year") or _anthology_year(row)
    if row.year is None and context.get("year_text"):
        row.year_text = context["year_text"]


def _table_row(unit: Unit) -> Row | Trouble | None:
    cells = unit.cells
    title_cell = cells.get("title", "")
    if _unclosed(" ".join(cells.values())):
        return Trouble(unit.line, "a link is not closed (a '](' without its ')')")
    authors_below = ""
    parts = re.split(r"<br\s*/?>", title_cell, flags=re.I)
    names, etal = md.split_authors(parts[-1]) if len(parts) > 1 and not md.links(parts[-1]) else ([], False)
    if names and md.looks_like_authors(parts[-1]) and (len(names) > 1 or etal or len(names[0].split()) > 1):
        # "[badges] <br> [Title](…) <br> A, B, C et al": the title above the authors
        title_cell, authors_below = " ".join(parts[:-1]), parts[-1]
        linked = [p for p in parts[:-1] if any(not badge for _, _, badge in md.links(p))]
        title_cell = linked[-1] if linked else title_cell
    found = [link for link in md.links(title_cell) if not link[2]]
    plain = md.clean(md.without_links(title_cell))
    cited = linked_citation(title_cell)  # "[**Paden et al.**, *Title* (IEEE T-IV 2016)](doi)"
    if cited:
        found, cells = [(cited[0], cited[1], False)], {**cells, "authors": cited[2], "venue": cited[3]}
    if found and (not plain or md.strip_decorations(title_cell).lstrip(" *_").startswith("[")) and not md.GENERIC.match(found[0][0]):
        title, title_url = found[0][0], found[0][1]
    else:
        title, title_url = cell_name(title_cell) or plain, ""  # "1) Name  description …": the name
    title = md.clean_title(title)
    if not title:
        return Trouble(unit.line, "the row has no title")
    row = Row(unit.line, title, title_url, section=unit.context.get("section", ""), text=" ".join(cells.values()))
    row.links = [link for cell in cells.values() for link in md.links(cell)]
    venue = last_field(md.clean(md.without_links(cells.get("venue", ""))))  # "Team; Venue Year"
    venue = venue or " ".join(lab for lab, _, b in md.links(cells.get("venue", "")) if not b and md.VENUE_LABEL.match(lab))
    venue = "" if venue in ("-", "–", "—", "N/A", "n/a") else venue
    venue_year = None
    if venue and md.is_date(venue):  # a Venue cell holding only a year or a date
        venue_year, venue = md.year_of(venue), ""
    if venue:
        split = _VENUE_COMMA_YEAR.match(venue)
        venue, venue_year = (split.group(1), int(split.group(2))) if split else (venue, md.year_of(venue))
    badge = "" if venue else badge_venue(" ".join(cells.values()))  # a shields.io badge "Conference-ICML'23"
    if badge:
        venue, venue_year = badge, md.year_of(badge) or venue_year
    row.venue = venue or unit.context.get("venue", "")
    row.venue_guess = not venue and bool(unit.context.get("venue_guess"))
    date_year = md.year_of(md.clean(cells.get("year", ""))) if cells.get("year") else None
    date_year = date_year or short_date_year(md.clean(cells.get("year", "")))  # "Date (YY.MM)": "23.12"
    row.list_year = date_year
    row.extra = {k: md.clean(v) for k, v in cells.items() if k not in ("title", "authors", "venue", "year", "code")}
    _fill_year(row, venue_year, date_year, unit.context)
    if cells.get("authors", authors_below).strip(" -"):
        row.authors, row.authors_incomplete = md.split_authors(authors_field(cells.get("authors", authors_below)))
        row.authors = row.authors or None
    code = [u for _, u, _ in md.links(cells.get("code", ""))]
    row.code = code[0] if code else next((u for label, u, _ in row.links if md.CODE_LABEL.match(label)), "")
    return _evidence(row, bool(venue), False, date_year is not None, people=False)  # a Date cell dates a linked title


def _paper_link_below(unit: Unit) -> bool:
    """A heading without a link is a paper's when a line below it links the paper ("paper link: [here](…)")."""
    for extra in unit.lines[1:]:
        field = FIELD.match(extra.strip(" -*+"))
        for label, url, badge in md.links(extra):
            if not badge and not NOT_PAPER_HOSTS.match(url) and (
                    is_paper_url(url) or md.PAPER_LABEL.match(label) or (field and field.group(1).lower() != "code")):
                return True
    return False


def _linked_then_venue(head: str) -> bool:
    """A paragraph "[Title](link), Venue Year": one paper cited on its own line."""
    title, url, rest = mh.head_title(head)
    return bool(title and url and not md.GENERIC.match(title) and mh.venue_after_link(rest)[1])


def _piped(unit: Unit, title: str, year: int, authors: str, venue: str) -> Row | None:
    """A bullet ``2019 | Title | Authors | Venue | [PDF](…)``: its own fields, the year first."""
    row = Row(unit.line, title, section=unit.context.get("section", ""), text=" ".join(unit.lines))
    row.links, row.venue, row.year, row.list_year = md.links(row.text), venue, year, year
    if authors:
        row.authors, row.authors_incomplete = md.split_authors(authors)
        row.authors = row.authors or None
    row.code = next((u for label, u, _ in row.links if md.CODE_LABEL.match(label)), "")
    return _evidence(row, bool(venue), False, True)


def _item(unit: Unit) -> Row | Trouble | None:
    if unit.lines[0].count("**") % 2 and len(unit.lines) > 1 and unit.lines[1].count("**") % 2:
        unit.lines[:2] = [unit.lines[0] + " " + unit.lines[1]]  # a bold title wrapped over two lines
    elif unit.kind == "item" and len(unit.lines) > 1 and not md.links(unit.lines[0]) and re.match(r"\(\*\*", unit.lines[1]):
        unit.lines[:2] = [unit.lines[0] + " " + unit.lines[1]]  # "Title" + "(**Venue**) [[paper](…)]": a title wrapped
    elif unit.kind == "item" and len(unit.lines) > 1 and wrapped(unit.lines[0], unit.lines[1]):
        unit.lines[:2] = [unit.lines[0] + " " + unit.lines[1]]  # "Title start" + "rest, 2019 CVPR, [Paper](…)"
    if len(unit.lines) > 1 and _unclosed(unit.lines[0]) and not _unclosed(unit.lines[0] + unit.lines[1]):
        unit.lines[:2] = [unit.lines[0] + unit.lines[1]]  # "[[code](https://github.com/" + "a/b)]": a link broken in two
    head = unit.lines[0]
    piped = pipe_record(head) if unit.kind == "item" else None
    if piped:
        return _piped(unit, *piped)
    if unit.kind == "heading":
        head = re.sub(r"^\s*(?:\d{1,3}[.)]\s*|\[\d{1,4}\]\s+)", "", head)  # "7. Title", "[7] Title"
        if not md.links(head) and (not _paper_link_below(unit) or md.looks_like_venue(md.clean(head))):
            return None  # "### CVPR 2024" over a link to its proceedings is a section
    if unit.kind == "block" and not _BOLD_HEAD.match(md.strip_decorations(head).lstrip()) and not mh.title_below(unit) and (
            not _linked_then_venue(head) and not plain_paragraph(head)):
        return None
    whole = " ".join(unit.lines)
    if _unclosed(head):
        return Trouble(unit.line, "a link is not closed (a '](' without its ')')")
    title, title_url, rest = mh.head_title(head)
    below = mh.title_below(unit) if not title else ""
    if below:  # "6. [CVPR2025] [📄Paper](…) [Code](…) <br>" with the title on the next line
        title, rest = below, head
        unit.lines.pop(1)
    after_tags = re.sub(r"^\s*(?:\((?:[^()]|\([^()]*\))*\)\s*)*", "", rest)
    cited = after = after_title(rest)
    bib_cited = False  # "[Title](…) (Shokri et al., 2017)", "[Title](…) - *A et al*, `ICASSP 2021`"
    if not cited and not rest.lstrip().startswith(","):
        cited = citation(rest.split(" | ")[0].lstrip(" ."))
    said = mh.venue_after_link(after_tags) if title_url else ("", None)  # "[Title](link), Venue Year"
    if not cited and after_tags.startswith(",") and not said[1]:  # "[Title](page), Liu et al., NeurIPS 2020 | [github](…)"
        cited = mdlead.names_year(after_tags) or citation(md.LINK_START.split(after_tags[1:].split("|")[0], maxsplit=1)[0])  # "arXiv:ID [cs, math]"
    venue, venue_year, date_year = ("", None, None) if cited else mh.tags(rest)
    # "[Title](link) (DROP)": one yearless word after a linked title may be the list's short name for the paper
    short_name = venue if title_url and venue and venue_year is None and " " not in venue else ""
    if said[1] and (not venue or venue_year is None and date_year is None):  # "(NCLT) [Title](link), IJRR 2010."
        venue, venue_year = said
    if not cited:  # "[2023/10] **Title.** *First Author et al. arXiv.*": the date tag stays the row's
        cited = etal_citation(after_tags)
        venue = cited[2] if cited else venue
    if not venue and not after:  # "Title, EMNLP 2023 Main Conference Paper" written inside the bold title
        split = re.match(r"^(.{12,}?),\s+([A-Z][A-Za-z]+\s+(?:19|20)\d\d\b.*)$", title)
        if split and md.looks_like_venue(split.group(2)):
            title, venue = split.group(1), split.group(2).rstrip(" .")
            venue_year = md.year_of(venue) or md.year_of(venue.split()[0] + " " + venue.split()[1])
        elif not title_url and bibtex_tail(title):  # "Title, Barocas, Solon and Crawford, Kate, 2017", no link
            (title, cited), bib_cited = bibtex_tail(title), True
        elif not title_url:  # "Title, in *IJCAI* 2023", "Title, TKDE'12"
            short, named = mh.venue_after_comma(title)
            fields = None if named else year_fields(title)  # "Title, 2018 CVPR", "Title, 2020, ECCV"
            if named:
                title, venue, venue_year = short, named, md.year_of(named)
                venue = venue.rsplit(",", 1)[0] if _VENUE_COMMA_YEAR.match(venue) else venue  # "J. Image, 2018"
            elif fields:
                title, venue, venue_year = fields
    if venue_year is None and not title_url and not cited and (not venue or mh.venue_before_links(after_tags)[1]):
        venue, venue_year = mh.venue_before_links(after_tags if venue else rest)  # "**T.** NIPS 2017. [paper](…)"; "[DRAW] **T**, 2015"
    title = md.clean_title(title)
    if not title or len(title) < 4 and not short_title(title, whole):  # "GCN [https://arxiv.org/pdf/…]"
        return None
    row = Row(unit.line, title, title_url, section=unit.context.get("section", ""), text=whole)
    row.links = md.links(whole)
    if md.looks_like_venue(title) and len(title.split()) <= 3 and any(md.is_date(label) for label, _, _ in row.links):
        return None  # "- [IJCAI](…) [2025](…)": an index of a venue's years, not a paper
    authors_line = None
    if cited:  # "**Title**. *Authors*. Venue Year." on the title's line
        authors_line, venue, venue_year = cited, cited[2], cited[3]
    elif after_tags.startswith(",") and not said[1] and md.looks_like_authors(_after_year(after_tags)):
        authors_line = _after_year(after_tags)  # "**Title**, First Author et al. [[Paper](…)]", "__T__, (2015), _A, B_"
    for extra in unit.lines[1:]:
        field = FIELD.match(md.clean(extra) if not md.links(extra) else extra.strip(" -*+"))
        if field:
            name, value = field.group(1).lower(), field.group(2).strip()
            if name.startswith("author") or name == "作者":
                authors_line = value
            elif name in ("date", "year"):
                date_year = date_year or md.year_of(md.clean(value))
            elif name in ("venue", "published", "publication", "publisher", "conference"):
                text = md.clean(md.without_links(value)).strip(" .")
                if text and text not in ("-", "–", "N/A") and not venue:
                    venue, venue_year = text, md.year_of(text)
            elif name == "code":
                code = [u for _, u, _ in md.links(value)]
                row.code = row.code or (code[0] if code else "")
            continue
        summary = summary_citation(extra)
        if summary:  # "<summary> A, B <em>Venue</em> 2021 </summary>": the row's citation, collapsed
            authors_line = summary[0] or authors_line
            venue, venue_year = summary[1] or venue, summary[2] or venue_year
            continue
        plain = md.clean(md.without_links(extra)).strip(" .\\")
        if not plain or NOTE.match(extra.strip()) or extra.lstrip().startswith("<"):
            continue  # "Key Word: …", "ExpEnv: …", a <details> digest: notes on the paper
        cited = citation(extra) if authors_line is None else None
        if cited:  # "A, B, and C. *Venue*, 2022." below the title
            authors_line = cited
            if not venue:
                venue, venue_year = cited[2], cited[3]
        elif md.is_date(plain) or mh.tag_line(extra):  # "2024-05", "[21st Sep., 2021] [MICCAI, 2021]": a line of tags
            venue, venue_year, date_year = mh.line_tags(plain, extra, venue, venue_year, date_year)
        elif md.looks_like_venue(plain) and not venue and md.links(extra):
            venue, venue_year = plain, md.year_of(plain)  # "arXiv 2022. [[Paper](…)]"
        elif authors_line is None and md.looks_like_authors(extra.split("[[")[0]):
            authors_line = extra.split("[[")[0]
    for label, url, badge in row.links:
        if url == title_url or label == title:
            continue
        tag = label.strip(" []")
        if not title_url and not badge and tag != label and md.is_date(tag):
            date_year = date_year or md.year_of(tag)  # "Plain Title [[11 Jan 2021]](link)": the link's label dates it
            row.title_url = row.title_url or ("" if NOT_PAPER_HOSTS.match(url) else url)  # and the link is the title's
            continue
        label = tag if not title_url and tag != label else label  # "Plain Title [[NeurIPS2021]](link)"
        if (not venue or venue_year is None and md.year_of(label)) and not badge and (md.looks_like_venue(label) or (
                not title_url and mdtag.named_venue(label))) and not NOT_PAPER_HOSTS.match(url) and not re.match(r"(?i)^arxiv\b", label):
            venue, venue_year = label, md.year_of(label)  # [[CVPR 2023](…)], also over a yearless "(**MTL**)" tag
    row.venue = venue or unit.context.get("venue", "")
    row.venue_guess = not venue and bool(unit.context.get("venue_guess")) or bool(short_name and venue == short_name)
    _fill_year(row, venue_year, date_year, unit.context)
    if isinstance(authors_line, tuple):
        row.authors, row.authors_incomplete = authors_line[0] or None, authors_line[1]
    elif authors_line and authors_line.strip(" -"):
        row.authors, row.authors_incomplete = md.split_authors(authors_line)
        row.authors = row.authors or None
    if not row.code:
        row.code = next((u for label, u, _ in row.links if md.CODE_LABEL.match(label)), "")
    placeholder = bool(_PLACEHOLDER.search(head))
    return _evidence(row, bool(venue), placeholder, date_year is not None, cited=bool(said[1]) and venue == said[0] or bib_cited)
