"""A user's own bibliography (.bib or CSL-JSON) read into CSL items for the formatting layer.

The catalog is one source of CSL items (``export.csljson``); a CSL-JSON file is another
(``csljson_read``: passed through as it is, checked), a .bib a third (``bibcsl``: mapped as
pandoc maps it). None of them goes through the catalog's ``Paper`` model.
"""
from __future__ import annotations

from typing import TYPE_CHECKING


if TYPE_CHECKING:  # not imported at run time: `export` of a catalog asks only is_foreign()
    from unlearn_bib.items.check import CSLItems

SUFFIXES = (".bib", ".json")


def is_foreign(path: str | None) -> bool:
    """True for a .bib or CSL-JSON file (formatted as CSL items), False for a catalog."""
    return bool(path) and str(path).lower().endswith(SUFFIXES)


def load_items(path: str, partial: bool = False) -> CSLItems:
    """Read a .bib or CSL-JSON .json file into CSL items, or raise UnlearnBibError (FILE:LINE).

    ``partial``: entries with problems are left out and listed in ``problems``; the file fails
    only when it cannot be parsed or no entry is sound."""
    from unlearn_bib.files.read import read_text
    from unlearn_bib.files.yamlio import gc_paused

    text = read_text(path, bom=True)
    with gc_paused():  # thousands of items, all of which survive: no cyclic GC rescans while they are built
        if str(path).lower().endswith(".bib"):
            from unlearn_bib.items.from_bib import read_bibtex

            return read_bibtex(text, str(path), partial)
        from unlearn_bib.items.from_json import read_csljson

        return read_csljson(text, str(path), partial)


def item_ids(queries: tuple[str, ...], items: CSLItems) -> tuple[str, ...]:
    """Each query as an item id: an id as it is, or a DOI or arXiv id (or its URL) that one
    item carries in ``DOI``, ``URL`` or ``number``; anything else is left for ``pick`` to report."""
    known = {item["id"] for item in items.items}
    out = []
    for query in queries:
        if query in known:
            out.append(query)
            continue
        from unlearn_bib.match.identify import identifiers

        ids = identifiers(query)
        wanted = {d.lower() for d in ids.doi} | {a.lower() for a in ids.arxiv}
        found = [item["id"] for item in items.items if wanted and wanted & _item_identifiers(item)]
        out.append(found[0] if len(found) == 1 else query)
    return tuple(out)


def _item_identifiers(item: dict) -> set[str]:
    from unlearn_bib.match.identify import identifiers

    found = {str(item.get("DOI", "")).lower()} - {""}
    for field in ("URL", "number"):
        if item.get(field):
            ids = identifiers(str(item[field]))
            found |= {a.lower() for a in ids.arxiv} | {d.lower() for d in ids.doi}
    return found
