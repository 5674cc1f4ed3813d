"""A title standing alone over an untitled list of that paper's links and fields, for ``mdgroup.regroup``.

What a person reading the rendered README sees as ONE paper:

- a paragraph that holds only a title, in bold (``**Fast R-CNN**``, ``**《Title》**``) or in brackets that link
  nowhere, maybe after an emoji (``:heavy_check_mark: [Generative Adversarial Nets]``), directly over
- bullets that name nothing of their own: links with generic labels and tags
  (``- [[Paper]](…)[[Code]](…)(NIPS 2016)``) or short labelled fields (``- intro: CVPR 2017``,
  ``- arXiv: <https://arxiv.org/abs/ID>``, ``- github(Caffe): <…>``).

The bullets are the title's links and fields, never papers of their own. A field whose value opens with a venue
and its year, led by an acronym (``intro: CVPR 2018. ETH Zurich``), gives the venue; ``Submitted to IJCV 2018`` does not. The title
line becomes ``**Title** [links] (Venue Year)`` and is read as a bold title with its links by ``mdlist``; whether it
is a paper (a paper link, an identifier) is decided there as for any bullet. Linear time.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdscan import Unit

# "**Title**" or ":emoji: [Title]" (not a link), nothing else
# "**Title**" or ":emoji: [Title]" (not a link), maybe with its generic links after it ("[Title] [[Paper]](…)(CVPR 2019)")
_ALONE = re.compile(r"^\s*(?::[a-z0-9_+\-]{1,40}:\s*)?(?:\*\*([^*\n]{3,400})\*\*|\[([^\[\]\n]{3,400})\](?![(:]))(.*)$")
# "intro: …", "arXiv：<…>", "github(Keras): …", "caffe-pr(\"…\"): …": a short label and a colon
_FIELD = re.compile(r"^\s*([A-Za-z][\w\-]{0,24}(?: [\w\-]{1,12}){0,2})(?:\([^()\n]{0,80}\))?[ \t]{0,3}[:：]\s*(.*)$")
_TAGS = re.compile(r"[(\uff08\[][^()\[\]\uff08\uff09\n]{0,60}[)\uff09\]]")  # "(NIPS 2016)", "（Arxiv 2020）"
# a venue and its year opening a field's value: "CVPR 2017", "ECCV 2014 / TPAMI 2015", "CVPR 2018. ETH Zurich"
_VENUE_FIRST = re.compile(r"^([A-Z][A-Za-z&\-]{1,15}(?:\s[A-Za-z&\-]{1,15}){0,2}\s?'?(?:19|20)\d\d)\b")


def _title(unit: Unit) -> tuple[str, tuple[list[tuple[str, str]], str]] | None:
    """The title of a paragraph that holds only a title (see the module's text) and the links and venue written
    after it on its line, else None."""
    if unit.kind != "block" or len(unit.lines) != 1:
        return None
    found = _ALONE.match(unit.lines[0])
    if not found:
        return None
    title = (found.group(1) or found.group(2)).strip(" 《》")
    if title.endswith((":", "：")) or len(title.split()) < 2 and "-" not in title or md.links(title):
        return None
    after = _links_only(found.group(3)) if found.group(3).strip() else ([], "")
    if after is None or after[0] and found.group(1):
        return None  # "**Title** [[Paper]](…)" on one line: a bold title with its links, read as it is by mdlist
    return title, after


def _generic(label: str) -> bool:
    """A link label that names no title: "Paper", "Code", also "Tensorflow code" (its last word generic)."""
    return bool(md.GENERIC.match(label) or md.GENERIC.match(label.split()[-1] if label.split() else label))


def _links_only(line: str) -> tuple[list[tuple[str, str]], str] | None:
    """The links and a venue tag of a line of generic links and tags (``[[Paper]](…)[[Code]](…)(NIPS 2016)``)."""
    found = md.links(line)
    rest = md.clean(md.without_links(line))
    if found and all(_generic(label) for label, _, badge in found if not badge) and not _TAGS.sub(" ", rest).strip(" ,;|-"):
        tags = [t.strip("()（）[] ") for t in _TAGS.findall(rest)]
        return [(label, url) for label, url, badge in found if not badge], next((t for t in tags if md.year_of(t)), "")
    return None


def _picture(unit: Unit) -> bool:
    """A paragraph holding only images (a logo, a figure) between a title and its fields."""
    text = " ".join(unit.lines)
    return unit.kind == "block" and "![" in text and not md.clean(md.without_links(text)).strip()


def _untitled(unit: Unit) -> tuple[list[tuple[str, str]], str] | None:
    """The links (label, url) and a venue of a bullet that names nothing (see the module's text), else None."""
    if unit.kind != "item" or unit.children or len(unit.lines) != 1:
        return None
    line = unit.lines[0]
    found = md.links(line)
    field = _FIELD.match(line)
    plain = _links_only(line)
    if plain is not None:
        return plain
    if field and not line.lstrip().startswith("["):
        value = md.clean(md.without_links(field.group(2))).strip()
        venue = _VENUE_FIRST.match(value)
        acronym = venue and re.match(r"[A-Z][a-z]{0,3}[A-Z]", venue.group(1))  # "CVPR", "NeurIPS"; not "Submitted to"
        venue_text = venue.group(1) if acronym and md.looks_like_venue(venue.group(1)) else ""
        return [(field.group(1).strip(), url) for _, url, badge in found if not badge], venue_text
    return None


def over(units: list[Unit], i: int) -> tuple[Unit, int] | None:
    """The paper made of ``units[i]`` (a title alone) and the untitled bullets right under it, and how many units
    it takes; None when ``units[i]`` is no such title."""
    found = _title(units[i])
    if found is None:
        return None
    title, (links, venue) = found
    n = i + 1
    while n < len(units):
        if _picture(units[n]):
            n += 1
            continue
        fields = _untitled(units[n])
        if fields is None:
            break
        links.extend(fields[0])
        venue = venue or fields[1]
        n += 1
    if not links:
        return None
    label = lambda text: re.sub(r"[\[\]]", "", text) or "link"  # noqa: E731
    head = f"**{title}** " + " ".join(f"[[{label(lab)}]]({url})" for lab, url in links) + (f" ({venue})" if venue else "")
    return Unit("item", units[i].line, [head], indent=units[i].indent, context=dict(units[i].context)), n - i
