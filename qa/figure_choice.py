"""Figures inside a sentence: which answer the question's type, how well each one's phrase fits, ranges."""

from __future__ import annotations

import re

import numpy as np

from index import lexicon as L
from index.figures import Figure, figure_context
from index.text import fold
from qa.question import FIGURE_KINDS, Question
from qa.spans import words


def unit_matches(fig: Figure, counted: str) -> bool:
    """Whether a figure counts the noun a question asks about (on the head word: "dự án" ~ "dự án trọng điểm")."""
    unit, asked = fold(fig.unit).split(), counted.split()
    if not asked or not unit:
        return not asked
    n = min(len(unit), len(asked))
    return unit[:n] == asked[:n]


_MEASURES = frozenset(L.MEASURE_UNITS_FOLDED)
_MULTIPLIERS = frozenset(L.MULTIPLIERS_FOLDED)


def measure_asked(q: Question) -> str | None:
    """The counted noun when it is a unit of measure, without a multiplier ("bao nhiêu MW" → "mw", "mấy triệu tấn
    gạo" → "tan gao": the figure's value holds the million)."""
    for noun in q.counted[:1]:
        rest = [w for w in noun.split() if w not in _MULTIPLIERS]
        if rest and rest[0] in _MEASURES:
            return " ".join(rest)
    return None


def counts_asked(fig: Figure, q: Question) -> bool:
    return any(unit_matches(fig, c) for c in q.counted)


def fitting_figures(q: Question, figs: list[Figure]) -> list[Figure]:
    """The figures of a sentence whose kind answers the question's expected type, those of the hinted kind or
    counting the asked noun first.

    Hints only order: "giá bao nhiêu mỗi mét vuông" asks for money though it names an area, "giảm bao nhiêu chi
    phí" is answered by a percentage; the figure ranker weighs the hint with everything else.
    """
    kinds = FIGURE_KINDS.get(q.expected)
    if not kinds:
        return []
    if q.expected == "date":
        kinds = {"day": frozenset({"date"}), "year": frozenset({"date", "year"})}.get(q.date_grain, kinds)
    out = [f for f in figs if f.kind in kinds]
    preferred = preferred_figures(q, out)
    return preferred + [f for f in out if f not in preferred]


def preferred_figures(q: Question, fits: list[Figure]) -> list[Figure]:
    """The fitting figures of the hinted kind and, for a question counting a noun, those that count it."""
    out = fits
    if q.kind_hint:
        out = [f for f in out if f.kind == q.kind_hint or (q.kind_hint == "percent" and f.kind == "fraction")]
    if q.counted and q.expected == "quantity":
        counted = [f for f in out if f.kind in ("count", "fraction", "duration", "number") and counts_asked(f, q)]
        out = counted or [f for f in out if f.kind not in ("count",)]
    return out


_TAIL_END_RE = re.compile(r"[,;:!?()“”\"]|\.(?=\s|$)")


def _tail(text: str, fig: Figure, base: int, others: list[Figure]) -> str:
    """The words right after a figure, up to the next figure or punctuation: "10 chương trình *toàn khóa của Thành ủy*"."""
    start = fig.end - base
    stop = _TAIL_END_RE.search(text, start)
    end = stop.start() if stop else len(text)
    following = [o.start - base for o in others if o.start - base >= start]
    return text[start : min([end, *following])]


_JOINED_RE = re.compile(r"\s*(?:,|và|hoặc|cùng)\s*")


def _group_tail(text: str, fig: Figure, base: int, others: list[Figure]) -> str:
    """The words after the run of figures a figure heads or stands in ("14 chỉ tiêu và 17 nhiệm vụ *khác chưa đến
    thời gian thực hiện*"): a predicate after coordinated figures is said of each of them."""
    starts = {o.start - base: o for o in others}
    end = fig.end - base
    while True:
        m = _JOINED_RE.match(text, end)
        nxt = starts.get(m.end()) if m else None
        if nxt is None or nxt is fig:
            break
        end = nxt.end - base
    stop = _TAIL_END_RE.search(text, end)
    return text[end : stop.start() if stop else len(text)]


def _lead(text: str, fig: Figure, base: int, others: list[Figure]) -> str:
    """The words right before a figure, back to the previous figure or punctuation ("thị giá *67.400 đồng*")."""
    end = fig.start - base
    cut = max([m.end() for m in _TAIL_END_RE.finditer(text, 0, end)] or [0])
    before = [o.end - base for o in others if o.end - base <= end]
    return text[max([cut, *before]) : end]


def figure_support(q: Question, fig: Figure, text: str, base: int, idf, context: set[str],
                   sentence: frozenset[str] | None = None) -> float:
    """IDF-weighted share of the question's topic words found where the figure stands (clause, sentence, context);
    ``sentence``: ``words(text)`` when the caller has it."""
    own = words(fig.text) | words(fig.unit)
    terms = [w for w in dict.fromkeys(q.focus) if w not in own]
    if not terms:
        return 1.0
    near = words(fig.measures) | words(figure_context(text, fig, base=base, narrow=True))
    sentence = words(text) if sentence is None else sentence
    total = sum(idf(w) for w in terms)
    got = sum(idf(w) * (1.0 if w in near else 0.5 if w in sentence else 0.3 if w in context else 0.0) for w in terms)
    return max(0.0, got / total) if total > 0 else 0.0


FIGURE_FEATURES = (
    "in_measures", "in_lead", "in_tail", "in_clause", "in_sentence", "counted", "hinted", "first_fit", "order",
    "n_fits", "support", "range_end", "is_total", "approx", "own_words_near", "in_group_tail", "given",
    "lead_rel", "tail_rel", "group_tail_rel", "clause_rel", "support_rel",
)
# The columns whose value relative to the sentence's best other figure is a feature too (the ``*_rel`` ones).
_RELATIVE = ("in_lead", "in_tail", "in_group_tail", "in_clause", "support")


def figure_matrix(q: Question, fits: list[Figure], text: str, base: int, others: list[Figure], idf,
                  context: set[str]) -> np.ndarray:
    """One row of FIGURE_FEATURES per fitting figure: its own features, then how far it leads the best other one."""
    own = np.asarray([figure_features(q, f, fits, text, base, others, idf, context) for f in fits],
                     dtype=np.float64).reshape(len(fits), -1)
    cols = [FIGURE_FEATURES.index(c) for c in _RELATIVE]
    rel = np.zeros((len(fits), len(cols)))
    if len(fits) > 1:
        for i in range(len(fits)):
            rest = np.delete(own[:, cols], i, axis=0)
            rel[i] = own[i, cols] - rest.max(axis=0)
    return np.hstack([own, rel])


def figure_features(q: Question, fig: Figure, fits: list[Figure], text: str, base: int, others: list[Figure],
                    idf, context: set[str]) -> list[float]:
    """How a figure of a sentence relates to the question: where the question's words stand around it."""
    focus = [w for w in dict.fromkeys(q.focus + q.must)]
    weights = [idf(w) for w in focus]
    total = sum(weights) or 1.0

    def share(ws: frozenset[str]) -> float:
        return sum(wt for w, wt in zip(focus, weights) if w in ws) / total

    clause = figure_context(text, fig, base=base, narrow=True)
    order = fits.index(fig)
    lead = text[max(0, fig.start - base - 12) : fig.start - base].lower()
    lead_words, tail_words = words(_lead(text, fig, base, others)), words(_tail(text, fig, base, others))
    group_tail = words(_group_tail(text, fig, base, others))
    near = lead_words | tail_words | words(fig.measures) | group_tail
    return [
        share(words(fig.measures) | words(fig.unit)),
        share(lead_words),
        share(tail_words),
        share(words(clause)),
        share(words(text)),
        float(bool(q.counted) and counts_asked(fig, q)),
        float(bool(q.kind_hint) and fig.kind == q.kind_hint),
        float(order == 0),
        order / max(1, len(fits) - 1),
        float(min(len(fits), 6)),
        figure_support(q, fig, text, base, idf, context),
        float(bool(range_partner(fig, others, text, base))),
        float(fig.total is not None),
        float(bool(re.search(r"(khoảng|gần|hơn|trên|dưới|tới|đến|lên)\s*$", lead))),
        # a follow-up's own words ("Hoàn thành bao nhiêu?" after "khởi công") beside this figure
        (sum(w in near for w in q.must) / len(q.must)) if q.must else 0.0,
        share(group_tail),
        float(given_by_question(q, fig)),
    ]


_DIGITS_RE = re.compile(r"\d+")


def given_by_question(q: Question, fig: Figure) -> bool:
    """Whether a figure is one the question itself gives ("10 tháng" for "Doanh thu 10 tháng tăng bao nhiêu?", also
    when a follow-up takes it from the question before); a figure written in words ("bốn máy bay") gives no digits to
    compare, so it is never given."""
    digits = set(_DIGITS_RE.findall(fig.text))
    return bool(digits) and digits <= set(q.specifics) | {w for w in q.focus if w.isdigit()}


_RANGE_GAP_RE = re.compile(r"\s*(?:-|–|đến|tới|~)\s*")


def range_partner(fig: Figure, figs: list[Figure], text: str, base: int) -> Figure | None:
    """The other end of a range a figure stands in ("7-12 m", "từ 15.000 đến 120.000 đồng"), same kind and unit."""
    for other in figs:
        if other is fig or other.kind != fig.kind or other.unit != fig.unit:
            continue
        a, b = (other, fig) if other.end <= fig.start else (fig, other)
        gap = text[a.end - base : b.start - base]
        if _RANGE_GAP_RE.fullmatch(gap):
            return other
    return None
