"""What a reader of the rendered README sees as links where the Markdown writes none, for ``mdscan``:

- ``autolink(line)``: GitHub renders a bare web address as a link (GFM autolinks), so
  ``- U-Net [https://arxiv.org/pdf/1505.04597.pdf] [2015]`` links a paper: the address becomes a link
  labelled ``link`` (a URL is never a title), also in parentheses (``Title (https://…)``) or written as an
  angle-bracket autolink (``<https://…>``); addresses inside a link's target, an HTML attribute, inline code or a
  link's text (``[https://…](https://…)``) are left alone, trailing punctuation is not part of the address;
- ``html_list(line)``: an HTML list item ``<li>Title <a href="https://arxiv.org/abs/…">[arXiv]</a>`` is a bullet
  with a Markdown link, as GitHub shows it (the anchor's text is the link's label);
- ``broken_label(previous, line)``: a link text broken over two lines (``- [Simple Baselines for Human Pose
  Estimation`` / ``and Tracking](link) - …``) is one link, as GitHub joins the lines;
- ``untitled(text)``: a sub-bullet that names nothing, only links without a title and bracketed notes
  (``+ https://github.com/a/b [PyTorch]``, a star badge): links of the bullet above it (its code), never a
  paper of its own.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_BARE = re.compile(r"(?<![\w<\"'=`/@.\-])(?:https?://|www\.)[^\s<>\[\]\"'`|]{2,2000}", re.I)  # "(https://…)" too
_ANGLE = re.compile(r"(?<!\]\()<((?:https?://|www\.)[^\s<>\[\]\"'`|]{2,2000})>", re.I)  # "<https://…>": a CommonMark autolink
_TRAILING = ".,:;!?*_~"
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_ANCHOR = re.compile(r"<a\s[^<>]{0,300}?href=[\"']([^\"'<>\s]{1,2000})[\"'][^<>]{0,300}>([^<>\n]{1,300})</a>", re.I)
_LI = re.compile(r"^(\s*)<li>\s*(?=\S)", re.I)
_NOTES = re.compile(r"\[[^\[\]\n]{1,30}\]")  # "[PyTorch]", "[MxNet]"


def _end(url: str) -> str:
    """The address without the punctuation GitHub leaves out of it: a final full stop or comma, an unbalanced ')'."""
    while url and (url[-1] in _TRAILING or url[-1] == ")" and url.count(")") > url.count("(")):
        url = url[:-1]
    return url


def autolink(line: str) -> str:
    """``line`` with each bare web address written as a Markdown link ``[link](address)``."""
    if "://" not in line and "www." not in line:
        return line
    line = _ANGLE.sub(lambda m: f"[link]({m.group(1) if '://' in m.group(1) else 'http://' + m.group(1)})", line)
    spans = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(line)] if "`" in line else []
    out, last = [], 0
    for found in _BARE.finditer(line):
        before = line[:found.start()].rstrip()
        if any(a <= found.start() < b for a, b in spans) or before.endswith("<") or (
                before.endswith("(") and before.rstrip("( ").endswith("]")):
            continue  # inline code; "[code]( https://…)", "[pdf]((https://…))": a link's target
        url = _end(found.group(0))
        if line[:found.start()].endswith("[") and line[found.start() + len(url):].startswith("]("):
            continue  # "[https://…](https://…)": the address is a link's text, already a link
        target = url if "://" in url else "http://" + url
        out.append(line[last:found.start()] + f"[link]({target})")
        last = found.start() + len(url)
    return "".join(out) + line[last:] if out else line


def untitled(text: str) -> bool:
    """True for a sub-bullet that holds links without a title (bare addresses, badges) and bracketed notes only."""
    found = md.links(text)
    if not found or any(not badge and not md.GENERIC.match(label) for label, _, badge in found):
        return False
    return not _NOTES.sub(" ", md.clean(md.without_links(text))).strip(" ,;|-")


def html_list(line: str) -> str:
    """``line`` with an opening ``<li>`` written as a bullet and its ``<a href>`` anchors as Markdown links; any other
    line as it is."""
    found = _LI.match(line)
    if not found:
        return line
    return found.group(1) + "- " + _ANCHOR.sub(lambda m: f"[{m.group(2).strip()}]({m.group(1)})", line[found.end():])


def broken_label(previous: str, line: str) -> bool:
    """True when ``previous`` opens a link text that ``line`` closes with its target (``and Tracking](link)``)."""
    start = previous.rfind("[")
    if start < 0 or "]" in previous[start:] or "](" not in line:
        return False
    found = md.LINK.match(previous[start:] + " " + line)
    return bool(found) and found.end() > len(previous) - start
