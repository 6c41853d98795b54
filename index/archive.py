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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np

from index import store
from index.archive_filter import ArticleRef, ref_of
from index.archive_input import Unreadable
from index.archive_records import (DOCUMENTS, PASSAGES, SEGMENTS, TEXT_LENGTHS, PassageLocations, SegmentReader,
                                   decode, document_line, passage_line, split_passages, views)
from index.article import Document
from index.chunk import Chunk, chunk_document
from index.config import IndexConfig
from index.corpus import Corpus, embed_passages
from index.embedder import Embedder
from index.errors import ArchiveError, ArchiveFormatError, ArticleError, IndexStoreError
from index.figures import Figure, extract_figures
from index.search_parts import SearchParts
from index.text import syllables

log = logging.getLogger(__name__)

FORMAT = "hoidap-archive"
FORMAT_VERSION = 2
"""2: each passage's chunk, figures and syllables on a line of its own, apart from its article's document;
1: one line an article (document, passages, figures) and the syllables in a file beside it."""
CATALOG = "catalog.json"
COMPILED = "index"
SEGMENT_ARTICLES = 64
"""Articles written per segment: a killed run loses at most this many articles' work."""
_NAME_RE = re.compile(r"^[\w.-]{1,64}$")

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
        cat = self._read_catalog()
        version = cat.get("format_version")
        if version != FORMAT_VERSION:
            if isinstance(version, int) and version < FORMAT_VERSION:
                raise ArchiveFormatError(
                    f"{self.root}: archive format {version} is older than this hoidap's ({FORMAT_VERSION}); upgrade it "
                    f"in place with `hoidap index --archive {self.root} --upgrade` (no article is parsed or embedded "
                    "again)")
            raise ArchiveFormatError(f"{self.root}: archive format {version} is not this hoidap's ({FORMAT_VERSION}); "
                                     "read it with the hoidap that wrote it")
        return cat

    def _read_catalog(self) -> dict:
        cat = store.read_json(self.root / CATALOG, ArchiveError,
                              f"no archive at {self.root}; create it with `hoidap index --archive NAME FILES…`", "the catalog")
        if not isinstance(cat, dict) or cat.get("format") != FORMAT:
            raise ArchiveError(f"{self.root}: not a hoidap archive")
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
        cat["articles"].update(self._add_segment_dir(cat, segment))
        self._commit(cat)

    def _add_segment_dir(self, cat: dict, segment: Segment) -> dict[str, dict]:
        """Write the catalog's next segment under a temporary name, rename it into place and name it in the catalog
        (not yet saved); the catalog entry of each of its articles."""
        name = f"seg-{cat['next_segment']:06d}"
        seg_root = self.root / SEGMENTS
        seg_root.mkdir(parents=True, exist_ok=True)
        tmp = seg_root / f".{name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
        try:
            entries = self._write_segment_files(tmp, name, segment)
            os.rename(tmp, seg_root / name)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        cat["segments"][name] = {"articles": len(segment.articles), "passages": int(len(segment.vectors))}
        cat["next_segment"] += 1
        return entries

    @staticmethod
    def _write_segment_files(folder: Path, name: str, segment: Segment) -> dict[str, dict]:
        """Write a segment's documents, passages and vectors into ``folder``; the catalog entry of each article."""
        documents, passages, entries = bytearray(), bytearray(), {}
        row = 0
        for art in segment.articles:
            line = document_line(art.document)
            block = b"".join(passage_line(c, f, s) for c, f, s in zip(art.chunks, art.figures, art.syllables))
            entries[art.document.doc_id] = {
                "hash": _record_hash(art.document), "pipeline": store.pipeline_fingerprint(),
                "segment": name, "offset": len(documents), "length": len(line), "crc": zlib.crc32(line),
                "row": row, "chunks": len(art.chunks),
                "passages": len(passages), "passages_length": len(block), "passages_crc": zlib.crc32(block)}
            documents += line
            passages += block
            row += len(art.chunks)
        store._write(folder / DOCUMENTS, bytes(documents))
        store._write(folder / PASSAGES, bytes(passages))
        np.save(folder / "vectors.npy", np.ascontiguousarray(segment.vectors, dtype=np.float32), allow_pickle=False)
        return entries

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
        refs: list[ArticleRef] = []
        chunks: list[Chunk] = []
        syl: list[str] = []
        offsets, lengths, crcs, text_lengths = [], [], [], []
        vector_parts: list[np.ndarray] = []
        seg_vectors: dict[str, np.ndarray] = {}
        for doc_id, e in entries:
            doc_line = self._read(e["segment"], DOCUMENTS, e["offset"], e["length"], e["crc"], "an article")
            doc = Document.from_dict(decode(doc_line))
            refs.append(ref_of(doc))
            text_lengths.append(len(doc.text))
            block = self._read(e["segment"], PASSAGES, e["passages"], e["passages_length"], e["passages_crc"],
                               "the passages of an article")
            lines, at = split_passages(block, e["passages"])
            if len(lines) != e["chunks"]:
                raise IndexStoreError(f"{self.root}: article {doc_id} of segment {e['segment']} has {len(lines)} "
                                      f"passages, not {e['chunks']}; re-index it")
            for line in lines:
                chunk, _, joined = decode(line)
                chunks.append(Chunk.from_dict(chunk))
                syl.append(joined)
                lengths.append(len(line))
                crcs.append(zlib.crc32(line))
            offsets.append(at)
            if e["segment"] not in seg_vectors:
                seg_vectors[e["segment"]] = np.load(self.root / SEGMENTS / e["segment"] / "vectors.npy", mmap_mode="r", allow_pickle=False)
            vector_parts.append(seg_vectors[e["segment"]][e["row"] : e["row"] + e["chunks"]])
        vectors = np.concatenate(vector_parts) if vector_parts else np.zeros((0, embedder.dim), np.float32)
        parts = SearchParts.build(refs, chunks, _Split(syl), vectors, config)
        meta, arrays, ann = parts.to_saved()
        where = PassageLocations(np.concatenate(offsets) if offsets else np.zeros(0, np.int64),
                                 np.asarray(lengths, dtype=np.int32), np.asarray(crcs, dtype=np.uint32))
        arrays.update(where.arrays())
        arrays[TEXT_LENGTHS] = np.asarray(text_lengths, dtype=np.int64)
        payload = {"search": meta, "locations": [[e["segment"], e["offset"], e["length"], e["crc"]] for _, e in entries]}
        path = store.save(target, key, embedder.name, payload, arrays, len(chunks), ann)
        for old in target.iterdir():
            if old.name != key and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
        return path

    def _read(self, segment: str, name: str, offset: int, length: int, crc: int, what: str) -> bytes:
        """Bytes of a segment's file the catalog locates, checked against its CRC."""
        try:
            with open(self.root / SEGMENTS / segment / name, "rb") as fh:
                fh.seek(offset)
                data = fh.read(length)
        except OSError as exc:
            raise IndexStoreError(f"{self.root}: segment {segment} is missing ({exc.strerror})") from None
        if len(data) != length or zlib.crc32(data) != crc:
            raise IndexStoreError(f"{self.root}: {what} of segment {segment} is damaged; re-index it")
        return data

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
        documents, chunks, figures, passage_syllables, lengths = views(reader, parts.articles.position, n_chunks)
        corpus = Corpus(documents, chunks, figures, parts, embedder, config, key, passage_syllables, lengths)
        corpus.loaded_from = path
        corpus.syllables_current = not stale
        return corpus

    def upgrade(self, embedder: Embedder, config: IndexConfig | None = None) -> int:
        """Rewrite an archive of format 1 in this format from its own segments (nothing is parsed or embedded again),
        then compile it; the number of articles rewritten, 0 when it is in this format already."""
        from index.archive_upgrade import v1_articles

        config = config or IndexConfig()
        with self._locked():
            cat = self._read_catalog()
            if cat.get("format_version") == FORMAT_VERSION:
                return 0
            if cat.get("format_version") != 1:
                self.catalog()  # says which format it is
            self._check(cat, embedder, config)
            self._commit(cat)  # sweeps what a killed upgrade left half-written
            new = dict(cat, format_version=FORMAT_VERSION, segments={}, articles={})
            by_segment: dict[str, list[dict]] = {}
            for e in cat["articles"].values():
                by_segment.setdefault(e["segment"], []).append(e)
            entries: dict[str, dict] = {}
            for old in by_segment.values():
                old.sort(key=lambda e: e["row"])
                read = list(v1_articles(self.root, old, self._read))
                arts = [ParsedArticle(doc, chunks, figs, joined) for doc, chunks, figs, joined, _ in read]
                written = self._add_segment_dir(new, Segment(arts, np.concatenate([v for *_, v in read])))
                for e, (doc_id, w) in zip(old, written.items()):
                    entries[doc_id] = dict(w, hash=e["hash"], pipeline=e.get("pipeline"))  # as read then
            new["articles"] = {doc_id: entries[doc_id] for doc_id in cat["articles"]}
            self._commit(new)  # the commit point: the old segments go
            self._compile(new, embedder, config)
        return len(new["articles"])

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


def _open_compiled(root: Path, key: str, embedder: Embedder) -> tuple[store.Stored, SegmentReader]:
    """An archive's compiled index and a reader of the documents and passages it names; IndexStoreError when it is
    missing, damaged or of an older layout (the caller recompiles it from the segments)."""
    path = root / COMPILED / key
    stored = store.load(path, key=key, embedder_name=embedder.name)
    try:
        locations = [tuple(x) for x in stored.corpus["locations"]]
        n = int(stored.manifest["passages"])
        chunk_article = stored.arrays["articles.chunk"]
        text_lengths = stored.arrays[TEXT_LENGTHS]
    except (KeyError, TypeError, ValueError) as exc:
        raise IndexStoreError(f"{path}: the saved index has an unexpected layout ({exc})") from None
    try:
        passages = PassageLocations.from_arrays(stored.arrays, n)
    except IndexStoreError as exc:
        raise IndexStoreError(f"{path}: {exc}") from None
    if len(text_lengths) != len(locations):
        raise IndexStoreError(f"{path}: the saved index names {len(locations)} articles but {len(text_lengths)} lengths")
    return stored, SegmentReader(root, locations, passages, chunk_article, text_lengths)


class _Split(Sequence):
    """Space-joined syllable strings seen as lists, split on access (the whole archive's lists would not fit)."""

    def __init__(self, joined: list[str]) -> None:
        self._joined = joined

    def __len__(self) -> int:
        return len(self._joined)

    def __getitem__(self, i):  # type: ignore[override]
        return self._joined[i].split()
