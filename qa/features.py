"""Candidate answer sentences and the features a learned model scores them by (retrieval, coverage, answer type)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from index.corpus import Corpus
from index.figures import Figure
from index.hybrid import Hit
from index.text import fold
from qa.config import AnswerConfig
from qa.evidence import Evidence
from qa.figure_choice import contrasts, counts_asked, figure_support, fitting_figures
from qa.question import FIGURE_KINDS, Question
from qa.spans import best_quote, capitalised_runs, person_name, role_titles

TYPES = ("quantity", "percent", "date", "period", "person", "place", "ordinal", "list", "yesno", "fact")


@dataclass(frozen=True)
class Candidate:
    """A sentence that may answer: a search hit, or the neighbour of one (``hit`` None, ``anchor`` its hit's rank)."""

    idx: int
    hit: Hit | None
    rank: int
    anchor: int


@dataclass(frozen=True)
class QuestionTerms:
    """What of a question the features compare with a sentence, computed once per question."""

    units: tuple[str, ...]
    weights: tuple[float, ...]
    total: float
    names: frozenset[str]
    years: frozenset[str]
    corpus_coverage: float


_YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")
_PLACE_RE = re.compile(r"\b(ở|tại|thuộc|nằm|phía (bắc|nam|đông|tây))\s+[A-ZĐÀ-Ỹ]", re.IGNORECASE)
_TEMPORAL_RE = re.compile(
    r"\b(thế kỷ|thế kỉ|thập niên|thập kỷ|năm \d|tháng \d|ngày \d|hiện nay|ngày nay|thời kỳ|thời kì|thời đại|kỷ nguyên"
    r"|triều đại|trước công nguyên|tcn|những năm|sáng|chiều|tối|đêm|tuần|tháng (?:giêng|chạp|mười|một|hai|ba|tư|năm|sáu|bảy|tám|chín)(?!\w)"
    r"|(?<![\d.,])1\d{3}(?![\d.,]\d)|(?<![\d.,])20\d{2}(?![\d.,]\d))"
    r"|\bthời (?-i:(?=[A-ZĐÀ-Ỹ]))|\d{1,2}/\d{1,2}",
    re.IGNORECASE,
)


def question_terms(q: Question, ev: Evidence) -> QuestionTerms:
    focus = list(dict.fromkeys(q.focus))
    units = tuple(focus + [f"{a}_{b}" for a, b in zip(focus, focus[1:])])
    weights = tuple(ev.idf(u) for u in units)
    names: set[str] = set()
    for run in capitalised_runs(q.text):
        if run[0].start() == 0 and len(run) == 1:
            continue  # the capital that starts the question
        names |= {fold(m.group(0)).lower() for m in run}
    years = frozenset(s for s in q.specifics if _YEAR_RE.match(s))
    return QuestionTerms(units, weights, sum(weights) or 1.0, frozenset(names), years,
                         ev.corpus_coverage(focus))


def _share(t: QuestionTerms, *sets: set[str]) -> float:
    got = 0.0
    for u, w in zip(t.units, t.weights):
        if any(u in s for s in sets):
            got += w
    return got / t.total


def holds_answer_type(q: Question, text: str, df: dict[str, int]) -> bool:
    """Whether a sentence holds something of the kind asked for beyond the question's own words."""
    if q.expected == "person":
        return bool(person_name(q, text, df))
    if q.expected == "place":
        return any(not set(fold(m.group(0)) for m in run) <= set(q.focus) for run in capitalised_runs(text)) \
            or bool(_PLACE_RE.search(text))
    if q.expected in ("date", "period"):
        return bool(_TEMPORAL_RE.search(text))
    if q.expected == "fact":
        return bool(best_quote(q, text))
    return False


def gather(corpus: Corpus, ev: Evidence, hits: list[Hit], cfg: AnswerConfig) -> list[Candidate]:
    """The top hits and the sentences around the best of them (a subject may stand in the sentence before)."""
    out = [Candidate(corpus.chunk_index(h.chunk_id), h, r, r) for r, h in enumerate(hits[: cfg.candidates])]
    seen = {c.idx for c in out}
    for c in out[: cfg.neighbours_of]:
        for step in (-1, 1):
            j = ev.neighbour(c.idx, step)
            if j is not None and j not in seen:
                seen.add(j)
                out.append(Candidate(j, None, len(hits), c.rank))
    return out


FEATURES = (
    "fused_rel", "fused_rank", "is_neighbour", "anchor_rank", "bm25_rel", "bm25_inv_rank", "dense_gap",
    "dense_inv_rank", "cov", "cov_gap", "cov_prev_gain", "cov_next_gain", "cov_para", "cov_ctx", "cov_uni",
    "corpus_cov", "n_focus", "spec_any", "spec_sent", "spec_para", "name_any", "name_sent", "name_para",
    "year_clash", "fits", "support", "hint_match", "counted_match", "type_present", "title_ok", "contrast",
    "n_figures", "length", "position", "is_caption", "is_heading", "is_title", "is_lead", "english", "unaccented",
    "followup", *[f"type_{t}" for t in TYPES], "figure_q", "fits_x_figure_q", "present_x_type",
    "english_x_dense", "english_x_dense_rank", "unaccented_x_bm25", "unaccented_x_cov", "neighbour_x_prev",
    "miss_max", "miss_para_max", "miss_corpus",
)


def features(q: Question, cands: list[Candidate], corpus: Corpus, ev: Evidence, qvec: np.ndarray | None,
             cfg: AnswerConfig) -> tuple[np.ndarray, list[list[Figure]]]:
    """One row of FEATURES per candidate, and each candidate's figures of the expected kind."""
    t = question_terms(q, ev)
    hits = [c.hit for c in cands if c.hit is not None]
    top = max((h.score for h in hits), default=1.0) or 1.0
    bm_top = max((h.bm25_score or 0.0 for h in hits), default=0.0) or 1.0
    vecs = corpus.dense.vectors
    cos = (vecs[[c.idx for c in cands]] @ qvec) if qvec is not None and len(vecs) else np.zeros(len(cands))
    cos_top = float(cos.max()) if len(cos) else 0.0
    dense_rank = {h.chunk_id: h.dense_rank for h in hits}
    covs = [_share(t, ev.sentence(c.idx)) for c in cands]
    cov_top = max(covs, default=0.0)
    syll = [(u, w) for u, w in zip(t.units, t.weights) if "_" not in u]
    top_idf = max((w for _, w in syll), default=1.0) or 1.0
    miss_corpus = math.log1p(sum(u not in ev.df for u, _ in syll))
    is_figure_q = q.expected in FIGURE_KINDS
    type_onehot = [float(q.expected == k) for k in TYPES]
    rows, all_fits = [], []
    for c, cov, cs in zip(cands, covs, cos):
        chunk = corpus.chunks[c.idx]
        sent = ev.sentence(c.idx)
        para = ev.paragraph(c.idx)
        prev_i, next_i = ev.neighbour(c.idx, -1), ev.neighbour(c.idx, 1)
        cov_prev = _share(t, sent, ev.sentence(prev_i)) if prev_i is not None else cov
        cov_next = _share(t, sent, ev.sentence(next_i)) if next_i is not None else cov
        figs = corpus.figures[c.idx]
        fits = fitting_figures(q, figs)
        all_fits.append(fits)
        support = max((figure_support(q, f, chunk.text, chunk.start, ev.idf, ev.context(c.idx), figs, cfg)
                       for f in fits), default=0.0)
        spec = q.specifics
        spec_sent = sum(s in sent for s in spec) / len(spec) if spec else 1.0
        spec_para = sum(s in para for s in spec) / len(spec) if spec else 1.0
        names = t.names
        name_sent = len(names & sent) / len(names) if names else 1.0
        name_para = len(names & para) / len(names) if names else 1.0
        year_clash = float(bool(t.years) and not (t.years & para) and any(_YEAR_RE.match(w) for w in sent))
        present = holds_answer_type(q, chunk.text, ev.df) if not is_figure_q else bool(fits)
        title_ok = (role_titles(q.search_text or q.text) <= role_titles(chunk.text)) \
            if cfg.office_titles and q.expected == "person" else True
        contrast = cfg.contrasts and contrasts(q, chunk.text)
        hit = c.hit
        fused_rel = hit.score / top if hit else 0.0
        bm_rel = (hit.bm25_score or 0.0) / bm_top if hit else 0.0
        bm_inv = 1.0 / hit.bm25_rank if hit and hit.bm25_rank else 0.0
        d_rank = dense_rank.get(chunk.chunk_id) if hit else None
        d_inv = 1.0 / d_rank if d_rank else 0.0
        dense_gap = float(cs) - cos_top
        doc = corpus.documents[chunk.doc_id]
        n_words = len(chunk.text.split())
        row = [
            fused_rel, math.log1p(c.rank), float(hit is None), math.log1p(c.anchor), bm_rel, bm_inv, dense_gap,
            d_inv, cov, cov - cov_top, cov_prev - cov, cov_next - cov, _share(t, para), _share(t, sent, ev.context(c.idx)),
            _share_uni(t, sent), t.corpus_coverage, math.log1p(len(t.units)), float(bool(spec)), spec_sent, spec_para,
            float(bool(names)), name_sent, name_para, year_clash, float(bool(fits)), support,
            float(bool(q.kind_hint) and any(f.kind == q.kind_hint for f in figs)),
            float(bool(q.counted) and any(counts_asked(f, q) for f in figs)),
            float(present), float(title_ok), float(contrast), math.log1p(len(figs)), math.log1p(n_words),
            chunk.start / max(1, len(doc.text)), float(chunk.kind == "caption"), float(chunk.kind == "heading"),
            float(chunk.kind == "title"), float(chunk.paragraph <= 1), float(q.english), float(not q.accented),
            float(bool(q.followup_of)), *type_onehot, float(is_figure_q), float(bool(fits) and is_figure_q),
            float(present and not is_figure_q), float(q.english) * dense_gap, float(q.english) * d_inv,
            float(not q.accented) * bm_rel, float(not q.accented) * cov, float(hit is None) * (cov_prev - cov),
        ]
        near = (sent, ev.context(c.idx), ev.sentence(prev_i) if prev_i is not None else sent)
        row += [
            max((w for u, w in syll if not any(u in z for z in near)), default=0.0) / top_idf,
            max((w for u, w in syll if u not in para), default=0.0) / top_idf,
            miss_corpus,
        ]
        rows.append(row)
    return np.asarray(rows, dtype=np.float64).reshape(len(cands), len(FEATURES)), all_fits


def _share_uni(t: QuestionTerms, s: set[str]) -> float:
    got = tot = 0.0
    for u, w in zip(t.units, t.weights):
        if "_" not in u:
            tot += w
            if u in s:
                got += w
    return got / tot if tot else 1.0
