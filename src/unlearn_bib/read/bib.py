"""Read a .bib file: entries with their exact spans and lines, @string and # evaluated, broken blocks reported."""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass

from unlearn_bib.read.bibopen import unclosed
from unlearn_bib.errors import error_at
from unlearn_bib.text.lines import line_at_bytes, lone_cr_as_lf

MONTHS = {m[:3].lower(): m for m in (
    "January February March April May June July August September October November December").split()}


def split_concatenation(raw: str) -> list[str]:
    """Split a raw BibTeX value at ``#`` outside braces and quotes."""
    parts, depth, quoted, start, i = [], 0, False, 0, 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\":  # \{ \} \" are text, not delimiters
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i])
            start = i + 1
        i += 1
    parts.append(raw[start:])
    return parts


def value_text(raw: str, strings: dict[str, str] | None = None) -> str:
    """A raw field value (``{...}``, ``"..."``, number, macro, concatenation) as its text."""
    strings = strings or {}
    out = []
    for part in split_concatenation(raw):
        part = part.strip()
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        elif part.lower() in strings:
            out.append(strings[part.lower()])
        elif part:
            out.append(MONTHS.get(part.lower(), part))  # jan, feb, ... are predefined; unknown macros stay
    return "".join(out)


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
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error_at(path, line_at_bytes(data, exc.start), "not valid UTF-8",
                       "save the file as UTF-8 (BibTeX reads UTF-8 with \\usepackage[utf8]{inputenc})") from None


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
            depth = sum((ch == "{") - (ch == "}") for ch in block.raw)
            if depth < 0:
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
        fields = {}
        for name, raw in raw_fields:
            fields.setdefault(name.lower(), value_text(raw, strings))
        entries.append(BibEntry(key, block.entry_type.lower(), line, start, end, written, raw_fields, fields))
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
