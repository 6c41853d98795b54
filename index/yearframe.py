"""Which year a date printed without one means: the publication year, "năm sau", "cùng năm" and the like."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

__all__ = ["YEAR_MARKER_RE", "YearFrame"]

YEAR_MARKER_RE = re.compile(
    r"[ \t\u00a0]*,?[ \t\u00a0]*(?P<marker>(?i:cùng năm|năm nay|năm ngoái|năm trước|năm rồi|năm sau|năm tới|năm kế tiếp)"
    r"|(?i:năm)[ \t\u00a0]+(?P<year>[0-9]{4}))(?![\w])"
)
"""Words after "18/3" that say its year: "cùng năm" (the year just named), "năm sau", "năm 1979"."""

_OFFSETS = {"năm nay": 0, "năm ngoái": -1, "năm trước": -1, "năm rồi": -1, "năm sau": 1, "năm tới": 1,
            "năm kế tiếp": 1}
_EXPLICIT_YEAR_RE = re.compile(r"(?<![0-9.,])(1[0-9]{3}|20[0-9]{2})(?![0-9]|[.,][0-9])")
_ISO_DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class YearFrame:
    """The article's publication date and the text before a passage, which together date a day and month."""

    published: _dt.date | None = None
    before: str = ""
    """Text of the paragraph before the passage: "cùng năm" means the last year named there or earlier in it."""

    @classmethod
    def of(cls, published: str = "", context: str = "", base: int = 0) -> "YearFrame":
        """A frame from an ISO publication date and the text the passage stands in (the passage at ``base``)."""
        day = None
        if m := _ISO_DATE_RE.match(published or ""):
            y, mo, d = (int(g) for g in m.groups())
            day = _dt.date(y, mo, d) if _valid(y, mo, d) else None
        before = context[max(0, context.rfind("\n", 0, base) + 1):base] if context and 0 < base <= len(context) else ""
        return cls(day, before)

    def year(self, month: int, day: int, text_before: str, marker: str = "", named: str = "") -> int | None:
        """The year of day/month: named ("18/3 năm 1979"), from its marker, or the publication year that puts the
        date nearest the publication; None when nothing says (no publication date and no marker)."""
        if named:
            return int(named)
        marker = marker.lower()
        if marker == "cùng năm":
            years = _EXPLICIT_YEAR_RE.findall(self.before + "\n" + text_before)
            if years:
                return int(years[-1])
        if self.published is None:
            return None
        if marker in _OFFSETS:
            return self.published.year + _OFFSETS[marker]
        if marker == "cùng năm":
            return self.published.year
        candidates = [y for y in (self.published.year - 1, self.published.year, self.published.year + 1)
                      if _valid(y, month, day)]
        if not candidates:
            return None
        return min(candidates, key=lambda y: abs((_dt.date(y, month, day) - self.published).days))
