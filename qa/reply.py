"""The reply text shown to the user: the direct answer, the quoted sentence, its figures, or a refusal."""

from __future__ import annotations

from index.article import Document
from index.figures import Figure
from index.numbers import format_vi
from index.text import fold
from qa.result import Citation

REFUSAL = "Bài viết không nói về điều bạn hỏi."
NO_AUTHOR = "Bài viết không ghi tên tác giả."
NO_FIELD = {
    "author": NO_AUTHOR,
    "published": "Bài viết không ghi ngày đăng.",
    "section": "Bài viết không ghi chuyên mục.",
    "publisher": "Bài viết không ghi tên báo.",
    "title": "Bài viết không có tiêu đề.",
}
RELATED_HEADING = "Các đoạn gần nhất có thể liên quan:"


def figure_line(f: Figure) -> str:
    """A figure as printed, with its value written out in full where that says more ("2.472 tỷ đồng (= 2 472 …)")."""
    shown = f.text
    if f.kind in ("money", "area", "length", "volume"):
        norm = format_vi(f.value, f.unit)
        if norm and fold(norm) != fold(shown):
            exact = isinstance(f.value, int) or float(f.value).is_integer()
            shown += f" ({'=' if exact else '≈'} {norm})"
    if f.kind == "fraction" and f.total is not None and f.value == f.total:
        shown += f" (tất cả {f.total} {f.unit})".replace(" )", ")")
    return shown


def source_line(doc: Document, section: str) -> str:
    title = doc.title or doc.doc_id
    return f"Nguồn: [1] {title}" + (f" — {section}" if section and section != title else "")


def answer_text(direct: str, quote: str, others: list[Figure], doc: Document, section: str) -> str:
    lines = [direct] if direct else []
    lines.append(f"“{quote}” [1]")
    if others:
        lines.append("Số liệu khác trong câu:")
        lines += [f"• {figure_line(f)}" + (f" — {f.measures}" if f.measures else "") for f in others[:6]]
    lines.append(source_line(doc, section))
    return "\n".join(lines)


def refusal_text(related: list[Citation], reason: str = REFUSAL) -> str:
    lines = [reason]
    if related:
        lines.append(RELATED_HEADING)
        lines += [f"[{c.marker}] {c.text}" for c in related]
    return "\n".join(lines)
