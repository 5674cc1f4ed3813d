"""A cs:names element compiled once into a closure: the names of an entry as its classes print them.

Part of the compiled renderer (``compiled``). What citeproc-py's ``Names.process`` and
``Name.process`` (with the fixes of ``names_dates``) do for a bibliography entry is done here
with the element's options read once: et-al abbreviation, "and", delimiters, name order,
particles, initials (by the element's own ``initialize``, remembered per given name), the
label before or after the names. Where the element or the entry asks for more, the element
renders itself as before: a cs:substitute taking over (no name variable present), a name
variable already substituted, "editor translator" printed once, name-part formatting,
``form="count"``, a list ending in "others", what disambiguation adds.
"""
from __future__ import annotations

from citeproc import model
from citeproc.source import VariableError

from unlearn_bib.csl.seams import add, dress, join, pair


def compile_names(names, ctx, kw, layout, markup):
    """A closure rendering ``names`` (None: the element renders itself everywhere).

    ``markup`` is (format wrappers, prefix, suffix) of the cs:names element."""
    roles = names.get("variable", "").split()
    name = names.find(f"{{{names.nsmap['cs']}}}name")
    if not roles or set(roles) == {"editor", "translator"} or name is None or markup is None:
        return None
    if any(isinstance(child, model.Name_Part) for child in name.iterchildren()):
        return None
    context = ctx if ctx is not None else names
    sorting = kw.get("sort_options")  # a sort key: the key's name options, no "et al.", no "and"
    if (name.get_option("form", context, sorting) if sorting is not None else name.get_option("form", context)) \
            not in ("long", "short"):
        return None
    name_markup = name._format_wrappers(name.get_formatter())
    if name_markup is None:
        return None
    entry = _name_list(name, context, (name_markup, name.get("prefix", ""), name.get("suffix", "")), sorting)
    label = names.label
    label_first = label is not None and label is names.getchildren()[0]
    labels: dict = {}
    delimiter = names.get("delimiter", names.get_parent_delimiter(context))
    wrappers, prefix, suffix = markup
    tag = names.tag
    render = names.render
    substitutes = names.substitute() is not None

    def fallback(item):
        try:
            return pair(render(item, context=ctx, **kw))
        except VariableError:
            return None

    def run(item):
        if layout.repressed.get(tag) or "names_added" in item.__dict__ or "names_seen" in item.__dict__:
            return fallback(item)
        reference = item.reference
        output = []
        for role in roles:
            if role not in reference:
                continue
            people = dict.__getitem__(reference, role)
            if not isinstance(people, list) or not people:
                return fallback(item)
            last = people[-1]
            if len(people) > 1 and last.get("literal") == "others":
                return fallback(item)
            text = entry(people)
            if text is None:
                return fallback(item)
            if label is not None:
                plural = len(people) > 1
                found = labels.get((role, plural))
                if found is None:
                    found = labels[(role, plural)] = (pair(label.render(item, role, plural, **kw)),)
                if found[0] is not None:
                    text = add(found[0], text) if label_first else add(text, found[0])
            output.append(text)
        if not output:
            # none of its variables: its cs:substitute, or nothing (``Names.process``)
            return fallback(item) if substitutes else None
        value = join(output, delimiter)
        return dress(value, wrappers, prefix, suffix) if value[0] else None

    if not substitutes:
        run.void = tuple(roles)  # prints nothing without one of these (``compiled._plan``)
    return run


def _name_list(name, context, markup, sorting):
    """A closure: a list of names -> (text, rich) as ``Name.render`` prints it, or None where
    the element must render it itself. ``sorting``: the options of a sort key, or None."""
    def option(key):
        return name.get_option(key, context) if sorting is None else name.get_option(key, context, sorting)

    and_ = option("and")
    delimiter = option("delimiter")
    precedes_et_al = option("delimiter-precedes-et-al")
    precedes_last = option("delimiter-precedes-last")
    et_al_min = option("et-al-min")
    use_first = option("et-al-use-first")
    use_last = option("et-al-use-last")
    mark = option("initialize-with")
    sort_order = option("name-as-sort-order")
    sort_separator = option("sort-separator")
    form = option("form")
    demote = option("demote-non-dropping-particle")
    own_delimiter = name.get("delimiter", delimiter)  # Delimited.join prefers the element's own
    comma_delimiter = name.get("delimiter", ", ")
    and_term = None
    if and_ == "text":
        and_term = name.get_single_term(name="and")
    elif and_ == "symbol":
        and_term = name.preformat("&")
    et_al = name.et_al() if sorting is None else None  # names_dates.Name.et_al while sorting
    et_al_pair = pair(et_al) if et_al else None
    ellipsis = name.unicode_character("horizontal ellipsis")
    wrappers, prefix, suffix = markup
    initialize = name.initialize
    initials: dict = {}
    shown_as = name._as_displayed

    def one(person, first: bool) -> str:
        given, family, dp, ndp, suffix_ = person.parts()
        if given is not None and mark is not None:
            if type(given) is str:
                found = initials.get(given)
                if found is None:
                    found = initials[given] = initialize(given, mark, context)
                given = found
            else:
                given = initialize(given, mark, context)
        if form == "long":
            if sort_order == "all" or (sort_order == "first" and first):
                if demote in ("never", "sort-only"):
                    family = " ".join([n for n in (ndp, family) if n])
                    given = " ".join([n for n in (given, dp) if n])
                else:
                    given = " ".join([n for n in (given, dp, ndp) if n])
                return sort_separator.join([n for n in (family, given, suffix_) if n])
            family = " ".join([n for n in (dp, ndp, family) if n])
            return " ".join([n for n in (given, family, suffix_) if n])
        return " ".join([n for n in (ndp, family) if n])

    def run(people):
        if sorting is None:
            shown = shown_as(people, context)
        else:  # what names_dates.Name.process sets while it renders a sort key
            name._sorting = True
            try:
                shown = shown_as(people, context, sorting)
            finally:
                name._sorting = False
        if shown is not None:
            people = shown
        truncate = len(people) > 1 and et_al_min and len(people) >= et_al_min
        last = use_last and use_first <= et_al_min - 2
        if truncate:
            people = people[:use_first] + [people[-1]] if last else people[:use_first]
        output = [(one(person, index == 0), False) for index, person in enumerate(people)]
        if truncate and et_al:
            if last:
                output[-1] = (ellipsis + " " + output[-1][0], False)
                text = join(output, own_delimiter)
            elif precedes_et_al == "always" or (precedes_et_al == "contextual" and len(output) >= 2):
                text = join(output + [et_al_pair], own_delimiter)
            else:
                text = add(add(join(output, own_delimiter), (" ", False)), et_al_pair)
        elif and_ is not None and len(output) > 1:
            text = join(output[:-1], comma_delimiter)
            if precedes_last == "always" or (precedes_last == "contextual" and len(output) > 2):
                text = join([text, ("", False)], comma_delimiter)
            else:
                text = add(text, (" ", False))
            text = add(text, ("{} ".format(and_term) + output[-1][0], False))
        else:
            text = join(output, own_delimiter)
        return dress(text, wrappers, prefix, suffix) if text[0] else None

    return run

