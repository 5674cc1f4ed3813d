"""BibTeX titles in the case a CSL style expects: English titles to sentence case, braces kept.

A BibTeX title is typed in title case and protected where its case must not change
(``{BERT}``, ``{Bayesian}``); the style decides how to print it. A CSL style, on the other
hand, expects titles in sentence case and applies ``text-case="title"`` itself where its
manual wants title case (CSL 1.0.2, text-case: "title case conversion (with
text-case set to "title") for English-language items [...]; sentence case conversion
[...] "). So, as pandoc's BibTeX reader does, an English title (no ``langid``/``language``,
or an English one) is put in sentence case before the style sees it: a capitalised word
("Network") is lower-cased, except the first word and the first after a colon or a
sentence end (which is capitalised) that is not the last word; words with other capitals ("WHO", "LaTeX", "D2") stay, and so does what the
title protects with braces (``<span class="nocase">``, which ``read.bibvalues.rich_title``
writes). Titles in other languages are kept as typed.
"""
from __future__ import annotations

import re

NOCASE_OPEN = '<span class="nocase">'
_TAG = re.compile(r'</?(?:i|b|sup|sub)>|<span class="nocase">|<span style="[^"<>]*">|</span>')
_PLACEHOLDERS = 0xF0000  # supplementary private use: one character stands for each tag
_HIGH = re.compile("[\U000f0000-\U0010ffff]")  # a character at or above _PLACEHOLDERS


def _hide(text: str, tags: list[str]) -> str:
    tags.append(text)
    return chr(_PLACEHOLDERS + len(tags) - 1)


def is_english(language: str | None) -> bool:
    """No language, or an English one (``en``, ``en-US``, ``english``...)."""
    return not language or language.lower().startswith("en")


def sentence_case(rich: str) -> str:
    """A rich-text title (CSL tags, nocase spans) in sentence case, protected parts kept."""
    if not rich or _HIGH.search(rich):
        return rich
    from citeproc.string import MixedString, NoCase, String

    from unlearn_bib.csl.text import change_case

    tags: list[str] = []
    pieces: list = []  # String / NoCase, tags replaced by placeholders
    plain: list[str] = []
    depth = 0  # inside a nocase span: the spans nested in it
    position = 0
    for match in _TAG.finditer(rich):
        plain.append(rich[position:match.start()])
        position = match.end()
        tag = match.group(0)
        if tag == NOCASE_OPEN or depth:
            if tag.startswith("<span"):
                depth += 1
            elif tag == "</span>":
                depth -= 1
            if tag == NOCASE_OPEN and depth == 1:
                if plain:
                    pieces.append(String("".join(plain)))
                plain = []
                continue
            if depth == 0:  # the nocase span closes
                pieces.append(NoCase("".join(plain)))
                plain = []
                continue
        plain.append(_hide(tag, tags))
    plain.append(rich[position:])
    if depth:  # unbalanced: leave the title alone
        return rich
    if plain:
        pieces.append(String("".join(plain)))
    typed = MixedString(pieces)
    cased = list(change_case(typed, "sentence"))
    _last_word_lower(cased, str(typed))
    out = []
    for piece in cased:
        text = str(piece)
        out.append(f"{NOCASE_OPEN}{text}</span>" if isinstance(piece, NoCase) else text)
    return re.sub("[\U000f0000-\U000fffff]", lambda m: tags[ord(m.group(0)) - _PLACEHOLDERS], "".join(out))


# a word, with dotted parts ("v1.3.6", "e.g"), then trailing punctuation
_LAST_WORD = re.compile(r"(?<![^\W_])([^\W\d_][^\W_]*(?:\.[^\W_]+)*)([^\w]*)$")


def _last_word_lower(pieces: list, typed: str) -> None:
    """The last word is never a sentence start ("Alpha. delta.", "Alpha: delta"), as pandoc
    reads it: capitalised, it is lower-cased, unless it is the only word. A dotted word
    ("v1.3.6", "V2.1") keeps the case it was typed in."""
    from citeproc.string import NoCase, String

    for index in range(len(pieces) - 1, -1, -1):
        text = str(pieces[index])
        if not text.strip():
            continue
        if isinstance(pieces[index], NoCase):
            return
        match = _LAST_WORD.search(text)
        if not match:
            return
        word = match.group(1)
        others = text[:match.start()] + "".join(str(p) for p in pieces[:index])
        if "." in word:
            was = _LAST_WORD.search(typed)
            if was and was.group(1)[:1].islower() and word[:1].isupper():
                pieces[index] = String(text[:match.start()] + word[0].lower() + word[1:] + match.group(2))
            return
        if word[1:] == word[1:].lower() and word[:1].isupper() and re.search(r"[^\W_]", others):
            pieces[index] = String(text[:match.start()] + word.lower() + match.group(2))
        return


# --- TeX math in titles -------------------------------------------------------------------------

_MATH_SPAN = re.compile(r'<span class="nocase">([^<>]*\$[^<>]*)</span>')
_SCRIPT = re.compile(r"([_^])(?:\{([^{}]*)\}|(\S))")


def tex_scripts(rich: str) -> str:
    """Sub- and superscripts of TeX math in a title as CSL rich text, as pandoc reads them:
    ``CO$_2$`` -> ``CO<sub>2</sub>``, ``$L_1$`` -> ``L<sub>1</sub>`` (the math stays protected
    from case changes). Other math is left as ``read.bibvalues`` decoded it."""
    if "$" not in rich:
        return rich

    def script(match: re.Match) -> str:
        tag = "sub" if match.group(1) == "_" else "sup"
        body = match.group(2) if match.group(2) is not None else match.group(3)
        return f"<{tag}>{body}</{tag}>"

    def span(match: re.Match) -> str:
        inner = match.group(1)
        if not re.fullmatch(r"\$[^$]+\$", inner) or not _SCRIPT.search(inner):
            return match.group(0)
        return f'<span class="nocase">{_SCRIPT.sub(script, inner[1:-1])}</span>'

    return _MATH_SPAN.sub(span, rich)
