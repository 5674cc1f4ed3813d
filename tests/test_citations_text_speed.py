"""The plain-text serialiser's faster patterns (export.citations: marks deleted by a character
class, white space tidied without matching every lone space) give what the old ones gave."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from unlearn_bib.csl import MARK, MARKERS
from unlearn_bib.export import citations

_OLD_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_OLD_UNMARK = dict.fromkeys(map(ord, MARKERS))

TEXT = st.text(alphabet=st.sampled_from(list(MARKERS) + list(" \t\r\n\f\v\u00a0\u2009ab.,-–₂") + ["A"]), max_size=60)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_one_line_and_unmarking_as_before(text):
    old = _OLD_SPACES.sub(" ", text.translate(_OLD_UNMARK)).strip(" ")
    assert citations._one_line(citations._UNMARK.sub("", text)) == old
    assert citations._one_line(text) == _OLD_SPACES.sub(" ", text).strip(" ")


def test_to_text_examples():
    sub, sup = MARK["sub"], MARK["sup"]
    entry = citations.Entry("k", f"  CO{sub[0]}2{sub[1]} and 10{sup[0]}6{sup[1]} \n {MARK['i'][0]}Title{MARK['i'][1]}\t\tend  ")
    assert citations.to_text(entry) == "CO₂ and 10⁶ Title end"
