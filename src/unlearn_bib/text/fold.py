"""Folding text for comparison and for keys: accents and special letters to plain ASCII."""
from __future__ import annotations

import unicodedata

# Letters that NFKD does not decompose into an ASCII base letter.
_SPECIAL = {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
            "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "ð": "d"}


def ascii_fold(text: str) -> str:
    """'Materzyńska' -> 'Materzynska'; letters without a decomposition are dropped."""
    text = "".join(_SPECIAL.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    return text.encode("ascii", "ignore").decode("ascii")
