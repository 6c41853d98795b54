"""What an archive is fed: article files, folders of them, and news.jsonl records (outlet, date, title, url)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from index.article import Document, document_from_paragraphs, load_article
from index.chrome import footer_start, is_footer
from index.errors import ArticleError

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
RECORDS_SUFFIX = ".jsonl"


@dataclass(frozen=True)
class Unreadable:
    """An input that could not be turned into an article, and why."""

    error: ArticleError


def document_from_record(record: dict, where: str = "") -> Document:
    """A Document from one news.jsonl record: ``id``, ``paragraphs`` (or ``text``), ``title``, ``outlet``, ``published``,
    ``author``, ``url``."""
    doc_id = record.get("id")
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise ArticleError(where, "the record has no \"id\"")
    paragraphs = record.get("paragraphs")
    if not isinstance(paragraphs, list):
        text = record.get("text")
        paragraphs = text.split("\n\n") if isinstance(text, str) else []
    paragraphs = _without_notice([p for p in paragraphs if isinstance(p, str)])
    title = record.get("title") if isinstance(record.get("title"), str) else ""
    url = record.get("url") if isinstance(record.get("url"), str) else ""
    doc = document_from_paragraphs(doc_id.strip(), paragraphs, title=title, source=url or where)
    doc.publisher = str(record.get("outlet") or "")
    doc.published = str(record.get("published") or "")
    doc.author = str(record.get("author") or "")
    return doc


def _without_notice(paragraphs: list[str]) -> list[str]:
    """The paragraphs without a copyright notice printed as the last one or at the end of the last one ("… theo dõi.
    ® VnExpress giữ bản quyền nội dung trên website này"): page furniture, not the article's text."""
    if not paragraphs:
        return paragraphs
    last = paragraphs[-1].strip()
    if is_footer(last) and len(paragraphs) > 1:
        return paragraphs[:-1]
    cut = footer_start(last)
    return paragraphs[:-1] + [last[:cut].rstrip()] if cut is not None else paragraphs


def _records(path: Path) -> Iterator[Document | Unreadable]:
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        yield Unreadable(ArticleError(str(path), f"cannot be read ({exc.strerror or exc})"))
        return
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                yield document_from_record(record, where)
            except ArticleError as exc:
                yield Unreadable(exc)
            except ValueError as exc:
                yield Unreadable(ArticleError(where, f"not a news record ({exc})"))


def read_inputs(paths: list[str | os.PathLike[str]]) -> Iterator[Document | Unreadable]:
    """Documents from files, folders (their .txt/.html/.jsonl files, sorted) and .jsonl record files, in order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (*ARTICLE_SUFFIXES, RECORDS_SUFFIX))
            if not files:
                yield Unreadable(ArticleError(str(path), "the folder holds no .txt, .html or .jsonl files"))
            for f in files:
                yield from read_inputs([f])
        elif path.suffix.lower() == RECORDS_SUFFIX:
            yield from _records(path)
        else:
            try:
                yield load_article(path)
            except ArticleError as exc:
                yield Unreadable(exc)


def count_inputs(paths: list[str | os.PathLike[str]]) -> int:
    """How many articles ``read_inputs`` will yield at most (records of .jsonl files, files of folders), for progress."""
    n = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (*ARTICLE_SUFFIXES, RECORDS_SUFFIX)]
            n += count_inputs(files)
        elif path.suffix.lower() == RECORDS_SUFFIX:
            try:
                with open(path, "rb") as fh:
                    n += sum(1 for line in fh if line.strip())
            except OSError:
                n += 1
        else:
            n += 1
    return n
