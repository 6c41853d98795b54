"""Candidate answer sentences and the features a learned model scores them by (retrieval, coverage, answer type)."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Container
from dataclasses import dataclass

import numpy as np

from index import lexicon as L
from index.corpus import Corpus
from index.figures import Figure
from index.hybrid import Hit
from index.text import fold, syllables
from qa.config import AnswerConfig
from qa.evidence import Evidence, name_terms
from qa.figure_choice import counts_asked, figure_support, fitting_figures, given_by_question, preferred_figures
from qa.question import FIGURE_KINDS, Question
from qa.spans import best_quote, capitalised_runs, person_name

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
    pair_coverage: float   # the same for the question's adjacent syllable pairs ("cà_phê", "vé_máy")
    names_found: float     # share of the question's names the articles use anywhere
    name_keys: tuple[tuple[tuple[str, ...], ...], ...]  # each name the question gives, as the terms that may
                                                         # spell it ("ha_noi"; "lang_son" for "Tỉnh Lạng Sơn …")
    names_absent: float    # share of those names the articles never write out


_YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")
_PLACE_RE = re.compile(r"\b(?i:ở|tại|thuộc|nằm|phía (bắc|nam|đông|tây))\s+[A-ZĐÀ-Ỹ]")
_TEMPORAL_RE = re.compile(
    r"\b(thế kỷ|thế kỉ|thập niên|thập kỷ|năm \d|tháng \d|ngày \d|hiện nay|ngày nay|thời kỳ|thời kì|thời đại|kỷ nguyên"
    r"|triều đại|trước công nguyên|tcn|những năm|sáng|chiều|tối|đêm|tuần|tháng (?:giêng|chạp|mười|một|hai|ba|tư|năm|sáu|bảy|tám|chín)(?!\w)"
    r"|(?<![\d.,])1\d{3}(?![\d.,]\d)|(?<![\d.,])20\d{2}(?![\d.,]\d))"
    r"|\bthời (?-i:(?=[A-ZĐÀ-Ỹ]))|\d{1,2}/\d{1,2}",
    re.IGNORECASE,
)


def _words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")


_REASON_Q = re.compile(L.REASON_CUE_FOLDED)
_REASON_WORDS = _words_re(L.REASON_WORDS_ACCENTED)
_LOCATIVES = frozenset(L.LOCATIVE_WORDS_ACCENTED)
_WORD_RE = re.compile(r"[^\W_][\w-]*|[.,;:!?()\"“”]")


def names_new_place(text: str, asked: frozenset[str]) -> bool:
    """Whether a locative word is followed, at most two words on, by a capitalised word the question does not
    use: "… thuộc Quận 12", "… chuyển về Oise" answer a where-question; "… nằm ngoài Paris" does not answer where
    in Paris."""
    words = _WORD_RE.findall(text)
    for i, w in enumerate(words):
        if w.lower() not in _LOCATIVES:
            continue
        for nxt in words[i + 1 : i + 4]:
            if not nxt[0].isalnum():
                break
            if nxt[0].isupper():
                if fold(nxt) not in asked:
                    return True
                break
    return False


# A day and month ("17/9", "17-9") or a year: what a question dates itself by.
_DATE_RE = re.compile(r"^(?:(?:[12]?\d|3[01])[/-](?:0?[1-9]|1[0-2])|(?:1[89]|20)\d\d)$")


def asked_dates(q: Question, shape: re.Pattern[str] = _DATE_RE) -> frozenset[str]:
    """The dates (by default) or years (``shape=_YEAR_RE``) a question names ("ngày 17/9", "năm 2023")."""
    return frozenset(s for s in q.specifics if shape.match(s))


# A quarter as the term sets hold it ("quý II", "quý 2" → "quy_2").
QUARTER_TERM_RE = re.compile(r"^quy_[1-4]$")


def asked_quarters(q: Question) -> frozenset[str]:
    """The quarters a question names ("quý II-2024" → {"quy_2"})."""
    ts = [fold(s) for s in syllables(q.text)]
    return frozenset(p for p in map("_".join, zip(ts, ts[1:])) if QUARTER_TERM_RE.match(p))


def dates_clash(asked: frozenset[str], sent: set[str], para: set[str], shape: re.Pattern[str] = _DATE_RE) -> bool:
    """Whether a sentence names a date (or, by ``shape``, a year or a quarter) while neither it nor its paragraph (with
    the article's year) names the asked ones: it is about another day."""
    return bool(asked) and not (asked & para) and any(shape.match(w) for w in sent)


def _glued(text: str, start: int, end: int) -> bool:
    """Whether a span is part of a longer token, such as the "CTr" of the code "01-CTr/QU"."""
    joining = "-/_."
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    glued_after = after in joining and text[end + 1 : end + 2].strip() != ""  # "CTr/QU", not "Sơn."
    return before.isalnum() or before in joining or after.isalnum() or glued_after


def _written(keys: tuple[str, ...], *where: Container[str]) -> bool:
    """Whether every term of a spelling stands in one of the term collections."""
    return all(any(k in w for w in where) for k in keys)


def question_terms(q: Question, ev: Evidence) -> QuestionTerms:
    focus = list(dict.fromkeys(q.focus))
    units = tuple(focus + [f"{a}_{b}" for a, b in zip(focus, focus[1:])])
    weights = tuple(ev.idf(u) for u in units)
    names: set[str] = set()
    keys: list[tuple[tuple[str, ...], ...]] = []
    for run in capitalised_runs(q.text):
        if run[0].start() == 0 and len(run) == 1:
            continue  # the capital that starts the question
        words = [fold(m.group(0)).lower() for m in run]
        names |= set(words)
        if not _glued(q.text, run[0].start(), run[-1].end()):
            # Spelled as the index reads it ("Quý I" is "quý 1"); the question's first capital may be a common word
            # ("Tỉnh Lạng Sơn"), so the name without it counts too.
            starts = [run[0].start()] + ([run[1].start()] if run[0].start() == 0 and len(run) > 1 else [])
            end = run[-1].end()
            keys.append(tuple(name_terms([fold(x).lower() for x in syllables(q.text[a:end])]) for a in starts))
    years = asked_dates(q, _YEAR_RE)
    pairs = [u for u in units if "_" in u]
    names_found = sum(n in ev.df for n in names) / len(names) if names else 1.0
    absent = sum(not any(_written(ks, ev.df) for ks in alts) for alts in keys) / len(keys) if keys else 0.0
    return QuestionTerms(units, weights, sum(weights) or 1.0, frozenset(names), years,
                         ev.corpus_coverage(focus), ev.corpus_coverage(pairs), names_found, tuple(keys), absent)


class _Shares:
    """IDF-weighted shares of a question's terms found in passages' term sets. Each set is looked up once, as a
    bitmask over the question's terms (a question has a few dozen), and each mask's weight is summed once."""

    def __init__(self, t: QuestionTerms) -> None:
        self.units = t.units
        self.w = t.weights
        self.total = t.total
        self.pair_bits = sum(1 << i for i, u in enumerate(t.units) if "_" in u)
        self.uni_bits = ((1 << len(t.units)) - 1) & ~self.pair_bits
        self.pair_total = self._sum(self.pair_bits)
        self.uni_total = self._sum(self.uni_bits)
        self._seen: dict[int, tuple[set[str], int]] = {}
        self._sums: dict[int, float] = {}

    def mask(self, *sets: set[str]) -> int:
        out = 0
        for s in sets:
            got = self._seen.get(id(s))
            if got is None or got[0] is not s:
                bits = 0
                for i, u in enumerate(self.units):
                    if u in s:
                        bits |= 1 << i
                got = self._seen[id(s)] = (s, bits)
            out |= got[1]
        return out

    def _sum(self, bits: int) -> float:
        return math.fsum(w for i, w in enumerate(self.w) if bits >> i & 1)

    def _weight(self, bits: int) -> float:
        got = self._sums.get(bits)
        if got is None:
            got = self._sums[bits] = self._sum(bits)
        return got

    def all(self, *sets: set[str]) -> float:
        return self._weight(self.mask(*sets)) / self.total

    def pairs(self, *sets: set[str]) -> float:
        if not self.pair_total:
            return 1.0
        return self._weight(self.mask(*sets) & self.pair_bits) / self.pair_total

    def syllables(self, s: set[str]) -> float:
        if not self.uni_total:
            return 1.0
        return self._weight(self.mask(s) & self.uni_bits) / self.uni_total

    def missing_max(self, *sets: set[str]) -> float:
        """The largest weight of a syllable (not a pair) found in none of the sets."""
        gone = ~self.mask(*sets) & self.uni_bits
        return max((w for i, w in enumerate(self.w) if gone >> i & 1), default=0.0)


def window_share(tokens: tuple[str, ...], weight: dict[str, float], total: float) -> float:
    """The largest weighted share of a question's syllables that one stretch of the sentence holds, a stretch as
    long as twice the question's syllables: a sentence whose matches are spread over unrelated clauses scores lower
    than one that says them together."""
    if not total:
        return 1.0
    span = max(6, 2 * len(weight))
    hits = [(i, t) for i, t in enumerate(tokens) if t in weight]
    best = got = 0.0
    inside: dict[str, int] = {}
    lo = 0
    for i, t in hits:
        inside[t] = inside.get(t, 0) + 1
        if inside[t] == 1:
            got += weight[t]
        while hits[lo][0] <= i - span:
            old = hits[lo][1]
            inside[old] -= 1
            if not inside[old]:
                got -= weight[old]
            lo += 1
        best = max(best, got)
    return best / total


_EVENT_TIME_RE = re.compile(r"\b(khi|lúc|hồi|dịp|triều)\b", re.IGNORECASE)


def says_when(text: str) -> bool:
    """Whether a sentence says when: a date or period, or an event clause ("khi Pháp lập thuộc địa", "triều vua")."""
    return bool(_TEMPORAL_RE.search(text) or _EVENT_TIME_RE.search(text))


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


# Answer types whose cue (a name, a place, a date, a quote) is weighed apart: a name tells a who-question's
# sentences apart more than a quote tells a what-question's.
_PRESENT_TYPES = ("person", "place", "date", "fact")
FEATURES = (
    "fused_rel", "fused_rank", "is_neighbour", "anchor_rank", "bm25_rel", "bm25_inv_rank", "dense_gap",
    "dense_inv_rank", "cov", "cov_gap", "cov_prev_gain", "cov_next_gain", "cov_para", "cov_ctx", "cov_uni",
    "corpus_cov", "n_focus", "spec_any", "spec_sent", "spec_para", "name_any", "name_sent", "name_para",
    "year_clash", "fits", "support", "hint_match", "counted_match", "type_present",
    "n_figures", "length", "position", "is_caption", "is_heading", "is_title", "is_lead", "english", "unaccented",
    "followup", *[f"type_{t}" for t in TYPES], "figure_q", "fits_x_figure_q", "present_x_type",
    "english_x_dense", "english_x_dense_rank", "unaccented_x_bm25", "unaccented_x_cov", "neighbour_x_prev",
    "miss_max", "miss_para_max", "miss_corpus", "fits_preferred",
    "pair_corpus_cov", "pair_cov", "names_corpus", "hint_miss", "counted_miss", "echo_only", "nofit_figure_q",
    "names_absent", "names_far", "win_cov", "win_gap", "dense_nb_gain", "dense_para_gap", "reason_cue", "place_new",
    *[f"present_x_{t}" for t in _PRESENT_TYPES],
)


def _paragraph_cosines(cands: list[Candidate], ev: Evidence, vecs: np.ndarray,
                       qvec: np.ndarray | None) -> tuple[dict[int, float], dict[int, float]]:
    """Each candidate paragraph's mean cosine of its sentences with the question (the topic of the paragraph), and
    the cosine of each of those sentences (which the neighbour gains read)."""
    means: dict[int, float] = {}
    each: dict[int, float] = {}
    if qvec is None or not len(vecs):
        return means, each
    for c in cands:
        g = int(ev.corpus.group[c.idx])
        if g not in means:
            members = ev.members(c.idx)
            cos = vecs[members] @ qvec
            means[g] = float(cos.mean())
            each.update(zip(members, cos.tolist()))
    return means, each


def _neighbour_gain(idx: int, cos: float, ev: Evidence, member_cos: dict[int, float]) -> float:
    """How much closer to the question the sentence before or after is (a subject named just before)."""
    near = [member_cos[j] for j in (ev.neighbour(idx, -1), ev.neighbour(idx, 1)) if j is not None and j in member_cos]
    return max(0.0, max(near) - cos) if near else 0.0


def echoes_question(q: Question, figs: list[Figure]) -> bool:
    """Whether every figure is one the question itself gives ("402 dự án" for "vốn của 402 dự án là bao nhiêu?");
    a figure written in words ("bốn máy bay") gives no digits to compare, so it is no echo."""
    return bool(figs) and all(given_by_question(q, f) for f in figs)


def features(q: Question, cands: list[Candidate], corpus: Corpus, ev: Evidence, qvec: np.ndarray | None,
             cfg: AnswerConfig) -> tuple[np.ndarray, list[list[Figure]]]:
    """One row of FEATURES per candidate, and each candidate's figures of the expected kind."""
    t = question_terms(q, ev)
    idf = functools.cache(ev.idf)  # each figure's support weighs the same question words again
    hits = [c.hit for c in cands if c.hit is not None]
    top = max((h.score for h in hits), default=1.0) or 1.0
    bm_top = max((h.bm25_score or 0.0 for h in hits), default=0.0) or 1.0
    vecs = corpus.dense.vectors
    cos = (vecs[[c.idx for c in cands]] @ qvec) if qvec is not None and len(vecs) else np.zeros(len(cands))
    cos_top = float(cos.max()) if len(cos) else 0.0
    para_cos, member_cos = _paragraph_cosines(cands, ev, vecs, qvec)
    para_top = max(para_cos.values(), default=0.0)
    dense_rank = {h.chunk_id: h.dense_rank for h in hits}
    sh = _Shares(t)
    covs = [sh.all(ev.sentence(c.idx)) for c in cands]
    cov_top = max(covs, default=0.0)
    syll = [(u, w) for u, w in zip(t.units, t.weights) if "_" not in u]
    top_idf = max((w for _, w in syll), default=1.0) or 1.0
    miss_corpus = math.log1p(sum(u not in ev.df for u, _ in syll))
    is_figure_q = q.expected in FIGURE_KINDS
    syll_weight = dict(syll)
    syll_total = math.fsum(syll_weight.values())
    wins = [window_share(ev.tokens(c.idx), syll_weight, syll_total) for c in cands]
    win_top = max(wins, default=0.0)
    type_onehot = [float(q.expected == k) for k in TYPES]
    asks_reason = bool(_REASON_Q.search(fold(q.text)))  # "Vì sao …" is answered by a cause or a purpose ("vì", "để")
    asked_words = frozenset(fold(w) for w in _WORD_RE.findall(q.text)) if q.expected == "place" else frozenset()
    rows, all_fits = [], []
    for c, cov, cs, win in zip(cands, covs, cos, wins):
        chunk = corpus.chunks[c.idx]
        sent = ev.sentence(c.idx)
        para = ev.paragraph(c.idx)
        prev_i, next_i = ev.neighbour(c.idx, -1), ev.neighbour(c.idx, 1)
        cov_prev = sh.all(sent, ev.sentence(prev_i)) if prev_i is not None else cov
        cov_next = sh.all(sent, ev.sentence(next_i)) if next_i is not None else cov
        figs = corpus.figures[c.idx]
        fits = fitting_figures(q, figs)
        all_fits.append(fits)
        support = max((figure_support(q, f, chunk.text, chunk.start, idf, ev.context(c.idx), ev.words(c.idx))
                       for f in fits), default=0.0)
        spec = q.specifics
        spec_sent = sum(s in sent for s in spec) / len(spec) if spec else 1.0
        spec_para = sum(s in para for s in spec) / len(spec) if spec else 1.0
        names = t.names
        name_sent = len(names & sent) / len(names) if names else 1.0
        name_para = len(names & para) / len(names) if names else 1.0
        year_clash = float(dates_clash(t.years, sent, para, _YEAR_RE))
        present = holds_answer_type(q, chunk.text, ev.df) if not is_figure_q else bool(fits)
        hinted = bool(q.kind_hint) and any(f.kind == q.kind_hint for f in figs)  # read by a match and a miss
        counted = bool(q.counted) and any(counts_asked(f, q) for f in figs)
        hit = c.hit
        fused_rel = hit.score / top if hit else 0.0
        bm_rel = (hit.bm25_score or 0.0) / bm_top if hit else 0.0
        bm_inv = 1.0 / hit.bm25_rank if hit and hit.bm25_rank else 0.0
        d_rank = dense_rank.get(chunk.chunk_id) if hit else None
        d_inv = 1.0 / d_rank if d_rank else 0.0
        dense_gap = float(cs) - cos_top
        n_words = len(chunk.text.split())
        row = [
            fused_rel, math.log1p(c.rank), float(hit is None), math.log1p(c.anchor), bm_rel, bm_inv, dense_gap,
            d_inv, cov, cov - cov_top, cov_prev - cov, cov_next - cov, sh.all(para), sh.all(sent, ev.context(c.idx)),
            sh.syllables(sent), t.corpus_coverage, math.log1p(len(t.units)), float(bool(spec)), spec_sent, spec_para,
            float(bool(names)), name_sent, name_para, year_clash, float(bool(fits)), support,
            float(hinted), float(counted),
            float(present), math.log1p(len(figs)), math.log1p(n_words),
            chunk.start / max(1, corpus.text_length(chunk.doc_id)), float(chunk.kind == "caption"), float(chunk.kind == "heading"),
            float(chunk.kind == "title"), float(ev.is_lead(c.idx)), float(q.english), float(not q.accented),
            float(bool(q.followup_of)), *type_onehot, float(is_figure_q), float(bool(fits) and is_figure_q),
            float(present and not is_figure_q), float(q.english) * dense_gap, float(q.english) * d_inv,
            float(not q.accented) * bm_rel, float(not q.accented) * cov, float(hit is None) * (cov_prev - cov),
        ]
        near = (sent, ev.context(c.idx), ev.sentence(prev_i) if prev_i is not None else sent)
        row += [
            sh.missing_max(*near) / top_idf,
            sh.missing_max(para) / top_idf,
            miss_corpus,
            float(bool(preferred_figures(q, fits))),
            t.pair_coverage, sh.pairs(sent, ev.context(c.idx)), t.names_found,
            float(is_figure_q and bool(q.kind_hint) and not hinted), float(bool(q.counted) and not counted),
            float(echoes_question(q, fits)), float(is_figure_q and not fits),
            t.names_absent,
            sum(not any(_written(ks, sent, para) for ks in alts) for alts in t.name_keys) / len(t.name_keys)
            if t.name_keys else 0.0,
            win, win - win_top,
            _neighbour_gain(c.idx, float(cs), ev, member_cos),
            para_cos.get(int(corpus.group[c.idx]), 0.0) - para_top,
            float(asks_reason and bool(_REASON_WORDS.search(chunk.text.lower()))),
            float(q.expected == "place" and names_new_place(chunk.text, asked_words)),
            *[float(present and q.expected == t) for t in _PRESENT_TYPES],
        ]
        rows.append(row)
    return np.asarray(rows, dtype=np.float64).reshape(len(cands), len(FEATURES)), all_fits


