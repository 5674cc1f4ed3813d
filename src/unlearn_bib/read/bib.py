"""Read a .bib file: entries with their exact spans and lines, @string and # evaluated, broken blocks reported."""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from unlearn_bib.read.bibopen import unclosed
from unlearn_bib.errors import error_at
from unlearn_bib.files.read import decode
from unlearn_bib.text.braces import closing, depth_changes
from unlearn_bib.text.lines import lone_cr_as_lf

MONTHS = {m[:3].lower(): m for m in (
    "January February March April May June July August September October November December").split()}


_TOKEN = re.compile(r'\s*(?:(\{)|(")|(\d+)|([^\s#{}",=]+))\s*')
_HASH = re.compile(r"\s*#\s*")


def parse_value(raw: str, strings: dict[str, str] | None = None) -> tuple[str, int]:
    """A raw value (``{...}``, ``"..."``, a number, a macro, joined by ``#``) -> (its text, -1), or
    ("", the index where ``raw`` stops being a value expression). Month macros are month names;
    an unknown macro stays as written. Braces inside the value are kept (LaTeX not decoded)."""
    if raw[:1] == "{" and raw[-1:] == "}":  # the common case, one braced value: no scan needed
        inner = raw[1:-1]
        if "{" not in inner and "}" not in inner and "\\" not in inner:
            return inner, -1
    elif raw.isascii() and raw.isdigit():
        return raw, -1
    strings = strings or {}
    out: list[str] = []
    index = 0
    while index < len(raw):
        match = _TOKEN.match(raw, index)
        if not match or match.end() == index:
            return "", index
        if match.group(1) or match.group(2):
            start = match.start(1) if match.group(1) else match.start(2)
            end = _closing(raw, start)
            if end < 0:
                return "", start
            out.append(raw[start + 1:end])
            index = end + 1
        else:
            word = match.group(3) or match.group(4)
            if match.group(3):
                out.append(word)
            else:
                out.append(strings.get(word.lower(), MONTHS.get(word.lower(), word)))
            index = match.end()
        joined = _HASH.match(raw, index)
        if joined:
            index = joined.end()
        elif raw[index:].strip():
            return "", len(raw) - len(raw[index:].lstrip())
        else:
            break
    return "".join(out), -1


def value_text(raw: str, strings: dict[str, str] | None = None) -> str:
    """A raw field value as its text (LaTeX not decoded); not a value expression: the text as written."""
    text, bad = parse_value(raw, strings)
    return raw.strip() if bad >= 0 else text


def _closing(text: str, start: int) -> int:
    """Index closing the ``{`` or ``"`` at ``start``. ``\\{`` and ``\\}`` are text here, as
    bibtexparser's splitter (which cut the value out) reads them; a quoted value ends at a ``"``
    outside braces."""
    if text[start] == "{":
        return closing(text, start, escapes=True)
    depth = 0
    index = start + 1
    while index < len(text):
        ch = text[index]
        if ch == "\\":
            index += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return -1
        elif ch == '"' and depth == 0:
            return index
        index += 1
    return -1


@dataclass
class BibEntry:
    key: str
    entry_type: str
    line: int  # 1-based
    start: int  # character offsets of the block in the text
    end: int
    raw: str
    raw_fields: list[tuple[str, str]]  # (name as written, raw value)
    fields: dict[str, str]  # lower-case name -> evaluated text (LaTeX not decoded)
    unread: list[tuple[int, str]] = field(default_factory=list)  # (line, message): a value that runs on


@dataclass
class Bib:
    text: str
    entries: list[BibEntry]
    problems: list[tuple[int, str]]  # (line, message): blocks left untouched


@contextmanager
def quiet_bibtexparser():
    """bibtexparser logs what it cannot parse; we report those blocks ourselves."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def decode_bib(data: bytes, path: str) -> str:
    return decode(data, path, "save the file as UTF-8 (BibTeX reads UTF-8 with \\usepackage[utf8]{inputenc})")


def _reason(block) -> str:
    error = getattr(block, "error", None)
    text = getattr(error, "abort_reason", None) or (str(error) if error else "") or "could not be parsed"
    text = re.sub(r"\s+", " ", text.split(". Note:")[0]).strip()
    return text[0].lower() + text[1:] if text else text


def read_bib(text: str, path: str) -> Bib:
    """Parse a .bib into entries with their exact spans; broken blocks become problems.

    A block bibtexparser cannot recover from (an entry still open at the end of the file)
    is an error naming its line: writing such a file back would hide the damage.
    """
    import bibtexparser
    from bibtexparser import model as bm

    original, text = text, lone_cr_as_lf(text)  # bibtexparser counts LF only; offsets stay the same
    with quiet_bibtexparser():
        try:
            library = bibtexparser.parse_string(text, parse_stack=[])
        except Exception as exc:  # the splitter raises on input it cannot even split
            raise error_at(path, None, f"cannot parse BibTeX: {exc}") from None
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    strings: dict[str, str] = {}
    entries: list[BibEntry] = []
    problems: list[tuple[int, str]] = []
    first_line: dict[str, int] = {}
    cursor = 0
    for block in library.blocks:
        line = block.start_line + 1
        origin = line_starts[min(block.start_line, len(line_starts) - 1)]
        start = text.find(block.raw, max(cursor, origin))
        if start < 0:
            start = text.find(block.raw, origin)
        if start < 0:  # cannot place it: never touch it
            problems.append((line, "block could not be located in the file; left unchanged"))
            continue
        end = start + len(block.raw)
        cursor = end
        if isinstance(block, bm.ParsingFailedBlock):
            reason = _reason(block)
            head = block.raw.split("\n", 1)[0].rstrip("\r")[:60]
            if isinstance(block, bm.DuplicateBlockKeyBlock):
                key = getattr(block, "key", "")
                problems.append((line, f"duplicate key {key!r} (first on line {first_line.get(key, '?')}); BibTeX will "
                                       "use the first; this entry left unchanged"))
            elif isinstance(block, bm.DuplicateFieldKeyBlock):
                problems.append((line, f"{head!r}: {reason}; left unchanged"))
            elif getattr(getattr(block, "error", None), "end_index", 0) is None or "end of file" in reason.lower():
                open_at = unclosed(text, start)
                if open_at:
                    raise error_at(path, *open_at)
                raise error_at(path, line, f"entry {head!r} is not closed before the end of the file "
                                           "(unbalanced braces or a truncated entry)")
            elif unclosed(text, start):
                open_line, message = unclosed(text, start)
                problems.append((open_line, f"{message}; left unchanged"))
            else:
                problems.append((line, f"malformed entry {head!r} ({reason}); left unchanged"))
            continue
        if isinstance(block, bm.String):
            strings[block.key.lower()] = value_text(block.value, strings)
            continue
        if isinstance(block, bm.ImplicitComment):
            if depth_changes(block.raw) < 0:
                problems.append((line, "stray '}' outside any entry (the entry before it has one brace too many?)"))
            continue
        if not isinstance(block, bm.Entry):
            continue
        first_line.setdefault(block.key, line)
        written = original[start:end]
        if text is original:  # not a CR-only file: nothing to restore
            raw_fields = [(f.key, f.value) for f in block.fields]
            key = block.key
        else:
            raw_fields = [(f.key, _as_written(f.value, block.raw, written)) for f in block.fields]
            key = _as_written(block.key, block.raw, written)
        fields, unread = {}, []
        for (name, raw), parsed in zip(raw_fields, block.fields):
            value, bad = parse_value(raw, strings)
            fields.setdefault(name.lower(), raw.strip() if bad >= 0 else value)
            if bad >= 0:  # pandoc stops there too: usually a missing comma
                at = (parsed.start_line or block.start_line or 0) + 1 + raw.count("\n", 0, bad)
                after = " ".join(raw[bad:].split())[:40]
                unread.append((at, f"entry {key!r}: field {name!r}: unexpected {after!r} after its value "
                                   "(a missing comma?)"))
        entries.append(BibEntry(key, block.entry_type.lower(), line, start, end, written, raw_fields, fields, unread))
    return Bib(original, entries, problems)


def _as_written(piece: str, parsed: str, original: str) -> str:
    """A key or raw value of a CR-only file with its CRs back (the parser saw them as LF)."""
    if "\n" not in piece:
        return piece
    at = parsed.find(piece)
    return original[at:at + len(piece)] if at >= 0 else piece


def entry_year(fields: dict[str, str]) -> int | None:
    """The first 19xx or 20xx in an entry's year (or date) field, or None."""
    match = re.search(r"(?:19|20)\d\d", fields.get("year", "") or fields.get("date", ""))
    return int(match.group(0)) if match else None
