"""Which side of a two-sided measure (revenue or spending, export or import) a question and a sentence speak of."""

from __future__ import annotations

import functools
import re

from index import lexicon as L
from index.text import fold

_PAIRS: tuple[tuple[str, str], ...] = tuple(tuple(p.split("|")) for p in L.OPPOSITES_ACCENTED)  # type: ignore[misc]
_SIDES = sorted({w for pair in _PAIRS for w in pair}, key=len, reverse=True)


def _words_re(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


_NOT = _words_re(sorted(L.NOT_OPPOSITES_ACCENTED, key=len, reverse=True))
_NOT_FOLDED = _words_re(sorted({fold(w) for w in L.NOT_OPPOSITES_ACCENTED}, key=len, reverse=True))
_SIDE_RE = _words_re(_SIDES)
# Folded, "chi" is also "chỉ" and "thu" "thủ": an unaccented text is read for the sides of more than one syllable.
_SIDE_FOLDED_RE = _words_re(sorted({fold(w) for w in _SIDES if " " in w}, key=len, reverse=True))
_BY_FOLDED = {fold(w): w for w in _SIDES if " " in w}


@functools.lru_cache(maxsize=8192)
def sides(text: str, accented: bool = True) -> frozenset[str]:
    """The sides a text names ("thu", "xuất khẩu"), the longer words that only hold one left out."""
    lowered = text.lower()
    if accented:
        return frozenset(m.group(1) for m in _SIDE_RE.finditer(_NOT.sub(" ", lowered)))
    folded = fold(lowered)
    return frozenset(_BY_FOLDED[m.group(1)] for m in _SIDE_FOLDED_RE.finditer(_NOT_FOLDED.sub(" ", folded)))


def other_side(asked: frozenset[str], said: frozenset[str]) -> bool:
    """Whether a sentence naming ``said`` speaks only of the other side of a measure the question asks one side of."""
    return any((a in asked and b not in asked and b in said and a not in said)
               or (b in asked and a not in asked and a in said and b not in said) for a, b in _PAIRS)
