"""Photo and video captions, recognised by their credit marks ("… Ảnh: An Phương", "Nguồn: NVL", "(Ảnh minh họa)")."""

from __future__ import annotations

import re

__all__ = ["is_caption"]

_MARK = (r"(?:Ảnh|ẢNH|Ảnh\s+minh\s+h(?:ọa|oạ)|Ảnh\s+tư\s+liệu|Ảnh\s+chụp\s+màn\s+hình|Ảnh\s+cắt\s+từ\s+clip|Nguồn\s+ảnh"
         r"|Nguồn|Video|Clip|Đồ\s+h(?:ọa|oạ)|Infographic|Photo|Minh\s+h(?:ọa|oạ))")
# The credit closes the line: "... Thủ Đức. Ảnh: Quỳnh Trần", "... - Ảnh: GIA HÂN", "(Ảnh: Thạch Thảo)".
_CREDIT_RE = re.compile(rf"(?:^|[\s.,;(\[–—-]){_MARK}\s*:\s*(?P<credit>[^:;!?]{{1,80}}?)\s*[.)\]]*\s*$")
# A bare mark with no credit: "Ảnh minh họa.", "(Ảnh minh họa)", "... kênh. (Ảnh tư liệu)".
_BARE_RE = re.compile(r"(?:^|[\s.,;(\[–—-])\(?\s*(?:Ảnh\s+minh\s+h(?:ọa|oạ)|Ảnh\s+tư\s+liệu)\s*\)?\s*\.?\s*$",
                      re.IGNORECASE)
_MAX_CREDIT_WORDS = 8


def is_caption(line: str) -> bool:
    """Whether a line is a photo, video or chart caption: it ends with a credit mark and a short credit."""
    text = " ".join(line.split())
    m = _CREDIT_RE.search(text)
    if m:
        credit = m["credit"]
        # "Nguồn: Bộ Tài chính." closes a caption; a long clause after "Nguồn:" is a sentence citing its source.
        return len(credit.split()) <= _MAX_CREDIT_WORDS and ". " not in credit
    return bool(_BARE_RE.search(text))
