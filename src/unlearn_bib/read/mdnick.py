"""A bullet that only names a paper over the sub-bullet that cites it, for ``mdgroup``:

- ``nicknamed(unit)``: a bullet holding a short name or an organisation and the paper's links, no linked title
  (``* Microsoft (Deep Residual Learning) [[Paper](…)]``, ``* GFRNN [[Paper-arXiv](…)] [[Paper-ICML](…)]``, ``* Oxford
  [[Paper](…)]``), whose first sub-bullet is a citation that holds a title (``  * A, B, *Title*, Venue Year``,
  ``  * A, B, "Title", ICLR 2016.``, ``  * A, B, Title, arXiv:ID.``, ``  * Title, ICLR, 2014.``) is ONE paper, as a
  reader of the rendered list sees it: the citation's title, authors, venue and year, on the citation's line, with
  the bullet's links. A further sub-bullet that cites another paper with its venue, year or arXiv id is a paper of
  its own; other sub-bullets (``* A, B (Version 2)``: no title) are left out. A citation that gives no title (``A, B.
  *ICML*, 2022``: the italic part is a venue) leaves the bullet as it is (its own text is then the title).
- ``authors_first(unit)``: a bullet written as a citation whose title is linked, in italics or quoted after the names
  (``* A, B, and C, [Title](link), Nature 2015``, ``* A, Jan "Honza" C, *Title*, ICASSP 2011 [[Paper](…)]``) is read
  with that title (not the last name before the link), those authors, the venue and year after it; the linked
  title's link is the paper's.
- ``venue_index(unit)``: a bullet naming a topic (no link) over sub-bullets that each link a venue's home page by its
  name alone (``- Machine learning`` / ``* [NeurIPS](https://nips.cc/)`` / ``* [ICML](…)``) is a list of venues,
  not a paper.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdscan import Unit, is_paper_url

# "Kaiming He", "C. Lawrence Zitnick", "Bart van Merrienboer", "Wei Liu1", "A.Graves", "O'Gara": one person's words
_LOWER = "a-z\u00df-\u024f'\u2019"
_WORD = (rf"(?:[A-Z]'[A-Z][a-z]+|[A-Z][{_LOWER}]+(?:-[A-Za-z\u00c0-\u024f][{_LOWER}]+)?\d?|[A-Z]\.|[A-Z]\.[A-Z][a-z]+|"
         r"van|von|der|de|den|di|da|le|la|del)")
_PERSON = re.compile(rf"(?:[A-Z\u00c0-\u024f\u0141][{_LOWER}]+|{_WORD})(?:\s{_WORD}){{0,3}}"
                     r"|[A-Z]\w+ \u2033[A-Z]\w+\u2033 [A-Z]\w+")  # 'Jan "Honza" Cernocky', its quotes set aside
_PERSON_UNI = re.compile(r"[A-Z\u00c0-\u00de\u0141][^\W\d_]+")  # "Łukasz", "Haşim": a capitalised word in any script
# "Names, *Title*, tail" or "Names, "Title", tail"
# (the names never end between two spaces past their shortest, "(?:(?<!\s)|(?!\s)|(?<=^[\s\S]{3}))": one character less
# would do there, the space going to "\s+"; the same match, and a run of spaces is not rescanned from each space)
_EMPHASISED = re.compile(r"^([^*_\"\u201c\u201d]{3,600}?)(?:(?<!\s)|(?!\s)|(?<=^[\s\S]{3}))[,.:]?\s+(?:\*|_|\"|\u201c)([^*_\"\u201c\u201d]{4,400}?)[,.]?\s*"
                         r"(?:\*|_|\"|\u201d)\s*[,.]?\s*([^*_\"\u201c\u201d]{0,200})$")
_NICKNAME = re.compile(r'(?<=[A-Za-z] )"([A-Z][a-z]{1,20})"(?= [A-Z])')  # 'Jan "Honza" Cernocky'
_TITLE_LINK = re.compile(r"\[([^\[\]\n]{8,400})\]\((\S{1,2000}?)\)")  # "[Deep Learning](…)" after the names
_ARXIV_ID = re.compile(r"(?:arxiv\s+preprint\s+)?arxiv\s*:\s*(\d{4}\.\d{4,5}|[a-z\-]+/\d{7})(?:v\d+)?", re.I)
_TAIL_PART = re.compile(r"^(?:(?:19|20)\d\d|arxiv(?: preprint)?)$", re.I)
_HOME = re.compile(r"^(?:https?://)?[^/\s]+(?:/[^/\s]*){0,2}$")  # "https://icml.cc/": a site, not a paper's page
_SHORT_NAME_WORDS = 12  # a name, an organisation, or a title repeated: never a paragraph


def _people(part: str) -> bool:
    """True for one person or ``A and B`` (a citation's names, one comma-separated part)."""
    names = [n.strip() for n in re.split(r"\s+and\s+|^and\s+", part.strip()) if n.strip()]
    return bool(names) and all(_PERSON.fullmatch(n) or all(_PERSON_UNI.fullmatch(w) or re.fullmatch(r"[A-Z]\.", w)
                                                            for w in n.split()) and 2 <= len(n.split()) <= 4 for n in names)


def person(text: str) -> bool:
    """True for one person's name of two to four capitalised words (``Alessandro Castelnovo``)."""
    return " and " not in text and 2 <= len(text.split()) <= 4 and _people(text)


def _tail(text: str) -> tuple[str, int | None, list[str]]:
    """(venue, year, arXiv ids) of what follows a citation's title: ``arXiv:1502.02367 / ICML 2015``, ``ICLR, 2014``."""
    ids = [found.group(1) for found in _ARXIV_ID.finditer(text)]
    rest = _ARXIV_ID.sub(" ", text)
    rest = re.sub(r"\s*/\s*", " ", rest).strip(" ,.;")
    rest = re.sub(r",\s*((?:19|20)\d\d)$", r" \1", rest)  # "ICLR, 2014": the venue and its year
    rest = re.sub(r"^((?:19|20)\d\d)$", r"\1", rest)
    year = md.year_of(rest) or (md.year_of(rest.split(",")[-1]) if rest else None)
    return ("" if md.is_date(rest) else rest), year, ids


def cited_title(text: str, plain_titles: bool = True) -> tuple[str, str, str, int | None, list[str]] | None:
    """(names, title, venue, year, arXiv ids) of a citation line that holds a title, or None (see the module's text);
    with ``plain_titles`` False, only an italic or quoted title counts."""
    plain = md.clean(md.without_links(text)).strip(" .")
    raw = _NICKNAME.sub("\u2033\\1\u2033", md.without_links(text).strip(" ."))  # Jan "Honza" Cernocky: one name
    if not plain or len(plain) > 2000:
        return None
    found = _EMPHASISED.match(raw.strip())
    if found:
        names, title, tail = md.clean(found.group(1)).strip(" ,."), md.clean(found.group(2)).strip(" ,."), found.group(3)
        venue, year, ids = _tail(md.clean(tail))
        if not all(_people(p) for p in names.split(",") if p.strip()) or len(title.split()) < 2 or (
                (md.looks_like_venue(title) or year) and not venue and not ids):  # "A, B. *Neural Computation*, 1997": a venue
            return None
        return names.replace("\u2033", '"'), title, venue, year, ids
    if not plain_titles:
        return None
    parts = [p.strip() for p in plain.split(",")]
    lead = 0
    while lead < len(parts) - 1 and _people(parts[lead]):
        lead += 1
    end = len(parts)
    while end > lead + 1 and (_TAIL_PART.match(parts[end - 1]) or _ARXIV_ID.fullmatch(parts[end - 1])
                              or (md.looks_like_venue(parts[end - 1]) and len(parts[end - 1].split()) <= 8)):
        end -= 1
    if end == len(parts) and _ARXIV_ID.search(parts[-1] if parts else ""):  # "Title, arXiv:1511.04587 2015"
        end -= 1
    title = ", ".join(parts[lead:end]).strip()
    tail = ", ".join(parts[end:])
    venue, year, ids = _tail(tail)
    if not tail and (not lead or "," in title) or sum(person(p.strip()) for p in title.split(",")) >= 2:
        return None  # "A, B, C O'Gara, D, E.": names the patterns missed, not a title
    if len(title.split()) < 2 or _people(title) or title.startswith("and ") or re.search(r"\.\s+\S+$", title) or (
            md.looks_like_venue(title) and len(title.split()) <= 3 and not venue and not ids):  # "A, B, ICML, 2015"
        return None
    return ", ".join(parts[:lead]), title, venue, year, ids


def _lines(names: str, title: str, venue: str, year: int | None, links: str, ids: list[str]) -> list[str]:
    """The citation in the layout ``mdlist`` reads for a bold title: ``**Title**. [links]``, then ``Authors: A, B``,
    ``Venue: Venue Year`` and ``Paper: arXiv:ID`` lines (the row's text, where identifiers written out are read)."""
    venue = venue if not year or md.year_of(venue) else f"{venue} {year}".strip()
    return [f"**{title}**. {links}".strip()] + ([f"Authors: {names}"] if names else []) + (
        [f"Venue: {venue}"] if venue else []) + (["Paper: " + " ".join(f"arXiv:{i}" for i in ids)] if ids else [])


def _links_of(text: str) -> str:
    return " ".join(f"[{label}]({url})" for label, url, badge in md.links(text) if not badge)


def _papers(head: Unit, subs: list[tuple[int, str]]) -> list[Unit] | None:
    """The papers of ``head`` (a bullet naming a paper by its links) over its sub-bullets ``subs`` (line, text)."""
    text = head.lines[0]
    name = md.clean(md.without_links(text)).strip(" ,.:;-")
    linked = md.LINK.match(text.strip(" *_"))
    if linked and not linked.group(1):  # "[ResNet](link)", "[Fast R-CNN](link)": a linked name of one or two words
        name = md.clean(linked.group(2)) if len(md.clean(linked.group(2)).split()) <= 2 else ""
    if not subs or not md.links(text) or not name or len(name.split()) > _SHORT_NAME_WORDS:
        return None  # "[A Longer Linked Title](link)": a title, not a name
    first = cited_title(subs[0][1])
    if first is None:
        return None
    out = [_unit(head, subs[0][0], first, (_links_of(subs[0][1]) + " " + _links_of(text)).strip())]
    for number, extra in subs[1:]:
        other = cited_title(extra)
        if other and (other[2] or other[3] or other[4]):  # "A, B, Title, arXiv:1501.00092.": another paper
            out.append(_unit(head, number, other, _links_of(extra)))
    return out


def _unit(head: Unit, number: int, cited: tuple, links: str) -> Unit:
    return Unit("item", number, _lines(*cited[:4], links, cited[4]), indent=head.indent,
                context=dict(head.context))


def nicknamed(unit: Unit) -> list[Unit] | None:
    """The papers of a bullet that names a paper over its citation sub-bullet, joined to it by the scan (see the module's text)."""
    if unit.kind != "item" or len(unit.lines) < 2 or 1 not in unit.at:
        return None
    return _papers(unit, [(unit.at[n], line) for n, line in enumerate(unit.lines) if n in unit.at])


def named_parent(head: Unit, children: list[Unit]) -> list[Unit] | None:
    """The same for a bullet whose citation sub-bullets are items of their own (one line each)."""
    if head.kind != "item" or len(head.lines) > 1 or not children or any(len(c.lines) > 1 for c in children):
        return None
    return _papers(head, [(c.line, c.lines[0]) for c in children])


def authors_first(unit: Unit) -> Unit | None:
    """A bullet written as a citation whose title is linked, in italics or quoted, after the names (``* A, B, and C,
    [Title](link), Nature 2015``, ``* A, B .[Title](link) .[J] arXiv preprint``, ``* A, B, *Title*, Interspeech 2010 [[Paper](…)]``): the same row in the layout
    ``mdlist`` reads (the linked title's link is the paper's), or None."""
    if unit.kind != "item" or unit.children or not re.match(r"\s*[A-Z\u00c0-\u024f\u0141]", unit.lines[0]):
        return None
    head, url = unit.lines[0], ""
    linked = _TITLE_LINK.search(head)
    before = head[:linked.start()].rstrip() if linked else ""  # "A, B .[Title](link)": names, a full stop, the title
    if linked and (before.endswith(",") or before.endswith(".") and md.looks_like_authors(before.rstrip(" ."))) and not md.GENERIC.match(
            linked.group(1)):
        head, url = head[:linked.start()] + "*" + linked.group(1) + "*" + head[linked.end():], linked.group(2)
    cited = cited_title(head, plain_titles=not re.search(r"[*_\"\u201c]", head))
    if cited is None and url and before.endswith("."):  # names the strict patterns miss ("Md. Saiful Islam", "K.A.A. Aziz")
        venue, year, ids = _tail(md.clean(re.sub(r"^[\s.]*\[[A-Z]\][\s.]*", "", md.without_links(unit.lines[0][linked.end():]))))
        cited = (md.clean(before.rstrip(" .")), md.clean(linked.group(1)), venue if md.looks_like_venue(venue) else "", year, ids)
    if cited and url and not cited[2] and cited[4] and re.search(r"\barxiv preprint arxiv\s*:", head, re.I):
        cited = (*cited[:2], "arXiv preprint", *cited[3:])  # "[Title](link) .[J] arXiv preprint arXiv:ID": the venue as written
    if cited is None or not cited[0] or not (url or re.search(r"[*_\"\u201c]", head) or cited[2] or cited[4]):
        return None  # "A, B, Title, ICCV 2015.": plain, the title stands between the names and a venue or an arXiv id
    links = ((f"[[Paper]]({url}) " if url else "") + _links_of(head)).strip()
    return Unit("item", unit.line, _lines(*cited[:4], links, cited[4]) + unit.lines[1:],
                indent=unit.indent, context=unit.context, at=unit.at)


def venue_index(unit: Unit) -> bool:
    """True for a topic bullet over bullets that each link a venue's home page by its name (see the module's text)."""
    if unit.kind != "item" or len(unit.lines) < 3 or md.links(unit.lines[0]):
        return False
    for line in unit.lines[1:]:
        found = md.links(line)
        home = bool(_HOME.match(found[0][1]) or not is_paper_url(found[0][1])) if len(found) == 1 else False
        if not home or md.clean(md.without_links(line)).strip(" ,;|") or not (
                md.looks_like_venue(found[0][0]) and len(found[0][0].split()) <= 3 and not md.year_of(found[0][0])):
            return False
    return True
