"""SQuAD-style reading-comprehension sets (UIT-ViQuAD 2.0 shape): load, build documents, measure.

Accepted files: SQuAD JSON (``{"data": [{"title", "paragraphs": [{"context", "qas": [...]}]}]}``), a JSON
list of flat records, or JSON Lines of flat records with ``title``, ``context``, ``question``,
``answers`` {``text``, ``answer_start``} and ``is_impossible``. The shared check set's
``viquad2_dev_sample.jsonl`` holds the first 776 questions of the UIT-ViQuAD 2.0 development set (Nguyen et al.);
its terms forbid redistribution, so hoidap does not ship it: pass its path. Answers are matched by text after
normalisation, since a few ``answer_start`` values in the source are off by one.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from index.errors import HoidapError

from eval.errors import EvalError, SquadFormatError
from eval.metrics import AbstentionMetrics, LatencyMetrics, abstention_metrics, latency_metrics, mean, ratio
from eval.runner import AssistantLike, check_modes
from eval.scoring import normalize

CONTEXT_KS = (1, 3, 5)


@dataclass(frozen=True)
class SquadQuestion:
    id: str
    title: str
    context: str
    question: str
    answers: tuple[str, ...]
    is_impossible: bool


@dataclass(frozen=True)
class SquadResult:
    question: SquadQuestion
    abstained: bool
    hit_at_1: bool
    hit_at_3: bool
    context_rank: int | None       # 1-based rank of the first retrieved chunk inside the right paragraph
    answer_text: str
    top_citation: str
    latency_ms: float | None
    error: str | None = None
    confidence: float | None = None

    @property
    def correct(self) -> bool:
        """Impossible: abstained; answerable: a top-3 citation holds a gold answer."""
        return self.abstained if self.question.is_impossible else self.hit_at_3


@dataclass(frozen=True)
class SquadMetrics:
    n: int
    answerable: int
    impossible: int
    accuracy: float | None
    hit_at_1: float | None
    hit_at_3: float | None
    context_recall: dict[int, float | None]
    abstention: AbstentionMetrics
    latency: LatencyMetrics


@dataclass
class SquadRun:
    source: str
    mode: str
    results: list[SquadResult]
    metrics: SquadMetrics
    documents: dict[str, int] = field(default_factory=dict)   # title → paragraphs

    @property
    def failures(self) -> list[SquadResult]:
        return [r for r in self.results if not r.correct]


def load_squad(path: str | Path) -> list[SquadQuestion]:
    """Read a SQuAD-style file (JSON or JSON Lines); raise SquadFormatError naming the file and line."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SquadFormatError(str(path), None, "no such file") from None
    except UnicodeDecodeError as exc:
        raise SquadFormatError(str(path), None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise SquadFormatError(str(path), None, f"cannot read: {exc.strerror}") from None
    try:
        whole = json.loads(raw)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict) and "data" in whole:
        questions = _from_squad_json(whole, str(path))
    elif isinstance(whole, list):
        questions = [_flat(rec, str(path), None, i) for i, rec in enumerate(whole, 1)]
    elif isinstance(whole, dict):
        questions = [_flat(whole, str(path), 1, 1)]
    else:
        questions = []
        for lineno, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SquadFormatError(str(path), lineno, f"not valid JSON ({exc.msg} at column {exc.colno}); "
                                       "expected SQuAD JSON or one JSON object per line") from None
            questions.append(_flat(rec, str(path), lineno, len(questions) + 1))
    if not questions:
        raise SquadFormatError(str(path), None, "contains no questions")
    return questions


def group_contexts(questions: Sequence[SquadQuestion]) -> dict[str, list[str]]:
    """Title → its distinct contexts in order of first appearance."""
    out: dict[str, list[str]] = {}
    for q in questions:
        ctxs = out.setdefault(q.title, [])
        if q.context not in ctxs:
            ctxs.append(q.context)
    return out


def build_documents(questions: Sequence[SquadQuestion]) -> list[Any]:
    """One ``Document`` per title, made of its distinct contexts in order (``document_from_paragraphs``)."""
    from index.article import document_from_paragraphs

    return [document_from_paragraphs(doc_id=title, paragraphs=ctxs, title=title)
            for title, ctxs in group_contexts(questions).items()]


def paragraph_spans(documents: Sequence[Any],
                    questions: Sequence[SquadQuestion]) -> dict[tuple[str, str], tuple[int, int]]:
    """(title, context) → (start, end) of that paragraph in its document's text."""
    spans: dict[tuple[str, str], tuple[int, int]] = {}
    by_id = {d.doc_id: d for d in documents}
    for title, ctxs in group_contexts(questions).items():
        doc = by_id[title]
        kept = [c for c in ctxs if c.strip()]
        blocks = [b for b in doc.blocks if b.kind == "paragraph"]
        if len(blocks) != len(kept):
            raise EvalError(f"document {title!r}: built {len(blocks)} paragraphs from {len(kept)} contexts; "
                            "contexts must map one-to-one onto paragraphs")
        for ctx, b in zip(kept, blocks):
            spans[(title, ctx)] = (b.start, b.end)
    return spans


def _contains_answer(text: str, answers: Sequence[str]) -> bool:
    t = normalize(text)
    return any(normalize(a) in t for a in answers if a.strip())


def run_squad(assistant: AssistantLike, questions: Sequence[SquadQuestion],
              spans: dict[tuple[str, str], tuple[int, int]], *, mode: str = "hybrid", k: int = 5,
              source: str = "", progress: bool = True) -> SquadRun:
    """Ask every question (no history); measure hit@1/3, context recall@1/3/5 and abstention."""
    check_modes([mode])
    from tqdm import tqdm

    kmax = max(CONTEXT_KS)
    results = []
    for q in tqdm(questions, desc=f"squad {mode}", unit="q", disable=None if progress else True, leave=False):
        try:
            start = time.perf_counter()
            ans = assistant.ask(q.question, history=[], mode=mode, k=k)
            latency = (time.perf_counter() - start) * 1000.0
            hits = assistant.search(q.question, k=kmax, mode=mode)
        except HoidapError as exc:
            results.append(SquadResult(q, False, False, False, None, "", "", None, f"{type(exc).__name__}: {exc}"))
            continue
        cites = [c.text for c in list(ans.citations)[:3]] if not ans.abstained else []
        span = spans.get((q.title, q.context))
        rank = None
        if span is not None:
            rank = next((i for i, h in enumerate(hits, 1)
                         if h.doc_id == q.title and span[0] <= h.start and h.end <= span[1]), None)
        results.append(SquadResult(
            question=q, abstained=bool(ans.abstained),
            hit_at_1=bool(cites) and _contains_answer(cites[0], q.answers),
            hit_at_3=any(_contains_answer(c, q.answers) for c in cites),
            context_rank=rank, answer_text=ans.text, top_citation=cites[0] if cites else "", latency_ms=latency,
            confidence=getattr(ans, "confidence", None)))
    return SquadRun(source=source, mode=mode, results=results, metrics=squad_metrics(results),
                    documents={t: len(c) for t, c in group_contexts(questions).items()})


def squad_metrics(results: Sequence[SquadResult]) -> SquadMetrics:
    answerable = [r for r in results if not r.question.is_impossible]
    return SquadMetrics(
        n=len(results),
        answerable=len(answerable),
        impossible=len(results) - len(answerable),
        accuracy=ratio(sum(r.correct for r in results), len(results)),
        hit_at_1=mean([float(r.hit_at_1) for r in answerable]),
        hit_at_3=mean([float(r.hit_at_3) for r in answerable]),
        context_recall={k: mean([float(r.context_rank is not None and r.context_rank <= k) for r in answerable])
                        for k in CONTEXT_KS},
        abstention=abstention_metrics([r.abstained for r in results], [r.question.is_impossible for r in results]),
        latency=latency_metrics([r.latency_ms for r in results if r.latency_ms is not None]),
    )


def _from_squad_json(obj: dict, path: str) -> list[SquadQuestion]:
    out = []
    data = obj["data"]
    if not isinstance(data, list):
        raise SquadFormatError(path, None, "'data' must be a list of articles")
    for ai, article in enumerate(data, 1):
        if not isinstance(article, dict) or "paragraphs" not in article:
            raise SquadFormatError(path, None, f"article {ai} needs 'title' and 'paragraphs'")
        title = str(article.get("title", f"article-{ai}"))
        for pi, para in enumerate(article["paragraphs"], 1):
            if not isinstance(para, dict) or "context" not in para or "qas" not in para:
                raise SquadFormatError(path, None, f"article {title!r} paragraph {pi} needs 'context' and 'qas'")
            for qa in para["qas"]:
                rec = dict(qa, title=title, context=para["context"])
                out.append(_flat(rec, path, None, len(out) + 1))
    return out


def _flat(rec: object, path: str, lineno: int | None, index: int) -> SquadQuestion:
    def fail(reason: str) -> SquadFormatError:
        where = "" if lineno is not None else f"record {index}: "
        return SquadFormatError(path, lineno, where + reason)

    if not isinstance(rec, dict):
        raise fail(f"expected a JSON object, got {type(rec).__name__}")
    for name in ("title", "context", "question"):
        if not isinstance(rec.get(name), str) or not rec[name].strip():
            raise fail(f"missing or empty {name!r} (need title, context, question, answers, is_impossible)")
    impossible = rec.get("is_impossible", False)
    if not isinstance(impossible, bool):
        raise fail(f"'is_impossible' must be true or false, got {impossible!r}")
    answers = _answer_texts(rec.get("answers"), fail)
    if not impossible and not answers:
        raise fail("an answerable question needs at least one answers.text")
    return SquadQuestion(id=str(rec.get("id", index)), title=rec["title"], context=rec["context"],
                         question=rec["question"], answers=answers, is_impossible=impossible)


def _answer_texts(value: object, fail: Callable[[str], SquadFormatError]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, dict):
        texts = value.get("text", [])
    elif isinstance(value, list):
        texts = [a.get("text") if isinstance(a, dict) else a for a in value]
    else:
        raise fail("'answers' must be {'text': [...], 'answer_start': [...]} or a list of {'text', 'answer_start'}")
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise fail("'answers.text' must be a list of strings")
    return tuple(t for t in texts if t.strip())
