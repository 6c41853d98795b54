"""Evidence: per-corpus term statistics that say how well a passage covers a question."""

from __future__ import annotations

import math

from index.corpus import Corpus
from index.text import fold, syllables
from qa import thresholds as T
from qa.question import range_ends
from qa.spans import initialisms


def _term_set(texts: list[str]) -> set[str]:
    ts = [fold(s) for s in syllables(" ".join(texts))]
    ends = {end for t in ts for end in range_ends(t) if end != t}  # "1996-2009" names 1996 and 2009
    return set(ts) | {f"{a}_{b}" for a, b in zip(ts, ts[1:])} | ends


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
        by_paragraph: dict[tuple[int, str], set[str]] = {}  # shared by the sentences of a paragraph (read only)
        for i, c in enumerate(corpus.chunks):
            doc = corpus.documents[c.doc_id]
            same = members[int(corpus.group[i])]
            self.context_sets.append(_term_set([doc.title, c.section] + [corpus.chunks[j].text for j in same if j < i]))
            key = (int(corpus.group[i]), c.section)
            if key not in by_paragraph:
                dated = [doc.published[:4]] if doc.published else []  # the article's year frames every sentence
                para = [doc.title, c.section, *dated] + [corpus.chunks[j].text for j in same]
                by_paragraph[key] = _term_set(para) | initialisms(" ".join(para))
            self.paragraph_sets.append(by_paragraph[key])
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
