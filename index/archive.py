"""A named archive of many articles: added incrementally in segments, compiled into one saved search index."""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import time
import uuid
import zlib
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np
import orjson

from index import store
from index.archive_filter import ArticleRef, ref_of
from index.archive_input import Unreadable
from index.article import Document
from index.chunk import Chunk, chunk_document
from index.config import IndexConfig
from index.corpus import Corpus, embed_passages
from index.embedder import Embedder
from index.errors import ArchiveError, ArticleError, IndexStoreError
from index.figures import Figure, extract_figures
from index.record_parts import RecordParts
from index.search_parts import SearchParts
from index.text import syllables

log = logging.getLogger(__name__)

FORMAT = "hoidap-archive"
FORMAT_VERSION = 1
CATALOG = "catalog.json"
SEGMENTS = "segments"
COMPILED = "index"
ARTICLES = "articles.jsonl"
SYLLABLES = "syllables.jsonl"
SEGMENT_ARTICLES = 64
"""Articles written per segment: a killed run loses at most this many articles' work."""
RECORD_CACHE = 2048
"""Decoded articles kept in memory; a question touches its candidates' articles only."""
_NAME_RE = re.compile(r"^[\w.-]{1,64}$")
_FIGURE_FIELDS = {f.name for f in fields(Figure)}

AddProgress = Callable[[int, int, int], None]
"""Called as ``progress(articles_done, articles_total, sentences_done)``."""


def archive_root(name: str | os.PathLike[str] | None, cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Folder of a named archive (``default`` when none is named) under the cache dir, or a path given as is."""
    name = str(name) if name else "default"
    if os.sep in name or name.startswith("."):
        return Path(name)
    if not _NAME_RE.match(name):
        raise ArchiveError(f"archive name {name!r} may hold only letters, digits, '.', '_' and '-'")
    base = Path(cache_dir) if cache_dir is not None else store.default_cache_dir()
    return base / "archives" / name


def _record_hash(doc: Document) -> str:
    """What decides whether an article changed: its parsed content and the code that parses and indexes it."""
    data = json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{store.pipeline_fingerprint()}\n{data}".encode("utf-8")).hexdigest()[:32]


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        store._write(tmp, data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


@dataclass
class AddReport:
    """What one ``add`` did."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[ArticleError] = field(default_factory=list)
    sentences: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


class Archive:
    """Articles kept as segments (JSON lines + vectors) and a catalog saying which copy of each article is live."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # --- catalog --------------------------------------------------------------------------

    def exists(self) -> bool:
        return (self.root / CATALOG).is_file()

    def catalog(self) -> dict:
        cat = store.read_json(self.root / CATALOG, ArchiveError,
                              f"no archive at {self.root}; create it with `hoidap index --archive NAME FILES…`", "the catalog")
        if not isinstance(cat, dict) or cat.get("format") != FORMAT:
            raise ArchiveError(f"{self.root}: not a hoidap archive")
        if cat.get("format_version") != FORMAT_VERSION:
            raise ArchiveError(f"{self.root}: archive format {cat.get('format_version')} is not this hoidap's ({FORMAT_VERSION})")
        return cat

    def _new_catalog(self, embedder: Embedder, config: IndexConfig) -> dict:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "embedder": embedder.name,
                "chunking": config.chunking_key(), "next_segment": 1, "segments": {}, "articles": {}}

    def _save_catalog(self, cat: dict) -> None:
        _write_atomic(self.root / CATALOG, json.dumps(cat, ensure_ascii=False).encode("utf-8"))

    def _check(self, cat: dict, embedder: Embedder, config: IndexConfig) -> None:
        if cat["embedder"] != embedder.name:
            raise ArchiveError(
                f"{self.root} was indexed with embedder {cat['embedder']!r}, not {embedder.name!r}; "
                "use the same --embedder or another archive"
            )
        if cat["chunking"] != config.chunking_key():
            raise ArchiveError(f"{self.root} was chunked with {cat['chunking']}, not {config.chunking_key()}")
        if config.tokenizer != "vietnamese":
            raise ArchiveError("an archive is searched with the Vietnamese tokenizer only")

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time (readers never block: they read the catalog and the compiled index it names)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _commit(self, cat: dict) -> None:
        """Save the catalog (the commit point), then delete segments it no longer names."""
        live_segments = {a["segment"] for a in cat["articles"].values()}
        for name in [n for n in cat["segments"] if n not in live_segments]:
            del cat["segments"][name]
        self._save_catalog(cat)
        seg_dir = self.root / SEGMENTS
        if seg_dir.is_dir():
            for p in seg_dir.iterdir():
                if p.name not in cat["segments"]:  # fully replaced, or half-written by a killed run
                    shutil.rmtree(p, ignore_errors=True)

    # --- changing the archive ---------------------------------------------------------------

    def add(self, inputs: Iterable[Document | Unreadable], embedder: Embedder, config: IndexConfig | None = None,
            progress: AddProgress | None = None, total: int | None = None, compile_index: bool = True) -> AddReport:
        """Add articles: unchanged ones (same content hash) are skipped, changed ones replaced, in segments."""
        config = config or IndexConfig()
        report = AddReport()
        with self._locked():
            cat = self.catalog() if self.exists() else self._new_catalog(embedder, config)
            self._check(cat, embedder, config)
            self._commit(cat)
            pending: list[Document] = []
            seen: set[str] = set()
            done = 0
            t0 = time.perf_counter()
            for item in inputs:
                done += 1
                if isinstance(item, Unreadable):
                    report.skipped.append(item.error)
                    continue
                doc = item
                if doc.doc_id in seen:
                    report.skipped.append(ArticleError(doc.source or doc.doc_id, f"a second article with id {doc.doc_id!r} in this run"))
                    continue
                seen.add(doc.doc_id)
                h = _record_hash(doc)
                old = cat["articles"].get(doc.doc_id)
                if old is not None and old["hash"] == h:
                    report.unchanged.append(doc.doc_id)
                else:
                    (report.replaced if old is not None else report.added).append(doc.doc_id)
                    pending.append(doc)
                if len(pending) >= SEGMENT_ARTICLES:
                    report.sentences += self._write_segment(cat, pending, embedder, config, report.seconds)
                    pending = []
                if progress:
                    progress(done, total or done, report.sentences)
            if pending:
                report.sentences += self._write_segment(cat, pending, embedder, config, report.seconds)
            if progress:
                progress(done, total or done, report.sentences)
            report.seconds["total"] = time.perf_counter() - t0
            self._commit(cat)
            if compile_index:
                t = time.perf_counter()
                self._compile(cat, embedder, config)
                report.seconds["compile"] = time.perf_counter() - t
        return report

    def remove(self, doc_ids: Iterable[str], embedder: Embedder, config: IndexConfig | None = None) -> list[str]:
        """Drop articles by id; returns those that were there."""
        config = config or IndexConfig()
        with self._locked():
            cat = self.catalog()
            self._check(cat, embedder, config)
            gone = [d for d in dict.fromkeys(doc_ids) if cat["articles"].pop(d, None) is not None]
            self._commit(cat)
            self._compile(cat, embedder, config)
        return gone

    def _write_segment(self, cat: dict, docs: list[Document], embedder: Embedder, config: IndexConfig,
                       seconds: dict[str, float]) -> int:
        """Parse, embed and write one segment, then make it live in the catalog (the commit point)."""
        t = time.perf_counter()
        articles = [parse_article(doc, config) for doc in docs]
        seconds["parse"] = seconds.get("parse", 0.0) + time.perf_counter() - t
        t = time.perf_counter()
        vectors = embed_passages(embedder, [c.text for a in articles for c in a.chunks])
        seconds["embed"] = seconds.get("embed", 0.0) + time.perf_counter() - t
        t = time.perf_counter()
        self._store_segment(cat, Segment(articles, vectors))
        seconds["write"] = seconds.get("write", 0.0) + time.perf_counter() - t
        return int(len(vectors))

    def add_segment(self, segment: Segment, embedder: Embedder, config: IndexConfig | None = None,
                    compile_index: bool = True) -> None:
        """Add articles parsed and embedded elsewhere (another process or machine), replacing same-id ones."""
        config = config or IndexConfig()
        if segment.vectors.shape != (sum(len(a.chunks) for a in segment.articles), embedder.dim):
            raise ArchiveError("the segment's vectors do not match its passages or the embedder's dimensions")
        with self._locked():
            cat = self.catalog() if self.exists() else self._new_catalog(embedder, config)
            self._check(cat, embedder, config)
            self._store_segment(cat, segment)
            if compile_index:
                self._compile(cat, embedder, config)

    def _store_segment(self, cat: dict, segment: Segment) -> None:
        name = f"seg-{cat['next_segment']:06d}"
        seg_root = self.root / SEGMENTS
        seg_root.mkdir(parents=True, exist_ok=True)
        tmp = seg_root / f".{name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
        try:
            records, sylls, entries = bytearray(), bytearray(), {}
            row = 0
            for art in segment.articles:
                line = art.record_line()
                syl_line = json.dumps(art.syllables, ensure_ascii=False).encode("utf-8") + b"\n"
                entries[art.document.doc_id] = {
                    "hash": _record_hash(art.document), "pipeline": store.pipeline_fingerprint(),
                    "segment": name, "offset": len(records), "length": len(line),
                    "crc": zlib.crc32(line), "row": row, "chunks": len(art.chunks), "syllables": len(sylls),
                    "syllables_length": len(syl_line), "syllables_crc": zlib.crc32(syl_line)}
                records += line
                sylls += syl_line
                row += len(art.chunks)
            store._write(tmp / ARTICLES, bytes(records))
            store._write(tmp / SYLLABLES, bytes(sylls))
            np.save(tmp / "vectors.npy", np.ascontiguousarray(segment.vectors, dtype=np.float32), allow_pickle=False)
            os.rename(tmp, seg_root / name)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        cat["segments"][name] = {"articles": len(segment.articles), "passages": int(len(segment.vectors))}
        cat["next_segment"] += 1
        cat["articles"].update(entries)
        self._commit(cat)

    # --- the compiled search index ------------------------------------------------------------

    def _live_key(self, cat: dict, embedder: Embedder, config: IndexConfig) -> str:
        return store.index_key([a["hash"] for a in cat["articles"].values()], embedder.name, config.saved_index_key())

    def _compile(self, cat: dict, embedder: Embedder, config: IndexConfig) -> Path:
        """Build and save the search index of the live articles (no embedding: vectors come from the segments)."""
        key = self._live_key(cat, embedder, config)
        target = self.root / COMPILED
        try:
            _open_compiled(self.root, key, embedder)
            return target / key  # nothing changed since the last compile
        except IndexStoreError:
            pass
        entries = list(cat["articles"].items())
        reader = _RecordReader(self.root, [(e["segment"], e["offset"], e["length"], e["crc"]) for _, e in entries], [])
        refs: list[ArticleRef] = []
        chunks: list[Chunk] = []
        syl: list[str] = []
        syl_locations: list[list[int]] = []
        vector_parts: list[np.ndarray] = []
        seg_vectors: dict[str, np.ndarray] = {}
        for a, (doc_id, e) in enumerate(entries):
            rec = reader.raw(a)
            doc = Document.from_dict(rec["document"])
            refs.append(ref_of(doc))
            chunks.extend(Chunk.from_dict(c) for c in rec["chunks"])
            line = self._syllables_line(e)
            syl_locations.append([e["syllables"], len(line), zlib.crc32(line)])
            syl.extend(_decode(line))
            if e["segment"] not in seg_vectors:
                seg_vectors[e["segment"]] = np.load(self.root / SEGMENTS / e["segment"] / "vectors.npy", mmap_mode="r", allow_pickle=False)
            vector_parts.append(seg_vectors[e["segment"]][e["row"] : e["row"] + e["chunks"]])
        vectors = np.concatenate(vector_parts) if vector_parts else np.zeros((0, embedder.dim), np.float32)
        parts = SearchParts.build(refs, chunks, _Split(syl), vectors, config)
        meta, arrays, ann = parts.to_saved()
        payload = {"search": meta, "locations": [[e["segment"], e["offset"], e["length"], e["crc"]] for _, e in entries],
                   "syllables": syl_locations}
        path = store.save(target, key, embedder.name, payload, arrays, len(chunks), ann)
        for old in target.iterdir():
            if old.name != key and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
        return path

    def _syllables_line(self, entry: dict) -> bytes:
        """An article's line of its segment's syllables, checked against the catalog (archives before the check
        was recorded are read as they are)."""
        path = self.root / SEGMENTS / entry["segment"] / SYLLABLES
        with open(path, "rb") as fh:
            fh.seek(entry["syllables"])
            line = fh.readline()
        if "syllables_crc" in entry and (len(line) != entry["syllables_length"] or zlib.crc32(line) != entry["syllables_crc"]):
            raise IndexStoreError(f"{self.root}: the syllables of an article of segment {entry['segment']} are damaged; "
                                  "re-index it")
        return line

    def corpus(self, embedder: Embedder, config: IndexConfig | None = None) -> Corpus:
        """The archive as a searchable Corpus; passages, figures and documents are read on demand."""
        config = config or IndexConfig()
        cat = self.catalog()
        self._check(cat, embedder, config)
        if not cat["articles"]:
            raise ArchiveError(f"the archive at {self.root} holds no articles; add some with `hoidap index --archive`")
        pipeline = store.pipeline_fingerprint()
        stale = sum(e.get("pipeline") != pipeline for e in cat["articles"].values())
        if stale:
            # Their stored passages, figures and search syllables were made by older text code: still searched, but
            # a question is now read by the new code. Indexing their sources again replaces them (their hash differs).
            log.warning("%d of %d articles of %s were read by an earlier version of hoidap; run `hoidap index "
                        "--archive %s` on their sources again so that they are read as questions now are",
                        stale, len(cat["articles"]), self.root, self.root)
        key = self._live_key(cat, embedder, config)
        path = self.root / COMPILED / key
        try:
            stored, reader = _open_compiled(self.root, key, embedder)
        except IndexStoreError as exc:
            with self._locked():  # a writer may be compiling right now: wait for it, then look again
                cat = self.catalog()
                key = self._live_key(cat, embedder, config)
                path = self.root / COMPILED / key
                try:
                    stored, reader = _open_compiled(self.root, key, embedder)
                except IndexStoreError:
                    log.warning("recompiling the archive's search index: %s", exc)
                    self._compile(cat, embedder, config)
                    stored, reader = _open_compiled(self.root, key, embedder)
        n_chunks = int(stored.manifest["passages"])
        parts = SearchParts.from_saved(stored, n_chunks, embedder, config)
        table = parts.articles
        corpus = Corpus(_Documents(reader, table), _Chunks(reader, table), _Figures(reader, table), parts, embedder, config,
                        key, _Syllables(reader, table))
        corpus.loaded_from = path
        corpus.syllables_current = not stale
        return corpus

    def summary(self) -> dict:
        cat = self.catalog()
        return {"articles": len(cat["articles"]), "segments": len(cat["segments"]),
                "passages": sum(a["chunks"] for a in cat["articles"].values()), "embedder": cat["embedder"]}


@dataclass
class ParsedArticle:
    """One article ready to store: its passages, their figures and their search syllables (space-joined)."""

    document: Document
    chunks: list[Chunk]
    figures: list[list[Figure]]
    syllables: list[str]

    def record_line(self) -> bytes:
        return json.dumps({
            "document": self.document.to_dict(),
            "chunks": [c.to_dict() for c in self.chunks],
            "figures": [[{k: v for k, v in f.to_dict().items() if k in _FIGURE_FIELDS} for f in fs] for fs in self.figures],
        }, ensure_ascii=False).encode("utf-8") + b"\n"


@dataclass
class Segment:
    """Parsed articles and the vectors of their passages, in order."""

    articles: list[ParsedArticle]
    vectors: np.ndarray


def parse_article(doc: Document, config: IndexConfig) -> ParsedArticle:
    """Chunks, figures and syllables of one article (the work a worker machine does before embedding)."""
    chunks = chunk_document(doc, config.window, config.stride)
    figures = [extract_figures(c.text, base=c.start, published=doc.published, context=doc.text) for c in chunks]
    return ParsedArticle(doc, chunks, figures, [" ".join(syllables(c.text)) for c in chunks])


def _open_compiled(root: Path, key: str, embedder: Embedder) -> tuple[store.Stored, "_RecordReader"]:
    """An archive's compiled index and a reader of the records and syllables it names; IndexStoreError when it is
    missing, damaged or of an older layout (the caller recompiles it from the segments)."""
    path = root / COMPILED / key
    stored = store.load(path, key=key, embedder_name=embedder.name)
    try:
        locations = [tuple(x) for x in stored.corpus["locations"]]
        syllables = [tuple(x) for x in stored.corpus["syllables"]]
    except (KeyError, TypeError) as exc:
        raise IndexStoreError(f"{path}: the saved index has an unexpected layout ({exc})") from None
    if len(syllables) != len(locations):
        raise IndexStoreError(f"{path}: the saved index names {len(locations)} articles but {len(syllables)} syllable lines")
    return stored, _RecordReader(root, locations, syllables)


def _decode(line: bytes | memoryview):
    """One JSON line of a segment, or a part of one (``RecordParts``), already CRC-checked."""
    try:
        return orjson.loads(line)  # about twice as fast as json; a question decodes a dozen or more records
    except orjson.JSONDecodeError:  # what json writes and orjson refuses (NaN); the CRC already vouched for it
        return json.loads(bytes(line))


class _Split(Sequence):
    """Space-joined syllable strings seen as lists, split on access (the whole archive's lists would not fit)."""

    def __init__(self, joined: list[str]) -> None:
        self._joined = joined

    def __len__(self) -> int:
        return len(self._joined)

    def __getitem__(self, i):  # type: ignore[override]
        return self._joined[i].split()


class _Article:
    """One article's record; its document, passages and figures are decoded and built on first access, one passage
    at a time (a question's candidates touch one or two passages of each of a dozen or more articles)."""

    def __init__(self, rec: RecordParts, read_syllables: Callable[[], list[str]]) -> None:
        self._rec = rec
        self._document: Document | None = None
        self._chunks: dict[int, Chunk] = {}
        self._figures: dict[int, list[Figure]] = {}
        self._figure_dicts: list | None = None
        self._read_syllables = read_syllables
        self._syllables: list[str] | None = None

    @property
    def document(self) -> Document:
        if self._document is None:
            self._document = Document.from_dict(self._rec.document())
        return self._document

    def chunk(self, j: int) -> Chunk:
        got = self._chunks.get(j)
        if got is None:
            got = self._chunks[j] = Chunk.from_dict(self._rec.chunk(j))
        return got

    def figures(self, j: int) -> list[Figure]:
        got = self._figures.get(j)
        if got is None:
            if self._figure_dicts is None:
                self._figure_dicts = self._rec.figures()
            got = self._figures[j] = [Figure(**f) for f in self._figure_dicts[j]]
        return got

    def syllables(self, j: int) -> list[str]:
        """A passage's search syllables as indexing stored them (its segment's other file, read on first use)."""
        if self._syllables is None:
            self._syllables = self._read_syllables()
        return self._syllables[j].split()


class _RecordReader:
    """Reads one article's line of a segment (its record, or its syllables) by position, checks its CRC, and keeps
    recent articles decoded."""

    def __init__(self, root: Path, locations: Sequence[tuple], syllables: Sequence[tuple]) -> None:
        self.root = root
        self.locations = locations
        self.syllable_locations = syllables
        self._cache: OrderedDict[int, _Article] = OrderedDict()
        self._fds: dict[tuple[str, str], int] = {}

    def _line(self, segment: str, name: str, offset: int, length: int, crc: int) -> bytes:
        fd = self._fds.get((segment, name))
        if fd is None:
            try:
                fd = self._fds[segment, name] = os.open(self.root / SEGMENTS / segment / name, os.O_RDONLY)
            except OSError as exc:
                raise IndexStoreError(f"{self.root}: segment {segment} is missing ({exc.strerror})") from None
        line = os.pread(fd, length, offset)
        if len(line) != length or zlib.crc32(line) != crc:
            raise IndexStoreError(f"{self.root}: an article of segment {segment} is damaged; re-index it")
        return line

    def raw(self, a: int) -> dict:
        return _decode(self._record_line(a))

    def _record_line(self, a: int) -> bytes:
        segment, offset, length, crc = self.locations[a]
        return self._line(segment, ARTICLES, offset, length, crc)

    def syllables(self, a: int) -> list[str]:
        """The space-joined search syllables of each passage of the article at position ``a``."""
        return _decode(self._line(self.locations[a][0], SYLLABLES, *self.syllable_locations[a]))

    def article(self, a: int) -> _Article:
        hit = self._cache.get(a)
        if hit is not None:
            self._cache.move_to_end(a)
            return hit
        art = self._cache[a] = _Article(RecordParts(self._record_line(a), _decode), lambda: self.syllables(a))
        if len(self._cache) > RECORD_CACHE:
            self._cache.popitem(last=False)
        return art

    def __del__(self) -> None:
        for fd in self._fds.values():
            try:
                os.close(fd)
            except OSError:
                pass


class _Documents(Mapping):
    def __init__(self, reader: _RecordReader, table) -> None:
        self._reader, self._table = reader, table

    def __getitem__(self, doc_id: str) -> Document:
        return self._reader.article(self._table.position[doc_id]).document

    def __iter__(self):
        return iter(self._table.position)

    def __len__(self) -> int:
        return len(self._table.position)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._table.position


class _PerChunk(Sequence):
    def __init__(self, reader: _RecordReader, table) -> None:
        self._reader = reader
        self._article_of, self._first = table.chunk_article, table.first_chunk  # read for every passage touched
        self._n = len(table.chunk_article)

    def __len__(self) -> int:
        return self._n

    def _part(self, art: _Article, j: int):
        raise NotImplementedError

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        a = int(self._article_of[i])
        return self._part(self._reader.article(a), i - int(self._first[a]))


class _Chunks(_PerChunk):
    def _part(self, art: _Article, j: int) -> Chunk:
        return art.chunk(j)


class _Figures(_PerChunk):
    def _part(self, art: _Article, j: int) -> list[Figure]:
        return art.figures(j)


class _Syllables(_PerChunk):
    def _part(self, art: _Article, j: int) -> list[str]:
        return art.syllables(j)
