"""Answer selection: gather candidate sentences, score them with the learned models, answer or abstain."""

from __future__ import annotations

import numpy as np

from index.article import Document
from index.corpus import Corpus
from index.figures import Figure, extract_figures
from index.hybrid import Hit
from index.numbers import format_vi
from qa import reply
from qa.config import AnswerConfig
from qa.evidence import Evidence
from qa.features import QUARTER_TERM_RE, Candidate, asked_dates, asked_quarters, dates_clash, features, gather, says_when
from qa.figure_choice import figure_matrix, measure_asked, range_partner, unit_matches
from qa.places import about_another_place, asked_provinces, running_provinces, unmentioned_places
from qa.question import Question, amount_kind_asked
from qa.result import Answer, Citation
from qa.selector import AnswerModels, abstain_row, load_models
from qa.spans import best_quote, person_name, quoted

# Re-exported: callers import the answer types from here.
__all__ = ["Answer", "Citation", "Composer", "Scored"]

_CONTEXT_KINDS = ("quarter", "year", "period", "document")


class Scored:
    """A question's candidates with their features, model scores and the abstention probability."""

    def __init__(self, cands: list[Candidate], x: np.ndarray, fits: list[list[Figure]], logits: np.ndarray,
                 confidence: float) -> None:
        self.cands, self.x, self.fits, self.logits, self.confidence = cands, x, fits, logits, confidence

    @property
    def best(self) -> int:
        return int(np.argmax(self.logits)) if len(self.logits) else -1


def _bare_amount(f: Figure) -> bool:
    """A scaled amount with no unit ("lãi 200 triệu"): news often leaves the đồng out of a sum of money."""
    return f.kind == "count" and not f.unit and isinstance(f.value, (int, float)) and f.value >= 1_000_000


class Composer:
    """Turns search hits into an Answer for one question."""

    def __init__(self, corpus: Corpus, config: AnswerConfig | None = None, models: AnswerModels | None = None) -> None:
        self.corpus = corpus
        self.config = config or AnswerConfig()
        self._models = models
        self.evidence = Evidence(corpus, self.config.paragraph_reach)

    def candidates(self, q: Question, hits: list[Hit], mode: str) -> tuple[list[Candidate], np.ndarray,
                                                                          list[list[Figure]]]:
        """Candidate sentences with their features and figures of the expected kind (answering and training)."""
        cands = gather(self.corpus, self.evidence, hits, self.config)
        qvec = None
        if mode != "bm25" and cands:
            qvec = self.corpus.query_vector(q.retrieval_text)
        x, fits = features(q, cands, self.corpus, self.evidence, qvec, self.config)
        return cands, x, fits

    def score(self, q: Question, hits: list[Hit], mode: str) -> Scored:
        """Candidates scored by the sentence model, and the probability that the best one answers."""
        cands, x, fits = self.candidates(q, hits, mode)
        if not cands:
            return Scored(cands, x, fits, np.zeros(0), 0.0)
        logits = self.models.sentence.logits(x)
        return Scored(cands, x, fits, logits, self.confidence(x, logits))

    def _unfit(self, q: Question, idx: int, fits: list[Figure]) -> bool:
        """A question asking how many or what share where the sentence gives no such figure, naming a unit the
        sentence has no figure in, asking of a day, year or province where the sentence is about another, or asking
        when where the sentence does not say."""
        if self.config.needs_figure and q.expected in ("quantity", "percent") and not fits:
            return True
        if self.config.needs_unit and q.unit_asked and not any(f.kind == q.unit_asked for f in fits):
            return True
        kind = amount_kind_asked(q) if self.config.needs_kind else None
        if kind and not any(f.kind == kind or (kind == "money" and _bare_amount(f)) for f in fits):
            return True
        measure = measure_asked(q) if self.config.needs_unit else None
        if measure and not any(unit_matches(f, measure) for f in fits):
            return True
        if self.config.date_clash:
            sent, para = self.evidence.sentence(idx), self.evidence.paragraph(idx)
            if dates_clash(asked_dates(q), sent, para) or dates_clash(asked_quarters(q), sent, para, QUARTER_TERM_RE):
                return True
        asked = asked_provinces(q.text) if not q.english else frozenset()
        # The paragraph's text, not the sentence's: "Tỷ lệ lấp đầy đạt 83%" answers of the city its paragraph is about
        # (joined only for a question that names a province).
        if self.config.place_clash and asked \
                and about_another_place(q.text, self.evidence.paragraph_text(idx), self.evidence.paragraph(idx)):
            return True
        if self.config.running_place and asked:
            about = running_provinces(self.corpus.chunks[idx].text, self.evidence.texts_before(idx))
            if about and not about & asked:
                return True
        return self.config.needs_time and q.expected == "date" and not fits \
            and not says_when(self.corpus.chunks[idx].text)

    @property
    def models(self) -> AnswerModels:
        if self._models is None:
            self._models = load_models()
        return self._models

    def confidence(self, x: np.ndarray, logits: np.ndarray) -> float:
        """Calibrated probability that the best-scored candidate answers the question."""
        row, _ = abstain_row(x, logits)
        return float(self.models.abstain.proba(row[None, :])[0])

    def compose(self, question: str, q: Question, hits: list[Hit], k: int, mode: str) -> Answer:
        if q.meta:
            return self._meta_answer(question, q, hits, mode)
        if not q.english and q.focus and self.evidence.corpus_coverage(list(q.focus)) < self.config.min_topic_coverage:
            return self._abstain(question, q, hits, k, mode, 0.0)  # the articles use next to none of its words
        if self.config.needs_place and not q.english and unmentioned_places(q.text, self.evidence.df):
            return self._abstain(question, q, hits, k, mode, 0.0)  # it asks about a province the articles never name
        scored = self.score(q, hits, mode)
        if scored.best < 0 or scored.confidence < self.config.abstain_below \
                or self._unfit(q, scored.cands[scored.best].idx, scored.fits[scored.best]):
            return self._abstain(question, q, self._ranked(scored, hits), k, mode, scored.confidence)
        return self._answer(question, q, scored, hits, k, mode)

    # --- answering ------------------------------------------------------------------------

    def _ranked(self, scored: Scored, hits: list[Hit]) -> list[Hit]:
        """The passages in the selector's order (a neighbour that goes on with the answer can be among them), then
        the search hits it did not score: what an answer shows beside its passage, or a refusal as the closest."""
        out, seen = [], set()
        for h in [c.hit or Hit(self.corpus.chunks[c.idx], 0.0)
                  for c in (scored.cands[i] for i in np.argsort(-scored.logits, kind="stable"))] + hits:
            if h.chunk_id not in seen:
                seen.add(h.chunk_id)
                out.append(h)
        return out

    def choose_figures(self, q: Question, idx: int, fits: list[Figure]) -> list[Figure]:
        """The figures that answer, best first: the learned figure ranker's choice, with the other end of its range
        and, for a question counting several things, the best figure of each."""
        if not fits:
            return []
        chunk = self.corpus.chunks[idx]
        figs = list(self.corpus.figures[idx])
        ctx = self.evidence.context(idx)
        x = figure_matrix(q, fits, chunk.text, chunk.start, figs, self.evidence.idf, ctx)
        s = self.models.figure.logits(x)
        ranked = [fits[i] for i in np.argsort(-s, kind="stable")]
        primary = [ranked[0]]
        if len(q.counted) > 1:
            each = [next((f for f in ranked if unit_matches(f, noun)), None) for noun in q.counted]
            primary = sorted({id(f): f for f in each if f is not None}.values(), key=lambda f: f.start) or primary
        partner = range_partner(primary[0], figs, chunk.text, chunk.start)
        if partner is not None and partner not in primary:
            primary = sorted([primary[0], partner], key=lambda f: f.start) + primary[1:]
        return primary

    def _answer(self, question: str, q: Question, scored: Scored, hits: list[Hit], k: int, mode: str) -> Answer:
        b = scored.best
        cand = scored.cands[b]
        chunk = self.corpus.chunks[cand.idx]
        hit = cand.hit or Hit(chunk, 0.0)
        primary = self.choose_figures(q, cand.idx, scored.fits[b])
        figs = list(self.corpus.figures[cand.idx])
        rest = [f for f in figs if f not in primary and f.kind != "document"]
        direct = ""
        if primary:
            direct = "; ".join(reply.figure_line(f) for f in primary)
        elif q.expected == "person":
            direct = person_name(q, chunk.text, self.evidence.df)
        elif q.expected == "list":
            direct = "; ".join(m.group(0) for m in quoted(chunk.text))
        elif q.expected == "fact":
            direct = best_quote(q, chunk.text)
        citations = [Citation.of(1, hit, supporting=True)]
        for h in self._ranked(scored, hits):
            if len(citations) >= k:
                break
            if h.chunk_id != chunk.chunk_id:
                citations.append(Citation.of(len(citations) + 1, h))
        doc = self.corpus.documents[chunk.doc_id]
        return Answer(
            question=question,
            text=reply.answer_text(direct, chunk.text, rest, doc, chunk.section),
            abstained=False,
            citations=citations,
            figures=primary + rest,
            direct=direct,
            answer_type=q.expected,
            mode=mode,
            resolved_question=q.search_text,
            confidence=scored.confidence,
        )

    def _abstain(self, question: str, q: Question, hits: list[Hit], k: int, mode: str, confidence: float,
                 reason: str = reply.REFUSAL) -> Answer:
        related = [Citation.of(i + 1, h) for i, h in enumerate(hits[: min(k, self.config.max_related)])]
        return Answer(
            question=question,
            text=reply.refusal_text(related, reason),
            abstained=True,
            related=related,
            answer_type=q.expected if not q.meta else f"meta:{q.meta}",
            mode=mode,
            resolved_question=q.search_text,
            confidence=confidence,
        )

    def _meta_answer(self, question: str, q: Question, hits: list[Hit], mode: str) -> Answer:
        doc: Document = self.corpus.documents[hits[0].doc_id] if hits else next(iter(self.corpus.documents.values()))
        field_name = q.meta or "title"
        value, label = {
            "author": (doc.author, "Tác giả"),
            "published": (doc.published, "Ngày đăng"),
            "section": (doc.section, "Chuyên mục"),
            "publisher": (doc.publisher, "Báo"),
            "title": (doc.title, "Tiêu đề"),
        }[field_name]
        block = doc.meta_block(field_name)
        if not value or block is None:
            return self._abstain(question, q, hits, 3, mode, 0.0, reply.NO_FIELD[field_name])
        block_kind = block.kind
        figures: list[Figure] = []
        direct = value
        if q.meta == "published":
            figures = [f for f in extract_figures(block.text, base=block.start) if f.kind == "date"]
            direct = format_vi(value[:10], "date") + (f" lúc {value[11:16]}" if len(value) > 10 else "")
            if figures:
                direct = f"{figures[0].text} ({direct})"
        cite = Citation(1, doc.doc_id, f"{doc.doc_id}:{block_kind}", block.text, block.start, block.end, 1.0,
                        block_kind, 0, supporting=True)
        text = f"{label}: {direct}\n“{block.text}” [1]\nNguồn: [1] {doc.title or doc.doc_id}"
        return Answer(question, text, False, [cite], figures, [], direct, f"meta:{q.meta}", mode, q.search_text,
                      confidence=1.0)
