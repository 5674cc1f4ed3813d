"""The reader's safety net: a unit that links a paper by its identifier is never silently lost.

The layout rules of ``mdlist`` read the layouts real lists use; a new list often brings one they
do not know, and its rows then produced nothing at all. Three general rules, applied after them:

- ``described(units, text)``: a bullet of names under a bullet holding only a bold title is that
  title's authors line (a stray bullet marker); a bullet whose first line is a description (plain prose, no link)
  and whose following paragraphs are each a paper line (``**Title** *Authors* 2023.02 [[Paper](…)]``)
  is a description over its papers: each paragraph becomes a block of its own, on its own line; so does each
  paragraph ``[Title](link)`` indented under a category bullet (``  - Query-based RAG`` / ``    [REALM: …](arXiv)``),
  read as the bullet ``- [Title](link)``; the category is no paper.
- ``rescued(unit, found)``: a unit (item, block or heading; never a table row, a section of posts or
  a unit a rule already read or reported) for which no rule produced anything, but which links a
  paper by identifier (an arXiv abs/pdf/html link, a DOI link, an OpenReview forum/pdf link),
  becomes a row. Its title is the unit's most title-like text: a bold or quoted span, a link
  text of three words or more that is not a generic label, else the first line without tags,
  numbering and decorations; never a URL, a venue, a field label or personal names (a Title Case text with
  "and" or commas reads as names, except as the text of a link to the paper by identifier). Its year is
  the unit's own (a venue or date tag anywhere in it), else the heading's; with neither, the
  importer dates it by its arXiv id or reports it.
- ``rescued`` drops a "row" whose title is a parenthesised note and whose links all lead to the
  list's own pages (``- [[ICLR](./2024/ICLR.md)] (2 篇)``: an index with a count), and dates a row that has no year and no venue from an ``Accepted to AAAI 2026`` note
  anywhere in its unit (``- **📝 说明**: 🏆 Accepted to AAAI 2026`` under a paper's heading) or from a link labelled
  with a venue and its year in parentheses (``[npj Comput Mater 9, 69 (2023)](…)``), and
  reads a title that is a whole citation (``Authors. "Title." Venue 70 (1983): 41-55.``, or APA's
  ``Authors (2015). Title. Venue, 9(1).``) as its parts; ``*A, B.* Preprint'25`` below a title gives
  authors and venue; a GB/T 7714 reference (``Zhao J, et al. Title[J]. Journal, 2023.``, ``mdgbt``) as its parts;
  ``Names - Title`` (no title link) gives the names as the authors (``mddash``).
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdby import by_authors
from unlearn_bib.read.mddash import dash_authors
from unlearn_bib.read.mdgbt import gbt_reference, is_reference
from unlearn_bib.read.mdgfm import lines as gfm_lines
from unlearn_bib.read.mdlinktext import label_fields, named_paragraph
from unlearn_bib.read.mdnamebold import year_alone
from unlearn_bib.read.mdnames import personal_names
from unlearn_bib.read.mdprefix import year_after, year_first
from unlearn_bib.read.mdscan import FIELD, ID_URL, NOT_PAPER_HOSTS, Unit
from unlearn_bib.read.mdvenuehead import under_venue_heading

_BOLD = re.compile(r"\*\*([^*\n]{4,300})\*\*|__([^_\n]{4,300})__")
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{8,300})[\"”]")
_ACCEPTED = re.compile(r"\b(?i:accepted|published|appear(?:s|ing)?)\s+(?i:to|by|at|in)\s+(?:the\s+)?"
                       r"([A-Z0-9][\w&\-]{1,20}(?:\s[A-Z][\w&\-]{1,20}){0,3}\s*'?(?:19|20)?\d\d)\b")
# ``Authors. "Title." Venue (Year).``: the authors, the quoted title, what follows it
_CITED = re.compile(r"^([^\"“”]{3,300}?)[.,]\s*[\"“]([^\"“”]{8,300})[\"”]\s*(.*)$")
# APA: ``Brodersen, K. H., & Scott, S. L. (2015). Title. Venue, 9(1), 247–274.``
_APA = re.compile(r"^([^()\"“”]{3,300}?),?\s*\(((?:19|20)\d\d)[a-z]?\)\.\s+([^.?!]{8,300}[?!]?)\.?\s+(.*)$")
_ITALIC_THEN = re.compile(r"^\s*([*_])([^*_\n]{3,2000})\1\s+([^\[\]*_\n]{2,60}?)\s*(?:\[|$)")
_PROSE = re.compile(r"^[A-Z][^\[\]*_`|<>]{3,300}$")  # a description: words, no link, no emphasis, no tag
_LABEL_YEAR = re.compile(r"^([A-Za-z][^()\[\]]{1,120})\(((?:19|20)\d\d)\)\s*$")  # "Journal 9, 69 (2023)"
_PAPER_LINE = re.compile(r"^(?:\*\*|__)[^*_\n]{4,300}(?:\*\*|__)")
_LINKED_LINE = re.compile(r"^\[([^\[\]\n]{8,400})\]\(https?://")  # "[Title](https://…)" opening a paragraph


def _linked_title(line: str) -> bool:
    """A paragraph line that opens with a linked title (two words or more, not a generic label)."""
    found = _LINKED_LINE.match(line.strip())
    return bool(found) and len(found.group(1).split()) >= 2 and not md.GENERIC.match(found.group(1))


def _all_links(unit: Unit) -> list[tuple[str, str, bool]]:
    """The unit's links (its bare URLs are links already: mdauto made them so when the lines were scanned)."""
    return [link for line in unit.lines for link in md.links(line)]


def _id_links(unit: Unit) -> list[str]:
    return [url for _, url, _ in _all_links(unit) if ID_URL.match(url)]


def described(units: list[Unit], text: str) -> list[Unit]:
    """Split each "description bullet over paper paragraphs" into one block per paper paragraph."""
    out: list[Unit] = []
    lines = None
    for unit in units:
        unit = named_paragraph(unit)  # "FedAvg:" over "[Title. Venue Year](link)": the paper is the link's line
        if out and _authors_bullet(out[-1], unit):  # "* **Title** <br>" over "* A*, B, C* <br>" + "Venue. [[Paper](…)]"
            out[-1].lines.extend(unit.lines)
            continue
        rest = unit.lines[1:]
        if not (unit.kind == "item" and not unit.children and rest and _PROSE.match(unit.lines[0].strip())
                and all(_PAPER_LINE.match(line) and md.links(line) or _linked_title(line) for line in rest)):
            out.append(unit)
            continue
        lines = lines if lines is not None else gfm_lines(text)
        at = unit.line
        for line in rest:  # the paragraph's own line number, found below the bullet's
            at = next((n + 1 for n in range(at, min(len(lines), at + 50)) if lines[n].strip().startswith(line[:60])), at)
            # "[Title](link)": read as the bullet ``- [Title](link)`` a person sees it to be
            out.append(Unit("item" if _linked_title(line) else "block", at, [line], context=unit.context))
    return out


def _authors_bullet(title: Unit, people: Unit) -> bool:
    """A bullet of names right under a sibling bullet holding only a bold title: the title's authors
    line, written with a stray bullet marker (``* Hongcheng Wang*, Yuxuan Wang*, …``)."""
    if not (title.kind == people.kind == "item" and title.indent == people.indent and len(title.lines) == 1
            and not title.children):
        return False  # the cheap tests first: most neighbours are no such pair
    names = md.clean(people.lines[0])
    return (not md.links(title.lines[0]) and bool(_PAPER_LINE.match(title.lines[0]))
            and not md.links(people.lines[0]) and names.count(",") >= 2 and md.looks_like_authors(names)
            and not personal_names(title.lines[0]))


def _title(unit: Unit) -> str:
    """The unit's most title-like text, or ""."""
    first = unit.lines[0]
    candidates = [m.group(1) or m.group(2) for m in _BOLD.finditer(first)]
    candidates += [m.group(1) for m in _QUOTED.finditer(first)]
    candidates += [label for label, url, badge in md.links(first) if not badge and len(label.split()) >= 3]
    # the text of a link to a paper by its identifier is the paper's title, never its authors (Title Case with
    # "and": "[Fast and Robust Visuomotor Flow Matching Policy](arXiv)"); initials still read as names
    id_labels = {label for label, url, badge in md.links(first) if not badge and ID_URL.match(url)}
    link = md.LINK.search(first)
    after = re.sub(r"[(\[][^()\[\]]*[)\]]", " ", md.clean(md.without_links(first[link.end():]))) if link else ""
    before = md.clean(first[:link.start()]).rstrip(" [(") if link else ""
    if not re.search(r"[^\W\d_]{2}", after) and not before.endswith(":") and "`" not in first:
        candidates.append(md.without_links(first))  # not prose that cites a paper in passing ("see [this](…) for …")
    for text in (c[:400] for c in candidates):  # a title is short: nothing longer is searched
        title = md.clean_title(re.sub(r"^\s*(?:\d{1,3}[.)]\s+|\[\d{1,4}\]\s+)", "", text)).strip(" .,:;-–|")
        title = re.sub(r"^(?:\[[^\[\]]{1,40}\]\s*|\([^()]{1,40}\)\s*)+", "", title).strip()  # tags before the title
        title = re.sub(r"\s*https?://\S*", " ", title).strip(" .,:;-–|")  # a bare URL (GFM links it) is never the title
        tail = re.search(r"(?:\s*[(\[][^()\[\]]{1,40}[)\]])+$", title)  # tags after it: "(CVPR 2016)"
        title = title[:tail.start()].strip(" .,:;-–|") if tail else title
        if (len(title.split()) < 3 or re.search(r"https?:|www\.", title) or md.GENERIC.match(title)
                or FIELD.match(title) or (md.looks_like_venue(title) and len(title.split()) <= 4) or (
                    text not in id_labels and md.looks_like_authors(title) and re.search(r",|\band\b", title))
                or personal_names(title) or title.endswith(":") or len(title.split()) > 30):
            continue
        around = md.without_links(first).replace(text, " ") if text in first else md.without_links(first)
        if len(re.findall(r"(?<![\w'’-])[a-z]{2,}(?![\w'’-])", re.sub(r"[(\[][^()\[\]]*[)\]]", " ", around))) >= 5:
            return ""  # a sentence around it ("Based on our survey, "Title", we provide …"): prose citing a paper
        return title
    return ""


def _year(unit: Unit) -> int | None:
    """A venue or date tag anywhere in the unit gives its year."""
    for line in unit.lines:
        for label, url, _ in md.links(line):
            tag = label.strip(" []")
            if (md.looks_like_venue(tag) or md.is_date(tag)) and not NOT_PAPER_HOSTS.match(url):
                year = md.year_of(tag)
                if year:
                    return year
        for tag in re.findall(r"[(\[【]([^()\[\]【】\n]{2,40})[)\]】]", md.without_links(line)):
            if md.looks_like_venue(tag) or md.is_date(tag):
                year = md.year_of(tag)
                if year:
                    return year
    return None


def _quoted_citation(row) -> None:
    """A title that is a whole citation ``Authors. "Title." Venue 70, no. 1 (1983): 41-55.`` (a linked
    citation in a Paper cell): the quoted title, the authors before it, the venue and year after it."""
    text = row.title  # each form tried only if its opening mark is there: a quotation mark, a parenthesis
    quoted = _CITED.match(text) if '"' in text or "\u201c" in text else None
    apa = _APA.match(text) if "(" in text else None
    parts = (quoted.groups() if quoted else (apa.group(1), apa.group(3), f"{apa.group(4)} ({apa.group(2)})") if apa else None)
    if not parts or not (md.looks_like_authors(parts[0]) or re.search(r"\bet al\b", parts[0])):
        return
    people, title, rest = parts
    doi = re.search(r"(?i)(?:doi\.org/|\bdoi:?\s*)(10\.\d{4,9}/[^\s\]\[()<>\"]+)", rest)
    if doi:  # "… 9(1), 247–274. doi: 10.1214/14-AOAS788": the DOI the citation writes is the paper's
        row.links.append(("doi", "https://doi.org/" + doi.group(1).rstrip(".,;"), False))
        rest = rest[:doi.start()] + rest[doi.end():]
    rest = re.sub(r"(?i)\barxiv(?: preprint)?\s*:?\s*(?:abs/)?\d{4}\.\d{4,5}(?:v\d+)?", "", rest)
    years = re.findall(r"(?<![\d.])((?:19|20)\d\d)(?![\d.])", rest)
    row.title = title.strip(" ,.")
    row.authors, row.authors_incomplete = md.split_authors(people.strip(" ,."))
    inverted = re.findall(r"[^,&]{2,60}?,\s*(?:[A-Z][a-z]?\.[\s-]*){1,4}", people) if apa and not quoted else []
    row.authors = [name.strip(" ,&") for name in inverted] or row.authors  # APA: "Family, I. N., & Other, I."
    row.authors = row.authors or None
    row.needs_id = False  # a citation names a paper, whatever its link leads to
    row.year = row.year or (int(years[-1]) if years else None)
    venue = re.split(r",?\s+(?:\d|\(|no\.|vol\.)|,", re.sub(r"^(?:In|in)\s+", "", rest.strip(" .")))[0].strip(" .")
    row.venue = row.venue or (venue if 2 <= len(venue) <= 120 and venue[0].isalpha() else "")  # not "(2011)"


def _italic_authors_then_venue(unit: Unit, row) -> None:
    """``*A, B, Hao Fei.* Preprint'25`` below a title: the italic span is the authors, the text after it
    the venue (read as one authors' line, the venue would end the last name)."""
    if row.venue:
        return
    for line in unit.lines[1:]:
        found = _ITALIC_THEN.match(line)
        venue = found.group(3).strip(" .") if found else ""
        if found and md.looks_like_authors(found.group(2)) and md.looks_like_venue(venue) and md.year_of(venue):
            row.authors, row.authors_incomplete = md.split_authors(found.group(2).strip(" ."))
            row.authors, row.venue, row.year = row.authors or None, venue, row.year or md.year_of(venue)
            return


def _label_year(row) -> None:
    """A link labelled with a reference's venue part ending in its year in parentheses (``[npj Comput Mater 9, 69
    (2023)](nature link)``, ``[J. Chem. Inf. Model. (2023)](doi)``) gives a row that has none its venue, as written,
    and its year."""
    for label, url, badge in row.links:
        found = _LABEL_YEAR.match(label)
        if found and not badge and not NOT_PAPER_HOSTS.match(url) and not re.match(r"(?i)arxiv\b", label):
            row.year, row.venue = row.year or int(found.group(2)), row.venue or label.strip()
            return


def rescued(unit: Unit, found, row_type):
    """``found`` as the layout rules read it, or the unit read by the safety net (see the module) as a
    ``row_type`` (``mdlist.Row``, passed in: this module is below ``mdlist``)."""
    if isinstance(found, row_type):
        if re.fullmatch(r"\([^()]*\)", found.title) and not any(re.match(r"(?i)^https?:", u) for _, u, _ in found.links):
            return None  # "- [[ICLR](./2024/ICLR.md)] (2 篇)": the list's index of its own pages, with a count
        if found.year is None or not found.venue:
            _label_year(found)
        if found.year is None and not found.venue:
            accepted = _ACCEPTED.search(" ".join(md.clean(line) for line in unit.lines))
            if accepted and md.year_of(accepted.group(1)):
                found.venue, found.year = accepted.group(1), md.year_of(accepted.group(1))
        dashed = None if found.title_url or found.authors else dash_authors(found.title)
        if dashed:  # "Zhuoran Xiong et al. - Practical Deep Reinforcement Learning Approach for Stock Trading"
            found.title, found.authors, found.authors_incomplete = dashed
        label_fields(found)  # "[Title. NIPS 2016 workshop.](link)": the venue and year written inside the link
        year_first(found, unit.context.get("year"))  # "[2017: Title](link)": the row's own year, then its title
        year_after(found, unit.lines[0], unit.context.get("year"))  # "[Title](link),2026"
        if not gbt_reference(found, unit.lines[0]):  # "Zhao J, et al. <b>Title[J]</b>. Journal, 2023: 1-10."
            _quoted_citation(found)
        _italic_authors_then_venue(unit, found)
        under_venue_heading(unit, found)  # "# [CVPR 2026](…)" over "- [Title](notes/README.md)"
        by_authors(unit, found)  # "[Title](link) by Wehenkel, Louppe<br>"
        year_alone(unit, found)  # "[Title](link). 2017.", "Title. 2017. [[pdf]](…)"
        if md.is_date(found.venue):
            found.venue = ""  # "**Title** *Authors* 2023.07 [[Paper](…)]": a date, not a venue (the year is kept)
        comma_year = re.fullmatch(r"(.*[^\W\d]\.?),\s*(?:19|20)\d\d(?:[.\-/](?:0?[1-9]|1[0-2]))?\.?", found.venue)
        if comma_year and found.year and (md.looks_like_venue(comma_year.group(1)) or comma_year.group(1)[:1].isupper()):
            found.venue = comma_year.group(1)  # "ICLR, 2020." below a paper's authors: the venue is "ICLR"
        return found
    if found is not None or unit.kind not in ("item", "block", "heading") or unit.context.get("skip"):
        return found
    if is_reference(unit.lines[0]):  # "**[4]** Zhou L, et al. [**Title**](link)[J]. Journal, **2021**.": a paper
        row = row_type(unit.line, "", section=unit.context.get("section", ""), text=" ".join(unit.lines))
        row.links = _all_links(unit)
        gbt_reference(row, unit.lines[0])
        return row
    ids = _id_links(unit)
    title = _title(unit) if ids else ""
    if not title:
        return None
    whole = " ".join(unit.lines)
    row = row_type(unit.line, title, ids[0], section=unit.context.get("section", ""), text=whole)
    row.links = _all_links(unit)
    row.year = _year(unit) or unit.context.get("year")
    row.venue = unit.context.get("venue", "")
    row.venue_guess = bool(unit.context.get("venue_guess"))
    if row.year is None or row.year == unit.context.get("year"):
        label_fields(row)  # "[Title. NIPS 2016 workshop.](arXiv link)"
    return row
