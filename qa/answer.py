"""Answers: pick the supporting sentence and its figures, or abstain; the Answer and Citation types."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from index.article import Document
from index.corpus import Corpus
from index.figures import Figure, figure_context
from index.hybrid import Hit
from index.numbers import format_vi
from index.text import fold, syllables
from qa import thresholds as T
from qa.question import FIGURE_KINDS, Question


@dataclass(frozen=True)
class Citation:
    """A quoted passage: ``assistant.document(doc_id).text[start:end] == text``."""

    marker: int
    doc_id: str
    chunk_id: str
    text: str
    start: int
    end: int
    score: float
    section: str
    paragraph: int

    def to_dict(self) -> dict:
        return {
            "marker": self.marker,
            "doc_id": self.doc_id,
            "chunk_id": self.chunk_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "section": self.section,
            "paragraph": self.paragraph,
        }


@dataclass
class Answer:
    """What the assistant replies: text for the user, the evidence, and whether it abstained."""

    question: str
    text: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    related: list[Citation] = field(default_factory=list)
    direct: str = ""
    answer_type: str = "fact"
    mode: str = "hybrid"
    resolved_question: str = ""

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "text": self.text,
            "abstained": self.abstained,
            "direct": self.direct,
            "answer_type": self.answer_type,
            "mode": self.mode,
            "resolved_question": self.resolved_question,
            "citations": [c.to_dict() for c in self.citations],
            "figures": [f.to_dict() for f in self.figures],
            "related": [c.to_dict() for c in self.related],
        }


# --- evidence --------------------------------------------------------------------------------


def _term_set(texts: list[str]) -> set[str]:
    ts = [fold(s) for s in syllables(" ".join(texts))]
    return set(ts) | {f"{a}_{b}" for a, b in zip(ts, ts[1:])}


class Evidence:
    """Per-corpus term statistics used to judge how well a sentence covers a question."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.terms: list[list[str]] = [[fold(s) for s in syllables(c.text)] for c in corpus.chunks]
        self.term_sets = [set(ts) | {f"{a}_{b}" for a, b in zip(ts, ts[1:])} for ts in self.terms]
        # What a reader knows on reaching a sentence: the title, its section heading and its paragraph so far;
        # the whole paragraph is where the numbers and names a question mentions must stand.
        members: dict[int, list[int]] = {}
        for i, g in enumerate(corpus.group):
            members.setdefault(int(g), []).append(i)
        self.context_sets: list[set[str]] = []
        self.paragraph_sets: list[set[str]] = []
        for i, c in enumerate(corpus.chunks):
            doc = corpus.documents[c.doc_id]
            same = members[int(corpus.group[i])]
            self.context_sets.append(_term_set([doc.title, c.section] + [corpus.chunks[j].text for j in same if j < i]))
            dated = [doc.published[:4]] if doc.published else []  # the article's year frames every sentence
            self.paragraph_sets.append(_term_set([doc.title, c.section, *dated] + [corpus.chunks[j].text for j in same]))
        df: dict[str, int] = {}
        for ts in self.term_sets:
            for t in ts:
                df[t] = df.get(t, 0) + 1
        self.df = df
        self.n = max(1, len(corpus.chunks))

    def idf(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 0.5))

    def corpus_coverage(self, terms: list[str]) -> float:
        """IDF-weighted share of the question's topic syllables that occur anywhere in the articles."""
        units = list(dict.fromkeys(terms))
        if not units:
            return 1.0
        # A word the articles never use weighs like the rarest word they do use.
        weight = {u: self.idf(u) for u in units}
        total = sum(weight.values())
        return sum(w for u, w in weight.items() if u in self.df) / total if total > 0 else 0.0

    def mentions(self, specifics: tuple[str, ...], chunk_idx: int) -> bool:
        """Whether a passage or its paragraph names every number, code and acronym the question does."""
        return all(s in self.paragraph_sets[chunk_idx] for s in specifics)

    def coverage(self, terms: list[str], chunk_idx: int) -> float:
        """IDF-weighted share of the question's topic syllables and adjacent pairs found in a passage."""
        if not terms:
            return 1.0
        units = list(dict.fromkeys(terms)) + [f"{a}_{b}" for a, b in zip(terms, terms[1:])]
        have, context = self.term_sets[chunk_idx], self.context_sets[chunk_idx]
        total = sum(self.idf(u) for u in units)
        got = sum(self.idf(u) * (1.0 if u in have else T.CONTEXT_CREDIT if u in context else 0.0) for u in units)
        return got / total if total > 0 else 0.0


# --- figure choice ---------------------------------------------------------------------------


def _head(unit: str) -> str:
    return fold(unit).split(" ")[0] if unit else ""


def _unit_matches(fig: Figure, counted: str) -> bool:
    """Whether a figure counts the noun a question asks about (on the head word: "dự án" ~ "dự án trọng điểm")."""
    unit, asked = fold(fig.unit).split(), counted.split()
    if not asked or not unit:
        return not asked
    n = min(len(unit), len(asked))
    return unit[:n] == asked[:n]


def _counts_asked(fig: Figure, q: Question) -> bool:
    return any(_unit_matches(fig, c) for c in q.counted)


def fitting_figures(q: Question, figs: list[Figure]) -> list[Figure]:
    """The figures of a sentence whose kind (and counted noun) answer the question's expected type."""
    kinds = FIGURE_KINDS.get(q.expected)
    if not kinds:
        return []
    if q.expected == "date":
        kinds = {"day": frozenset({"date"}), "year": frozenset({"date", "year"})}.get(q.date_grain, kinds)
    out = [f for f in figs if f.kind in kinds]
    if q.kind_hint:
        out = [f for f in out if f.kind == q.kind_hint or (q.kind_hint == "percent" and f.kind == "fraction")]
    if q.counted and q.expected == "quantity":
        out = [f for f in out if f.kind in ("count", "fraction", "duration") and _counts_asked(f, q)]
    return out


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """Folded syllables of a text (article sentences and clauses recur across questions, so cached)."""
    return frozenset(fold(s) for s in syllables(text))


def _figure_score(q: Question, fig: Figure, text: str, base: int) -> float:
    """How well a figure's measured phrase and clause match the question's topic words."""
    about = _words(fig.measures) | _words(fig.unit)
    clause = _words(figure_context(text, fig, base=base, narrow=True))
    sentence = _words(figure_context(text, fig, base=base))
    must = set(q.must)
    score = 0.0
    for w in set(q.focus) | must:
        weight = 2.0 if w in must else 1.0
        if w in about:
            score += weight
        elif w in clause:
            score += 0.7 * weight
        elif w in sentence:
            score += 0.2 * weight
    if q.counted and _counts_asked(fig, q):
        score += 2.0
    return score


def figure_support(q: Question, fig: Figure, text: str, base: int, idf, context: set[str]) -> float:
    """IDF-weighted share of the question's topic words found where the figure stands (clause, sentence, context)."""
    own = _words(fig.text) | _words(fig.unit)
    terms = [w for w in dict.fromkeys(q.focus) if w not in own]
    if not terms:
        return 1.0
    near = _words(fig.measures) | _words(figure_context(text, fig, base=base, narrow=True))
    sentence = _words(text)
    total = sum(idf(w) for w in terms)
    got = sum(
        idf(w) * (1.0 if w in near else T.SENTENCE_CREDIT if w in sentence else T.FIGURE_CONTEXT_CREDIT if w in context else 0.0)
        for w in terms
    )
    return got / total if total > 0 else 0.0


_PLACE_RE = re.compile(r"\b(ở|tại|thuộc|nằm|phía (bắc|nam|đông|tây))\s+[A-ZĐÀ-Ỹ]", re.IGNORECASE)
_TEMPORAL_RE = re.compile(r"\b(thế kỷ|thế kỉ|thập niên|thập kỷ|năm \d|tháng \d|ngày \d|hiện nay|ngày nay)", re.IGNORECASE)


# --- composing -----------------------------------------------------------------------------


@dataclass
class _Candidate:
    hit: Hit
    idx: int
    rank: int
    coverage: float
    fits: list[Figure]
    score: float


_WORD_RE = re.compile(r"[^\W\d_]+")


def _capitalised_runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of Capitalised syllables (not acronyms) separated by single spaces: name candidates."""
    runs: list[list[re.Match[str]]] = []
    for m in _WORD_RE.finditer(text):
        w = m.group(0)
        cap = w[0].isupper() and not w.isupper() and len(w) > 1
        if cap and runs and runs[-1] and text[runs[-1][-1].end() : m.start()] == " ":
            runs[-1].append(m)
        elif cap:
            runs.append([m])
        else:
            runs.append([])
    return [r for r in runs if len(r) >= 2]
_QUOTE_RE = re.compile(r"“([^”]{3,300})”|\"([^\"]{3,300})\"")
# First syllables of organisations, titles and events, which are capitalised like names but are not people.
_NOT_NAME_START = frozenset(
    fold(w)
    for w in """ban bộ sở phòng cục vụ viện hội đảng quận huyện thành tỉnh xã phường ủy uỷ ủy ban chủ bí phó
    giám tổng trung đại chi đoàn mặt tiểu thường tổ ngày tháng năm kế chỉ nghị thông chương cuộc đề quyết
    luật công trường bệnh báo đài nhà thủ chính quốc việt hà long học tư""".split()
)
_ROLE_RE = re.compile(
    r"(?:ông|bà|anh|chị|đồng chí|Bí thư|Chủ tịch|Phó Chủ tịch|Giám đốc|Trưởng ban|Trưởng phòng|Bộ trưởng|Thứ trưởng|"
    r"Thủ tướng|Tổng Bí thư|Chủ nhiệm|Tổng giám đốc|Hiệu trưởng|Đại tá|Thiếu tướng|Trung tướng|PGS\.?|TS\.?|GS\.?)",
)


def _person(q: Question, text: str, df: dict[str, int] | None = None) -> str:
    """The personal name in a sentence nearest the words the question asked about."""
    qwords = set(q.focus)
    anchors = [m.end() for m in re.finditer(r"\w+", text) if fold(m.group(0)) in qwords]
    anchors += [m.end() for m in _ROLE_RE.finditer(text)]
    best, best_d = "", 10**9
    for run in _capitalised_runs(text):
        words = [fold(m.group(0)) for m in run]
        # "quận Long Biên Đường Hoài Nam": the name is the longest tail free of places, titles and asked words.
        tail = next(
            (
                i
                for i in range(len(run) - 1)
                if words[i] not in _NOT_NAME_START
                and not any(w in qwords for w in words[i:])
                # not the second half of a recurring place or body name ("Long Biên")
                and not (i and (df or {}).get(f"{words[i - 1]}_{words[i]}", 0) >= 2)
            ),
            None,
        )
        if tail is None or len(run) - tail > 5:
            continue
        start, name = run[tail].start(), text[run[tail].start() : run[-1].end()]
        before = [start - a for a in anchors if a <= start]
        d = min(before) if before else 500 + start
        if d < best_d:
            best, best_d = name, d
    return best


def _quoted(text: str) -> list[re.Match[str]]:
    return list(_QUOTE_RE.finditer(text))


def _best_quote(q: Question, text: str) -> str:
    """The quoted title the question points at: not the one it names, the one whose surroundings it shares most."""
    focus = set(q.focus)
    quotes = [m for m in _quoted(text) if len(_words(m.group(0)) & focus) < 0.6 * max(1, len(_words(m.group(0))))]
    if len(quotes) == 1:
        return quotes[0].group(0)
    scored = []
    for i, m in enumerate(quotes):
        lead_in = _words(text[max(quotes[i - 1].end() if i else 0, m.start() - 80) : m.start()])
        lead_out = _words(text[m.end() : min(quotes[i + 1].start() if i + 1 < len(quotes) else len(text), m.end() + 60)])
        scored.append((len(focus & lead_in) + len(focus & lead_out), m.group(0)))
    scored.sort(key=lambda t: -t[0])
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return ""


def _figure_line(f: Figure) -> str:
    shown = f.text
    norm = format_vi(f.value, f.unit) if f.kind in ("money", "area", "length") else ""
    if norm and fold(norm) != fold(shown):
        shown += f" (≈ {norm})"
    if f.kind == "fraction" and f.total is not None and f.value == f.total:
        shown += f" (tất cả {f.total} {f.unit})".replace(" )", ")")
    return shown


def _citation(marker: int, hit: Hit) -> Citation:
    c = hit.chunk
    return Citation(marker, c.doc_id, c.chunk_id, c.text, c.start, c.end, round(float(hit.score), 6), c.section, c.paragraph)


_TOPIC_STRIP = re.compile(
    r"\b(bao nhiêu|là gì|là ai|là bao nhiêu|khi nào|bao giờ|ngày nào|năm nào|ở đâu|thế nào|ra sao|như thế nào|"
    r"có|được|không|là|mấy|gì|nào|ai|thì sao|còn)\b|[?!.]",
    re.IGNORECASE,
)


def _topic(q: Question) -> str:
    topic = " ".join(_TOPIC_STRIP.sub(" ", q.text).split())
    return topic or q.text


class Composer:
    """Turns search hits into an Answer for one question."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.evidence = Evidence(corpus)

    def compose(self, question: str, q: Question, hits: list[Hit], k: int, mode: str) -> Answer:
        if q.meta:
            meta = self._meta_answer(question, q, hits, mode)
            if meta is not None:
                return meta
        if q.english and mode != "bm25":
            on_topic = self._dense_z(q) >= T.ENGLISH_MIN_DENSE_Z
        else:
            on_topic = self.evidence.corpus_coverage(list(q.must or q.focus)) >= T.MIN_CORPUS_COVERAGE
        supported = [c for c in self._candidates(q, hits) if self._supported(q, c)] if on_topic else []
        if not supported:
            return self._abstain(question, q, hits, k, mode)
        best = max(supported, key=lambda c: c.score)
        return self._answer(question, q, best, hits, k, mode)

    def _dense_z(self, q: Question) -> float:
        """How far the best passage's cosine stands above the rest (e5 cosines of unrelated texts sit near 0.82)."""
        vecs = self.corpus.dense.vectors
        if len(vecs) < 3:
            return float("inf")
        scores = vecs @ self.corpus.query_vector(q.search_text)
        return float((scores.max() - scores.mean()) / (scores.std() + 1e-9))

    def _candidates(self, q: Question, hits: list[Hit]) -> list[_Candidate]:
        out = []
        for rank, hit in enumerate(hits[: T.CANDIDATES]):
            idx = self.corpus.chunk_index(hit.chunk_id)
            cov = self.evidence.coverage(list(q.focus), idx)
            if q.must:  # a follow-up: its own words matter most
                cov = T.FOLLOWUP_OWN_SHARE * self.evidence.coverage(list(q.must), idx) + (1 - T.FOLLOWUP_OWN_SHARE) * cov
            if q.must and not all(m in self.evidence.term_sets[idx] for m in q.must):
                continue
            if q.specifics and not self.evidence.mentions(q.specifics, idx):
                continue
            fits = fitting_figures(q, self.corpus.figures[idx])
            score = cov + T.RANK_WEIGHT / (1 + rank)
            if q.english:
                score = T.RANK_WEIGHT * 4 / (1 + rank)
            if fits or self._holds_answer_type(q, hit.text):
                score += T.FIGURE_BONUS
            out.append(_Candidate(hit, idx, rank, cov, fits, score))
        return out

    def _holds_answer_type(self, q: Question, text: str) -> bool:
        """Whether a sentence holds something of the kind asked for beyond the question's own words."""
        if q.expected == "person":
            return bool(_person(q, text, self.evidence.df))
        if q.expected == "place":
            return any(
                not set(fold(m.group(0)) for m in run) <= set(q.focus) for run in _capitalised_runs(text)
            ) or bool(_PLACE_RE.search(text))
        if q.expected == "date":
            return bool(_TEMPORAL_RE.search(text))
        return False

    def _supported(self, q: Question, c: _Candidate) -> bool:
        if q.expected == "date" and q.date_grain == "any" and not c.fits:
            if not _TEMPORAL_RE.search(c.hit.text):
                return False
        elif q.expected in FIGURE_KINDS and not c.fits:
            return False
        if q.expected == "person" and not _person(q, c.hit.text, self.evidence.df):
            return False
        if q.english:
            return c.hit.dense_rank is not None and c.hit.dense_rank <= T.ENGLISH_MAX_DENSE_RANK
        if c.coverage < T.MIN_COVERAGE:
            return False
        if c.fits and q.expected in ("quantity", "percent"):
            chunk = c.hit.chunk
            ctx = self.evidence.context_sets[c.idx]
            best = max(figure_support(q, f, chunk.text, chunk.start, self.evidence.idf, ctx) for f in c.fits)
            return best >= T.MIN_FIGURE_SUPPORT
        return True

    def _answer(self, question: str, q: Question, best: _Candidate, hits: list[Hit], k: int, mode: str) -> Answer:
        chunk = best.hit.chunk
        figs = list(self.corpus.figures[best.idx])
        primary: list[Figure] = []
        if best.fits:
            score = {id(f): _figure_score(q, f, chunk.text, chunk.start) for f in best.fits}
            ranked = sorted(best.fits, key=lambda f: (-score[id(f)], f.start))
            primary = [ranked[0]]
            if len(q.counted) > 1:
                # A question counting several things ("bao nhiêu chỉ tiêu và nhiệm vụ") gets the best figure of each.
                each = [next((f for f in ranked if _unit_matches(f, noun)), None) for noun in q.counted]
                primary = sorted({id(f): f for f in each if f is not None}.values(), key=lambda f: f.start) or primary
        rest = [f for f in figs if f not in primary and f.kind not in ("document",)]
        direct = ""
        if primary:
            direct = "; ".join(_figure_line(f) for f in primary)
        elif q.expected == "person":
            direct = _person(q, chunk.text, self.evidence.df)
        elif q.expected == "list":
            direct = "; ".join(m.group(0) for m in _quoted(chunk.text))
        elif q.expected == "fact":
            direct = _best_quote(q, chunk.text)
        citations = [_citation(1, best.hit)]
        for h in hits:
            if len(citations) >= k:
                break
            if h.chunk_id != chunk.chunk_id:
                citations.append(_citation(len(citations) + 1, h))
        lines = []
        if direct:
            lines.append(direct)
        lines.append(f"“{chunk.text}” [1]")
        if rest:
            lines.append("Số liệu khác trong câu:")
            lines += [f"• {_figure_line(f)}" + (f" — {f.measures}" if f.measures else "") for f in rest[:6]]
        doc = self.corpus.documents[chunk.doc_id]
        lines.append(f"Nguồn: [1] {doc.title or doc.doc_id} — {chunk.section}")
        return Answer(
            question=question,
            text="\n".join(lines),
            abstained=False,
            citations=citations,
            figures=primary + rest,
            direct=direct,
            answer_type=q.expected,
            mode=mode,
            resolved_question=q.search_text,
        )

    def _abstain(self, question: str, q: Question, hits: list[Hit], k: int, mode: str) -> Answer:
        related = [_citation(i + 1, h) for i, h in enumerate(hits[: min(k, 3)])]
        lines = [f"Bài viết không có thông tin về “{_topic(q)}”."]
        if related:
            lines.append("Các đoạn có thể liên quan:")
            lines += [f"[{c.marker}] {c.text}" for c in related]
        return Answer(
            question=question,
            text="\n".join(lines),
            abstained=True,
            related=related,
            answer_type=q.expected,
            mode=mode,
            resolved_question=q.search_text,
        )

    def _meta_answer(self, question: str, q: Question, hits: list[Hit], mode: str) -> Answer | None:
        doc: Document = self.corpus.documents[hits[0].doc_id] if hits else next(iter(self.corpus.documents.values()))
        value, block_kind, label = {
            "author": (doc.author, "byline", "Tác giả"),
            "published": (doc.published, "byline", "Ngày đăng"),
            "section": (doc.section, "section", "Chuyên mục"),
            "publisher": (doc.publisher, "footer", "Báo"),
            "title": (doc.title, "title", "Tiêu đề"),
        }[q.meta or "title"]
        block = doc.block(block_kind)
        if not value or block is None:
            return None
        figures: list[Figure] = []
        direct = value
        if q.meta == "published":
            from index.figures import extract_figures

            figures = [f for f in extract_figures(block.text, base=block.start) if f.kind == "date"]
            direct = format_vi(value[:10], "date") + (f" lúc {value[11:16]}" if len(value) > 10 else "")
            if figures:
                direct = f"{figures[0].text} ({direct})"
        cite = Citation(1, doc.doc_id, f"{doc.doc_id}:{block_kind}", block.text, block.start, block.end, 1.0, block_kind, 0)
        text = f"{label}: {direct}\n“{block.text}” [1]\nNguồn: [1] {doc.title or doc.doc_id}"
        return Answer(question, text, False, [cite], figures, [], direct, f"meta:{q.meta}", mode, q.search_text)
