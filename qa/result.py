"""What an answer is made of: the Answer returned to callers and the Citations it quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.figures import Figure
from index.hybrid import Hit


@dataclass(frozen=True)
class Citation:
    """A quoted passage: ``assistant.document(doc_id).text[start:end] == text``.

    ``supporting`` is True for the passage the answer rests on; the others are shown as possibly related.
    """

    marker: int
    doc_id: str
    chunk_id: str
    text: str
    start: int
    end: int
    score: float
    section: str
    paragraph: int
    supporting: bool = False

    @classmethod
    def of(cls, marker: int, hit: Hit, supporting: bool = False) -> "Citation":
        c = hit.chunk
        return cls(marker, c.doc_id, c.chunk_id, c.text, c.start, c.end, round(float(hit.score), 6), c.section,
                   c.paragraph, supporting)

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
            "supporting": self.supporting,
        }


@dataclass
class Answer:
    """What the assistant replies: text for the user, the evidence, and whether it abstained.

    ``confidence`` is the calibrated probability that the chosen passage answers the question.
    """

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
    confidence: float = 0.0

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "text": self.text,
            "abstained": self.abstained,
            "direct": self.direct,
            "answer_type": self.answer_type,
            "mode": self.mode,
            "resolved_question": self.resolved_question,
            "confidence": round(self.confidence, 4),
            "citations": [c.to_dict() for c in self.citations],
            "figures": [f.to_dict() for f in self.figures],
            "related": [c.to_dict() for c in self.related],
        }
