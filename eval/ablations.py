"""Ablations: retrieval configurations and answer rules compared on the same questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from eval.gold import GoldQuestion
from eval.runner import AssistantLike, ModeRun, run_mode


@dataclass(frozen=True)
class Ablation:
    """One configuration: a retrieval mode plus the ``IndexConfig`` and ``AnswerConfig`` settings that differ
    from the default."""

    name: str
    description: str
    mode: str
    settings: dict[str, Any] = field(default_factory=dict)
    answer: dict[str, Any] = field(default_factory=dict)

    def config(self) -> Any:
        """The ``index.config.IndexConfig`` for this ablation."""
        from index.config import IndexConfig

        return IndexConfig(**self.settings)

    def answer_config(self) -> Any:
        """The ``qa.config.AnswerConfig`` for this ablation."""
        from qa.config import AnswerConfig

        return AnswerConfig(**self.answer)


ABLATIONS: tuple[Ablation, ...] = (
    Ablation("bm25-whitespace", "BM25 on plain whitespace tokens", "bm25", {"tokenizer": "whitespace"}),
    Ablation("bm25-vietnamese", "BM25 with the Vietnamese text layer (syllables, bigrams, folded field)", "bm25",
             {"tokenizer": "vietnamese"}),
    Ablation("dense-only", "dense retrieval only", "dense", {}),
    Ablation("hybrid-rrf", "hybrid, reciprocal-rank fusion", "hybrid", {"fusion": "rrf"}),
    Ablation("hybrid-weighted", "hybrid, weighted score fusion", "hybrid", {"fusion": "weighted"}),
)

RULE_ABLATIONS: tuple[Ablation, ...] = (
    Ablation("no-topic-coverage", "hybrid, without refusing questions that share next to no words with the articles",
             "hybrid", answer={"min_topic_coverage": 0.0}),
    Ablation("no-needs-figure", "hybrid, a how-many question may be answered by a sentence without such a figure",
             "hybrid", answer={"needs_figure": False}),
    Ablation("no-needs-unit", "hybrid, a question naming a unit (bao nhiêu km) may be answered without a figure in it",
             "hybrid", answer={"needs_unit": False}),
    Ablation("no-needs-kind", "hybrid, a how-much question hinting money, area, volume or length (tổng vốn, giá, diện "
             "tích) may be answered by a sentence without such an amount", "hybrid", answer={"needs_kind": False}),
    Ablation("no-needs-time", "hybrid, a when-question may be answered by a sentence that does not say when",
             "hybrid", answer={"needs_time": False}),
    Ablation("no-date-clash",
             "hybrid, a question about one day, quarter or year may be answered by a sentence about another",
             "hybrid", answer={"date_clash": False}),
    Ablation("no-needs-place", "hybrid, a question naming a province or country the articles never name may be answered",
             "hybrid", answer={"needs_place": False}),
    Ablation("no-place-clash", "hybrid, a question about one province may be answered by a sentence (or paragraph) about another",
             "hybrid", answer={"place_clash": False}),
    Ablation("no-running-place", "hybrid, a sentence naming no province may answer of another than the one its "
             "paragraph named last", "hybrid", answer={"running_place": False}),
    Ablation("no-neighbours", "hybrid, candidates without the sentences around the best hits", "hybrid",
             answer={"neighbours_of": 0}),
)
"""Each hand rule switched off in turn: what it earns is the drop from the default hybrid run."""

AssistantFactory = Callable[[Any, Any], AssistantLike]
"""Builds an assistant over the evaluated articles for an ``IndexConfig`` and an ``AnswerConfig``."""


def run_ablations(factory: AssistantFactory, questions: Sequence[GoldQuestion],
                  ablations: Sequence[Ablation] = ABLATIONS, *, k: int = 5, progress: bool = True) -> list[ModeRun]:
    """Run the questions once per ablation, each on a freshly built (or cache-loaded) assistant.

    A fresh assistant per run keeps one run's query-embedding cache from speeding up the next one's latency.
    """
    return [run_mode(factory(ab.config(), ab.answer_config()), questions, ab.mode, name=ab.name,
                     description=ab.description, config={**ab.settings, **ab.answer}, k=k, progress=progress)
            for ab in ablations]
