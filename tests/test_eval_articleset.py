"""Article sets: each article of a folder judged against its own gold file, reported per file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.articleset import load_article_set, resolve_article_set
from eval.errors import EvalError
from eval.session import EvalSettings, evaluate

A = "Tin một\n\nThứ hai, 1/1/2024, 08:00 (GMT+7)\n\nThu ngân sách năm 2023 đạt 1.200 tỷ đồng.\n\nKhánh Linh\n"
B = "Tin hai\n\n02/01/2024\n\nCông ty có 250 nhân viên ở Đà Nẵng.\n"


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "set"
    d.mkdir()
    (d / "a.txt").write_text(A, "utf-8")
    (d / "b.txt").write_text(B, "utf-8")
    qa = {"id": "a1", "question": "Thu ngân sách năm 2023 đạt bao nhiêu?", "kind": "figure", "answerable": True,
          "evidence": ["đạt 1.200 tỷ đồng"]}
    qb = {"id": "b1", "question": "Công ty có bao nhiêu nhân viên?", "kind": "figure", "answerable": True,
          "evidence": ["250 nhân viên"]}
    (d / "a.jsonl").write_text(json.dumps(qa, ensure_ascii=False), "utf-8")
    (d / "b.jsonl").write_text(json.dumps(qb, ensure_ascii=False), "utf-8")
    return d


def test_each_gold_file_is_paired_with_the_article_of_its_name(tmp_path: Path) -> None:
    pairs = load_article_set(_folder(tmp_path))
    assert [(p.article.name, p.gold.name, len(p.questions)) for p in pairs] == [("a.txt", "a.jsonl", 1),
                                                                                 ("b.txt", "b.jsonl", 1)]


def test_a_gold_file_without_its_article_is_refused_by_name(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    (d / "b.txt").unlink()
    with pytest.raises(EvalError, match="b.jsonl has no article"):
        load_article_set(d)


def test_the_news_name_without_the_folder_says_how_to_point_at_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOIDAP_NEWS_DIR", str(tmp_path / "absent"))
    with pytest.raises(EvalError, match="HOIDAP_NEWS_DIR"):
        resolve_article_set("news")


def test_an_article_set_is_answered_one_article_at_a_time_and_reported_per_file(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    result = evaluate(EvalSettings(gold=[str(d)], modes=["hybrid"], ablations=False, embedder="hash",
                                   cache_dir=tmp_path / "cache", progress=False))
    run = result.modes[0]
    assert run.metrics.answers.n == 2
    assert set(run.metrics.per_source) == {"a.jsonl", "b.jsonl"}
    # each question is searched in its own article only: the one sentence with the evidence comes first
    assert all(r.outcome.relevance and r.outcome.relevance[0] for r in run.results)
