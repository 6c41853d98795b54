"""Judging one answer against one gold question, strict and lenient, by the check-set README's rules."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Protocol, Sequence

from eval.gold import ExpectedFigure, GoldQuestion

TOP_CITATIONS = 3
"""Lenient judging looks at this many citations."""

_WS = re.compile(r"\s+")

UNIT_ALIASES: dict[str, str] = {
    "m2": "m²", "m^2": "m²", "mét vuông": "m²", "met vuong": "m²", "square meters": "m²", "sqm": "m²",
    "vnd": "đồng", "vnđ": "đồng", "đ": "đồng", "dong": "đồng",
    "phần trăm": "%", "percent": "%", "pct": "%",
}
"""Spellings of the README's units that mean the same unit."""


class CitationLike(Protocol):
    text: str


class FigureLike(Protocol):
    value: Any
    unit: str


class AnswerLike(Protocol):
    """What the judge reads from ``qa.Answer``."""

    text: str
    abstained: bool
    citations: Sequence[CitationLike]
    figures: Sequence[FigureLike]


@dataclass(frozen=True)
class Judgement:
    """Verdict on one answer; ``reasons`` says why the lenient verdict failed (empty when right)."""

    strict: bool
    lenient: bool
    figures_ok: bool | None          # None when the question expects no figure
    evidence_rank: int | None        # 1-based rank of the first top-3 citation holding all evidence
    reasons: tuple[str, ...] = ()
    strict_reasons: tuple[str, ...] = ()


def normalize(text: str) -> str:
    """NFC, whitespace folded to single spaces, lower-cased, trimmed: how the README compares text."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()


def contains_all(haystack: str, needles: Sequence[str]) -> bool:
    """True when every needle stands in the haystack after normalisation."""
    h = normalize(haystack)
    return all(normalize(n) in h for n in needles)


def canonical_unit(unit: str) -> str:
    """The README unit for a spelling: ``m2`` → ``m²``, ``VND`` → ``đồng``; counted nouns normalised."""
    u = normalize(unit)
    return UNIT_ALIASES.get(u, u)


def units_match(expected: str, got: str) -> bool:
    """Same unit; a counted noun matches on its head word (``bộ`` ~ ``bộ thủ tục hành chính``).

    The head word of a Vietnamese noun phrase comes first, so two counted nouns match when the syllables of the
    shorter one begin the longer one: ``nhiệm vụ`` matches ``nhiệm vụ cụ thể`` but not ``nhiệm kỳ``.
    """
    a, b = canonical_unit(expected), canonical_unit(got)
    if not a or not b:
        return False
    if a == b:
        return True
    if a in ("đồng", "%", "m²", "date") or b in ("đồng", "%", "m²", "date"):
        return False
    sa, sb = a.split(" "), b.split(" ")
    short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return long_[: len(short)] == short


def _date_of(figure: Any) -> str | None:
    for attr in ("value", "date"):
        v = getattr(figure, attr, None)
        if v is None:
            continue
        if hasattr(v, "isoformat"):
            v = v.isoformat()
        if isinstance(v, str) and re.match(r"^\d{4}-\d{2}-\d{2}", v):
            return v[:10]
    return None


def figure_matches(expected: ExpectedFigure, figure: Any) -> bool:
    """Same value and same unit (dates: same ISO day from ``value`` or ``date``)."""
    unit = getattr(figure, "unit", "") or ""
    if expected.is_date:
        is_date = canonical_unit(unit) == "date" or getattr(figure, "kind", "") == "date"
        return is_date and _date_of(figure) == expected.value
    value = getattr(figure, "value", None)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if not math.isclose(float(value), float(expected.value), rel_tol=1e-9, abs_tol=1e-9):
        return False
    return units_match(expected.unit, unit)


def _match_all(expected: Sequence[ExpectedFigure], figures: Sequence[Any]) -> bool:
    """Every expected figure matched by a distinct answer figure."""
    used: set[int] = set()
    for exp in expected:
        idx = next((i for i, f in enumerate(figures) if i not in used and figure_matches(exp, f)), None)
        if idx is None:
            return False
        used.add(idx)
    return True


def describe_figure(figure: Any) -> str:
    """Short text for a report: ``2.472 tỷ đồng = 2472000000000 đồng``."""
    text = getattr(figure, "text", "")
    value = getattr(figure, "value", None)
    if value is None:
        value = getattr(figure, "date", None)
    unit = getattr(figure, "unit", "")
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{text} = {shown} {unit}".strip() if text else f"{shown} {unit}".strip()


def judge(question: GoldQuestion, answer: AnswerLike) -> Judgement:
    """Judge an answer: unanswerable → right iff abstained; answerable → evidence, figures and accept all hold."""
    if not question.answerable:
        ok = bool(answer.abstained)
        reasons = () if ok else ("answered a question the article cannot answer",)
        return Judgement(strict=ok, lenient=ok, figures_ok=None, evidence_rank=None,
                         reasons=reasons, strict_reasons=reasons)
    if answer.abstained:
        reasons = ("abstained on an answerable question",)
        return Judgement(strict=False, lenient=False, figures_ok=False if question.figures else None,
                         evidence_rank=None, reasons=reasons, strict_reasons=reasons)
    citations = [c.text for c in list(answer.citations)[:TOP_CITATIONS]]
    figures = list(answer.figures)
    reasons: list[str] = []
    strict_reasons: list[str] = []

    evidence_rank = None
    if question.evidence:
        evidence_rank = next((i for i, c in enumerate(citations, 1) if contains_all(c, question.evidence)), None)
        if evidence_rank is None:
            reasons.append("evidence not in the top 3 citations")
        elif evidence_rank != 1:
            strict_reasons.append(f"evidence in citation {evidence_rank}, not the first")

    figures_ok: bool | None = None
    if question.figures:
        figures_ok = _match_all(question.figures, figures)
        if not figures_ok:
            want = ", ".join(f"{f.value} {f.unit}" for f in question.figures)
            got = "; ".join(describe_figure(f) for f in figures[:5]) or "none"
            reasons.append(f"expected figure(s) {want}; got {got}")
        else:
            n = len(question.figures)
            if not _match_all(question.figures, figures[:n]):
                strict_reasons.append("expected figure(s) not first in the figure list")

    if question.accept:
        pool = [answer.text, *citations]
        if not any(normalize(a) in normalize(p) for a in question.accept for p in pool):
            reasons.append("none of the accept strings (" + ", ".join(question.accept) + ") in the answer")

    lenient = not reasons
    strict_all = tuple(reasons) + tuple(strict_reasons)
    return Judgement(strict=lenient and not strict_reasons, lenient=lenient, figures_ok=figures_ok,
                     evidence_rank=evidence_rank, reasons=tuple(reasons), strict_reasons=strict_all)
