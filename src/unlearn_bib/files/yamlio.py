"""Read YAML safely, keeping the line of every mapping and field; write catalog records back.

PyYAML's ``safe_load`` keeps the last of two duplicate keys and expands aliases;
a catalog must do neither, and every problem must name its line.
"""
from __future__ import annotations

import re

import gc
from contextlib import contextmanager
from functools import lru_cache

from unlearn_bib.errors import error_at
from unlearn_bib.files.read import decode
from unlearn_bib.text.lines import line_at


@contextmanager
def gc_paused():
    """No cyclic garbage collection inside: building a catalog's hundreds of thousands of
    objects, all of which survive, made the GC rescan a growing heap again and again
    (superlinear; 15% of a 10,000-paper load). Nothing built here forms cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Marked(dict):
    """A mapping that remembers its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict


def _parser_class():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_STR = "tag:yaml.org,2002:str"
# Plain scalars that may resolve to something other than a string (YAML 1.1 bools, nulls,
# numbers, timestamps, merge keys) start with one of these; everything else is a string.
_MAYBE_TYPED = frozenset("0123456789+-.~<=yYnNtTfFoO")


def _build(loader):
    """Construct plain data straight from the parser's events, keeping lines.

    No node graph is built (PyYAML's composer holds every node and two marks per node
    until the end, hundreds of MB for a large catalog), aliases and anchors are refused
    where they appear, and a key given twice is an error rather than silently replaced.
    """
    import yaml

    def fail(message, mark):
        raise yaml.MarkedYAMLError(None, None, message, mark)

    def scalar(event):
        if event.anchor:
            fail("YAML anchors and aliases are not allowed in a catalog", event.start_mark)
        tag = event.tag
        if tag in (None, "!"):
            if event.implicit[0] and event.value and event.value[0] not in _MAYBE_TYPED:
                return event.value
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return event.value
        if tag not in yaml.SafeLoader.yaml_constructors or tag == "tag:yaml.org,2002:merge":
            fail(f"YAML tags are not allowed in a catalog: could not determine a constructor for the tag {tag!r}",
                 event.start_mark)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return loader.construct_object(node, deep=True)

    def collection(event):
        if event.anchor:
            fail("YAML anchors and aliases are not allowed in a catalog", event.start_mark)
        if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            fail(f"YAML tags are not allowed in a catalog: could not determine a constructor for the tag {event.tag!r}",
                 event.start_mark)

    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # document start
    root = None
    stack: list = []  # (container, pending key or _NO_KEY)
    no_key = object()
    while True:
        event = loader.get_event()
        kind = type(event)
        if kind is yaml.DocumentEndEvent:
            break
        if kind is yaml.AliasEvent:
            fail("YAML anchors and aliases are not allowed in a catalog", event.start_mark)
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = stack.pop()[0]  # already placed in its parent when it opened
            if not stack:
                root = value
            continue
        if kind is yaml.ScalarEvent:
            value = scalar(event)
        elif kind is yaml.MappingStartEvent:
            collection(event)
            value = Marked()
            value.line = event.start_mark.line + 1
            value.key_lines = {}
        else:  # SequenceStartEvent
            collection(event)
            value = []
        opens = kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent
        if stack:
            container, key = stack[-1]
            if isinstance(container, list):
                container.append(value)
            elif key is no_key:  # this value is a key
                if opens:
                    fail("a mapping key must be a plain value", event.start_mark)
                try:
                    hash(value)
                except TypeError:
                    fail("a mapping key must be a plain value", event.start_mark)
                if value in container:
                    fail(f"duplicate field {value!r} (first on line {container.key_lines[value]})", event.start_mark)
                container.key_lines[value] = event.start_mark.line + 1
                stack[-1] = (container, value)
            else:
                container[key] = value
                stack[-1] = (container, no_key)
        elif not opens:
            root = value
        if opens:
            stack.append((value, no_key))
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        fail("a catalog is one YAML document", event.start_mark)
    return root


def load_yaml(data: bytes, path: str):
    """Parse YAML bytes into plain data with ``Marked`` mappings, or raise UnlearnBibError."""
    import yaml

    if not data.strip():
        raise error_at(path, None, "file is empty")
    text = decode(data, path, bom=True)
    loader = _parser_class()(text)
    try:
        with gc_paused():
            return _build(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = exc.problem or exc.context or "invalid YAML"
        if "could not determine a constructor" in message or "tag" in (exc.problem or "") and "!" in message:
            message = "YAML tags are not allowed in a catalog: " + message
        raise error_at(path, line, message) from None
    except yaml.reader.ReaderError as exc:  # a control character: one line, its line, the character shown
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise error_at(path, line_at(text, exc.position), f"control character {ascii(char)} (U+{ord(char):04X}) "
                       "is not allowed in YAML", "remove it or write it as an escape in a double-quoted string") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise error_at(path, mark.line + 1 if mark else None, "invalid YAML: " + " ".join(str(exc).split())) from None
    except RecursionError:
        raise error_at(path, None, "YAML nested too deeply") from None
    finally:
        loader.dispose()


RECORD_ORDER = (
    "key", "section", "title", "title_aliases", "authors", "venue", "track", "year", "volume", "number",
    "pages", "publisher", "doi", "arxiv", "primary_class", "openreview", "url", "code", "list_year",
    "list_link", "attack_type", "needs_verification", "pinned", "sources", "notes",
)


# Text PyYAML writes in plain style unchanged, recognised without calling it (an import writes
# thousands of scalars): a letter first, then letters, digits, spaces and harmless punctuation, no
# ": " or " #", not a word YAML 1.1 reads as a boolean or null. Flow mappings also forbid commas.
_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9 .,()'/_\-:;?&=%+~#!]*[A-Za-z0-9.)/])?\Z")
_DIGITS = re.compile(r"(?:0|[1-9][0-9]{0,8})(\.[0-9]{1,9})?\Z")
_NOT_PLAIN_WORDS = frozenset("y n yes no on off true false null".split())


def _plain(text, flow: bool = False) -> bool:
    return (isinstance(text, str) and bool(_PLAIN.match(text)) and "  " not in text and ": " not in text
            and " #" not in text and text.lower() not in _NOT_PLAIN_WORDS
            and not (flow and any(ch in text for ch in ",?:#")))


def _quick(text, flow: bool = False) -> str | None:
    """What PyYAML writes for ``text``, when that is plain text or single-quoted text with ": " or
    " #" in it (never plain then); None: let PyYAML decide."""
    if _plain(text, flow):
        return text
    if isinstance(text, bool):
        return "true" if text else "false"
    if isinstance(text, int):
        return str(text)
    if isinstance(text, str) and _DIGITS.match(text):  # "2023", "2401.01234": quoted, or they read as numbers
        return f"'{text}'"
    if (isinstance(text, str) and (": " in text or " #" in text) and text == text.strip() and text.isprintable()
            and "\ufeff" not in text and all(ch < "\ud800" or "\ue000" <= ch for ch in text)):
        return "'" + text.replace("'", "''") + "'"
    if (isinstance(text, str) and _PLAIN_WIDE.match(text) and "  " not in text and ": " not in text and " #" not in text
            and not (flow and any(ch in text for ch in ",?:#")) and not typed_in_yaml11(text)):
        return text  # a digit first ("10.1145/…", "2.1 Methods") or letters beyond ASCII ("Schröder"): plain too
    return None


# as _PLAIN, with any letter or digit (PyYAML writes them as they are, allow_unicode), when YAML 1.1 reads it as text
_PLAIN_WIDE = re.compile(r"[^\W_](?:[\w .,()'/\-:;?&=%+~#!]*[\w.)/])?\Z")


def typed_in_yaml11(text: str) -> bool:
    """Would ``load_yaml`` read this plain text as something else than text ("No", "on", "~", "1e3")?"""
    import yaml

    return bool(text) and text[0] in _MAYBE_TYPED and yaml.SafeLoader.resolve(
        yaml.SafeLoader, yaml.ScalarNode, text, (True, False)) != _STR


def yaml_scalar(value) -> str:
    """One YAML scalar on one line, quoted only when plain style would change its meaning."""
    quick = _quick(value)
    if quick is not None:
        return quick
    if isinstance(value, dict) and value and all(isinstance(k, str) and _plain(k, True) for k in value):
        values = [_quick(v, True) for v in value.values()]
        if None not in values:
            return "{" + ", ".join(f"{k}: {v}" for k, v in zip(value, values)) + "}"
    import yaml

    # A line break or control character would spill over lines: such text is double-quoted, escaped.
    texts = value.values() if isinstance(value, dict) else [value]
    style = '"' if any(isinstance(t, str) and not t.isprintable() for t in texts) else None
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9, default_style=style,
                          sort_keys=False)
    return text.removesuffix("\n...\n").rstrip("\n")


_RANK = {name: n for n, name in enumerate(RECORD_ORDER)}


@lru_cache(maxsize=4096)  # the same authors on many rows of a list
def _flow_person(items: tuple) -> str:
    return yaml_scalar(dict(items))


def dump_record(record: dict) -> str:
    """A paper record as papers.yaml writes it: fixed field order, authors one per line."""
    lines = []
    for index, name in enumerate(sorted(record, key=lambda n: _RANK.get(n, 99))):
        value = record[name]
        lead = "  - " if index == 0 else "    "
        if name == "authors":
            lines.append(f"{lead}authors:")
            for person in value:
                pairs = tuple(dict(person).items())
                lines.append(f"      - {_flow_person(pairs) if all(type(v) is str for _, v in pairs) else yaml_scalar(dict(pairs))}")  # quoted as a flow mapping needs
        elif isinstance(value, list):
            lines.append(f"{lead}{name}:")
            lines += [f"      - {yaml_scalar(item)}" for item in value]
        else:
            lines.append(f"{lead}{name}: {yaml_scalar(value)}")
    return "\n".join(lines) + "\n"
