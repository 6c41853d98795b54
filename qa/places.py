"""Vietnamese provinces and cities, and countries, a question names, and whether the articles mention them."""

from __future__ import annotations

import functools
import re
from typing import Callable, Container, Protocol

from index import lexicon as L
from index.text import LETTERS_RE, fold
from qa.evidence import name_terms



def _key(name: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in LETTERS_RE.findall(name))


# Each place: its spellings as folded word tuples ("hà nội" and "hanoi" → ("ha", "noi"), ("hanoi",)). The provinces
# come first, then the countries.
_ALL = L.PLACES + L.COUNTRIES
_PROVINCES = len(L.PLACES)
_SPELLINGS: tuple[tuple[tuple[str, ...], ...], ...] = tuple(tuple(_key(s) for s in place.split("|")) for place in _ALL)
_NAMES: tuple[str, ...] = tuple(place.split("|")[0].strip() for place in _ALL)
_NOT_PLACES = tuple(_key(n) for n in L.NOT_PLACES)
_LONGEST = max(len(k) for spellings in _SPELLINGS for k in spellings)
_BY_WORDS = {k: i for i, spellings in enumerate(_SPELLINGS) for k in spellings}


class Frequencies(Protocol):
    def get(self, term: str, default: int = 0) -> int: ...


@functools.lru_cache(maxsize=8192)
def place_spans(text: str) -> tuple[tuple[int, int, int], ...]:
    """Where a text names places, in order: (start, end, index into the provinces then the countries). In a text
    written with capitals, a name counts only when capitalised ("Hòa Bình" the province, not "hòa bình", peace); a
    country only ever when capitalised ("ba lan" is "ba lần", three times). Cached: a question is read by both place
    rules and by follow-ups, and sentences recur across questions."""
    words = list(LETTERS_RE.finditer(text))
    folded = [fold(m.group(0)) for m in words]
    cased = any(m.group(0)[0].isupper() for m in words[1:])
    found: list[tuple[int, int, int]] = []
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            span = tuple(folded[i : i + n])
            place = _BY_WORDS.get(span)
            if place is None or not _joined(text, words[i : i + n]):
                continue
            if (cased or place >= _PROVINCES) and not all(m.group(0)[0].isupper() for m in words[i : i + n]):
                continue
            if any(tuple(folded[j : j + len(np_)]) == np_ for np_ in _NOT_PLACES
                   for j in range(max(0, i - len(np_) + 1), i + 1)):
                continue
            found.append((words[i].start(), words[i + n - 1].end(), place))
            i += n
            break
        else:
            i += 1
    return tuple(found)


def named_places(text: str) -> tuple[int, ...]:
    """The places a text names, in order (indices into the provinces then the countries)."""
    return tuple(p for _, _, p in place_spans(text))


# What stands before a place's name as part of it: "TP HCM", "TP.HCM", "tỉnh Lạng Sơn", "thành phố Huế".
_PLACE_PREFIX_RE = re.compile(r"(?i:\b(?:tp|thành phố|tỉnh)\.?\s*)$")


def without_places(text: str, keep: Container[int]) -> tuple[str, frozenset[str]]:
    """A text with the places it names other than ``keep`` taken out, and the folded words taken out ("Còn ở Hà
    Nội?" after a question on TP HCM asks of Hà Nội instead)."""
    out, dropped, at = [], set(), 0
    for start, end, place in place_spans(text):
        if place in keep:
            continue
        prefix = _PLACE_PREFIX_RE.search(text, at, start)
        start = prefix.start() if prefix else start
        out.append(text[at:start])
        dropped.update(fold(w) for w in LETTERS_RE.findall(text[start:end]))
        at = end
    out.append(text[at:])
    return " ".join("".join(out).split()), frozenset(dropped)


def _joined(text: str, words: list[re.Match[str]]) -> bool:
    """Whether words stand together as one name: spaces, a hyphen or a dot between them ("TP.HCM", "Bà Rịa -
    Vũng Tàu")."""
    return all(text[a.end() : b.start()].strip(" -.") == "" for a, b in zip(words, words[1:]))


def _mentioned(spelling: tuple[str, ...], has: Callable[[str], bool]) -> bool:
    return all(map(has, name_terms(spelling)))


def unmentioned_places(text: str, df: Frequencies) -> list[str]:
    """The places a text names that the articles never write, in any spelling (``df``: passages holding a folded
    syllable or ``a_b`` bigram)."""
    return [_NAMES[p] for p in dict.fromkeys(named_places(text))
            if not any(_mentioned(s, lambda t: df.get(t, 0) > 0) for s in _SPELLINGS[p])]


def _provinces(text: str) -> frozenset[int]:
    """The provinces and cities a text names (not its countries)."""
    return frozenset(p for p in named_places(text) if p < _PROVINCES)


def asked_provinces(question: str) -> frozenset[int]:
    """The provinces and cities a question names (not its countries)."""
    return _provinces(question)


def about_another_place(question: str, sentence: str, paragraph: Container[str]) -> bool:
    """Whether a sentence (or a paragraph) is about another province than the one the question asks of: it names a
    province, not the asked one, and neither it nor its paragraph (with the title; folded terms) names the asked
    one."""
    asked = asked_provinces(question)
    if not asked:
        return False
    named = _provinces(sentence)
    if not named or named & asked:
        return False
    return not any(_mentioned(s, paragraph.__contains__) for p in asked for s in _SPELLINGS[p])


def running_provinces(sentence: str, before: list[str]) -> frozenset[int]:
    """The provinces a sentence that names none is about: those of the last sentence before it in its paragraph
    that names any ("Trong đó, 5 dự án …" after "… thị trường TP HCM …"); none for a sentence naming its own."""
    if _provinces(sentence):
        return frozenset()
    return next((named for named in map(_provinces, reversed(before)) if named), frozenset())
