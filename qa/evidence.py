"""Evidence: per-corpus term statistics and per-passage term sets that say how well a passage covers a question."""

from __future__ import annotations

import bisect
import functools
import math
import re
from typing import Iterable, Sequence

from index.corpus import Corpus
from index.text import fold, syllables
from qa.config import AnswerConfig
from qa.question import range_ends
from qa.spans import initialisms, words


def terms(tokens: Sequence[str]) -> set[str]:
    """Folded syllables, their adjacent pairs ("ngan_sach"), the years a range names ("1996-2009") and the number
    of a document numbered within a year ("170/2024": later cited as "nghị quyết 170")."""
    ts = list(map(fold, tokens))
    unique = set(ts)
    return unique.union(map("_".join, zip(ts, ts[1:])), *map(_parts, unique))


def name_terms(words: Sequence[str]) -> tuple[str, ...]:
    """The terms a name of folded syllables is written with in a term set: its syllable pairs, or its one syllable."""
    return tuple(f"{a}_{b}" for a, b in zip(words, words[1:])) or (words[0],)


_NUMBER_IN_YEAR_RE = re.compile(r"(\d+)/(?:19|20)\d\d")


@functools.lru_cache(maxsize=65536)
def _parts(token: str) -> tuple[str, ...]:
    """The years a range token names and the number of a document code, other than the token itself (the same
    syllables recur: cached)."""
    m = _NUMBER_IN_YEAR_RE.fullmatch(token)
    return (m.group(1),) if m else tuple(end for end in range_ends(token) if end != token)


def joined(pieces: Iterable[Sequence[str]]) -> list[str]:
    """The syllables of texts one after another, as ``syllables`` reads their joined text: a piece's first token
    is read after the last one before it."""
    out: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        first = _read_after(out[-1], piece[0]) if out else piece[0]
        out.append(first)
        out.extend(piece[1:])
    return out


def _read_after(before: str, token: str) -> str:
    """How ``syllables`` reads a token following another in one text: only a letter token can read otherwise
    ("quý" then "I" is 1)."""
    return _read_pair(before, token) if token.isascii() and token.isalpha() else token


@functools.lru_cache(maxsize=65536)
def _read_pair(before: str, token: str) -> str:
    got = syllables(f"{before} {token}")
    return got[1] if len(got) == 2 and got[0] == before else token


Piece = tuple[Sequence[str], set[str]]
"""A text's syllables and their ``terms``."""


def joined_terms(pieces: Sequence[Piece]) -> set[str]:
    """``terms(joined(...))`` of texts one after another, from each text's own terms and the pairs across their
    edges (the same set, without folding every syllable again); joined anew when a first token reads differently."""
    out: set[str] = set()
    last = None
    for tokens, own in pieces:
        if not tokens:
            continue
        if last is not None:
            first = tokens[0]
            if _read_after(last, first) != first:
                return terms(joined([t for t, _ in pieces]))
            out.add(f"{fold(last)}_{fold(first)}")
        out |= own
        last = tokens[-1]
    return out


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

    def __init__(self, corpus: Corpus, reach: int = AnswerConfig.paragraph_reach) -> None:
        self.corpus = corpus
        self.reach = reach
        self._sent: dict[int, Piece] = {}
        self._para: dict[tuple[int, int], set[str]] = {}
        self._ctx: dict[int, set[str]] = {}
        self._members: dict[int, list[int]] = {}
        self._words: dict[int, frozenset[str]] = {}
        self._tokens: dict[int, tuple[str, ...]] = {}
        self._texts: dict[str, Piece] = {}
        self.df = DocumentFrequencies(corpus)
        self.n = max(1, corpus.n_chunks)

    def idf(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 0.5))

    def sentence(self, idx: int) -> set[str]:
        return self._passage(idx)[1]

    def words(self, idx: int) -> frozenset[str]:
        """``qa.spans.words`` of a passage's text, from the syllables its terms are made of when they read the text
        as tokenising it now would (the passage is not tokenised a second time)."""
        got = self._words.get(idx)
        if got is None:
            if self.corpus.syllables_current:
                got = frozenset(map(fold, self._passage(idx)[0]))
            else:
                got = words(self.corpus.chunks[idx].text)
            self._words[idx] = got
        return got

    def tokens(self, idx: int) -> tuple[str, ...]:
        """A passage's folded syllables in order (where the question's words stand, not only whether they do)."""
        got = self._tokens.get(idx)
        if got is None:
            got = self._tokens[idx] = tuple(map(fold, self._passage(idx)[0]))
        return got

    def _passage(self, idx: int) -> Piece:
        """A passage's syllables and their terms."""
        got = self._sent.get(idx)
        if got is None:
            tokens = self.corpus.syllables(idx)
            got = self._sent[idx] = (tokens, terms(tokens))
        return got

    def _text(self, text: str) -> Piece:
        """A title, heading or year (the same few recur across an article's passages)."""
        got = self._texts.get(text)
        if got is None:
            tokens = syllables(text)
            got = self._texts[text] = (tokens, terms(tokens))
        return got

    def _header(self, idx: int, dated: bool) -> tuple[list[str], list[Piece]]:
        """The texts a passage is read under, the title, its heading (and the article's year), and their terms."""
        c = self.corpus.chunks[idx]
        ref = self.corpus.article(c.doc_id)  # its title and date, without reading the article
        texts = [ref.title, c.section] + ([ref.published[:4]] if dated and ref.published else [])
        return texts, [self._title(ref.doc_id, t) if t == ref.title else self._text(t) for t in texts]

    def _title(self, doc_id: str, title: str) -> Piece:
        """An article's title: its title passage's syllables when they read it as tokenising it now would (an
        archive's are stored, so the title is not tokenised again), else tokenised."""
        got = self._texts.get(title)
        if got is None:
            first = int(self.corpus.articles.first_chunk[self.corpus.articles.position[doc_id]])
            c = self.corpus.chunks[first]
            if self.corpus.syllables_current and c.kind == "title" and c.text == title:
                got = self._texts[title] = self._passage(first)
            else:
                got = self._text(title)
        return got

    def members(self, idx: int) -> list[int]:
        """The chunks of the paragraph a chunk stands in, in order."""
        g = int(self.corpus.group[idx])
        got = self._members.get(g)
        if got is None:
            got = self._members[g] = [int(i) for i in self.corpus.members([g])]
        return got

    def _window(self, idx: int) -> tuple[tuple[int, int], list[int]]:
        """The sentences read as a passage's paragraph, and a key for them: the whole paragraph, or in one longer
        than three blocks of ``reach`` sentences (a page without paragraph breaks), the passage's block and one
        block either side, so that the work per candidate stays bounded."""
        members = self.members(idx)
        g = int(self.corpus.group[idx])
        if len(members) <= 3 * self.reach:
            return (g, 0), members
        block = bisect.bisect_left(members, idx) // self.reach
        return (g, block), members[max(0, block - 1) * self.reach : (block + 2) * self.reach]

    def is_lead(self, idx: int) -> bool:
        """Whether a passage opens the article: in its first paragraph (the title's is 0), and on a page without
        paragraph breaks, whose first paragraph is all of it, in that paragraph's first block of sentences."""
        if self.corpus.chunks[idx].paragraph > 1:
            return False
        members = self.members(idx)
        return len(members) <= 3 * self.reach or bisect.bisect_left(members, idx) < self.reach

    def paragraph(self, idx: int) -> set[str]:
        """The paragraph with the title, its heading and the article's year: where a question's numbers and names
        must stand."""
        key, members = self._window(idx)
        got = self._para.get(key)
        if got is None:
            texts, header = self._header(idx, dated=True)
            para = " ".join(texts + [self.corpus.chunks[j].text for j in members])
            got = self._para[key] = joined_terms(header + [self._passage(j) for j in members]) | initialisms(para)
        return got

    def paragraph_text(self, idx: int) -> str:
        """The sentences read as a passage's paragraph, as one text."""
        return " ".join(self.corpus.chunks[j].text for j in self._window(idx)[1])

    def texts_before(self, idx: int) -> list[str]:
        """The sentences of a passage's paragraph before it, in order."""
        return [self.corpus.chunks[j].text for j in self._window(idx)[1] if j < idx]

    def context(self, idx: int) -> set[str]:
        """What a reader knows on reaching a sentence: the title, its heading and its paragraph so far."""
        got = self._ctx.get(idx)
        if got is None:
            _, header = self._header(idx, dated=False)
            before = [self._passage(j) for j in self._window(idx)[1] if j < idx]
            got = self._ctx[idx] = joined_terms(header + before)
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
