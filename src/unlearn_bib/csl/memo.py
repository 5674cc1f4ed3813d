"""Memoised look-ups on the immutable style tree: the same output, several times faster.

Once a style is loaded (``engine.load_style``), its element tree and its locales
do not change, so look-ups that depend only on the tree can be remembered: a macro by
name, a locale term, date format or option, a name or layout option, an ancestor XPath
query, an element's children, its formatting and whether it has affixes or calls a
variable. Only elements, options, locale terms' texts and the formatter's wrapping functions
(checked against the formatter in use) are cached, never an entry's rendered text. Caches hang off the style's
root element (or the element itself) and die with the style. The tests render every style
with and without this mixin and compare the bytes.
"""
from __future__ import annotations

_MISSING = object()

# (attribute, default, value -> formatter method or None): what citeproc-py's Formatted.format
# applies, in its order.
_FORMATTING = (
    ("font-style", "normal", {"normal": None, "italic": "Italic", "oblique": "Oblique"}),
    ("font-variant", "normal", {"normal": None, "small-caps": "SmallCaps"}),
    ("font-weight", "normal", {"normal": None, "bold": "Bold", "light": "Light"}),
    ("text-decoration", "none", {"none": None, "underline": "Underline"}),
    ("vertical-align", "baseline", {"baseline": None, "sup": "Superscript", "sub": "Subscript"}),
)


def _cache(root, name: str) -> dict:
    caches = root.__dict__.setdefault("_memo", {})
    return caches.setdefault(name, {})


class MemoMixin:
    """Put in front of every element class by the style loader (``memo=True``)."""

    def get_root(self):
        root = self.__dict__.get("_root")
        if root is None:
            root = self.getroottree().getroot()
            self.__dict__["_root"] = root
        return root

    def get_macro(self, name):
        cache = _cache(self.get_root(), "macro")
        macro = cache.get(name)
        if macro is None:
            macro = cache[name] = super().get_macro(name)
        return macro

    def get_formatter(self):
        # citeproc-py walks to the root and checks for a locale on every formatted string.
        owner = self.__dict__.get("_formatter_owner")
        if owner is None:
            from citeproc.model import Locale

            owner = self.get_root()
            if isinstance(owner, Locale):
                owner = owner.style
            self.__dict__["_formatter_owner"] = owner
        return owner.formatter

    def xpath_search(self, expression):
        # Every query is relative to this element, and the tree is complete once the style is
        # loaded (the loader inserts citeproc-py's lazily added default cs:name up front).
        cache = self.__dict__.setdefault("_xpath", {})
        found = cache.get(expression)
        if found is None:
            found = cache[expression] = super().xpath_search(expression)
        return list(found)

    def format(self, string):
        # citeproc-py reads five attributes and the formatter again for every string it formats.
        formatter = self.get_formatter()
        memo = self.__dict__.get("_format")
        if memo is None or memo[0] is not formatter:
            memo = self.__dict__["_format"] = (formatter, self._format_wrappers(formatter))
        wrappers = memo[1]
        if wrappers is None:  # an attribute value citeproc-py rejects: let it fail its own way
            return super().format(string)
        if isinstance(string, (int, float)):
            string = str(string)
        for wrap in wrappers:
            string = wrap(string)
        return string

    def _format_wrappers(self, formatter):
        wrappers = []
        for attribute, default, table in _FORMATTING:
            value = self.get(attribute, default)
            if value not in table:
                return None
            if table[value]:
                wrappers.append(getattr(formatter, table[value]))
        return tuple(wrappers)

    def wrap(self, string):
        # Affixes are fixed per element; without any, citeproc-py's wrap returns its input.
        affixes = self.__dict__.get("_affixes")
        if affixes is None:
            affixes = self.__dict__["_affixes"] = bool(self.get("prefix") or self.get("suffix"))
        return super().wrap(string) if affixes else string

    def iterchildren(self, *args, **kwargs):
        # Rendering walks every element's children for every entry; the tree is fixed.
        if args or kwargs:
            return super().iterchildren(*args, **kwargs)
        children = self.__dict__.get("_children")
        if children is None:
            children = self.__dict__["_children"] = tuple(super().iterchildren())
        return iter(children)

    def getchildren(self):
        return list(self.iterchildren())

    def get_option(self, name, *args, **kwargs):
        # A name option is looked up ~17 times per entry, each time failing to index
        # sort_options=None (an exception) and running an XPath query. While sorting, the
        # options come from the sort key, so those calls are not remembered.
        sort_options = kwargs.get("sort_options", args[1] if len(args) > 1 else None)
        if (sort_options is not None or name in self.__dict__.get("option_overrides", ())
                or name in self.__dict__.get("others_cut", ())):
            return super().get_option(name, *args, **kwargs)  # overrides: one entry's, not the element's
        key = (name, kwargs.get("context", args[0] if args else None))
        cache = self.__dict__.setdefault("_options", {})
        found = cache.get(key, _MISSING)
        if found is _MISSING:
            found = cache[key] = super().get_option(name, *args, **kwargs)
        return found

    def calls_variable(self):
        found = self.__dict__.get("_calls_variable")
        if found is None:
            found = self.__dict__["_calls_variable"] = super().calls_variable()
        return found

    def _remember(self, table, key, compute):
        cache = _cache(self.get_root(), table)
        found = cache.get(key, _MISSING)
        if found is _MISSING:
            found = cache[key] = compute()
        return found

    def get_term(self, name, form=None, fallback_locale=True, zero_padded=False):
        cache = _cache(self.get_root(), "term")
        key = (name, form, fallback_locale, zero_padded)
        found = cache.get(key, _MISSING)
        if found is _MISSING:
            found = cache[key] = super().get_term(name, form, fallback_locale, zero_padded)
        return found

    def get_single_term(self, name, *args, **kwargs):
        # citeproc-py finds the term, then its cs:single child, and preformats it again per call;
        # the text (an immutable str) is remembered per formatter, as ``format`` does.
        return self._term_text("single_term", super().get_single_term, name, args, kwargs)

    def get_plural_term(self, name, *args, **kwargs):
        return self._term_text("plural_term", super().get_plural_term, name, args, kwargs)

    def _term_text(self, table, compute, name, args, kwargs):
        cache = _cache(self.get_root(), table)
        key = (name, args, tuple(sorted(kwargs.items())), self.get_formatter())
        found = cache.get(key, _MISSING)
        if found is _MISSING:
            found = cache[key] = compute(name, *args, **kwargs)
        return found

    def get_date(self, form):
        return self._remember("date", form, lambda: super(MemoMixin, self).get_date(form))

    def get_locale_option(self, name):
        return self._remember("locale_option", name, lambda: super(MemoMixin, self).get_locale_option(name))
