"""How an archive's segments hold its articles: a document line per article and a passage line per passage (its
chunk, figures and search syllables), each read by position, CRC-checked, and decoded only when a question needs it."""

from __future__ import annotations

import json
import os
import zlib
from collections import OrderedDict
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable, Mapping, Sequence, TypeVar

import numpy as np
import orjson

from index.article import Document
from index.chunk import Chunk
from index.errors import IndexStoreError
from index.figures import Figure

SEGMENTS = "segments"
DOCUMENTS = "articles.jsonl"
"""One line a document (text, metadata, blocks), in the order of the segment's articles."""
PASSAGES = "passages.jsonl"
"""One line a passage, ``[chunk, figures, syllables]``, the passages of each article one after another."""
DOCUMENT_CACHE = 2048
"""Decoded documents kept in memory; a question touches its candidates' articles only."""
TEXT_LENGTHS = "documents.text_length"
"""The compiled index's array of each article's text length (int64)."""
PASSAGE_CACHE = 65536
"""Decoded passages kept in memory (about as many as the documents' passages)."""
_FIGURE_FIELDS = {f.name for f in fields(Figure)}
T = TypeVar("T")


def document_line(doc: Document) -> bytes:
    """An article's document line: its text, metadata and blocks."""
    return json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8") + b"\n"


def passage_line(chunk: Chunk, figures: Sequence[Figure], syllables: str) -> bytes:
    """A passage's line: its chunk, its figures and its space-joined search syllables."""
    figs = [{k: v for k, v in f.to_dict().items() if k in _FIGURE_FIELDS} for f in figures]
    return json.dumps([chunk.to_dict(), figs, syllables], ensure_ascii=False).encode("utf-8") + b"\n"


def decode(line: bytes | memoryview):
    """One JSON line of a segment, already CRC-checked."""
    try:
        return orjson.loads(line)  # about twice as fast as json
    except orjson.JSONDecodeError:  # what json writes and orjson refuses (NaN); the CRC already vouched for it
        return json.loads(bytes(line))


def split_passages(block: bytes, base: int) -> tuple[list[bytes], np.ndarray]:
    """An article's passage lines as read in one piece from ``base``, and the offset of each (JSON escapes every
    control character inside a string, so a newline ends a passage and nothing else)."""
    lines = [line + b"\n" for line in block.split(b"\n")[:-1]]
    offsets = np.cumsum([base] + [len(x) for x in lines[:-1]], dtype=np.int64) if lines else np.zeros(0, np.int64)
    return lines, offsets


@dataclass(frozen=True)
class PassageLocations:
    """Where each passage's line lies in its segment's passage file, and its CRC (saved in the compiled index)."""

    offset: np.ndarray  # int64
    length: np.ndarray  # int32
    crc: np.ndarray     # uint32

    def arrays(self) -> dict[str, np.ndarray]:
        return {"passage.offset": self.offset, "passage.length": self.length, "passage.crc": self.crc}


    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], n: int) -> "PassageLocations":
        try:
            got = cls(arrays["passage.offset"], arrays["passage.length"], arrays["passage.crc"])
        except KeyError as exc:
            raise IndexStoreError(f"the saved index has no passage locations ({exc}); it is of an older layout") from None
        if not len(got.offset) == len(got.length) == len(got.crc) == n:
            raise IndexStoreError("the saved passage locations disagree with the passages in number")
        return got


class _Passage:
    """One passage's decoded line; its chunk and figures are built on first access."""

    __slots__ = ("_raw", "_chunk", "_figures")

    def __init__(self, raw: list) -> None:
        self._raw = raw
        self._chunk: Chunk | None = None
        self._figures: list[Figure] | None = None

    def chunk(self) -> Chunk:
        if self._chunk is None:
            self._chunk = Chunk.from_dict(self._raw[0])
        return self._chunk

    def figures(self) -> list[Figure]:
        if self._figures is None:
            self._figures = [Figure(**f) for f in self._raw[1]]
        return self._figures

    def syllables(self) -> list[str]:
        return self._raw[2].split()


def _recent(cache: OrderedDict, key: int, size: int, make: Callable[[], T]) -> T:
    """``cache[key]``, made when missing; the ``size`` most recently used are kept."""
    hit = cache.get(key)
    if hit is not None:
        cache.move_to_end(key)
        return hit
    got = cache[key] = make()
    if len(cache) > size:
        cache.popitem(last=False)
    return got


class SegmentReader:
    """Reads an article's document line or one passage's line by position, checks its CRC, and keeps recent ones
    decoded."""

    def __init__(self, root: Path, documents: Sequence[tuple], passages: PassageLocations,
                 chunk_article: np.ndarray, text_lengths: np.ndarray) -> None:
        self.root = root
        self.documents = documents  # (segment, offset, length, crc) of each article's document line
        self.passages = passages
        self.text_lengths = text_lengths  # characters of each article's text
        self._article_of = chunk_article
        self._docs: OrderedDict[int, Document] = OrderedDict()
        self._passages: OrderedDict[int, _Passage] = OrderedDict()
        self._fds: dict[tuple[str, str], int] = {}

    def _line(self, segment: str, name: str, offset: int, length: int, crc: int) -> bytes:
        fd = self._fds.get((segment, name))
        if fd is None:
            try:
                fd = self._fds[segment, name] = os.open(os.path.join(self.root, SEGMENTS, segment, name), os.O_RDONLY)
            except OSError as exc:
                raise IndexStoreError(f"{self.root}: segment {segment} is missing ({exc.strerror})") from None
        line = os.pread(fd, length, offset)
        if len(line) != length or zlib.crc32(line) != crc:
            what = "a passage" if name == PASSAGES else "an article"
            raise IndexStoreError(f"{self.root}: {what} of segment {segment} is damaged; re-index it")
        return line

    def document(self, a: int) -> Document:
        return _recent(self._docs, a, DOCUMENT_CACHE, lambda: Document.from_dict(
            decode(self._line(self.documents[a][0], DOCUMENTS, *self.documents[a][1:]))))

    def passage(self, i: int) -> _Passage:
        p = self.passages
        return _recent(self._passages, i, PASSAGE_CACHE, lambda: _Passage(decode(self._line(
            self.documents[int(self._article_of[i])][0], PASSAGES, int(p.offset[i]), int(p.length[i]), int(p.crc[i])))))

    def __del__(self) -> None:
        for fd in self._fds.values():
            try:
                os.close(fd)
            except OSError:
                pass


class Documents(Mapping):
    """An archive's documents by id, read on demand."""

    def __init__(self, reader: SegmentReader, position: Mapping[str, int]) -> None:
        self._reader, self._position = reader, position

    def __getitem__(self, doc_id: str) -> Document:
        return self._reader.document(self._position[doc_id])

    def __iter__(self):
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._position


class TextLengths(Mapping):
    """Characters of each article's text by id, known without reading the article."""

    def __init__(self, reader: SegmentReader, position: Mapping[str, int]) -> None:
        self._lengths, self._position = reader.text_lengths, position

    def __getitem__(self, doc_id: str) -> int:
        return int(self._lengths[self._position[doc_id]])

    def __iter__(self):
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)


class PerPassage(Sequence):
    """One part of every passage (``part`` picks it from the decoded passage), read on demand."""

    def __init__(self, reader: SegmentReader, n: int, part: Callable[[_Passage], object]) -> None:
        self._reader, self._n, self._part = reader, n, part

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self._part(self._reader.passage(i))


def views(reader: SegmentReader, position: Mapping[str, int],
          n: int) -> tuple[Documents, PerPassage, PerPassage, PerPassage, TextLengths]:
    """The documents, chunks, figures, search syllables and text lengths of an archive, as a Corpus takes them."""
    return (Documents(reader, position), PerPassage(reader, n, _Passage.chunk), PerPassage(reader, n, _Passage.figures),
            PerPassage(reader, n, _Passage.syllables), TextLengths(reader, position))
