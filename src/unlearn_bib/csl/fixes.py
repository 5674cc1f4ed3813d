"""Where citeproc-py 0.11.1 departs from CSL 1.0.2 (and from pandoc's citeproc), corrected.

Each fix is small and pinned by a test in tests/test_citations_fixes.py. Here: the style and
its locales, the bibliography layout, text-case and page ranges, cs:text, sorting, and
``element_classes()``, the corrected element classes (subclasses of citeproc-py's, or a mixin
put in front of one) that the style loader (``engine``) uses; citeproc-py itself is never
modified. The name and date elements are in ``names_dates``, cs:choose/group/substitute in
``conditions``, disambiguation in ``disambiguate``; the text rules they rely on are in
``text``, the input (``prepare``) and output (``finish``) corrections in ``correct``.

The cause numbers in the docstrings refer to the root causes measured against pandoc.
"""
from __future__ import annotations

import re
from pathlib import Path

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import MixedString, String

from unlearn_bib.csl.conditions import Choose, Else_If, Group, If, Macro, Substitute
from unlearn_bib.csl.names_dates import Date, Name, Names
from unlearn_bib.csl.text import (
    QUOTE_END, QUOTE_START, VAR_END, VAR_START, WORD_RULES, change_case, collation_key, keeps_hyphen, last_page,
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


# --- terms ---------------------------------------------------------------------------------------

_TERM_FALLBACK = {"verb-short": "verb", "verb": None, "symbol": "short", "short": None}


class TermFallbackMixin:
    """Fix: CSL 1.0.2, terms: "If a style uses a term in a form that is undefined, there is a
    fallback to other forms: "verb-short" first falls back to "verb", "symbol" first falls
    back to "short", and "verb" and "short" both fall back to "long"". citeproc-py printed
    nothing: APA's "by" before a reviewed author, IEEE's "Spring" (a season has no short form).
    Put in front of every element class by the style loader."""

    def get_term(self, name, form=None, fallback_locale=True, zero_padded=False):
        while True:
            try:
                term = super().get_term(name, form, fallback_locale, zero_padded)
            except IndexError:
                term = None
            if term is not None or form not in _TERM_FALLBACK:
                return term
            form = _TERM_FALLBACK[form]


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

    def _process(self, value, variable):
        """Fix: a page range that is not one of page numbers keeps its hyphen (``keeps_hyphen``)."""
        if variable == "page":
            ends = str(value).replace("\u2013", "-").split("-")
            if len(ends) == 2 and "," not in ends[1] and "&" not in ends[1] and "," not in ends[0] \
                    and "&" not in ends[0]:
                first, last = ends[0].strip(), ends[1].strip()
                if keeps_hyphen(first, last, self.get_root().get_option("page-range-format")):
                    return first + "-" + last
        return super()._process(value, variable)


# --- text, numbers, labels, date and name parts -------------------------------------------------

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
            # what String(VAR_START) + text + String(VAR_END) builds: the marks make no seam
            return MixedString([String(VAR_START), *(text if isinstance(text, MixedString) else (text,)),
                                String(VAR_END)])
        return text

    def process(self, item, context=None, sort_options=None, **kwargs):
        """Fix (cause 5): a macro called from a sort key keeps the sort options (name order).

        Also reads the entry's language without an exception per call (citeproc-py raises
        and catches two for every cs:text of an entry that has no language).
        """
        if context is None:
            context = self
        language = item.reference.get("language")
        # CSL 1.0.2: an item is English if "the value of its language field starts with the
        # "en" primary language tag": the tag's first subtag, in any case ("EN", "en-GB",
        # "en_US"), as pandoc reads it; not "eng" or "English".
        language = _primary_subtag(str(language)) if language is not None else \
            self.get_root().get("default-locale", "en")[:2]
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


def _primary_subtag(tag: str) -> str:
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()


class Number(CaseMixin, PageRangeMixin, model.Number):
    def process(self, item, context=None, **kwargs):
        """Fix: a hyphenated variable (``number-of-volumes``, ``number-of-pages``,
        ``chapter-number``, ``collection-number``) was looked up under its CSL name, which the
        entry stores with "_": cs:number printed nothing ("3 vols." was lost)."""
        variable = self.get("variable", "")
        if "-" in variable and variable != "page-first":
            return self._process(item.reference[variable.replace("-", "_")], variable)
        return super().process(item, context=context, **kwargs)


_MULTIPLE = re.compile(r"[^\W_]\S*\s*(?:[-\u2013\u2014,;&]|\band\b)\s*\S*[^\W_]")


class Label(CaseMixin, model.Label):
    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        """Fix: CSL 1.0.2, cs:label: "The term is only rendered if the selected variable is
        non-empty"; citeproc-py printed it anyway (ACS's "; p." after a book without pages).
        A cs:names passes its variable in, and has names.

        Fix: a name list's label is no part of a sort key (pandoc and citeproc-js: ACM's
        "Smith (Ed.) 1989" sorts with "Smith 2013", by date)."""
        if variable is not None and kwargs.get("sort_options") is not None:
            return None
        name = variable or self.get("variable", "")
        if variable is None and name != "locator" and name.replace("-", "_") not in item.reference:
            return None
        return super().process(item, variable=variable, plural=plural, context=context, **kwargs)

    def _is_plural(self, item):
        """Fix: a ``number-of-...`` count is read from the entry (citeproc-py looked in the cite
        and failed, dropping APA's "(Vols. 1–3)" and "3 vols." everywhere)."""
        variable = self.get("variable", "")
        if variable.startswith("number-of"):
            value = str(item.reference.get(variable.replace("-", "_"), "")).strip()
            return value.isdigit() and int(value) > 1
        if variable != "locator":
            # Fix: numbers are "multiple" when joined by a range or list separator (CSL 1.0.2:
            # "e.g. "1-3", "1 & 3" or "1, 3""); "3/4" (a double issue) and "02/2007" are one
            # number to pandoc and citeproc-js: "no. 3/4", not "nos. 3/4". The numbers need
            # not be digits: "pp. iii–xv" (roman numerals, both engines), "pp. S1–S3",
            # "pp. 10a–b" (pandoc, which counts any separator; citeproc-js keeps "10a-b").
            value = str(item.reference.get(variable.replace("-", "_"), ""))
            return _MULTIPLE.search(value) is not None
        return super()._is_plural(item)


class Date_Part(CaseMixin, model.Date_Part):
    def process(self, date, context=None):
        """Fix: a season where a numeric month is asked for prints nothing (citeproc-py failed)."""
        try:
            return super().process(date, context)
        except AssertionError:
            return None


class Name_Part(CaseMixin, model.Name_Part):
    pass


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


def element_classes() -> dict[str, type]:
    """The corrected element classes, by CSL element name, for the style loader."""
    classes = (Style, Layout, Text, Number, Label, Date_Part, Name_Part, Date, Names, Name, Sort, Choose, If, Else_If, Group,
               Substitute, Macro)
    return {cls.__name__.replace("_", "-").lower(): cls for cls in classes}
