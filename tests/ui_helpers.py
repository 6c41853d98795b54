"""Helpers for the UI tests: a small fake assistant with the contract's shape, free ports, app launching."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from typing import Any, Iterator

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from benchmarks.ports import free_port
from index.article import Block, Document
from index.figures import Figure
from qa.answer import Answer, Citation

INJECTION = "Thu ngân sách <img src=x onerror=alert(1)> quý I?"


def _fake_document() -> Document:
    """A tiny article with the bundled article's budget sentences and a hostile title."""
    parts = [
        ("section", "Nghị quyết và Cuộc sống"),
        ("title", "Đảng bộ quận <b>Long Biên</b>: Quyết tâm thực hiện thắng lợi các nhiệm vụ"),
        ("heading", "Thực hiện hiệu quả các chương trình công tác"),
        ("paragraph", "Trong quý I, quận đạt được một số kết quả quan trọng như: Thu cân đối ngân sách trên địa bàn "
         "ước thực hiện 2.472 tỷ đồng, đạt 19% so với dự toán giao đầu năm. Chi ngân sách nhà nước ước thực hiện "
         "478 tỷ đồng, đạt 21% dự toán chi đầu năm."),
        ("heading", "Đổi mới công tác xây dựng Đảng, hệ thống chính trị"),
        ("paragraph", "Quận chỉ đạo 14 phường tập trung thực hiện 125 chỉ tiêu, 360 nhiệm vụ và giải pháp."),
    ]
    text, blocks = "", []
    for kind, body in parts:
        if text:
            text += "\n\n"
        blocks.append(Block(kind, body, len(text), len(text) + len(body)))
        text += body
    return Document("long-bien", text, "fake.txt", parts[1][1], "Đình Hiệp", "2024-04-15T07:25",
                    parts[0][1], "Hànộimới", blocks)


class FakeAssistant:
    """Keyword-matching stand-in for qa.Assistant: same method names, the real result types."""

    def __init__(self) -> None:
        self.documents = [_fake_document()]
        self.calls: list[dict[str, Any]] = []

    def document(self, doc_id: str) -> Document:
        return next(d for d in self.documents if d.doc_id == doc_id)

    def _citation(self, needle: str, marker: int, supporting: bool = False) -> Citation:
        doc = self.documents[0]
        start = doc.text.index(needle)
        sentence_start = doc.text.rfind(". ", 0, start)
        sentence_start = doc.blocks[3].start if sentence_start < doc.blocks[3].start else sentence_start + 2
        end = doc.text.index(".", start + len(needle)) + 1
        return Citation(marker, doc.doc_id, f"{doc.doc_id}#0", doc.text[sentence_start:end], sentence_start, end, 0.9,
                        "Thực hiện hiệu quả các chương trình công tác", 3, supporting)

    def _figure(self, written: str, value: Any, measures: str, unit: str = "đồng", kind: str = "money") -> Figure:
        start = self.documents[0].text.index(written)
        return Figure(written, start, start + len(written), value, unit, kind, measures)

    def ask(self, question: str, history: list[dict[str, str]] | None = None, mode: str = "hybrid",
            k: int = 5) -> Answer:
        self.calls.append({"question": question, "history": history, "mode": mode, "k": k})
        from qa.errors import QueryError  # the real error type, so the UI catches what the core raises
        from qa.validation import MAX_QUERY_CHARS

        if not question.strip() or len(question) > MAX_QUERY_CHARS:
            raise QueryError("câu hỏi rỗng hoặc quá dài")
        low = question.lower()
        if "chi" in low.split() or "chi ngân sách" in low:
            cite, other = self._citation("478 tỷ đồng", 1, True), self._citation("2.472 tỷ đồng", 2)
            figs = [self._figure("478 tỷ đồng", 478_000_000_000, "chi ngân sách")]
        elif "thu" in low or "ngân sách" in low:
            cite, other = self._citation("2.472 tỷ đồng", 1, True), self._citation("478 tỷ đồng", 2)
            figs = [self._figure("2.472 tỷ đồng", 2_472_000_000_000, "thu cân đối ngân sách"),
                    self._figure("19%", 19, "so với dự toán giao đầu năm", "%", "percent"),
                    self._figure("quý I", "Q1", "", "quarter", "quarter")]
        else:
            related = self._citation("2.472 tỷ đồng", 1)
            return Answer(question, "Bài viết không nói về dân số của quận.\nCác đoạn có thể liên quan: [1]", True,
                          related=[related], answer_type="other")
        answer = Answer(question, f"{figs[0].text}\n“{cite.text}” [1]", False, [cite, other], figs,
                        direct=figs[0].text, answer_type="money")
        return answer


@contextmanager
def running_app(assistant: Any, mcp: bool = False, **build_kwargs: Any) -> Iterator[str]:
    """Build and launch the chat page on 127.0.0.1 for the duration of the block; yields its URL."""
    from ui.app import build_app
    from ui.server import close, launch

    demo = build_app(assistant, **build_kwargs)
    url = launch(demo, host="127.0.0.1", port=free_port(), mcp=mcp)
    try:
        yield url
    finally:
        close(demo)


def strip_tags(html: str) -> str:
    """Text content of an HTML string (rough), for assertions."""
    return re.sub(r"<[^>]+>", "", html)


NEWS_ARTICLE = """Thị trường căn hộ dịch vụ hồi phục

Căn hộ dịch vụ tại Hà Nội tăng giá nhờ khách nước ngoài quay lại

Giá thuê căn hộ dịch vụ trung bình đạt 516.000 đồng mỗi m2 một tháng, tăng 3% so với năm trước.

Tỷ lệ lấp đầy đạt 83%, tăng 4% so với cùng kỳ nhờ lượng chuyên gia nước ngoài quay lại làm việc.

Nguồn cung mới trong năm chỉ có 504 căn, chủ yếu ở quận Tây Hồ và Ba Đình.
"""


def write_article(path: Any) -> Any:
    """A short article other than the bundled one, written to path (a .txt file)."""
    path.write_text(NEWS_ARTICLE, encoding="utf-8")
    return path
