"""Sentences and chunks: split blocks into sentences and group them into cited, offset-exact chunks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.article import SEARCHABLE_KINDS, Document

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "tp tt ts pgs gs ths bs ks ls th ts ctv tr nxb v vv st mr mrs ms dr prof no vol fig tel ed eds etc".split()
)
_OPEN_QUOTES = "“«\"‘("
_CLOSE_QUOTES = "”»\"’)"
_INITIALS_RE = re.compile(r"(?:[A-ZĐÀ-Ỹ]\.)+[A-ZĐÀ-Ỹ]")
_SENT_END_RE = re.compile(r"[.!?…]+[”»\"’)]*(?=\s)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    """A searchable passage: one sentence or a small window of sentences within one block."""

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    section: str
    paragraph: int
    kind: str = "paragraph"

    def to_dict(self) -> dict:
        return {
            "chunk_id": self.chunk_id,
            "doc_id": self.doc_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "section": self.section,
            "paragraph": self.paragraph,
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Chunk":
        return cls(**d)


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quotations and brackets of ``text[start:end]`` that close within it, as (open, close) offsets.

    A quote or bracket that never closes (a typo, or a quotation running past the block) is left out, so that it
    does not hold the rest of the block together as one sentence."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    straight: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch in "“«‘(":
            stack.append(i)
        elif ch in "”»’)":
            if stack:
                spans.append((stack.pop(), i))
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                spans.append((straight, i))
                straight = None
    return spans


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether a position falls inside one of the quotations (after its opening mark, before its closing one)."""
    return any(o < pos <= c for o, c in spans)


def _is_abbreviation(text: str, dot: int, following: str = "") -> bool:
    m = re.search(r"([^\W\d_][\w.]*)$", text[:dot])
    if not m:
        return False
    word = m.group(1)
    parts = [p for p in word.lower().split(".") if p]
    initial = len(word) == 1 and word.isupper()  # "Nguyễn Văn A. Trần": a name initial
    # "Bệnh nhân T.V.L. (58 tuổi, ...)": a person's initials, followed by what is said of them.
    initials = _INITIALS_RE.fullmatch(word) is not None and (following in _OPEN_QUOTES or following.isdigit())
    return initial or initials or (bool(parts) and all(p in _ABBREVIATIONS for p in parts))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of ``text[start:end]`` (absolute offsets, whitespace trimmed)."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    seg_start = start
    quoted = _quoted_spans(text, start, end)
    for m in _SENT_END_RE.finditer(text, start, end):
        cut = m.end()
        nxt = re.match(r"\s*(\S)", text[cut:end])
        if not nxt:
            continue
        following = nxt.group(1)
        if not (following.isupper() or following.isdigit() or following in _OPEN_QUOTES or following in "-–•"):
            continue
        if text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, m.start(), following):
            continue
        if _inside(quoted, cut):
            continue
        spans.append(Span(seg_start, cut))
        seg_start = cut
    spans.append(Span(seg_start, end))
    out: list[Span] = []
    for sp in spans:
        s, e = sp.start, sp.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span(s, e))
    return out


def chunk_document(doc: Document, window: int = 1, stride: int = 1) -> list[Chunk]:
    """Chunks of a document: windows of ``window`` sentences moved by ``stride``, never across blocks."""
    if window < 1 or stride < 1:
        raise ValueError("window and stride must be at least 1")
    chunks: list[Chunk] = []
    section = doc.title
    paragraph = 0
    for block in doc.blocks:
        if block.kind == "heading":
            section = block.text
        if block.kind not in SEARCHABLE_KINDS:
            continue
        if block.kind == "paragraph":
            paragraph += 1
        sents = split_sentences(doc.text, block.start, block.end)
        starts = range(0, max(1, len(sents) - window + 1), stride) if len(sents) > window else [0]
        for i in starts:
            group = sents[i : i + window]
            s, e = group[0].start, group[-1].end
            chunks.append(
                Chunk(
                    chunk_id=f"{doc.doc_id}#{len(chunks)}",
                    doc_id=doc.doc_id,
                    text=doc.text[s:e],
                    start=s,
                    end=e,
                    section=section,
                    paragraph=paragraph if block.kind == "paragraph" else 0,
                    kind=block.kind,
                )
            )
    return chunks
