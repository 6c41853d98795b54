"""Metrics: retrieval (Recall@k, MRR@10, nDCG@5), answer and figure accuracy, abstention, latency."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Sequence

import numpy as np


def recall_at_k(relevance: Sequence[bool], k: int) -> float:
    """1.0 when a relevant item is among the first k retrieved, else 0.0 (averaged over questions: hit rate).

    The gold sets name the evidence, not every chunk that holds it, so recall is measured per question as
    "was a chunk holding all evidence strings retrieved in the top k".
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    return 1.0 if any(relevance[:k]) else 0.0


def reciprocal_rank(relevance: Sequence[bool], k: int = 10) -> float:
    """1 / rank of the first relevant item within the first k, else 0."""
    for rank, rel in enumerate(relevance[:k], start=1):
        if rel:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(relevance: Sequence[bool], k: int = 5, n_relevant: int | None = None) -> float:
    """Binary-gain nDCG@k: DCG = Σ rel_i / log2(i + 1); the ideal ranks min(n_relevant, k) relevant items first.

    ``n_relevant`` defaults to the number of relevant items in the whole retrieved list.
    """
    dcg = sum(1.0 / math.log2(i + 1) for i, rel in enumerate(relevance[:k], start=1) if rel)
    n = sum(1 for r in relevance if r) if n_relevant is None else n_relevant
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(n, k) + 1))
    return dcg / ideal if ideal > 0 else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100), numpy's (linear interpolation between closest ranks)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"q must be within 0..100, got {q}")
    return float(np.percentile(values, q))


def mean(values: Sequence[float]) -> float | None:
    """Arithmetic mean, or None for no values."""
    return sum(values) / len(values) if values else None


def ratio(num: int, den: int) -> float | None:
    """num / den, or None when den is 0 (undefined: shown as "—" in reports)."""
    return num / den if den else None


@dataclass(frozen=True)
class Outcome:
    """The per-question facts the metrics need."""

    kind: str
    answerable: bool
    abstained: bool
    strict: bool
    lenient: bool
    figures_ok: bool | None = None                 # None: no expected figure
    relevance: tuple[bool, ...] | None = None      # retrieved chunks best first; None: not measured
    latency_ms: float | None = None
    source: str = ""


@dataclass(frozen=True)
class RetrievalMetrics:
    n: int
    recall_at_1: float | None
    recall_at_3: float | None
    recall_at_5: float | None
    mrr_at_10: float | None
    ndcg_at_5: float | None


@dataclass(frozen=True)
class AbstentionMetrics:
    """Abstaining is the positive class: precision = right abstentions / abstentions, recall = / unanswerable."""

    precision: float | None
    recall: float | None
    f1: float | None
    abstained: int
    unanswerable: int
    correct: int


@dataclass(frozen=True)
class LatencyMetrics:
    n: int
    p50_ms: float | None
    p95_ms: float | None
    mean_ms: float | None


@dataclass(frozen=True)
class AccuracyMetrics:
    n: int
    strict: float | None
    lenient: float | None


@dataclass(frozen=True)
class RunMetrics:
    """Everything measured for one run (one mode or ablation over one question set)."""

    answers: AccuracyMetrics
    figure_accuracy: float | None
    figure_n: int
    retrieval: RetrievalMetrics
    abstention: AbstentionMetrics
    latency: LatencyMetrics
    per_kind: dict[str, AccuracyMetrics] = field(default_factory=dict)
    per_source: dict[str, AccuracyMetrics] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def retrieval_metrics(relevance_lists: Sequence[Sequence[bool]]) -> RetrievalMetrics:
    """Average the per-question retrieval metrics."""
    rl = list(relevance_lists)
    return RetrievalMetrics(
        n=len(rl),
        recall_at_1=mean([recall_at_k(r, 1) for r in rl]),
        recall_at_3=mean([recall_at_k(r, 3) for r in rl]),
        recall_at_5=mean([recall_at_k(r, 5) for r in rl]),
        mrr_at_10=mean([reciprocal_rank(r, 10) for r in rl]),
        ndcg_at_5=mean([ndcg_at_k(r, 5) for r in rl]),
    )


def abstention_metrics(abstained: Sequence[bool], unanswerable: Sequence[bool]) -> AbstentionMetrics:
    """Precision, recall and F1 of abstaining, against the questions the article cannot answer."""
    if len(abstained) != len(unanswerable):
        raise ValueError("abstained and unanswerable must have the same length")
    n_abs = sum(1 for a in abstained if a)
    n_un = sum(1 for u in unanswerable if u)
    correct = sum(1 for a, u in zip(abstained, unanswerable) if a and u)
    p, r = ratio(correct, n_abs), ratio(correct, n_un)
    f1 = None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)
    return AbstentionMetrics(precision=p, recall=r, f1=f1, abstained=n_abs, unanswerable=n_un, correct=correct)


def latency_metrics(latencies_ms: Sequence[float]) -> LatencyMetrics:
    xs = list(latencies_ms)
    if not xs:
        return LatencyMetrics(n=0, p50_ms=None, p95_ms=None, mean_ms=None)
    return LatencyMetrics(n=len(xs), p50_ms=percentile(xs, 50), p95_ms=percentile(xs, 95), mean_ms=mean(xs))


def accuracy(outcomes: Sequence[Outcome]) -> AccuracyMetrics:
    return AccuracyMetrics(
        n=len(outcomes),
        strict=ratio(sum(o.strict for o in outcomes), len(outcomes)),
        lenient=ratio(sum(o.lenient for o in outcomes), len(outcomes)),
    )


def summarize(outcomes: Sequence[Outcome]) -> RunMetrics:
    """All metrics of a run from its per-question outcomes."""
    with_figures = [o for o in outcomes if o.figures_ok is not None]
    kinds: dict[str, list[Outcome]] = {}
    sources: dict[str, list[Outcome]] = {}
    for o in outcomes:
        kinds.setdefault(o.kind, []).append(o)
        sources.setdefault(o.source, []).append(o)
    return RunMetrics(
        answers=accuracy(outcomes),
        figure_accuracy=ratio(sum(bool(o.figures_ok) for o in with_figures), len(with_figures)),
        figure_n=len(with_figures),
        retrieval=retrieval_metrics([o.relevance for o in outcomes if o.relevance is not None]),
        abstention=abstention_metrics([o.abstained for o in outcomes], [not o.answerable for o in outcomes]),
        latency=latency_metrics([o.latency_ms for o in outcomes if o.latency_ms is not None]),
        per_kind={k: accuracy(v) for k, v in sorted(kinds.items())},
        per_source={k: accuracy(v) for k, v in sorted(sources.items())},
    )
