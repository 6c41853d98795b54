"""Vietnamese text layer: cleaning, NFC, tone-mark placement, accent folding and search tokens."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from index.lexicon import ROMAN_AFTER_ACCENTED
from index.numbers import parse_roman

# Tone marks (combining): grave, acute, hook above, tilde, dot below.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_TONE_SET = frozenset(_TONES)
# Vowels with a letter diacritic (circumflex, breve, horn) take the tone when present.
_MARKED_VOWELS = frozenset("âăêôơư")
_VOWELS = frozenset("aăâeêioôơuưy")

# C0/C1 control characters except tab and newline; also zero-width and bidi controls that break matching.
_CONTROL_RE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")  # letters with any stray combining marks
LETTERS_RE = re.compile(r"[^\W\d_]+")  # a run of letters (no digits, underscores or hyphens)

# Order matters: document codes, then numbers with their glued units, then plain words.
_TOKEN_RE = re.compile(
    r"""
    (?P<code>\d+(?:[-/][^\W\d_][\w]*)(?:[-/][\w]+)*)          # 202-KH/QU, 03/CT-UBND, 01-CTr/QU
    | (?P<num>\d+(?:[.,/\-]\d+)*(?:[^\W_]+|%)?)                  # 2.472, 9-1-2024, 14/14, 42.092m2, 19%, 3S
    | (?P<word>[^\W\d_]+\d*)                                     # syllables; units such as m2, km2 stay whole
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    """One search token with its position in the text it came from."""

    text: str
    start: int
    end: int


def clean(text: str) -> str:
    """NFC text with unified line ends and no NUL, control, zero-width, bidi or lone-surrogate characters."""
    text = _SURROGATE_RE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_RE.sub("", text)
    return unicodedata.normalize("NFC", text)


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese mark (tone, letter diacritic or đ)."""
    return fold(text) != unicodedata.normalize("NFC", text).lower()


# A syllable as Vietnamese spells it without diacritics: onset, glide and vowels, coda. Most English words are not
# one ("hospital", "which", "forecast"); an unaccented Vietnamese question is almost all of them.
_FOLDED_SYLLABLE_RE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|nh|ng|[cmnpt])?")


def is_folded_syllable(word: str) -> bool:
    """Whether a lower-case word without diacritics is spelled like a Vietnamese syllable ("nhieu", not "which")."""
    return bool(_FOLDED_SYLLABLE_RE.fullmatch(fold(word)))


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free text: 'Đường Hoài Nam' -> 'duong hoai nam' (the same words recur: cached)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d"))


def _place_tone(syllable: str) -> str:
    """Move a syllable's tone mark to the traditional position (hoà -> hòa, uỷ -> ủy, thuý -> thúy)."""
    nfd = unicodedata.normalize("NFD", syllable)
    tones = [ch for ch in nfd if ch in _TONE_SET]
    if len(tones) != 1:
        return syllable
    tone = tones[0]
    bare = unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONE_SET))
    lower = bare.lower()
    vowel_idx = [i for i, ch in enumerate(lower) if ch in _VOWELS]
    if not vowel_idx:
        return syllable
    # "qu" and "gi" + vowel: the u/i belongs to the onset.
    if len(vowel_idx) > 1 and (
        (lower.startswith("qu") and vowel_idx[0] == 1) or (lower.startswith("gi") and vowel_idx[0] == 1)
    ):
        vowel_idx = vowel_idx[1:]
    # Only the contiguous vowel cluster counts.
    cluster = [vowel_idx[0]]
    for i in vowel_idx[1:]:
        if i == cluster[-1] + 1:
            cluster.append(i)
    marked = [i for i in cluster if lower[i] in _MARKED_VOWELS]
    if marked:
        pos = marked[-1]
    elif cluster[-1] + 1 < len(lower):
        pos = cluster[-1]  # closed syllable: hoàn, toán
    elif len(cluster) == 1:
        pos = cluster[0]
    elif len(cluster) == 2:
        pos = cluster[0]  # open syllable: hòa, thúy, mía
    else:
        pos = cluster[1]  # ngoài, khuỷu
    out = bare[:pos] + unicodedata.normalize("NFC", bare[pos] + tone) + bare[pos + 1 :]
    return unicodedata.normalize("NFC", out)


def canonical_tones(text: str) -> str:
    """Text with one tone-mark placement per syllable, so hoà/hòa and uỷ/ủy compare equal."""
    text = unicodedata.normalize("NFC", text)
    return unicodedata.normalize("NFC", _WORD_RE.sub(lambda m: _place_tone(m.group(0)), text))


# "kỉ"/"kỷ", "lí"/"lý", "tỉ"/"tỷ", "hi"/"hy", "quí"/"quý": after these onsets a lone final i and y are the same
# vowel in two spellings; tokens take the y.
_I_TO_Y = dict(zip("iíìỉĩị", "yýỳỷỹỵ"))
_IY_RE = re.compile(r"^(?:h|k|l|m|s|t|qu)[iíìỉĩị]$")


def _y_spelling(syllable: str) -> str:
    return syllable[:-1] + _I_TO_Y[syllable[-1]] if _IY_RE.match(syllable) else syllable


def tokenize(text: str) -> list[Token]:
    """Lower-cased syllable, number, date and code tokens with offsets into ``text`` (expected clean/NFC)."""
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        tok = m.group(0).lower()
        if m.lastgroup == "word":
            tok = _y_spelling(_place_tone(tok))
        out.append(Token(tok, m.start(), m.end()))
    return out


# Words after which a Roman numeral is a number, as typed with or without accents.
_ROMAN_AFTER = frozenset(ROMAN_AFTER_ACCENTED) | {fold(w) for w in ROMAN_AFTER_ACCENTED}
_ROMAN_TOKEN = re.compile(r"^[ivxlc]+$")
_GROUPED_INT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def syllables(text: str) -> list[str]:
    """Accented search syllables of a text (tone placement unified; "quý I" reads as "quý 1", "40.000" as "40000")."""
    toks = [t.text for t in tokenize(clean(text))]
    for i, tok in enumerate(toks):
        if i and toks[i - 1] in _ROMAN_AFTER and _ROMAN_TOKEN.match(tok):
            try:
                toks[i] = str(parse_roman(tok))
            except ValueError:
                pass
        elif _GROUPED_INT.match(tok):
            toks[i] = tok.replace(".", "")
    return toks


def with_bigrams(tokens: list[str]) -> list[str]:
    """Tokens followed by their adjacent-pair bigrams ('thu_ngân')."""
    return tokens + [f"{a}_{b}" for a, b in zip(tokens, tokens[1:])]


def accented_terms(text: str) -> list[str]:
    """BM25 terms of the accented field: syllables plus syllable bigrams."""
    return with_bigrams(syllables(text))


def folded_terms(text: str) -> list[str]:
    """BM25 terms of the folded field: accent-free syllables plus bigrams."""
    return with_bigrams([fold(t) for t in syllables(text)])


def whitespace_terms(text: str) -> list[str]:
    """What a generic retriever does: lower-case, split on whitespace (for ablations)."""
    return text.lower().split()
