"""The name and date elements of citeproc-py, corrected (ranges, substitution, initials, sorting).

Also shows in an entry what disambiguation added to a cite's names. Part of the element
fixes (``fixes.element_classes()`` collects them); the cause numbers refer to the root causes
measured against pandoc.
"""
from __future__ import annotations

import re

from citeproc import model
from citeproc.source import DateRange, LiteralDate
from citeproc.string import String

from unlearn_bib.csl.items import FULL, INITIALS, CiteNames
from unlearn_bib.csl.text import COMMA_SUFFIX, VAR_END, VAR_START


class Date(model.Date):
    def render_single_date(self, date, show_parts=None, context=None):
        """Fix: a localized date's parts are joined with the locale's delimiter (Vancouver's
        ``2021 Mar``), unless the calling cs:date sets one; citeproc-py used the caller's (none)."""
        parts = self.parts(date, show_parts, context) if context != self else self.parts(date, show_parts)
        return self._joiner(context).join(parts) if parts else None

    def _joiner(self, context):
        if context is not None and context is not self and self.is_locale_date() and context.get("delimiter") is not None:
            return context
        return self

    def render_date_range(self, date_range, show_parts=None, context=None):
        """Fix: citeproc-py joins the two halves of a range with the calling cs:date's ``join``,
        which a localized date does not have: every range in IEEE, APA or Chicago crashed.
        The parts both ends share (from the year down) are printed once, where the date puts them."""
        begin, end = date_range.begin, date_range.end
        show_parts = list(show_parts or ("year", "month", "day"))
        if end.is_nil():
            return self.render_single_date(begin, show_parts, context)
        shown = [part for part in show_parts  # the parts this cs:date prints and the range has
                 if begin.get(part) is not None and self.render_single_date(begin, [part], context)]
        show_parts = shown
        same = []
        for part in ("year", "month", "day"):
            if begin.get(part) != end.get(part):
                break
            if part in shown:
                same.append(part)
        if len(same) == len(shown):
            return self.render_single_date(begin, show_parts, context)
        differ = [part for part in show_parts if part not in same]
        first = self.render_single_date(begin, list(differ), context)
        if not first:
            return None
        last = self.render_single_date(end, list(differ), context) or ""
        # Fix: the range is one piece: the affixes inside it go (the last differing part's
        # suffix after the start, the first one's prefix before the end: "(1997–1998)",
        # "July 13-18, 2020", not "(1997)–(1998)", "July 13,–18, 2020") and the largest
        # differing part's range-delimiter joins them (CSL 1.0.2: "range-delimiter: Specifies
        # the delimiter for the date-part when it is the largest differing part of a date
        # range"; en dash by default), as pandoc and citeproc-js print it.
        elements = [child for child in self.iterchildren() if child.get("name") in differ]
        delimiter = "\u2013"
        if elements:
            suffix, prefix = elements[-1].get("suffix", ""), elements[0].get("prefix", "")
            if suffix and str(first).endswith(suffix):
                first = first[:len(str(first)) - len(suffix)] if isinstance(first, str) else String(str(first)[:-len(suffix)])
            if prefix and str(last).startswith(prefix):
                last = last[len(prefix):] if isinstance(last, str) else String(str(last)[len(prefix):])
            largest = min(elements, key=lambda child: ("year", "month", "day").index(child.get("name")))
            delimiter = largest.get("range-delimiter", "\u2013")
        if hasattr(last, "lstrip"):  # "May 1–9", not "May 1– 9" (the day's prefix)
            last = last.lstrip()
        ranged = first.rstrip() + delimiter + last
        pieces = []  # the shared parts and the range, in the order of this date's parts
        for part in [child.get("name") for child in self.iterchildren()]:
            if part in same:
                shared = self.render_single_date(end, [part], context)
                if shared:
                    pieces.append(shared)
            elif part in differ and ranged is not None:
                pieces.append(ranged)
                ranged = None
        return self._joiner(context).join(pieces).rstrip()

    def process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        """Implicit year-suffix (CSL 1.0.2): when the style has no ``year-suffix`` variable of
        its own, "the year-suffix is appended the first year rendered through cs:date in the
        cite and in the bibliographic entry": of any date variable (Elsevier's web page
        without a date: "(accessed 3.4.22a)", as citeproc-js prints it), not only ``issued``.

        In a sort key, the date's sortable value instead (``_sort_key``)."""
        if kwargs.get("sort_options") is not None:
            return self._sort_key(item, variable or self.get("variable"))
        text = super().process(item, variable=variable, show_parts=show_parts, context=context, **kwargs)
        reference = item.reference
        if text is not None and reference.get("implicit_year_suffix"):
            reference.pop("implicit_year_suffix")
            text = text + String(str(reference["year_suffix"]))
        return text


    def _sort_key(self, item, variable):
        """Fix: a date in a macro that a sort key calls gives a sortable value, not its display.

        CSL 1.0.2, sorting macros: date variables are "treated the same as when they are
        called via variable" (YYYYMMDD, "Seasons are ignored for sorting"), except that
        "macros return only those date-parts that would otherwise be rendered"; "In the case of
        date ranges, the start date is used for the primary sort, and the end date is used for a
        secondary sort ... Date ranges are placed after single dates when they share the same
        (start) date". citeproc-py compared the rendered text ("2020-07-13–18" before "2020"),
        so APA's same-year entries got other year suffixes than pandoc's and citeproc-js'.
        """
        value = item.reference.get(variable.replace("-", "_")) if variable else None
        if not value:
            raise model.VariableError
        if isinstance(value, LiteralDate):
            return String(str(value.text))
        if self.get("form") is not None and not self.is_locale_date():
            shown = (self.get("date-parts") or "year-month-day").split("-")
        else:
            shown = [part.get("name") for part in self.iterchildren()]

        def key(date):
            year = date.get("year")
            if not isinstance(year, int):
                return "00000"
            month, day = date.get("month", 0), date.get("day", 0)
            return "{:05}{:02}{:02}".format(year + 10000, month if "month" in shown and isinstance(month, int) else 0,
                                            day if "day" in shown and isinstance(day, int) else 0)

        if isinstance(value, DateRange):
            if value.end.is_nil():
                return String(key(value.begin))
            return String(key(value.begin) + "-" + key(value.end))
        return String(key(value))


class Names(model.Names):
    def _substituted(self, item, context) -> list[str]:
        """Fix: a name variable that cs:substitute has printed in place of the author is
        suppressed in the rest of the entry (CSL 1.0.2: "Substituted variables are suppressed
        in the rest of the output to prevent duplication"). citeproc-py records it but only
        cs:text checks; an edited book printed its editors twice in APA. Returns the roles of
        this cs:names that are suppressed so (as the entry stores them)."""
        try:
            repressed = (context if context is not None else self).get_layout().repressed.get(self.tag)
        except (AttributeError, IndexError):
            return []
        if not repressed:
            return []
        done = {role for variables in repressed if variables for role in variables.split()}
        return [role.replace("-", "_") for role in self.get("variable", "").split()
                if role in done and role.replace("-", "_") in item.reference]

    def process(self, item, names_context=None, context=None, **kwargs):
        """Fix (cause 17): subsequent-author-substitute with the rule "complete-all".

        CSL 1.0.2: "when all names of the name variable match those in the preceding
        bibliographic entry, the value of subsequent-author-substitute replaces the entire
        name list (including punctuation and terms like "et al" and "and"), except for the
        affixes set on the cs:names element." "Substitution is limited to the names of the
        first cs:names element rendered." Replacing the names here, where they are rendered,
        keeps what follows them: MLA's "———. “Title.”", where "et al." had absorbed the period.
        All names must match, those hidden by "et al." too (as pandoc and citeproc-js compare).
        """
        suppressed = self._substituted(item, context)
        hidden = {}
        if suppressed:
            present = [role for role in self.get("variable", "").split() if role.replace("-", "_") in item.reference]
            if len(suppressed) >= len(present):
                raise model.VariableError
            # Fix: only the substituted roles go; the others print alone ("J. Doe, Trans.",
            # not "J. Doe, Ed. & Trans." after the editor stood in for the author: pandoc and
            # citeproc-js in APA).
            reference = item.reference
            hidden = {role: dict.pop(reference, role) for role in suppressed}
        try:
            text = super().process(item, names_context=names_context, context=context, **kwargs)
        finally:
            for role, value in hidden.items():
                dict.__setitem__(item.reference, role, value)
        if text is not None and kwargs.get("sort_options") is None:
            try:
                layout = (context if context is not None else self).get_layout()
            except IndexError:
                layout = None
            if layout is not None and getattr(layout, "first_names", "") is None:
                reference = item.reference
                every_name = tuple(tuple(sorted((key, str(value)) for key, value in name.items()))
                                   for role in self.get("variable", "").split() if role in reference
                                   for name in reference[role] or ())
                layout.first_names = (str(text), every_name)
                substitute = getattr(layout, "substitute_names", None)
                if substitute is not None and layout.first_names == layout.previous_names:
                    return String(substitute)
        return text


class FullGiven(str):
    """A given name that disambiguation shows in full: ``Name.initialize`` leaves it whole."""


_HYPHEN_PART = re.compile(r"(?<=\w)-(\w+)")


def _drop_lower_hyphen_parts(given: str) -> str:
    """"Ji-ho" -> "Ji"; "Jean-Émile" and "Yu-Gang" stay."""
    return _HYPHEN_PART.sub(lambda m: "" if m.group(1)[0].islower() else m.group(0), given)


# Scripts written family name first with no space: Han, kana, Hangul (CSL 1.0.2's "毛泽东").
# Ranges compared directly: the equivalent character class took ~3 ms to compile at every start.
UNSPACED_RANGES = (("\u1100", "\u11ff"), ("\u3040", "\u30ff"), ("\u3130", "\u318f"), ("\u3400", "\u4dbf"),
                   ("\u4e00", "\u9fff"), ("\uac00", "\ud7af"), ("\uf900", "\ufaff"), ("\U00020000", "\U0002ffff"))
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]\.?$")


def _spaced_initials(word: str, period: str) -> str:
    """"A.B." or "C" (initials) -> "A. B.", "C." with the style's period; other words as they are."""
    if not _INITIALS.match(word) or not word[0].isupper() or (len(word) > 1 and "." not in word):
        return word
    return " ".join(letter + period for letter in word.replace(".", ""))


# Two marks in a row inside a family name ("Tak??"): data the seam rules must not merge.
_MARKS_PAIR = re.compile(r"[.,;:!?][.,;:!?]")


def _unspaced(text: str) -> bool:
    """Every letter of ``text``, and at least one, is of a script in ``UNSPACED_RANGES``."""
    found = False
    for c in text:
        if c.isalpha():
            if c < "\u1100" or not any(low <= c <= high for low, high in UNSPACED_RANGES):
                return False
            found = True
    return found


class Name(model.Name):
    def get_option(self, name, context=None, sort_options=None):
        """Fix (cause 3, initialize="false"): given names stay whole where the style says so.

        citeproc-py ignores the attribute: "Andersson, M." where Chicago and MLA print
        "Andersson, Maja". Fix (cause 5): while sorting, a "sort-only" particle is demoted
        ("Berg, Jan van der" files under B) and the "and" connector is not part of the key.
        Names sort as the macro renders them, initials included (CSL 1.0.2: a macro's sort key
        "generally consists of the string value the macro would ordinarily generate"), as
        citeproc-js sorts; pandoc sorts APA by full given names. Disambiguation may override an option for one entry (``option_overrides``), and so may
        a list ending in "others" (``others_cut``).
        """
        cut = self.__dict__.get("others_cut")
        if cut and name in cut:
            return cut[name]
        overrides = self.__dict__.get("option_overrides")
        if overrides and name in overrides and sort_options is None:
            return overrides[name]
        if name == "initialize-with" and self.get("initialize", "true").lower() == "false":
            return None
        value = super().get_option(name, context, sort_options)
        if sort_options is not None:
            if name == "demote-non-dropping-particle" and value == "sort-only":
                return "display-and-sort"
            if name == "and":
                return None
        return value

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        """Records the names a cite shows (for disambiguation) and shows in a bibliography
        entry what disambiguation added to its names (``disambiguate``)."""
        self._sorting = sort_options is not None
        marks = item.__dict__
        added = marks.get("names_added") if not self._sorting else None
        restore = None
        try:
            self._cut_others(item.reference.get(variable) or [], context, sort_options)
            if not self._sorting and "names_seen" in marks and marks["names_seen"] is None:
                marks["names_seen"] = self._names_seen(item, variable, context)
            if added is not None and added.variable == variable:
                restore = self._show_added(item, variable, context, added)
            shown = self._as_displayed(item.reference.get(variable) or [], context, sort_options)
            if shown is not None:
                restore = item.reference[variable] if restore is None else restore
                item.reference[variable] = shown
            return super().process(item, variable, context=context, sort_options=sort_options, **kwargs)
        finally:
            self._sorting = False
            self.__dict__.pop("others_cut", None)
            if restore is not None:
                item.reference[variable] = restore
                self.__dict__.pop("option_overrides", None)

    def _as_displayed(self, names, context, sort_options=None):
        """The names as this cs:name shows them, where that differs from the data (else None).

        Fix: a name in a script without given-family order (Chinese, Japanese, Korean) is
        printed family then given, unseparated and never initialised: CSL 1.0.2, name-part
        order: "毛泽东" (citeproc-js prints 张伟 where citeproc-py printed "张,. 伟." or "伟. 张").
        Fix: with ``initialize="false"``, a bare initial still gets ``initialize-with``:
        CSL 1.0.2: "the value of "initialize-with" is still added after initials present in
        the full name (e.g. with initialize set to "false", initialize-with set to ".", and the
        given name "James T", "James T." is rendered)" (Chicago's "Adams, Nancy K.").
        """
        mark = None
        if self.get("initialize", "true").lower() == "false":
            mark = super().get_option("initialize-with", context)
        inverted = self.get_option("name-as-sort-order", context, sort_options) if self._sorting else \
            self.get_option("name-as-sort-order", context)
        out, changed = [], False
        for index, name in enumerate(names):
            suffix = name.get("suffix")
            if suffix and str(suffix).startswith(COMMA_SUFFIX) and (inverted == "all" or (inverted == "first" and index == 0)):
                # a "comma-suffix" sets the suffix off in given-first order only; inverted,
                # the sort-separator does ("Gates B III" in Vancouver, both engines)
                name = name.__class__.__new__(name.__class__)
                dict.update(name, names[index])
                dict.__setitem__(name, "suffix", str(suffix)[1:])
                changed = True
            family, given = name.get("family"), name.get("given")
            if family and _unspaced(str(family) + str(given or "")):
                copy = name.__class__.__new__(name.__class__)
                dict.update(copy, {"literal": str(family) + str(given or "")})
                out.append(copy)
                changed = True
                continue
            if family and not self._sorting and _MARKS_PAIR.search(str(family)):
                # marked as a text variable's value is: printed as typed, as both engines print it
                copy = name.__class__.__new__(name.__class__)
                dict.update(copy, name)
                dict.__setitem__(copy, "family", VAR_START + str(family) + VAR_END)
                name = copy
                changed = True
            shown = str(given) if given else ""
            if mark:  # "A.B. C" -> "A. B. C." (pandoc and citeproc-js)
                shown = " ".join(_spaced_initials(word, mark.strip()) for word in shown.split())
            if given and shown != str(given):
                copy = name.__class__.__new__(name.__class__)
                dict.update(copy, name)
                dict.__setitem__(copy, "given", shown)
                out.append(copy)
                changed = True
                continue
            out.append(name)
        return out if changed else None

    def _cut_others(self, names, context, sort_options) -> None:
        """Fix: a list ending in the literal name "others" (BibTeX's ``and others``) ends in
        the style's "et al." term, as pandoc renders it, where citeproc-py printed "and others".

        pandoc's citeproc counts "others" as a name: a list long enough for the style's
        et-al-min is abbreviated as usual; a shorter one shows every real name and then
        "et al.", with the delimiter rules of et-al abbreviation ("Huang, C.-P., Chang, K.-P.,
        et al." but "Lee, A. et al." in APA); a style without et-al-min (ACM, Springer LNCS)
        prints "others" as a name. The same holds for CSL-JSON input (pandoc reads
        ``{"literal": "others"}`` so too); citeproc-js always prints it as a name. Elsewhere
        "others" stays a name, as in pandoc: disambiguation may add it ("and others") to an
        entry abbreviated by the style's own et-al-min.
        """
        self.__dict__.pop("others_cut", None)
        if not (len(names) > 1 and names[-1].get("literal") == "others"):
            return
        et_al_min = self.get_option("et-al-min", context, sort_options)
        if et_al_min and len(names) < et_al_min:
            self.__dict__["others_cut"] = {"et-al-min": len(names), "et-al-use-first": len(names) - 1,
                                           "et-al-use-last": False}

    def _names_seen(self, item, variable, context):
        form = self.get_option("form", context)
        if form == "count":
            return None
        names = item.reference.get(variable) or []
        et_al_min = self.get_option("et-al-min", context)
        use_first = self.get_option("et-al-use-first", context)
        truncated = len(names) > 1 and et_al_min and len(names) >= et_al_min
        initials = self.get_option("initialize-with", context) is not None
        base = 0 if form == "short" else INITIALS if initials else FULL
        return CiteNames(variable, min(use_first, len(names)) if truncated else len(names), base, initials)

    def _show_added(self, item, variable, context, added):
        """At least ``added.shown`` names, and the given names expanded in full where the
        cite needed them; returns the reference's own list of names, to put back after."""
        names = item.reference.get(variable) or []
        et_al_min = self.get_option("et-al-min", context)
        use_first = self.get_option("et-al-use-first", context)
        overrides = {}
        if len(names) > 1 and et_al_min and len(names) >= et_al_min and use_first < added.shown:
            overrides = {"et-al-min": 0} if added.shown >= len(names) else {"et-al-use-first": added.shown}
        self.__dict__["option_overrides"] = overrides
        shown = list(names)
        for position, level in added.expanded.items():
            if level >= FULL and position < len(shown) and shown[position].get("given"):
                name = shown[position]
                copy = name.__class__.__new__(name.__class__)
                dict.update(copy, name)
                dict.__setitem__(copy, "given", FullGiven(name["given"]))
                shown[position] = copy
        item.reference[variable] = shown
        return names

    def et_al(self):
        """Fix (cause 5): "et al." is not part of a sort key."""
        if getattr(self, "_sorting", False):
            return None
        return super().et_al()

    def initialize(self, given, mark, context):
        """Fix (cause 10): a lower-case part of a hyphenated given name is dropped, not mangled.

        citeproc-py turned "Ji-ho" into "J.-. ho ." (and "J ho" in NLM); pandoc gives "J.".
        A given name that disambiguation shows in full (``FullGiven``) stays whole.
        """
        if isinstance(given, FullGiven):
            return given
        given = _drop_lower_hyphen_parts(given)
        hyphen = str(self.get_option("initialize-with-hyphen", context)).lower() != "false"
        parts = given.split("-") if hyphen else [given.replace("-", " ")]
        out = []
        for part in parts:
            # Fix: a lower-case word is kept as it is, with nothing added ("with
            # contributions from C.", "many"): citeproc-py added the mark before and after
            # it ("with. contributions. from C."); pandoc and citeproc-js keep it whole.
            words = [word[0] + mark if word[0].isupper() else " " + word + " "
                     for word in part.replace(".", " ").split()]
            out.append(" ".join("".join(words).split()))
        return "-".join(out)
