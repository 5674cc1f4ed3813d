"""Groups of units that a person reads together, before ``mdlist`` reads them one by one:

- ``regroup(units)``: a bullet that holds only tags (a code span or brackets with a date, a short name,
  affiliations: ``- `【2024-09】-【Moshi】-【Kyutai】-【Type: Model】` ``) and whose sub-bullets give a bold title,
  ``**Author(s):** …`` and the ``[Paper](…)`` link is ONE paper: its line is the bold title's, its year the
  header's date (``【2024-09】``: 2024); the sub-bullets are no papers of their own;
- an index of names: four or more bullets in a row that are each a bare link and nothing else, most of whose
  texts are one or two words (``- [Pengi](arXiv)``, ``- [Qwen-Audio](arXiv)``), name models, not papers: a
  paper's title is a phrase. The run is left out (a list of titles in the same shape keeps its rows);
- a bullet holding a title and no link (``- GraphCL: Graph Contrastive Learning with Augmentations.``) whose one
  sub-bullet reads as the paper's people (``  - Y. You, T. Chen, and Y. Shen. *NIPS 2020*. [[pdf]](…) [[code]](…)``:
  initials before each surname, maybe a venue and year, then the links) is ONE paper: the bullet's title, the
  sub-bullet's authors, venue, year and links (other sub-bullets only links or fields). Personal names are never a
  title (``mdnames``), so the sub-bullet is no paper of its own;
- a title bullet over unlabelled field sub-bullets (``* Title`` / ``  * ICML 2023`` / ``  * <link>``) is ONE paper
  (``mdsubs.fielded``), so is one with its labelled links over its authors and its venue (``mdbyline``); an italic
  span wrapped over two lines is one line (``mdwrap.rejoined``); an ACL-style reference ``A, B. 1993. [Title](…).
  *Venue*.`` is read as its fields (``mdacl``);
- a bullet that names a paper by a short name and its links over the citation (``mdnick.nicknamed``, ``named_parent``),
  a citation bullet with its title linked after the names (``mdnick.authors_first``), and a topic bullet over links to
  venues' home pages (``mdnick.venue_index``: left out);
- a title alone (``**Title**``, ``:emoji: [Title]``) over bullets of its links and fields is ONE paper (``mdover``);
- ``table_section(unit, following)``: a heading with a table right under it (``## [Bryan Hooi](home page)
  (NUS)`` over a table of that group's papers) is the table's section, not a paper.

Linear time.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdacl import acl_fields
from unlearn_bib.read.mdbyline import addressed, byline, bylined  # noqa: F401 (addressed: for mdlist)
from unlearn_bib.read.mdnames import personal_names
from unlearn_bib.read.mdover import over
from unlearn_bib.read.mdnick import authors_first, named_parent, nicknamed, venue_index
from unlearn_bib.read.mdscan import FIELD, Unit, is_paper_url
from unlearn_bib.read.mdsubs import fielded
from unlearn_bib.read.mdwrap import rejoined

_BARE = re.compile(r"^\s*\[([^\[\]\n]{1,80})\]\((\S+?)\)\s*$")  # "[Pengi](https://arxiv.org/pdf/2305.11834.pdf)"
_BOLD_ONLY = re.compile(r"^\s*(\*\*|__)([^*_\n]{8,400})\1\s*$")  # "**Title**", nothing else
_HEAD_DATE = re.compile(r"[\[【(]\s*((?:19|20)\d\d)(?:[-./](?:0?[1-9]|1[0-2]))?\s*[\]】)]")  # "【2024-09】", "[2024.09]"
_MIN_INDEX = 4


def _children(units: list[Unit], i: int) -> list[Unit]:
    """The item units right after ``units[i]`` that sit under it, when they are leaves of one indent (else none)."""
    out: list[Unit] = []
    for unit in units[i + 1:]:
        if unit.kind != "item" or unit.indent <= units[i].indent:
            break
        if unit.children or (out and unit.indent != out[0].indent):
            return []  # a parent of parents: never one paper's fields (and no long scan of its subtree)
        out.append(unit)
    return out


def _entry(head: Unit, children: list[Unit]) -> Unit | None:
    """One paper from a header bullet of tags and its sub-bullets (see the module's text), or None."""
    if md.links(head.lines[0]) or len(head.lines) > 1 or not children or head.own:
        return None  # "- Year 2024", "- **CVPR**": a parent naming a year or a venue over its papers
    titles = [c for c in children if len(c.lines) == 1 and _BOLD_ONLY.match(c.lines[0])
              and not FIELD.match(md.clean(c.lines[0]))]
    if len(titles) != 1 or len(md.clean(titles[0].lines[0]).split()) < 3:
        return None
    others = [c for c in children if c is not titles[0]]
    if not all(FIELD.match(md.clean(c.lines[0])) or not md.clean(md.without_links(" ".join(c.lines))).strip(" /|,")
               for c in others):
        return None  # every other sub-bullet a field ("**Author(s):** …") or links ("[Paper](…) / [Demo](…)")
    paper = any(is_paper_url(u) or md.PAPER_LABEL.match(label) for c in others for line in c.lines
                for label, u, badge in md.links(line) if not badge)
    if not paper and not any(FIELD.match(md.clean(c.lines[0])) for c in others):
        return None
    context = dict(head.context)
    date = _HEAD_DATE.search(md.strip_decorations(head.lines[0]).replace("`", ""))
    if date:
        context.update(year=int(date.group(1)), year_text=date.group(0))
    lines = [titles[0].lines[0]] + [line for c in others for line in c.lines]
    return Unit("item", titles[0].line, lines, indent=head.indent, context=context)


def _cited(head: Unit, children: list[Unit]) -> Unit | None:
    """One paper from a bullet holding a title (no link, three words or more, not a year, date or venue with a year)
    and a sub-bullet of its people (see the module's text), or None."""
    text = md.clean(" ".join(head.lines))
    if not children or any(md.links(line) for line in head.lines) or head.own.get("year") or len(text.split()) < 3 or (
            md.is_date(text) or md.looks_like_venue(text) and md.year_of(text) or personal_names(text)):
        return None
    people = [c for c in children if personal_names(c.lines[0].split("[")[0]) and md.links(" ".join(c.lines))]
    others = [c for c in children if c not in people]
    if len(people) != 1 or not all(FIELD.match(md.clean(c.lines[0])) or not md.clean(md.without_links(" ".join(
            c.lines))).strip(" /|,") for c in others):
        return None
    context = {k: v for k, v in head.context.items()}
    return Unit("item", head.line, list(head.lines) + [line for c in children for line in c.lines], indent=head.indent,
                context=context)


def _index(units: list[Unit], i: int) -> tuple[int, bool]:
    """How many bare-link bullets follow from ``units[i]`` on, and whether they form an index of names."""
    run: list[tuple[Unit, str]] = []
    for unit in units[i:]:
        found = _BARE.match(unit.lines[0]) if unit.kind == "item" and len(unit.lines) == 1 and not unit.children else None
        if not found or (run and (unit.indent != run[0][0].indent or unit.context != run[0][0].context)):
            break
        run.append((unit, found.group(1)))
    short = sum(len(md.clean(label).split()) <= 2 for _, label in run)
    return len(run), len(run) >= _MIN_INDEX and short >= 0.75 * len(run)


def regroup(units: list[Unit]) -> list[Unit]:
    """``units`` with each header bullet and its sub-bullets made one paper, and indexes of names left out."""
    out: list[Unit] = []
    i = 0
    while i < len(units):
        titled = over(units, i)  # "**Title**" over "- intro: CVPR 2017" / "- arXiv: <url>": one paper (mdover)
        if titled is not None:
            out.append(titled[0])
            i += titled[1]
            continue
        unit = bylined(acl_fields(rejoined(units[i])))  # wrapped italics one line; an ACL reference, a byline as fields
        unit = authors_first(unit) or unit  # "* A, B, and C, [Title](link), Nature 2015": the linked title is the title
        named = nicknamed(unit)  # "* GFRNN [[Paper](…)]" over "  * A, B, *Title*, ICML 2015": the citation's paper
        if named is not None or venue_index(unit):  # "- Machine learning" over "* [NeurIPS](…)" links: no paper
            out.extend(named or [])
            i += 1
            continue
        if unit.kind == "item" and unit.children:
            children = _children(units, i)
            entry = _entry(unit, children) or _cited(unit, children) or fielded(unit, children) or byline(unit, children)
            named = None if entry is not None else named_parent(unit, children)  # "* Name [[Paper](…)]" over its citation
            if named is not None:
                out.extend(named)
                i += 1 + len(children)
                continue
            if entry is not None:
                out.append(entry)
                i += 1 + len(children)
                continue
        run, index = _index(units, i) if unit.kind == "item" else (0, False)
        if not index:  # the whole run read as it is (once: linear time), or the unit
            out.extend([unit] + units[i + 1:i + max(run, 1)])
        i += max(run, 1)
    return out


def table_section(unit: Unit, following: Unit | None) -> bool:
    """True for a heading with a table right under it: the table's section, not a paper."""
    return unit.kind == "heading" and following is not None and following.kind == "table" and (
        following.context.get("section", "") == md.clean(md.without_links(unit.lines[0])))
