"""Corrections around citeproc-py: items in (typographic quotes, particles), rendered text out (punctuation, quotes).

``prepare`` runs on the CSL-JSON items before citeproc-py sees them, ``finish`` on each
rendered entry; both rely on the marks and rules of ``text``.
"""
from __future__ import annotations

import re

from unlearn_bib.csl.base import CLOSERS, OPENERS
from unlearn_bib.csl.richtext import to_marks
from unlearn_bib.csl.text import COMMA_SUFFIX, DATA_QUOTES, FIX_MARKS, GLUE, QUOTE_END, QUOTE_START, VAR_END, VAR_START, ZERO_WIDTH


# --- input: typographic quotes (cause 7) -------------------------------------------------------------

_VERBATIM_FIELDS = frozenset({"id", "type", "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "language"})


def smart_quotes(text: str) -> str:
    """Quotes as pandoc reads them: "x" and 'x' become quotations (marked with
    ``DATA_QUOTES`` until ``finish`` knows their nesting); don't, O'Neill, '22 get ’.
    Typographic quotes typed in the data (“x”, ‘x’) are quotations too: inside a quoted
    title they become the inner marks, as pandoc and citeproc-js print them."""
    if "'" not in text and '"' not in text and "“" not in text and "‘" not in text:
        return text
    outer_open, outer_close, inner_open, inner_close = DATA_QUOTES
    out = []
    double_open = False
    single_open = False
    for index, ch in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        at_start = before.isspace() or before in "([{-–—/" + DATA_QUOTES + OPENERS
        if ch == '"' or ch == "“" or (ch == "”" and double_open):
            if not double_open and ch != "”" and (ch == "“" or (at_start and not after.isspace())):
                out.append(outer_open)
                double_open = True
            elif double_open and ch != "“":
                out.append(outer_close)
                double_open = False
            else:
                out.append(ch)
        elif ch == "'" or ch == "‘" or (ch == "’" and single_open):
            closes_later = re.search(r"[^\s]['’](?![^\W_])", text[index + 1:]) is not None
            if not single_open and ch != "’" and (at_start or ch == "‘") and after.isalpha() and closes_later:
                out.append(inner_open)
                single_open = True
            elif single_open and ch != "‘" and not after.isalnum() and before not in " ":
                out.append(inner_close)
                single_open = False
            else:
                out.append("’" if ch == "'" else ch)
        else:
            out.append(ch)
    if double_open:  # unbalanced: leave the quote as it was typed
        at = out.index(outer_open)
        out[at] = text[at]
    if single_open:
        at = out.index(inner_open)
        out[at] = "’" if text[at] == "'" else text[at]
    return "".join(out)


def _smarten(value, field: str = ""):
    if field in _VERBATIM_FIELDS:
        return value
    if isinstance(value, str):
        return smart_quotes(value)
    if isinstance(value, list):
        return [_smarten(v) for v in value]
    if isinstance(value, dict):
        return {k: _smarten(v, k) for k, v in value.items()}
    return value


def _glue_particles(value):
    """'al-' + 'Farsi' is "al-Farsi", not "al- Farsi" (citeproc-py joins with a space); a
    "comma-suffix" is marked on its suffix."""
    if isinstance(value, list):
        return [_glue_particles(v) for v in value]
    if isinstance(value, dict):
        if "comma-suffix" in value:
            # CSL-JSON's "comma-suffix": "Bill Gates, III", as pandoc and citeproc-js print it
            # (citeproc-py knows no such name part): marked, the comma is put in by ``finish``.
            value = {k: v for k, v in value.items() if k != "comma-suffix"}
            if value.get("suffix"):
                value["suffix"] = COMMA_SUFFIX + value["suffix"]
        particle = value.get("non-dropping-particle")
        if isinstance(particle, str) and particle[-1:] in "-'’":
            return {**value, "non-dropping-particle": particle + GLUE}
    return value


# Deleting characters: a regular expression is ~10x faster than str.translate with a table.
_STRIP_MARKS = re.compile("[" + re.escape("".join((*ZERO_WIDTH, *DATA_QUOTES))) + "]")


def _strip_marks(value):
    if isinstance(value, str):
        return _STRIP_MARKS.sub("", value)
    if isinstance(value, list):
        return [_strip_marks(v) for v in value]
    if isinstance(value, dict):
        return {k: _strip_marks(v) for k, v in value.items()}
    return value


def _untouched(value) -> bool:
    """Text none of the input corrections changes: ASCII (so no marks and no typographic quotes),
    without a straight quote or a tag (most values: they skip the three passes)."""
    return value.__class__ is str and value.isascii() and '"' not in value and "'" not in value and "<" not in value


def prepare(items: list[dict], style) -> list[dict]:
    """CSL-JSON items as citeproc-py should see them (copies; the input is not changed).

    Fix (cause 7): straight quotes become typographic as pandoc reads them ("O’Neill",
    “Marks”), except in URLs and identifiers. Private-use characters, which we use as
    marks, are removed from the data first; then CSL rich text (``<i>``, ``<b>``, ...) in
    a field becomes those marks (``richtext``).
    """
    from citeproc import NAMES

    out = []
    for item in items:
        copy = {}
        for field, value in item.items():
            if field in _VERBATIM_FIELDS or _untouched(value):
                pass
            elif value.__class__ is list and all(v.__class__ is dict and all(_untouched(x) for x in v.values())
                                                 for v in value):
                value = [dict(v) for v in value]  # names none of the corrections below changes
            else:
                value = _strip_marks(value)
                if isinstance(value, str):
                    value = to_marks(value)
                value = _smarten(value, field)
            if field.replace("-", "_") in NAMES:
                value = _glue_particles(value)
            copy[field] = value
        out.append(copy)
    return out


# --- output: punctuation (causes 2 and 4) ----------------------------------------------------------------

# pandoc's (and citeproc-js') table for two punctuation marks meeting at a seam:
# 1 = keep the first, 2 = keep the second; pairs not listed keep both.
_COLLISIONS = {
    ("!", "."): 1, ("!", ":"): 1, ("?", "."): 1, ("?", ":"): 1, (":", "!"): 2, (":", "?"): 2,
    (":", "."): 1, (";", "!"): 2, (";", "?"): 2, (";", ":"): 1, (";", "."): 1, ("!", "!"): 1,
    ("?", "?"): 1, (".", "."): 1, (":", ":"): 1, (";", ";"): 1, (",", ","): 1,
    (" ", " "): 2, (" ", ","): 2, (" ", "."): 2,
}
_DROP_ZERO_WIDTH = re.compile("[" + re.escape("".join(ZERO_WIDTH)) + "]")
_DROP_FIX_MARKS = re.compile("[" + re.escape("".join(FIX_MARKS)) + "]")
_QUOTE_LIKE = frozenset("\"'”’»")
_END_PUNCT = frozenset(".,;:!?")


def _protected_spans(chars: list[str]) -> list[int]:
    """For each character, the id of the variable value it belongs to (0 = style text)."""
    ids = []
    depth = 0
    current = 0
    counter = 0
    for ch in chars:
        if ch == VAR_START:
            depth += 1
            if depth == 1:
                counter += 1
                current = counter
        elif ch == VAR_END:
            depth = max(depth - 1, 0)
            if depth == 0:
                current = 0
        ids.append(current)
    return ids


# Any visible pair the table (or the look-through-quotes rule) could act on matches this;
# most entries have none and skip the character-by-character pass.
_SEAM_CANDIDATE = re.compile("|".join(re.escape(a + b) for a, b in _COLLISIONS) + "|[\"'”’»]\\.")
_LOOK_THROUGH = _QUOTE_LIKE | {" "}
_FIRSTS = frozenset(a for a, _ in _COLLISIONS) | _QUOTE_LIKE  # the first of a pair any rule acts on


def _fix_seams(text: str) -> str:
    """Apply the collision table wherever two marks meet, except inside one variable's value.

    After each change the pairs are looked at again from the start, as the marks that meet
    change. Only visible characters are deleted, so the variable each remaining character
    belongs to stays as it was."""
    if not _SEAM_CANDIDATE.search(_DROP_ZERO_WIDTH.sub("", text)):
        return text
    chars = list(text)
    spans = _protected_spans(chars)
    while True:
        shown = [i for i, ch in enumerate(chars) if ch not in ZERO_WIDTH]  # the visible characters
        for k in [k for k, i in enumerate(shown[:-1]) if chars[i] in _FIRSTS]:
            index, following = shown[k], shown[k + 1]
            first, second = chars[index], chars[following]
            inside = spans[index] and spans[index] == spans[following]
            if inside:
                continue
            rule = _COLLISIONS.get((first, second))
            if rule is None and second == "." and first in _QUOTE_LIKE and not spans[index]:
                # "Enough?”." -> "Enough?”": look through the style's closing quotes (pandoc #179);
                # a quote mark typed in a value (publisher={" O'Reilly Media, Inc."}) keeps the period
                back = k
                while back >= 0 and chars[shown[back]] in _LOOK_THROUGH:
                    back -= 1
                if back >= 0 and _COLLISIONS.get((chars[shown[back]], ".")) == 1:
                    rule = 1
            if rule is not None:
                gone = following if rule == 1 else index
                del chars[gone]
                del spans[gone]
                break
        else:
            return "".join(chars)


_QUOTE_ENDS = re.compile(QUOTE_END)
_AFTER_QUOTE = re.compile(f"([{QUOTE_END}{CLOSERS}{VAR_END}]*)([.,])")


def _punctuation_in_quote(text: str) -> str:
    """Move a period or comma after a generated closing quote inside it: "…priors”," ->
    "…priors,”". A period is dropped when the quotation already ends in punctuation
    ("Enough?”"); a comma stays after "?", "!" or "." ("Models?,” in", "Brain.,” Neuron"), as CSL 1.0.2 has it: for
    quoted output "followed by a comma or period, punctuation-in-quote specifies whether this
    punctuation is placed outside (value "false", default) or inside (value "true") the
    closing quotation mark" (citeproc-js does so; pandoc drops the comma)."""
    out = []
    position = 0
    for match in _QUOTE_ENDS.finditer(text):
        end = match.end()
        follow = _AFTER_QUOTE.match(text, end)
        if not follow or not follow.group(2):
            continue
        quote_at = match.start() - 1  # the closing quote character
        content = text[:quote_at]
        last = next((c for c in reversed(content) if c not in ZERO_WIDTH), "")
        out.append(text[position:quote_at])
        if last not in _END_PUNCT or (follow.group(2) == "," and last in "?!."):
            out.append(follow.group(2))
        out.append(text[quote_at:match.end()] + follow.group(1))
        position = follow.end()
    out.append(text[position:])
    return "".join(out)


def _place_quotes(text: str, style) -> str:
    """Quotation marks from the data, alternating with the generated ones (flip-flop):
    a quotation inside a quoted title gets the inner marks, "“…‘x’…”"."""
    def term(name, fallback):
        return str(style.root.get_single_term(name=name) or "") or fallback

    outer = (term("open-quote", "“"), term("close-quote", "”"))
    inner = (term("open-inner-quote", "‘"), term("close-inner-quote", "’"))
    out = []
    depth = 0
    opened: list[bool] = []
    for ch in text:
        if ch == QUOTE_START:
            depth += 1
        elif ch == QUOTE_END:
            depth = max(depth - 1, 0)
        elif ch in DATA_QUOTES:
            # The marks depend on the nesting only, not on the marks typed: 'x' outside any
            # quotation prints as “x” (en-US), inside a quoted title as ‘x’ (pandoc and
            # citeproc-js alike).
            if DATA_QUOTES.index(ch) % 2 == 0:
                level = depth % 2 == 1  # True: inner marks
                opened.append(level)
                depth += 1
                ch = (inner if level else outer)[0]
            else:
                depth = max(depth - 1, 0)
                level = opened.pop() if opened else depth % 2 == 1
                ch = (inner if level else outer)[1] + QUOTE_END  # punctuation-in-quote applies here too
        out.append(ch)
    return "".join(out)


def finish(text: str, style) -> str:
    """Corrections on one rendered entry (neutral text); removes the fix marks."""
    if any(c in text for c in DATA_QUOTES):
        text = _place_quotes(text, style)
    text = _fix_seams(text)
    if QUOTE_END in text and str(style.root.get_locale_option("punctuation-in-quote")).lower() == "true":
        for _ in range(4):  # through nested quotations: ‘ggplot2,’” (citeproc-js)
            before, text = text, _punctuation_in_quote(text)
            if text == before:
                break
    if GLUE in text:
        text = re.sub(f"{GLUE}\\s*", "", text)
    if COMMA_SUFFIX in text:
        text = re.sub(f"\\s*{COMMA_SUFFIX}", ", ", text)
    return _DROP_FIX_MARKS.sub("", text)
