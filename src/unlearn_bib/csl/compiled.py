"""A style's bibliography layout compiled once into Python closures: the same entries, faster.

citeproc-py renders an entry by walking the style's element tree, asking each element for
its attributes and building ``MixedString`` objects that re-join their pieces at every seam.
Here the layout becomes closures over what the tree says (delimiters, affixes, formatting,
quotes; per entry shape, the branch a cs:choose takes and the children that can print), which
produce a plain ``str`` with a flag saying whether citeproc-py would have held it as a
``String``/``MixedString`` (which tidy a seam) or as a plain ``str`` (``seams``). Compiled:
cs:group, cs:choose, macros, cs:text of a variable, a page range, a term or a value, cs:names
(``compiled_names``), cs:number of a whole number, cs:label (its term per singular/plural),
cs:date (rendered by its class once per distinct date). What a closure does not handle (a
cs:text with text-case, an odd value, a cs:substitute taking over...) is rendered by the
element's own class, as before. A style is compiled or not once (``plan``): not when its
entries depend on each other (disambiguation, subsequent-author-substitute) or when it was
loaded without the memoised look-ups. ``tests/test_csl_compiled.py`` compares the two paths
byte for byte; ``UNLEARN_BIB_COMPILED=0`` turns the compiled path off.
"""
from __future__ import annotations

import os

from citeproc import model
from citeproc.string import MixedString, String

from unlearn_bib.csl.base import CSL_NS
from unlearn_bib.csl import compiled_leaves as leaves
from unlearn_bib.csl.compiled_names import compile_names
from unlearn_bib.csl.conditions import is_macro_call, taken_branch, void_unless
from unlearn_bib.csl.memo import MemoMixin
from unlearn_bib.csl.seams import dress, join, pair
from unlearn_bib.csl.text import VAR_END, VAR_START

# Off with UNLEARN_BIB_COMPILED=0 (the tests switch it to compare the paths).
ENABLED = os.environ.get("UNLEARN_BIB_COMPILED", "1").strip() != "0"

_NO = object()  # a plan worked out: the style is not compiled


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
            compiled = leaves.label(element, ctx, kw)
        elif isinstance(element, model.Number):
            compiled = leaves.number(element, ctx, kw, self.markup(element))
        elif isinstance(element, model.Names):
            compiled = compile_names(element, ctx, kw, self.layout, self.markup(element))
        elif isinstance(element, model.Date):
            compiled = leaves.date(element, ctx, kw)
        else:
            compiled = None
        return compiled or leaves.delegate(element, ctx, kw)

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
        return self.as_group(group, ctx, kw, group.get("delimiter", ""), markup)

    def as_group(self, element, ctx, kw, delimiter: str = "", markup=None):
        """``conditions._render_as_group`` (a cs:group's or a called macro's children, each
        cs:choose replaced by its branch taken), None where the element is suppressed (it
        calls variables and none of them printed), else its pieces joined by ``delimiter``:
        a cs:group's finished with its ``markup`` (None if that leaves no text), a macro's
        as they are (``conditions.Macro.render``)."""
        void = void_unless(element)
        slots = self.flat(element, ctx, kw)
        plans: dict = {}  # entry shape -> its plan (``_plan``)
        wrappers, prefix, suffix = markup if markup is not None else ((), "", "")
        finished = markup is not None

        def plan_for(item):
            shape = item.__dict__["compiled_shape"]
            plan = plans.get(shape)
            if plan is None:
                plan = plans[shape] = _plan(item, shape[1], void, slots)
            return plan

        def run(item):
            shape = item.__dict__["compiled_shape"]
            plan = plans.get(shape)
            if plan is None:
                plan = plans[shape] = _plan(item, shape[1], void, slots)
            if plan is _VOID:
                return None
            live, called, dynamic, single = plan
            if single is not None:  # one child, and it decides (``_plan``)
                value = single(item)
                if value is None:
                    return None
            else:
                out = []
                if dynamic:
                    state = [called, False]  # a variable called, a variable rendered
                    _collect(item, live, out, state)
                    called, rendered = state
                else:
                    rendered = False
                    for child, calls, _branches, _void in live:
                        value = child(item)
                        if value is not None:
                            out.append(value)
                            if calls:
                                rendered = True
                if not out or (called and not rendered):
                    return None
                value = join(out, delimiter)
            if finished:
                return dress(value, wrappers, prefix, suffix) if value[0] else None
            return value

        run.void_for = lambda item: plan_for(item) is _VOID
        return run

    def flat(self, parent, ctx, kw):
        """The children of ``parent`` as (run, calls a variable, None), a cs:choose as
        (None, its branch finder, the flat children of each branch)."""
        slots = []
        for child in parent.iterchildren():
            if isinstance(child, model.Choose):
                branches = {id(branch): self.flat(branch, ctx, kw) for branch in child.iterchildren()}
                slots.append((None, _brancher(child, ctx), branches, False))
            else:
                # 1: calls a variable; 2: a called macro, whose text counts as a printed variable
                # (``conditions._render_as_group``); 0: neither
                calls = 1 if child.calls_variable() else 2 if is_macro_call(child) else 0
                run = self.node(child, ctx, kw)
                void = void_unless(child)
                slots.append((run, calls, None, void if void is not False else getattr(run, "void", False)))
        return tuple(slots)

    def text(self, text, ctx, kw):
        attrib = text.attrib
        if "term" in attrib or "value" in attrib:
            if "variable" not in attrib and "macro" not in attrib and text.get("text-case") != "title":
                return leaves.constant(text, ctx, kw)  # title case alone reads the entry's language
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
        finish = leaves.finisher(wrappers, quotes, prefix, suffix)
        if "variable" in attrib:
            return self.variable(text, ctx, kw, finish)
        if "macro" in attrib:
            macro = text.get_macro(text.get("macro"))
            context = ctx if ctx is not None else text
            key = (id(macro), id(context))
            if key not in self.macros:
                self.macros[key] = None  # a macro calling itself: left to the tree walk
                self.macros[key] = self.macro(macro, context, kw.get("sort_options"))
            body = self.macros[key]
            if body is None:
                return None

            def run(item):
                value = body(item)
                return finish(value) if value is not None and value[0] else None

            run.void_for = body.void_for
            return run
        return None

    def macro(self, macro, context, sort_options):
        """``conditions.Macro.render``: its pieces joined, None where it is suppressed."""
        return self.as_group(macro, context, {} if sort_options is None else {"sort_options": sort_options})

    def variable(self, text, ctx, kw, finish):
        name = text.get("variable")
        if name == "citation-number":
            def number(item):
                return finish((str(item.number), False))

            return number
        if name in ("page", "page-first"):
            return leaves.page(text, ctx, kw, finish, self.layout)
        if " " in name or name.startswith("page") or name in ("locator", "year-suffix", "citation-label"):
            return None
        key = name.replace("-", "_")
        short = key + "_short" if text.get("form") == "short" else None
        tag = text.tag
        layout = self.layout
        fallback = leaves.delegate(text, ctx, kw)

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


_VOID = object()  # a plan: the group or macro prints nothing for entries of this shape


def _plan(item, keys, void, slots):
    """What ``as_group`` does for every entry of ``item``'s shape (``keys``: the variables
    it has): _VOID where the element is suppressed (none of the variables ``void`` it needs),
    else (its slots with each cs:choose that tests only the shape replaced by the branch it
    takes, and without the children that print nothing for want of a variable; whether a
    child calling a variable was met, as ``_collect`` would have found it)."""
    if void is not False and not any(name in keys for name in void):
        return _VOID
    live: list = []
    called = _flatten(item, keys, slots, live)
    if not live or (called and not any(calls for _run, calls, _branches, _void in live)):
        return _VOID  # nothing left, or only text that cannot count as a variable printed
    dynamic = any(branches is not None for _run, _calls, branches, _void in live)
    # One child left and no branch chosen per entry: its text is the pieces' whole text, and
    # it counts as a variable printed wherever that matters (else the plan would be _VOID).
    single = live[0][0] if len(live) == 1 and not dynamic else None
    return tuple(live), called, dynamic, single


def _flatten(item, keys, slots, live) -> bool:
    called = False
    for slot in slots:
        run, calls, branches, void = slot
        if branches is not None:
            if getattr(calls, "by_shape", False):
                branch = calls(item)
                if branch is not None:
                    called = _flatten(item, keys, branches[id(branch)], live) or called
            else:
                live.append(slot)  # a branch per entry: chosen as the entry renders
            continue
        if calls == 1:
            called = True
        if void is not False and not any(name in keys for name in void):
            continue  # prints nothing (and a called macro that prints nothing counts for nothing)
        void_for = getattr(run, "void_for", None)
        if void_for is not None and void_for(item):
            continue  # a group or macro that prints nothing for this shape
        live.append(slot)
    return called


def _collect(item, slots, out, state) -> None:
    for run, calls, branches, _void in slots:
        if branches is not None:  # a cs:choose: the children of its branch taken
            branch = calls(item)
            if branch is not None:
                _collect(item, branches[id(branch)], out, state)
            continue
        if calls == 1:
            state[0] = True
        value = run(item)
        if value is not None:
            out.append(value)
            if calls:
                state[1] = True


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
        branch = taken.get(shape, leaves.ABSENT)
        if branch is leaves.ABSENT:
            branch = taken[shape] = taken_branch(choose, item, ctx)
        return branch

    find.by_shape = True
    return find


# --- the layout -------------------------------------------------------------------------------------

def plan(layout):
    """The compiled layout of a bibliography (None: the style keeps the tree walk), made once
    per style and formatter."""
    formatter = layout.get_formatter() if isinstance(layout, MemoMixin) else None
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


def prepare_sort(layout) -> None:
    """Give the macro keys of the bibliography's cs:sort compiled sort keys, where the style is
    compiled (ACM sorts by its author macro: the tree walk took 40% of its time)."""
    compiled = plan(layout)
    sort = layout.getparent().find(f"{{{CSL_NS}}}sort")
    if compiled is None or sort is None or sort.__dict__.get("_compiled_keys"):
        return
    sort.__dict__["_compiled_keys"] = True
    for key in sort.iterchildren():
        if key.tag == f"{{{CSL_NS}}}key" and "macro" in key.attrib and "variable" not in key.attrib:
            key.__dict__["sort_keys"] = _sort_keys(key, layout)


def _sort_keys(key, layout):
    """``Key.sort_keys`` of a macro key, compiled: the macro's text per item (None: nothing)."""
    options = {"name-as-sort-order": "all"}  # what Key.sort_keys renders the macro with
    for option in ("names-min", "names-use-first", "names-use-last"):
        if option in key.attrib:
            options[option.replace("names", "et-al")] = key.get(option)
    macro = key.get_macro(key.get("macro"))
    body = _Compiler(layout, layout.get_formatter()).macro(macro, layout, options)
    original = type(key).sort_keys

    def sort_keys(items, context):
        if not ENABLED or context is not layout:
            return original(key, items, context)
        out = []
        for item in items:
            layout.repressed = {}
            item.__dict__["compiled_shape"] = (item.reference.get("type"), frozenset(item.reference),
                                               "locator" in item)
            value = body(item)
            del item.__dict__["compiled_shape"]
            out.append(None if value is None else value[0])
        return out

    return sort_keys


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
