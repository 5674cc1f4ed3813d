"""Where an awesome-list row's title ends and what follows it: tags before the title (``[CVPR 2024]
Title``), a linked, bold or plain title, the venue and date tags after it (``(CVPR 2024)``,
``*NeurIPS 2023*``, ``(Mar., 2025)``), and a title on the line below a head of tags and links.
Used by ``mdlist``. Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdlead import links_first
from unlearn_bib.read.mdcite import after_title, citation, etal_citation
from unlearn_bib.read.mdkind import code_after, short_name_link
from unlearn_bib.read.mdnamebold import bare_year, named_bold
from unlearn_bib.read.mdscan import FIELD, Unit
from unlearn_bib.read.mdtail import code_tag, drop_label, name_before_link, pipe_tail
from unlearn_bib.read.mdtidy import italic_people

BOLD_HEAD = re.compile(r"^(?:\d{1,3}[.)]\s+)?(\*\*\*?|__)(.+?)\1(?!\*)")
_TAG = re.compile(r"\(((?:[^()]|\([^()]{1,20}\)){2,80})\)|\[([^\[\]()]{2,60})\](?!\()|(?<![*\w])\*([^*]{2,60})\*(?!\*)|(?<!\w)_([^_]{2,60})_(?!\w)"
                  r"|(?<![*\w])\*\*([^*\n]{2,60})\*\*(?![*\w])")  # "**CVPR 2025**" after the links: a venue only with its year
_PREFIX = re.compile(r"^(\*\*|__)?[\[(【]((?:[^\[\]()【】]|\([^\[\]()]{1,20}\)){2,80})[\])】](?!\()(?:\1)?\s*")
_ARXIV_TAG = re.compile(r"^arxiv\s*[:.]?\s*\d{4}\.\d{4,5}(v\d+)?$", re.I)  # [arxiv 2401.06121]: an id, not a venue
_ARXIV_WRITTEN = re.compile(r"\barxiv\s*[:.]?\s*\d{4}\.\d{4,5}", re.I)  # (the punctuation before it: head_title)
_PAPER_FIELD = re.compile(r"^[*_]{0,2}(?:paper|title)\s*(?:[*_]{0,2}\s*:|:\s*[*_]{0,2})\s*(?=\[)", re.I)
PLACEHOLDER = re.compile(r"\[\s*(paper|pdf)\s*\](?!\()", re.I)
VENUE_COMMA_YEAR = re.compile(r"^(.+?),\s*((?:19|20)\d\d)$")
# '**Name**: "Quoted Title", Venue, Mon Year': a short bold name (maybe bracketed, maybe no colon), then the quoted title
# (also "**[2025-03] Label (Note):**", "**Q* Framework:**": a date tag, parentheses, a lone star inside the name)
_QUOTED = re.compile(r'^(?:(\*\*|__)((?:(?!\*\*|__)[^"\u201c\n]){1,80})\1\s*:?\s*)?["\u201c]([^"\u201d\n]{4,400})["\u201d]')
# "[[CVPR](paper link)] Title": the venue is the label of the paper's link, in brackets before the title
# '"Title", 2023-06, Venue, `tag`': comma-separated fields after a quoted title, a numeric month date first
_DATED_FIELDS = re.compile(r"^(?:19|20)\d\d-[01]\d,")
# '"Title", Venue, 2022 (Affiliation)': parentheses after a "Venue, Year" field hold affiliations or other notes
_YEAR_THEN_NOTES = re.compile(r"^([^(),]{1,80},\s*(?:19|20)\d\d)\s*\(")
# "2015-CVPR - Title.", "2014 - Title.": the year, maybe joined to a venue by a hyphen, then a spaced dash, before the title
_YEAR_DASH = re.compile(r"^((?:19|20)\d\d)(?:-([A-Za-z][\w&\-]{0,30}))?\s+[-\u2013\u2014]\s+(?=\S)")
# '**[12]** Amodei, Dario, et al. "**Title**." Venue (2015).': a reference-list entry, the authors before the quoted title
# (the names end on a space only at their shortest, "{3}|{4,400}?(?<!\s)": else one character less would do, the
# spaces going to "\s*"; the same match, and a run of spaces is not rescanned from each of its spaces)
_CITED_QUOTE = re.compile(r'^(?:(\*\*|__)?\[\d{1,4}\]\1?\s*)?([^"\u201c\u201d\[\]*_:\n]{3}|[^"\u201c\u201d\[\]*_:\n]{4,400}?(?<!\s))\s*["\u201c](\*\*|__)?'
                          r'([^"\u201c\u201d*\n]{4,400}?)\3?\.?["\u201d]')
_VENUE_LINK = re.compile(r"^\[\s*\[([^\[\]\n]{2,60})\]\(\s*[^()\s]*\s*\)\s*\]\s*")
# a bracketed list of code-span topic tags after a title: "[__`cls.`__ __`seg.`__]"
_CODE_TAGS = re.compile(r"\[[\s*_]*(?:`[^`\n]{1,30}`[\s*_]*){1,20}\]")
_REFERENCE = re.compile(r"\[\[?([^\[\]\n]{1,30})\]?\]\[[^\[\]\n]{1,30}\]")  # a reference-style link: "[[code]][1.30]"
_BRACKETS = re.compile(r"\[([^\[\]\n]{1,80})\]")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
# a month date after a venue: "June 2025", "May 17th 2024", "Sept 2024", "June 24" (a day: no year)
_DATE_TAIL = re.compile(rf"^{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?(?:\s+((?:19|20)\d\d))?$", re.I)
_VENUE_WORDS = re.compile(r"\b(conference|symposium|journal|transactions|workshop|proceedings|letters|nature|science|"
                          r"systems|review|magazine|intelligence)\b", re.I)  # a venue written out

_BULLETS = re.compile(r"^\s*(?:[-*+]\s+)*(?:\d{1,3}[.)]\s+)?")


def head_title(head: str) -> tuple[str, str, str]:
    """(title, title url, the rest of the head line) of an item or block's first line; a venue or
    date tag in front of the title ("[CVPR 2024] Title", "**[ICLR2025]** Title") moves to the rest."""
    head = _BULLETS.sub("", head, count=1)  # "- - Title": an empty bullet before it
    lead = md.strip_decorations(head).lstrip()
    named = named_bold(lead)  # "GPT-2 **Title**. 2018.", "<u>T5</u>: **"Title"**": the list's name for the paper
    if named:
        return named
    quote = '"' in lead or "\u201c" in lead  # both quoted forms open with a quotation mark
    cited = _CITED_QUOTE.match(lead) if quote else None
    names = cited.group(2).strip(" ,.") if cited else ""
    if cited and (md.looks_like_authors(names) or re.search(r"\bet\.? al\.?$", names)):  # the rest reads as a citation:
        names = names + "." if re.search(r"(?:^|[\s.\-])[A-Z]$", names) else names  # "Le, Quoc V.": the full stop kept
        after = lead[cited.end():]
        first = md.LINK.search(after)  # the citation ends at the first link; comments after the links are no venue
        cut = first.start() if first else len(after)
        while cut and after[cut - 1] in "[( ":
            cut -= 1
        return md.clean(cited.group(4)).rstrip(" .,"), "", f"{names}. {_cited_venue(after[:cut].strip(' .,'))}"
    quoted = _QUOTED.match(lead) if quote else None
    if quoted and re.match(r"\s*:\s*\w", lead[quoted.end():]):
        quoted = None  # '“Seeing is Believing”: Pedestrian …': the quoted words only begin the title
    if quoted:  # the quoted string is the title; the bold name before it is the list's short name for it
        rest = lead[quoted.end():]
        first = md.LINK.search(rest)
        cut = first.start() if first else len(rest)
        while cut and rest[cut - 1] in "[( ":
            cut -= 1
        said = md.clean(rest[:cut]).strip(" ,.;")  # "*CVPR, June 2025*." -> a tag "(CVPR, June 2025)"
        bracketed = _BRACKETS.findall(rest[:cut])
        if bracketed and not _BRACKETS.sub("", rest[:cut]).strip(" ,.;"):  # "[2023-12] [ACL 2023]": one tag each
            said = " | ".join(md.clean(b) for b in bracketed)
        elif _YEAR_THEN_NOTES.match(said):  # '"Title", ICCVW, 2019 (& TPAMI 2020) (*Microsoft*).': notes after the year
            said = _YEAR_THEN_NOTES.match(said).group(1)
        elif _DATED_FIELDS.match(said):  # '"Title", 2023-06, AAAI(Oral) 24, `tag`,': a date, a venue, topic tags
            said = " | ".join(f for f in (f.strip() for f in said.split(",")) if f and not f.startswith("`"))
        dated = re.match(r"\s*\[([^\[\]\n]{4,12})\]", quoted.group(2) or "")  # "**[2025-03] Label:**": the date tag
        if dated and md.is_date(dated.group(1)):
            said = f"{dated.group(1)} | {said}" if said else dated.group(1)
        return md.clean(quoted.group(3)), "", (f"({said}) " if said else "") + rest[cut:]
    label = _PAPER_FIELD.match(lead)
    linked = md.LINK.match(lead, label.end()) if label else None
    if linked and not linked.group(1) and not md.GENERIC.match(md.clean(linked.group(2))):
        lead = lead[label.end():]  # "Paper: [Title](link)": a sub-bullet that is a paper of its own
    prefix = _PREFIX.match(lead)
    said = md.clean(prefix.group(2)) if prefix else ""  # "(*ICLR'25*) Title": a tag set in italics inside its brackets
    comma = VENUE_COMMA_YEAR.match(said)  # "[**Korean J Med Educ., 2023**] Title": a name then its year, any name
    if prefix and not md.year_of(said) and lead[prefix.end():].startswith(("**", "__")):
        return head_title(lead[prefix.end():])  # "[Alg514] **Title**": the list's label for the paper, never its title
    if prefix and (is_tag(said) or comma and _named(comma.group(1).rstrip("."))):
        title, url, rest = head_title(lead[prefix.end():])
        named, named_year, dated = tags(rest)
        if named and (named_year or dated) and not md.year_of(said):  # "**[RSA]** Title | **[ICCV' 17]** |": the
            return title, url, f"{rest} {as_tag(said)}"  # venue with a year after the title wins
        return title, url, f"{as_tag(said)} {rest}"
    year_dash = _YEAR_DASH.match(lead)
    if year_dash:  # the year (and venue) tag moves after the title, the title's closing full stop goes
        title, url, rest = head_title(lead[year_dash.end():])
        venue = year_dash.group(2) or ""
        return title.rstrip(" ."), url, f"({venue}) ({year_dash.group(1)}) {rest}" if venue else f"({year_dash.group(1)}) {rest}"
    named = short_name_link(lead)  # "[Street-Scene] [Title](link)": the list's short name, then the title
    if named:
        return named[0], named[1], code_after(named[2])
    venue_link = _VENUE_LINK.match(lead)
    if venue_link and md.looks_like_venue(md.clean(venue_link.group(1))):
        title, url, rest = head_title(lead[venue_link.end():])  # "[[CVPR](paper)] Plain Title. [[code](…)]"
        if title and not url:
            return title, "", f"({md.clean(venue_link.group(1))}) {rest}"
    front = links_first(lead)  # "[[pdf](…)] - **Title**, A. Name et al. 2019.": the links move after the title
    title, url, rest = head_title(front[0]) if front else ("", "", "")
    if title:
        return title, url, f"{rest} {front[1]}"
    found = md.LINK.match(lead)
    italic = md.LINK.match(lead, 1) if lead[:2] in ("*[", "_[") else None
    if italic and lead[italic.end():italic.end() + 1] == lead[0]:  # "*[Title](link)*": an italic linked title
        lead = lead[1:italic.end()] + lead[italic.end() + 1:]
        found = md.LINK.match(lead)
    if found and not found.group(1) and not found.group(2).lstrip().startswith("!["):
        label = md.clean(found.group(2))
        if label and not md.GENERIC.match(label):
            return label, found.group(3), code_after(lead[found.end():])
    bold = BOLD_HEAD.match(lead)
    if bold:
        after = lead[bold.end():]
        label = _PREFIX.match(after.lstrip(" :"))
        short = md.clean(bold.group(2)).endswith(":") or len(md.clean(bold.group(2)).split()) <= 3
        if label and short and is_tag(label.group(2)):  # "**TOFU:** [arxiv 2401.06121] Title": the bold part is a label
            title, url, rest = head_title(after.lstrip(" :")[label.end():])
            # "**Maxout networks** (2013), I. Goodfellow et al.": fields after the tag, the bold part is the title
            if len(title) >= 4 and not md.GENERIC.match(title) and not re.match(r"[,;.]", title):
                return title, url, f"{as_tag(label.group(2))} {rest}"
        tail = md.clean(md.without_links(after)).strip(" .\\,")
        if after.lstrip().startswith(",") and md.looks_like_authors(after.split("[")[0].strip(" ,")):
            tail = ""  # "**Title**, First Author et al. [[Paper](…)]": the authors follow the title
        elif tail and (citation(after.lstrip(" .")) or etal_citation(after)):
            tail = ""  # "**Title**. *A*, B, C, ICML 2024. [[pdf](…)]", "**Title.** *A et al. arXiv.*": a citation follows
        dated = bool(_BRACKETS.findall(tail)) and not _BRACKETS.sub("", tail).strip(" .,") and all(  # "**T.** [Apr., 2022]."
            is_tag(md.clean(b)) or VENUE_COMMA_YEAR.match(md.clean(b)) for b in _BRACKETS.findall(tail))
        known = not tail or dated or tail.startswith("(") or md.looks_like_venue(tail.strip("()[]")) or tail.startswith("<") or (
            venue_before_links(after)[1]) or after_title(after)
        people = not known and italic_people(after)  # "**Title** *A, B* `ICLR 2023` [[pdf](…)] <details>…": no other reading
        if known or people:  # "**Title.** Journal of … 2016. [paper](…)",
            # "**Title** - A, B - NeurIPS 2022 - [[Paper](…)]"
            inner = re.sub(r"^\s*\d{1,3}\.\s+(?=[^\W\d_])", "", bold.group(2))  # "**1. Title**": the list's number
            linked = md.LINK.fullmatch(inner.strip())
            if linked and not md.GENERIC.match(md.clean(linked.group(2))):
                return md.clean(linked.group(2)), linked.group(3), after
            if people:  # the italic names, then maybe a venue in inline code; a <details> digest is no tag
                after = " - " + re.split(r"<details", after, maxsplit=1, flags=re.I)[0].replace("``", " ")
            return md.clean(inner), "", after
    named = name_before_link(lead)  # "Tacotron V2<sup>★</sup>: [Title](link) (ICASSP 2018)"
    if named:
        return named
    lead = drop_label(lead)  # "**[R-CNN]** Rich feature hierarchies …"
    lead = _REFERENCE.sub(lambda m: " " if md.GENERIC.match(m.group(1)) else m.group(0), lead)  # "[[code]][1.30]"
    first = md.LINK.search(lead)
    cut = first.start() if first else len(lead)
    while cut and lead[cut - 1] in "[( ":  # the outer bracket of [[Paper](…)]
        cut -= 1
    shown = _CODE_TAGS.sub(" ", lead[:cut])  # "Title. [__`cls.`__ __`seg.`__]": topic tags, not the title
    lead, cut = shown + lead[cut:], len(shown)
    placeholder = PLACEHOLDER.search(lead[:cut])
    if placeholder:
        cut = placeholder.start()
    written = _ARXIV_WRITTEN.search(lead[:cut])  # "Title. arXiv:2401.01234" names the paper, not its title
    if written:
        cut = written.start()
        while cut and (lead[cut - 1].isspace() or lead[cut - 1] in ".,;(["):  # and the punctuation before it
            cut -= 1
    shown, piped = pipe_tail(lead[:cut])  # "Title | **[CVPR' 16]** |"
    shown, tag = code_tag(shown)  # "Title. **`CVPR 26`**": a tag set as inline code
    title, trailing = _trailing_tags(shown)
    trailing += tag + piped
    if title.count('"') == 1 and re.search(r'[^\s"]",\s', title):  # 'Title", *arXiv, Jul 2024*': a quote closes it
        title, said = title.split('"')
        trailing = f"({md.clean(said).strip(' ,.;')}) {trailing}" if md.clean(said).strip(" ,.;") else trailing
    return md.clean(title), "", trailing + lead[cut:]


def _trailing_tags(text: str) -> tuple[str, str]:
    """A plain title's trailing tags, "Title (**CVPR 2026**)": (title, the tags) when a parenthesis at
    the end holds a venue or date with a year, or an emphasised venue ("(**Neural Networks**)");
    "Title (PGD)" keeps its parenthesis."""
    tags = ""
    text = text.rstrip()
    while text.endswith((")", "]")) and tags.count("(") < 3:
        start = text.rfind("(" if text.endswith(")") else "[")
        inner = text[start + 1:-1].strip() if start > 0 else ""
        plain = md.clean(inner)
        if not plain or not (is_tag(plain) and md.year_of(plain) or text.endswith(")") and inner.startswith(("**", "__"))
                             and _named(plain)):
            break  # "Title [Dec 2023]" as "Title (CVPR 2026)": a tag with a year; "Title (PGD)" keeps its parenthesis
        text, tags = text[:start].rstrip(), f"({inner}) {tags}"
    return text, tags


def _named(text: str) -> bool:
    """A venue's name as a list sets it in bold: a tag, or two to eight capitalised words ("Neural Networks"),
    maybe followed by its year."""
    words = text.split()
    if len(words) > 2 and re.fullmatch(r"(?:19|20)\d\d", words[-1]):
        words = words[:-1]  # "Research Notes of the AAS 2024": the year after the name
    return is_tag(text) or 2 <= len(words) <= 8 and all(w[:1].isupper() or w in ("of", "on", "and", "in", "for", "the")
                                                          for w in words)


def venue_after_comma(title: str) -> tuple[str, str]:
    """(title, venue) of a plain title that ends with its venue and year: "Title, in *IJCAI* 2023",
    "Title, TKDE'12", "Title, *KDD* 2020", "Title, J. Image, 2018", "Title. ICME 2019."; ("", "") when it does not."""
    period = title.rstrip(" .").rfind(". ")
    tail = title[period + 2:].strip(" .") if period >= 12 else ""
    words = tail.split()
    if words and len(words) <= 5 and md.looks_like_venue(tail) and md.year_of(tail) and sum(ch.isupper() for ch in words[0]) >= 2:
        return title[:period], tail  # "Title. ACM MM 2020 workshop."
    comma = title.rfind(", ")
    if comma < 12:
        return "", ""
    tail = title[comma + 2:].strip(" .")
    named = tail[3:].strip() if tail.lower().startswith("in ") else ""
    if named and md.year_of(named) and len(named.split()) <= 12 and re.search(r"(?:19|20)\d\d$|'\d\d$", named):
        return title[:comma], named  # ", in <any venue> 2014"
    words = tail.split()
    if words and md.looks_like_venue(tail) and md.year_of(tail) and sum(ch.isupper() for ch in words[0]) >= 2 and len(words) <= 4:
        return title[:comma], tail
    before = title.rfind(", ", 0, comma)
    named = title[before + 2:comma].strip()
    if re.fullmatch(r"(?:19|20)\d\d", tail) and before >= 12 and len(named.split()) <= 4 and _named(named):
        return title[:before], f"{named}, {tail}"  # "Title, J. Image, 2018."
    return "", ""


def venue_after_link(rest: str) -> tuple[str, int | None]:
    """(venue, year) written after a linked title and a comma: "[Title](link), Venue Year",
    "…, Electronics, 2019", "…, 2017 arxiv preprint"; ("", None) for anything else (authors: "et al.",
    commas between names)."""
    rest = md.LINK.sub(lambda m: "" if md.GENERIC.match(md.clean(m.group(2))) else m.group(0), rest)
    rest = re.sub(r"^\s*,(?:\s*,)+", ",", rest.lstrip())  # "[Title](pdf), [website](…), ICRA 2010"
    if not rest.startswith(","):
        return "", None
    text = md.clean(rest[1:].split("[")[0]).strip(" .;,")  # ", IPOL 2015, [code](…).": the comma before a link too
    if not text or len(text) > 150 or len(text.split()) > 12 or re.search(r"\bet\.? al\b", text, re.I):
        return "", None
    found = re.fullmatch(r"([^,]+?)(,?)\s+((?:19|20)\d\d)", text)
    if found:  # "IJRR 2024" as written; "Electronics, 2019": the venue without its comma field
        venue, year = (found.group(1) if found.group(2) else text), found.group(3)
    else:
        found = re.fullmatch(r"((?:19|20)\d\d)\s+([^,]+)", text)  # "2017 arxiv preprint"
        if not found:
            return "", None
        year, venue = found.groups()
    if not (venue[:1].isupper() or venue.lower().startswith("arxiv")):
        return "", None
    return venue.strip(), int(year)


def venue_before_links(rest: str) -> tuple[str, int | None]:
    """(venue, year) of "Venue Year." written between a plain title and its links ("NIPS 2017.",
    "ICLR Workshop 2017."); ("", None) for anything else."""
    text = md.clean(rest.split("[")[0]).strip(" .;,")
    if bare_year(rest):  # "**Title**. 2018. [Paper](…)": a year of its own, no venue
        return "", bare_year(rest)
    found = re.fullmatch(r"([A-Za-z][^,.;]{1,80}?),?\s+((?:19|20)\d\d)", text)
    if not found or not (md.looks_like_venue(found.group(1)) or _VENUE_WORDS.search(found.group(1))):
        return "", None
    return text, int(found.group(2))


def venue_date(text: str) -> tuple[str, str]:
    """(venue, date) of "CVPR, June 2025", "AAAI Jan 2024", "ICRA, May 17th 2024"; (text, "") otherwise."""
    head, _, tail = text.rpartition(",")
    if head.strip() and _DATE_TAIL.match(tail.strip()):
        return head.strip(), tail.strip()
    words = text.split()
    if len(words) >= 3 and _DATE_TAIL.match(" ".join(words[-2:])) and re.match(_MONTH, words[-2], re.I):
        return " ".join(words[:-2]).rstrip(","), " ".join(words[-2:])
    return text, ""


def _cited_venue(text: str) -> str:
    """``Venue, Year`` of a reference's text after its title: "Nature 521.7553 (2015): 436-444" -> "Nature, 2015",
    "arXiv preprint arXiv:1512.02595 (2015)" -> "arXiv preprint, 2015" (volume, issue, pages and the id left out)."""
    dated = list(re.finditer(r"\(((?:19|20)\d\d)\)", text)) or list(re.finditer(r"(?<![\w.:/-])((?:19|20)\d\d)\.?$", text))
    if not dated:
        return text
    venue = re.sub(r"\s*\barxiv\s*:\s*\d{4}\.\d{4,5}(?:v\d+)?", "", text[:dated[-1].start()], flags=re.I)
    venue = re.sub(r"(?:\s+\(\d{1,3}\))?(?:\s+\d{1,4}(?:\.\d{1,4})?)?[\s.,]*$", "", venue)  # "ICML (3) 28", "Nature 521.7553"
    return f"{venue}, {dated[-1].group(1)}" if venue else dated[-1].group(1)


def is_tag(text: str) -> bool:
    """A bracketed tag before a title: a venue, a date or an arXiv id."""
    return md.looks_like_venue(text) or md.is_date(text) or bool(_ARXIV_TAG.match(text.strip()))


def as_tag(text: str) -> str:
    """A tag moved after the title: a venue or date in parentheses (``_tags`` reads it), an arXiv id as text."""
    return text if _ARXIV_TAG.match(text.strip()) else f"({text})"


def title_below(unit: Unit) -> str:
    """The title on the line below a head that holds only tags and links ("[CVPR2025] [📄Paper](…) <br>")."""
    if len(unit.lines) < 2 or md.links(unit.lines[1]) or FIELD.match(md.clean(unit.lines[1])):
        return ""
    head = md.strip_decorations(re.sub(r"^\s*(?:\d{1,3}[.)]\s+)?", "", unit.lines[0])).lstrip()
    prefix = _PREFIX.match(head)
    found = md.links(head)
    if not prefix or not is_tag(prefix.group(2)) or not found or not all(md.GENERIC.match(l) for l, _, _ in found):
        return ""
    if md.clean(md.without_links(head[prefix.end():])).strip(" |,"):
        return ""
    title = md.clean_title(unit.lines[1])
    return title if len(title) >= 4 else ""


def tags(text: str) -> tuple[str, int | None, int | None]:
    """(venue, venue's year, date's year) from the tags after a title: (CVPR 2024), *NeurIPS 2023*,
    [ICLR'24], (Mar., 2025), (Oct., 2025 | CVPR 2026), (CVPR, 2024)."""
    venue, venue_year, date_year = "", None, None
    for found in _TAG.finditer(md.without_links(text)):
        inner = next(g for g in found.groups() if g)
        if found.group(5) and not md.year_of(md.clean(inner)):
            continue  # "**new SOTA**": a remark, not a venue
        if not venue and inner.startswith(("**", "__")) and "|" not in inner and _named(md.clean(inner)):
            venue = md.clean(inner)  # "Title (**Neural Networks**)": a venue's name set in bold
            venue_year = md.year_of(venue)
            continue
        for part in _YEAR_COMMA.sub(r"\1|", inner, count=1).split("|"):  # "[2023, ACL 2024]": a year, then a venue
            part = md.clean(part).strip(" .,")
            if not part:
                continue
            if md.is_date(part):
                date_year = date_year or md.year_of(part)
                continue
            named, date = venue_date(part)
            if date and (md.looks_like_venue(named) or _VENUE_WORDS.search(named) or (
                    _DATE_TAIL.match(date).group(1) and named[:1].isupper() and len(named.split()) <= 10)):  # "CVPR, June 2025"
                year = _DATE_TAIL.match(date).group(1)
                date_year = date_year or (int(year) if year else None)
                venue = venue or named
                continue
            split = VENUE_COMMA_YEAR.match(part)
            if split and (md.looks_like_venue(split.group(1)) or _named(split.group(1))):  # "[Nature Machine Intelligence, 2022]"
                venue, venue_year = venue or split.group(1), venue_year or int(split.group(2))
            elif md.looks_like_venue(part) and not venue:
                venue, venue_year = part, md.year_of(part)
    return venue, venue_year, date_year


_YEAR_COMMA = re.compile(r"^\s*((?:19|20)\d\d)\s*,\s*(?=[A-Za-z])")  # anchored: "2023, ACL 2024"
_TAG_LINE = re.compile(r"(?:\[[^\[\]\n]{1,150}\]\s*){1,4}")  # "[21st Sep., 2021] [MICCAI, 2021]"


def tag_line(line: str) -> bool:
    """True for a line of bracketed tags alone, below a title: a date and a venue."""
    return bool(_TAG_LINE.fullmatch(line.strip().rstrip("\\").strip()))


def line_tags(plain: str, line: str, venue: str, venue_year: int | None,
              date_year: int | None) -> tuple[str, int | None, int | None]:
    """(venue, venue's year, date's year) after a date line or a line of tags below a title; what the row
    had already is kept."""
    if md.is_date(plain):
        return venue, venue_year, date_year or md.year_of(plain)
    found, found_year, dated = tags(line)
    return (venue, venue_year, date_year or dated) if venue else (found, found_year, date_year or dated)
