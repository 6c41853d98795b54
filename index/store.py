"""Saving and loading built indexes: JSON, memory-mapped arrays and FAISS, versioned, checksummed, written atomically."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import mmap
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import xxhash

from index.errors import IndexStoreError

log = logging.getLogger(__name__)

FORMAT = "hoidap-index"
FORMAT_VERSION = 3
"""3: files checksummed with XXH3-128 instead of SHA-256 (a 10,000-article archive's 1.26 GB of arrays: 0.12 s, not 1.0–1.3 s)."""
CHECKSUM = "xxh3-128"
MANIFEST = "manifest.json"
CORPUS_FILE = "corpus.json"
ARRAYS_TABLE = "arrays.json"
ARRAYS_FILE = "arrays.bin"
ANN_FILE = "dense.faiss"
FILES = (CORPUS_FILE, ARRAYS_TABLE, ARRAYS_FILE)
"""Always saved; ``dense.faiss`` is added when the dense index has an approximate (IVF) part."""
ALIGN = 64


def default_cache_dir() -> Path:
    """``$HOIDAP_CACHE_DIR`` or the user's cache directory."""
    env = os.environ.get("HOIDAP_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("hoidap")) / "indexes"


# Modules whose code decides what a saved index holds: a change to any of them makes old indexes stale.
_PIPELINE_MODULES = ("article.py", "text.py", "chunk.py", "figures.py", "numbers.py", "html.py", "dateline.py",
                     "byline.py", "caption.py", "chrome.py", "yearframe.py", "lexicon.py")


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
    """What a saved index holds: its JSON part, its arrays (memory-mapped, read-only) and the FAISS IVF index if any."""

    corpus: dict
    arrays: dict[str, np.ndarray]
    ann: bytes | None
    manifest: dict


def checksum(data: bytes) -> str:
    """The checksum a saved file is recorded under: XXH3-128, a non-cryptographic hash that catches damage (a bit flip,
    a truncation) and runs at memory speed; the files are not defended against a deliberate forger, who could as
    well rewrite the manifest."""
    return xxhash.xxh3_128_hexdigest(data)


def _file_checksum(path: Path) -> str:
    """``checksum`` of a file's bytes through a mapping of its own, released afterwards: read() into a buffer costs
    six times as much CPU here, and hashing the mapping the arrays are then read from would leave every page of it
    resident in the process (RSS 1.3 GB for a 10,000-article archive, not 0.2 GB)."""
    with open(path, "rb") as fh:
        if not os.fstat(fh.fileno()).st_size:
            return checksum(b"")
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return checksum(mapped)


def _map(path: Path) -> np.ndarray:
    """A file as read-only bytes, memory-mapped (a plain ndarray view: numpy.memmap's own indexing is several times
    slower)."""
    if not path.stat().st_size:
        return np.zeros(0, np.uint8)
    return np.memmap(path, dtype=np.uint8, mode="r").view(np.ndarray)


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _write_arrays(path: Path, arrays: dict[str, np.ndarray]) -> dict:
    """Arrays back to back (64-byte aligned, little-endian), and the table that says where each one lies."""
    table: dict[str, dict] = {}
    with open(path, "wb") as fh:
        pos = 0
        for name, arr in arrays.items():
            arr = np.ascontiguousarray(arr)
            arr = arr.astype(arr.dtype.newbyteorder("<"), copy=False)
            pad = -pos % ALIGN
            fh.write(b"\0" * pad)
            pos += pad
            table[name] = {"dtype": arr.dtype.str, "shape": list(arr.shape), "offset": pos}
            fh.write(arr.tobytes())
            pos += arr.nbytes
        fh.flush()
        os.fsync(fh.fileno())
    return table


def _read_arrays(buf: np.ndarray, table: dict) -> dict[str, np.ndarray]:
    """The arrays ``table`` places in ``buf`` (the mapped ``arrays.bin``), as views of it."""
    size = len(buf)
    out: dict[str, np.ndarray] = {}
    for name, spec in table.items():
        dtype = np.dtype(spec["dtype"])
        if dtype.kind not in "biuf":
            raise ValueError(f"array {name} has type {dtype}, which is never saved")
        shape = tuple(int(x) for x in spec["shape"])
        offset = int(spec["offset"])
        nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
        if offset < 0 or offset + nbytes > size:
            raise ValueError(f"array {name} lies outside {ARRAYS_FILE}")
        out[name] = buf[offset : offset + nbytes].view(dtype).reshape(shape)
    return out


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


def save(directory: Path, key: str, embedder_name: str, corpus: dict, arrays: dict[str, np.ndarray],
         passages: int, ann: bytes | None = None) -> Path:
    """Write the index to ``directory/key`` atomically: a temporary folder renamed into place."""
    directory.mkdir(parents=True, exist_ok=True)
    sweep_leftovers(directory)
    final = directory / key
    tmp = directory / f".{key}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        table = _write_arrays(tmp / ARRAYS_FILE, arrays)
        blobs = {
            CORPUS_FILE: json.dumps(corpus, ensure_ascii=False).encode("utf-8"),
            ARRAYS_TABLE: json.dumps({"passages": passages, "arrays": table}).encode("utf-8"),
        }
        if ann is not None:
            blobs[ANN_FILE] = ann
        for name, data in blobs.items():
            _write(tmp / name, data)
        checksums = {name: checksum(data) for name, data in blobs.items()}
        checksums[ARRAYS_FILE] = _file_checksum(tmp / ARRAYS_FILE)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "checksum": CHECKSUM,
            "key": key,
            "embedder": embedder_name,
            "passages": passages,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "files": checksums,
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


def read_json(path: Path, error: type[Exception], missing: str, what: str) -> object:
    """A JSON file, or ``error`` saying it is ``missing`` or that ``what`` is damaged."""
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise error(missing) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error(f"{path.parent}: {what} is damaged ({exc})") from None


def load(path: Path, key: str | None = None, embedder_name: str | None = None) -> Stored:
    """Load and verify a saved index; IndexStoreError says why it cannot be used."""
    if not path.is_dir():
        raise IndexStoreError(f"no saved index at {path}")
    manifest = read_json(path / MANIFEST, IndexStoreError, f"{path}: the manifest is missing (an interrupted save?)",
                         "the manifest")
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
    if not isinstance(files, dict):
        raise IndexStoreError(f"{path}: the manifest's file list is damaged")
    if manifest.get("checksum") != CHECKSUM:
        raise IndexStoreError(f"{path}: the manifest names checksum {manifest.get('checksum')!r}, not {CHECKSUM!r}")
    # The small files are read once and what is checked is what is used; the arrays are streamed, then mapped.
    contents: dict[str, bytes] = {}
    for name in (*FILES, *(n for n in files if n == ANN_FILE)):
        try:
            if name == ARRAYS_FILE:
                digest = _file_checksum(path / name)
            else:
                contents[name] = (path / name).read_bytes()
                digest = checksum(contents[name])
        except OSError:
            raise IndexStoreError(f"{path}: {name} is missing or unreadable") from None
        if digest != files.get(name):
            raise IndexStoreError(f"{path}: {name} does not match its checksum (truncated or altered)")
    try:
        corpus = json.loads(contents[CORPUS_FILE].decode("utf-8"))
        table = json.loads(contents[ARRAYS_TABLE].decode("utf-8"))
        arrays = _read_arrays(_map(path / ARRAYS_FILE), table["arrays"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise IndexStoreError(f"{path}: cannot read the saved index ({exc})") from None
    if not isinstance(corpus, dict) or table.get("passages") != manifest.get("passages"):
        raise IndexStoreError(f"{path}: the manifest and the saved arrays disagree on the number of passages")
    return Stored(corpus=corpus, arrays=arrays, ann=contents.get(ANN_FILE), manifest=manifest)
