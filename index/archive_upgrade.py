"""Archives of format 1 (a record line an article, its search syllables in a file beside it) read for rewriting in
this hoidap's format: what their segments hold is taken as it is, so no article is parsed or embedded again."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from index.archive_records import SEGMENTS, decode
from index.article import Document
from index.chunk import Chunk
from index.errors import IndexStoreError
from index.figures import Figure

V1_RECORDS = "articles.jsonl"
V1_SYLLABLES = "syllables.jsonl"

Read = Callable[[str, str, int, int, int, str], bytes]
"""``read(segment, file, offset, length, crc, what)``: CRC-checked bytes of a segment's file."""


def v1_articles(root: Path, entries: list[dict], read: Read) -> Iterator[tuple[Document, list[Chunk], list[list[Figure]],
                                                                               list[str], np.ndarray]]:
    """Each article of one format-1 segment, in the entries' order: its document, passages, figures, space-joined
    syllables and vectors."""
    vectors = None
    for e in entries:
        rec = decode(read(e["segment"], V1_RECORDS, e["offset"], e["length"], e["crc"], "an article"))
        if "syllables_crc" in e:
            line = read(e["segment"], V1_SYLLABLES, e["syllables"], e["syllables_length"], e["syllables_crc"],
                        "the syllables of an article")
        else:  # written before the check was recorded: read as it is
            with open(root / SEGMENTS / e["segment"] / V1_SYLLABLES, "rb") as fh:
                fh.seek(e["syllables"])
                line = fh.readline()
        joined = decode(line)
        chunks = [Chunk.from_dict(c) for c in rec["chunks"]]
        if not len(chunks) == len(rec["figures"]) == len(joined) == e["chunks"]:
            raise IndexStoreError(f"{root}: an article of segment {e['segment']} disagrees with its catalog entry; "
                                  "re-index it")
        if vectors is None:
            vectors = np.load(root / SEGMENTS / e["segment"] / "vectors.npy", mmap_mode="r", allow_pickle=False)
        yield (Document.from_dict(rec["document"]), chunks, [[Figure(**f) for f in fs] for fs in rec["figures"]],
               joined, np.asarray(vectors[e["row"] : e["row"] + e["chunks"]]))
