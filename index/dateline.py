"""Date lines as news pages print them: "Thứ sáu, 16/2/2024, 10:43 (GMT+7)", "08/12/2025 09:00 GMT+7"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Dateline", "find_dateline", "iso_datetime", "parse_dateline"]

_WEEKDAY = (r"(?:Thứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[Bb]ẩy|[2-7])|Chủ\s+[Nn]hật|CN|T[2-7])")
_LEAD = (r"(?:(?:Cập\s+nhật|Đăng\s+(?:lúc|ngày)|Ngày\s+đăng|Xuất\s+bản|Thời\s+gian|Đăng\s+tải|Published|Updated)"
         r"\s*(?:lúc|ngày)?\s*:?\s*)")
_DATE = r"(?P<d>[0-9]{1,2})\s*(?P<sep>[/.-])\s*(?P<m>[0-9]{1,2})\s*(?P=sep)\s*(?P<y>[0-9]{4})"
_TIME = r"(?P<H>[0-9]{1,2})\s*(?:[:hg]|giờ)\s*(?P<M>[0-9]{2})(?:\s*:\s*[0-9]{2})?(?:\s*phút)?(?:\s*(?P<ap>AM|PM|SA|CH|am|pm))?"
_TZ = r"(?:\(?\s*(?:GMT|UTC)\s*(?:[+-]\s*[0-9]{1,2}(?::?[0-9]{2})?)?\s*\)?)"
_SEP = r"(?:\s*[,|–—-]\s*|\s+)"
# Date first ("Thứ Ba, 17/09/2024 - 14:52") or time first ("07:25 | Thứ Hai, 15/04/2024").
_FORMS = (
    rf"(?:{_LEAD})?(?:{_WEEKDAY}{_SEP})?(?:[Nn]gày\s+)?{_DATE}(?:{_SEP}(?:lúc\s+)?{_TIME})?(?:\s*{_TZ})?",
    rf"(?:{_LEAD})?{_TIME}(?:\s*{_TZ})?{_SEP}(?:{_WEEKDAY}{_SEP})?(?:[Nn]gày\s+)?{_DATE}",
)
_FULL_RES = tuple(re.compile(rf"^\s*(?:{f})\s*$") for f in _FORMS)
_TAIL_RES = tuple(re.compile(rf"(?<!\w)(?:{f})\s*$") for f in _FORMS)
_HEAD_RES = tuple(re.compile(rf"^\s*(?:{f})(?!\w)") for f in _FORMS)


@dataclass(frozen=True)
class Dateline:
    """A date line found in a string: its ISO value ("2024-02-16T10:43") and span in that string."""

    iso: str
    start: int
    end: int


def _days_in(year: int, month: int) -> int:
    leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
    return (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def iso_datetime(year: int, month: int, day: int, hour: int | None = None, minute: int | None = None) -> str:
    """"YYYY-MM-DD" (and "THH:MM" when a valid time is given), or "" for an impossible date."""
    if not (1 <= month <= 12 and 1 <= day <= _days_in(year, month) and 1000 <= year <= 2999):
        return ""
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if hour is not None and minute is not None and 0 <= hour <= 23 and 0 <= minute <= 59:
        iso += f"T{hour:02d}:{minute:02d}"
    return iso


def _from_match(m: re.Match[str]) -> Dateline | None:
    hour = int(m["H"]) if m["H"] else None
    if hour is not None and m["ap"] and m["ap"].upper() in ("PM", "CH") and hour < 12:
        hour += 12  # "CH" (chiều) is the Vietnamese PM
    iso = iso_datetime(int(m["y"]), int(m["m"]), int(m["d"]), hour, int(m["M"]) if m["M"] else None)
    if not iso:
        return None
    start, end = m.start(), m.end()
    text = m.string
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Dateline(iso, start, end)


def _first(matches: Iterable[re.Match[str] | None]) -> Dateline | None:
    for m in matches:
        if m and (found := _from_match(m)):
            return found
    return None


def parse_dateline(text: str) -> Dateline | None:
    """The date line when the whole string is one (weekday, date, time, time zone in the usual orders)."""
    return _first(rx.match(text) for rx in _FULL_RES)


def find_dateline(text: str) -> Dateline | None:
    """A date line at the end or the start of a string ("Đình Hiệp 15/04/2024 - 07:25"), if any."""
    if whole := parse_dateline(text):
        return whole
    tails = [d for rx in _TAIL_RES if (m := rx.search(text)) and (d := _from_match(m))]
    if tails:
        return min(tails, key=lambda d: d.start)  # the longest date line the string ends with
    heads = [d for rx in _HEAD_RES if (m := rx.match(text)) and (d := _from_match(m))]
    return max(heads, key=lambda d: d.end) if heads else None
