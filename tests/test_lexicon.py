"""Every word list and cue in index.lexicon is written in the form it is matched in."""

from __future__ import annotations

import re
import unicodedata

import pytest

from index import lexicon as L
from index.text import canonical_tones, fold
from qa.question import analyse


def _named(suffix: str) -> list[tuple[str, str]]:
    """(list name, entry) for every lexicon entry whose list name ends with the suffix; tuples of (key, entry) give
    the entry, tuples of (key, words) each word."""
    out: list[tuple[str, str]] = []
    for name, value in vars(L).items():
        if not name.endswith(suffix):
            continue
        items = [value] if isinstance(value, str) else value
        for item in items:
            if isinstance(item, tuple):
                entries = item[1] if isinstance(item[1], tuple) else (item[1],)
            else:
                entries = (item,)
            out.extend((name, e) for e in entries)
    return out


FOLDED = _named("_FOLDED")
ACCENTED = _named("_ACCENTED")
ENGLISH = _named("_ENGLISH")


def test_every_list_is_checked():
    lists = [n for n in vars(L) if n.isupper()]
    checked = {n for n, _ in FOLDED + ACCENTED + ENGLISH}
    free_form = {"NAME_PARTICLES", "OFFICES", "ADDRESS_WORDS", "RANKS", "GLOSSARY", "ENGLISH_SUFFIXES",
                 "PLACES", "NOT_PLACES", "COUNTRIES"}  # names as written; places are matched folded (tests/test_places.py)
    assert set(lists) - checked - free_form == set()


@pytest.mark.parametrize("name,cue", FOLDED)
def test_folded_cues_hold_no_accents(name, cue):
    # Folded matching sees "dung khong", never "đúng không": an accented letter in a folded cue can never match.
    assert fold(cue) == cue, f"{name}: {cue!r} is matched on folded text; write it as {fold(cue)!r}"


@pytest.mark.parametrize("name,cue", FOLDED)
def test_folded_cues_compile(name, cue):
    re.compile(cue)


@pytest.mark.parametrize("name,word", ACCENTED)
def test_accented_words_are_lower_nfc_with_placed_tones(name, word):
    assert word == unicodedata.normalize("NFC", word)
    assert word == word.lower()
    assert word == canonical_tones(word), f"{name}: {word!r} is matched tone-normalised as {canonical_tones(word)!r}"


@pytest.mark.parametrize("name,word", ENGLISH)
def test_english_words_are_lower_ascii(name, word):
    assert word.isascii() and word == word.lower()


def test_glossary_keys_are_lower_english_and_values_nfc():
    entries = L.glossary_entries()
    assert len(entries) > 300
    for english, vietnamese in entries.items():
        assert all(w.isascii() and w == w.lower() for w in english), english
        assert vietnamese == unicodedata.normalize("NFC", vietnamese) and vietnamese.strip() == vietnamese


def test_offices_ranks_and_address_words_are_nfc_as_written():
    for word in L.OFFICES + L.RANKS + L.ADDRESS_WORDS:
        assert word == unicodedata.normalize("NFC", canonical_tones(word))


@pytest.mark.parametrize(
    "question",
    [
        "Thu ngân sách quý I đạt 2.472 tỷ đồng, đúng không?",
        "Thu ngan sach quy I dat 2.472 ty dong, dung khong?",
        "Quận có 14 phường đúng không",
    ],
)
def test_dung_khong_asks_yes_or_no(question):
    assert analyse(question).expected == "yesno"


def test_phai_khong_still_asks_yes_or_no():
    assert analyse("Long Biên có 14 phường, phải không?").expected == "yesno"
