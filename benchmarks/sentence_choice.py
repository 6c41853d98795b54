"""How well each retriever picks the answer sentence, overall and inside the question's own paragraph (SQuAD-style sets).

Run ``python -m benchmarks.sentence_choice [FILE]`` (default: ``../shared/eval/viquad2_dev_sample.jsonl``). It separates the two steps a
top citation depends on: finding the paragraph, and choosing the sentence inside it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from benchmarks.shared import VIQUAD_SAMPLE
from eval.scoring import normalize
from eval.squad import SquadQuestion, build_documents, load_squad, paragraph_spans

RETRIEVERS = ("bm25", "dense", "fused")


@dataclass(frozen=True)
class SentenceChoice:
    """Shares of answerable questions (0..1); ``inside`` counts only those whose paragraph holds an answer sentence."""

    questions: int
    inside_questions: int
    inside: dict[str, float]        # retriever → share whose best sentence of the right paragraph holds the answer
    retrieved_first: float          # hybrid search: the first passage holds the answer
    retrieved_top10: float          # ... one of the first ten does


def _minmax(v: np.ndarray) -> np.ndarray:
    lo, hi = float(v.min()), float(v.max())
    return (v - lo) / (hi - lo) if hi > lo else np.ones_like(v)


def measure(assistant, questions: Sequence[SquadQuestion]) -> SentenceChoice:
    """Sentence choice of BM25, dense and their weighted fusion inside the right paragraph, and of hybrid search overall."""
    corpus = assistant.corpus
    spans = paragraph_spans(assistant.documents, questions)
    texts = [normalize(c.text) for c in corpus.chunks]
    weight = corpus.config.dense_weight
    wins = {r: 0 for r in RETRIEVERS}
    inside_n = first = top10 = n = 0
    for q in questions:
        if q.is_impossible:
            continue
        n += 1
        answers = [normalize(a) for a in q.answers if a.strip()]
        holds = [any(a in t for a in answers) for t in texts]
        hits = assistant.search(q.question, k=10, mode="hybrid")
        pos = [corpus.chunk_index(h.chunk_id) for h in hits]
        first += bool(pos) and holds[pos[0]]
        top10 += any(holds[i] for i in pos)
        start, end = spans[(q.title, q.context)]
        members = [i for i, c in enumerate(corpus.chunks) if c.doc_id == q.title and start <= c.start and c.end <= end]
        if not any(holds[i] for i in members):
            continue
        inside_n += 1
        lexical = corpus.lexical.scores(q.question)[members]
        dense = corpus.dense.vectors[members] @ corpus.query_vector(q.question)
        fused = (1 - weight) * _minmax(lexical) + weight * _minmax(dense)
        for name, scores in zip(RETRIEVERS, (lexical, dense, fused)):
            wins[name] += holds[members[int(np.argmax(scores))]]
    share = lambda x, d: x / d if d else 0.0  # noqa: E731
    return SentenceChoice(n, inside_n, {r: share(w, inside_n) for r, w in wins.items()}, share(first, n), share(top10, n))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sentence_choice", description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", help=f"SQuAD-style JSON or JSON Lines (default: {VIQUAD_SAMPLE})")
    args = parser.parse_args(argv)
    from qa import Assistant

    from index.errors import HoidapError

    try:
        questions = load_squad(args.file or VIQUAD_SAMPLE)
    except HoidapError as exc:
        print(f"sentence_choice: error: {exc}", file=sys.stderr)
        return 1
    assistant = Assistant.from_documents(build_documents(questions))
    result = measure(assistant, questions)
    print(f"{result.questions} answerable questions; hybrid search puts an answer sentence first for "
          f"{100 * result.retrieved_first:.1f} %, in the top 10 for {100 * result.retrieved_top10:.1f} %")
    print(f"inside the right paragraph ({result.inside_questions} questions), the best sentence holds the answer for:")
    for name in RETRIEVERS:
        print(f"  {name:6s} {100 * result.inside[name]:.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
