"""The leaves of a compiled layout (``compiled``): cs:text of a page range, cs:number,
cs:label and cs:date as closures, and what every cs:text does to its text.

Each closure returns ``(text, rich)`` as ``seams`` counts it, or None where the element prints
nothing; where a value is not one the closure knows, the element renders itself
(``delegate``), as the element tree walk would.
"""
from __future__ import annotations

from citeproc.source import VariableError

from unlearn_bib.csl.seams import add, pair, seam, wrap
from unlearn_bib.csl.text import QUOTE_END, QUOTE_START, keeps_hyphen

ABSENT = object()  # a variable is absent: the element prints nothing


def delegate(element, ctx, kw):
    """An element rendered by its own class, as the tree walk renders it."""
    render = element.render

    def run(item):
        try:
            return pair(render(item, context=ctx, **kw))
        except VariableError:
            return None

    return run


def constant(element, ctx, kw, key=None):
    """An element that renders the same for every entry (per ``key(item)``, when given):
    rendered by its class the first time, then remembered."""
    render = delegate(element, ctx, kw)
    cache: dict = {}

    def run(item):
        which = key(item) if key is not None else None
        if which is ABSENT:
            return None
        if which not in cache:
            cache[which] = render(item)
        return cache[which]

    return run


def label(label, ctx, kw):
    """A cs:label of an entry variable: its term, singular or plural, per entry."""
    name = label.get("variable", "")
    if not name or " " in name or name == "locator" or name.startswith("number-of") \
            or label.get("text-case") == "title":
        return None
    field = name.replace("-", "_")
    plural = label._is_plural if label.get("plural", "contextual") == "contextual" else None

    def key(item):
        if field not in item.reference:
            return ABSENT
        return plural(item) if plural is not None else None

    return constant(label, ctx, kw, key)


def date(date, ctx, kw):
    """A cs:date: what it prints depends on the date alone, so each date is rendered by its
    class once and remembered (a list has few distinct years)."""
    name = date.get("variable", "")
    if not name or " " in name:
        return None
    if date.get("form") is not None and date.get_root().xpath_search(
            ".//cs:date[@form][cs:date-part][not(ancestor::cs:locale)]"):
        # citeproc-py copies such a cs:date's date-part attributes onto the locale's, where
        # they stay: what a localized date prints may then depend on what was rendered before.
        return None
    field = name.replace("-", "_")
    render = delegate(date, ctx, kw)
    cache: dict = {}

    def run(item):
        reference = item.reference
        if field not in reference:
            return None
        key = date_key(dict.__getitem__(reference, field))
        if key is None or "implicit_year_suffix" in reference:
            return render(item)
        found = cache.get(key, ABSENT)
        if found is ABSENT:
            found = cache[key] = render(item)
        return found

    return run


def number(number, ctx, kw, markup):
    """A cs:number whose value is a plain whole number; others by its class."""
    name = number.get("variable", "")
    if (number.get("form", "numeric") != "numeric" or not name or name in ("locator", "page-first")
            or "text-case" in number.attrib or number.get("strip-periods", "false").lower() == "true"):
        return None
    if markup is None:
        return None
    finish = finisher(markup[0], None, markup[1], markup[2])
    field = name.replace("-", "_")
    fallback = delegate(number, ctx, kw)

    def run(item):
        reference = item.reference
        if field not in reference:
            return None
        value = str(dict.__getitem__(reference, field))
        if value.isdigit() and value.isascii():
            return finish((str(int(value)), False))
        return fallback(item)

    return run


def page(text, ctx, kw, finish, layout):
    """cs:text of ``page`` or ``page-first``: one number or one range (``FormatNumber``'s way,
    with the style's page-range-format); lists ("1, 3", "2 & 5") by the element's class."""
    name = text.get("variable")
    first_only = name == "page-first"
    try:
        delimiter = pair(text.get_single_term(name="page-range-delimiter") or text.unicode_character("EN DASH"))
    except Exception:  # a locale without the term: the element's own way, whatever it does
        return None
    shorten = text._format_last_page
    range_format = text.get_root().get_option("page-range-format")
    tag = text.tag
    short = name.replace("-", "_") + "_short" if text.get("form") == "short" else None
    fallback = delegate(text, ctx, kw)

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
        if keeps_hyphen(first, last, range_format):
            return finish((first + "-" + last, False))
        last = shorten(first, last)
        out = add((first, False), (seam(first, delimiter[0]), delimiter[1]))
        out = add(out, (seam(out[0], last), False))
        return finish(out) if out[0] else None

    return run


def date_key(value):
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
            part = date_key(part)
            if part is None:
                return None
            parts.append((field, part))
    return kind, tuple(parts)


def finisher(wrappers, quotes, prefix: str, suffix: str):
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
