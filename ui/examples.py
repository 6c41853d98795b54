"""Example questions: fixed ones for the bundled article, derived from headings for any other article."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

BUNDLED_NAME = "long-bien-2024-04-15"

BUNDLED_EXAMPLES = (
    "Thu ngân sách quý I đạt bao nhiêu?",
    "Chi ngân sách nhà nước quý I là bao nhiêu?",
    "Quận đã khởi công bao nhiêu dự án?",
    "Tổng diện tích đất thu hồi là bao nhiêu?",
    "Chủ đề công tác năm 2024 của quận là gì?",
)


def is_bundled(doc: Any) -> bool:
    """True for the article shipped with hoidap."""
    names = {Path(str(getattr(doc, "source", "") or "")).stem, str(getattr(doc, "doc_id", ""))}
    return any(BUNDLED_NAME in name for name in names)


def _clean(heading: str) -> str:
    return " ".join(heading.split()).rstrip(".:;")


def derived_examples(docs: Sequence[Any], limit: int = 4) -> list[str]:
    """Questions built from the first headings (or titles) of the loaded articles."""
    questions: list[str] = []
    for doc in docs:
        headings = [b.text for b in getattr(doc, "blocks", None) or [] if b.kind == "heading"]
        for heading in headings[:limit]:
            questions.append(f"Bài viết nói gì về “{_clean(heading)}”?")
        if not headings and getattr(doc, "title", ""):
            questions.append(f"Nội dung chính của bài “{_clean(doc.title)}” là gì?")
    unique = list(dict.fromkeys(q for q in questions if len(q) <= 200))
    return unique[:limit] or ["Bài viết nói về điều gì?"]


def example_questions(docs: Sequence[Any]) -> list[str]:
    """The questions to offer under the chat."""
    if docs and all(is_bundled(d) for d in docs):
        return list(BUNDLED_EXAMPLES)
    return derived_examples(docs)
