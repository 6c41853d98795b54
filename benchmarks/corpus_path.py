"""Where the shared news corpus lies: ``../shared/corpus/news.jsonl`` next to the checkout (or one level up)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def news_jsonl() -> Path:
    """The first ``shared/corpus/news.jsonl`` found beside the checkout or its parent folder."""
    for base in (REPO.parent, REPO.parent.parent):
        path = base / "shared" / "corpus" / "news.jsonl"
        if path.is_file():
            return path
    return REPO.parent / "shared" / "corpus" / "news.jsonl"
