"""The venue registry and the parsing of names such as "ECCV 2024" or "NeurIPS".

Registry data lives in ``data/venues.yaml``; this module only looks it up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.catalog.identifiers import ARXIV_NEW_ID
from unlearn_bib.catalog.model import Venue

REGISTRY_PATH = Path(__file__).resolve().parents[1] / "data" / "venues.yaml"
_YEAR = re.compile(r"^(.*?)[\s']*((?:19|20)\d\d)$")


@dataclass(frozen=True)
class _Entry:
    id: str
    track: str
    data: dict
    parent: dict


_UNFOLDED = re.compile(r"[^0-9a-z&]+")


def _fold(name: str) -> str:
    """Matching key: case, spaces and punctuation ignored ("ACM-MM" == "acm mm")."""
    return _UNFOLDED.sub("", name.lower())


_ORDINAL_WORDS = (
    "First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Eleventh Twelfth Thirteenth "
    "Fourteenth Fifteenth Sixteenth Seventeenth Eighteenth Nineteenth Twentieth"
).split()
_TENS = {2: "Twenty", 3: "Thirty", 4: "Forty", 5: "Fifty"}


def _ordinal_word(n: int) -> str:
    """12 -> 'Twelfth', 23 -> 'Twenty-Third' (up to 59: editions of living venues)."""
    if 1 <= n <= 20:
        return _ORDINAL_WORDS[n - 1]
    tens, unit = divmod(n, 10)
    if tens in _TENS:
        if unit == 0:
            return _TENS[tens][:-1] + "ieth"
        return f"{_TENS[tens]}-{_ORDINAL_WORDS[unit - 1]}"
    return _ordinal(n)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@lru_cache(maxsize=1)
def _registry() -> tuple[dict[str, _Entry], dict[str, str]]:
    """(entries by id, folded name -> id). Loaded once per process."""
    from unlearn_bib.files.yamlio import load_yaml

    data = load_yaml(REGISTRY_PATH.read_bytes(), str(REGISTRY_PATH))
    entries: dict[str, _Entry] = {}
    names: dict[str, str] = {}
    for venue in data["venues"]:
        vid = venue["id"]
        entries[vid] = _Entry(vid, "", venue, venue)
        for name in [vid, venue["short"], venue["name"], *venue.get("aliases", [])]:
            names.setdefault(_fold(name), vid)
        for track, tdata in (venue.get("tracks") or {}).items():
            tid = f"{vid}/{track}"
            entries[tid] = _Entry(tid, track, tdata, venue)
            for name in [tid, tdata["short"], *tdata.get("aliases", [])]:
                names.setdefault(_fold(name), tid)
    return entries, names


def known(name: str) -> str | None:
    """The registry id for a venue name, or None (``lookup`` without its suggestion: an import
    asks for hundreds of names the registry lacks)."""
    return _registry()[1].get(_fold(name))


def lookup(name: str, track: str = "") -> str:
    """Return the registry id for a venue name (and optional track), or raise with a suggestion."""
    entries, names = _registry()
    vid = names.get(_fold(name))
    if vid is None:
        shorts = _shorts()
        from unlearn_bib.text.suggest import phrase, closest

        hint = phrase([shorts[c] for c in closest(name.upper(), shorts, n=3, cutoff=0.5)]) or "see `unlearn-bib venues`"
        raise UnlearnBibError(f"unknown venue {name!r} ({hint})")
    if track and track != "main":
        base = vid.split("/")[0]
        tid = f"{base}/{track}"
        if tid not in entries:
            tracks = sorted(k.split("/")[1] for k in entries if k.startswith(base + "/"))
            raise UnlearnBibError(
                f"venue {entries[base].data['short']} has no track {track!r}"
                + (f" (known: {', '.join(tracks)})" if tracks else " (it has no tracks)")
            )
        vid = tid
    return vid


@lru_cache(maxsize=1)  # an import asks for hundreds of names the registry lacks
def _shorts() -> dict[str, str]:
    return {e.data["short"].upper(): e.data["short"] for e in _registry()[0].values()}


def split_year(text: str) -> tuple[str, int | None]:
    """'ECCV 2024' -> ('ECCV', 2024); 'arXiv' -> ('arXiv', None)."""
    match = _YEAR.match(text.strip())
    if match and match.group(1).strip():
        return match.group(1).strip(), int(match.group(2))
    return text.strip(), None


@lru_cache(maxsize=None)
def resolve(vid: str, year: int | None) -> Venue:
    """Build the canonical Venue for a registry id in a given year (one shared object per pair); with no
    year (an unverified record) the names carry no year and no edition."""
    entries, _ = _registry()
    entry = entries[vid]
    parent = entry.parent
    data = {**{k: v for k, v in parent.items() if k not in ("tracks", "aliases")}, **entry.data}
    first = parent.get("first_year")
    edition = year - first + 1 if first and year else 0

    def fill(template: str) -> str:
        if edition:
            template = template.replace("{nth}", _ordinal(edition)).replace("{Nth}", _ordinal_word(edition))
        if year is None:
            for part in ("{year}", "{nth}", "{Nth}"):
                template = template.replace(part, "")
            return " ".join(template.split())
        return template.replace("{year}", str(year))

    renamed = {int(y): t for y, t in (data.get("booktitles") or {}).items() if year and int(y) <= year}
    if renamed and not entry.track:
        data["booktitle"] = renamed[max(renamed)]

    # a venue whose proceedings or journal title is not known for certain is named by its full name
    booktitle = data.get("booktitle") or (parent["name"] if parent["type"] == "inproceedings" else "")
    journal = data.get("journal") or (parent["name"] if parent["type"] == "article" else "")
    return Venue(
        id=vid,
        short=data["short"],
        name=parent["name"],
        entry_type=parent["type"],
        booktitle=fill(booktitle),
        journal=fill(journal),
        publisher=data.get("publisher", ""),
        series=data.get("series", ""),
        track=entry.track,
    )


def short_name(vid: str) -> str:
    entries, _ = _registry()
    return entries[vid].data["short"]


def all_venues() -> list[tuple[str, str, str, list[str]]]:
    """(id, short, full name, aliases) for `unlearn-bib venues`."""
    entries, _ = _registry()
    rows = []
    for e in entries.values():
        name = e.parent["name"] + (f" ({e.track})" if e.track else "")
        rows.append((e.id, e.data["short"], name, list(e.data.get("aliases", []))))
    return rows


# --- venue strings as awesome lists write them -----------------------------------------------------

# Words about a paper's presentation, not its venue: "ECCV 2024 Oral", "EMNLP 2023 Main Conference Paper".
_DECORATION = re.compile(
    r"\b(?:oral|spotlight|poster|highlight|best\s+paper(?:\s+award)?|(?:main\s+)?conference\s+paper|main\s+conference|"
    r"main\s+track|main|long(?:\s+paper)?|short(?:\s+paper)?|accepted|camera[\s-]ready|to\s+appear)\b", re.IGNORECASE)
_FULL_YEAR = re.compile(r"(?<![0-9:./])((?:19|20)\d\d)(?![0-9]|\.\d)")  # never an arXiv id's YYMM
_SHORT_YEAR = re.compile(r"['\u2019‘](\d\d)\b")  # ICLR'24
_WORKSHOP = re.compile(r"\bworkshops?\b|(?<=[A-Za-z]{3})W\b|\bW\b", )
_FINDINGS = re.compile(r"\bfindings\b", re.IGNORECASE)


def find(text: str) -> tuple[str | None, int | None, str | None]:
    """(registry id, year, track) for a venue string as lists write it; never raises.

    'CVPR 2024 Workshop' -> ('cvpr/workshop', 2024, 'workshop'); "ICLR'24" -> ('iclr', 2024, None);
    'EMNLP 2024 Findings' -> ('emnlp/findings', 2024, 'findings'); an unknown venue gives
    (None, its year or None, its track word or None), so a caller keeps the string as written.
    """
    entries, names = _registry()
    text = " ".join(str(text or "").split())[:200]
    text = re.sub(rf"(?i)\b(?:arxiv:\s*)?{ARXIV_NEW_ID}(?:v\d+)?\b", " ", text).strip()  # an arXiv id is no venue
    year = None
    found = _FULL_YEAR.search(text) or _SHORT_YEAR.search(text)
    if found and re.search(r"\b(?:before|after|since|until|pre)\b", text, re.IGNORECASE):
        text, found = text[:found.start()] + text[found.end():], None  # "Before 2017" names no year
    if found:
        year = int(found.group(1)) if len(found.group(1)) == 4 else 2000 + int(found.group(1))
        text = (text[:found.start()] + " " + text[found.end():]).strip()
    text = re.sub(r"(?<=[A-Za-z])(?=(?:19|20)\d\d)", " ", text)
    track = None
    rest = re.sub(r"[()\[\]*_]", " ", text)
    if _FINDINGS.search(rest):
        track, rest = "findings", _FINDINGS.sub(" ", rest)
    elif re.search(r"datasets?\s*(?:and|&)\s*benchmarks?", rest, re.IGNORECASE):
        track = "datasets-and-benchmarks"
        rest = re.sub(r"(?:track\s+on\s+)?datasets?\s*(?:and|&)\s*benchmarks?(?:\s+track)?", " ", rest, flags=re.I)
    rest = _DECORATION.sub(" ", rest)
    names_to_try = [rest]
    if track is None:
        bare = re.sub(r"\bworkshops?\b.*$", " ", rest, flags=re.IGNORECASE)
        bare = re.sub(r"\bW\b", " ", bare)
        glued = re.fullmatch(r"\s*([A-Za-z]{3,})W\s*", bare)  # CVPRW, ICMLW
        if bare != rest or glued:
            track = "workshop"
            names_to_try = [rest, glued.group(1) if glued else bare]
    for name in names_to_try:
        name = " ".join(name.split()).strip(" ,.;:-/@")
        vid = names.get(_fold(name)) if name else None
        if vid is None and track == "workshop":  # "NeurIPS 2023 SoLaR Workshop": the venue is the first word
            vid = names.get(_fold(name.split(" ")[0])) if name else None
        if vid is None:
            continue
        if "/" in vid:
            return vid, year, vid.split("/")[1]
        if track:
            tid = f"{vid}/{track}"
            return (tid, year, track) if tid in entries else (None, year, track)
        return vid, year, None
    return None, year, track


def held_by_month(vid: str) -> int | None:
    """The registry's ``month``: the latest month of the year the venue has met in (None = unknown)."""
    entries, _ = _registry()
    entry = entries.get(vid)
    return entry.parent.get("month") if entry else None
