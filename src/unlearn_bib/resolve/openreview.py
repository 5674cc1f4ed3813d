"""OpenReview API v2: the venue of a note, used only when the note was accepted."""
from __future__ import annotations

import re

from unlearn_bib.resolve.http import Client
from unlearn_bib.resolve.records import Candidate, family_spellings, venue_of, year_of

NOT_ACCEPTED = re.compile(r"submission|rejected|withdrawn|desk_rejected|under_review", re.IGNORECASE)
_TRACK_IN_ID = (("/workshop/", "Workshop"), ("datasets_and_benchmarks", "Datasets and Benchmarks"))


def _value(content: dict, name: str):
    value = content.get(name)
    return value.get("value") if isinstance(value, dict) else value


def accepted_venue(venueid: str, venue: str) -> tuple[str, int | None] | None:
    """('ICLR 2024' or 'NeurIPS 2024 Workshop', year) for an accepted note; None for a submission."""
    if not venueid or NOT_ACCEPTED.search(venueid) or re.search(r"submitted to|rejected|withdrawn", venue or "", re.I):
        return None
    parts = venueid.split("/")
    year = next((int(p) for p in parts if re.fullmatch(r"(?:19|20)\d\d", p)), None) or year_of(venue)
    short = parts[0].split(".")[0]  # "ICLR.cc" -> "ICLR"
    if short.upper() == "TMLR":
        return "TMLR", year
    extra = next((label for key, label in _TRACK_IN_ID if key in venueid.lower()), "")
    return " ".join(filter(None, (short, str(year or ""), extra))), year


def by_id(client: Client, note_id: str, anchor: str) -> list[Candidate]:
    reply = client.get("openreview", "/notes", {"id": note_id}, accept=(200, 404))
    if reply.status == 404:
        return []
    notes = (reply.json("openreview") or {}).get("notes") or []
    for note in notes:
        if note.get("id") != note_id:
            continue
        content = note.get("content") or {}
        found = accepted_venue(str(_value(content, "venueid") or ""), str(_value(content, "venue") or ""))
        names = tuple(str(n) for n in (_value(content, "authors") or []))
        title = " ".join(str(_value(content, "title") or "").split())
        if found is None:
            return [Candidate("openreview", note_id, f"https://openreview.net/forum?id={note_id}", title, names,
                              tuple(family_spellings(n) for n in names), None, str(_value(content, "venue") or ""),
                              None, True, anchor)]
        text, year = found
        return [Candidate(
            service="openreview", record=note_id, url=f"https://openreview.net/forum?id={note_id}", title=title,
            authors=names, families=tuple(family_spellings(n) for n in names), year=year,
            venue_text=str(_value(content, "venue") or text), venue_id=venue_of(text, year), preprint=False,
            anchor=anchor, openreview=note_id,
        )]
    return []
