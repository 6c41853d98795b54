"""Evidence: per-corpus term statistics and per-passage term sets that say how well a passage covers a question."""

from __future__ import annotations

import math

from index.corpus import Corpus
from index.text import fold, syllables
from qa.question import range_ends
from qa.spans import initialisms


def term_set(texts: list[str]) -> set[str]:
    """Folded syllables, their adjacent pairs ("ngan_sach") and the years a range names ("1996-2009")."""
    ts = [fold(s) for s in syllables(" ".join(texts))]
    ends = {end for t in ts for end in range_ends(t) if end != t}
    return set(ts) | {f"{a}_{b}" for a, b in zip(ts, ts[1:])} | ends


class DocumentFrequencies:
    """Passages holding a folded term, read from the saved lexical index on first use (an archive's are not
    recounted at start), as a read-only mapping."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._seen: dict[str, int] = {}

    def get(self, term: str, default: int = 0) -> int:
        n = self._seen.get(term)
        if n is None:
            n = self._seen[term] = self._corpus.term_df(term)
        return n or default

    def __getitem__(self, term: str) -> int:
        return self.get(term)

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self.get(term) > 0


class Evidence:
    """Term statistics of a corpus; passage term sets are built when a question first needs them, then kept."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._sent: dict[int, set[str]] = {}
        self._para: dict[int, set[str]] = {}
        self._ctx: dict[int, set[str]] = {}
        self._members: dict[int, list[int]] = {}
        self.df = DocumentFrequencies(corpus)
        self.n = max(1, corpus.n_chunks)

    def idf(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 0.5))

    def sentence(self, idx: int) -> set[str]:
        got = self._sent.get(idx)
        if got is None:
            got = self._sent[idx] = term_set([self.corpus.chunks[idx].text])
        return got

    def members(self, idx: int) -> list[int]:
        """The chunks of the paragraph a chunk stands in, in order."""
        g = int(self.corpus.group[idx])
        got = self._members.get(g)
        if got is None:
            got = self._members[g] = [int(i) for i in self.corpus.members([g])]
        return got

    def paragraph(self, idx: int) -> set[str]:
        """The whole paragraph with the title, its heading and the article's year: where a question's numbers and
        names must stand."""
        g = int(self.corpus.group[idx])
        got = self._para.get(g)
        if got is None:
            c = self.corpus.chunks[idx]
            doc = self.corpus.documents[c.doc_id]
            dated = [doc.published[:4]] if doc.published else []
            para = [doc.title, c.section, *dated] + [self.corpus.chunks[j].text for j in self.members(idx)]
            got = self._para[g] = term_set(para) | initialisms(" ".join(para))
        return got

    def context(self, idx: int) -> set[str]:
        """What a reader knows on reaching a sentence: the title, its heading and its paragraph so far."""
        got = self._ctx.get(idx)
        if got is None:
            c = self.corpus.chunks[idx]
            doc = self.corpus.documents[c.doc_id]
            before = [self.corpus.chunks[j].text for j in self.members(idx) if j < idx]
            got = self._ctx[idx] = term_set([doc.title, c.section, *before])
        return got

    def neighbour(self, idx: int, step: int) -> int | None:
        """The previous (step -1) or next (+1) sentence of the same paragraph, or None."""
        j = idx + step
        if 0 <= j < len(self.corpus.chunks) and int(self.corpus.group[j]) == int(self.corpus.group[idx]):
            return j
        return None

    def corpus_coverage(self, terms: list[str]) -> float:
        """IDF-weighted share of the question's topic syllables that occur anywhere in the articles."""
        units = list(dict.fromkeys(terms))
        if not units:
            return 1.0
        weight = {u: self.idf(u) for u in units}  # a word the articles never use weighs like the rarest they do
        total = sum(weight.values())
        return sum(w for u, w in weight.items() if u in self.df) / total if total > 0 else 0.0

    def mentions(self, specifics: tuple[str, ...], chunk_idx: int) -> bool:
        """Whether a passage or its paragraph names every number, code and acronym the question does."""
        return all(s in self.paragraph(chunk_idx) for s in specifics)
