"""csl.correct._fix_seams (pandoc's punctuation collision table at seams) made faster: the same
text as the character-by-character version it replaced, on random entries and the fixtures."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from unlearn_bib.csl import correct
from unlearn_bib.csl.text import VAR_END, VAR_START, ZERO_WIDTH


def _old_fix_seams(text: str) -> str:
    """The version before (commit 0047313, with main's 4541adb rule for quote marks typed in a
    value), kept here as the reference."""
    chars = list(text)

    def visible(start, step):
        index = start
        while 0 <= index < len(chars):
            if chars[index] not in ZERO_WIDTH:
                return index
            index += step
        return None

    def spans_of():
        ids, depth, current, counter = [], 0, 0, 0
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

    changed = True
    while changed:
        changed = False
        spans = spans_of()
        index = visible(0, 1)
        while index is not None:
            following = visible(index + 1, 1)
            if following is None:
                break
            first, second = chars[index], chars[following]
            inside = spans[index] and spans[index] == spans[following]
            rule = None if inside else correct._COLLISIONS.get((first, second))
            if rule is None and second == "." and first in correct._QUOTE_LIKE and not spans[index]:
                back = index
                while back is not None and chars[back] in correct._QUOTE_LIKE | {" "}:
                    back = visible(back - 1, -1)
                if back is not None and correct._COLLISIONS.get((chars[back], ".")) == 1:
                    rule = 1
            if rule == 1:
                del chars[following]
                changed = True
                break
            if rule == 2:
                del chars[index]
                changed = True
                break
            index = following
    return "".join(chars)


MARKS = sorted(ZERO_WIDTH)
ALPHABET = list("!?:;., \"'”’»ab") + [VAR_START, VAR_END] * 3 + MARKS


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=30))
def test_same_text_as_the_character_by_character_version(text):
    assert correct._fix_seams(text) == _old_fix_seams(text)


def test_examples():
    text = f"{VAR_START}Models?{VAR_END}. In {VAR_START}Proc.{VAR_END}. X ,  y.."
    assert correct._fix_seams(text) == _old_fix_seams(text) == f"{VAR_START}Models?{VAR_END} In {VAR_START}Proc.{VAR_END} X, y."
    quoted = "“Enough?”. Next"
    assert correct._fix_seams(quoted) == _old_fix_seams(quoted) == "“Enough?” Next"
