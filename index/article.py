"""Articles: parse a news page dump, plain text or HTML into metadata and typed blocks with offsets."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from index.byline import parse_byline
from index.caption import is_caption
from index.chrome import COMMENTS_RE, footer_start, is_chrome, is_footer, publisher_in
from index.dateline import find_dateline, parse_dateline
from index.errors import ArticleError
from index.html import read_html
from index.reader import MAX_ARTICLE_BYTES, read_article_text
from index.text import clean

BLOCK_KINDS = ("section", "title", "dateline", "byline", "heading", "paragraph", "image", "caption", "footer")
"""Kinds of block; only heading, paragraph, caption and title are searched."""

SEARCHABLE_KINDS = frozenset({"title", "heading", "paragraph", "caption"})
_META_BLOCK_KINDS = {"author": ("byline",), "published": ("dateline", "byline"), "publisher": ("footer",)}


@dataclass(frozen=True)
class Block:
    """A typed span of an article's text: ``document.text[start:end] == text``."""

    kind: str
    text: str
    start: int
    end: int


@dataclass
class Document:
    """One article: its cleaned text, metadata and blocks."""

    doc_id: str
    text: str
    source: str = ""
    title: str = ""
    author: str = ""
    published: str = ""
    section: str = ""
    publisher: str = ""
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def block(self, kind: str) -> Block | None:
        """The first block of a kind, or None."""
        return next((b for b in self.blocks if b.kind == kind), None)

    def meta_block(self, field_name: str) -> Block | None:
        """The block that states a metadata field: "author" → the byline, "published" → the date line (or a
        byline that carries the date), "title", "section", "publisher" → the footer; None when the page has none."""
        kinds = _META_BLOCK_KINDS.get(field_name, (field_name,))
        return next((b for kind in kinds for b in self.blocks if b.kind == kind), None)

    @property
    def lead(self) -> Block | None:
        """The sapo: the first paragraph."""
        return self.block("paragraph")

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(f"{self.doc_id}\x00{self.text}".encode("utf-8")).hexdigest()

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "text": self.text,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "section": self.section,
            "publisher": self.publisher,
            "blocks": [[b.kind, b.start, b.end] for b in self.blocks],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        text = d["text"]
        blocks = [Block(k, text[s:e], s, e) for k, s, e in d["blocks"]]
        fields = {k: d[k] for k in ("doc_id", "source", "title", "author", "published", "section", "publisher")}
        return cls(text=text, blocks=blocks, **fields)


# --- plain text and page dumps -------------------------------------------------------------

_IMAGE_RE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|bmp|svg)$", re.IGNORECASE)
_END_PUNCT = ".!?:;…”\"»)"
_HEAD_LINES = 8          # the date line, if any, is among the first lines of a page dump
_HEADING_WORDS = 15      # a sub-heading is a short line; a longer unpunctuated line is a caption or a lead
_META_SEP = " ,-–—|"


@dataclass
class _Line:
    text: str
    start: int
    end: int
    blank_before: bool


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    blank = True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            out.append(_Line(stripped, s, s + len(stripped), blank))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    return out


def _is_heading(line: _Line, nxt: _Line | None) -> bool:
    words = line.text.split()
    return (
        nxt is not None
        and 1 <= len(words) <= _HEADING_WORDS
        and len(line.text) <= 120
        and line.text[-1] not in _END_PUNCT
        and line.text[0].isupper()
        and not _IMAGE_RE.match(line.text)
    )


@dataclass
class _Head:
    """What the top of a page dump says: where the title, date line and byline are, and where the body starts."""

    title: _Line | None = None
    section: _Line | None = None
    dateline: tuple[int, int] | None = None
    published: str = ""
    byline: tuple[int, int] | None = None
    author: str = ""
    body_start: int = 0


def _sub_line(ln: _Line, lo: int, hi: int) -> tuple[int, int] | None:
    """Absolute span of ln.text[lo:hi] trimmed of separators, or None when nothing is left."""
    while lo < hi and ln.text[lo] in _META_SEP:
        lo += 1
    while hi > lo and ln.text[hi - 1] in _META_SEP:
        hi -= 1
    return (ln.start + lo, ln.start + hi) if hi > lo else None


def _read_head(lines: list[_Line]) -> _Head:
    head = _Head()
    for i, ln in enumerate(lines[:_HEAD_LINES]):
        found = find_dateline(ln.text)
        if found is None:
            continue
        rest = _sub_line(ln, 0, found.start) or _sub_line(ln, found.end, len(ln.text))
        whole = parse_dateline(ln.text) is not None
        author = parse_byline(ln.text[rest[0] - ln.start:rest[1] - ln.start]) if rest and not whole else None
        if not whole and not author:
            continue  # a sentence that happens to end with a date
        head.published = found.iso
        head.body_start = i + 1
        before = lines[:i]
        if author:  # "Đình Hiệp 15/04/2024 - 07:25": one byline that carries the date too
            head.author, head.byline = author, (ln.start, ln.end)
        else:
            head.dateline = (ln.start + found.start, ln.start + found.end)
            before = _byline_beside(head, lines, i)
        if before:
            head.title = before[-1]
        if len(before) >= 2:
            head.section = before[-2]
        return head
    if len(lines) > 1 and len(lines[0].text) <= 200 and lines[0].text[-1] not in ".!?…":
        head.title, head.body_start = lines[0], 1
    return head


def _byline_beside(head: _Head, lines: list[_Line], i: int) -> list[_Line]:
    """Read a byline on the line after the date line (Tuổi Trẻ) or before it, under the title; the lines above
    the byline (title, section) are returned."""
    before = lines[:i]
    if i + 1 < len(lines) and (author := parse_byline(lines[i + 1].text)):
        head.author, head.byline = author, (lines[i + 1].start, lines[i + 1].end)
        head.body_start = i + 2
    elif len(before) >= 2 and (author := parse_byline(before[-1].text)):
        head.author, head.byline = author, (before[-1].start, before[-1].end)
        before = before[:-1]
    return before


def parse_text(text: str, doc_id: str, source: str = "") -> Document:
    """Parse a plain-text article or news page dump; offsets index the cleaned text."""
    text = clean(text)
    lines = _lines(text)
    if not lines:
        raise ArticleError(source or doc_id, "the article has no text")
    doc = Document(doc_id=doc_id, text=text, source=source)
    blocks: list[Block] = []

    def add(kind: str, start: int, end: int) -> None:
        blocks.append(Block(kind, text[start:end], start, end))

    head = _read_head(lines)
    if head.section:
        doc.section = head.section.text
        add("section", head.section.start, head.section.end)
    if head.title:
        doc.title = head.title.text
        add("title", head.title.start, head.title.end)
    meta = [("dateline", head.dateline), ("byline", head.byline)]
    for kind, span in sorted((m for m in meta if m[1]), key=lambda m: m[1][0]):
        add(kind, *span)
    doc.published, doc.author = head.published, head.author

    in_chrome = False
    body = lines[head.body_start:]
    last_content: int | None = None
    for i, ln in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else None
        if is_footer(ln.text) and (in_chrome or i >= len(body) - 3):
            add("footer", ln.start, ln.end)
            doc.publisher = doc.publisher or publisher_in(ln.text)
            continue
        if COMMENTS_RE.match(ln.text):
            in_chrome = True
        if in_chrome or is_chrome(ln.text) or (doc.title and ln.text == doc.title):
            continue
        cut = footer_start(ln.text) if i >= len(body) - 3 else None
        if cut is not None:
            # An article printed as one block with its notice last: the text before it is read, the notice is not.
            kept = ln.text[:cut].rstrip()
            add("paragraph", ln.start, ln.start + len(kept))
            add("footer", ln.start + cut, ln.end)
            doc.publisher = doc.publisher or publisher_in(ln.text[cut:])
            last_content = len(blocks) - 2
            continue
        kind = _body_kind(ln, nxt, blocks)
        add(kind, ln.start, ln.end)
        if kind in ("paragraph", "heading"):
            last_content = len(blocks) - 1
    # VnExpress and others print the author after the last paragraph.
    if last_content is not None and not doc.author:
        last = blocks[last_content]
        author = parse_byline(last.text)
        if author and _paragraph_count(blocks) > 1:
            blocks[last_content] = Block("byline", last.text, last.start, last.end)
            doc.author = author
    doc.blocks = blocks
    if not any(b.kind in SEARCHABLE_KINDS for b in blocks):
        raise ArticleError(source or doc_id, "the article has no text")
    return doc


def _body_kind(ln: _Line, nxt: _Line | None, blocks: list[Block]) -> str:
    """Kind of a body line: image, caption (by its credit mark or its place), heading or paragraph."""
    if _IMAGE_RE.match(ln.text):
        return "image"
    prev = blocks[-1].kind if blocks else ""
    if prev == "image" and not ln.blank_before or is_caption(ln.text):
        return "caption"
    is_lead = not any(b.kind in ("paragraph", "heading") for b in blocks)
    if is_lead:
        return "paragraph"  # the sapo leads the article even when it is short and unpunctuated
    unpunctuated = ln.text[-1] not in _END_PUNCT
    if unpunctuated and len(ln.text.split()) > _HEADING_WORDS and _paragraph_count(blocks) == 1 and prev == "paragraph":
        return "caption"  # a long unpunctuated line right under the sapo: the lead photo's caption
    if _is_heading(ln, nxt) and (nxt is not None and nxt.blank_before or ln.blank_before):
        return "heading"
    return "paragraph"


def _paragraph_count(blocks: list[Block]) -> int:
    return sum(b.kind == "paragraph" for b in blocks)


def document_from_paragraphs(doc_id: str, paragraphs: list[str], title: str = "", source: str = "") -> Document:
    """A document made of given paragraphs (e.g. a reading-comprehension set), joined by blank lines."""
    parts: list[tuple[str, str]] = []
    if title.strip():
        parts.append(("title", title))
    parts += [("paragraph", p) for p in paragraphs if p.strip()]
    return _assemble(doc_id, parts, source=source, title=title.strip())


def _assemble(doc_id: str, parts: list[tuple[str, str]], source: str = "", **meta: str) -> Document:
    chunks: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, raw in parts:
        piece = " ".join(clean(raw).split())
        if not piece:
            continue
        if chunks:
            chunks.append("\n\n")
            pos += 2
        blocks.append(Block(kind, piece, pos, pos + len(piece)))
        chunks.append(piece)
        pos += len(piece)
    if not any(b.kind in SEARCHABLE_KINDS for b in blocks):
        raise ArticleError(source or doc_id, "the article has no text")
    return Document(doc_id=doc_id, text="".join(chunks), source=source, blocks=blocks, **meta)


# --- HTML ----------------------------------------------------------------------------------

def parse_html(html: str, doc_id: str, source: str = "") -> Document:
    """Parse an HTML article: its visible main content as typed blocks, scripts, styles and page chrome dropped."""
    page = read_html(clean(html))
    meta = {k: clean(v) for k, v in (("author", page.author), ("published", page.published),
                                      ("section", page.section), ("publisher", page.publisher)) if v}
    return _assemble(doc_id, page.parts, source=source, title=clean(page.title), **meta)


# --- files ---------------------------------------------------------------------------------

_SLUG_RE = re.compile(r"[^\w.-]+")


def doc_id_for(path: str | os.PathLike[str]) -> str:
    """A readable document id from a file name."""
    return _SLUG_RE.sub("-", Path(path).stem).strip("-") or "article"


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head or "<p>" in head or "<p " in head)


def load_article(path: str | os.PathLike[str], doc_id: str | None = None, max_bytes: int = MAX_ARTICLE_BYTES) -> Document:
    """Read and parse one article file (.txt page dump or plain text, or .html)."""
    raw = read_article_text(path, max_bytes)
    did = doc_id or doc_id_for(path)
    if not raw.strip():
        raise ArticleError(str(path), "the file holds only whitespace")
    if Path(path).suffix.lower() in (".html", ".htm") or looks_like_html(raw):
        return parse_html(raw, did, source=str(path))
    return parse_text(raw, did, source=str(path))
