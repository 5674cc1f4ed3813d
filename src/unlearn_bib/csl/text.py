"""Pure text rules behind the citeproc-py fixes: marks, text case, page ranges, collation.

Nothing here renders; ``fixes`` (the element classes) and ``correct`` call these.
The marks are private-use characters the element classes put into rendered text where a
rule needs to know what citeproc-py knew: where a generated quotation or a variable's value
begins and ends. ``correct.finish`` removes them.
"""
from __future__ import annotations

import re
import unicodedata

from citeproc.string import MixedString, NoCase, String

from unlearn_bib.csl.base import MARKERS

QUOTE_START = "\ue00d"  # right after an opening quote citeproc-py generated
QUOTE_END = "\ue00e"  # right after its closing quote
VAR_START = "\ue010"  # around a text variable's value: punctuation inside it is data
VAR_END = "\ue011"
GLUE = "\ue016"  # after a particle ending in "-" or "'": no space before the family name
COMMA_SUFFIX = "\ue017"  # before a name suffix that a comma sets off ("comma-suffix")
FIX_MARKS = QUOTE_START + QUOTE_END + VAR_START + VAR_END + GLUE + COMMA_SUFFIX
ZERO_WIDTH = frozenset(MARKERS + FIX_MARKS)
# Quotation marks found in the data, until ``finish`` knows how deep they are nested:
# outer open/close, inner open/close.
DATA_QUOTES = "\ue012\ue013\ue014\ue015"


# --- text case (causes 6, 12, 13) -------------------------------------------------------------

# CSL 1.0.2, title case: "stop words are lowercased, unless they are the first or last word
# in the string, or follow a colon. The stop words are listed in the CSL Schema file
# stop-words.json": its one-word entries (so "without", "across", "under", "against" stay lower
# case, as citeproc-js prints them; pandoc capitalises them), plus "about", "d" and "l", which
# both reference processors keep lower case; "v" and "vs" ("v.", "vs.") are in the list too.
# The file's two-word phrases ("according to", "such as") are left out: neither reference
# applies them.
STOP_WORDS = frozenset(
    "a across afore after against along alongside amid amidst among amongst an and anenst apropos apud around as "
    "aside astride at athwart atop barring before behind below beneath beside besides between beyond but by c ca "
    "circa de despite down during et except for forenenst from given in inside into lest like modulo near next "
    "nor notwithstanding of off on onto or out over per plus pro qua sans since so than the through throughout "
    "thru thruout till to toward towards under underneath until unto up upon v van versus via von vs "
    "with within without yet about d l".split()
)
_TRANSPARENT = ZERO_WIDTH | frozenset(DATA_QUOTES) | frozenset("“”‘’")
_WORD_BREAKS = frozenset("-/\u2013\u2014")
START, START_SENTENCE, AFTER_WORD_END, AFTER_WORD_CHAR, AFTER_SENTENCE_PUNCT, BEFORE_LAST, AFTER_PERIOD, \
    START_AFTER_PERIOD = range(8)


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


_KINDS: dict[str, str | None] = {}  # _kind by character, filled as characters are met


def _chunks(text: str):
    """Runs of letters/digits, of spaces, of punctuation; anything else alone (pandoc's split)."""
    kinds = _KINDS
    start = 0
    length = len(text)
    while start < length:
        ch = text[start]
        kind = kinds[ch] if ch in kinds else kinds.setdefault(ch, _kind(ch))
        end = start + 1
        if kind is not None:
            while end < length:
                ch = text[end]
                if (kinds[ch] if ch in kinds else kinds.setdefault(ch, _kind(ch))) != kind:
                    break
                end += 1
        yield text[start:end]
        start = end


def _next_state(state: int, chunk: str) -> int:
    last = chunk[-1]
    if last == ".":
        return AFTER_PERIOD
    if last in "?!:":
        return AFTER_SENTENCE_PUNCT
    if last.isalnum():
        return AFTER_WORD_CHAR
    if last.isspace() and state == AFTER_SENTENCE_PUNCT:
        return START_SENTENCE
    if last.isspace() and state == AFTER_PERIOD:
        return START_AFTER_PERIOD
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
    # CSL 1.0.2: "stop words are lowercased, unless they are the first or last word in the
    # string, or follow a colon"; after a period too ("the U.S. and the U.K.", "e.g. the"), as
    # citeproc-js prints them (pandoc starts a sentence there: "U.S. And"); after "?" and "!"
    # both engines capitalise them.
    if state in (AFTER_WORD_END, START_AFTER_PERIOD) and word not in STOP_WORDS and len(word) > 1:
        return _capitalize(word.lower())
    if state == BEFORE_LAST and len(word) > 1:
        return _capitalize(word.lower())
    return word


def _sentence_word(state: int, word: str) -> str:
    capitalized = word[:1].isupper() and word[1:] == word[1:].lower()
    if capitalized and state not in (START, START_SENTENCE, START_AFTER_PERIOD):
        return word.lower()
    if (capitalized or word.islower()) and state in (START, START_SENTENCE, START_AFTER_PERIOD):
        return _capitalize(word.lower())
    return word


WORD_RULES = {
    "title": _title_word,
    "sentence": _sentence_word,
    "capitalize-first": lambda st, w: _capitalize(w) if st == START and w.islower() and not _mixed(w) else w,
    "capitalize-all": lambda st, w: _capitalize(w) if st in (START, START_SENTENCE, AFTER_WORD_END, BEFORE_LAST,
                                                                START_AFTER_PERIOD)
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
                if last == (index, position) and state in (AFTER_WORD_END, START_SENTENCE, START, START_AFTER_PERIOD):
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

_PAGE = re.compile(r"(.*?)(\d+)")
_RANGE_FORMATS = frozenset(("chicago", "chicago-15", "chicago-16", "expanded", "minimal", "minimal-two"))


def last_page(first: str, last: str, range_format: str | None) -> str:
    """The second number of a page range in a CSL page-range-format (CSL 1.0.2, appendix).

    A page is a prefix and the digits that end it ("e1234", "S22", "10.1"). When both ends
    have the same prefix, the format applies to their digits; a last page given short is
    read as the end of the first ("321-28" is 321-328, "S22-S9" is S22-S29); only
    "expanded" repeats the prefix: "B13–B14" is "B13–14" in chicago-16, "B13–4" in minimal,
    "S22–S29" expanded (pandoc and citeproc-js alike). Ends with different prefixes ("A1-B5",
    "B13-4") or not ending in digits ("123a") stay as they are, as without a format.
    """
    if range_format not in _RANGE_FORMATS:
        return last
    head, tail = _PAGE.fullmatch(first), _PAGE.fullmatch(last)
    if head is None or tail is None or head.group(1) != tail.group(1):
        return last
    prefix, first, last = head.group(1), head.group(2), tail.group(2)
    if len(last) < len(first):
        last = first[:len(first) - len(last)] + last
    if range_format == "expanded" or len(first) != len(last):
        return prefix + last if range_format == "expanded" else last
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


_PAGE_NUMBER = re.compile(r"([A-Za-z]*)\d+[A-Za-z]*|[ivxlcdm]+|[IVXLCDM]+")


def keeps_hyphen(first: str, last: str, range_format: str | None) -> bool:
    """Whether "first-last" keeps its hyphen: CSL 1.0.2 (Range Delimiters): "For the "page"
    variable, this replacement [hyphen by en dash] is only performed if the page-range-format
    attribute is set on cs:style". pandoc and citeproc-js both replace it anyway between page
    numbers ("1–27", "e1–e5", "iii–xv"); where citeproc-js reads a range whose ends are not
    both page numbers with one prefix ("1373-1387.e19", "A1-B5", "1-A5") and keeps the
    hyphen, pandoc does not, and the specification decides. Ends citeproc-js does not read as
    a range at all ("10.1-10.5", "10a-b": "p.", not "pp.") and pages with words ("1-11
    (online)") are left as they were (pandoc's).
    """
    if range_format in _RANGE_FORMATS or any(c.isspace() for c in first + last):
        return False
    head, tail = _PAGE_NUMBER.fullmatch(first), _PAGE_NUMBER.fullmatch(last)
    if head is None or not any(c.isdigit() for c in last):
        return False
    if tail is None:
        return True
    return head.group(1) is not None and tail.group(1) is not None and head.group(1) != tail.group(1)


# --- sorting (cause 5) ---------------------------------------------------------------------------

_FOLD = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE", "œ": "oe",
         "Œ": "OE", "ß": "ss", "þ": "th", "Þ": "TH", "ı": "i"}


_WORD_SEPARATORS = re.compile(r"[\s'’,ʾʿ]+")
_NOT_ALNUM = re.compile("[^A-Za-z0-9]+")


def collation_key(value):
    """A sort key: words compared one by one, accents only where all the letters tie.

    pandoc case-folds a key, splits it into words at spaces, apostrophes and commas, and
    compares the words one by one with a Unicode collation that ignores punctuation and
    (first) diacritics: "O’Neill" = ("o", "neill") < ("okafor",); "Okafor, Amara." <
    "Okafor, Amara, Petrov"; Đặng files under D. The accents are a second level over the
    whole key, as the Unicode Collation Algorithm has it ("a secondary difference is only
    significant if there is no primary difference anywhere in the string", UTS #10) and
    citeproc-js sorts: "Jauregui, Gabriela" after "Jáuregui, Carlos" (pandoc, comparing
    word by word, puts it first).
    """
    if value is None:
        return None
    text = str(value)
    if text.isascii():  # no marks, diacritics or letters to fold: a word's two keys are its letters and digits
        words = tuple(plain for plain in (_NOT_ALNUM.sub("", word) for word in
                                          _WORD_SEPARATORS.split(text.casefold()) if word))
        return words, words
    text = "".join(c for c in text if c not in ZERO_WIDTH and c not in DATA_QUOTES).casefold()
    bases, marks = [], []
    for word in _WORD_SEPARATORS.split(text):
        if not word:
            continue
        folded = "".join(_FOLD.get(c, c) for c in word)
        base = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
        bases.append("".join(c for c in base if c.isalnum()))
        marks.append("".join(c for c in unicodedata.normalize("NFD", word) if c.isalnum() or unicodedata.combining(c)))
    return tuple(bases), tuple(marks)
