"""Answers: pick the supporting sentence and its figures, or abstain; the Answer and Citation types."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from index.article import Document
from index.corpus import Corpus
from index.figures import Figure
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


class Evidence:
    """Per-corpus term statistics used to judge how well a sentence covers a question."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.terms: list[list[str]] = [[fold(s) for s in syllables(c.text)] for c in corpus.chunks]
        self.term_sets = [set(ts) | {f"{a}_{b}" for a, b in zip(ts, ts[1:])} for ts in self.terms]
        # What a reader knows when reading a sentence: its paragraph so far, its section heading and the title.
        self.context_sets: list[set[str]] = []
        for i, c in enumerate(corpus.chunks):
            doc = corpus.documents[c.doc_id]
            around = [doc.title, c.section]
            j = i - 1
            while j >= 0 and corpus.chunks[j].doc_id == c.doc_id and corpus.chunks[j].paragraph == c.paragraph and c.paragraph:
                around.append(corpus.chunks[j].text)
                j -= 1
            ts = [fold(s) for s in syllables(" ".join(around))]
            self.context_sets.append(set(ts) | {f"{a}_{b}" for a, b in zip(ts, ts[1:])})
        df: dict[str, int] = {}
        for ts in self.term_sets:
            for t in ts:
                df[t] = df.get(t, 0) + 1
        self.df = df
        self.n = max(1, len(corpus.chunks))

    def idf(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 0.5))

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
    if not counted:
        return True
    unit = fold(fig.unit)
    c = counted.split()
    return unit.startswith(counted) or counted.startswith(unit) or (bool(c) and unit.split(" ")[:1] == c[:1] and len(c[0]) > 1)


def fitting_figures(q: Question, figs: list[Figure]) -> list[Figure]:
    """The figures of a sentence whose kind (and counted noun) answer the question's expected type."""
    kinds = FIGURE_KINDS.get(q.expected)
    if not kinds:
        return []
    out = [f for f in figs if f.kind in kinds]
    if q.kind_hint:
        out = [f for f in out if f.kind == q.kind_hint]
    if q.counted and q.expected == "quantity":
        out = [f for f in out if f.kind in ("count", "fraction", "duration") and _unit_matches(f, q.counted)]
    return out


def _figure_score(q: Question, fig: Figure, text: str, base: int) -> float:
    """How well a figure's measured phrase and surroundings match the question's topic words."""
    near = fold(text[max(0, fig.start - base - 60) : fig.end - base + 40])
    about = set(fold(fig.measures).split()) | set(fold(fig.unit).split())
    near_words = set(re.findall(r"\w+", near))
    score = 0.0
    for w in q.focus:
        if w in about:
            score += 1.0
        elif w in near_words:
            score += 0.3
    if q.counted and _unit_matches(fig, q.counted):
        score += 2.0
    return score


# --- composing -----------------------------------------------------------------------------


@dataclass
class _Candidate:
    hit: Hit
    idx: int
    rank: int
    coverage: float
    fits: list[Figure]
    score: float


_NAME_RE = re.compile(r"(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}")
_QUOTE_RE = re.compile(r"“([^”]{3,300})”|\"([^\"]{3,300})\"")


def _person(q: Question, text: str) -> str:
    """The personal name in a sentence nearest the words the question asked about."""
    qwords = set(q.focus)
    best, best_d = "", 10**9
    anchor = [m.start() for m in re.finditer(r"\w+", text) if fold(m.group(0)) in qwords]
    for m in _NAME_RE.finditer(text):
        words = [fold(w) for w in m.group(0).split()]
        if any(w in qwords for w in words):
            continue
        d = min((abs(m.start() - a) for a in anchor), default=0)
        if d < best_d:
            best, best_d = m.group(0), d
    return best


def _quoted(q: Question, text: str) -> list[str]:
    quotes = [m.group(1) or m.group(2) for m in _QUOTE_RE.finditer(text)]
    return [s for s in quotes if s]


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
        supported = [c for c in self._candidates(q, hits) if self._supported(q, c)]
        if not supported:
            return self._abstain(question, q, hits, k, mode)
        best = max(supported, key=lambda c: c.score)
        return self._answer(question, q, best, hits, k, mode)

    def _candidates(self, q: Question, hits: list[Hit]) -> list[_Candidate]:
        out = []
        for rank, hit in enumerate(hits[: T.CANDIDATES]):
            idx = self.corpus.chunk_index(hit.chunk_id)
            cov = self.evidence.coverage(list(q.focus), idx)
            if q.must:  # a follow-up: its own words matter most
                cov = T.FOLLOWUP_OWN_SHARE * self.evidence.coverage(list(q.must), idx) + (1 - T.FOLLOWUP_OWN_SHARE) * cov
            if q.must and not all(m in self.evidence.term_sets[idx] for m in q.must):
                continue
            fits = fitting_figures(q, self.corpus.figures[idx])
            score = cov + T.RANK_WEIGHT / (1 + rank)
            if q.english:
                score = T.RANK_WEIGHT * 4 / (1 + rank)
            if fits:
                score += T.FIGURE_BONUS
            out.append(_Candidate(hit, idx, rank, cov, fits, score))
        return out

    def _supported(self, q: Question, c: _Candidate) -> bool:
        if q.expected in FIGURE_KINDS and not c.fits:
            return False
        if q.english:
            return c.hit.dense_rank is not None and c.hit.dense_rank <= T.ENGLISH_MAX_DENSE_RANK
        need = T.MIN_COVERAGE_WITH_FIGURE if c.fits else T.MIN_COVERAGE
        return c.coverage >= need

    def _answer(self, question: str, q: Question, best: _Candidate, hits: list[Hit], k: int, mode: str) -> Answer:
        chunk = best.hit.chunk
        figs = list(self.corpus.figures[best.idx])
        primary: list[Figure] = []
        if best.fits:
            ranked = sorted(best.fits, key=lambda f: (-_figure_score(q, f, chunk.text, chunk.start), f.start))
            top = _figure_score(q, ranked[0], chunk.text, chunk.start)
            primary = [ranked[0]]
            # Questions naming several counted things ("bao nhiêu chỉ tiêu và nhiệm vụ") get each of them.
            for f in ranked[1:]:
                if f.kind == "count" and _head(f.unit) in q.focus and _head(f.unit) not in {_head(p.unit) for p in primary}:
                    if _figure_score(q, f, chunk.text, chunk.start) >= top - 2.5:
                        primary.append(f)
            primary.sort(key=lambda f: f.start)
        rest = [f for f in figs if f not in primary and f.kind not in ("document",)]
        direct = ""
        if primary:
            direct = "; ".join(_figure_line(f) for f in primary)
        elif q.expected == "person":
            direct = _person(q, chunk.text)
        elif q.expected in ("fact", "list"):
            quotes = _quoted(q, chunk.text)
            if quotes and q.expected == "list":
                direct = "; ".join(f"“{s}”" for s in quotes)
            elif len(quotes) == 1:
                direct = f"“{quotes[0]}”"
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
