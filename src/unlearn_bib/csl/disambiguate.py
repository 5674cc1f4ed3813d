"""Disambiguation of cites as CSL 1.0.2 describes it, and what it adds to bibliography entries.

citeproc-py disambiguates nothing. The bibliography a user pastes still depends on it: CSL
1.0.2, "Disambiguation": "To assure that each cite does in fact uniquely identify its entry
in the bibliography, detail that distinguishes cites (such as names, initials, and full
given names) must be shown in the corresponding bibliography entries. If this is not the
case, disambiguation methods (1) and (2) also act on all members of a set of ambiguously
cited bibliographic entries, until no more entries in the set can be unambiguously cited by
adding (expanded) names." So MLA prints "Bui, Anh, Long Vuong, et al." where the cite
"(Bui et al.)" needed the second name, and the year suffix of method (4) reaches the entry.

How: every entry's first cite is rendered once with citeproc-py (``cite_texts``; in forked
slices for long lists); entries whose cites read alike form a set, and only those sets are
worked on, with the names the cite showed (recorded while rendering it), so the pass stays
linear in the number of entries plus the size of the sets. Within a set, a cite's identity
is its rendered text plus the names it would show after each method: (1) given names
expanded, (2) more names, (3) the ``disambiguate`` condition (this one re-rendered), (4)
year suffixes for what is left. What methods (1) and (2) add is handed to the bibliography
entry (``NamesAdded`` on the item), where ``names_dates.Names`` shows it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from citeproc.string import String

from unlearn_bib.csl.items import FULL, INITIALS, CiteNames, NamesAdded
from unlearn_bib.csl.text import ZERO_WIDTH
from unlearn_bib.csl.workers import map_slices

@dataclass(eq=False)
class _Cite:
    item: object  # the bibliography's CitationItem
    text: str
    names: CiteNames | None
    parts: list[tuple]  # the reference's (given, family, dropping, non-dropping, suffix) per name
    shown: int = 0
    levels: dict[int, int] = field(default_factory=dict)
    condition_text: str | None = None  # the cite re-rendered with disambiguate="true"

    def key(self, shown: int | None = None, levels: dict[int, int] | None = None) -> tuple:
        shown = self.shown if shown is None else shown
        levels = self.levels if levels is None else levels
        names = tuple(_name_form(self.parts[p], levels.get(p, 0)) for p in range(min(shown, len(self.parts))))
        return (self.condition_text or self.text, names)


def _name_form(parts: tuple, level: int) -> tuple:
    given, family, _dropping, non_dropping, suffix = (str(p or "") for p in parts)
    family = f"{non_dropping} {family}".strip()
    if level >= FULL:
        return (family, given, suffix)
    if level == INITIALS:
        return (family, _initials(given), suffix)
    return (family,)


def _initials(given: str) -> str:
    return "".join(part[0] for part in re.split(r"[\s.\-]+", given) if part and part[0].isupper())


def _options(citation) -> tuple[bool, bool, bool, str]:
    def on(name):
        return citation.get(name, "false").lower() == "true"

    return (on("disambiguate-add-givenname"), on("disambiguate-add-names"), on("disambiguate-add-year-suffix"),
            citation.get("givenname-disambiguation-rule", "by-cite"))


def needed(style) -> bool:
    """Whether the style asks for any disambiguation (then entries depend on each other)."""
    citation = style.root.citation
    return citation is not None and any(_options(citation)[:3])


def disambiguate(style, bibliography) -> None:
    """Run the four CSL 1.0.2 methods on the first cite of every entry; mark the entries.

    Sets ``year_suffix`` on the references that keep an ambiguous cite, and ``NamesAdded``
    (``item.__dict__["names_added"]``) on the items whose cites needed more or fuller names.
    """
    if not needed(style):
        return
    add_given, add_names, add_year, rule = _options(style.root.citation)
    items = bibliography.items
    rendered = map_slices(lambda chunk: cite_texts(bibliography, chunk), items)
    sets: dict[str, list[_Cite]] = {}
    for item, (text, names) in zip(items, rendered):
        if text is None:
            continue
        parts = [tuple(n.parts()) for n in (item.reference.get(names.variable) or [])] if names else []
        cite = _Cite(item, text, names, parts, names.shown if names else 0)
        sets.setdefault(text, []).append(cite)
    bibliography._cites.clear()
    for members in sets.values():
        if len(members) < 2:
            continue
        ambiguous = _ambiguous(members)
        if add_given and ambiguous:
            ambiguous = _add_given_names(members, ambiguous, rule)
        if add_names and ambiguous:
            ambiguous = _add_names(members, ambiguous, rule if add_given else None)
        if ambiguous and _has_condition(style):
            ambiguous = _render_condition(bibliography, ambiguous)
        for cite in members:
            if cite.names is not None and (cite.shown > cite.names.shown or cite.levels):
                cite.item.__dict__["names_added"] = NamesAdded(cite.names.variable, cite.shown, dict(cite.levels))
        if add_year and ambiguous:
            _add_year_suffixes(ambiguous)


def cite_texts(bibliography, chunk) -> list[tuple[str | None, CiteNames | None]]:
    """The first cite of each entry as text, and the names it showed (None: not renderable)."""
    from citeproc import Citation

    from unlearn_bib.csl.items import item_class

    out = []
    for item in chunk:
        cite_item = item_class()(item.key)
        cite_item.__dict__["names_seen"] = None  # names_dates.Names records the first names here
        citation = Citation([cite_item])
        citation.bibliography = bibliography
        cite_item.pin()
        try:
            text = str(bibliography.cite(citation, lambda _: None))
        except Exception:  # noqa: BLE001 - a cite citeproc-py cannot render cannot be ambiguous
            out.append((None, None))
            continue
        out.append(("".join(c for c in text if c not in ZERO_WIDTH), cite_item.__dict__["names_seen"]))
    return out


def _ambiguous(cites: list[_Cite], trial: dict[int, tuple] | None = None) -> list[_Cite]:
    """The cites whose key another cite shares (``trial``: index -> key to use instead)."""
    keys = [trial[i] if trial and i in trial else cite.key() for i, cite in enumerate(cites)]
    counts: dict[tuple, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return [cite for cite, key in zip(cites, keys) if counts[key] > 1]


def _levels(names: CiteNames, rule: str) -> tuple[int, ...]:
    """The expansions a name may go through, in order (CSL 1.0.2, "Expansion of Individual Names").

    "If initialize-with is set and initialize has its default value of "true", then: (a)
    Initials can be shown by rendering the name with a form value of "long" instead of
    "short" (e.g. "Doe" becomes "J. Doe"). (b) Full given names can be shown instead of
    initials by rendering the name with initialize set to "false" (e.g. "J. Doe" becomes
    "John Doe"). 2. If initialize-with is not set, full given names can be shown by rendering
    the name with a form value of "long" instead of "short"." The "-with-initials" rules:
    "name expansion is limited to showing initials (see step 1(a) above). No disambiguation
    attempt is made when initialize-with is not set or when initialize is set to "false"."
    """
    if rule.endswith("with-initials"):
        return (INITIALS,) if names.initials and names.base_level < INITIALS else ()
    steps = (INITIALS, FULL) if names.initials else (FULL,)
    return tuple(level for level in steps if level > names.base_level)


def _expand_names(cites: list[_Cite], position: int, rule: str, at: dict[int, int] | None = None) -> None:
    """Expand the name at ``position`` (or, per cite, at ``at[id(cite)]``) of each cite until
    it differs from every other such name with the same family name and another given name:
    "Each name is progressively transformed until it is disambiguated. Names that cannot be
    disambiguated remain in their original form." Counting forms keeps this linear: a level
    tells a name from its rivals when no more names share its form at that level than share
    its full form.
    """
    def where(cite):
        return at[id(cite)] if at is not None else position

    shown = [(cite, cite.parts[where(cite)]) for cite in cites
             if cite.names is not None and where(cite) < min(len(cite.parts), cite.shown)]
    counts: dict[tuple, int] = {}
    for _, name in shown:
        for level in (0, INITIALS, FULL):
            form = (level, _name_form(name, level))
            counts[form] = counts.get(form, 0) + 1
    for cite, name in shown:
        same_full = counts[(FULL, _name_form(name, FULL))]
        if counts[(0, _name_form(name, 0))] == same_full:
            continue  # no rival: nothing to tell apart
        for level in _levels(cite.names, rule):
            if counts[(level, _name_form(name, level))] == same_full:
                position_here = where(cite)
                cite.levels[position_here] = max(level, cite.levels.get(position_here, 0))
                break


def _add_given_names(members: list[_Cite], ambiguous: list[_Cite], rule: str) -> list[_Cite]:
    """Method (1), disambiguate-add-givenname, on the rendered names of a set of ambiguous cites.

    CSL 1.0.2: "ambiguous names (names that are identical in their "short" or initialized
    "long" form, but differ when initials are added or the full given name is shown) are
    expanded"; "primary-name": "disambiguation is limited to the first name of each cite";
    "by-cite": "Only ambiguous names in ambiguous cites are affected, and disambiguation
    stops after the first name that eliminates cite ambiguity." (The rules' other purpose,
    expanding names in unambiguous cites, shows in cites only, never in the bibliography.)
    """
    widest = max(cite.shown for cite in ambiguous)
    positions = range(1) if rule.startswith("primary-name") else range(widest)
    for position in positions:
        _expand_names(ambiguous, position, rule)
        ambiguous = _ambiguous(members)
        if not ambiguous:
            break
    return ambiguous


def _add_names(members: list[_Cite], ambiguous: list[_Cite], rule: str | None) -> list[_Cite]:
    """Method (2), disambiguate-add-names.

    CSL 1.0.2: "names that would otherwise be hidden as a result of et-al abbreviation are
    added one by one to all members of a set of ambiguous cites, until no more cites in the
    set can be disambiguated by adding names." With add-givenname too: "Added names are
    expanded if doing so would disambiguate the ambiguous cites." A name that tells no cite
    apart is not kept: the names count goes back to the last one that disambiguated a cite.
    """
    committed = {id(cite): (cite.shown, dict(cite.levels)) for cite in members}
    growing = [cite for cite in ambiguous if cite.names is not None]
    while True:
        growing = [cite for cite in growing if cite.shown < len(cite.parts)]
        if not growing:
            break
        for cite in growing:
            cite.shown += 1
        if rule is not None and not rule.startswith("primary-name"):
            _expand_names(growing, 0, rule, at={id(cite): cite.shown - 1 for cite in growing})
        still = _ambiguous(members)
        if len(still) < len(ambiguous):
            committed = {id(cite): (cite.shown, dict(cite.levels)) for cite in members}
            ambiguous = still
            left = {id(cite) for cite in still}
            growing = [cite for cite in growing if id(cite) in left]
    for cite in members:  # names added without effect are taken back
        cite.shown, cite.levels = committed[id(cite)]
    return _ambiguous(members)


def _has_condition(style) -> bool:
    root = style.root
    cached = root.__dict__.get("_disambiguate_condition")
    if cached is None:
        cached = root.__dict__["_disambiguate_condition"] = bool(
            root.xpath_search('.//cs:if[@disambiguate="true"] | .//cs:else-if[@disambiguate="true"]'))
    return cached


def _render_condition(bibliography, ambiguous: list[_Cite]) -> list[_Cite]:
    """Method (3): "Render the cite with the disambiguate attribute of cs:choose conditions
    testing "true"" for the cites still ambiguous; only cites change, never the bibliography."""
    from citeproc import Citation

    from unlearn_bib.csl.items import item_class

    for cite in ambiguous:
        cite_item = item_class()(cite.item.key)
        cite_item.__dict__["disambiguate_condition"] = True
        citation = Citation([cite_item])
        citation.bibliography = bibliography
        cite_item.pin()
        try:
            text = str(bibliography.cite(citation, lambda _: None))
        except Exception:  # noqa: BLE001 - keep the plain cite
            continue
        cite.condition_text = "".join(c for c in text if c not in ZERO_WIDTH)
    bibliography._cites.clear()
    return _ambiguous(ambiguous)


def _add_year_suffixes(ambiguous: list[_Cite]) -> None:
    """Method (4), disambiguate-add-year-suffix: "The assignment of year-suffixes follows the
    order of the bibliographies entries, and additional letters are used once "z" is reached
    ("z", "aa", "ab", ..., "az", "ba", etc.)." ``ambiguous`` is in bibliography order."""
    alike: dict[tuple, list[_Cite]] = {}
    for cite in ambiguous:
        alike.setdefault(cite.key(), []).append(cite)
    for group in alike.values():
        for index, cite in enumerate(group):
            cite.item.reference["year_suffix"] = String(_suffix(index))


def _suffix(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = letters[rest] + out
    return out
