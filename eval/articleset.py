"""Article sets: a folder of articles, each judged against its own gold file (one assistant per article)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from eval.errors import EvalError
from eval.gold import GoldQuestion, load_gold

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
NEWS_SET = "news"
"""The name of the cross-article development set: ``$HOIDAP_NEWS_DIR``, else ``shared/eval/news`` beside or above
the working directory (where a checkout keeps the shared check sets)."""


@dataclass(frozen=True)
class ArticleGold:
    """One article of a set and the questions asked about it."""

    article: Path
    gold: Path
    questions: tuple[GoldQuestion, ...]

    @property
    def name(self) -> str:
        return self.gold.stem


def news_dir() -> Path | None:
    """Where the news development set lies, or None when it is not on this machine."""
    env = os.environ.get("HOIDAP_NEWS_DIR")
    candidates = [Path(env)] if env else [Path("shared/eval/news"), Path("../shared/eval/news")]
    return next((p for p in candidates if p.is_dir()), None)


def resolve_article_set(name: str | Path) -> Path | None:
    """The folder a gold argument names when it is an article set (a folder, or ``news``), else None."""
    path = Path(name)
    if path.is_dir():
        return path
    if str(name) == NEWS_SET:
        found = news_dir()
        if found is None:
            raise EvalError("the news set was not found; set HOIDAP_NEWS_DIR to its folder "
                            "(one <slug>.txt|.html article beside each <slug>.jsonl gold file) or give the folder")
        return found
    return None


def load_article_set(directory: str | Path, limit: int | None = None) -> list[ArticleGold]:
    """Every ``<slug>.jsonl`` of a folder with its ``<slug>.txt`` / ``.html`` article, sorted by name."""
    directory = Path(directory)
    pairs: list[ArticleGold] = []
    for gold in sorted(directory.glob("*.jsonl")):
        article = next((gold.with_suffix(s) for s in ARTICLE_SUFFIXES if gold.with_suffix(s).is_file()), None)
        if article is None:
            raise EvalError(f"{gold} has no article beside it; expected {gold.stem}.txt or {gold.stem}.html")
        questions = load_gold(gold)
        pairs.append(ArticleGold(article, gold, tuple(questions[:limit] if limit else questions)))
    if not pairs:
        raise EvalError(f"{directory} holds no gold files (<slug>.jsonl beside <slug>.txt or .html)")
    return pairs


def all_questions(pairs: Sequence[ArticleGold]) -> list[GoldQuestion]:
    """The questions of a set in order; ids must be unique across its files."""
    seen: dict[str, str] = {}
    out: list[GoldQuestion] = []
    for p in pairs:
        for q in p.questions:
            if q.id in seen:
                raise EvalError(f"question id {q.id!r} is in both {seen[q.id]} and {p.gold.name}; ids must be unique")
            seen[q.id] = p.gold.name
            out.append(q)
    return out
