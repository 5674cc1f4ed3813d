"""citeproc-py with the project's corrections: a style loader and a bibliography renderer.

citeproc-py builds a style's element objects through an lxml class lookup. We parse styles
and locales with our own lookup, which maps some CSL elements to subclasses of
citeproc-py's classes carrying a fix; nothing in citeproc-py itself is modified, so other
users of the package in the same process are unaffected.

The renderer returns "neutral" text: formatting (italic, bold, ...) is marked with
private-use characters (``MARK``), which the post-processing rules can look through and
which ``citations.py`` turns into plain text, Markdown or HTML.
"""
from __future__ import annotations

import os
import warnings
from functools import lru_cache

from unlearn_bib.csl import workers
from unlearn_bib.csl.base import CSL_NS, MARK
from unlearn_bib.errors import UnlearnBibError


class NeutralFormatter:
    """A citeproc-py formatter (the module interface) that marks formatting neutrally."""

    @staticmethod
    def preformat(text):
        return text

    @staticmethod
    def _wrapper(kind):
        opening, closing = MARK[kind]

        def wrap(text):  # a plain str, as citeproc-py's own html formatter returns
            return opening + str(text) + closing

        return staticmethod(wrap)


for _name, _kind in (("Italic", "i"), ("Oblique", "i"), ("Bold", "b"), ("Superscript", "sup"),
                     ("Subscript", "sub"), ("SmallCaps", "sc"), ("Underline", "u")):
    setattr(NeutralFormatter, _name, NeutralFormatter._wrapper(_kind))
NeutralFormatter.Light = staticmethod(lambda text: text)


# --- element classes ----------------------------------------------------------------------

@lru_cache(maxsize=2)
def _classes(memo: bool) -> dict[str, type]:
    """CSL tag -> element class: citeproc-py's, replaced by ours where we fix something,
    with the memoising mixin in front (``csl/memo.py``) unless ``memo`` is off."""
    from citeproc import model

    from unlearn_bib.csl.fixes import TermFallbackMixin, element_classes
    from unlearn_bib.csl.memo import MemoMixin

    table: dict[str, type] = {}
    for cls in model.CitationStylesElement.__subclasses__():
        table[cls.__name__.replace("_", "-").lower()] = cls
    table.update(element_classes())
    for tag, cls in table.items():
        if tag != "locale":
            table[tag] = type(cls.__name__, (TermFallbackMixin, cls), {})
    if memo:
        for tag, cls in table.items():
            if tag != "locale":  # Locale.get_term/get_option have their own signatures
                table[tag] = type(cls.__name__, (MemoMixin, cls), {})
    return table


@lru_cache(maxsize=2)
def _parser(memo: bool):
    from citeproc import model
    from lxml import etree

    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = model.CitationStylesElement
    namespace.update(_classes(memo))
    parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True, resolve_entities=False)
    parser.set_element_class_lookup(lookup)
    return parser


def parse_csl(path: str | os.PathLike, memo: bool = True):
    """Parse a style or locale file with our element classes; syntax errors name FILE:LINE."""
    from lxml import etree

    try:
        return etree.parse(str(path), _parser(memo))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else None)
        where = f"{path}:{line}" if line else str(path)
        raise UnlearnBibError(f"{where}: not a valid CSL style: {exc.msg}") from None
    except OSError as exc:
        raise UnlearnBibError(f"{path}: cannot read style: {exc.strerror or exc}") from None


@lru_cache(maxsize=None)
def load_style(path: str, locale: str | None = None, memo: bool = True):
    """A citeproc-py CitationStylesStyle for ``path``, loaded once per process and locale.

    ``memo=False`` leaves out the memoised look-ups (the tests compare both).
    """
    from citeproc.frontend import CitationStylesStyle

    tree = parse_csl(path, memo)
    root = tree.getroot()
    if root.tag != f"{{{CSL_NS}}}style":
        raise UnlearnBibError(f"{path}: not a CSL style (the root element is <{root.tag.split('}')[-1]}>, "
                              "not a <style> in the CSL namespace)")
    if root.find(f"{{{CSL_NS}}}bibliography") is None:
        raise UnlearnBibError(f"{path}: this style has no bibliography section; it cannot format a reference list")
    _add_default_names(root)
    style = CitationStylesStyle.__new__(CitationStylesStyle)
    style.xml = tree
    style.root = root
    try:
        root.set_locale_list(locale or root.get("default-locale", "en-US"), validate=False)
    except (ValueError, OSError) as exc:
        raise UnlearnBibError(f"{path}: {exc}") from None
    # lxml hands out a new Python proxy for a node whenever none is alive, which would drop
    # what csl/memo.py caches on the proxies: holding every element keeps them for good.
    keep = list(root.iter())
    for locale in getattr(root, "locales", ()):
        keep.extend(locale.iter())
    root.__dict__["_keepalive"] = keep
    return style


def _add_default_names(root) -> None:
    """Give each cs:names without a cs:name the default one, as one of our element classes.

    citeproc-py inserts it lazily while rendering, as its own class, which would bypass
    our Name fixes. Names inside cs:substitute (directly or in its cs:choose) borrow their
    parent's and get none.
    """
    for names in root.iter(f"{{{CSL_NS}}}names"):
        if names.find(f"{{{CSL_NS}}}name") is None and not _in_substitute(names):
            names.insert(0, names.makeelement(f"{{{CSL_NS}}}name", {}))


def _in_substitute(element) -> bool:
    conditional = {f"{{{CSL_NS}}}{tag}" for tag in ("choose", "if", "else-if", "else")}
    parent = element.getparent()
    while parent is not None and parent.tag in conditional:
        parent = parent.getparent()
    return parent is not None and parent.tag == f"{{{CSL_NS}}}substitute"


# --- rendering ------------------------------------------------------------------------------

def render_list(style, items: list[dict], prepare, finish) -> list[tuple[str, str]]:
    """prepare -> render -> finish for a whole list: [(id, neutral text)] in bibliography order.

    When no entry depends on another (the style neither sorts nor disambiguates nor
    substitutes repeated authors, so an entry's number is its position), a long list is cut
    into slices that forked workers take through the whole pipeline; otherwise the sort
    keys, the cites compared for disambiguation (``map_slices``) and the rendering
    (``_render_entries``) are shared out.
    """
    import gc

    # Everything alive now (catalog, items, style tree) lives until the list is done: the
    # cyclic GC need not walk it again at every collection while rendering (-9% at 10,000
    # entries), and forked workers then do not copy the pages it would touch. Whoever froze
    # first (the CLI freezes its catalog) thaws. Nor need it run at all while the list is made:
    # rendering makes no cyclic garbage worth the scans (10,000 entries: ~10% less CPU time,
    # the same peak memory; the cites' cycles are broken by ``_unlink``); forked workers
    # inherit the pause.
    thaw = gc.get_freeze_count() == 0
    gc.freeze()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        jobs = workers.jobs_for(len(items))
        if jobs < 2 or not _independent(style):
            return render_bibliography(style, prepare(items), finish=finish)
        _before_fork(style)
        _PIPELINE[:] = [style, items, prepare, finish]
        try:
            return workers.in_slices(_pipeline_slice, workers.slices(len(items), jobs))
        finally:
            _PIPELINE.clear()
    finally:
        # What the list made and keeps (the entries, the style's caches) joins the old objects
        # too, so the young generation's next pass does not walk it all (~5 ms at 2,000 entries).
        gc.freeze()
        if was_enabled:
            gc.enable()
        if thaw:
            gc.unfreeze()


_PIPELINE: list = []


def _before_fork(style) -> None:
    """Once, before the workers fork, what each process would otherwise do again for its
    slice: import the renderer's modules and compile the layout (~20 ms of CPU per process
    for IEEE). The formatter set is the one every slice sets (``render_bibliography``)."""
    from citeproc import Citation  # noqa: F401 - imported for the workers
    from citeproc.frontend import CitationStylesBibliography  # noqa: F401

    from unlearn_bib.csl import compiled, correct, disambiguate  # noqa: F401
    from unlearn_bib.csl.items import item_class, source_class

    item_class()
    source_class()
    style.root.formatter = NeutralFormatter
    compiled.prepare_sort(style.root.bibliography.layout)


def _pipeline_slice(bounds: tuple[int, int]) -> list[tuple[str, str]]:
    style, items, prepare, finish = _PIPELINE
    start, stop = bounds
    return render_bibliography(style, prepare(items[start:stop]), finish=finish, first_number=start + 1,
                               parallel=False)


def _independent(style) -> bool:
    from unlearn_bib.csl.disambiguate import needed

    bibliography = style.root.bibliography
    return (bibliography.find(f"{{{CSL_NS}}}sort") is None
            and not bibliography.get("subsequent-author-substitute")
            and not needed(style))


def render_bibliography(style, items: list[dict], formatter=NeutralFormatter, finish=None,
                        first_number: int = 1, parallel: bool = True) -> list[tuple[str, str]]:
    """Register ``items`` (CSL-JSON, ids unique) in order, sort, render: [(id, neutral text)].

    Entries come back in bibliography order; an entry the style renders empty has "".
    ``finish(text)``, when given, post-processes each entry where it is rendered;
    ``first_number`` numbers a slice of a longer list.
    """
    from citeproc import Citation
    from citeproc.frontend import CitationStylesBibliography

    from unlearn_bib.csl.items import item_class, source_class

    CitationItem = item_class()
    CiteProcJSON = source_class()

    # citeproc-py lower-cases ids, so "Smith2020" and "smith2020" would collide: it gets
    # ids of our own (no style prints them) and we map them back.
    ids = [str(item["id"]) for item in items]
    # An item without a type (CSL-JSON allows it) matches no type condition, as in both engines.
    numbered = [{"type": "", **item, "id": f"item{index}"} for index, item in enumerate(items)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON(numbered)
        bibliography = CitationStylesBibliography(style, source, formatter)
        # What CitationStylesBibliography.register does for each citation, without its test
        # of every new key against the list of keys so far (quadratic); our ids are unique.
        for item in numbered:
            citation = Citation([CitationItem(item["id"])])
            citation.bibliography = bibliography
            citation.cites[0].pin()
            bibliography.items.append(citation.cites[0])
        bibliography.keys = [cite.key for cite in bibliography.items]
        from unlearn_bib.csl import compiled

        compiled.prepare_sort(style.root.bibliography.layout)  # compiled sort keys, where compiled
        bibliography.sort()
        from unlearn_bib.csl.disambiguate import disambiguate

        disambiguate(style, bibliography)
        positions = {key: index + first_number for index, key in enumerate(bibliography.keys)}
        for item in bibliography.items:
            item.pin(positions[item.key])
        texts = _render_entries(style.root.bibliography, bibliography.items, finish, parallel)
    out = [(ids[int(item.key[4:])], text) for item, text in zip(bibliography.items, texts)]
    _unlink(bibliography)
    return out


def _unlink(bibliography) -> None:
    """Break the reference cycles of a rendered list (each cite and its citation point at each
    other and at the bibliography), so that its objects are freed as soon as it is dropped.
    Left to the cyclic GC, they cost it one pass over everything made while rendering, with
    the GC paused (17 ms after 2,000 entries)."""
    for cite in bibliography.items:
        citation = dict.pop(cite, "citation", None)
        if citation is not None:
            citation.clear()
    bibliography.items = []


# Rendering one entry depends only on that entry once the list is sorted and year suffixes
# are assigned, except for subsequent-author-substitute (each entry looks at the one
# before). So large lists are rendered in slices by forked workers on the spare cores; the
# slices are joined in order, which makes the output identical to a single pass (tested).
_SHARED: list = []


def _render_slice(bounds: tuple[int, int]) -> list[str]:
    layout, items, finish = _SHARED
    start, stop = bounds
    from unlearn_bib.csl import compiled

    texts = compiled.render_entries(layout, items[start:stop])  # None: the style is not compiled
    if texts is None:
        texts = layout.render_entries(items[start:stop])
    return [finish(text) for text in texts] if finish else texts


def _render_entries(bibliography_element, items, finish=None, parallel=True) -> list[str]:
    layout = bibliography_element.layout
    jobs = workers.jobs_for(len(items)) if parallel else 1
    _SHARED[:] = [layout, items, finish]
    try:
        if jobs < 2 or bibliography_element.get("subsequent-author-substitute"):
            return _render_slice((0, len(items)))
        return workers.in_slices(_render_slice, workers.slices(len(items), jobs))
    finally:
        _SHARED.clear()
