"""Formatted reference lists (plain text, Markdown, HTML) in a CSL style, via citeproc-py.

The pipeline per entry: CSL-JSON items (``csljson.items``) -> ``csl.prepare``
(input corrections) -> citeproc-py with the project's element classes (the ``csl``
package) -> ``csl.finish`` (output corrections) ->
one of the three serialisers here. Output: one entry per paragraph, paragraphs separated by a blank
line, never hard-wrapped.
"""
from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.csl import MARK, MARKERS
from unlearn_bib.text.markdown import escape as escape_markdown

if TYPE_CHECKING:  # a list formatted from a .bib or CSL-JSON file never needs the catalog model
    from unlearn_bib.catalog.model import Catalog

FORMATS = ("text", "markdown", "html")


@dataclass(frozen=True)
class Entry:
    key: str
    text: str  # neutral text: formatting as csl.MARK characters
    doi: str = ""
    url: str = ""

    @property
    def links(self) -> tuple[tuple[str, str], ...]:
        """(text as printed, target), longest first: what Markdown and HTML make a hyperlink."""
        return _links(self.doi, self.url)


def _links(doi: str, url: str) -> tuple[tuple[str, str], ...]:
    """Only http(s) targets (a malformed DOI or a javascript: URL stays plain, escaped text)."""
    from unlearn_bib.catalog.identifiers import doi_link, web_link

    pairs: dict[str, str] = {}
    target = doi_link(doi)
    if target:
        pairs[target] = target
        pairs[f"http://dx.doi.org/{doi}"] = target
        pairs[f"https://dx.doi.org/{doi}"] = target
        pairs[doi] = target
    if web_link(url):
        pairs[url] = web_link(url)
    return tuple(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


def format_items(items: list[dict], style: str, *, memo: bool = True) -> list[Entry]:
    """Render CSL-JSON items as a bibliography in ``style`` (a name or a .csl path).

    ``memo=False`` renders without the memoised style look-ups (same output, slower).
    """
    from unlearn_bib.csl import styles
    from unlearn_bib import csl

    resolved = styles.resolve(style)
    engine_style = csl.load_style(str(resolved.path), None, memo)
    try:
        rendered = csl.render_list(
            engine_style, items,
            prepare=lambda chosen: csl.prepare(chosen, engine_style),
            finish=lambda text: csl.finish(text, engine_style))
    except UnlearnBibError:
        raise
    except Exception as exc:  # citeproc-py failing on a style it does not support
        if os.environ.get("UNLEARN_BIB_DEBUG"):
            raise
        raise UnlearnBibError(
            f"{resolved.path}: citeproc-py cannot format these references in this style "
            f"({type(exc).__name__}: {' '.join(str(exc).split())})"
        ) from None
    by_id = {str(item["id"]): item for item in items}
    return [Entry(key, text, by_id[key].get("DOI", ""), by_id[key].get("URL", "")) for key, text in rendered]


def entries(catalog: Catalog, style: str, keys: tuple[str, ...] = ()) -> list[Entry]:
    """The catalog's papers (or just ``keys``, in that order) as formatted entries."""
    from unlearn_bib.export import csljson

    if not keys:
        return format_items(csljson.items(catalog), style)
    chosen = []
    for key in dict.fromkeys(keys):
        paper = catalog.get(key)
        if paper is None:
            from unlearn_bib.text.suggest import did_you_mean

            hint = did_you_mean(key, [p.key for p in catalog])
            hint = f" ({hint})" if hint else ""
            raise UnlearnBibError(f"{catalog.path or 'catalog'}: no paper with key {key!r}{hint}")
        chosen.append(csljson.item(paper))
    return format_items(chosen, style)


def render(catalog: Catalog, style: str, fmt: str) -> str:
    """The whole (filtered) catalog as a reference list in ``fmt`` (text, markdown, html)."""
    return serialise(entries(catalog, style), fmt, style)


def cite(catalog: Catalog, keys: tuple[str, ...], style: str, fmt: str = "text") -> str:
    """Just the entries for ``keys``, in the order given, ready to paste."""
    return serialise(entries(catalog, style, keys), fmt, style)


# --- serialisers ------------------------------------------------------------------------------

# What pandoc's citeproc writes for a style with hanging-indent="true" (APA, Chicago, MLA, ...),
# inline so that it survives pasting into a word processor.
HANGING = "margin-left: 2em; text-indent: -2em"


@lru_cache(maxsize=64)
def hanging_indent(style: str) -> bool:
    """Does the CSL style lay out its bibliography with a hanging indent?"""
    from unlearn_bib.csl import styles

    text = styles.resolve(style).path.read_text(encoding="utf-8", errors="replace")
    found = re.search(r"<bibliography\b[^>]*>", text)
    return bool(found and re.search(r'\bhanging-indent\s*=\s*["\']true["\']', found.group(0)))


def serialise(items: list[Entry], fmt: str, style: str | None = None) -> str:
    """Entries as text, Markdown or HTML; HTML gets the ``style``'s hanging indent when it has one."""
    if fmt == "text":
        return "".join(("\n" if i else "") + to_text(e) + "\n" for i, e in enumerate(items))
    if fmt == "markdown":
        return "".join(("\n" if i else "") + to_markdown(e) + "\n" for i, e in enumerate(items))
    if fmt == "html":
        hanging = bool(style) and hanging_indent(style)
        indent = f' style="{HANGING}"' if hanging else ""
        body = "".join(f'  <p class="csl-entry" id="ref-{html.escape(e.key, quote=True)}"{indent}>{to_html(e)}</p>\n'
                       for e in items)
        kind = "csl-bib-body hanging-indent" if hanging else "csl-bib-body"
        return f'<meta charset="utf-8">\n<div class="{kind}">\n{body}</div>\n'
    raise UnlearnBibError(f"unknown citation format {fmt!r} (known: {', '.join(FORMATS)})")


# a run of white space that is not already one space (a lone space matched too made this 2x slower)
_SPACES = re.compile(r"[ \t\r\n\f\v]{2,}|[\t\r\n\f\v]")
_UNMARK = re.compile(f"[{re.escape(MARKERS)}]")  # 5x faster than str.translate with a table


def _one_line(text: str) -> str:
    """Runs of spaces and line breaks become one space (a no-break space stays)."""
    return _SPACES.sub(" ", text).strip(" ")


_SUB = dict(zip("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎"))
_SUP = dict(zip("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾"))


def _script(match: re.Match) -> str:
    """A sub- or superscript of digits and signs in Unicode's own characters (CO₂, 10⁶), as
    pandoc writes plain text; anything else as it is."""
    table = _SUB if match.group(1) == MARK["sub"][0] else _SUP
    body = match.group(2)
    return "".join(table[c] for c in body) if all(c in table for c in body) else body


_SCRIPTS = re.compile(f"([{MARK['sub'][0]}{MARK['sup'][0]}])([^{MARKERS}]*)[{MARK['sub'][1]}{MARK['sup'][1]}]")


def to_text(entry: Entry) -> str:
    text = entry.text
    if MARK["sub"][0] in text or MARK["sup"][0] in text:
        text = _SCRIPTS.sub(_script, text)
    return _one_line(_UNMARK.sub("", text))


def _segments(entry: Entry):
    """Split neutral text into ("text", s), ("mark", char) and ("link", (shown, target)) pieces."""
    text = tidy_marks(_one_line(entry.text))
    links = entry.links
    patterns = [re.escape(shown) for shown, _ in links]
    targets = dict(links)
    token = re.compile("|".join(patterns + [f"[{MARKERS}]"])) if patterns else re.compile(f"[{MARKERS}]")
    pos = 0
    for match in token.finditer(text):
        if match.start() > pos:
            yield "text", text[pos:match.start()]
        found = match.group(0)
        if found in targets:
            yield "link", (found, targets[found])
        else:
            yield "mark", found
        pos = match.end()
    if pos < len(text):
        yield "text", text[pos:]


def tidy_marks(text: str) -> str:
    """Move spaces out of formatted spans and drop empty spans (Markdown needs both)."""
    for _ in range(3):
        before = text
        for opening, closing in MARK.values():
            text = re.sub(f"{opening}(\\s+)", f"\\1{opening}", text)
            text = re.sub(f"(\\s+){closing}", f"{closing}\\1", text)
            text = text.replace(opening + closing, "")
        if text == before:
            break
    return text


_HTML_TAGS = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
              "sc": ('<span style="font-variant:small-caps">', "</span>"), "u": ("<u>", "</u>")}
_MD_TAGS = {"i": ("*", "*"), "b": ("**", "**"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
            "sc": ("", ""), "u": ("", "")}


def _marker_table(tags: dict) -> dict[str, str]:
    table = {}
    for kind, (opening, closing) in MARK.items():
        table[opening], table[closing] = tags[kind]
    return table


def to_html(entry: Entry) -> str:
    table = _marker_table(_HTML_TAGS)
    out = []
    for kind, value in _segments(entry):
        if kind == "text":
            out.append(html.escape(value, quote=False))
        elif kind == "mark":
            out.append(table[value])
        else:
            shown, target = value
            out.append(f'<a href="{html.escape(target, quote=True)}">{html.escape(shown, quote=False)}</a>')
    return re.sub(r"<(i|b|sup|sub|u)></\1>", "", "".join(out))


def to_markdown(entry: Entry) -> str:
    table = _marker_table(_MD_TAGS)
    kinds = {c: kind for kind, pair in MARK.items() for c in pair}
    depth = dict.fromkeys(MARK, 0)  # italic data inside an italic title: one pair of "*", not nested ones
    out = []
    for kind, value in _segments(entry):
        if kind == "text":
            out.append(escape_markdown(value))
        elif kind == "mark":
            opening = value == MARK[kinds[value]][0]
            depth[kinds[value]] += 1 if opening else -1
            if depth[kinds[value]] == (1 if opening else 0):
                out.append(table[value])
        else:
            shown, target = value
            encoded = target.replace("(", "%28").replace(")", "%29")  # cannot end the link early
            out.append(f"<{target}>" if shown == target else f"[{escape_markdown(shown)}]({encoded})")
    text = "".join(out)
    # A leading "1." or "#" would start a list or a heading.
    text = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)
    return re.sub(r"^([#+-])", r"\\\1", text)
