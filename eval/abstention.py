"""The abstention curve: for every threshold on the answer probability, what is refused and what stays right."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

# Finer where thresholds are chosen (a refusal costs the most there), coarser above.
THRESHOLDS = tuple(round(0.025 * i, 3) for i in range(0, 20)) + tuple(round(0.05 * i, 2) for i in range(10, 20))


@dataclass(frozen=True)
class Scored:
    """One question answered without abstaining: its probability, whether it has an answer, whether that is right."""

    confidence: float
    answerable: bool
    right: bool


@dataclass(frozen=True)
class CurvePoint:
    threshold: float
    accuracy: float              # right answers + right refusals, over all questions
    answerable_refused: float    # share of the answerable questions refused
    unanswerable_refused: float  # share of the unanswerable questions refused (abstention recall)
    precision: float | None      # share of refusals that were right to refuse

    def to_dict(self) -> dict:
        return {"threshold": self.threshold, "accuracy": self.accuracy, "answerable_refused": self.answerable_refused,
                "unanswerable_refused": self.unanswerable_refused, "precision": self.precision}


def curve(items: Sequence[Scored], thresholds: Sequence[float] = THRESHOLDS) -> list[CurvePoint]:
    n_ans = sum(i.answerable for i in items) or 1
    n_un = sum(not i.answerable for i in items) or 1
    out = []
    for t in thresholds:
        refused = [i for i in items if i.confidence < t]
        kept = [i for i in items if i.confidence >= t]
        good = sum(i.answerable and i.right for i in kept) + sum(not i.answerable for i in refused)
        out.append(CurvePoint(
            t, good / max(1, len(items)), sum(i.answerable for i in refused) / n_ans,
            sum(not i.answerable for i in refused) / n_un,
            sum(not i.answerable or not i.right for i in refused) / len(refused) if refused else None))
    return out


def choose(points: Sequence[CurvePoint], max_answerable_refused: float = 0.05) -> CurvePoint:
    """The most accurate threshold that refuses at most the given share of answerable questions; between equally
    accurate ones, the one refusing fewer answerable questions (an answer the article holds, refused, is the costlier
    mistake to a reader)."""
    allowed = [p for p in points if p.answerable_refused <= max_answerable_refused] or [points[0]]
    return max(allowed, key=lambda p: (p.accuracy, -p.answerable_refused, p.unanswerable_refused))


def curve_table(points: Sequence[CurvePoint]) -> str:
    rows = ["| threshold | accuracy % | answerable refused % | unanswerable refused % | refusals right % |",
            "|---|---|---|---|---|"]
    for p in points:
        prec = "—" if p.precision is None else f"{100 * p.precision:.1f}"
        rows.append(f"| {p.threshold:.3f} | {100 * p.accuracy:.1f} | {100 * p.answerable_refused:.1f} | "
                    f"{100 * p.unanswerable_refused:.1f} | {prec} |")
    return "\n".join(rows)
