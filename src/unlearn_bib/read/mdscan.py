"""The scan under ``mdlist``: one pass over a Markdown list's lines into units (pipe-table rows, list
items with their sub-bullets and continuation lines, paragraph blocks, headings that link a paper),
each with the section, year and venue its headings and parent bullets give it. Code fences and HTML
comments are skipped, except that a fenced ``bibtex`` block becomes a "bib" unit (mdlist gives it
to the row above it when it cites that row's paper); a line over ``MAX_LINE`` characters is reported, not parsed.
Sections of books, posts and the like are marked skipped, but not one that names theses (``Books / Thesis``); a
parent bullet ``* Alex Graves (2008)`` dates the bullets under it. Linear time.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdauto import autolink, broken_label, html_list, untitled
from unlearn_bib.read.mdcite import NOTE, citation
from unlearn_bib.read.mdgfm import lines as gfm_lines, task_item
from unlearn_bib.read.mdsummary import summary_bullet
from unlearn_bib.read.mdtitlecol import title_column
from unlearn_bib.read.mdvenuehead import heading_label, heading_venue

MAX_LINE = 20_000  # longer lines are reported, not parsed

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$")
_ALIGN = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# "**🧑‍🔬 作者**：…", "**🔗 链接**：…": a bold label led by an emoji (several code points), in Chinese, with a full-width colon
FIELD = re.compile(r"^\W{0,8}(authors?|author\(s\)|date|venue|code|published|publication|publisher|conference|year|"
                   r"paper(?: link)?|pdf|link|作者|链接|日期|会议|年份|代码)\W{0,4}[:：]\s*(.*)$", re.I)
_SKIP_SECTION = re.compile(
    r"\b(blogs?|blog posts|posts|videos|lectures?|tutorials?|talks|courses?|notebooks?|news|updates|update history|change ?logs?|contents|citation|citing|"
    r"contribut\w*|licen[cs]e|acknowledg\w*|star history|products?|commercial|to-?do( lists?)?|books?|podcasts?|"
    r"workshops? and challenges|related (lists|repos\w*|awesome\w*)|awesome lists)\b"
    r"|^\W*(?:workshops?|events|conferences and workshops)\W*$", re.I)  # "## Workshops": the events, not their papers
# "[[pdf]](…)" written as a paper's link even when its target is not a URL ("[[pdf]](Title of the paper)")
# "**🏫 单位**：…": a bold label and a colon, another field of a paper whose heading took a field already
_BOLD_LABEL = re.compile(r"^(\*\*|__)[^*_\n]{1,24}\1\s*[:：]|^(\*\*|__)[^*_\n]{1,24}[:：]\2")
_LABEL_LINK = re.compile(r"\[\\?\[\s*(?:paper|pdf)\s*\\?\]\]\(", re.I)
# "Title，in *NeurIPS* 2023": a full-width comma between Latin words is a comma (in Chinese text it stays)
_LATIN_COMMA = re.compile(r"(?<=[\x21-\x7e])\uff0c\s*(?=[A-Za-z*_\[(])")
_THESES = re.compile(r"\bthes[ie]s\b|\bdissertations?\b", re.I)
_NAMED_YEAR = re.compile(r"^([^()\n]{3,200}?)\s*\(((?:19|20)\d\d)\)")  # anchored: used whole (fullmatch) only
_HARD_BREAK = re.compile(r"(?:\\|<br\s*/?>)\s*$", re.I)
_HEADING_YEAR = re.compile(r"^(?:year\s*)?((?:19|20)\d\d)(?:\s*papers?)?$", re.I)
_HEADING_DATE = re.compile(r"^\[?((?:19|20)\d\d)[-./](?:0?[1-9]|1[0-2])(?:[-./]\d{1,2})?\]?$")
_HEADING_CJK = re.compile(r"^((?:19|20)\d\d)\s*年(?:\s*\d{1,2}\s*月)?[^\d\n]{0,12}(?:[（(]\d{1,4}\s*篇[）)])?$")  # "2021 年 6 月论文更新（20 篇）"
# "Top ML Papers of the Week (June 23 - June 29) - 2025": a heading naming days of a month and ending in their year
_HEADING_DAYS = re.compile(r"^[^\n]{0,80}?\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s+\d{1,2}\b"
                           r"[^\n]{0,40}?[\s,(\-\u2013\u2014]((?:19|20)\d\d)\)?$", re.I)
PAPER_HOSTS = re.compile(
    r"^https?://(?:[\w-]+\.)*(arxiv\.org|doi\.org|openreview\.net|aclanthology\.org|aclweb\.org|dl\.acm\.org|"
    r"link\.springer\.com|ieeexplore\.ieee\.org|proceedings\.mlr\.press|proceedings\.neurips\.cc|papers\.nips\.cc|"
    r"neurips\.cc|openaccess\.thecvf\.com|thecvf\.com|ojs\.aaai\.org|aaai\.org|ijcai\.org|sciencedirect\.com|"
    r"semanticscholar\.org|nature\.com|science\.org|jmlr\.org|usenix\.org|ndss-symposium\.org|vldb\.org|"
    r"mdpi\.com|wiley\.com|tandfonline\.com|researchgate\.net|biorxiv\.org|medrxiv\.org|ssrn\.com|"
    r"royalsocietypublishing\.org|iclr\.cc|icml\.cc|ecva\.net|cvpr\.thecvf\.com|"
    r"hal\.science|hal\.inria\.fr|hal\.archives-ouvertes\.fr)/", re.I)  # HAL: the French open archive of papers
# a link that names a paper by its identifier: arXiv abs/pdf/html, a DOI, an OpenReview forum or pdf
ID_URL = re.compile(r"^https?://(?:(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(?:\d{4}\.\d{4,5}|[a-z\-]+/\d{7})|"
                    r"(?:dx\.)?doi\.org/10\.\d{4,9}/|(?:www\.)?openreview\.net/(?:forum|pdf)\?id=[\w\-]+)", re.I)
NOT_PAPER_HOSTS = re.compile(
    r"^https?://(?:[\w-]+\.)*(github\.com|gitlab\.com|youtube\.com|youtu\.be|huggingface\.co|colab\.research\.google\.com|"
    r"medium\.com|twitter\.com|x\.com|zhihu\.com|bilibili\.com|reddit\.com|discord\.gg|notion\.site|"
    r"img\.shields\.io|star-history\.com|manning\.com|amazon\.com)(/|$)", re.I)


@dataclass
class Trouble:
    line: int
    message: str


@dataclass
class Unit:
    kind: str  # table | item | block | heading
    line: int
    lines: list[str]
    indent: int = 0
    cells: dict[str, str] = field(default_factory=dict)
    context: dict = field(default_factory=dict)  # year, year_text, venue from parents/headings
    children: int = 0
    own: dict = field(default_factory=dict)  # what this item tells its children (year, venue)
    at: dict = field(default_factory=dict)  # index in lines -> file line, for the sub-bullets joined to the item


def is_paper_url(url: str) -> bool:
    return bool(PAPER_HOSTS.match(url)) or bool(re.search(r"\.pdf(\?|#|$)", url, re.I))


def _column(header: str) -> str:
    name = md.clean(header).lower().strip(" :")
    if re.fullmatch(r"(paper|papers|title|paper title|paper name|article|work|method)s?|论文|标题|论文标题|题目", name):
        return "title"
    if re.fullmatch(r"surveys?|(representative |key )?(citation|reference)", name):
        return "title"  # a Surveys table's "Survey" column; "Representative citation": "[**A et al.**, *Title* (Venue)](…)"
    if re.fullmatch(r"(team|lab|affiliation|org\.?|organi[sz]ation)\s*(/|&|and|;)\s*venue", name):
        return "venue"  # "Team / venue": "Waabi + University of Toronto; ICLR 2024" (mdkind.last_field)
    if re.fullmatch(r"(paper|title)s?\s*(&|and|/|\+)\s*authors?", name):
        return "title"  # "Title & Authors": "[Title](…) <br> A, B, C"
    if re.fullmatch(r"(paper |article )?titles?\s*(&|and|/|\+|with)\s*[\w ]{0,40}", name):
        return "title"  # "Paper Title and Paper Interpretation": the title, and what else the cell may hold
    if re.fullmatch(r"(first )?authors?|author\(s\)|author list|作者|authors?\s*(/|&|and)\s*(team|affiliations?)[\w ]{0,20}", name):
        return "authors"
    if re.fullmatch(r"venue|publication|published( in| at)?|conference|journal|booktitle|pub\.?|conf\.?|venue & year|"
                    r"source|会议|期刊|会议/期刊|发表|出处|j\s*/\s*c|c\s*/\s*j", name):  # "J/C": journal or conference
        return "venue"
    if re.fullmatch(r"(pub\.?|publication|venue)\s*(&|and|/)\s*(date|year)|(date|year)\s*(&|and|/)\s*(pub\.?|venue)", name):
        return "venue"  # "Pub. & Date": "CVPR, 2023", "May, 2023"
    if re.fullmatch(r"year|date|time|published date|publication date|release date|年份|时间|日期", name):
        return "year"
    if re.fullmatch(r"code|github|repo|repository|project|implementation|official code|代码", name):
        return "code"
    return name


def _header(cells: list[str]) -> list[str]:
    """The columns' names; of two title columns ("Title" and a "Paper" column of links), the one
    named Title holds the title and the other keeps its own name."""
    names = [_column(c) for c in cells]
    titles = [i for i, n in enumerate(names) if n == "title"]
    if len(titles) > 1:
        keep = next((i for i in titles if "title" in md.clean(cells[i]).lower()), titles[0])
        names = [md.clean(cells[i]).lower().strip(" :") + " links" if n == "title" and i != keep else n
                 for i, n in enumerate(names)]
    for role in ("venue", "year", "authors", "code"):  # "Venue | … | Source": the column named as the role keeps it
        both = [i for i, n in enumerate(names) if n == role]
        keep = next((i for i in both if md.clean(cells[i]).lower().strip(" :") == role), both[0]) if both else -1
        names = [md.clean(cells[i]).lower().strip(" :") if n == role and i != keep else n for i, n in enumerate(names)]
    return names


def _untitled_table(header: list[str], lines: list[str], start: int, end: int, context: dict) -> list[Unit]:
    """The rows of a table with no column named as a title, when one column plainly holds them (mdtitlecol)."""
    if "title" in header or end - start < 2:
        return []
    rows = [(n, _cells(lines[n])) for n in range(start, end) if not lines[n].lstrip().startswith("<!--")]
    col = title_column(header, [cells for _, cells in rows])
    if col < 0:
        return []
    named = header[:col] + ["title"] + header[col + 1:]
    return [Unit("table", n + 1, [lines[n]], cells=dict(zip(named, cells + [""] * (len(named) - len(cells)))),
                 context=context) for n, cells in rows if any(c.strip() for c in cells)]


def _cells(line: str) -> list[str]:
    """The cells of a pipe-table row; '|' inside backquotes, link targets or escaped does not split."""
    cells, start, code, depth = [], 0, False, 0
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    for found in _CELL_MARK.finditer(text):  # only the characters that matter, not every character
        ch, at = found.group(0), found.start()
        if ch == "`":
            code = not code
        elif ch == "(" and at and text[at - 1] == "]":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch == "|" and not code and not depth:
            cells.append(text[start:at].strip())
            start = found.end()
    if text[start:].strip():
        cells.append(text[start:].strip())
    return cells


_CELL_MARK = re.compile(r"\\.|[`()|]", re.S)  # an escaped character (kept as written), a backquote, a parenthesis, a pipe


def units(text: str, troubles: list[Trouble]) -> list[Unit]:
    """One pass over the lines: the tables' rows, list items, paragraph blocks and linked headings."""
    lines = gfm_lines(text)  # CommonMark's line endings: \n, \r\n, \r
    units: list[Unit] = []
    headings: list[tuple[int, str]] = []
    heading_year: list[tuple[int, int | None, str]] = []
    fence = comment = False
    bib: Unit | None = None  # the fenced BibTeX block being read
    open_item: Unit | None = None  # the list item or block that following lines continue
    stack: list[Unit] = []  # enclosing list items by indent
    blank = False
    i = 0
    while i < len(lines):
        raw = lines[i] if "\uff0c" not in lines[i] else _LATIN_COMMA.sub(", ", lines[i])
        number = i + 1
        i += 1
        if len(raw) > MAX_LINE:
            troubles.append(Trouble(number, f"a line of {len(raw)} characters; not read"))
            open_item = None
            continue
        if comment:
            comment = "-->" not in raw
            continue
        if _FENCE.match(raw):
            fence = not fence
            if fence and re.match(r"^\s*(```|~~~)\s*(bibtex|bib|biblatex)\s*$", raw, re.I):
                bib = Unit("bib", number + 1, [])  # a citation; mdlist gives it to the paper above it
                units.append(bib)
            elif not fence:
                bib = None
            open_item = None
            continue
        if fence:
            if bib is not None:
                bib.lines.append(raw)
            continue
        if raw.lstrip().startswith("<!--"):
            comment = "-->" not in raw
            continue
        raw = autolink(html_list(summary_bullet(task_item(raw))))  # a task box is a checkbox; a bare web address is a link on GitHub, <li> a bullet
        if not raw.strip():
            blank = True
            if open_item is not None and open_item.kind == "block":
                open_item = None
            continue
        context = _context(headings, heading_year)
        heading = _HEADING.match(raw)
        if heading:
            level, title = len(heading.group(1)), heading.group(2)
            named = md.clean(md.without_links(title)) or heading_label(title) or title  # "# [CVPR 2026](…)": "CVPR 2026"
            headings = [h for h in headings if h[0] < level] + [(level, named)]
            heading_year = [h for h in heading_year if h[0] < level]
            plain = md.clean(md.without_links(title)) or heading_label(title)  # "# [CVPR 2026 (Jun)](notes)"
            found = _HEADING_YEAR.match(plain) or _HEADING_DATE.match(plain) or _HEADING_DAYS.match(plain) or (
                _HEADING_CJK.match(plain))  # "### 2024", a week, "2021 年 6 月论文更新"
            if found or re.match(r"^(before|prior to|until|older)\b", plain, re.I):
                heading_year.append((level, int(found.group(1)) if found else None, plain))
            elif _acronym(plain) and md.year_of(plain) and len(plain.split()) <= 5:
                heading_year.append((level, md.year_of(plain), plain, heading_venue(plain)))  # "### NeurIPS 2024"
            elif heading_year and heading_year[-1][1] and _acronym(plain) and len(plain.split()) <= 3:
                # "### 2025" > "#### IJCAI"; the importer keeps it only if the registry knows it ("#### LLM" is a topic)
                heading_year.append((level, heading_year[-1][1], plain, plain, "guess"))
            open_item, stack = None, []
            section = heading_label(title) and heading_year and heading_year[-1][0] == level  # "# [CVPR 2026](…)"
            if md.links(title) and not section or (not found and level >= 3 and not _SKIP_SECTION.search(plain)):
                # a linked heading, or one whose "paper link: …" line may follow (mdlist decides)
                unit = Unit("heading", number, [title], context=_context(headings[:-1], heading_year))
                units.append(unit)
                open_item = unit  # "**Authors**: …" and "Venue: …" lines below belong to it
            continue
        stripped = _HARD_BREAK.sub("", raw).strip()
        if stripped.startswith("|") or (stripped.count("|") >= 2 and i < len(lines) and _ALIGN.match(lines[i].strip())):
            if i < len(lines) and _ALIGN.match(lines[i].strip()) and "-" in lines[i]:
                header = _header(_cells(raw))
                i += 1
                start, found = i, len(units)
                while i < len(lines) and "|" in lines[i] and lines[i].strip() and len(lines[i]) <= MAX_LINE:
                    if comment or lines[i].lstrip().startswith("<!--"):  # a row commented out is not shown
                        comment = "-->" not in lines[i][lines[i].find("<!--") + 4:] if not comment else "-->" not in lines[i]
                        i += 1
                        continue
                    cells = _cells(lines[i])
                    row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
                    if "title" in header and any(c.strip() for c in cells):
                        units.append(Unit("table", i + 1, [lines[i]], cells=row, context=context))
                    i += 1
                units[found:] = units[found:] or _untitled_table(header, lines, start, i, context)
            open_item, stack, blank = None, [], False
            continue
        item = _ITEM.match(raw)
        if item and not re.match(r"^\s*[-*_](\s*[-*_]){2,}\s*$", raw):
            indent = len(item.group(1).expandtabs(4))
            if stack and stack[-1].indent < indent < stack[-1].indent + 2 and md.links(" ".join(stack[-1].lines)):
                indent = stack[-1].indent  # " - Title" one space in under a linked row: its sibling (a sub-list needs two)
            field_match = FIELD.match(item.group(3))
            if open_item is not None and open_item.kind == "heading" and (
                    _labelled_note(open_item, item.group(3)) or (FIELD.match(md.clean(item.group(3))) and not stack)
                    or (len(open_item.lines) > 1 and not stack and _BOLD_LABEL.match(item.group(3)))):
                open_item.lines.append(md.clean(item.group(3)))  # "- **Comments:** …" under "### [Title](…)"
                continue
            if open_item is not None and open_item.kind in ("item", "block") and indent > open_item.indent and (
                    field_match or not md.clean(md.without_links(item.group(3))) or _describes(open_item, item.group(3))
                    or untitled(item.group(3))) and (
                    not _paper_of_its_own(open_item, item.group(3), field_match)):
                open_item.at[len(open_item.lines)] = number
                open_item.lines.append(item.group(3))  # "- Author(s): …" or a badge line belongs to its item
                blank = False
                continue
            while stack and stack[-1].indent >= indent:
                stack.pop()
            merged = dict(context)
            for parent in stack:
                merged.update({k: v for k, v in parent.own.items() if v is not None})
                if parent.own.get("venue"):
                    merged.pop("venue_guess", None)
            if stack:
                stack[-1].children += 1
            unit = Unit("item", number, [item.group(3)], indent=indent, context=merged)
            unit.own = _parent_context(item.group(3))
            units.append(unit)
            stack.append(unit)
            open_item, blank = unit, False
            continue
        indent = len(raw) - len(raw.lstrip())
        if open_item is not None and open_item.kind == "heading":
            if FIELD.match(md.clean(stripped) if not md.links(stripped) else stripped.strip(" -*+")) or (
                    md.links(stripped) and not md.clean(md.without_links(stripped)).strip(" []()|,")):
                open_item.lines.append(stripped)
                continue
            open_item = None
        if open_item is not None and (not blank or (open_item.kind == "item" and indent > open_item.indent)):
            if broken_label(open_item.lines[-1], stripped):  # "[Title start" / "rest](link)": one link
                open_item.lines[-1] += " " + stripped
                continue
            open_item.lines.append(stripped)
            blank = False
            continue
        if open_item is None and units and units[-1].kind == "block" and units[-1].context == context and (
                re.match(r"^(\*\*|__)[^*_]{2,20}:?\1", stripped) and FIELD.match(md.clean(stripped))):
            units[-1].lines.append(stripped)  # "**Venue:** ICML 2023" as a paragraph of its own below a paper's block
            blank = False
            continue
        stack = [] if indent == 0 else stack
        unit = Unit("block", number, [stripped], context=context)
        units.append(unit)
        open_item, blank = unit, False
    return units


def _describes(item: Unit, text: str) -> bool:
    """A sub-bullet that describes a linked item rather than being a paper of its own: a labelled
    note ("Key Word: …", "ExpEnv: …"), an HTML digest (``<details>``), the authors line, or a
    citation line ("A, B, and C. *Venue*, 2022.")."""
    if not any(md.links(line) or _LABEL_LINK.search(line) for line in item.lines):
        return False
    text = text.strip()
    if md.links(text):  # "ExpEnv: [D4RL](…)": a note may link what it names, but not a paper
        return bool(NOTE.match(text) or citation(text)) and not any(is_paper_url(u) or md.PAPER_LABEL.match(label)
                                                                    for label, u, _ in md.links(text))  # "[A](home), B. *ICLR'17*"
    return bool(NOTE.match(text)) or text.startswith("<") or md.looks_like_authors(text) or citation(text) is not None or (
        bool(re.match(r"(?i)anonymous(?: authors?)?(?:,?\s*et\.?\s*al\b)?\.?(?:\s|$)", text))) or _sentence(item, text)


def _paper_of_its_own(parent: Unit, text: str, field: re.Match | None) -> bool:
    """A linked title, alone or labelled ``Paper: [Title](link)``, under a bullet that holds no title, only a date
    or a venue (``- **[2026.05.27]**``, ``- **CVPR**``) or a category (``_category``; a title of three words or more): a paper of its own, not a link of that bullet (under a
    titled bullet it stays the bullet's link)."""
    if parent.kind != "item" or field and field.group(1).lower() not in ("paper", "paper link"):
        return False
    found = md.LINK.match(re.sub(r"^(?:\*\*|__)(?=\[)", "", (field.group(2) if field else text).strip()))  # "**[Title](…)**" too
    label = md.clean(found.group(2)) if found and not found.group(1) else ""
    if len(label.split()) < 2 or md.GENERIC.match(label):
        return False
    if md.LINK.search(parent.lines[0]) or len(parent.lines) > 1:
        return False
    return bool(_parent_context(parent.lines[0])) or len(label.split()) >= 3 and _category(parent.lines[0])


def _category(text: str) -> bool:
    """A bullet naming a category: a short label of one to six words, no link, no year, no sentence
    ("* Adversarial Learning" over "  * [Title](…)" bullets: the linked titles below are papers of their own)."""
    plain = md.clean(text).strip(" *_:")
    return 0 < len(plain.split()) <= 6 and not md.YEAR.search(plain) and not plain.endswith((".", ",", ";"))


def _labelled_note(heading: Unit, text: str) -> bool:
    """A labelled bullet ("**Metrics:** …", "Comments: …") under a heading that links a paper: a note
    on that paper, never a paper of its own (unless it links a paper itself)."""
    if not md.links(heading.lines[0]) or not NOTE.match(md.clean(text)):
        return False
    return not any(is_paper_url(u) or md.PAPER_LABEL.match(label) for label, u, _ in md.links(text))


def _sentence(item: Unit, text: str) -> bool:
    """A sentence (no link, no emphasis, a full stop at the end, eight words or more) under an item
    that links a paper: a summary of that paper ("This work proposes …"), not a paper of its own."""
    return (text.endswith(".") and len(text.split()) >= 8 and not re.search(r"[*_`\[\]]", text)
            and any(is_paper_url(u) or md.PAPER_LABEL.match(label) for line in item.lines for label, u, _ in md.links(line)))


def _acronym(text: str) -> bool:
    """A heading that names a venue: its first word an acronym ("NeurIPS 2024", "ICRA 2023", "IJCAI")."""
    words = text.split()
    return bool(words) and md.looks_like_venue(text) and sum(ch.isupper() for ch in words[0]) >= 2


def _context(headings, heading_year) -> dict:
    out = {"section": headings[-1][1] if headings else "",
           "skip": bool(headings) and _skipped(headings[-1][1])}
    if heading_year:
        out["year"], out["year_text"] = heading_year[-1][1], heading_year[-1][2]
        if len(heading_year[-1]) > 3:
            out["venue"] = heading_year[-1][3]
            out["venue_guess"] = len(heading_year[-1]) > 4
    return out


@functools.lru_cache(maxsize=256)  # asked on every line, of the few headings a list has
def _skipped(section: str) -> bool:
    return bool(_SKIP_SECTION.search(section)) and not _THESES.search(section)  # "Books / Thesis": theses are read


def _parent_context(text: str) -> dict:
    """What a parent bullet tells its children: "Year 2025" or a date a year, "**CVPR**" a venue."""
    if md.links(text):
        return {}
    plain = md.clean(text)
    found = _HEADING_YEAR.match(plain)
    if found:
        return {"year": int(found.group(1)), "year_text": plain}
    if md.is_date(plain.strip("[]()\u3010\u3011 ")):  # "**[2026.05.27]**": a date over the papers posted that day
        return {"year": md.year_of(plain.strip("[]()\u3010\u3011 ")), "year_text": plain}
    found = _NAMED_YEAR.fullmatch(plain)  # "Alex Graves (2008)" over "  * [Title](thesis.pdf)": that year's work,
    if found and md.looks_like_authors(found.group(1)):  # a person, never a venue (asked first: it reads as one too)
        return {"year": int(found.group(2)), "year_text": plain}
    if md.looks_like_venue(plain):
        return {"venue": plain, "venue_year": md.year_of(plain)}
    return {}
