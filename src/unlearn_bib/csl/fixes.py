"""Where citeproc-py 0.11.1 departs from CSL 1.0.2 (and from pandoc's citeproc), corrected.

Each fix is small and pinned by a test in tests/test_citations_fixes.py. Here: the element
classes, subclasses of citeproc-py's CSL element classes (or a mixin put in front of one),
which ``element_classes()`` hands to the style loader (``engine``; citeproc-py
itself is never modified), the locale loader they use and the year-suffix
pass. The text rules they rely on, and the input (``prepare``) and output (``finish``)
corrections, are in ``text``.

The cause numbers in the docstrings refer to the root causes measured against pandoc.
"""
from __future__ import annotations

import re
from pathlib import Path

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import MixedString, String

from unlearn_bib.csl.items import item_class
from unlearn_bib.csl.workers import map_slices
from unlearn_bib.csl.text import (
    QUOTE_END, QUOTE_START, VAR_END, VAR_START, WORD_RULES, ZERO_WIDTH, change_case, collation_key, last_page,
)



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
        names of an entry equal to the previous entry's are replaced ("complete-all").
        """
        bibliography = self.getparent()
        aligned = bibliography.get("second-field-align") in ("flush", "margin")
        substitute = bibliography.get("subsequent-author-substitute")
        if bibliography.get("subsequent-author-substitute-rule", "complete-all") != "complete-all":
            substitute = None  # the per-name rules are not implemented: print the names
        first_child = next(self.iterchildren(), None)
        previous_names = None
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
            text = str(body) if body is not None else None
            if text is not None and label and text.startswith(str(label)):
                rest = text[len(str(label)):].lstrip()
                text = str(label) + " " + rest if rest else text
            if text is not None and substitute is not None:
                names = self.first_names
                if names and names == previous_names and names in text:
                    text = text.replace(names, substitute, 1)
                previous_names = names
            if text is not None:
                text = self.format(self.wrap(String(text)))
            out.append(str(text) if text is not None else "")
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
    def process(self, item, names_context=None, context=None, **kwargs):
        text = super().process(item, names_context=names_context, context=context, **kwargs)
        if text is not None and kwargs.get("sort_options") is None:
            try:
                layout = (context if context is not None else self).get_layout()
            except IndexError:
                layout = None
            if layout is not None and getattr(layout, "first_names", "") is None:
                layout.first_names = str(text)
        return text


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
        """
        if name == "initialize-with" and self.get("initialize", "true").lower() == "false":
            return None
        if name == "initialize-with" and sort_options is not None and "initialize-with" not in sort_options:
            # pandoc builds sort keys with the name options of cs:name and cs:bibliography
            # only: an initialize-with inherited from cs:style (APA) sorts by full names.
            parent = (context if context is not None else self).xpath_search(
                "./ancestor::*[self::cs:citation or self::cs:bibliography][1]")
            return self.get(name, parent[0].get(name) if parent else None)
        value = super().get_option(name, context, sort_options)
        if sort_options is not None:
            if name == "demote-non-dropping-particle" and value == "sort-only":
                return "display-and-sort"
            if name == "and":
                return None
        return value

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        self._sorting = sort_options is not None
        try:
            return super().process(item, variable, context=context, sort_options=sort_options, **kwargs)
        finally:
            self._sorting = False

    def et_al(self):
        """Fix (cause 5): "et al." is not part of a sort key."""
        if getattr(self, "_sorting", False):
            return None
        return super().et_al()

    def initialize(self, given, mark, context):
        """Fix (cause 10): a lower-case part of a hyphenated given name is dropped, not mangled.

        citeproc-py turned "Ji-ho" into "J.-. ho ." (and "J ho" in NLM); pandoc gives "J.".
        """
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
        """Fix: citeproc-py ignores ``disambiguate="true"``, so the branch always renders.

        The condition holds only for a cite that no other method could disambiguate; we
        disambiguate by year-suffix alone and never in the bibliography, so it is false.
        """
        tests, position, match, disambiguate = self._plan()
        results = [False] if disambiguate else []
        for test in tests:
            results += test(item)
        if position:
            results += self._position(item, context)
        holds = any(results) if match == "any" else (not any(results)) if match == "none" else all(results)
        if not holds:
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

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


class Else_If(ConditionMixin, model.Else_If):
    pass


def element_classes() -> dict[str, type]:
    classes = (Style, Layout, Text, Number, Label, Date_Part, Name_Part, Date, Names, Name, Sort, If, Else_If)
    return {cls.__name__.replace("_", "-").lower(): cls for cls in classes}


# --- year suffixes (cause 9) -----------------------------------------------------------------------

def assign_year_suffixes(style, bibliography) -> None:
    """Give "a", "b", ... to entries whose first citations would read alike (CSL 1.0.2
    disambiguate-add-year-suffix), in bibliography order. citeproc-py has no disambiguation.

    Cites count as alike when their rendered text is equal and, where the style may add
    names or given names to tell them apart, when those names are equal too.
    """
    from citeproc import Citation

    citation = style.root.citation
    if citation is None or citation.get("disambiguate-add-year-suffix", "false") != "true":
        return
    add_names = citation.get("disambiguate-add-names", "false") == "true"
    add_given = citation.get("disambiguate-add-givenname", "false") == "true"
    rule = citation.get("givenname-disambiguation-rule", "by-cite")
    et_al_min = int(citation.get("et-al-min", style.root.get("et-al-min", "0")) or 0)
    use_first = int(citation.get("et-al-use-first", style.root.get("et-al-use-first", "1")) or 1)

    def cite_texts(chunk):  # the first cite of each entry, as text (in forked slices when long)
        texts = []
        for item in chunk:
            cite = Citation([item_class()(item.key)])
            cite.bibliography = bibliography
            cite.cites[0].pin()
            try:
                text = str(bibliography.cite(cite, lambda _: None))
            except Exception:  # noqa: BLE001 - a cite citeproc-py cannot render cannot be ambiguous
                texts.append(None)
                continue
            texts.append("".join(c for c in text if c not in ZERO_WIDTH))
        return texts

    groups: dict[tuple, list] = {}
    for item, text in zip(bibliography.items, map_slices(cite_texts, bibliography.items)):
        if text is None:
            continue
        reference = item.reference
        names = [tuple(str(p or "") for p in n.parts()) for n in reference.get("author", []) or []]
        shown = names if not (et_al_min and len(names) >= et_al_min) else names[:use_first]
        key = (text,)
        if add_names:  # names hidden by et-al may be added: their family names tell cites apart
            key += (tuple(name[1:4] for name in names),)
        if add_given:
            key += (tuple(_given_for_disambiguation(shown, rule)),)
        groups.setdefault(key, []).append(item)
    bibliography._cites.clear()
    for members in groups.values():
        if len(members) < 2:
            continue
        for index, item in enumerate(members):
            item.reference["year_suffix"] = String(_suffix(index))


def _given_for_disambiguation(names: list[tuple], rule: str) -> list[str]:
    """The given names the style may show to tell cites apart (givenname-disambiguation-rule)."""
    out = []
    for index, name in enumerate(names):
        given = name[0]
        if rule.startswith("primary-name") and index > 0:
            given = ""
        if rule.endswith("with-initials"):
            given = "".join(part[0] for part in re.split(r"[\s.\-]+", given) if part)
        out.append(given)
    return out


def _suffix(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = letters[rest] + out
    return out

