"""Page chrome: comment counters, "Xem thêm" and share labels, copyright footers and the publisher they name."""

from __future__ import annotations

import re

__all__ = ["CHROME_RE", "COMMENTS_RE", "FOOTER_RE", "FOOTER_MAX_CHARS", "footer_start", "is_chrome", "is_footer",
           "publisher_in"]

CHROME_RE = re.compile(
    r"^(?:\(\d+\)\s*Bình luận|Bình luận(?:\s*\(\d+\))?|Nổi bật|Đừng bỏ lỡ|Tin liên quan|Tin khác|Xem thêm|Chia sẻ|"
    r"Đọc thêm|Đọc tiếp|Tin cùng chuyên mục|Bài liên quan|Quay lại|In bài|Theo dõi .{0,40} trên Google News)\s*:?\s*$",
    re.IGNORECASE,
)
COMMENTS_RE = re.compile(r"^(?:\(\d+\)\s*Bình luận|Bình luận\s*\(\d+\))\s*$", re.IGNORECASE)
"""The comment counter: what follows it on a page dump is comments and page furniture."""
FOOTER_RE = re.compile(r"(?:không sao chép|bản quyền|copyright|©|all rights reserved)", re.IGNORECASE)
FOOTER_MAX_CHARS = 300
"""A notice is a line of its own: a longer line holding one is an article printed as one block, its notice last."""
# Where the sentence holding a notice starts: after the last sentence end before it ("… theo dõi. ® VnExpress …").
_SENTENCE_END_RE = re.compile(r"[.!?…]\s+")
_PUBLISHER_RE = re.compile(r"\b((?:Báo|Tạp chí|Đài|Cổng thông tin)\s+[^\s.,;:()]+(?:\s+[A-ZĐÀ-Ỹ][^\s.,;:()]*)*)")


def is_chrome(line: str) -> bool:
    """Whether a line is a label of the page around the article ("Bình luận (7)", "Xem thêm")."""
    return CHROME_RE.match(line) is not None


def is_footer(line: str) -> bool:
    """Whether a line is a copyright or no-copying notice (a short line naming one)."""
    return len(line) <= FOOTER_MAX_CHARS and FOOTER_RE.search(line) is not None


def footer_start(line: str) -> int | None:
    """Where a notice printed at the end of a long line starts (the start of its sentence), or None: "… tới theo dõi.
    ® VnExpress giữ bản quyền nội dung trên website này" keeps its article text."""
    if len(line) <= FOOTER_MAX_CHARS:
        return None
    m = FOOTER_RE.search(line, len(line) - FOOTER_MAX_CHARS)
    if m is None:
        return None
    ends = [e.end() for e in _SENTENCE_END_RE.finditer(line, 0, m.start())]
    start = ends[-1] if ends else 0
    return start if start > 0 and len(line) - start <= FOOTER_MAX_CHARS else None


def publisher_in(line: str) -> str:
    """The outlet a footer names ("Bản quyền thuộc về Báo VietNamNet." → "Báo VietNamNet"), or ""."""
    m = _PUBLISHER_RE.search(line)
    return m.group(1).rstrip(".") if m else ""
