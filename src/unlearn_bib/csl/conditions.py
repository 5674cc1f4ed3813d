"""The cs:choose, cs:if, cs:else-if, cs:group and cs:substitute elements of citeproc-py, corrected.

Part of the element fixes (``fixes.element_classes()`` collects them). Two shortcuts save
work without changing output (``tests/test_csl_shortcuts.py`` compares them on and off): the
branch a cs:choose takes is remembered per entry shape where its tests read nothing else, and
a cs:group of entry variables that are all absent is suppressed without rendering.
"""
from __future__ import annotations

from citeproc import model
from citeproc.string import join


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


class Else_If(ConditionMixin, model.Else_If):
    pass


class Group(model.Group):
    """Fix: citeproc-py counts a cs:choose as calling (and rendering) a variable when ANY of
    its branches calls one. CSL 1.0.2 counts the variables the group's rendering calls: those
    of the branch taken. (APA's thesis ``(Publication)`` is a value in the branch taken, next
    to an empty ``number``: the group is suppressed; IEEE's ``[Online]`` is a term in the
    branch taken, beside a ``medium`` branch not taken: the group calls no variable and shows.)"""

    def process(self, item, context=None, **kwargs):
        output = _render_as_group(self, item, context, kwargs)
        if output is None:
            raise model.VariableError
        return self.join(output)


class Macro(model.Macro):
    """Fix: a macro is suppressed as a cs:group is when it calls variables and all of them are
    empty (or suppressed as substituted: CSL 1.0.2, "Substituted variables are considered
    empty for the purposes of determining whether to suppress an enclosing cs:group").
    pandoc and citeproc-js both evaluate a called macro so: Elsevier-Harvard's title macro
    (the title and the value "[WWW Document]") printed "[WWW Document]" a second time after
    the title had substituted for the missing author."""

    def render(self, item, context=None, sort_options=None):
        kwargs = {} if sort_options is None else {"sort_options": sort_options}
        output = _render_as_group(self, item, context, kwargs)
        return join(output, "") if output else None


def _flattened(parent, item, context):
    """The children of ``parent``, each cs:choose replaced by the children of its branch
    taken (CSL 1.0.2: a group's suppression looks at the variables its rendering elements
    call; cs:choose only selects which of them render)."""
    for child in parent.iterchildren():
        if isinstance(child, model.Choose):
            branch = _taken_branch(child, item, context)
            if branch is not None:
                yield from _flattened(branch, item, context)
        else:
            yield child


def _render_as_group(element, item, context, kwargs):
    """The rendered children of a cs:group or a called macro, or None where it is suppressed."""
    variables = element.__dict__.get("_void_unless")
    if variables is None:
        variables = element.__dict__["_void_unless"] = _void_unless(element)
    if variables is not False:
        reference = item.reference
        if not any(name in reference for name in variables):
            return None  # nothing in it can print: what rendering would find
    output = []
    called = rendered = False
    for child in _flattened(element, item, context):
        calls = child.calls_variable()
        called = called or calls
        try:
            text = child.render(item, context=context, **kwargs)
            if text is not None:
                output.append(text)
                # A called macro's text counts as a printed variable, whatever it calls: pandoc
                # and citeproc-js both keep NLM's "In" (a term in a macro) beside empty editors.
                rendered = rendered or calls or is_macro_call(child)
        except model.VariableError:
            pass
    if output and (not called or rendered):
        return output
    return None


def is_macro_call(element) -> bool:
    return isinstance(element, model.Text) and "macro" in element.attrib


# Variables whose value does not come from the entry's own fields.
_GENERATED = frozenset(("citation-number", "citation-label", "first-reference-note-number", "locator",
                        "year-suffix"))


def _void_unless(element):
    """The entry variables (as the entry stores them, "_" for "-") without all of which
    ``element`` prints nothing, or False when that cannot be told from the style alone.

    Only elements that print a plain variable of the entry or nothing count: cs:text and
    cs:number with a variable, cs:date, cs:label of a variable (which prints only when the
    variable has a value), and the groups, macros and cs:choose made of them. A term, a
    value, a cs:names (substitutes, disambiguation) or a generated variable make it False.
    """
    if isinstance(element, (model.Group, model.Macro, model.If, model.Else_If, model.Else, model.Choose)):
        children = element.iterchildren()
    elif isinstance(element, model.Text) and "variable" not in element.attrib and "macro" in element.attrib:
        children = (element.get_macro(element.get("macro")),)  # a cs:text prints its macro or nothing
    elif isinstance(element, (model.Text, model.Number, model.Date, model.Label)):
        variable = element.get("variable", "")
        if " " in variable or not variable or variable in _GENERATED or variable.startswith("page"):
            return False
        names = [variable.replace("-", "_")]
        if isinstance(element, model.Text) and element.get("form") == "short":  # title-short for title
            names.append(names[0] + "_short")
        return tuple(names)
    else:
        return False
    found: list[str] = []
    for child in children:
        names = _void_unless(child)
        if names is False:
            return False
        found.extend(name for name in names if name not in found)
    return tuple(found)


class Substitute(model.Substitute):
    """Fix: the children of a cs:choose inside cs:substitute are substitutes too (Chicago's
    editors: ``<choose><if ...><names variable="editor"/>``). citeproc-py rendered the choose
    as one block: without the cs:names' own cs:name and label ("C. Ed." for "Ed, Carl, ed.")
    and without suppressing the editor later in the entry."""

    def render(self, item, context=None, **kwargs):
        names = self.getparent()
        for child in _flattened(self, item, context):
            try:
                if isinstance(child, model.Names) and child.name is None:
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                continue
            if text:
                self.add_to_repressed_list(child, context)
                if child.get("variable") is None:
                    _repress_rendered(child, item, context)
                return text
        return None


def _repress_rendered(element, item, context) -> None:
    """Fix: a substitute given as a macro or a group (APA's and Chicago's ``<text
    macro="title"/>``) suppresses the variables it printed, as CSL 1.0.2 has it: "Substituted
    variables are suppressed in the rest of the output to prevent duplication". citeproc-py
    recorded only a substitute's own ``variable`` attribute, so an authorless report printed
    its title twice ("Alpha Report. (2020). Alpha Report. Org.")."""
    layout = (context if context is not None else element).get_layout()
    reference = item.reference
    for tag, variable in _variables_called(element, item, context):
        if variable.replace("-", "_") in reference:
            layout.repressed.setdefault(tag, []).append(variable)


def _variables_called(element, item, context):
    """(tag, variable) of what ``element`` may print: its macros followed, only the branch
    taken of each cs:choose."""
    if isinstance(element, model.Choose):
        branch = _taken_branch(element, item, context)
        children = () if branch is None else branch.iterchildren()
    else:
        variable = element.get("variable")
        if variable and isinstance(element, (model.Text, model.Names, model.Number, model.Date)):
            for name in variable.split():
                yield element.tag, name
        if isinstance(element, model.Text) and element.get("macro"):
            children = (element.get_macro(element.get("macro")),)
        else:
            children = element.iterchildren()
    for child in children:
        yield from _variables_called(child, item, context)


class Choose(model.Choose):
    """cs:choose rendering its branch taken without an exception per branch not taken
    (citeproc-py tries each branch, which raises ``ConditionFailed`` when its test fails)."""

    def render(self, item, context=None, delimiter="", **kwargs):
        branch = _taken_branch(self, item, context)
        if branch is None:
            return None
        return branch.render_children(item, context=context, delimiter=delimiter, **kwargs)


# Tests whose result depends only on the entry's type and on which variables it has: the
# branch a cs:choose of only these takes is remembered per (type, variables present).
_SHAPE_TESTS = frozenset(("type", "variable", "match"))


def _shape_plan(choose):
    """(variables the branches test, in order) when every branch of ``choose`` depends only
    on the entry's type and which variables it has; None when one reads a value or state
    (``is-numeric``, ``is-uncertain-date``, ``locator``, ``position``, ``disambiguate``)."""
    plan = choose.__dict__.get("_shape_plan", False)
    if plan is False:
        names: list[str] = []
        plan = ()
        for branch in choose.iterchildren():
            if not isinstance(branch, ConditionMixin):
                continue
            if not _SHAPE_TESTS.issuperset(branch.attrib):
                plan = None
                break
            for name in branch.get("variable", "").split():
                name = name.replace("-", "_")
                if name not in names:
                    names.append(name)
        if plan is not None:
            plan = tuple(names)
        choose.__dict__["_shape_plan"] = plan
    return plan


def _taken_branch(choose, item, context):
    """The cs:if / cs:else-if / cs:else of ``choose`` that renders for ``item`` (None: none)."""
    names = _shape_plan(choose)
    if names is not None:
        reference = item.reference
        key = (reference.get("type"), *[("locator" in item) if name == "locator" else (name in reference)
                                 for name in names])
        taken = choose.__dict__.setdefault("_taken", {})
        branch = taken.get(key, _UNKNOWN)
        if branch is _UNKNOWN:
            branch = taken[key] = _first_holding(choose, item, context)
        return branch
    return _first_holding(choose, item, context)


_UNKNOWN = object()


def _first_holding(choose, item, context):
    for branch in choose.iterchildren():
        if not isinstance(branch, ConditionMixin) or branch.holds(item, context):
            return branch
    return None


def taken_branch(choose, item, context):
    """The branch of ``choose`` that renders for ``item`` (None: none), as cs:choose finds it."""
    return _taken_branch(choose, item, context)


def void_unless(element):
    """The entry variables without all of which ``element`` prints nothing (False: unknown)."""
    return _void_unless(element)
