"""Load time and memory of a saved corpus index at a given number of passages (fresh processes, medians).

    python -m benchmarks.index_load --passages 1000 100000 [--runs 3] [--tree DIR] [--out FILE.json]

``--tree`` runs the same measurement against another checkout of hoidap (e.g. ``git archive main | tar -x -C DIR``)
to compare before and after. Articles come from ``../shared/corpus/news.jsonl`` (repeated with new ids when more
passages are needed); the fake embedder is used, since loading does not embed.
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
from pathlib import Path

from benchmarks.corpus_path import REPO, news_jsonl

CHILD = textwrap.dedent(
    """
    import json, sys, time
    t0 = time.perf_counter()
    from index.article import document_from_paragraphs
    from index.chunk import chunk_document
    from index.config import IndexConfig
    from index.corpus import Corpus
    from index.embedder import HashEmbedder

    news, passages, cache, phase = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    records = [json.loads(line) for line in open(news, encoding="utf-8")]
    docs, n, rep = [], 0, 0
    while n < passages:  # whole articles until there are enough passages (the last one may overshoot a little)
        for r in records:
            d = document_from_paragraphs(f"{r['id']}-{rep}", r["paragraphs"], title=r.get("title") or "")
            docs.append(d)
            n += len(chunk_document(d))
            if n >= passages:
                break
        rep += 1
    def rss_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    rss0 = rss_mb()
    t_ready = time.perf_counter()
    corpus = Corpus.load_or_build(docs, HashEmbedder(), IndexConfig(), cache)
    t_done = time.perf_counter()
    corpus.search("thu ngân sách quý I", k=5, mode="bm25")
    print("RESULT " + json.dumps({"phase": phase, "passages": len(corpus.chunks), "seconds": t_done - t_ready,
                                  "index_rss_mb": rss_mb() - rss0}))
    """
)


def run(tree: Path, passages: int, cache: Path, phase: str, timeout: float) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree), HF_HUB_OFFLINE="1")
    out = subprocess.run([sys.executable, "-c", CHILD, str(news_jsonl()), str(passages), str(cache), phase],
                         capture_output=True, text=True, env=env, check=True, timeout=timeout).stdout
    return json.loads(out.split("RESULT ", 1)[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, nargs="+", default=[1000, 100000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tree", type=Path, default=REPO, help="checkout of hoidap to measure (default: this one)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed to each process")
    ap.add_argument("--out", type=Path, default=None, help="save the figures here as JSON (a list, one per size)")
    args = ap.parse_args()
    results = []
    for passages in args.passages:
        with tempfile.TemporaryDirectory() as tmp:
            build = run(args.tree, passages, Path(tmp), "build", args.timeout)
            loads = [run(args.tree, passages, Path(tmp), "load", args.timeout) for _ in range(args.runs)]
        results.append({
            "tree": "this checkout" if args.tree.resolve() == REPO else args.tree.name, "passages": build["passages"], "build_s": round(build["seconds"], 2),
            "load_s_median": round(statistics.median(r["seconds"] for r in loads), 3),
            "load_rss_mb_median": round(statistics.median(r["index_rss_mb"] for r in loads), 1),
            "runs": args.runs, "load_avg": os.getloadavg(),
        })
        print(json.dumps(results[-1]), flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
