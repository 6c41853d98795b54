"""Exact inner-product search against the IVF candidates + exact re-scoring at growing sizes: where IVF pays.

    python -m benchmarks.dense_threshold [--sizes 10000 30000 60000 120000] [--dim 384] [--queries 50]
    python -m benchmarks.dense_threshold --archive DIR     # the real vectors of an archive (queries: some of them)

Without --archive the vectors are random unit vectors (the worst case for recall; the cost does not depend on
what they say). Recall@10 is measured against exact search; medians over the queries, one process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

import numpy as np

from index.dense import IVF_PROBE, DenseIndex


def unit(rows: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    v = rng.standard_normal((rows, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 30000, 60000, 120000])
    ap.add_argument("--dim", type=int, default=384)
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--archive", default=None, help="an archive folder whose segment vectors to use")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    real = None
    if args.archive:
        from pathlib import Path

        real = np.concatenate([np.load(p, mmap_mode="r") for p in sorted(Path(args.archive).glob("segments/*/vectors.npy"))])
        args.sizes = [len(real)]
    for n in args.sizes:
        if real is not None:
            vectors = np.ascontiguousarray(real)
            queries = vectors[rng.choice(n, args.queries, replace=False)] + unit(args.queries, vectors.shape[1], rng) * 0.3
            queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        else:
            vectors = unit(n, args.dim, rng)
            queries = unit(args.queries, args.dim, rng)
        exact = DenseIndex.build(vectors, approximate=False)
        t = time.perf_counter()
        ivf = DenseIndex.build(vectors, approximate=True)
        build_s = time.perf_counter() - t
        times = {"exact": [], "ivf": []}
        recall = []
        for q in queries:
            t = time.perf_counter()
            want = exact.search(q, 80)
            times["exact"].append(time.perf_counter() - t)
            t = time.perf_counter()
            got = ivf.search(q, 80)
            times["ivf"].append(time.perf_counter() - t)
            recall.append(len({i for i, _ in want[:10]} & {i for i, _ in got[:10]}) / 10)
        print(json.dumps({
            "passages": n, "dim": int(vectors.shape[1]), "real_vectors": real is not None, "nprobe": IVF_PROBE,
            "nlist": int(ivf.ivf.nlist), "ivf_build_s": round(build_s, 1),
            "exact_ms_median": round(statistics.median(times["exact"]) * 1000, 2),
            "ivf_ms_median": round(statistics.median(times["ivf"]) * 1000, 2),
            "ivf_recall_at_10": round(statistics.mean(recall), 3), "load_avg": os.getloadavg()[0],
        }), flush=True)


if __name__ == "__main__":
    main()
