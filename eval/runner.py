"""Run gold questions against an Assistant in given retrieval modes and collect judged results."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, Sequence

from index.config import MODES
from index.errors import HoidapError

from eval.errors import EvalError
from eval.gold import GoldQuestion
from eval.metrics import Outcome, RunMetrics, summarize
from eval.scoring import Judgement, contains_all, judge

RETRIEVAL_K = 10
"""Chunks fetched per question for the retrieval metrics (MRR@10 needs ten)."""


class AssistantLike(Protocol):
    """What the runner uses of ``qa.Assistant``."""

    def ask(self, question: str, history: list[dict] | None = ..., mode: str = ..., k: int = ...) -> Any: ...

    def search(self, query: str, k: int = ..., mode: str = ...) -> list[Any]: ...


@dataclass(frozen=True)
class AnswerRecord:
    """The parts of an answer a report shows (JSON-ready)."""

    text: str
    abstained: bool
    citations: tuple[str, ...] = ()
    figures: tuple[dict, ...] = ()
    error: str | None = None
    confidence: float | None = None

    @classmethod
    def from_answer(cls, answer: Any) -> "AnswerRecord":
        figures = tuple(
            {"text": getattr(f, "text", ""), "value": _jsonable(getattr(f, "value", None)),
             "unit": getattr(f, "unit", "")}
            for f in list(answer.figures)[:5]
        )
        confidence = getattr(answer, "confidence", None)
        return cls(text=answer.text, abstained=bool(answer.abstained),
                   citations=tuple(c.text for c in list(answer.citations)[:3]), figures=figures,
                   confidence=float(confidence) if isinstance(confidence, (int, float)) else None)

    @classmethod
    def failed(cls, error: HoidapError) -> "AnswerRecord":
        return cls(text="", abstained=False, error=f"{type(error).__name__}: {error}")


@dataclass(frozen=True)
class QuestionResult:
    question: GoldQuestion
    answer: AnswerRecord
    judgement: Judgement
    outcome: Outcome


@dataclass
class ModeRun:
    """One pass over a question set: a retrieval mode with the default index, or an ablation."""

    name: str
    mode: str
    results: list[QuestionResult]
    metrics: RunMetrics
    description: str = ""
    config: dict = field(default_factory=dict)

    @property
    def failures(self) -> list[QuestionResult]:
        """Questions judged wrong under the lenient rules."""
        return [r for r in self.results if not r.judgement.lenient]


def check_modes(modes: Sequence[str]) -> list[str]:
    """Validate and de-duplicate mode names, keeping order."""
    out: list[str] = []
    for m in modes:
        m = m.strip()
        if m not in MODES:
            raise EvalError(f"unknown mode {m!r}; use a comma-separated subset of {','.join(MODES)}")
        if m not in out:
            out.append(m)
    if not out:
        raise EvalError(f"no mode given; use a comma-separated subset of {','.join(MODES)}")
    return out


def ask_in_turn(assistant: AssistantLike, question: GoldQuestion, mode: str, k: int = 5) -> tuple[Any, float]:
    """Ask the history questions in turn, feeding the growing user + assistant history, then the question.

    Returns the final answer and its latency in milliseconds (the history turns are not timed).
    """
    history: list[dict] = []
    for earlier in question.history:
        prior = assistant.ask(earlier, history=list(history), mode=mode, k=k)
        history.append({"role": "user", "content": earlier})
        history.append({"role": "assistant", "content": prior.text})
    start = time.perf_counter()
    answer = assistant.ask(question.question, history=list(history), mode=mode, k=k)
    return answer, (time.perf_counter() - start) * 1000.0


def retrieval_relevance(assistant: AssistantLike, question: GoldQuestion, mode: str, k: int = RETRIEVAL_K,
                        resolved: str = "") -> tuple[bool, ...] | None:
    """Relevance of the top-k chunks (a chunk is relevant when it holds all evidence strings).

    A follow-up is searched with the answer's ``resolved_question`` (the question rewritten with its history),
    since ``search`` takes no chat history; None when that is missing or the question has no evidence.
    """
    if not question.answerable or not question.evidence:
        return None
    query = question.question
    if question.history:
        if not resolved.strip():
            return None
        query = resolved
    hits = assistant.search(query, k=k, mode=mode)
    return tuple(contains_all(h.text, question.evidence) for h in hits)


def run_question(assistant: AssistantLike, question: GoldQuestion, mode: str, k: int = 5) -> QuestionResult:
    """Ask, judge and measure one question; a HoidapError from the assistant counts as a wrong answer."""
    try:
        answer, latency = ask_in_turn(assistant, question, mode, k)
    except HoidapError as exc:
        record = AnswerRecord.failed(exc)
        judgement = Judgement(strict=False, lenient=False, figures_ok=False if question.figures else None,
                              evidence_rank=None, reasons=(record.error or "error",),
                              strict_reasons=(record.error or "error",))
        relevance, latency, abstained = None, None, False
    else:
        record = AnswerRecord.from_answer(answer)
        judgement = judge(question, answer)
        resolved = getattr(answer, "resolved_question", "")
        resolved = resolved if isinstance(resolved, str) else ""
        relevance = retrieval_relevance(assistant, question, mode, resolved=resolved)
        abstained = bool(answer.abstained)
    outcome = Outcome(kind=question.kind, answerable=question.answerable, abstained=abstained,
                      strict=judgement.strict, lenient=judgement.lenient, figures_ok=judgement.figures_ok,
                      relevance=relevance, latency_ms=latency, source=question.source)
    return QuestionResult(question=question, answer=record, judgement=judgement, outcome=outcome)


def run_mode(assistant: AssistantLike, questions: Sequence[GoldQuestion], mode: str, *, name: str | None = None,
             description: str = "", config: dict | None = None, k: int = 5, progress: bool = True) -> ModeRun:
    """Run every question in one mode, with a progress bar per question set and mode on stderr."""
    check_modes([mode])
    label = name or mode
    results = [run_question(assistant, q, mode, k) for q in progress_bar(questions, label, progress)]
    return ModeRun(name=label, mode=mode, results=results, metrics=summarize([r.outcome for r in results]),
                   description=description, config=dict(config or {}))


def progress_bar(questions: Sequence[GoldQuestion], label: str, enabled: bool = True) -> Any:
    """The questions, iterated under a bar named for their set and the run ("long-bien.jsonl · hybrid"). Shown
    also when stderr is not a terminal (CI logs), then refreshed every few seconds rather than continuously."""
    import sys

    from tqdm import tqdm

    sets = sorted({Path(q.source).stem for q in questions if q.source})
    name = f"{'+'.join(sets[:3])}{'+…' if len(sets) > 3 else ''} · {label}" if sets else label
    tty = sys.stderr.isatty()
    return tqdm(questions, desc=f"eval {name}", unit="q", disable=not enabled, leave=True, file=sys.stderr,
                mininterval=0.5 if tty else 10.0, dynamic_ncols=tty)


def run_gold(assistant: AssistantLike, questions: Sequence[GoldQuestion], modes: Sequence[str], *, k: int = 5,
             progress: bool = True) -> list[ModeRun]:
    """Run the question set once per mode."""
    return [run_mode(assistant, questions, m, k=k, progress=progress) for m in check_modes(modes)]


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
