"""Saving and loading built indexes: JSON + .npy + FAISS, versioned, checksummed, written atomically."""

from __future__ import annotations

import functools
import hashlib
import io
import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import faiss
import numpy as np

from index.errors import IndexStoreError

log = logging.getLogger(__name__)

FORMAT = "hoidap-index"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FILES = ("corpus.json", "vectors.npy", "dense.faiss")


def default_cache_dir() -> Path:
    """``$HOIDAP_CACHE_DIR`` or the user's cache directory."""
    env = os.environ.get("HOIDAP_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("hoidap")) / "indexes"


# Modules whose code decides what a saved index holds: a change to any of them makes old indexes stale.
_PIPELINE_MODULES = ("article.py", "text.py", "chunk.py", "figures.py", "numbers.py", "html.py", "dateline.py",
                     "byline.py", "caption.py", "chrome.py", "yearframe.py")


@functools.cache
def pipeline_fingerprint() -> str:
    """Hash of the code that parses, chunks and extracts figures."""
    here = Path(__file__).parent
    h = hashlib.sha256()
    for name in _PIPELINE_MODULES:
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def index_key(doc_hashes: list[str], embedder_name: str, chunking: dict) -> str:
    """The cache key: documents' content, embedder, chunking, the pipeline's code and the format version."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}:{FORMAT_VERSION}:{pipeline_fingerprint()}\n{embedder_name}\n{json.dumps(chunking, sort_keys=True)}\n".encode())
    for d in sorted(doc_hashes):
        h.update(d.encode() + b"\n")
    return h.hexdigest()[:24]


@dataclass
class Stored:
    """What a saved index holds."""

    corpus: dict
    vectors: np.ndarray
    faiss_index: faiss.Index
    manifest: dict


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


STALE_AFTER_S = 3600
"""Leftovers of saves that died (``.KEY.tmp-…``, ``.KEY.bad-…``) are swept once this old; live writers are younger."""


def sweep_leftovers(directory: Path, older_than_s: float = STALE_AFTER_S) -> list[Path]:
    """Remove temporary and replaced folders left by interrupted saves; returns what was removed."""
    removed: list[Path] = []
    now = time.time()
    for p in directory.glob(".*-*"):
        if not (".tmp-" in p.name or ".bad-" in p.name):
            continue
        try:
            if now - p.lstat().st_mtime < older_than_s:
                continue
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
            removed.append(p)
        except OSError:
            continue  # gone already, or another process is handling it
    if removed:
        log.info("removed %d leftover(s) of interrupted saves in %s", len(removed), directory)
    return removed


def save(directory: Path, key: str, embedder_name: str, corpus: dict, vectors: np.ndarray, faiss_index: faiss.Index) -> Path:
    """Write the index to ``directory/key`` atomically: a temporary folder renamed into place."""
    directory.mkdir(parents=True, exist_ok=True)
    sweep_leftovers(directory)
    final = directory / key
    tmp = directory / f".{key}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        buf = io.BytesIO()
        np.save(buf, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
        blobs = {
            "corpus.json": json.dumps(corpus, ensure_ascii=False).encode("utf-8"),
            "vectors.npy": buf.getvalue(),
            "dense.faiss": faiss.serialize_index(faiss_index).tobytes(),
        }
        for name, data in blobs.items():
            _write(tmp / name, data)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "key": key,
            "embedder": embedder_name,
            "dim": int(vectors.shape[1]) if vectors.ndim == 2 else 0,
            "passages": int(vectors.shape[0]),
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "files": {name: _sha256(data) for name, data in blobs.items()},
        }
        _write(tmp / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
        _install(tmp, final, manifest["files"])
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return final


def _install(tmp: Path, final: Path, files: dict[str, str]) -> None:
    try:
        os.rename(tmp, final)
        return
    except OSError:
        pass
    # Another process finished first, or a damaged copy is in the way.
    try:
        # Keep it only if it is the very index just built: one that merely passes its own checksums may still
        # have been refused by the caller (wrong layout, another embedder's vectors) and must be replaced.
        if load(final, key=final.name).manifest.get("files") == files:
            return
    except IndexStoreError:
        pass
    trash = final.with_name(f".{final.name}.bad-{uuid.uuid4().hex[:8]}")
    try:
        os.rename(final, trash)
    except FileNotFoundError:
        pass
    try:
        os.rename(tmp, final)
    except OSError:
        pass  # lost a race with another writer of the same key; theirs is as good
    shutil.rmtree(trash, ignore_errors=True)


def load(path: Path, key: str | None = None, embedder_name: str | None = None) -> Stored:
    """Load and verify a saved index; IndexStoreError says why it cannot be used."""
    if not path.is_dir():
        raise IndexStoreError(f"no saved index at {path}")
    try:
        manifest = json.loads((path / MANIFEST).read_text("utf-8"))
    except FileNotFoundError:
        raise IndexStoreError(f"{path}: the manifest is missing (an interrupted save?)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexStoreError(f"{path}: the manifest is damaged ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise IndexStoreError(f"{path}: not a hoidap index")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        newer = isinstance(version, int) and version > FORMAT_VERSION
        raise IndexStoreError(
            f"{path}: index format {version} is {'newer' if newer else 'older'} than this hoidap's ({FORMAT_VERSION})"
        )
    if key is not None and manifest.get("key") != key:
        raise IndexStoreError(f"{path}: the index was built for other documents or settings")
    if embedder_name is not None and manifest.get("embedder") != embedder_name:
        raise IndexStoreError(f"{path}: the index was built with embedder {manifest.get('embedder')!r}, not {embedder_name!r}")
    files = manifest.get("files") or {}
    blobs: dict[str, bytes] = {}
    for name in FILES:
        try:
            data = (path / name).read_bytes()
        except OSError:
            raise IndexStoreError(f"{path}: {name} is missing or unreadable") from None
        if _sha256(data) != files.get(name):
            raise IndexStoreError(f"{path}: {name} does not match its checksum (truncated or altered)")
        blobs[name] = data
    try:
        corpus = json.loads(blobs["corpus.json"].decode("utf-8"))
        vectors = np.load(io.BytesIO(blobs["vectors.npy"]), allow_pickle=False)
        index = faiss.deserialize_index(np.frombuffer(blobs["dense.faiss"], dtype=np.uint8))
    except (ValueError, UnicodeDecodeError, RuntimeError) as exc:
        raise IndexStoreError(f"{path}: cannot read the saved index ({exc})") from None
    if vectors.shape[0] != manifest.get("passages") or index.ntotal != vectors.shape[0]:
        raise IndexStoreError(f"{path}: the vectors and the FAISS index disagree on the number of passages")
    return Stored(corpus=corpus, vectors=vectors, faiss_index=index, manifest=manifest)
