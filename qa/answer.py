"""Answers: pick the supporting sentence and its figures, or abstain; the Answer and Citation types."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.article import Document
from index.corpus import Corpus
from index.figures import Figure, figure_context
from index.hybrid import Hit
from index.numbers import format_vi
from index.text import fold, has_diacritics
from qa import thresholds as T
from qa.evidence import Evidence
from qa.question import FIGURE_KINDS, Question
from qa.spans import best_quote, capitalised_runs, person_name, quoted, role_titles, words


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


# --- figure choice ---------------------------------------------------------------------------


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


def _figure_score(q: Question, fig: Figure, text: str, base: int, others: list[Figure] | tuple[Figure, ...] = ()) -> float:
    """How well a figure's measured phrase, the words right after it, and its clause match the question's words.

    A follow-up's own words count most; the topic carried over from the previous question chose the sentence already.
    """
    about = words(fig.measures) | words(fig.unit)
    tail = words(_tail(text, fig, base, others))
    clause = words(figure_context(text, fig, base=base, narrow=True))
    sentence = words(figure_context(text, fig, base=base))
    must = set(q.must)
    score = 0.0
    for w in set(q.focus) | must:
        weight = 2.0 if w in must else 0.5 if must else 1.0
        if w in about:
            score += weight
        elif w in tail:
            score += 0.9 * weight
        elif w in clause:
            score += 0.7 * weight
        elif w in sentence:
            score += 0.2 * weight
    if q.counted and _counts_asked(fig, q):
        score += 2.0
    return score


_TAIL_END_RE = re.compile(r"[,;:!?()“”\"]|\.(?=\s|$)")


def _tail(text: str, fig: Figure, base: int, others: list[Figure] | tuple[Figure, ...]) -> str:
    """The words right after a figure, up to the next figure or punctuation: "10 chương trình *toàn khóa của Thành ủy*"."""
    start = fig.end - base
    stop = _TAIL_END_RE.search(text, start)
    end = stop.start() if stop else len(text)
    following = [o.start - base for o in others if o.start - base >= start]
    return text[start : min([end, *following])]


def figure_support(q: Question, fig: Figure, text: str, base: int, idf, context: set[str],
                   others: list[Figure] | tuple[Figure, ...] = ()) -> float:
    """IDF-weighted share of the question's topic words found where the figure stands (clause, sentence, context).

    A word that stands only in the phrase trailing another figure of the sentence counts against: in "thu 2.472
    tỷ đồng, đạt 19% so với dự toán", "dự toán" is what 19% is about, so a question about it asks for another figure.
    """
    own = words(fig.text) | words(fig.unit)
    terms = [w for w in dict.fromkeys(q.focus) if w not in own]
    if not terms:
        return 1.0
    if contrasts(q, figure_context(text, fig, base=base)):
        return 0.0
    near = words(fig.measures) | words(figure_context(text, fig, base=base, narrow=True)) | words(_fronted_topic(text))
    claimed = set().union(*(words(o.measures) for o in others if o is not fig and _trails(o, text, base))) - near
    sentence = words(text)
    total = sum(idf(w) for w in terms)
    got = sum(
        idf(w) * (1.0 if w in near else T.CLAIMED_CREDIT if w in claimed else T.SENTENCE_CREDIT if w in sentence
                  else T.FIGURE_CONTEXT_CREDIT if w in context else 0.0)
        for w in terms
    )
    return max(0.0, got / total) if total > 0 else 0.0


_FRONTED_RE = re.compile(r"^(?:Đối với|Với|Về|Riêng|Trong|Tại|Ở|Theo)\s[^,;:.]{2,120},", re.IGNORECASE)


def _fronted_topic(text: str) -> str:
    """A sentence-opening topic phrase ("Đối với chủ đề năm của quận, ..."): it frames every figure after it."""
    m = _FRONTED_RE.match(text)
    return m.group(0) if m else ""


def _trails(fig: Figure, text: str, base: int) -> bool:
    """Whether what a figure measures follows it ("19% so với dự toán"): then it is that figure's alone, while a
    subject before a run of figures ("Thu ngân sách 2.472 tỷ đồng, đạt 19%, 125%") is shared by all of them."""
    end = fig.end - base
    return bool(fig.measures) and text[end : end + len(fig.measures) + 2].strip().startswith(fig.measures)


# Words that name the opposite of each other in reports of figures: asked about one, a clause about the other
# does not answer ("Chi ngân sách ...?" is not answered by "Thu ngân sách ... 125%").
_CONTRASTS = [("thu", "chi"), ("tăng", "giảm"), ("xuất khẩu", "nhập khẩu"), ("xuất", "nhập"), ("mua", "bán"),
              ("thắng", "thua"), ("nam", "nữ"), ("trong nước", "nước ngoài"), ("nội thành", "ngoại thành")]
_CONTRAST_PATTERNS = [
    (re.compile(rf"(?<!\w){a}(?!\w)", re.IGNORECASE), re.compile(rf"(?<!\w){b}(?!\w)", re.IGNORECASE))
    for pair in _CONTRASTS for a, b in (pair, pair[::-1])
]


# Without diacritics only pairs whose folded forms stay clear are judged: "tang" is also "tầng", "nam" also "năm".
_FOLDED_CONTRASTS = [("thu", "chi"), ("xuất khẩu", "nhập khẩu")]
_FOLDED_PATTERNS = [  # (asked side folded, other side as written, other side folded)
    (re.compile(rf"(?<!\w){fold(a)}(?!\w)"), re.compile(rf"(?<!\w){b}(?!\w)", re.IGNORECASE),
     re.compile(rf"(?<!\w){fold(b)}(?!\w)"))
    for pair in _FOLDED_CONTRASTS for a, b in (pair, pair[::-1])
]


def contrasts(q: Question, clause: str) -> bool:
    """Whether a clause speaks of the opposite of what the question asks about and not of it.

    Judged on the question as resolved: "So với dự toán thì sao?" after a question on spending is about spending.
    """
    asked_text = q.search_text or q.text
    if has_diacritics(asked_text):
        return any(asked.search(asked_text) and not asked.search(clause) and other.search(clause)
                   and not other.search(asked_text) for asked, other in _CONTRAST_PATTERNS)
    # An unaccented "chi" may be "chỉ": the clause must hold the other side as written and nothing that folds to it.
    folded_q, folded_clause = fold(asked_text).lower(), fold(clause).lower()
    return any(asked.search(folded_q) and other.search(clause) and not asked.search(folded_clause)
               and not other_folded.search(folded_q) for asked, other, other_folded in _FOLDED_PATTERNS)


_PLACE_RE = re.compile(r"\b(ở|tại|thuộc|nằm|phía (bắc|nam|đông|tây))\s+[A-ZĐÀ-Ỹ]", re.IGNORECASE)
_TEMPORAL_RE = re.compile(
    r"\b(thế kỷ|thế kỉ|thập niên|thập kỷ|năm \d|tháng \d|ngày \d|hiện nay|ngày nay|thời kỳ|thời kì|thời đại|kỷ nguyên"
    r"|triều đại|trước công nguyên|tcn|những năm|tháng (?:giêng|chạp|mười|một|hai|ba|tư|năm|sáu|bảy|tám|chín)(?!\w)"
    r"|(?<![\d.,])1\d{3}(?![\d.,]\d)|(?<![\d.,])20\d{2}(?![\d.,]\d))"
    r"|\bthời (?-i:(?=[A-ZĐÀ-Ỹ]))",
    re.IGNORECASE,
)


# --- composing -----------------------------------------------------------------------------


@dataclass
class _Candidate:
    hit: Hit
    idx: int
    rank: int
    coverage: float
    fits: list[Figure]
    score: float


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
        on_topic = self.evidence.corpus_coverage(list(q.must or q.focus)) >= T.MIN_CORPUS_COVERAGE
        if q.english and mode != "bm25":
            # The glossary may miss a word; the multilingual embedding must also find the articles on topic.
            on_topic = on_topic and self._dense_z(q) >= T.ENGLISH_MIN_DENSE_Z
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
        # The vector search used (cached): an English question is embedded as asked, not with its rendering.
        scores = vecs @ self.corpus.query_vector(q.text if q.english else q.search_text)
        return float((scores.max() - scores.mean()) / (scores.std() + 1e-9))

    def _candidates(self, q: Question, hits: list[Hit]) -> list[_Candidate]:
        out = []
        top = (hits[0].score if hits else 0.0) or 1.0
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
            # The fused score, not just the rank: a close second keeps its chance, a distant one does not.
            score = cov + T.SCORE_WEIGHT * hit.score / top
            if fits or self._holds_answer_type(q, hit.text):
                score += T.FIGURE_BONUS
            out.append(_Candidate(hit, idx, rank, cov, fits, score))
        return out

    def _holds_answer_type(self, q: Question, text: str) -> bool:
        """Whether a sentence holds something of the kind asked for beyond the question's own words."""
        if q.expected == "person":
            return bool(person_name(q, text, self.evidence.df))
        if q.expected == "place":
            return any(
                not set(fold(m.group(0)) for m in run) <= set(q.focus) for run in capitalised_runs(text)
            ) or bool(_PLACE_RE.search(text))
        if q.expected == "date":
            return bool(_TEMPORAL_RE.search(text))
        if q.expected == "fact":
            return bool(best_quote(q, text))  # "… là gì?" of a named theme, plan or slogan: its quoted title
        return False

    def _supported(self, q: Question, c: _Candidate) -> bool:
        if q.expected == "date" and q.date_grain == "any" and not c.fits:
            if not _TEMPORAL_RE.search(c.hit.text):
                return False
        elif q.expected in FIGURE_KINDS and not c.fits:
            return False
        if q.expected == "person" and not person_name(q, c.hit.text, self.evidence.df):
            return False
        if q.expected == "person" and not role_titles(q.search_text or q.text) <= role_titles(c.hit.text):
            return False  # asked for the deputy secretary, the sentence names the secretary (English: as rendered)
        if c.coverage < T.MIN_COVERAGE:
            return False
        if c.fits and q.expected in ("quantity", "percent", "date", "period", "ordinal"):
            chunk = c.hit.chunk
            ctx = self.evidence.context_sets[c.idx]
            figs = self.corpus.figures[c.idx]
            best = max(figure_support(q, f, chunk.text, chunk.start, self.evidence.idf, ctx, figs) for f in c.fits)
            return best >= (T.MIN_FIGURE_SUPPORT if q.expected in ("quantity", "percent") else T.MIN_DATE_SUPPORT)
        return True

    def _answer(self, question: str, q: Question, best: _Candidate, hits: list[Hit], k: int, mode: str) -> Answer:
        chunk = best.hit.chunk
        figs = list(self.corpus.figures[best.idx])
        primary: list[Figure] = []
        if best.fits:
            score = {id(f): _figure_score(q, f, chunk.text, chunk.start, figs) for f in best.fits}
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
            direct = person_name(q, chunk.text, self.evidence.df)
        elif q.expected == "list":
            direct = "; ".join(m.group(0) for m in quoted(chunk.text))
        elif q.expected == "fact":
            direct = best_quote(q, chunk.text)
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
