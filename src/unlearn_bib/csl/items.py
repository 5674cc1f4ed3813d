"""The cite item the renderer registers (citeproc-py's CitationItem, its reference and number
pinned), and what disambiguation records on items."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

INITIALS, FULL = 1, 2  # how far a name is expanded: initials shown, full given name shown


@dataclass(frozen=True)
class CiteNames:
    """The names the first cs:names of a cite rendered, as names_dates.Names recorded them."""

    variable: str
    shown: int  # names shown before disambiguation (et-al abbreviation applied)
    base_level: int  # 0: family name only ("short"), INITIALS or FULL: what "long" already shows
    initials: bool  # the cs:name initializes given names (initialize-with set, initialize not "false")


@dataclass
class NamesAdded:
    """What disambiguation adds to an entry's names: at least ``shown`` names of ``variable``,
    and given names expanded at these positions (position -> INITIALS or FULL)."""

    variable: str
    shown: int
    expanded: dict[int, int] = field(default_factory=dict)


@lru_cache(maxsize=1)
def item_class():
    """citeproc-py's CitationItem with ``reference`` and ``number`` fixed once known.

    citeproc-py recomputes both on every access: the reference through a chain of three
    look-ups, the number by searching the list of keys, which makes a numeric list
    quadratic in its length. Values are stored outside the item's mapping (a CitationItem
    is a dict of its CSL fields): the reference once the item is registered, the number
    once the list is sorted, when neither can change.
    """
    from citeproc import CitationItem

    class Item(CitationItem):
        @property
        def reference(self):
            cached = self.__dict__.get("_reference")
            return cached if cached is not None else super().reference

        @property
        def number(self):
            cached = self.__dict__.get("_number")
            return cached if cached is not None else super().number

        def pin(self, number: int | None = None) -> None:
            """Pin the reference (once registered) and the number (once sorted). A source's
            references are never replaced once registered: a pinned one is not looked up again."""
            if number is None or "_reference" not in self.__dict__:
                self.__dict__["_reference"] = self.bibliography.source[self.key]
            if number is not None:
                self.__dict__["_number"] = number

    return Item


@lru_cache(maxsize=1)
def source_class():
    """citeproc-py's CiteProcJSON, reading the CSL 1.0.2 name and date variables it has no list of.

    It parses only the 1.0.1 names (author, editor, ...) as names and dates as dates, and
    any other value as text: a ``chair`` list or an ``available-date`` object then crashes
    a style that prints it. Lists of names and date objects are read as what they are.
    """
    from citeproc import DATES, NAMES, VARIABLES
    from citeproc.source import Name, Reference
    from citeproc.source.json import CiteProcJSON
    from citeproc.string import MixedString, String

    names, dates = frozenset(NAMES), frozenset(DATES)
    # what Reference and Name accept without a warning: objects with nothing else are built
    # directly (their checks build a set of ~100 variable names per reference and per name)
    reference_fields = frozenset({"uri", "container_uri", "contributor", "date", *VARIABLES})
    name_parts = frozenset({"family", "given", "dropping-particle", "non-dropping-particle", "suffix"})
    literal = frozenset({"literal"})

    def reference(key, kind, fields):
        if not fields.keys() <= reference_fields:
            return Reference(key, kind, **fields)  # its own way, warning included
        built = Reference.__new__(Reference)
        dict.__setitem__(built, "key", key)
        dict.__setitem__(built, "type", kind)
        dict.update(built, fields)
        return built

    def name(parts):
        if not parts.keys() <= (literal if "literal" in parts else name_parts):
            return Name(**parts)
        built = Name.__new__(Name)
        dict.update(built, parts)
        return built

    class Source(CiteProcJSON):
        def __init__(self, json_data):
            """CiteProcJSON.__init__, the same references built without the per-object checks."""
            for ref in json_data:
                ref_data = {}
                for key, value in ref.items():
                    python_key = key.replace("-", "_")
                    if python_key == "id":
                        ref_key = str(value).lower()
                        continue
                    if python_key == "type":
                        ref_type = value
                        continue
                    if python_key == "key":  # conflicts with the reference's key: left out
                        continue
                    if python_key == "shortTitle":
                        python_key = "title_short"
                    if python_key in names:
                        value = self.parse_names(value)
                    elif python_key in dates:
                        value = self.parse_date(value)
                    elif key != "language":
                        value = self.parse_string(value)
                    ref_data[python_key] = value
                self.add(reference(ref_key, ref_type, ref_data))

        def parse_names(self, json_data):
            return [name(parts) for parts in json_data]

        def add(self, entry):
            # citeproc-py's cs:names looks a role up under its CSL name, the entry has it
            # with "_": a hyphenated name variable (reviewed-author, container-author,
            # collection-editor, original-author) was never printed. Both spellings, then.
            for key, value in list(entry.items()):
                if "_" in key and isinstance(value, list) and value and isinstance(value[0], Name):
                    dict.__setitem__(entry, key.replace("_", "-"), value)
            super().add(entry)

        def parse_string(self, string):
            if isinstance(string, list):
                return self.parse_names(string)
            if isinstance(string, dict):
                return self.parse_date(string)
            if string.__class__ is str and "<" not in string:  # no nocase span: what citeproc-py builds, directly
                return MixedString([String(string)]) if string else MixedString()
            return super().parse_string(string)

    return Source
