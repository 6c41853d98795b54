"""A small archive for tests: the first dated articles of three outlets of ../shared/corpus/news.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
OUTLETS = ("VnExpress", "Dân trí", "Thanh Niên")
PER_OUTLET = 6


def news_jsonl() -> Path:
    """The shared corpus beside this checkout (or one level up); the test is skipped when it is absent."""
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "corpus" / "news.jsonl").is_file():
            return base / "shared" / "corpus" / "news.jsonl"
    pytest.skip("../shared/corpus/news.jsonl is not beside this checkout")


def sample_records() -> list[dict]:
    """PER_OUTLET articles of each of OUTLETS that have a date, in file order, grouped by outlet."""
    picked: dict[str, list[dict]] = {o: [] for o in OUTLETS}
    with open(news_jsonl(), encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["outlet"] in picked and len(picked[r["outlet"]]) < PER_OUTLET and r.get("published"):
                picked[r["outlet"]].append(r)
    return [r for o in OUTLETS for r in picked[o]]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def build_archive(root: Path, records: list[dict]):
    """An archive of these records under ``root`` with the fake embedder."""
    from index.archive import Archive
    from index.archive_input import read_inputs
    from index.embedder import HashEmbedder

    root.mkdir(parents=True, exist_ok=True)
    archive = Archive(root / "a")
    archive.add(read_inputs([write_jsonl(root / "news.jsonl", records)]), HashEmbedder())
    return archive


def write_format_1(root: Path, records: list[dict]) -> Path:
    """An archive of these records laid out as format 1 wrote it (a record line an article holding its document,
    passages and figures; the search syllables in a file beside it), with the fake embedder's vectors."""
    import dataclasses
    import zlib

    import numpy as np

    from index import store
    from index.archive import _record_hash, parse_article
    from index.archive_input import document_from_record
    from index.config import IndexConfig
    from index.corpus import embed_passages
    from index.embedder import HashEmbedder
    from index.figures import Figure

    config, embedder = IndexConfig(), HashEmbedder()
    kept = {f.name for f in dataclasses.fields(Figure)}
    arts = [parse_article(document_from_record(r), config) for r in records]
    seg = root / "segments" / "seg-000001"
    seg.mkdir(parents=True)
    records_bytes, syllables_bytes, entries, row = bytearray(), bytearray(), {}, 0
    for art in arts:
        line = json.dumps({"document": art.document.to_dict(), "chunks": [c.to_dict() for c in art.chunks],
                           "figures": [[{k: v for k, v in f.to_dict().items() if k in kept} for f in fs]
                                       for fs in art.figures]}, ensure_ascii=False).encode() + b"\n"
        syl = json.dumps(art.syllables, ensure_ascii=False).encode() + b"\n"
        entries[art.document.doc_id] = {
            "hash": _record_hash(art.document), "pipeline": store.pipeline_fingerprint(), "segment": "seg-000001",
            "offset": len(records_bytes), "length": len(line), "crc": zlib.crc32(line), "row": row,
            "chunks": len(art.chunks), "syllables": len(syllables_bytes), "syllables_length": len(syl),
            "syllables_crc": zlib.crc32(syl)}
        records_bytes += line
        syllables_bytes += syl
        row += len(art.chunks)
    (seg / "articles.jsonl").write_bytes(bytes(records_bytes))
    (seg / "syllables.jsonl").write_bytes(bytes(syllables_bytes))
    vectors = embed_passages(embedder, [c.text for a in arts for c in a.chunks])
    np.save(seg / "vectors.npy", vectors, allow_pickle=False)
    catalog = {"format": "hoidap-archive", "format_version": 1, "embedder": embedder.name,
               "chunking": config.chunking_key(), "next_segment": 2,
               "segments": {"seg-000001": {"articles": len(arts), "passages": row}}, "articles": entries}
    (root / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False), "utf-8")
    return root
