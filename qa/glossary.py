"""English words and phrases of news and public affairs in Vietnamese, so an English question is also searched in Vietnamese."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index import lexicon as L

# Longest phrases are matched first; single words are also tried without a plural or verb ending.
_GLOSSARY = L.glossary_entries()
_MAX_PHRASE = max(len(k) for k in _GLOSSARY)

_STOP = frozenset(L.STOP_WORDS_ENGLISH)
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’]*|\d[\w./-]*")
_SUFFIXES = L.ENGLISH_SUFFIXES
_POSSESSIVE_RE = re.compile(r"['’]s$")  # "Kim's department": the name is "Kim"
# "storm No. 4" is "bão số 4"; a lower-case "no" only with its dot ("no 4-star hotel" is not a number sign)
_NUMBER_SIGN_RE = re.compile(r"\bNos?\.?\s*(?=\d)|\bnos?\.\s*(?=\d)|#(?=\d)")


@dataclass(frozen=True)
class Rendering:
    """An English question's content words in Vietnamese, and the content words the glossary does not know."""

    vietnamese: str
    unknown: tuple[str, ...]


def _lookup(words: tuple[str, ...]) -> str | None:
    found = _GLOSSARY.get(words)
    if found is not None or len(words) != 1:
        return found
    word = words[0]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for candidate in (stem, stem + "e", stem + "y"):
                if (candidate,) in _GLOSSARY:
                    return _GLOSSARY[(candidate,)]
    return None


def to_vietnamese(text: str) -> Rendering:
    """Render an English question's content in Vietnamese: glossary phrases (longest first), names and numbers kept."""
    text = _NUMBER_SIGN_RE.sub("number ", text)
    matches = list(_TOKEN_RE.finditer(text))
    tokens = [_POSSESSIVE_RE.sub("", m.group(0)) for m in matches]
    lowers = [t.lower().replace("’", "'") for t in tokens]
    # A capital opening the question or a sentence inside it is no name ("… say? Is there …").
    opening = {i for i, m in enumerate(matches) if i == 0 or text[: m.start()].rstrip()[-1:] in ".?!"}
    out: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(_MAX_PHRASE, len(tokens) - i), 0, -1):
            found = _lookup(tuple(lowers[i : i + n]))
            if found is not None:
                out.append(found)
                i += n
                break
        else:
            token, low = tokens[i], lowers[i]
            if token[0].isdigit() or (token[0].isupper() and i not in opening) or token.isupper():
                out.append(token)  # numbers, codes and names are the same in both languages ("Long Bien", "202-KH/QU")
            elif low not in _STOP:
                unknown.append(low)
            i += 1
    return Rendering(" ".join(out), tuple(unknown))
