"""A .bib title as CSL rich text: ``{Braced}`` words become ``nocase`` spans, ``\\emph{..}``,
``{\\bf ..}`` and their kin become tags (as pandoc reads them), the rest is decoded by
``text.latex.decode``. Linear in the length of the value."""
from __future__ import annotations

import re

from unlearn_bib.text.braces import closing
from unlearn_bib.text.latex import decode as _decode
from unlearn_bib.text.latex import plain as latex_text

_COMMAND = re.compile(r"\\(?:[A-Za-z]+\s*|.?)", re.S)


def _past_group(value: str, start: int) -> int:
    """Index just after the brace group opened at ``start`` (or the end of the text)."""
    end = closing(value, start, escapes=True)
    return end + 1 if end >= 0 else len(value)


def _math_end(value: str, start: int) -> int:
    """Index of the ``$`` closing the inline math opened at ``start`` (-1: none)."""
    index = start + 1
    while index < len(value):
        if value[index] == "\\":
            index += 2
            continue
        if value[index] == "$":
            return index if index > start + 1 else -1
        index += 1
    return -1


_STYLE_COMMANDS = {"emph": "i", "textit": "i", "textbf": "b", "textsc": "sc",
                   "textsuperscript": "sup", "textsubscript": "sub"}
_PROTECTING = frozenset({"texttt", "textsf", "textup", "textmd", "textnormal", "mbox"})
_STYLE_SWITCH = re.compile(r"\{\\(em|it|bf)(?![A-Za-z])\s*")  # {\em ...}; pandoc keeps {\sc ...} a protected group
_SWITCHES = {"em": "i", "it": "i", "bf": "b"}
_TAGS = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
         "sc": ('<span style="font-variant:small-caps;">', "</span>")}
_TAG_LIKE = re.compile(r"<(?=/?(?:i|b|sup|sub|span)[\s>])", re.I)


def literal(text: str) -> str:
    """Decoded text for a CSL field: a ``<`` that would read as a CSL rich-text tag is made a
    protected character, so a literal ``<i>`` in a .bib prints as it is written."""
    return _TAG_LIKE.sub('<span class="nocase"><</span>', text) if "<" in text else text


def rich_title(value: str) -> str:
    """A title: top-level ``{Words}`` become ``<span class="nocase">`` (their case is kept by
    every style), ``{\\"O}``-style groups are just characters, ``\\emph{..}``, ``{\\bf ..}`` and
    their kin become CSL rich-text tags (as pandoc reads them)."""
    return " ".join(_rich(value).split())


def _plain(value: str) -> str:
    return literal(_decode(value))


def _rich(value: str) -> str:
    """``rich_title``'s work, white space not yet collapsed (arguments recurse)."""
    out: list[str] = []
    plain_start = index = depth = group_start = 0
    while index < len(value):
        ch = value[index]
        if ch == "\\":
            command = _COMMAND.match(value, index)
            index = command.end()
            if depth == 0 and value.startswith("{", index):  # an argument, not a protected group
                end = _past_group(value, index)
                name = command.group(0)[1:].strip()
                kind = _STYLE_COMMANDS.get(name)
                if name == "href":  # \href{url}{text}: the text, a group of its own
                    out.append(_plain(value[plain_start:command.start()]))
                    plain_start = index = end
                    continue
                if kind or name in _PROTECTING:
                    # an argument's letters are at brace level 1, which BibTeX never recases;
                    # pandoc and citeproc-js keep small capitals and typewriter text as typed too
                    out.append(_plain(value[plain_start:command.start()]))
                    inner = _rich(value[index + 1:end - 1])
                    if kind == "sc" or name in _PROTECTING:
                        inner = f'<span class="nocase">{inner}</span>' if inner.strip() else inner
                    opening, closing = _TAGS[kind] if kind else ("", "")
                    out.append(opening + inner + closing)
                    plain_start = end
                index = end
            continue
        if ch == "$" and depth == 0:  # math: decoded to Unicode and, as pandoc does, never recased
            end = _math_end(value, index)
            if end > index:
                out.append(_plain(value[plain_start:index]))
                inner = _math(value[index + 1:end])
                out.append(f'<span class="nocase">{inner}</span>' if inner else "")
                index = plain_start = end + 1
                continue
        if ch == "{":
            if depth == 0:
                group_start = index
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            switch = _STYLE_SWITCH.match(value, group_start) if depth == 0 else None
            if switch:
                out.append(_plain(value[plain_start:group_start]))
                opening, closing = _TAGS[_SWITCHES[switch.group(1)]]
                out.append(opening + _rich(value[switch.end():index]) + closing)
                plain_start = index + 1
            elif depth == 0 and not value.startswith("{\\", group_start):
                out.append(_plain(value[plain_start:group_start]))
                inner = value[group_start + 1:index]
                inner = _rich(inner) if _has_style(inner) else literal(latex_text(inner))
                out.append(f'<span class="nocase">{inner}</span>' if inner.strip() else "")
                plain_start = index + 1
        index += 1
    out.append(_plain(value[plain_start:]))
    return "".join(out)


_SCRIPT = re.compile(r"([_^])(?:\{([^{}]*)\}|(\\[A-Za-z]+|[^\s\\{}]))")


_OPERATOR = re.compile(r"\\(log|lg|ln|exp|sin|cos|tan|cot|sec|csc|sinh|cosh|tanh|arg|max|min|sup|inf|lim|det|dim|"
                       r"ker|deg|gcd|Pr)(?![A-Za-z])\s*")


def _math(tex: str) -> str:
    """Inline math as rich text: sub- and superscripts as <sub>/<sup> (``CO$_2$``, ``$L_1$``, ``x$^2$``,
    as pandoc reads them), the rest decoded to Unicode; an operator name keeps the space LaTeX
    sets after it ("O(n \\log n)" is "O(n log n)")."""
    tex = _OPERATOR.sub(lambda m: m.group(1) + (" " if tex[m.end():m.end() + 1].isalnum() else ""), tex)
    out, last = [], 0
    for match in _SCRIPT.finditer(tex):
        if tex[last:match.start()].strip():
            out.append(literal(latex_text(f"${tex[last:match.start()]}$")))
        tag = "sub" if match.group(1) == "_" else "sup"
        body = match.group(2) if match.group(2) is not None else match.group(3)
        out.append(f"<{tag}>{literal(latex_text(f'${body}$'))}</{tag}>")
        last = match.end()
    if tex[last:].strip():
        out.append(literal(latex_text(f"${tex[last:]}$")))
    return "".join(out)


def _has_style(value: str) -> bool:
    """True if ``value`` holds a command ``_rich`` turns into rich text."""
    return any(f"\\{name}" in value for name in (*_STYLE_COMMANDS, *_SWITCHES))
