"""The archive filters of the chat page (outlet, date range, article), read from the controls with Vietnamese messages."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Sequence

from index.archive_filter import ArticleRef
from index.text import fold
from ui.service import UserFacingError

ALL = ""
"""The dropdowns' value for "every outlet" / "every article": no filter."""
ARTICLE_CHOICES = 500
"""Newest articles offered in the article dropdown; any other one is chosen by typing its id."""

_ISO_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Filters:
    """Which articles a question goes to; an empty field keeps every article."""

    outlet: str = ALL
    since: str = ALL
    until: str = ALL
    article: str = ALL

    def as_kwargs(self) -> dict[str, str]:
        """The filters that are set, as ``Assistant.ask`` takes them."""
        return {key: value for key, value in asdict(self).items() if value}


def _day(value: Any, label: str) -> str:
    text = str(value or "").strip()
    if not text:
        return ALL
    try:
        if not _ISO_DAY_RE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise UserFacingError(f"Ngày «{text}» ở ô «{label}» không hợp lệ; hãy viết theo dạng năm-tháng-ngày "
                              "YYYY-MM-DD, ví dụ 2024-04-15.") from None


def _article(value: Any, refs: Sequence[ArticleRef] | None) -> str:
    """An article id from the dropdown, or typed by the reader as an id or a title."""
    text = str(value or "").strip()
    if not text or refs is None:
        return text
    if any(r.doc_id == text for r in refs):
        return text
    wanted = fold(text)
    titled = [r.doc_id for r in refs if fold(r.title) == wanted or fold(r.label()) == wanted]
    if len(titled) == 1:
        return titled[0]
    raise UserFacingError(f"Không có bài «{text}» trong kho; hãy chọn một bài trong danh sách hoặc nhập đúng mã bài.")


def read_filters(outlet: Any = ALL, since: Any = ALL, until: Any = ALL, article: Any = ALL,
                 refs: Sequence[ArticleRef] | None = None) -> Filters:
    """The filters from the page's controls (or the API's arguments); ``refs``: the archive's articles, to read a
    typed article. Raises UserFacingError with a Vietnamese message on a malformed date or an unknown article."""
    lo, hi = _day(since, "Từ ngày"), _day(until, "Đến ngày")
    if lo and hi and lo > hi:
        raise UserFacingError(f"«Từ ngày» {lo} ở sau «Đến ngày» {hi}; hãy đổi lại hai ngày.")
    return Filters(str(outlet or "").strip(), lo, hi, _article(article, refs))


def outlet_choices(outlets: Sequence[str]) -> list[tuple[str, str]]:
    """The outlet dropdown: every outlet, then each one."""
    return [("Tất cả các báo", ALL), *((o, o) for o in outlets)]


def article_choices(refs: Sequence[ArticleRef], outlet: str = ALL) -> list[tuple[str, str]]:
    """The article dropdown: every article, then the newest ones (of the outlet chosen), labelled by title, outlet
    and date."""
    wanted = fold(outlet) if outlet else ""
    kept = [r for r in refs if not wanted or fold(r.outlet) == wanted]
    kept.sort(key=lambda r: r.published or "", reverse=True)
    return [("Tất cả các bài", ALL), *((r.label(), r.doc_id) for r in kept[:ARTICLE_CHOICES])]
