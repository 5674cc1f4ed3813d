"""Where citeproc-py 0.11.1 departs from CSL 1.0.2 (and from pandoc's citeproc), corrected.

Each fix is small and pinned by a test in tests/test_citations_fixes.py. Here: the element
classes, subclasses of citeproc-py's CSL element classes (or a mixin put in front of one),
which ``element_classes()`` hands to the style loader (``engine``; citeproc-py
itself is never modified) and the locale loader they use; disambiguation is in
``disambiguate``. The text rules they rely on, and the input (``prepare``) and output (``finish``)
corrections, are in ``text``.

The cause numbers in the docstrings refer to the root causes measured against pandoc.
"""
from __future__ import annotations

import re
from pathlib import Path

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import MixedString, String

from unlearn_bib.csl.items import FULL, INITIALS, CiteNames
from unlearn_bib.csl.text import (
    QUOTE_END, QUOTE_START, VAR_END, VAR_START, WORD_RULES, change_case, collation_key, last_page,
)
from unlearn_bib.csl.workers import map_slices



# --- locales ---------------------------------------------------------------------------------

class Style(model.Style):
    def set_locale_list(self, output_locale, validate=False):
        """citeproc-py's locale search order, with locale files parsed by our element classes."""
        from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

        parser = self.getroottree().parser  # the style's: our element classes, memoised or not
        self.locales = []
        added = set()

        def in_style(lang):
            expr = f'./cs:locale[@xml:lang="{lang}"]' if lang else "./cs:locale[not(@xml:lang)]"
            self.locales.extend(self.xpath_search(expr)[:1])

        def system(lang):
            if lang not in added:
                self.locales.append(load_locale(lang, parser))
                added.add(lang)

        language = output_locale.split("-")[0]
        in_style(output_locale)
        in_style(language)
        in_style(None)
        if output_locale in LANGUAGE_NAMES:
            system(output_locale)
        if language in PRIMARY_DIALECTS:
            system(PRIMARY_DIALECTS[language])
        system("en-US")
        for locale in self.locales:
            locale.style = self


def load_locale(language: str, parser):
    """A system locale file of citeproc-py, parsed with ``parser`` (the style's own, so with our
    element classes).

    Not shared between styles: a locale element points back to its style.
    """
    from citeproc import LOCALES_PATH
    from lxml import etree

    path = Path(LOCALES_PATH) / f"locales-{language}.xml"
    if not path.is_file():
        raise ValueError(f"{language!r} is not a known locale")
    return etree.parse(str(path), parser).getroot()


# --- the bibliography layout -----------------------------------------------------------------

class Layout(model.Layout):
    def render_entries(self, citation_items):
        """One text per item, in order ("" for an entry that renders empty).

        Fix (cause 1, left margin): with ``second-field-align`` the first field (the "[1]"
        label) is set apart from the rest; citeproc-py runs them together ("[1]C. Gong").
        Like pandoc and citeproc-js in plain text, one space goes between them.

        Fix (cause 17, subsequent-author-substitute): citeproc-py ignores the option; the
        names of an entry equal to the previous entry's are replaced ("complete-all"), by
        ``Names.process`` as they are rendered.
        """
        bibliography = self.getparent()
        aligned = bibliography.get("second-field-align") in ("flush", "margin")
        substitute = bibliography.get("subsequent-author-substitute")
        if bibliography.get("subsequent-author-substitute-rule", "complete-all") != "complete-all":
            substitute = None  # the per-name rules are not implemented: print the names
        first_child = next(self.iterchildren(), None)
        self.substitute_names = substitute
        self.previous_names = None
        out = []
        for item in citation_items:
            label = None
            if aligned and first_child is not None:
                self.repressed = {}
                try:
                    label = first_child.render(item)
                except VariableError:
                    label = None
            self.repressed = {}
            self.first_names = None
            if item.reference.get("year_suffix") and not has_explicit_year_suffix(self.get_root()):
                item.reference["implicit_year_suffix"] = True
            body = self.render_children(item)
            item.reference.pop("implicit_year_suffix", None)
            self.previous_names = self.first_names
            text = str(body) if body is not None else None
            if text is not None and label and text.startswith(str(label)):
                rest = text[len(str(label)):].lstrip()
                text = str(label) + " " + rest if rest else text
            if text is not None:
                text = self.format(self.wrap(String(text)))
            out.append(str(text) if text is not None else "")
        # nothing of this list is kept on the (long-lived) style tree
        self.substitute_names = self.previous_names = self.first_names = None
        return out


def has_explicit_year_suffix(root) -> bool:
    cached = getattr(root, "_explicit_year_suffix", None)
    if cached is None:
        cached = bool(root.xpath_search('.//cs:text[@variable="year-suffix"]'))
        root._explicit_year_suffix = cached
    return cached


class CaseMixin:
    def case(self, text, language=None):
        """Fix (causes 6, 12, 13): text-case as CSL 1.0.2 and pandoc apply it.

        Title case capitalises the parts of hyphenated words ("Text-to-Image") and the last
        word, and starts a new sentence after ".", "?", "!" and ":"; no case changes a word
        with inner capitals ("arXiv"); other punctuation ("(", "#") does not end a word; a
        label's text-case works too (citeproc-py skips title case without a language).
        """
        text_case = self.get("text-case")
        if text_case is None or text is None:
            return text
        if language is None:
            language = (self.get_root().get("default-locale") or "en")[:2]
        if text_case == "title" and language != "en":
            return text
        if text_case not in WORD_RULES and text_case not in ("lowercase", "uppercase"):
            return text
        return change_case(text, text_case)


# --- page ranges (cause 16) --------------------------------------------------------------------

class PageRangeMixin:
    def _format_last_page(self, first, last):
        """Fix (cause 16): minimal-two gave "1–5" for 1–45; chicago-16 was chicago-15."""
        return last_page(str(first), str(last), self.get_root().get_option("page-range-format"))


# --- text, names, dates --------------------------------------------------------------------------

class Text(CaseMixin, PageRangeMixin, model.Text):
    def quote(self, string):
        """Mark a generated quotation's ends, for punctuation-in-quote and flip-flop (``finish``)."""
        if self.get("quotes", "false").lower() == "true":
            opening = self.get_single_term(name="open-quote")
            closing = self.get_single_term(name="close-quote")
            return opening + String(QUOTE_START) + string + closing + String(QUOTE_END)
        return string

    def _variable(self, item, context):
        """Mark a text variable's value: punctuation inside it is data, not a seam (``finish``)."""
        text = super()._variable(item, context)
        variable = self.get("variable")
        if isinstance(text, (String, MixedString)) and str(text) and variable not in ("citation-number", "locator") \
                and not variable.startswith("page"):
            return String(VAR_START) + text + String(VAR_END)
        return text

    def process(self, item, context=None, sort_options=None, **kwargs):
        """Fix (cause 5): a macro called from a sort key keeps the sort options (name order).

        Also reads the entry's language without an exception per call (citeproc-py raises
        and catches two for every cs:text of an entry that has no language).
        """
        if context is None:
            context = self
        language = item.reference.get("language")
        language = language[:2] if language is not None else self.get_root().get("default-locale", "en")[:2]
        attrib = self.attrib
        if "variable" in attrib:
            text = self._variable(item, context)
        elif "macro" in attrib:
            macro = self.get_macro(self.get("macro"))
            text = macro.render(item, context) if sort_options is None else macro.render(item, context, sort_options)
        elif "term" in attrib:
            text = self._term(item)
        elif "value" in attrib:
            text = String(self.preformat(self.get("value")))
        else:  # citeproc-py's own failure for a cs:text with nothing to print
            return super().process(item, context=context, **kwargs)
        return text, language


class Number(CaseMixin, PageRangeMixin, model.Number):
    pass


class Label(CaseMixin, model.Label):
    pass


class Date_Part(CaseMixin, model.Date_Part):
    pass


class Name_Part(CaseMixin, model.Name_Part):
    pass


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
        if hasattr(last, "lstrip"):  # "May 1–9", not "May 1– 9" (the day's prefix)
            last = last.lstrip()
        ranged = first.rstrip() + "\u2013" + last
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
        """Implicit year-suffix (CSL 1.0.2): appended to the first rendered year of ``issued``
        when the style has no ``year-suffix`` variable of its own."""
        text = super().process(item, variable=variable, show_parts=show_parts, context=context, **kwargs)
        reference = item.reference
        if text is not None and reference.get("implicit_year_suffix") and (variable or self.get("variable")) == "issued":
            reference.pop("implicit_year_suffix")
            text = text + String(str(reference["year_suffix"]))
        return text


class Names(model.Names):
    def _substituted(self, item, context) -> bool:
        """Fix: a name variable that cs:substitute has printed in place of the author is
        suppressed in the rest of the entry (CSL 1.0.2: "Substituted variables are suppressed
        in the rest of the output to prevent duplication"). citeproc-py records it but only
        cs:text checks; an edited book printed its editors twice in APA."""
        try:
            repressed = (context if context is not None else self).get_layout().repressed.get(self.tag)
        except (AttributeError, IndexError):
            return False
        if not repressed:
            return False
        done = {role for variables in repressed if variables for role in variables.split()}
        present = [role for role in self.get("variable", "").split() if role.replace("-", "_") in item.reference]
        return bool(present) and all(role in done for role in present)

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
        if self._substituted(item, context):
            raise model.VariableError
        text = super().process(item, names_context=names_context, context=context, **kwargs)
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


class Name(model.Name):
    def get_option(self, name, context=None, sort_options=None):
        """Fix (cause 3, initialize="false"): given names stay whole where the style says so.

        citeproc-py ignores the attribute: "Andersson, M." where Chicago and MLA print
        "Andersson, Maja". Fix (cause 5): while sorting, a "sort-only" particle is demoted
        ("Berg, Jan van der" files under B) and the "and" connector is not part of the key.
        Names sort as the macro renders them, initials included (CSL 1.0.2: a macro's sort key
        "generally consists of the string value the macro would ordinarily generate"), as
        citeproc-js sorts; pandoc sorts APA by full given names. Disambiguation may override an option for one entry (``option_overrides``).
        """
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
            if not self._sorting and "names_seen" in marks and marks["names_seen"] is None:
                marks["names_seen"] = self._names_seen(item, variable, context)
            if added is not None and added.variable == variable:
                restore = self._show_added(item, variable, context, added)
            return super().process(item, variable, context=context, sort_options=sort_options, **kwargs)
        finally:
            self._sorting = False
            if restore is not None:
                item.reference[variable] = restore
                self.__dict__.pop("option_overrides", None)

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
        return super().initialize(_drop_lower_hyphen_parts(given), mark, context)


class Sort(model.Sort):
    def sort(self, items, context):
        """Fix (cause 5): Unicode-aware comparison (Đặng with D, Żak with Z), numbers as numbers."""
        elements = self.findall("cs:key", self.nsmap)
        if not elements or len(items) < 2:  # e.g. the one cite of a citation: nothing to order
            return list(items)
        descending = [key.get("sort", "ascending").lower() == "descending" for key in elements]

        def sortable(chunk):
            # Per entry and key: None (empty) or (its number or None, its collation key),
            # worked out once here rather than at each of the n log n comparisons.
            columns = [key.sort_keys(chunk, context) for key in elements]
            return [tuple(None if value is None else (_as_int(value), collation_key(value))
                          for value in (column[index] for column in columns))
                    for index in range(len(chunk))]

        rows = map_slices(sortable, items)

        def compare(i, j):
            for left, right, desc in zip(rows[i], rows[j], descending):
                if left is None or right is None:
                    result = (left is None) - (right is None)  # empty keys last, either direction
                    if result:
                        return result
                    continue
                a, b = left[0], right[0]
                if a is None or b is None:  # unless both are numbers, compare as text
                    a, b = left[1], right[1]
                result = (a > b) - (a < b)
                if result:
                    return -result if desc else result
            return 0

        from functools import cmp_to_key

        order = sorted(range(len(items)), key=cmp_to_key(compare))
        return [items[i] for i in order]


def _as_int(value):
    """The number a sort key holds ("2024", "12"), or None."""
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


# --- conditions ------------------------------------------------------------------------------------

class ConditionMixin:
    """cs:if and cs:else-if, evaluated from a plan worked out once per element.

    citeproc-py re-reads up to seven attributes and re-splits the type and variable lists at
    every test; a style like APA runs about a hundred tests per entry.
    """

    _TESTS = (("type", "_type"), ("variable", "_variable"), ("is-numeric", "_is_numeric"),
              ("is-uncertain-date", "_is_uncertain_date"), ("locator", "_locator"))

    def _plan(self):
        plan = self.__dict__.get("_condition_plan")
        if plan is None:
            attrib = self.attrib
            tests = tuple(getattr(self, method) for attribute, method in self._TESTS if attribute in attrib)
            plan = self.__dict__["_condition_plan"] = (
                tests, "position" in attrib, self.get("match"), "disambiguate" in attrib)
        return plan

    def render(self, item, context=None, delimiter="", **kwargs):
        if not self.holds(item, context):
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def holds(self, item, context=None) -> bool:
        """Fix: citeproc-py ignores ``disambiguate="true"``, so the branch always renders.

        CSL 1.0.2: "When set to "true" (the only allowed value), the element content is only
        rendered if it disambiguates two otherwise identical citations": true only while
        ``disambiguate`` renders a cite that names could not tell apart.
        """
        tests, position, match, disambiguate = self._plan()
        results = [bool(item.__dict__.get("disambiguate_condition"))] if disambiguate else []
        for test in tests:
            results += test(item)
        if position:
            results += self._position(item, context)
        return any(results) if match == "any" else (not any(results)) if match == "none" else all(results)

    def _type(self, item):
        types = self.__dict__.get("_types")
        if types is None:
            types = self.__dict__["_types"] = tuple(name.lower() for name in self.get("type").split())
        kind = item.reference.type
        return [name == kind for name in types]

    def _variable(self, item):
        names = self.__dict__.get("_variables")
        if names is None:
            names = self.__dict__["_variables"] = tuple(v.replace("-", "_") for v in self.get("variable").split())
        reference = item.reference
        return [("locator" in item) if name == "locator" else (name in reference) for name in names]


class If(ConditionMixin, model.If):
    pass


class Group(model.Group):
    """Fix: citeproc-py counts a cs:choose as calling (and rendering) a variable when ANY of
    its branches calls one. CSL 1.0.2 counts the variables the group's rendering calls: those
    of the branch taken. (APA's thesis ``(Publication)`` is a value in the branch taken, next
    to an empty ``number``: the group is suppressed; IEEE's ``[Online]`` is a term in the
    branch taken, beside a ``medium`` branch not taken: the group calls no variable and shows.)"""

    def process(self, item, context=None, **kwargs):
        output = []
        called = rendered = False
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            if isinstance(child, model.Choose):
                branch = _taken_branch(child, item, context)
                calls = branch is not None and branch.calls_variable()
            else:
                calls = child.calls_variable()
            called = called or calls
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
                if text is not None:
                    output.append(text)
                    rendered = rendered or calls
            except model.VariableError:
                pass
        if output and (not called or rendered):
            return self.join(output)
        raise model.VariableError


class Substitute(model.Substitute):
    """Fix: the children of a cs:choose inside cs:substitute are substitutes too (Chicago's
    editors: ``<choose><if ...><names variable="editor"/>``). citeproc-py rendered the choose
    as one block: without the cs:names' own cs:name and label ("C. Ed." for "Ed, Carl, ed.")
    and without suppressing the editor later in the entry."""

    def render(self, item, context=None, **kwargs):
        names = self.getparent()
        for child in _substitutes(self, item, context):
            try:
                if isinstance(child, model.Names) and child.name is None:
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                continue
            if text:
                self.add_to_repressed_list(child, context)
                return text
        return None


def _substitutes(parent, item, context):
    """The children of ``parent``, with each cs:choose replaced by the children of its branch taken."""
    for child in parent.iterchildren():
        if isinstance(child, model.Choose):
            branch = _taken_branch(child, item, context)
            if branch is not None:
                yield from _substitutes(branch, item, context)
        else:
            yield child


def _taken_branch(choose, item, context):
    """The cs:if / cs:else-if / cs:else of ``choose`` that renders for ``item`` (None: none)."""
    for branch in choose.iterchildren():
        if not isinstance(branch, ConditionMixin) or branch.holds(item, context):
            return branch
    return None


class Else_If(ConditionMixin, model.Else_If):
    pass


def element_classes() -> dict[str, type]:
    classes = (Style, Layout, Text, Number, Label, Date_Part, Name_Part, Date, Names, Name, Sort, If, Else_If, Group,
               Substitute)
    return {cls.__name__.replace("_", "-").lower(): cls for cls in classes}
