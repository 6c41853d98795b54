"""Search an archive through a distributed engine (Milvus or Qdrant): the same client code for an embedded
instance and a cluster URI; hoidap keeps its Vietnamese tokens by sending client-side BM25 sparse vectors."""

from __future__ import annotations

import logging

import numpy as np

from index.archive_filter import PREFER_DENSE, PREFER_LEXICAL
from index.corpus import Corpus
from index.engine.backends import Backend, open_backend
from index.engine.sparse import SparseEncoder
from index.errors import ArchiveError
from index.hybrid import Ranked

log = logging.getLogger(__name__)

BATCH = 1000


class EngineCorpus(Corpus):
    """A Corpus whose lexical and dense candidates come from an engine; sentences and figures are chosen here."""

    def __init__(self, corpus: Corpus, backend: Backend) -> None:
        super().__init__(corpus.documents, corpus.chunks, corpus.figures, corpus.parts, corpus.embedder,
                         corpus.config, corpus.key(), passage_syllables=corpus.passage_syllables,
                         text_lengths=corpus.text_lengths)
        self.loaded_from = corpus.loaded_from
        self.syllables_current = corpus.syllables_current
        self.backend = backend
        self.sentences = SparseEncoder(self.lexical)
        self.paragraphs = SparseEncoder(self.group_lexical)
        self._sync()

    def _sync(self) -> None:
        """Load the archive's passages into the engine unless this very index is there already."""
        key = self.key()
        if self.backend.has(key, len(self.chunks), len(self.group_vectors)):
            return
        log.info("loading %d passages into %s", len(self.chunks), self.backend.name)
        art = np.asarray(self.articles.chunk_article, dtype=np.int64)
        sent = self.sentences.passages()
        para = self.paragraphs.passages()
        self.backend.create(key, self.dense.dim)
        for a in range(0, len(sent), BATCH):
            ids = np.arange(a, min(a + BATCH, len(sent)))
            self.backend.add_sentences(key, ids, art[ids], self.group[ids], [sent[i] for i in ids], self.dense.vectors_of(ids))
        for a in range(0, len(para), BATCH):
            ids = np.arange(a, min(a + BATCH, len(para)))
            self.backend.add_paragraphs(key, ids, [para[i] for i in ids])
        self.backend.finish(key)

    def _articles_allowed(self, allowed: np.ndarray | None) -> list[int] | None:
        if allowed is None:
            return None
        return np.unique(np.asarray(self.articles.chunk_article)[allowed]).tolist()

    def _lexical(self, query: str, n: int, allowed: np.ndarray | None = None, prefer: np.ndarray | None = None) -> Ranked:
        """The in-process ranking (own BM25 plus a share of the paragraph's) from a few engine searches: the best
        sentences, the best paragraphs, then only the paragraphs' sentences that could still reach the top ``n``."""
        key, arts = self.key(), self._articles_allowed(allowed)
        if arts == []:
            return []
        qi, qv = self.sentences.query(query)
        if not qi:
            return []
        own = dict(self.backend.sparse(key, "sentences", qi, qv, n, articles=arts))
        w = self.config.context_lexical
        if not own:
            return []
        if w > 0:
            gi, gv = self.paragraphs.query(query)
            groups = dict(self.backend.sparse(key, "paragraphs", gi, gv, n)) if gi else {}
            unknown = sorted({int(self.group[i]) for i in own} - set(groups))
            if unknown and groups:
                groups.update(self.backend.sparse(key, "paragraphs", gi, gv, len(unknown), ids=unknown))
            smax, gmax = max(own.values()), max(groups.values(), default=0.0) or 1.0
            s_floor = min(own.values()) if len(own) >= n else 0.0  # no sentence left out scores more on its own

            def final(i: int, s: float) -> float:
                return s / smax + w * groups.get(int(self.group[i]), 0.0) / gmax

            finals = sorted((final(i, s) for i, s in own.items()), reverse=True)
            bar = finals[n - 1] if len(finals) >= n else 0.0
            reach = [g for g, score in groups.items() if s_floor / smax + w * score / gmax > bar]
            extra = [int(i) for i in self.members(reach) if int(i) not in own and (allowed is None or allowed[i])]
            if extra:
                found = dict(self.backend.sparse(key, "sentences", qi, qv, len(extra), ids=extra))
                own.update({i: found.get(i, 0.0) for i in extra})
            ids = np.fromiter(own, dtype=np.int64)
            s = np.array([final(i, own[i]) for i in ids.tolist()])
        else:
            ids = np.fromiter(own, dtype=np.int64)
            s = np.array([own[i] for i in ids.tolist()], dtype=np.float64)
        if prefer is not None:
            s = s + PREFER_LEXICAL * prefer[ids] * (s > 0)
        order = np.lexsort((ids, -s))[:n]
        return [(int(ids[i]), float(s[i])) for i in order if s[i] > 0]

    def _dense(self, query: str, n: int, allowed: np.ndarray | None = None, prefer: np.ndarray | None = None) -> Ranked:
        key, arts = self.key(), self._articles_allowed(allowed)
        if arts == []:
            return []
        qv = self.query_vector(query)
        pool = self.backend.dense(key, qv, 4 * n, articles=arts)
        if not pool:
            return []
        ids = np.array([i for i, _ in pool], dtype=np.int64)
        scores = np.array([s for _, s in pool], dtype=np.float64)
        if self.config.context_dense > 0:
            scores += self.config.context_dense * (self.group_vectors[self.group[ids]] @ qv)
        if prefer is not None:
            scores += PREFER_DENSE * prefer[ids]
        order = np.lexsort((ids, -scores))[:n]
        return [(int(ids[i]), float(scores[i])) for i in order]


def engine_corpus(corpus: Corpus, uri: str) -> EngineCorpus:
    """``corpus`` searched through the engine at ``uri``: ``milvus:FILE.db`` (embedded Milvus Lite),
    ``milvus:http://HOST:19530`` (a cluster), ``qdrant:DIR`` (Qdrant local mode) or ``qdrant:http://HOST:6333``."""
    if corpus.config.tokenizer != "vietnamese":
        raise ArchiveError("the engine backend indexes the Vietnamese tokens only")
    return EngineCorpus(corpus, open_backend(uri))
