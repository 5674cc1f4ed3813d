"""Read a CSL-JSON file into CSL items, in file order, each located by the line it starts on.

Hostile input is a located error, never a traceback: deep nesting, ``NaN``/``Infinity``,
numbers too long to be a year, lone surrogates, a file that is not a list.
"""
from __future__ import annotations

import json
import re

from unlearn_bib.items.check import CONTROL, CSLItems, collect
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
            pairs.append((line_of(index), value))
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
