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
