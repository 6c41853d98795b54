"""An article's record line read in parts: its document, its figures and one passage at a time, so that a question
touching one or two passages of an article does not decode all of them (the passages are most of a record).

A record is written by ``json.dumps`` with its default separators, as
``{"document": {...}, "chunks": [{"chunk_id": ...}, ...], "figures": [...]}``. Each marker below holds a quote after
a space or a brace, not after a backslash: a quote that delimits a string, and one that opens a key, since a letter
follows it. No document field is named ``chunks`` or ``figures`` and no passage field holds a list or a mapping, so
each marker stands only where the parts meet, whatever the texts hold. A line laid out otherwise is decoded whole.
"""

from __future__ import annotations

from typing import Any, Callable

_DOCUMENT = b'{"document": {'
_CHUNKS = b'}, "chunks": ['
_FIGURES = b'], "figures": ['
_CHUNK = b'{"chunk_id": '
_BETWEEN_CHUNKS = b', ' + _CHUNK
_END = b']}'

Decode = Callable[[Any], Any]


class RecordParts:
    """The document, figures and passages of one record line, each decoded on first use."""

    def __init__(self, line: bytes, decode: Decode) -> None:
        self._decode = decode
        self._whole: dict | None = None
        body = line.rstrip(b"\n")
        chunks_at = body.find(_CHUNKS)
        figures_at = body.rfind(_FIGURES)  # from the end: the figures are the shorter tail
        if not (body.startswith(_DOCUMENT) and body.endswith(_END) and 0 <= chunks_at < figures_at):
            self._whole = decode(line)
            return
        view = memoryview(body)
        self._document = view[len(_DOCUMENT) - 1 : chunks_at + 1]
        self._figures = view[figures_at + len(_FIGURES) - 1 : len(body) - 1]
        # The passages, split where one ends and the next begins (each but the first then lacks its marker).
        listed = body[chunks_at + len(_CHUNKS) : figures_at]
        self._chunks = listed.split(_BETWEEN_CHUNKS) if listed else []

    def document(self) -> dict:
        return self._whole["document"] if self._whole is not None else self._decode(self._document)

    def chunk(self, j: int) -> dict:
        if self._whole is not None:
            return self._whole["chunks"][j]
        piece = self._chunks[j]
        return self._decode(piece if j == 0 else _CHUNK + piece)

    def figures(self) -> list:
        return self._whole["figures"] if self._whole is not None else self._decode(self._figures)
