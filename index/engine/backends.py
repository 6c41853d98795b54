"""Engine clients: one small interface over Milvus (pymilvus, Milvus Lite embedded) and Qdrant (qdrant-client)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from index.errors import ArchiveError

SparseVec = tuple[np.ndarray, np.ndarray]


class Backend(Protocol):
    name: str

    def has(self, key: str, sentences: int, paragraphs: int) -> bool: ...
    def create(self, key: str, dim: int) -> None: ...
    def add_sentences(self, key: str, ids: np.ndarray, articles: np.ndarray, groups: np.ndarray,
                      sparse: Sequence[SparseVec], dense: np.ndarray) -> None: ...
    def add_paragraphs(self, key: str, ids: np.ndarray, sparse: Sequence[SparseVec]) -> None: ...
    def finish(self, key: str) -> None: ...
    def sparse(self, key: str, what: str, qi: list[int], qv: list[float], limit: int,
               articles: list[int] | None = None, ids: list[int] | None = None) -> list[tuple[int, float]]: ...
    def dense(self, key: str, vec: np.ndarray, limit: int, articles: list[int] | None = None) -> list[tuple[int, float]]: ...


def _name(key: str, what: str) -> str:
    return f"hoidap_{key}_{what}"


class MilvusBackend:
    """Milvus through pymilvus: a file path runs Milvus Lite in process, an http URI talks to a server or cluster."""

    MAX_LIMIT = 16384

    def __init__(self, uri: str) -> None:
        from pymilvus import MilvusClient

        self.name = f"milvus:{uri}"
        if not uri.startswith(("http://", "https://")):
            Path(uri).parent.mkdir(parents=True, exist_ok=True)
        self.client = MilvusClient(uri)

    def has(self, key: str, sentences: int, paragraphs: int) -> bool:
        for what, n in (("sentences", sentences), ("paragraphs", paragraphs)):
            name = _name(key, what)
            if not self.client.has_collection(name):
                return False
            self.client.load_collection(name)
            if int(self.client.get_collection_stats(name)["row_count"]) != n:
                return False
        return True

    def create(self, key: str, dim: int) -> None:
        from pymilvus import DataType

        for what in ("sentences", "paragraphs"):
            name = _name(key, what)
            if self.client.has_collection(name):
                self.client.drop_collection(name)
            schema = self.client.create_schema(auto_id=False)
            schema.add_field("id", DataType.INT64, is_primary=True)
            schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
            params = self.client.prepare_index_params()
            params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
            if what == "sentences":
                schema.add_field("article", DataType.INT64)
                schema.add_field("grp", DataType.INT64)
                schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
                params.add_index("dense", index_type="FLAT", metric_type="IP")
            self.client.create_collection(name, schema=schema, index_params=params)

    @staticmethod
    def _sparse(v: SparseVec) -> dict[int, float]:
        return {int(i): float(x) for i, x in zip(v[0].tolist(), v[1].tolist()) if x > 0} or {0: 0.0}

    def add_sentences(self, key, ids, articles, groups, sparse, dense) -> None:
        rows = [{"id": int(i), "article": int(a), "grp": int(g), "sparse": self._sparse(s), "dense": d.tolist()}
                for i, a, g, s, d in zip(ids, articles, groups, sparse, dense)]
        self.client.insert(_name(key, "sentences"), rows)

    def add_paragraphs(self, key, ids, sparse) -> None:
        self.client.insert(_name(key, "paragraphs"), [{"id": int(i), "sparse": self._sparse(s)} for i, s in zip(ids, sparse)])

    def finish(self, key: str) -> None:
        for what in ("sentences", "paragraphs"):
            self.client.flush(_name(key, what))
            self.client.load_collection(_name(key, what))

    @staticmethod
    def _filter(articles: list[int] | None, ids: list[int] | None) -> str:
        parts = []
        if articles is not None:
            parts.append(f"article in {list(map(int, articles))}")
        if ids is not None:
            parts.append(f"id in {list(map(int, ids))}")
        return " and ".join(parts)

    def sparse(self, key, what, qi, qv, limit, articles=None, ids=None):
        res = self.client.search(_name(key, what), data=[dict(zip(qi, qv))], anns_field="sparse",
                                 limit=min(limit, self.MAX_LIMIT), filter=self._filter(articles, ids),
                                 search_params={"metric_type": "IP"})
        return [(int(h["id"]), float(h["distance"])) for h in res[0] if h["distance"] > 0]

    def dense(self, key, vec, limit, articles=None):
        res = self.client.search(_name(key, "sentences"), data=[np.asarray(vec, dtype=np.float32).tolist()],
                                 anns_field="dense", limit=min(limit, self.MAX_LIMIT), filter=self._filter(articles, None),
                                 search_params={"metric_type": "IP"})
        return [(int(h["id"]), float(h["distance"])) for h in res[0]]


class QdrantBackend:
    """Qdrant through qdrant-client: a folder runs local mode in process, an http URI talks to a server or cluster."""

    def __init__(self, uri: str) -> None:
        from qdrant_client import QdrantClient

        self.name = f"qdrant:{uri}"
        self.client = QdrantClient(url=uri) if uri.startswith(("http://", "https://")) else QdrantClient(path=uri)

    def has(self, key: str, sentences: int, paragraphs: int) -> bool:
        for what, n in (("sentences", sentences), ("paragraphs", paragraphs)):
            name = _name(key, what)
            if not self.client.collection_exists(name) or self.client.count(name, exact=True).count != n:
                return False
        return True

    def create(self, key: str, dim: int) -> None:
        from qdrant_client import models

        for what in ("sentences", "paragraphs"):
            name = _name(key, what)
            if self.client.collection_exists(name):
                self.client.delete_collection(name)
            vectors = {"dense": models.VectorParams(size=dim, distance=models.Distance.DOT)} if what == "sentences" else {}
            self.client.create_collection(name, vectors_config=vectors,
                                          sparse_vectors_config={"sparse": models.SparseVectorParams()})

    @staticmethod
    def _sparse(v: SparseVec):
        from qdrant_client import models

        keep = v[1] > 0
        return models.SparseVector(indices=v[0][keep].tolist(), values=v[1][keep].tolist())

    def add_sentences(self, key, ids, articles, groups, sparse, dense) -> None:
        from qdrant_client import models

        points = [models.PointStruct(id=int(i), vector={"dense": d.tolist(), "sparse": self._sparse(s)},
                                     payload={"article": int(a), "grp": int(g)})
                  for i, a, g, s, d in zip(ids, articles, groups, sparse, dense)]
        self.client.upsert(_name(key, "sentences"), points)

    def add_paragraphs(self, key, ids, sparse) -> None:
        from qdrant_client import models

        self.client.upsert(_name(key, "paragraphs"),
                           [models.PointStruct(id=int(i), vector={"sparse": self._sparse(s)}) for i, s in zip(ids, sparse)])

    def finish(self, key: str) -> None:
        return None

    @staticmethod
    def _filter(articles, ids):
        from qdrant_client import models

        must = []
        if articles is not None:
            must.append(models.FieldCondition(key="article", match=models.MatchAny(any=list(map(int, articles)))))
        if ids is not None:
            must.append(models.HasIdCondition(has_id=list(map(int, ids))))
        return models.Filter(must=must) if must else None

    def sparse(self, key, what, qi, qv, limit, articles=None, ids=None):
        from qdrant_client import models

        res = self.client.query_points(_name(key, what), query=models.SparseVector(indices=qi, values=qv), using="sparse",
                                       limit=limit, query_filter=self._filter(articles, ids))
        return [(int(p.id), float(p.score)) for p in res.points if p.score > 0]

    def dense(self, key, vec, limit, articles=None):
        res = self.client.query_points(_name(key, "sentences"), query=np.asarray(vec, dtype=np.float32).tolist(),
                                       using="dense", limit=limit, query_filter=self._filter(articles, None))
        return [(int(p.id), float(p.score)) for p in res.points]


def open_backend(uri: str) -> Backend:
    """``milvus:…`` or ``qdrant:…`` (see ``index.engine.engine_corpus``)."""
    kind, _, rest = uri.partition(":")
    if not rest:
        raise ArchiveError(f"engine {uri!r} has no address; write milvus:FILE.db, milvus:http://HOST:19530 or qdrant:DIR")
    try:
        if kind == "milvus":
            return MilvusBackend(rest)
        if kind == "qdrant":
            return QdrantBackend(rest)
    except ImportError as exc:
        raise ArchiveError(f"the {kind} client is not installed ({exc}); pip install hoidap[engine]") from None
    raise ArchiveError(f"unknown engine {kind!r}; use milvus:… or qdrant:…")
