"""Reports: Markdown, JSON and PNG charts are written; failures are listed with the answer given."""

from __future__ import annotations

import json

import pytest

from eval.errors import EvalError
from eval_fakes import Ans, Cite, Fig
from eval.gold import ExpectedFigure, GoldQuestion
from eval.report import markdown_table, pct, summary_table, write_report
from eval.runner import run_mode
from eval.squad import SquadQuestion, SquadResult, SquadRun, squad_metrics

SENT = "Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng, đạt 21% dự toán chi đầu năm."


class Fixed:
    def ask(self, question, history=None, mode="hybrid", k=5):
        if "bồi thường" in question:
            return Ans("Khoản chi là 478 tỷ đồng | [1]", citations=[Cite(SENT)],
                       figures=[Fig(478e9, "đồng", "478 tỷ đồng")])
        return Ans("Chi 478 tỷ đồng [1]", citations=[Cite(SENT)], figures=[Fig(478e9, "đồng", "478 tỷ đồng")])

    def search(self, query, k=5, mode="hybrid"):
        return []


QS = [
    GoldQuestion("g1", "Chi ngân sách bao nhiêu?", "figure", True, evidence=("478 tỷ đồng",),
                 figures=(ExpectedFigure(478e9, "đồng"),), source="a.jsonl"),
    GoldQuestion("g2", "Tiền bồi thường bao nhiêu?", "figure", True, evidence=("151 tỷ đồng",),
                 figures=(ExpectedFigure(151e9, "đồng"),), source="a.jsonl"),
    GoldQuestion("g3", "Dân số?", "unanswerable", False, source="b.jsonl"),
]


def _squad() -> SquadRun:
    q = SquadQuestion("s1", "Paris", "ctx", "Sông nào?", ("Seine",), False)
    results = [SquadResult(q, False, True, True, 1, "Seine", "Sông Seine", 3.0)]
    return SquadRun("x.jsonl", "hybrid", results, squad_metrics(results), {"Paris": 1})


def test_write_report_writes_markdown_json_and_non_empty_pngs(tmp_path):
    runs = [run_mode(Fixed(), QS, m, progress=False) for m in ("bm25", "hybrid")]
    abl = [run_mode(Fixed(), QS, "dense", name="dense-only", description="dense only", progress=False)]
    files = write_report(tmp_path / "out", runs, abl, _squad(), {"embedder": "Fake"})
    assert files.markdown.exists() and files.json.exists()
    assert [p.name for p in files.charts] == ["modes.png", "kinds.png"]
    for png in files.charts:
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 1000
    data = json.loads(files.json.read_text(encoding="utf-8"))
    assert set(data["modes"]) == {"bm25", "hybrid"} and set(data["ablations"]) == {"dense-only"}
    assert data["modes"]["hybrid"]["metrics"]["answers"]["lenient"] == pytest.approx(1 / 3)
    assert data["squad"]["metrics"]["hit_at_1"] == 1.0
    assert data["settings"] == {"embedder": "Fake"}
    assert (tmp_path / "out" / "squad_failures.jsonl").exists()


def test_markdown_report_lists_every_failed_question_with_the_answer_given(tmp_path):
    runs = [run_mode(Fixed(), QS, "hybrid", progress=False)]
    md = write_report(tmp_path, runs).markdown.read_text(encoding="utf-8")
    assert "### hybrid: 2 failed of 3" in md
    assert "#### g2 (figure) — Tiền bồi thường bao nhiêu?" in md
    assert "> Khoản chi là 478 tỷ đồng | [1]" in md          # the answer given, quoted as is
    assert "#### g3 (unanswerable)" in md and "answered a question the article cannot answer" in md
    assert "g1 (figure)" not in md
    assert "## Accuracy per question set" in md              # two source files → per-file table
    assert "![modes.png](modes.png)" in md


def test_summary_table_shows_undefined_metrics_as_a_dash():
    runs = [run_mode(Fixed(), QS[:1], "hybrid", progress=False)]
    table = summary_table(runs)
    assert table.splitlines()[0].startswith("| run | n | lenient % |")
    row = table.splitlines()[2].split(" | ")
    assert row[2] == "100.0" and "—" in row  # no unanswerable question → abstention precision undefined
    assert pct(None) == "—" and pct(0.8125) == "81.2"


def test_markdown_cells_escape_pipes():
    assert markdown_table(["a"], [["x|y"]]).splitlines()[2] == "| x\\|y |"


def test_write_report_refuses_an_empty_run(tmp_path):
    with pytest.raises(EvalError, match="nothing to report"):
        write_report(tmp_path, [])


def test_chart_axis_starts_near_the_smallest_value_so_close_scores_differ():
    from eval.report import axis_floor

    assert axis_floor([95.3, 98.8, 99.1]) == 90.0
    assert axis_floor([12.0, 98.0]) == 5.0
    assert axis_floor([0.0, 2.0]) == 0.0
    assert axis_floor([]) == 0.0


def test_chart_legend_lies_outside_the_bars_and_the_axis_shows_the_differences():
    from eval.report import bar_figure

    fig = bar_figure(["lenient", "MRR@10", "abst F1"],
                     [("bm25", [98.8, 88.1, 96.4]), ("dense", [95.3, 79.3, 89.1]), ("hybrid", [98.8, 89.8, 96.5])],
                     title="t", ylabel="%")
    fig.canvas.draw()
    [ax] = fig.axes
    [legend] = fig.legends
    assert legend.get_window_extent().x0 >= ax.get_window_extent().x1  # right of the plot, over no bar
    assert ax.get_ylim()[0] == 75.0
