"""Articles a reader brings: uploaded .txt/.html files or pasted text, read like the CLI reads them."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from index.article import Document, doc_id_for, load_article
from index.errors import ArticleError
from index.reader import MAX_ARTICLE_BYTES

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
MAX_ARTICLES = 10
PASTED_NAME = "bai-dan"

# The reader's reasons (index.reader, index.article), said in Vietnamese; an unknown reason is shown as given.
_REASONS_VI = (
    (re.compile(r"^no such file"), "không tìm thấy tệp"),
    (re.compile(r"^the file is empty"), "tệp trống"),
    (re.compile(r"^the file holds only whitespace|^the article has no text"), "tệp không có nội dung chữ"),
    (re.compile(r"^this looks like a binary file|^this is .*, not a text article"),
     "đây không phải tệp văn bản; hãy dùng tệp .txt hoặc .html"),
    (re.compile(r"^cannot decode|^the file says it is"),
     "không đọc được bảng mã của tệp; hãy lưu tệp dưới dạng UTF-8 rồi thử lại"),
    (re.compile(r"over the .*limit"),
     f"tệp lớn hơn giới hạn {MAX_ARTICLE_BYTES // (1024 * 1024)} MB cho một bài; hãy tách nhỏ"),
    (re.compile(r"^permission denied|^cannot read"), "không đọc được tệp"),
)


@dataclass
class Loaded:
    """The outcome of one upload: the articles read, and one Vietnamese message per file that could not be."""

    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def reason_vi(reason: str) -> str:
    """The reader's reason for refusing a file, in Vietnamese."""
    for pattern, text in _REASONS_VI:
        if pattern.search(reason):
            return text
    return reason


def problem(name: str, reason: str) -> str:
    """One line naming the file and what is wrong with it."""
    return f"Không dùng được tệp «{name}»: {reason}."


def _unique_id(doc_id: str, used: set[str]) -> str:
    candidate, n = doc_id, 2
    while candidate in used:
        candidate, n = f"{doc_id}-{n}", n + 1
    used.add(candidate)
    return candidate


def _read_one(path: Path, name: str, used: set[str]) -> Document:
    doc = load_article(path, doc_id=_unique_id(doc_id_for(name), used))
    doc.source = name  # the reader's own file name, not the server's temporary path
    return doc


def read_uploads(paths: Iterable[str | Path], pasted: str, dest: Path, taken: Sequence[str] = (),
                 room: int = MAX_ARTICLES, consume: bool = False) -> Loaded:
    """Copy each upload into dest and read it with index.article.load_article.

    With consume=True the uploaded originals (Gradio's cached copies) are removed, so they are never served back.
    """
    dest.mkdir(parents=True, exist_ok=True)
    out, used = Loaded(), set(taken)

    def take(target: Path, name: str) -> None:
        if len(out.documents) >= room:
            out.problems.append(problem(name, f"mỗi phiên giữ tối đa {MAX_ARTICLES} bài"))
            return
        try:
            out.documents.append(_read_one(target, name, used))
        except ArticleError as exc:
            out.problems.append(problem(name, reason_vi(exc.reason)))

    for raw in paths:
        original = Path(raw)
        target = dest / f"{len(list(dest.iterdir())):02d}-{original.name}"
        try:
            if original.suffix.lower() not in ARTICLE_SUFFIXES:
                out.problems.append(problem(original.name, "chỉ nhận tệp .txt hoặc .html"))
                continue
            shutil.copyfile(original, target)
        except OSError:
            out.problems.append(problem(original.name, "không đọc được tệp"))
            continue
        finally:
            if consume:
                original.unlink(missing_ok=True)
        take(target, original.name)
    if pasted and pasted.strip():
        target = dest / f"{len(list(dest.iterdir())):02d}-{PASTED_NAME}.txt"
        target.write_text(pasted, encoding="utf-8")
        take(target, f"{PASTED_NAME}.txt")
    return out
