"""Page chrome: comment counters, "Xem thêm" and share labels, copyright footers and the publisher they name."""

from __future__ import annotations

import re

__all__ = ["CHROME_RE", "COMMENTS_RE", "FOOTER_RE", "is_chrome", "is_footer", "publisher_in"]

CHROME_RE = re.compile(
    r"^(?:\(\d+\)\s*Bình luận|Bình luận(?:\s*\(\d+\))?|Nổi bật|Đừng bỏ lỡ|Tin liên quan|Tin khác|Xem thêm|Chia sẻ|"
    r"Đọc thêm|Đọc tiếp|Tin cùng chuyên mục|Bài liên quan|Quay lại|In bài|Theo dõi .{0,40} trên Google News)\s*:?\s*$",
    re.IGNORECASE,
)
COMMENTS_RE = re.compile(r"^(?:\(\d+\)\s*Bình luận|Bình luận\s*\(\d+\))\s*$", re.IGNORECASE)
"""The comment counter: what follows it on a page dump is comments and page furniture."""
FOOTER_RE = re.compile(r"(?:không sao chép|bản quyền|copyright|©|all rights reserved)", re.IGNORECASE)
_PUBLISHER_RE = re.compile(r"\b((?:Báo|Tạp chí|Đài|Cổng thông tin)\s+[^\s.,;:()]+(?:\s+[A-ZĐÀ-Ỹ][^\s.,;:()]*)*)")


def is_chrome(line: str) -> bool:
    """Whether a line is a label of the page around the article ("Bình luận (7)", "Xem thêm")."""
    return CHROME_RE.match(line) is not None


def is_footer(line: str) -> bool:
    """Whether a line is a copyright or no-copying notice."""
    return FOOTER_RE.search(line) is not None


def publisher_in(line: str) -> str:
    """The outlet a footer names ("Bản quyền thuộc về Báo VietNamNet." → "Báo VietNamNet"), or ""."""
    m = _PUBLISHER_RE.search(line)
    return m.group(1).rstrip(".") if m else ""
