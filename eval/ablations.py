"""Ablations: retrieval configurations compared on the same questions (tokeniser, retriever, fusion)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from eval.gold import GoldQuestion
from eval.runner import AssistantLike, ModeRun, run_mode


@dataclass(frozen=True)
class Ablation:
    """One configuration: a retrieval mode plus the ``IndexConfig`` settings that differ from the default."""

    name: str
    description: str
    mode: str
    settings: dict[str, Any] = field(default_factory=dict)

    def config(self) -> Any:
        """The ``index.config.IndexConfig`` for this ablation."""
        from index.config import IndexConfig

        return IndexConfig(**self.settings)


ABLATIONS: tuple[Ablation, ...] = (
    Ablation("bm25-whitespace", "BM25 on plain whitespace tokens", "bm25", {"tokenizer": "whitespace"}),
    Ablation("bm25-vietnamese", "BM25 with the Vietnamese text layer (syllables, bigrams, folded field)", "bm25",
             {"tokenizer": "vietnamese"}),
    Ablation("dense-only", "dense retrieval only", "dense", {}),
    Ablation("hybrid-rrf", "hybrid, reciprocal-rank fusion", "hybrid", {"fusion": "rrf"}),
    Ablation("hybrid-weighted", "hybrid, weighted score fusion", "hybrid", {"fusion": "weighted"}),
)

AssistantFactory = Callable[[Any], AssistantLike]
"""Builds an assistant over the evaluated articles for an ``IndexConfig``."""


def run_ablations(factory: AssistantFactory, questions: Sequence[GoldQuestion],
                  ablations: Sequence[Ablation] = ABLATIONS, *, k: int = 5, progress: bool = True) -> list[ModeRun]:
    """Run the questions once per ablation, each on a freshly built (or cache-loaded) assistant.

    A fresh assistant per run keeps one run's query-embedding cache from speeding up the next one's latency.
    """
    return [run_mode(factory(ab.config()), questions, ab.mode, name=ab.name, description=ab.description,
                     config=dict(ab.settings), k=k, progress=progress) for ab in ablations]
