"""One evaluation session: build assistants, run modes, ablations and SQuAD, print and write the report."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Sequence, TextIO

from index.config import MODES

from eval.errors import EvalError
from eval.gold import GoldQuestion, check_evidence, load_gold_files, resolve_gold_path
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
    rules: bool = False
    abstain_below: float | None = None
    curve: bool = False


@dataclass
class SessionResult:
    modes: list[ModeRun]
    ablations: list[ModeRun]
    squad: Any | None
    guard_passed: bool | None
    report_files: Any | None = None
    curve: list = field(default_factory=list)
    squad_curve: list = field(default_factory=list)
    squad_rules: list = field(default_factory=list)


def _version() -> str:
    try:
        return metadata.version("hoidap")
    except metadata.PackageNotFoundError:
        return "unknown"


def run_session(settings: EvalSettings, out: TextIO, err: TextIO) -> int:
    """Run everything asked for, print the summary, write the report; return the exit code."""
    result = evaluate(settings, err)
    from eval.report import kinds_table, sources_table, summary_table

    print("## Modes", file=out)
    print(summary_table(result.modes), file=out)
    if result.ablations:
        print("\n## Ablations", file=out)
        print(summary_table(result.ablations), file=out)
    print("\n## Lenient accuracy per kind", file=out)
    print(kinds_table([*result.modes, *result.ablations]), file=out)
    if len({s for r in result.modes for s in r.metrics.per_source}) > 1:
        print("\n## Lenient accuracy per file", file=out)
        print(sources_table(result.modes), file=out)
    if result.squad is not None:
        from eval.report import squad_section

        print("\n## SQuAD-style set", file=out)
        print(squad_section(result.squad), file=out)
    if result.curve or result.squad_curve or result.squad_rules:
        print("\n" + abstention_markdown(result.curve, result.squad_curve, result.squad_rules), file=out)
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


@dataclass
class _Group:
    """Questions asked of one set of articles (the bundled article, given articles, or one article of a set)."""

    label: str
    questions: list[GoldQuestion]
    articles: list[Path]


def _groups(settings: EvalSettings) -> tuple[list[_Group], list[str]]:
    from eval.articleset import all_questions, load_article_set, resolve_article_set

    single: list[str] = []
    groups: list[_Group] = []
    paths: list[str] = []
    for name in settings.gold or ["long-bien"]:
        folder = resolve_article_set(name)
        if folder is None:
            single.append(name)
            continue
        pairs = load_article_set(folder, settings.limit)
        all_questions(pairs)  # ids unique across the set
        groups += [_Group(p.name, list(p.questions), [p.article]) for p in pairs]
        paths.append(str(folder))
    if single:
        questions = load_gold_files(single, settings.limit)
        groups.insert(0, _Group("gold", questions, list(settings.articles)))
        paths = [str(resolve_gold_path(name)) for name in single] + paths
    return groups, paths


def _merged(runs: Sequence[ModeRun]) -> ModeRun:
    """One run over several groups of questions, measured together."""
    from eval.metrics import summarize

    first = runs[0]
    results = [r for run in runs for r in run.results]
    return ModeRun(name=first.name, mode=first.mode, results=results,
                   metrics=summarize([r.outcome for r in results]), description=first.description,
                   config=first.config)


def evaluate(settings: EvalSettings, err: TextIO | None = None) -> SessionResult:
    """Run the modes, ablations and SQuAD set of a session and write the report when asked."""
    modes = check_modes(settings.modes)
    if settings.min_accuracy is not None and GUARD_MODE not in modes:
        raise EvalError(f"--min-accuracy guards the {GUARD_MODE} mode; add {GUARD_MODE} to --modes")
    groups, gold_paths = _groups(settings)
    questions = [q for g in groups for q in g.questions]

    from index.embedder import embedder_named
    from qa import Assistant

    from eval.ablations import ABLATIONS, RULE_ABLATIONS, run_ablations
    from eval.runner import run_mode

    embedder = embedder_named(settings.embedder)  # one for the whole session: the model loads once
    cache = settings.cache_dir

    from qa.config import AnswerConfig

    base_answer = AnswerConfig()

    def factory_for(group: _Group) -> Any:
        def factory(config: Any = None, answer: Any = None) -> Any:
            answer = answer or base_answer
            if settings.abstain_below is not None:
                answer = answer.with_(abstain_below=settings.abstain_below)
            if group.articles:
                return Assistant.from_files([str(p) for p in group.articles], embedder=embedder, cache_dir=cache,
                                            config=config, answer_config=answer)
            return Assistant.default(embedder=embedder, cache_dir=cache, config=config, answer_config=answer)
        return factory

    factories = [factory_for(g) for g in groups]
    first = [f(None) for f in factories]
    documents = [d for a in first for d in a.documents]
    for group, assistant in zip(groups, first):
        problems = check_evidence(group.questions, "\n\n".join(d.text for d in assistant.documents))
        if problems and err is not None:
            print(f"hoidap: eval: warning: {len(problems)} evidence string(s) of {group.label} are not in its "
                  f"articles, so those questions cannot be answered right: " + "; ".join(problems[:5]), file=err)

    # A fresh assistant per mode (the index loads from the cache) so that no run's query-embedding cache
    # makes a later run look faster than it is.
    mode_runs = [
        _merged([run_mode(first[g] if i == 0 else factories[g](None), group.questions, mode, k=settings.k,
                          progress=settings.progress) for g, group in enumerate(groups)])
        for i, mode in enumerate(modes)
    ]
    ablation_runs: list[ModeRun] = []
    if settings.ablations:
        chosen = [*ABLATIONS, *RULE_ABLATIONS] if settings.rules else list(ABLATIONS)
    elif settings.rules:
        chosen = list(RULE_ABLATIONS)
    if settings.ablations or settings.rules:
        per_group = [run_ablations(f, g.questions, chosen, k=settings.k, progress=settings.progress)
                     for f, g in zip(factories, groups)]
        ablation_runs = [_merged([runs[i] for runs in per_group]) for i in range(len(chosen))]

    curve_points: list = []
    if settings.curve:
        from eval.abstention import Scored, curve

        never = base_answer.with_(abstain_below=0.0)
        items = []
        for f, g in zip(factories, groups):
            run = run_mode(f(None, never), g.questions, GUARD_MODE, k=settings.k, progress=settings.progress)
            items += [Scored(r.answer.confidence if r.answer.confidence is not None and not r.answer.abstained
                             else 0.0, r.question.answerable, r.judgement.lenient) for r in run.results]
        curve_points = curve(items)

    squad_run = None
    squad_curve: list = []
    squad_rules: list = []
    if settings.squad:
        from eval.squad import build_documents, load_squad, paragraph_spans, run_squad

        squad_path = Path(settings.squad)
        squad_qs = load_squad(squad_path)
        if settings.limit:
            squad_qs = squad_qs[:settings.limit]
        docs = build_documents(squad_qs)
        spans = paragraph_spans(docs, squad_qs)

        def squad_with(answer: Any) -> Any:
            a = Assistant.from_documents(docs, embedder=embedder, cache_dir=cache, answer_config=answer)
            return run_squad(a, squad_qs, spans, mode=GUARD_MODE, k=settings.k, source=str(squad_path),
                             progress=settings.progress)

        default_answer = base_answer if settings.abstain_below is None \
            else base_answer.with_(abstain_below=settings.abstain_below)
        squad_run = squad_with(default_answer)
        if settings.curve:
            from eval.abstention import Scored, curve

            never = squad_with(base_answer.with_(abstain_below=0.0))
            squad_curve = curve([Scored(r.confidence or 0.0, not r.question.is_impossible, r.hit_at_1)
                                 for r in never.results])
        if settings.rules:
            squad_rules = [(ab.name, squad_with(default_answer.with_(**ab.answer)).metrics) for ab in RULE_ABLATIONS]

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
            "articles": ", ".join(d.doc_id for d in documents),
            "embedder": type(embedder).__name__,
            "k": settings.k,
        }
        if settings.limit:
            info["limit"] = settings.limit
        if settings.min_accuracy is not None:
            info["min accuracy (hybrid, lenient)"] = f"{settings.min_accuracy} → {'pass' if guard else 'FAIL'}"
        files = write_report(settings.report, mode_runs, ablation_runs, squad_run, info)
    if files is not None and (curve_points or squad_curve or squad_rules):
        extra = Path(settings.report) / "abstention.md"
        extra.write_text(abstention_markdown(curve_points, squad_curve, squad_rules), "utf-8")
    return SessionResult(modes=mode_runs, ablations=ablation_runs, squad=squad_run, guard_passed=guard,
                         report_files=files, curve=curve_points, squad_curve=squad_curve, squad_rules=squad_rules)


def abstention_markdown(points: list, squad_points: list, squad_rules: list) -> str:
    """The abstention curves (gold sets and SQuAD-style set) and the rule ablations on the SQuAD-style set."""
    from eval.abstention import choose, curve_table

    parts = []
    if points:
        best = choose(points)
        parts += ["## Abstention curve (gold questions, hybrid)", "",
                  "Each row refuses the questions whose answer probability is below the threshold.", "",
                  curve_table(points), "",
                  f"Most accurate threshold refusing at most 5 % of answerable questions: {best.threshold:g} "
                  f"({100 * best.accuracy:.1f} %).", ""]
    if squad_points:
        parts += ["## Abstention curve (SQuAD-style set; 'accuracy' counts a top citation holding the answer)", "",
                  curve_table(squad_points), ""]
    if squad_rules:
        parts += ["## Rules switched off (SQuAD-style set)", "", "| run | hit@1 % | impossible refused % |",
                  "|---|---|---|"]
        parts += [f"| {name} | {100 * (m.hit_at_1 or 0):.1f} | {100 * (m.abstention.recall or 0):.1f} |"
                  for name, m in squad_rules]
    return "\n".join(parts) + "\n"
