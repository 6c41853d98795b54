"""Helpers for the UI tests: a small fake assistant with the contract's shape, free ports, app launching."""

from __future__ import annotations

import os
import re
import socket
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

INJECTION = "Thu ngân sách <img src=x onerror=alert(1)> quý I?"


@dataclass
class FakeBlock:
    kind: str
    text: str
    start: int
    end: int


@dataclass
class FakeDocument:
    doc_id: str
    source: str
    text: str
    title: str
    author: str
    published: str
    section: str
    publisher: str
    blocks: list[FakeBlock]


@dataclass
class FakeCitation:
    marker: int
    doc_id: str
    chunk_id: int
    text: str
    start: int
    end: int
    score: float
    section: str
    paragraph: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FakeFigure:
    text: str
    start: int
    end: int
    value: float
    unit: str
    kind: str
    measures: str
    display: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FakeAnswer:
    question: str
    text: str
    direct: str
    abstained: bool
    answer_type: str
    citations: list[FakeCitation] = field(default_factory=list)
    related: list[FakeCitation] = field(default_factory=list)
    figures: list[FakeFigure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "text": self.text,
            "direct": self.direct,
            "abstained": self.abstained,
            "answer_type": self.answer_type,
            "citations": [c.to_dict() for c in self.citations],
            "related": [c.to_dict() for c in self.related],
            "figures": [f.to_dict() for f in self.figures],
        }


def _fake_document() -> FakeDocument:
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
        blocks.append(FakeBlock(kind, body, len(text), len(text) + len(body)))
        text += body
    return FakeDocument("long-bien", "fake.txt", text, parts[1][1], "Đình Hiệp", "2024-04-15T07:25",
                        parts[0][1], "Hànộimới", blocks)


class FakeAssistant:
    """Keyword-matching stand-in for qa.Assistant: same method names and result shapes."""

    def __init__(self) -> None:
        self.documents = [_fake_document()]
        self.calls: list[dict[str, Any]] = []

    def document(self, doc_id: str) -> FakeDocument:
        return next(d for d in self.documents if d.doc_id == doc_id)

    def _citation(self, needle: str, marker: int) -> FakeCitation:
        doc = self.documents[0]
        start = doc.text.index(needle)
        sentence_start = doc.text.rfind(". ", 0, start)
        sentence_start = doc.blocks[3].start if sentence_start < doc.blocks[3].start else sentence_start + 2
        end = doc.text.index(".", start + len(needle)) + 1
        return FakeCitation(marker, doc.doc_id, 0, doc.text[sentence_start:end], sentence_start, end, 0.9,
                            "Thực hiện hiệu quả các chương trình công tác", 3)

    def _figure(self, written: str, value: float, measures: str) -> FakeFigure:
        start = self.documents[0].text.index(written)
        return FakeFigure(written, start, start + len(written), value, "đồng", "money", measures, written)

    def ask(self, question: str, history: list[dict[str, str]] | None = None, mode: str = "hybrid",
            k: int = 5) -> FakeAnswer:
        self.calls.append({"question": question, "history": history, "mode": mode, "k": k})
        from index.errors import QueryError  # the real error type, so the UI catches what the core raises

        if not question.strip() or len(question) > 2000:
            raise QueryError("câu hỏi rỗng hoặc quá dài")
        low = question.lower()
        if "chi" in low.split() or "chi ngân sách" in low:
            cite, fig = self._citation("478 tỷ đồng", 1), self._figure("478 tỷ đồng", 478e9, "chi ngân sách")
        elif "thu" in low or "ngân sách" in low:
            cite, fig = self._citation("2.472 tỷ đồng", 1), self._figure("2.472 tỷ đồng", 2.472e12,
                                                                          "thu cân đối ngân sách")
        else:
            related = self._citation("2.472 tỷ đồng", 1)
            return FakeAnswer(question, "Bài viết không có thông tin để trả lời câu hỏi này.", "", True, "other",
                              related=[related])
        return FakeAnswer(question, f"{cite.text} [1]", fig.display, False, "money", [cite], [], [fig])


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_app(assistant: Any, **build_kwargs: Any) -> Iterator[str]:
    """Build and launch the chat page on 127.0.0.1 for the duration of the block; yields its URL."""
    from ui.app import build_app
    from ui.server import launch

    demo = build_app(assistant, **build_kwargs)
    url = launch(demo, host="127.0.0.1", port=free_port(), block=False)
    try:
        yield url
    finally:
        demo.close()


def strip_tags(html: str) -> str:
    """Text content of an HTML string (rough), for assertions."""
    return re.sub(r"<[^>]+>", "", html)
