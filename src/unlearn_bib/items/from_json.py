"""Read a CSL-JSON file into CSL items, in file order, each located by the line it starts on.

Hostile input is a located error, never a traceback: deep nesting, ``NaN``/``Infinity``,
numbers too long to be a year, lone surrogates, a file that is not a list.

Zotero's ways of saying more than CSL has keys for are read as pandoc and citeproc-js both
read them: the legacy keys ``journalAbbreviation`` and ``shortTitle``, and CSL variables
written as ``name: value`` lines at the start of ``note`` (Zotero's "Extra" field).
"""
from __future__ import annotations

import json
import re

from unlearn_bib.items.check import CONTROL, DATE_VARIABLES, NAME_VARIABLES, TEXT_VARIABLES, CSLItems, collect
from unlearn_bib.errors import error_at

MAX_NUMBER_DIGITS = 30


class _Refused(ValueError):
    """A JSON value we refuse (raised from the decoder's hooks)."""


def _constant(name: str):
    raise _Refused(f"{name} is not allowed in CSL-JSON (JSON has no such number)")


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Refused(f"a number with {len(text)} digits (at most {MAX_NUMBER_DIGITS})")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Refused(f"a number with {len(text)} characters (at most {MAX_NUMBER_DIGITS})")
    return float(text)


_DECODER = json.JSONDecoder(parse_constant=_constant, parse_int=_integer, parse_float=_float)
_SPACE = re.compile(r"[ \t\r\n]*")
_ODD_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F]|00[01]|007[fF]|00[89])")  # surrogates, controls


class _Lines:
    """Offset -> 1-based line, counting forward from the last offset asked (offsets grow)."""

    def __init__(self, text: str):
        self.text, self.offset, self.line = text, 0, 1

    def __call__(self, index: int) -> int:
        if index < self.offset:
            self.offset, self.line = 0, 1
        self.line += self.text.count("\n", self.offset, index)
        self.offset = index
        return self.line


# Zotero's legacy keys, read by both engines (citeproc-js: only where the CSL key is absent).
_LEGACY = (("journalAbbreviation", "container-title-short"), ("shortTitle", "title-short"))
# A note field: "name: value" on its own line, or "{:name: value}"; the name as CSL spells it
# (citeproc-js reads all-lower or all-upper names, pandoc no "_"), the value not empty.
_NOTE_FIELD = re.compile(r"(?:\{:([a-z][-a-z]*|[A-Z]+):[ \t]*([^}\n]*[^}\s])[ \t]*\}[ \t]*\n?"
                         r"|([a-z][-a-z]*|[A-Z]+):[ \t]*([^}\n]*[^}\s])[ \t]*(?:\n|$))")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_NOTE_NAMES = (TEXT_VARIABLES | NAME_VARIABLES | DATE_VARIABLES | {"type"}) - {"note", "id"}


def _zotero(raw: dict) -> dict:
    """A raw item with Zotero's legacy keys and leading note fields read as CSL variables.

    Where pandoc 3.9 and citeproc-js 2.4.63 agree: a variable the item has already is kept
    (a date in the note replaces the item's, as in both); the fields are read from the note's
    first line up to the first line that is not one, and the rest stays the note.
    """
    if not any(key in raw for key, _ in _LEGACY) and "note" not in raw:
        return raw
    item = dict(raw)
    for legacy, variable in _LEGACY:
        if legacy in item:
            value = item.pop(legacy)
            if variable not in item:
                item[variable] = value
    note = item.get("note")
    if not isinstance(note, str):
        return item
    index, names = 0, {}
    while True:
        match = _NOTE_FIELD.match(note, index)
        if match is None:
            break
        name, value = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        if name not in _NOTE_NAMES:
            break
        if name in DATE_VARIABLES:
            date = _ISO_DATE.fullmatch(value)
            if date is None:
                break
            item[name] = {"date-parts": [[int(part) for part in date.groups() if part]]}
        elif name in NAME_VARIABLES:
            if name not in raw:  # "Family || Given" or a literal name; repeated lines add names
                family, _, given = value.partition("||")
                names.setdefault(name, []).append(
                    {"family": family.strip(), "given": given.strip()} if given.strip() else {"literal": value})
        elif name not in item:
            item[name] = value
        index = match.end()
    if index:
        item.update(names)
        rest = note[index:].strip()
        if rest:
            item["note"] = rest
        else:
            del item["note"]
    return item


def read_csljson(text: str, path: str, partial: bool = False) -> CSLItems:
    """CSL-JSON text (a list of items) -> CSLItems, or UnlearnBibError naming FILE:LINE."""
    line_of = _Lines(text)

    def decode(start: int):
        try:
            return _DECODER.raw_decode(text, start)
        except json.JSONDecodeError as exc:
            raise error_at(path, exc.lineno, f"invalid JSON: {exc.msg}") from None
        except _Refused as exc:
            raise error_at(path, line_of(start), f"invalid CSL-JSON: {exc}") from None
        except RecursionError:
            raise error_at(path, line_of(start), "invalid CSL-JSON: values nested too deeply") from None

    index = _SPACE.match(text).end()
    if index >= len(text):
        raise error_at(path, None, "file is empty")
    if text[index] != "[":
        decode(index)
        raise error_at(path, line_of(index), "CSL-JSON must be a list of items ([{...}, ...])")
    pairs = []
    index = _SPACE.match(text, index + 1).end()
    if text.startswith("]", index):
        index += 1
    else:
        while True:
            value, end = decode(index)
            pairs.append((line_of(index), _zotero(value) if type(value) is dict else value))
            index = _SPACE.match(text, end).end()
            if text.startswith(",", index):
                index = _SPACE.match(text, index + 1).end()
                continue
            if text.startswith("]", index):
                index += 1
                break
            raise error_at(path, line_of(min(index, len(text) - 1)), "invalid JSON: expected ',' or ']'")
    rest = _SPACE.match(text, index).end()
    if rest != len(text):
        raise error_at(path, line_of(rest), "invalid JSON: extra data after the list")
    # Text decoded from UTF-8 holds no surrogate, and JSON strings no raw C0 control: a \\u
    # escape can make either; a C1 control (U+0080-U+009F) may also be there as it is.
    return collect(pairs, path, scan=_ODD_ESCAPE.search(text) is not None or CONTROL.search(text) is not None,
                   partial=partial)
