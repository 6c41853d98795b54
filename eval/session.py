"""One evaluation session: build assistants, run modes, ablations and SQuAD, print and write the report."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from index.config import MODES

from eval.errors import EvalError
from eval.gold import check_evidence, load_gold_files, resolve_gold_path
from eval.runner import ModeRun, check_modes

GUARD_MODE = "hybrid"


@dataclass
class EvalSettings:
    """What ``hoidap eval`` was asked to do."""

    gold: list[str] = field(default_factory=lambda: ["long-bien"])
    modes: list[str] = field(default_factory=lambda: list(MODES))
    report: Path | None = None
    squad: str | Path | None = None
    ablations: bool = True
    limit: int | None = None
    min_accuracy: float | None = None
    articles: list[Path] = field(default_factory=list)
    embedder: str = "default"
    cache_dir: Path | None = None
    k: int = 5
    progress: bool = True


@dataclass
class SessionResult:
    modes: list[ModeRun]
    ablations: list[ModeRun]
    squad: Any | None
    guard_passed: bool | None
    report_files: Any | None = None


def _version() -> str:
    try:
        return metadata.version("hoidap")
    except metadata.PackageNotFoundError:
        return "unknown"


def run_session(settings: EvalSettings, out: TextIO, err: TextIO) -> int:
    """Run everything asked for, print the summary, write the report; return the exit code."""
    result = evaluate(settings, err)
    from eval.report import kinds_table, summary_table

    print("## Modes", file=out)
    print(summary_table(result.modes), file=out)
    if result.ablations:
        print("\n## Ablations", file=out)
        print(summary_table(result.ablations), file=out)
    print("\n## Lenient accuracy per kind", file=out)
    print(kinds_table([*result.modes, *result.ablations]), file=out)
    if result.squad is not None:
        from eval.report import squad_section

        print("\n## SQuAD-style set", file=out)
        print(squad_section(result.squad), file=out)
    if result.report_files is not None:
        files = result.report_files
        print(f"\nreport: {files.markdown} (+ {files.json.name}, "
              + ", ".join(p.name for p in (*files.charts, *files.extra)) + ")", file=out)
    if result.guard_passed is False:
        hybrid = next(r for r in result.modes if r.mode == GUARD_MODE)
        print(f"hoidap: eval: lenient accuracy of {GUARD_MODE} is {100 * (hybrid.metrics.answers.lenient or 0):.1f} %, "
              f"below --min-accuracy {100 * settings.min_accuracy:.1f} %", file=err)
        return 1
    return 0


def evaluate(settings: EvalSettings, err: TextIO | None = None) -> SessionResult:
    """Run the modes, ablations and SQuAD set of a session and write the report when asked."""
    modes = check_modes(settings.modes)
    if settings.min_accuracy is not None and GUARD_MODE not in modes:
        raise EvalError(f"--min-accuracy guards the {GUARD_MODE} mode; add {GUARD_MODE} to --modes")
    questions = load_gold_files(settings.gold, settings.limit)
    gold_paths = [str(resolve_gold_path(name)) for name in settings.gold]

    from index.embedder import embedder_named
    from qa import Assistant

    from eval.ablations import ABLATIONS, run_ablations
    from eval.runner import run_mode

    embedder = embedder_named(settings.embedder)  # one for the whole session: the model loads once
    cache = settings.cache_dir

    def factory(config: Any = None) -> Any:
        if settings.articles:
            return Assistant.from_files([str(p) for p in settings.articles], embedder=embedder, cache_dir=cache,
                                        config=config)
        return Assistant.default(embedder=embedder, cache_dir=cache, config=config)

    assistant = factory(None)
    problems = check_evidence(questions, "\n\n".join(d.text for d in assistant.documents))
    if problems and err is not None:
        print(f"hoidap: eval: warning: {len(problems)} evidence string(s) are not in the articles, so those "
              f"questions cannot be answered right: " + "; ".join(problems[:5]), file=err)

    # A fresh assistant per mode (the index loads from the cache) so that no run's query-embedding cache
    # makes a later run look faster than it is.
    mode_runs = [run_mode(assistant if i == 0 else factory(None), questions, mode, k=settings.k,
                          progress=settings.progress) for i, mode in enumerate(modes)]
    ablation_runs = run_ablations(factory, questions, ABLATIONS, k=settings.k,
                                  progress=settings.progress) if settings.ablations else []

    squad_run = None
    if settings.squad:
        from eval.squad import build_documents, load_squad, paragraph_spans, run_squad

        squad_path = Path(settings.squad)
        squad_qs = load_squad(squad_path)
        if settings.limit:
            squad_qs = squad_qs[:settings.limit]
        docs = build_documents(squad_qs)
        squad_assistant = Assistant.from_documents(docs, embedder=embedder, cache_dir=cache)
        squad_run = run_squad(squad_assistant, squad_qs, paragraph_spans(docs, squad_qs), mode=GUARD_MODE,
                              k=settings.k, source=str(squad_path), progress=settings.progress)

    guard = None
    if settings.min_accuracy is not None:
        hybrid = next(r for r in mode_runs if r.mode == GUARD_MODE)
        guard = (hybrid.metrics.answers.lenient or 0.0) >= settings.min_accuracy

    files = None
    if settings.report is not None:
        from eval.report import write_report

        info = {
            "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "hoidap": _version(),
            "gold": ", ".join(f"`{p}`" for p in gold_paths),
            "questions": f"{len(questions)} ({sum(q.answerable for q in questions)} answerable, "
                         f"{sum(not q.answerable for q in questions)} unanswerable)",
            "articles": ", ".join(d.doc_id for d in assistant.documents),
            "embedder": type(embedder).__name__,
            "k": settings.k,
        }
        if settings.limit:
            info["limit"] = settings.limit
        if settings.min_accuracy is not None:
            info["min accuracy (hybrid, lenient)"] = f"{settings.min_accuracy} → {'pass' if guard else 'FAIL'}"
        files = write_report(settings.report, mode_runs, ablation_runs, squad_run, info)
    return SessionResult(modes=mode_runs, ablations=ablation_runs, squad=squad_run, guard_passed=guard,
                         report_files=files)
