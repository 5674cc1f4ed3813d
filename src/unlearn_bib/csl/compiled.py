"""A style's bibliography layout compiled once into Python closures: the same entries, faster.

citeproc-py renders an entry by walking the style's element tree, asking each element for
its attributes and building ``MixedString`` objects that re-join their pieces at every seam.
Here the layout's groups, cs:choose, macros and the cs:text elements of plain variables,
terms and values become closures over what the tree says (delimiters, affixes, formatting,
quotes, the variables a group needs) and produce a plain ``str`` with a flag saying whether
citeproc-py would have held it as a ``String``/``MixedString`` (which tidies a seam: a double
space or a doubled ".,;:!?" where two pieces meet) or as a plain ``str`` (which does not).
Every other element (names, dates, numbers, labels, a cs:text with text-case, ...) is rendered
by its own element class, as before; a cs:choose finds its branch as before
(``conditions.taken_branch``). A style is compiled or not once (``plan``): not when its
entries depend on each other (disambiguation, subsequent-author-substitute) or it was
loaded without the memoised look-ups. ``tests/test_csl_compiled.py`` compares the two paths
byte for byte.
"""
from __future__ import annotations

import os

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import MixedString, String

from unlearn_bib.csl.base import CSL_NS
from unlearn_bib.csl.compiled_names import compile_names
from unlearn_bib.csl.conditions import taken_branch, void_unless
from unlearn_bib.csl.seams import add, join, pair, seam, wrap
from unlearn_bib.csl.text import QUOTE_END, QUOTE_START, VAR_END, VAR_START

# Off with UNLEARN_BIB_COMPILED=0 (the tests switch it to compare the paths).
ENABLED = os.environ.get("UNLEARN_BIB_COMPILED", "1").strip() != "0"

_NO = object()  # a plan worked out: the style is not compiled
_ABSENT = object()  # a label's variable is absent: it prints nothing


# --- the compiler -----------------------------------------------------------------------------------

class _Compiler:
    def __init__(self, layout, formatter):
        self.layout = layout
        self.formatter = formatter
        self.macros: dict = {}

    def markup(self, element):
        """(format wrappers, prefix, suffix) of ``element``; None where memo.format would defer."""
        wrappers = element._format_wrappers(self.formatter)
        if wrappers is None:
            return None
        return wrappers, element.get("prefix", ""), element.get("suffix", "")

    def children(self, parent, ctx, kw, delimiter: str):
        """render_children: each child's result, the non-empty ones joined by ``delimiter``."""
        runs = tuple(self.node(child, ctx, kw, delimiter) for child in parent.iterchildren())

        def run(item):
            out = []
            for child in runs:
                value = child(item)
                if value is not None:
                    out.append(value)
            return join(out, delimiter) if out else None

        return run

    def node(self, element, ctx, kw, delimiter: str = ""):
        if isinstance(element, model.Choose):
            return self.choose(element, ctx, kw, delimiter)
        if isinstance(element, model.Group):
            compiled = self.group(element, ctx, kw)
        elif isinstance(element, model.Text):
            compiled = self.text(element, ctx, kw)
        elif isinstance(element, model.Label):
            compiled = self.label(element, ctx, kw)
        elif isinstance(element, model.Number):
            compiled = self.number(element, ctx, kw)
        elif isinstance(element, model.Names):
            compiled = compile_names(element, ctx, kw, self.layout, self.markup(element))
        elif isinstance(element, model.Date):
            compiled = self.date(element, ctx, kw)
        else:
            compiled = None
        return compiled or self.delegate(element, ctx, kw)

    def delegate(self, element, ctx, kw):
        """An element rendered by its own class, as the tree walk renders it."""
        render = element.render

        def run(item):
            try:
                return pair(render(item, context=ctx, **kw))
            except VariableError:
                return None

        return run

    def choose(self, choose, ctx, kw, delimiter: str):
        branches = {id(branch): self.children(branch, ctx, kw, delimiter) for branch in choose.iterchildren()}
        find = _brancher(choose, ctx)

        def run(item):
            branch = find(item)
            return None if branch is None else branches[id(branch)](item)

        run.branches = branches
        run.find = find
        return run

    def group(self, group, ctx, kw):
        markup = self.markup(group)
        if markup is None:
            return None
        wrappers, prefix, suffix = markup
        affixed = bool(prefix or suffix)
        delimiter = group.get("delimiter", "")
        void = void_unless(group)
        children = []  # (run, calls: bool, or the cs:choose whose branch decides)
        for child in group.iterchildren():
            if isinstance(child, model.Choose):
                children.append((self.choose(child, ctx, kw, delimiter), child))
            else:
                children.append((self.node(child, ctx, kw), child.calls_variable()))

        def run(item):
            if void is not False:
                reference = item.reference
                for name in void:
                    if name in reference:
                        break
                else:
                    return None
            out = []
            called = rendered = False
            for child, calls in children:
                if calls is True or calls is False:
                    value = child(item)
                else:  # a cs:choose: the calls of the branch taken
                    branch = child.find(item)
                    calls = branch is not None and branch.calls_variable()
                    value = None if branch is None else child.branches[id(branch)](item)
                called = called or calls
                if value is not None:
                    out.append(value)
                    rendered = rendered or calls
            if not out or (called and not rendered):
                return None
            value = join(out, delimiter)
            if not value[0]:
                return None
            if wrappers:
                text = value[0]
                for formatting in wrappers:
                    text = formatting(text)
                value = (text, False)
            return wrap(value, prefix, suffix) if affixed else value

        return run

    def text(self, text, ctx, kw):
        attrib = text.attrib
        if "term" in attrib or "value" in attrib:
            if "variable" not in attrib and "macro" not in attrib and text.get("text-case") != "title":
                return self.constant(text, ctx, kw)  # title case alone reads the entry's language
            return None
        if "text-case" in attrib or text.get("strip-periods", "false").lower() == "true":
            return None
        markup = self.markup(text)
        if markup is None:
            return None
        wrappers, prefix, suffix = markup
        quotes = None
        if text.get("quotes", "false").lower() == "true":
            quotes = (text.get_single_term(name="open-quote"), text.get_single_term(name="close-quote"))
            if not all(isinstance(mark, str) for mark in quotes):
                return None
            quotes = tuple(pair(mark) for mark in quotes)
        finish = _finisher(wrappers, quotes, prefix, suffix)
        if "variable" in attrib:
            return self.variable(text, ctx, kw, finish)
        if "macro" in attrib:
            macro = text.get_macro(text.get("macro"))
            context = ctx if ctx is not None else text
            key = (id(macro), id(context))
            if key not in self.macros:
                self.macros[key] = None  # a macro calling itself: left to the tree walk
                self.macros[key] = self.children(macro, context, {"sort_options": None}, "")
            body = self.macros[key]
            if body is None:
                return None

            def run(item):
                value = body(item)
                return finish(value) if value is not None and value[0] else None

            return run
        return None

    def constant(self, element, ctx, kw, key=None):
        """An element that renders the same for every entry (per ``key(item)``, when given):
        rendered by its class the first time, then remembered."""
        render = self.delegate(element, ctx, kw)
        cache: dict = {}

        def run(item):
            which = key(item) if key is not None else None
            if which is _ABSENT:
                return None
            if which not in cache:
                cache[which] = render(item)
            return cache[which]

        return run

    def label(self, label, ctx, kw):
        """A cs:label of an entry variable: its term, singular or plural, per entry."""
        name = label.get("variable", "")
        if not name or " " in name or name == "locator" or name.startswith("number-of") \
                or label.get("text-case") == "title":
            return None
        field = name.replace("-", "_")
        plural = label._is_plural if label.get("plural", "contextual") == "contextual" else None

        def key(item):
            if field not in item.reference:
                return _ABSENT
            return plural(item) if plural is not None else None

        return self.constant(label, ctx, kw, key)

    def date(self, date, ctx, kw):
        """A cs:date: what it prints depends on the date alone, so each date is rendered by its
        class once and remembered (a list has few distinct years)."""
        name = date.get("variable", "")
        if not name or " " in name:
            return None
        field = name.replace("-", "_")
        render = self.delegate(date, ctx, kw)
        cache: dict = {}

        def run(item):
            reference = item.reference
            if field not in reference:
                return None
            key = _date_key(dict.__getitem__(reference, field))
            if key is None or "implicit_year_suffix" in reference:
                return render(item)
            found = cache.get(key, _ABSENT)
            if found is _ABSENT:
                found = cache[key] = render(item)
            return found

        return run

    def number(self, number, ctx, kw):
        """A cs:number whose value is a plain whole number; others by its class."""
        name = number.get("variable", "")
        if (number.get("form", "numeric") != "numeric" or not name or name in ("locator", "page-first")
                or "text-case" in number.attrib or number.get("strip-periods", "false").lower() == "true"):
            return None
        markup = self.markup(number)
        if markup is None:
            return None
        finish = _finisher(markup[0], None, markup[1], markup[2])
        field = name.replace("-", "_")
        fallback = self.delegate(number, ctx, kw)

        def run(item):
            reference = item.reference
            if field not in reference:
                return None
            value = str(dict.__getitem__(reference, field))
            if value.isdigit() and value.isascii():
                return finish((str(int(value)), False))
            return fallback(item)

        return run

    def page(self, text, ctx, kw, finish):
        """cs:text of ``page`` or ``page-first``: one number or one range (``FormatNumber``'s way,
        with the style's page-range-format); lists ("1, 3", "2 & 5") by the element's class."""
        name = text.get("variable")
        first_only = name == "page-first"
        try:
            delimiter = pair(text.get_single_term(name="page-range-delimiter") or text.unicode_character("EN DASH"))
        except Exception:  # a locale without the term: the element's own way, whatever it does
            return None
        shorten = text._format_last_page
        tag = text.tag
        layout = self.layout
        short = name.replace("-", "_") + "_short" if text.get("form") == "short" else None
        fallback = self.delegate(text, ctx, kw)

        def run(item):
            repressed = layout.repressed
            if tag in repressed and name in repressed[tag]:
                return None
            reference = item.reference
            if short is not None and short in reference:
                return fallback(item)
            if "page" not in reference:
                return None
            value = str(dict.__getitem__(reference, "page"))
            if "," in value or "&" in value:
                return fallback(item)
            parts = value.replace("\u2013", "-").split("-")
            if len(parts) != 2:
                value = value.strip()
                return finish((value, False)) if value else None
            first, last = parts[0].strip(), parts[1].strip()
            if first_only:
                return finish((first, False)) if first else None
            last = shorten(first, last)
            out = add((first, False), (seam(first, delimiter[0]), delimiter[1]))
            out = add(out, (seam(out[0], last), False))
            return finish(out) if out[0] else None

        return run

    def variable(self, text, ctx, kw, finish):
        name = text.get("variable")
        if name == "citation-number":
            def number(item):
                return finish((str(item.number), False))

            return number
        if name in ("page", "page-first"):
            return self.page(text, ctx, kw, finish)
        if " " in name or name.startswith("page") or name in ("locator", "year-suffix", "citation-label"):
            return None
        key = name.replace("-", "_")
        short = key + "_short" if text.get("form") == "short" else None
        tag = text.tag
        layout = self.layout
        fallback = self.delegate(text, ctx, kw)

        def run(item):
            repressed = layout.repressed
            if tag in repressed and name in repressed[tag]:
                return None
            reference = item.reference
            field = short if short is not None and short in reference else key
            if field not in reference:
                return None
            value = dict.__getitem__(reference, field)
            kind = type(value)
            if kind is str:
                return finish((value, False)) if value else None
            if kind is String or kind is MixedString:
                value = str(value)
                if value:
                    return finish((VAR_START + value + VAR_END, True))
            return fallback(item)  # a number, or an odd value: the element's own way

        return run


# Tests that depend only on the entry's type and on which variables it has.
_SHAPE_TESTS = frozenset(("type", "variable", "match"))


def _brancher(choose, ctx):
    """item -> the branch ``choose`` takes (``conditions.taken_branch``), remembered per entry
    shape (its type and the set of variables it has: ``render_entries`` works it out once per
    entry) where every branch tests only those."""
    branches = [branch for branch in choose.iterchildren() if isinstance(branch, (model.If, model.Else_If))]
    if not all(_SHAPE_TESTS.issuperset(branch.attrib) for branch in branches):
        return lambda item: taken_branch(choose, item, ctx)
    taken: dict = {}

    def find(item):
        shape = item.__dict__["compiled_shape"]
        branch = taken.get(shape, _ABSENT)
        if branch is _ABSENT:
            branch = taken[shape] = taken_branch(choose, item, ctx)
        return branch

    return find


def _date_key(value):
    """A date (or range) as a hashable key of its parts, or None for anything else (a literal
    date, parts held as citeproc-py strings)."""
    from citeproc.source import Date, DateRange

    kind = type(value)
    if kind is not Date and kind is not DateRange:
        return None
    parts = []
    for field, part in sorted(dict.items(value)):
        if type(part) in (int, bool, str):
            parts.append((field, type(part), part))
        else:
            part = _date_key(part)
            if part is None:
                return None
            parts.append((field, part))
    return kind, tuple(parts)


def _finisher(wrappers, quotes, prefix: str, suffix: str):
    """What a cs:text does to its rendered text: format, quote, affixes (in citeproc-py's order)."""
    affixed = bool(prefix or suffix)

    def finish(value):
        if wrappers:
            text = value[0]
            for formatting in wrappers:
                text = formatting(text)
            value = (text, False)
        if quotes is not None:
            value = add(add(add(add(quotes[0], (QUOTE_START, True)), value), quotes[1]), (QUOTE_END, True))
        return wrap(value, prefix, suffix) if affixed else value

    return finish


# --- the layout -------------------------------------------------------------------------------------

def plan(layout):
    """The compiled layout of a bibliography (None: the style keeps the tree walk), made once
    per style and formatter."""
    formatter = layout.get_formatter() if hasattr(layout, "_format_wrappers") else None
    cached = layout.__dict__.get("_compiled")
    if cached is not None and cached[0] is formatter:
        return None if cached[1] is _NO else cached[1]
    compiled = _NO
    if formatter is not None and _independent(layout):
        compiler = _Compiler(layout, formatter)
        children = list(layout.iterchildren())
        first = compiler.node(children[0], None, {}) if children else None
        body = compiler.children(layout, None, {}, "")
        compiled = (first, body)
    layout.__dict__["_compiled"] = (formatter, compiled)
    return None if compiled is _NO else compiled


def _independent(layout) -> bool:
    """No entry depends on another: no subsequent-author-substitute, no disambiguation."""
    bibliography = layout.getparent()
    if bibliography is None or bibliography.get("subsequent-author-substitute"):
        return False
    citation = layout.get_root().find(f"{{{CSL_NS}}}citation")
    return citation is None or not any(
        citation.get(option, "false").lower() == "true"
        for option in ("disambiguate-add-givenname", "disambiguate-add-names", "disambiguate-add-year-suffix"))


def render_entries(layout, items) -> list[str] | None:
    """``Layout.render_entries`` (csl/fixes.py) with the compiled layout: one text per item,
    "" for an entry that renders empty; None when the style is not compiled."""
    compiled = plan(layout) if ENABLED else None
    if compiled is None:
        return None
    first, body = compiled
    aligned = layout.getparent().get("second-field-align") in ("flush", "margin") and first is not None
    explicit = bool(layout.get_root().xpath_search('.//cs:text[@variable="year-suffix"]'))
    out = []
    for item in items:
        item.__dict__["compiled_shape"] = (item.reference.get("type"), frozenset(item.reference), "locator" in item)
        label = None
        if aligned:
            layout.repressed = {}
            label = first(item)
            label = label[0] if label is not None else None
        layout.repressed = {}
        layout.first_names = ""  # no subsequent-author-substitute: Names need not record them
        reference = item.reference
        if reference.get("year_suffix") and not explicit:
            reference["implicit_year_suffix"] = True
        value = body(item)
        reference.pop("implicit_year_suffix", None)
        if value is None:
            out.append("")
            continue
        text = value[0]
        if label and text.startswith(label):
            rest = text[len(label):].lstrip()
            text = label + " " + rest if rest else text
        out.append(str(layout.format(layout.wrap(String(text)))))
    layout.first_names = None
    for item in items:
        item.__dict__.pop("compiled_shape", None)
    return out
