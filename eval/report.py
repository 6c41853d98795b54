"""Reports: a Markdown page, the same numbers as JSON, and PNG charts (matplotlib, Agg backend)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

from eval.errors import EvalError
from eval.runner import ModeRun, QuestionResult
from eval.squad import SquadRun

REPORT_MD = "report.md"
REPORT_JSON = "report.json"
MODES_PNG = "modes.png"
KINDS_PNG = "kinds.png"
SQUAD_FAILURES = "squad_failures.jsonl"


@dataclass(frozen=True)
class ReportFiles:
    markdown: Path
    json: Path
    charts: tuple[Path, ...] = field(default_factory=tuple)
    extra: tuple[Path, ...] = field(default_factory=tuple)


def pct(value: float | None) -> str:
    """0.8125 → "81.2"; None → "—"."""
    return "—" if value is None else f"{100 * value:.1f}"


def ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


SUMMARY_HEADER = ("run", "n", "lenient %", "strict %", "figures %", "R@1", "R@3", "R@5", "MRR@10", "nDCG@5",
                  "abst P", "abst R", "abst F1", "p50 ms", "p95 ms")


def summary_rows(runs: Sequence[ModeRun]) -> list[list[str]]:
    rows = []
    for r in runs:
        m = r.metrics
        rows.append([r.name, str(m.answers.n), pct(m.answers.lenient), pct(m.answers.strict),
                     pct(m.figure_accuracy), pct(m.retrieval.recall_at_1), pct(m.retrieval.recall_at_3),
                     pct(m.retrieval.recall_at_5), pct(m.retrieval.mrr_at_10), pct(m.retrieval.ndcg_at_5),
                     pct(m.abstention.precision), pct(m.abstention.recall), pct(m.abstention.f1),
                     ms(m.latency.p50_ms), ms(m.latency.p95_ms)])
    return rows


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def cell(s: str) -> str:
        return str(s).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def summary_table(runs: Sequence[ModeRun]) -> str:
    """The runs compared, as a Markdown table (also printed by ``hoidap eval``)."""
    return markdown_table(SUMMARY_HEADER, summary_rows(runs))


def kinds_table(runs: Sequence[ModeRun]) -> str:
    kinds = sorted({k for r in runs for k in r.metrics.per_kind})
    header = ["kind", "n", *[f"{r.name} %" for r in runs]]
    rows = []
    for k in kinds:
        n = next((r.metrics.per_kind[k].n for r in runs if k in r.metrics.per_kind), 0)
        rows.append([k, str(n), *[pct(r.metrics.per_kind[k].lenient) if k in r.metrics.per_kind else "—"
                                  for r in runs]])
    return markdown_table(header, rows)


def sources_table(runs: Sequence[ModeRun]) -> str:
    sources = sorted({s for r in runs for s in r.metrics.per_source})
    header = ["question set", "n", *[f"{r.name} %" for r in runs]]
    rows = [[s, str(next(r.metrics.per_source[s].n for r in runs if s in r.metrics.per_source)),
             *[pct(r.metrics.per_source[s].lenient) if s in r.metrics.per_source else "—" for r in runs]]
            for s in sources]
    return markdown_table(header, rows)


def _expected(result: QuestionResult) -> str:
    q = result.question
    if not q.answerable:
        return "abstain (the article does not say)"
    parts = []
    if q.figures:
        parts.append("figures " + ", ".join(f"{f.value} {f.unit}" for f in q.figures))
    if q.evidence:
        parts.append("evidence " + " · ".join(f"“{e}”" for e in q.evidence))
    if q.accept:
        parts.append("accept " + " / ".join(f"“{a}”" for a in q.accept))
    return "; ".join(parts)


def _quote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in text.splitlines()) or "> (empty)"


def failures_section(run: ModeRun) -> str:
    fails = run.failures
    out = [f"### {run.name}: {len(fails)} failed of {len(run.results)}", ""]
    for r in fails:
        q = r.question
        out.append(f"#### {q.id} ({q.kind}) — {q.question}")
        if q.history:
            out.append("History: " + " → ".join(q.history))
        out.append(f"- expected: {_expected(r)}")
        out.append(f"- why wrong: {'; '.join(r.judgement.reasons)}")
        if r.answer.error:
            out.append(f"- error: {r.answer.error}")
        else:
            out.append(f"- abstained: {'yes' if r.answer.abstained else 'no'}")
            if r.answer.figures:
                shown = "; ".join(f"{f['text']} = {f['value']} {f['unit']}" for f in r.answer.figures)
                out.append(f"- figures: {shown}")
            if r.answer.citations:
                out.append(f"- top citation: “{r.answer.citations[0]}”")
            out.append("- answer given:")
            out.append("")
            out.append(_quote(r.answer.text))
        out.append("")
    return "\n".join(out)


def squad_section(run: SquadRun) -> str:
    m = run.metrics
    header = ["mode", "n", "answerable", "impossible", "accuracy %", "hit@1 %", "hit@3 %",
              *[f"ctx R@{k} %" for k in m.context_recall], "abst P", "abst R", "abst F1", "p50 ms", "p95 ms"]
    row = [run.mode, str(m.n), str(m.answerable), str(m.impossible), pct(m.accuracy), pct(m.hit_at_1),
           pct(m.hit_at_3), *[pct(v) for v in m.context_recall.values()], pct(m.abstention.precision),
           pct(m.abstention.recall), pct(m.abstention.f1), ms(m.latency.p50_ms), ms(m.latency.p95_ms)]
    docs = ", ".join(f"{t} ({n} paragraph{'s' if n != 1 else ''})" for t, n in run.documents.items())
    return "\n".join([
        f"Source: `{run.source}` — articles: {docs}.", "",
        "hit@k: one of the top k citations holds a gold answer (answerable questions); ctx R@k: a top-k "
        "retrieved chunk lies inside the question's paragraph; abstention on `is_impossible`.", "",
        markdown_table(header, [row]), "",
        f"{len(run.failures)} questions answered wrong; they are listed in `{SQUAD_FAILURES}`.",
    ])


def _metrics_dict(run: ModeRun) -> dict:
    return {
        "mode": run.mode, "description": run.description, "config": run.config,
        "metrics": run.metrics.to_dict(),
        "results": [{"id": r.question.id, "kind": r.question.kind, "source": r.question.source,
                     "strict": r.judgement.strict, "lenient": r.judgement.lenient,
                     "abstained": r.answer.abstained, "latency_ms": r.outcome.latency_ms,
                     "reasons": list(r.judgement.reasons)} for r in run.results],
        "failures": [{"question": r.question.to_dict(), "reasons": list(r.judgement.reasons),
                      "answer": asdict(r.answer)} for r in run.failures],
    }


def _squad_dict(run: SquadRun) -> dict:
    m = asdict(run.metrics)
    m["context_recall"] = {str(k): v for k, v in run.metrics.context_recall.items()}
    return {"source": run.source, "mode": run.mode, "documents": run.documents, "metrics": m,
            "failed": len(run.failures)}


def report_data(modes: Sequence[ModeRun], ablations: Sequence[ModeRun] = (), squad: SquadRun | None = None,
                settings: dict[str, Any] | None = None) -> dict:
    """The report's numbers as a JSON-ready dict."""
    return {
        "settings": dict(settings or {}),
        "modes": {r.name: _metrics_dict(r) for r in modes},
        "ablations": {r.name: _metrics_dict(r) for r in ablations},
        "squad": _squad_dict(squad) if squad is not None else None,
    }


def render_markdown(modes: Sequence[ModeRun], ablations: Sequence[ModeRun] = (), squad: SquadRun | None = None,
                    settings: dict[str, Any] | None = None, charts: Sequence[str] = ()) -> str:
    settings = dict(settings or {})
    out = ["# hoidap evaluation report", ""]
    for key, value in settings.items():
        out.append(f"- **{key}**: {value}")
    out += ["", "Lenient: not abstained, a top-3 citation holds every evidence string, every expected figure is "
            "reported (same value and unit) and an accept string appears. Strict also needs the evidence in the "
            "first citation and the expected figures first. Unanswerable questions are right only when the "
            "assistant abstains. Retrieval metrics count a chunk as relevant when it holds all evidence strings "
            "(questions with evidence; a follow-up is searched with the question as the assistant resolved it). "
            "Numbers are percentages; latency is that of the final question's `ask`.", ""]
    out += ["## Modes compared", "", summary_table(modes), ""]
    if ablations:
        out += ["## Ablations", ""]
        out += [f"- **{r.name}** ({r.mode}): {r.description}" + (f" — `{r.config}`" if r.config else "")
                for r in ablations]
        out += ["", summary_table(ablations), ""]
    runs = [*modes, *ablations]
    out += ["## Accuracy per kind (lenient)", "", kinds_table(runs), ""]
    if len({s for r in modes for s in r.metrics.per_source}) > 1:
        out += ["## Accuracy per question set (lenient)", "", sources_table(runs), ""]
    for c in charts:
        out += [f"![{c}]({c})", ""]
    if squad is not None:
        out += ["## External check: SQuAD-style set", "", squad_section(squad), ""]
    out += ["## Failed questions", "", "Every question judged wrong (lenient), per mode, with the answer given.", ""]
    out += [failures_section(r) for r in modes]
    return "\n".join(out).rstrip() + "\n"


def axis_floor(values: Sequence[float], margin: float = 3.0, step: float = 5.0) -> float:
    """Where a percentage axis starts so that close values stay apart: a little under the smallest, on a step."""
    shown = [v for v in values if v > 0]
    if not shown:
        return 0.0
    return max(0.0, step * ((min(shown) - margin) // step))


def bar_figure(groups: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *, title: str, ylabel: str,
               rotate: bool = False) -> Any:
    """Grouped bars, the axis starting near the smallest value, the legend outside the plot on the right,
    each bar labelled with its value when there are few enough to read (a matplotlib Figure)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    bars = len(groups) * len(series)
    fig = Figure(figsize=(min(15.0, max(7.5, 0.32 * bars + 3.5)), 4.8), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    width = 0.8 / max(1, len(series))
    floor = axis_floor([v for _, values in series for v in values])
    for i, (name, values) in enumerate(series):
        drawn = ax.bar([j + i * width for j in range(len(groups))], values, width, label=name)
        if bars <= 24:
            ax.bar_label(drawn, labels=[f"{v:.1f}" if v else "" for v in values], fontsize=7, padding=1)
    ax.set_xticks([j + width * (len(series) - 1) / 2 for j in range(len(groups))], list(groups),
                  rotation=30 if rotate else 0, ha="right" if rotate else "center")
    ax.set_ylim(floor, 100.5 if bars > 24 else 102)
    ax.set_ylabel(ylabel + (f" (axis from {floor:.0f})" if floor else ""))
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    fig.legend(loc="outside right upper", fontsize="small")
    return fig


def _save(fig: Any, path: Path) -> Path:
    fig.savefig(path, dpi=110)
    return path


def write_charts(directory: Path, modes: Sequence[ModeRun], ablations: Sequence[ModeRun] = ()) -> tuple[Path, ...]:
    """modes.png (runs compared on accuracy and retrieval) and kinds.png (lenient accuracy per kind)."""
    runs = [*modes, *ablations]
    metrics = [("lenient", lambda m: m.answers.lenient), ("strict", lambda m: m.answers.strict),
               ("figures", lambda m: m.figure_accuracy), ("R@5", lambda m: m.retrieval.recall_at_5),
               ("MRR@10", lambda m: m.retrieval.mrr_at_10), ("abst F1", lambda m: m.abstention.f1)]
    series = [(r.name, [100 * (get(r.metrics) or 0.0) for _, get in metrics]) for r in runs]
    modes_png = _save(bar_figure([n for n, _ in metrics], series, title="Modes and ablations compared", ylabel="%"),
                      directory / MODES_PNG)
    kinds = sorted({k for r in runs for k in r.metrics.per_kind})
    shown = list(modes) or runs
    series = [(r.name, [100 * (r.metrics.per_kind[k].lenient or 0.0) if k in r.metrics.per_kind else 0.0
                        for k in kinds]) for r in shown]
    kinds_png = _save(bar_figure(kinds, series, title="Accuracy per kind of question", ylabel="lenient accuracy %",
                                 rotate=True), directory / KINDS_PNG)
    return modes_png, kinds_png


def write_report(directory: str | Path, modes: Sequence[ModeRun], ablations: Sequence[ModeRun] = (),
                 squad: SquadRun | None = None, settings: dict[str, Any] | None = None) -> ReportFiles:
    """Write report.md, report.json, modes.png, kinds.png (and squad_failures.jsonl) into a directory."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EvalError(f"cannot create report directory {directory}: {exc.strerror}; pass another --report") from None
    if not modes and not ablations:
        raise EvalError("nothing to report: no mode or ablation was run")
    charts = write_charts(directory, modes, ablations)
    extra: list[Path] = []
    if squad is not None:
        path = directory / SQUAD_FAILURES
        with path.open("w", encoding="utf-8") as fh:
            for r in squad.failures:
                fh.write(json.dumps({"id": r.question.id, "title": r.question.title, "question": r.question.question,
                                     "answers": list(r.question.answers), "is_impossible": r.question.is_impossible,
                                     "abstained": r.abstained, "top_citation": r.top_citation,
                                     "answer": r.answer_text, "error": r.error}, ensure_ascii=False) + "\n")
        extra.append(path)
    md = directory / REPORT_MD
    md.write_text(render_markdown(modes, ablations, squad, settings, [c.name for c in charts]), encoding="utf-8")
    js = directory / REPORT_JSON
    js.write_text(json.dumps(report_data(modes, ablations, squad, settings), ensure_ascii=False, indent=2),
                  encoding="utf-8")
    return ReportFiles(markdown=md, json=js, charts=charts, extra=tuple(extra))
