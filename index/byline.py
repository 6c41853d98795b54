"""Bylines: a short line of personal names ("Ngọc Tài - Hoàng Nam", "THÀNH CHUNG", "Vũ Anh (Theo AFP)")."""

from __future__ import annotations

import re

__all__ = ["MAX_BYLINE_CHARS", "parse_byline"]

MAX_BYLINE_CHARS = 120
"""Longest line read as a byline; a byline is a few names, never a sentence."""

_LEAD_RE = re.compile(r"^(?:(?:Bài\s+(?:và|,|&)\s*ảnh|Bài|Tin|Tin,\s*ảnh|Nhóm\s+phóng\s+viên|Phóng\s+viên|Nhóm\s+PV|PV"
                      r"|Tác\s+giả|Thực\s+hiện)\s*:?\s+)", re.IGNORECASE)
_CREDIT_RE = re.compile(r"\s*[(\[]\s*(?:[Tt]heo|[Nn]guồn|[Ll]ược\s+dịch|[Dd]ịch)\b[^()\[\]]*[)\]]\s*$")
_AGENCY_RE = re.compile(r"^(?:[Tt]heo|[Nn]guồn)\s*:?\s+(?P<who>.+)$")
_NAME_SEP_RE = re.compile(r"\s*(?:\s[-–—]\s|,|&|/|\s+và\s+)\s*")
_NAME_WORD_RE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][^\W\d_]*\.?)+$|^(?:[A-ZĐÀ-Ỹ]\.)+[A-ZĐÀ-Ỹ][^\W\d_]*$")
_END_PUNCT = ".!?:;…,\"”"
_MAX_NAMES = 6
_MAX_NAME_WORDS = 5


def _is_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= _MAX_NAME_WORDS and all(_NAME_WORD_RE.match(w) for w in words)


def _is_upper_acronym(name: str) -> bool:
    return len(name) >= 3 and name.isupper() and " " not in name


def parse_byline(line: str) -> str | None:
    """The author named by a byline line, or None when the line is not a byline.

    A byline is a few personal names (each word capitalised, or all in capitals), joined by "-", ",", "và";
    optionally led by "Bài và ảnh:" or "PV", optionally followed by a credit "(Theo Reuters)". A line "Theo
    TTXVN" names an agency. Digits, a closing full stop after several words or a lower-case word mean a sentence.
    """
    text = " ".join(line.split())
    if not text or len(text) > MAX_BYLINE_CHARS or any(c.isdigit() for c in text):
        return None
    text = _CREDIT_RE.sub("", text)
    text = _LEAD_RE.sub("", text)
    agency = _AGENCY_RE.match(text)
    if agency:
        text = agency["who"]
    text = text.rstrip(".") if len(text.split()) <= 2 or text.isupper() else text
    if not text or text[-1] in _END_PUNCT:
        return None
    names = [n for n in _NAME_SEP_RE.split(text) if n]
    if not 1 <= len(names) <= _MAX_NAMES:
        return None
    single_word = len(names) == 1 and " " not in names[0]
    if single_word and not (_is_upper_acronym(names[0]) or agency):
        return None  # one capitalised word is a heading or a place more often than an author
    if not all(_is_name(n) for n in names):
        return None
    return text
