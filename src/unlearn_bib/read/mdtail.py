"""What a plain (unlinked) title carries at its end, for ``mdhead`` and ``mdlist``:

- ``year_fields(text)``: comma-separated year and venue fields after the title, in either order:
  ``Title, 2018 CVPR``, ``Title, CVPR 2022``, ``Title, 2020, ECCV``, ``Title, 2018``, ``Title? arXiv 2021``
  (a question mark ends the title), ``Title， ECCV 2020`` (a full-width comma), a note in parentheses after
  the year (``2019 (conference unknown for now)``) -> (title, venue, year);
- ``wrapped(first, second)``: a plain title wrapped onto the item's next line, which holds the rest of the
  title, its year field and its links (``- Social Ways: Learning …`` / ``  with GANs, 2019 CVPR, [Paper](…)``);
- ``name_before_link(lead)``: a short name and a colon before a linked title, ``- Tacotron V2<sup>★</sup>:
  [Natural TTS Synthesis by …](link) (ICASSP 2018)``: the link text is the title;
- ``drop_label(lead)``: a bracketed bold short name before a plain title (``**[R-CNN]** Rich feature …``,
  ``[**UniFuture**] UniFuture: …``, ``**(WizardMath)** _WizardMath: …_``), or a bold name and a colon that the title
  repeats (``**CO-MOT**: CO-MOT: Boosting …``, ``**ByteTrack:** ByteTrack: …``, a full-width ``：``) is the list's
  label for the paper, not part of its title (``**MOTIP**: Multiple Object …`` keeps its name: lists differ there);
- ``pipe_tail(text)``: `` | ``-separated fields after a plain title, ``Title | **[CVPR' 16]** |``: the title ends at
  the first `` | `` and a field naming a venue or date becomes a tag;
- ``code_tag(text)``: a venue or date tag set as inline code after the title, ``Title. **`CVPR 26`**``,
  ``**`arXiv 26.8`**``, ``**`25.09`**``, ```` ```EMNLP 2019``` ```` (any run of backquotes): a two-digit year in such a
  tag is 20YY, ``YY.M`` a month.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdscan import FIELD, is_paper_url

_YEAR_FIELD = re.compile(r"^((?:19|20)\d\d)(?:\s+(.{1,80}))?$")  # "2018", "2018 CVPR", "2019 Sensors (journal)"
_FIELD_YEAR = re.compile(r"^([A-Za-z][^,]{0,60}?)\s*((?:19|20)\d\d)(?:\s+(.{1,40}))?$")  # "CVPR 2022", "CVPR 2021 Oral"
_NOTE = re.compile(r"^\([^()]*\)$")  # "(from Alahi, conference unknown for now)"
_CUT = re.compile(r"[,\uff0c]\s*|\?\s+")
# "**`CVPR 26 Findings`**", "`arXiv 26.8`", "**`25.09`**" at the end of a title
_CODE_TAG = re.compile(r"(?:\*\*|__)?(`{1,3})([^`\n]{1,40})\1(?:\*\*|__)?\s*$")  # ```EMNLP 2019```: any run of backquotes
_NAMED_YEAR = re.compile(r"^[A-Z][\w&.\-]*(?: [\w&.\-]+){0,7} (?:19|20)\d\d$")  # a venue written out, ending in its year
_SHORT = re.compile(r"^(?:([A-Za-z][\w&\-]*(?: [A-Za-z][\w&\-]*){0,2})\s+)?(\d\d)(?:\.(\d{1,2}))?(?:\s+([A-Za-z][\w ]{0,20}))?$")


_YY_MM = re.compile(r"^\s*(\d\d)([./])(0[1-9]|1[0-2])(?:\2(?:0[1-9]|[12]\d|3[01]))?\s*$")  # "20.10", "15/06/01": 2020, 2015


def short_date_year(text: str) -> int | None:
    """The year of a table's Date cell written ``YY.MM`` or ``YY/MM/DD`` ("23.12" -> 2023, "15/06/01" -> 2015); None for
    anything else."""
    found = _YY_MM.match(text)
    return 2000 + int(found.group(1)) if found else None


def _outside_parens(text: str) -> list[int]:
    """The places where a field may start: after a comma or a question mark outside parentheses."""
    cuts, depth = [], 0
    for found in re.finditer(r"[()]|[,\uff0c]\s*|\?\s+", text):
        mark = found.group(0)
        if mark == "(":
            depth += 1
        elif mark == ")":
            depth = max(0, depth - 1)
        elif not depth:
            cuts.append(found.start())
    return cuts


def _field(text: str) -> tuple[str, int | None] | None:
    """(venue, year) of one field after a title: a year with a venue after it, a venue with a year in it,
    or a venue alone (year None); None when the field is not one (part of the title)."""
    text = text.strip(" .;")
    found = _YEAR_FIELD.match(text)
    if found:
        venue = (found.group(2) or "").strip()
        return ("" if _NOTE.match(venue) else venue), int(found.group(1))
    found = _FIELD_YEAR.match(text)
    if found and md.looks_like_venue(found.group(1).strip()) and "(" not in found.group(1):
        return text, int(found.group(2))
    if md.looks_like_venue(text) and sum(ch.isupper() for ch in text.split()[0]) >= 2 and len(text.split()) <= 4:
        return text, None  # "ECCV" in "Title, 2020, ECCV"
    return None


def year_fields(text: str) -> tuple[str, str, int] | None:
    """(title, venue, year) of a plain title followed by one or two comma-separated fields that give its
    year (and venue); None when no such fields end ``text``."""
    text = text.rstrip(" ,\uff0c")
    best = None
    fields: list[tuple[str, int | None]] = []
    end = len(text)
    for cut in reversed(_outside_parens(text)):
        field = _field(text[cut:end].lstrip(",\uff0c? "))
        if field is None or len(fields) == 2:
            break
        fields.append(field)
        end = cut
        years = [y for _, y in fields if y]
        if len(years) == 1:
            venue = next((v for v, _ in reversed(fields) if v), "")
            keep = text[:cut + 1] if text[cut] == "?" else text[:cut]
            best = (keep.strip(), venue, years[0])
    if best and len(best[0]) >= 12:
        return best
    return None


def code_tag(text: str) -> tuple[str, str]:
    """(text before the tag, the tag as a bracketed venue/date tag) of a title ending in an inline-code
    tag: "Title. **`CVPR 26`**" -> ("Title.", "(CVPR 26 | 2026) "), "`arXiv 26.8`" -> "(arXiv | 2026-08)",
    "`25.09`" -> "(2025-09)", "`ISSREW`" -> "(ISSREW)"; (text, "") when there is none."""
    found = _CODE_TAG.search(text)
    if not found:
        return text, ""
    inner = found.group(2).strip()
    short = _SHORT.match(inner)
    if short:
        venue, year, month, after = short.groups()
        date = f"20{year}-{int(month):02d}" if month and 1 <= int(month) <= 12 else ""
        if month and not date:
            return text, ""
        if venue and date:
            tag = f"({venue}{' ' + after if after else ''} | {date})"
        elif venue:
            tag = f"({inner} | 20{year})"  # "CVPR 26 Findings" kept as written, dated 2026
        else:
            tag = f"({date})" if date else ""
        return (text[:found.start()], f"{tag} ") if tag else (text, "")
    if md.looks_like_venue(inner) or md.is_date(inner):
        return text[:found.start()], f"({inner}) "
    if _NAMED_YEAR.match(inner):  # "Research Notes of the AAS 2024": a venue written out, as a bold venue tag reads
        return text[:found.start()], f"(**{inner}**) "
    return text, ""


def wrapped(first: str, second: str) -> bool:
    """True when an item's first line is the start of a plain title (no link, no year field) and the
    line below goes on with the rest of it, ending in the year field before the first link; or when the item's
    sentence goes on over a line break (the first line ends in a comma, or the second starts with one), which
    GitHub renders as one paragraph."""
    if re.match(r"\s*[,，]", second) or (first.rstrip().endswith(",") and not FIELD.match(second.strip(" -*+"))):
        return True  # a lazy continuation: "Title, A, B," + "C, ICML 2017", "Title, Recsys 2021" + " , [[paper]](…)"
    if md.links(first) or not md.links(second) or year_fields(md.clean(first)):
        return False
    head = md.LINK.split(second, maxsplit=1)[0].rstrip("[( ")
    if not head[:1].isalpha() or FIELD.match(head):  # "Authors: …", "Venue: …" lines say something else
        return False
    found = year_fields(md.clean(first + " " + head))
    return bool(found) and len(found[0]) > len(md.clean(first))


_LABEL = re.compile(r"^(?:\*\*\[([^\[\]*\n]{1,40})\]\*\*|\[\*\*([^\[\]*\n]{1,40})\*\*\]|\*\*\(([^()*\n]{1,40})\)\*\*)\s+"
                    # "**CO-MOT**: CO-MOT: Title", "**ByteTrack:** ByteTrack: …": a bold name and a colon, repeated
                    r"|^\*\*([^*:\uff1a\s][^*:\uff1a\n]{0,30})(?:\*\*\s?[:\uff1a]|[:\uff1a]\*\*)\s*")


_MODEL_NAME = re.compile(r"[\w.+&'\u2019\-]{0,30}[A-Z0-9][\w.+&'\u2019\-]{0,30}(?: [\w.+&'\u2019\-]{1,30}){0,2}")


def name_before_link(lead: str) -> tuple[str, str, str] | None:
    """(title, url, rest) when ``lead`` is a short name (one to six words) and a colon or a dash, then a link whose
    text (three words or more) is the title; None otherwise ("Code: [repo](…)" is a field, not a name).
    ``ACGAN - [Title](link)``: the name is the list's, dropped; ``2022-06-03 - [Title](link)``: a date (or a venue
    and year) before the dash is the row's tag, moved after the title; names of people before it are not read here.
    ``GPT-2 [Title](link)``: a model's name of one to three words, no colon, before a linked title of three words or more."""
    first = md.LINK.search(lead)
    if not first or first.group(1) or first.group(2).lstrip().startswith("!["):
        return None
    before, label = md.clean(lead[:first.start()]), md.clean(first.group(2))
    dash = re.match(r"(.*\S)\s+[-\u2013\u2014]$", before)  # "Name -": one backtrack per character, linear
    if dash and (md.looks_like_authors(dash.group(1)) and re.search(r",|&| and ", dash.group(1))
                 or re.search(r"\bet\.? al\b", dash.group(1)) or "[" in before):
        return None  # "A. Author et al. - [Title](link)": the authors, for the rules that read them
    model = _MODEL_NAME.fullmatch(before) and not md.GENERIC.match(before)
    if not (before.endswith(":") or dash or model) or not 1 <= len(before[:-1].split()) <= 6 or FIELD.match(before + " x"):
        return None  # model: "GPT-2 [Title](link)", a name of one to three words with a capital or a digit, no colon
    tag = dash.group(1) if dash else before if model and not before.endswith(":") else ""
    tag = tag if md.is_date(tag) or md.year_of(tag) else ""  # "CVPR 2024 [Title](link)": a venue tag
    short = tag or dash and is_paper_url(first.group(3))  # "2020-03-04 - [Gaussianization Flows](…)", "X - [Bayesian GAN](arXiv)"
    if md.GENERIC.match(label) or len(label.split()) < (2 if short else 3) or label.startswith("[") or md.is_date(label):
        return None
    return label, first.group(3), (f"({tag}) " if tag else "") + lead[first.end():]


def drop_label(lead: str) -> str:
    """``lead`` without a bracketed bold short name before a plain title of three words or more."""
    found = _LABEL.match(lead)
    if not found or len(md.clean(md.without_links(lead[found.end():])).split()) < 3 or lead[found.end()] == "[" or (
            found.group(4) and not md.clean(lead[found.end():]).startswith(found.group(4).strip() + ":")):
        return lead
    return lead[found.end():]


_ACRONYM_YY = re.compile(r"^([A-Z][A-Za-z&]*[A-Z][A-Za-z&]*)\s(\d\d)$")


def pipe_tail(text: str) -> tuple[str, str]:
    """(title, tags) of "Title | **[CVPR' 16]** |": the fields after the first " | " that name a venue or a
    date, each as a tag "(CVPR' 16)"; (text, "") when no such field follows a title of four characters or more."""
    cut = text.find(" | ")
    if cut < 4:
        return text, ""
    tags = ""
    for part in text[cut + 3:].split("|"):
        plain = md.clean(part).strip(" []`")
        short = _ACRONYM_YY.match(plain)  # "IJCAI 19": an acronym's venue and its two-digit year, no apostrophe
        if short:
            tags += f"({plain} | {md.year_of(short.group(1) + chr(39) + short.group(2))}) "
        elif plain and (md.looks_like_venue(plain) or md.is_date(plain)):
            tags += f"({plain}) "
    return (text[:cut], tags) if tags else (text, "")
