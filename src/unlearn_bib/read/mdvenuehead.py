"""Linked titles listed under a heading that names a venue and its year.

A person reading ``# [CVPR 2026 (Jun)](…/README.md)`` over ``- [Title](…/notes/README.md)`` bullets sees the
papers of CVPR 2026, whatever the links lead to (the list's own notes on each paper, a relative path, the paper's
code): the heading says where and when, each bullet names one paper.

- ``heading_label(title)``: the text a heading shows when it is one link and nothing else (its
  label), so that ``# [CVPR 2026 (Jun)](…)`` names a venue and a year like ``# CVPR 2026``, and its section;
  ``heading_venue``: the venue without the month noted after it (``CVPR 2026``).
- ``under_venue_heading(unit, row)``: a bullet that is a linked title of three words or more and nothing else
  (links beside it aside), under a heading or parent bullet naming a venue with its year, is a paper even when its
  link carries no identifier; a link to a video, a blog, a social or a model hub still proves nothing, nor does a
  link to the venue or a list of its papers ("Official website", "Accepted papers", "Awesome CVPR 2026").
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

# pages that are never a paper's, not even the list's notes on one (code hosts are allowed: notes, the paper's code)
_NEVER = re.compile(r"^https?://(?:[\w-]+\.)*(youtube\.com|youtu\.be|huggingface\.co|colab\.research\.google\.com|"
                    r"medium\.com|twitter\.com|x\.com|zhihu\.com|bilibili\.com|reddit\.com|discord\.gg|notion\.site|"
                    r"img\.shields\.io|star-history\.com|manning\.com|amazon\.com)(/|$)|/blog", re.I)

# a link that leads to the venue or to a list of its papers, not to one paper
_NAV = re.compile(r"\b(?:awesome|official|website|home ?page|accepted papers|papers? lists?|papers? collection|"
                  r"proceedings)\b", re.I)

_MONTH_NOTE = re.compile(r"(?<!\s)\s*\((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\)$", re.I)


def heading_label(title: str) -> str:
    """The label of a heading that is a single link and nothing else (``[CVPR 2026 (Jun)](…)``), else ``""``."""
    found = md.links(title)
    if len(found) != 1 or found[0][2] or md.clean(md.without_links(title)).strip(" -:|"):
        return ""
    return md.clean(found[0][0])


def heading_venue(plain: str) -> str:
    """The venue a heading names, without the month noted after it: ``CVPR 2026 (Jun)`` -> ``CVPR 2026``."""
    return _MONTH_NOTE.sub("", plain) or plain


def under_venue_heading(unit, row) -> None:
    """Take ``row`` (which proves nothing by itself: ``needs_id``) as a paper when its unit is a bullet holding one
    linked title under a venue-and-year heading or parent (see the module)."""
    context = unit.context
    if not row.needs_id or unit.kind != "item" or not row.title_url or row.title_url.startswith("#"):
        return
    if not context.get("venue") or context.get("venue_guess") or not row.year or not md.year_of(context["venue"]):
        return
    if len(row.title.split()) < 3 or md.GENERIC.match(row.title) or _NAV.search(row.title) or (
            md.looks_like_venue(row.title) and md.year_of(row.title)):
        return
    if _NEVER.search(row.title_url) or md.clean(md.without_links(unit.lines[0])).strip(" -–—:|.,"):
        return  # a video or a blog; or a bullet with words of its own ("[Tool](…) - a library for …")
    row.needs_id = False
