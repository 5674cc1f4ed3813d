"""Pure text rules behind the citeproc-py fixes: marks, text case, collation, quotes, punctuation.

Nothing here renders; ``citeproc_fixes`` (the element classes) and ``citations`` call these.
The marks are private-use characters the element classes put into rendered text where a
rule needs to know what citeproc-py knew: where a generated quotation or a variable's value
begins and ends. ``finish`` removes them.
"""
from __future__ import annotations

import re
import unicodedata

from citeproc.string import MixedString, NoCase, String

from unlearn_bib.export.citeproc_engine import CLOSERS, MARKERS

QUOTE_START = "\ue00d"  # right after an opening quote citeproc-py generated
QUOTE_END = "\ue00e"  # right after its closing quote
VAR_START = "\ue010"  # around a text variable's value: punctuation inside it is data
VAR_END = "\ue011"
GLUE = "\ue016"  # after a particle ending in "-" or "'": no space before the family name
FIX_MARKS = QUOTE_START + QUOTE_END + VAR_START + VAR_END + GLUE
ZERO_WIDTH = frozenset(MARKERS + FIX_MARKS)
# Quotation marks found in the data, until ``finish`` knows how deep they are nested:
# outer open/close, inner open/close.
DATA_QUOTES = "\ue012\ue013\ue014\ue015"


# --- text case (causes 6, 12, 13) -------------------------------------------------------------

STOP_WORDS = frozenset(
    "a an and as at but by down for from in into nor of on onto or over so the till to up via with yet "
    "about van von de d l".split()
)
_TRANSPARENT = ZERO_WIDTH | frozenset(DATA_QUOTES) | frozenset("“”‘’")
_WORD_BREAKS = frozenset("-/\u2013\u2014")
START, START_SENTENCE, AFTER_WORD_END, AFTER_WORD_CHAR, AFTER_SENTENCE_PUNCT, BEFORE_LAST = range(6)


def _kind(ch: str) -> str | None:
    if ch in _TRANSPARENT:
        return None
    if ch.isalnum():
        return "word"
    if ch.isspace():
        return "space"
    if unicodedata.category(ch).startswith("P"):
        return "punct"
    return None  # a symbol: a chunk of its own


def _chunks(text: str):
    """Runs of letters/digits, of spaces, of punctuation; anything else alone (pandoc's split)."""
    start = 0
    while start < len(text):
        kind = _kind(text[start])
        end = start + 1
        if kind is not None:
            while end < len(text) and _kind(text[end]) == kind:
                end += 1
        yield text[start:end]
        start = end


def _next_state(state: int, chunk: str) -> int:
    last = chunk[-1]
    if last in ".?!:":
        return AFTER_SENTENCE_PUNCT
    if last.isalnum():
        return AFTER_WORD_CHAR
    if last.isspace() and state == AFTER_SENTENCE_PUNCT:
        return START_SENTENCE
    if last.isspace() or last in _WORD_BREAKS:
        return AFTER_WORD_END
    return state  # other punctuation and symbols leave the state as it was


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]


def _mixed(word: str) -> bool:
    return any(c.isupper() for c in word) and any(c.islower() for c in word)


def _title_word(state: int, word: str) -> str:
    if _mixed(word) or all(c.isupper() or not c.isalpha() for c in word):
        return word
    if state in (START, START_SENTENCE):
        return _capitalize(word.lower())
    if state == AFTER_WORD_END and word not in STOP_WORDS and len(word) > 1:
        return _capitalize(word.lower())
    if state == BEFORE_LAST and len(word) > 1:
        return _capitalize(word.lower())
    return word


def _sentence_word(state: int, word: str) -> str:
    capitalized = word[:1].isupper() and word[1:] == word[1:].lower()
    if capitalized and state not in (START, START_SENTENCE):
        return word.lower()
    if (capitalized or word.islower()) and state in (START, START_SENTENCE):
        return _capitalize(word.lower())
    return word


WORD_RULES = {
    "title": _title_word,
    "sentence": _sentence_word,
    "capitalize-first": lambda st, w: _capitalize(w) if st == START and w.islower() and not _mixed(w) else w,
    "capitalize-all": lambda st, w: _capitalize(w) if st in (START, START_SENTENCE, AFTER_WORD_END, BEFORE_LAST)
    and w.islower() and not _mixed(w) else w,
}


def _last_word_start(segments: list[tuple[str, bool]]) -> tuple[int, int] | None:
    """(segment, offset) where the last word starts, if it is a plain word (pandoc's last Str)."""
    whole = "".join(text for text, _ in segments)
    stripped = whole.rstrip("".join(ZERO_WIDTH))
    if not stripped or stripped[-1].isspace():
        return None
    start = max(stripped.rfind(" "), stripped.rfind("\t")) + 1
    token = stripped[start:]
    if any(c in _WORD_BREAKS or c in ZERO_WIDTH or c in DATA_QUOTES for c in token):
        return None
    offset = start
    for index, (text, _) in enumerate(segments):
        if offset < len(text):
            return index, offset
        offset -= len(text)
    return None


def change_case(text, text_case: str):
    """pandoc's text-case rules on a citeproc-py string; NoCase parts are kept as they are."""
    if isinstance(text, (int, float)):
        return text
    pieces = list(text) if isinstance(text, MixedString) else [text]
    segments = [(str(p), isinstance(p, NoCase)) for p in pieces]
    if text_case in ("lowercase", "uppercase"):
        change = str.lower if text_case == "lowercase" else str.upper
        out = [(t if nocase else change(t)) for t, nocase in segments]
    else:
        rule = WORD_RULES[text_case]
        last = _last_word_start(segments) if text_case == "title" else None
        state = START
        out = []
        for index, (segment, nocase) in enumerate(segments):
            position = 0
            result = []
            for chunk in _chunks(segment):
                if chunk[0] in _TRANSPARENT:
                    result.append(chunk)
                    position += len(chunk)
                    continue
                if last == (index, position) and state in (AFTER_WORD_END, START_SENTENCE, START):
                    state = BEFORE_LAST
                if not nocase and chunk.isalnum():
                    result.append(rule(state, chunk))
                else:
                    result.append(chunk)
                state = _next_state(state, chunk)
                position += len(chunk)
            out.append("".join(result))
    rebuilt = [type(p)(t) if isinstance(p, String) else String(t) for p, t in zip(pieces, out)]
    return MixedString(rebuilt) if isinstance(text, MixedString) else rebuilt[0]


# --- page ranges (cause 16) --------------------------------------------------------------------

def last_page(first: str, last: str, range_format: str | None) -> str:
    """The second number of a page range in a CSL page-range-format (CSL 1.0.2, appendix)."""
    if not (first.isdigit() and last.isdigit()) or len(first) != len(last) or range_format in (None, "expanded"):
        return last
    common = 0
    while common < len(first) and first[common] == last[common]:
        common += 1
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        number = int(first)
        if number < 100 or number % 100 == 0:
            return last
        if range_format != "chicago-16" and len(first) == 4 and len(first) - common >= 3:
            return last  # chicago-15: 1496–1504
        range_format = "minimal" if number % 100 < 10 else "minimal-two"
    if range_format == "minimal":
        return last[min(common, len(last) - 1):]
    if range_format == "minimal-two":
        return last[min(common, max(len(last) - 2, 0)):]
    return last


# --- sorting (cause 5) ---------------------------------------------------------------------------

_FOLD = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE", "œ": "oe",
         "Œ": "OE", "ß": "ss", "þ": "th", "Þ": "TH", "ı": "i"}


_WORD_SEPARATORS = re.compile(r"[\s'’,ʾʿ]+")


def collation_key(value):
    """A sort key that orders as pandoc's citeproc does.

    pandoc case-folds a key, splits it into words at spaces, apostrophes and commas, and
    compares the words one by one with a Unicode collation that ignores punctuation and
    (first) diacritics: "O’Neill" = ("o", "neill") < ("okafor",); "Okafor, Amara." <
    "Okafor, Amara, Petrov"; Đặng files under D.
    """
    if value is None:
        return None
    text = "".join(c for c in str(value) if c not in ZERO_WIDTH and c not in DATA_QUOTES).casefold()
    key = []
    for word in _WORD_SEPARATORS.split(text):
        if not word:
            continue
        folded = "".join(_FOLD.get(c, c) for c in word)
        base = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
        accents = "".join(c for c in unicodedata.normalize("NFD", word) if c.isalnum() or unicodedata.combining(c))
        key.append(("".join(c for c in base if c.isalnum()), accents))
    return tuple(key)


# --- input: typographic quotes (cause 7) -------------------------------------------------------------

_VERBATIM_FIELDS = frozenset({"id", "type", "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "language"})


def smart_quotes(text: str) -> str:
    """Straight quotes as pandoc reads them: "x" and 'x' become quotations (marked with
    ``DATA_QUOTES`` until ``finish`` knows their nesting); don't, O'Neill, '22 get ’."""
    if "'" not in text and '"' not in text:
        return text
    outer_open, outer_close, inner_open, inner_close = DATA_QUOTES
    out = []
    double_open = False
    single_open = False
    for index, ch in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        at_start = before.isspace() or before in "([{-–—/" + DATA_QUOTES
        if ch == '"':
            if not double_open and at_start and not after.isspace():
                out.append(outer_open)
                double_open = True
            elif double_open:
                out.append(outer_close)
                double_open = False
            else:
                out.append(ch)
        elif ch == "'":
            closes_later = re.search(r"[^\s]'(?![^\W_])", text[index + 1:]) is not None
            if not single_open and at_start and after.isalpha() and closes_later:
                out.append(inner_open)
                single_open = True
            elif single_open and not after.isalnum() and before not in " ":
                out.append(inner_close)
                single_open = False
            else:
                out.append("’")
        else:
            out.append(ch)
    if double_open:  # unbalanced: leave the quote as it was typed
        out[out.index(outer_open)] = '"'
    if single_open:
        out[out.index(inner_open)] = "’"
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
    """'al-' + 'Farsi' is "al-Farsi", not "al- Farsi" (citeproc-py joins with a space)."""
    if isinstance(value, list):
        return [_glue_particles(v) for v in value]
    if isinstance(value, dict):
        particle = value.get("non-dropping-particle")
        if isinstance(particle, str) and particle[-1:] in "-'’":
            return {**value, "non-dropping-particle": particle + GLUE}
    return value


_STRIP_MARKS = {ord(c): None for c in (*ZERO_WIDTH, *DATA_QUOTES)}


def _strip_marks(value):
    if isinstance(value, str):
        return value.translate(_STRIP_MARKS)
    if isinstance(value, list):
        return [_strip_marks(v) for v in value]
    if isinstance(value, dict):
        return {k: _strip_marks(v) for k, v in value.items()}
    return value


def prepare(items: list[dict], style) -> list[dict]:
    """CSL-JSON items as citeproc-py should see them (copies; the input is not changed).

    Fix (cause 7): straight quotes become typographic as pandoc reads them ("O’Neill",
    “Marks”), except in URLs and identifiers. Private-use characters, which we use as
    marks, are removed from the data first.
    """
    from citeproc import NAMES

    out = []
    for item in items:
        copy = {}
        for field, value in item.items():
            if field not in _VERBATIM_FIELDS:
                value = _smarten(_strip_marks(value), field)
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
_DROP_ZERO_WIDTH = {ord(c): None for c in ZERO_WIDTH}
_QUOTE_LIKE = frozenset("\"'”’»")
_END_PUNCT = frozenset(".,;:!?")


class _Entry:
    """A rendered entry as characters, with each visible character's protection state."""

    def __init__(self, text: str):
        self.chars = list(text)

    def visible(self, start: int, step: int):
        index = start
        while 0 <= index < len(self.chars):
            if self.chars[index] not in ZERO_WIDTH:
                return index
            index += step
        return None

    def protected_spans(self) -> list[int]:
        """For each character, the id of the variable value it belongs to (0 = style text)."""
        ids = []
        depth = 0
        current = 0
        counter = 0
        for ch in self.chars:
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


def _fix_seams(text: str) -> str:
    """Apply the collision table wherever two marks meet, except inside one variable's value."""
    if not _SEAM_CANDIDATE.search(text.translate(_DROP_ZERO_WIDTH)):
        return text
    entry = _Entry(text)
    changed = True
    while changed:
        changed = False
        spans = entry.protected_spans()
        index = entry.visible(0, 1)
        while index is not None:
            following = entry.visible(index + 1, 1)
            if following is None:
                break
            first, second = entry.chars[index], entry.chars[following]
            inside = spans[index] and spans[index] == spans[following]
            rule = None if inside else _COLLISIONS.get((first, second))
            if rule is None and second == "." and first in _QUOTE_LIKE and not inside:
                # "Enough?”." -> "Enough?”": look through the closing quotes (pandoc #179)
                back = index
                while back is not None and entry.chars[back] in _QUOTE_LIKE | {" "}:
                    back = entry.visible(back - 1, -1)
                if back is not None and _COLLISIONS.get((entry.chars[back], ".")) == 1:
                    rule = 1
            if rule == 1:
                del entry.chars[following]
                changed = True
                break
            if rule == 2:
                del entry.chars[index]
                changed = True
                break
            index = following
    return "".join(entry.chars)


def _punctuation_in_quote(text: str) -> str:
    """Move a period or comma after a generated closing quote inside it: "…priors”," ->
    "…priors,”". A period is dropped when the quotation already ends in punctuation
    ("Enough?”"); a comma stays after "?" or "!" ("Models?,” in"), as CSL 1.0.2 has it: for
    quoted output "followed by a comma or period, punctuation-in-quote specifies whether this
    punctuation is placed outside (value "false", default) or inside (value "true") the
    closing quotation mark" (citeproc-js does so; pandoc drops the comma)."""
    pattern = re.compile(f"([{QUOTE_END}{CLOSERS}{VAR_END}]*)([.,])")
    out = []
    position = 0
    for match in re.finditer(QUOTE_END, text):
        end = match.end()
        follow = pattern.match(text, end)
        if not follow or not follow.group(2):
            continue
        quote_at = match.start() - 1  # the closing quote character
        content = text[:quote_at]
        last = next((c for c in reversed(content) if c not in ZERO_WIDTH), "")
        out.append(text[position:quote_at])
        if last not in _END_PUNCT or (follow.group(2) == "," and last in "?!"):
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
    for ch in text:
        if ch == QUOTE_START:
            depth += 1
        elif ch == QUOTE_END:
            depth = max(depth - 1, 0)
        elif ch in DATA_QUOTES:
            position = DATA_QUOTES.index(ch)
            level = (position >= 2) != (depth % 2 == 1)  # True: inner marks
            ch = (inner if level else outer)[position % 2]
            if position % 2:  # a closing mark: punctuation-in-quote applies here too
                ch += QUOTE_END
        out.append(ch)
    return "".join(out)


def finish(text: str, style) -> str:
    """Corrections on one rendered entry (neutral text); removes the fix marks."""
    if any(c in text for c in DATA_QUOTES):
        text = _place_quotes(text, style)
    text = _fix_seams(text)
    if QUOTE_END in text and str(style.root.get_locale_option("punctuation-in-quote")).lower() == "true":
        text = _punctuation_in_quote(text)
    text = re.sub(f"{GLUE}\\s*", "", text)
    return text.translate({ord(c): None for c in FIX_MARKS})
