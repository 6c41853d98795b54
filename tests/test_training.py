"""Training the answer models: seeded and reproducible, from questions on our own articles, loadable as shipped."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eval.training import evidence_problems, extract, fit_models, training_sets
from index.embedder import HashEmbedder
from qa import Assistant
from qa.selector import load_models, save_models

ARTICLE = """Kênh mới của thành phố

Thứ bảy, 17/2/2024, 13:08 (GMT+7)

Thành phố dự kiến làm đường dọc kênh dài gần 32 km với tổng vốn 12.000 tỷ đồng.

Đường rộng 7 m mỗi bên, thi công từ tháng 6/2024 và hoàn thành năm 2026.

Chủ đầu tư là Ban quản lý dự án hạ tầng, do ông Nguyễn Văn An làm giám đốc.

Dự án cần 1,8 triệu m3 cát san lấp, trong đó 40% lấy từ mỏ ở Long An.

Gia Minh
"""

QUESTIONS = [
    {"id": "t01", "question": "Đường dọc kênh dài bao nhiêu?", "kind": "figure", "answerable": True,
     "evidence": ["dài gần 32 km"]},
    {"id": "t02", "question": "Tổng vốn dự án là bao nhiêu?", "kind": "figure", "answerable": True,
     "evidence": ["tổng vốn 12.000 tỷ đồng"], "figures": [{"value": 12000000000000, "unit": "đồng"}]},
    {"id": "t03", "question": "Ai làm giám đốc ban quản lý?", "kind": "person", "answerable": True,
     "evidence": ["ông Nguyễn Văn An"]},
    {"id": "t04", "question": "Bao nhiêu phần trăm cát lấy từ Long An?", "kind": "figure", "answerable": True,
     "evidence": ["40% lấy từ mỏ ở Long An"], "figures": [{"value": 40, "unit": "%"}]},
    {"id": "t05", "question": "Khi nào hoàn thành đường?", "kind": "date", "answerable": True,
     "evidence": ["hoàn thành năm 2026"]},
    {"id": "t06", "question": "Giá vé qua đường là bao nhiêu?", "kind": "unanswerable", "answerable": False},
    {"id": "t07", "question": "Dự án thu hồi bao nhiêu hộ dân?", "kind": "unanswerable", "answerable": False},
]


def _data(tmp_path: Path, n_articles: int = 3) -> Path:
    data = tmp_path / "training"
    (data / "articles").mkdir(parents=True)
    (data / "questions").mkdir()
    for i in range(n_articles):
        (data / "articles" / f"a{i}.txt").write_text(ARTICLE.replace("kênh", f"kênh số {i}"), "utf-8")
        rows = [dict(q, id=f"a{i}-{q['id']}") for q in QUESTIONS]
        (data / "questions" / f"a{i}.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                                                        "utf-8")
    return data


def _examples(tmp_path: Path):
    emb = HashEmbedder()
    sets = training_sets(_data(tmp_path), borrowed=0)
    make = lambda p: Assistant.from_files([p], embedder=emb, cache_dir=tmp_path / "cache", models=object())
    return extract(sets, make)


def test_features_are_extracted_for_every_question_with_labels_from_the_evidence(tmp_path: Path) -> None:
    ex = _examples(tmp_path)
    assert len(ex.x) == 3 * len(QUESTIONS)
    for y, answerable in zip(ex.y, ex.answerable):
        assert y.any() == answerable  # the short article's candidates always hold the answer sentence


def test_training_is_reproducible_for_a_seed_and_the_result_loads(tmp_path: Path) -> None:
    ex = _examples(tmp_path)
    ex.fig_x = ex.fig_x or [np.eye(15)[:2]]
    ex.fig_y = ex.fig_y or [np.array([1.0, 0.0])]
    a, stats = fit_models(ex, seed=3, folds=3)
    b, _ = fit_models(ex, seed=3, folds=3)
    assert a.sentence.to_dict() == b.sentence.to_dict()
    assert np.array_equal(a.abstain.coef, b.abstain.coef)
    assert stats["questions"] == len(ex.x) and stats["articles"] == 3
    path = save_models(a, tmp_path / "m.json")
    assert load_models(path).sentence.to_dict() == a.sentence.to_dict()


def test_the_trained_ranker_prefers_the_evidence_sentence_on_its_training_questions(tmp_path: Path) -> None:
    ex = _examples(tmp_path)
    ex.fig_x = ex.fig_x or [np.eye(15)[:2]]
    ex.fig_y = ex.fig_y or [np.array([1.0, 0.0])]
    models, _ = fit_models(ex, seed=0, folds=3)
    right = sum(bool(y[int(np.argmax(models.sentence.logits(x)))]) for x, y, a in zip(ex.x, ex.y, ex.answerable) if a)
    assert right >= 0.8 * sum(ex.answerable)


def test_a_folder_without_questions_is_refused_with_what_to_do(tmp_path: Path) -> None:
    from eval.errors import EvalError

    with pytest.raises(EvalError, match="questions/"):
        training_sets(tmp_path)


def test_each_article_is_also_asked_other_articles_questions_as_unanswerable(tmp_path: Path) -> None:
    sets = training_sets(_data(tmp_path), borrowed=2, seed=1)
    for s in sets:
        extra = [q for q in s.questions if "@" in q.id]
        assert len(extra) == 2 and all(not q.answerable for q in extra)
        assert all(not q.id.startswith(s.name + "-") for q in extra)  # borrowed from another article
    again = training_sets(_data(tmp_path / "again"), borrowed=2, seed=1)
    assert [q.id for s in sets for q in s.questions] == [q.id for s in again for q in s.questions]


def test_near_miss_questions_are_read_only_when_asked_and_must_belong_to_an_article(tmp_path: Path) -> None:
    from eval.errors import EvalError
    from eval.training import NEAR_MISS

    data = _data(tmp_path, n_articles=2)
    (data / NEAR_MISS).mkdir()
    row = {"id": "a0-n01", "question": "Giá vé qua đường dọc kênh số 0 là bao nhiêu?", "kind": "unanswerable",
           "answerable": False}
    (data / NEAR_MISS / "a0.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", "utf-8")
    ids = lambda sets: {s.name: [q.id for q in s.questions] for s in sets}
    plain, with_near = ids(training_sets(data, borrowed=0)), ids(training_sets(data, borrowed=0, near_miss=True))
    assert with_near["a0"] == plain["a0"] + ["a0-n01"] and with_near["a1"] == plain["a1"]
    (data / NEAR_MISS / "gone.jsonl").write_text(json.dumps(dict(row, id="g-n01"), ensure_ascii=False), "utf-8")
    with pytest.raises(EvalError, match="gone.jsonl"):
        training_sets(data, near_miss=True)
    assert ids(training_sets(data, borrowed=0)) == plain  # left out by default, whatever the folder holds


def test_evidence_no_single_sentence_holds_and_ids_reused_across_files_are_reported(tmp_path: Path) -> None:
    data = _data(tmp_path, n_articles=2)
    gold = data / "questions" / "a0.jsonl"
    rows = [json.loads(line) for line in gold.read_text("utf-8").splitlines()]
    rows[0]["evidence"] = ["dài gần 32 km", "rộng 7 m"]        # two sentences: no candidate would be labelled
    rows[1]["id"] = "a1-t03"                                    # an id of the other article's file
    rows[3].pop("evidence")
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    problems = evidence_problems(training_sets(data, borrowed=0))
    assert len(problems) == 3
    assert any("no sentence" in p and rows[0]["id"] in p for p in problems)
    assert any("used twice" in p and "a1-t03" in p for p in problems)
    assert any("no evidence" in p and rows[3]["id"] in p for p in problems)
    assert evidence_problems(training_sets(_data(tmp_path / "clean", n_articles=2), borrowed=0)) == []


def test_every_shipped_training_question_has_evidence_one_sentence_of_its_article_holds() -> None:
    data = Path(__file__).resolve().parent.parent / "training"
    sets = training_sets(data, borrowed=0)
    assert len(sets) >= 30 and sum(len(s.questions) for s in sets) >= 600
    assert evidence_problems(sets) == []


def test_the_shipped_near_miss_questions_are_unanswerable_with_ids_of_their_own() -> None:
    data = Path(__file__).resolve().parent.parent / "training"
    plain = {q.id for s in training_sets(data, borrowed=0) for q in s.questions}
    sets = training_sets(data, borrowed=0, near_miss=True)
    extra = [q for s in sets for q in s.questions if q.id not in plain]
    assert len(extra) >= 300 and all(q.kind == "unanswerable" and not q.answerable for q in extra)
    assert evidence_problems(sets) == []  # no id of questions/ used again


def test_two_training_runs_from_scratch_write_the_same_file_byte_for_byte(tmp_path: Path) -> None:
    from qa.cli import main

    data = _data(tmp_path, n_articles=5)
    outs = [tmp_path / "first.json", tmp_path / "second.json"]
    for i, out in enumerate(outs):
        assert main(["train", "--data", str(data), "--out", str(out), "--embedder", "hash", "--no-bundled",
                     "--borrowed", "1", "--cache-dir", str(tmp_path / f"cache{i}")]) == 0
    assert outs[0].read_bytes() == outs[1].read_bytes()
    trained = load_models(outs[0]).trained
    assert trained["questions"] == 5 * len(QUESTIONS) + 5 and "seconds" not in trained


def test_training_without_lightgbm_installed_says_which_extra_to_install(tmp_path: Path, monkeypatch, capsys) -> None:
    import importlib.util

    from qa.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "lightgbm" else real(name, *a))
    out = tmp_path / "models.json"
    assert main(["train", "--data", str(_data(tmp_path, n_articles=2)), "--out", str(out), "--embedder", "hash",
                 "--no-bundled"]) == 1
    err = capsys.readouterr().err
    assert "training needs lightgbm" in err and "hoidap[train]" in err and "Traceback" not in err
    assert not out.exists()


def _groups(rng: np.random.Generator, n: int, size: int = 6,
            offset: float = 5.0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Questions whose answer candidate stands out on feature 0 only relative to its own question's candidates:
    each question shifts all of its candidates by its own offset (as the scores of one question do)."""
    out = []
    for _ in range(n):
        x = rng.normal(size=(size, 3))
        x[:, 0] += rng.normal(scale=offset)
        y = np.zeros(size)
        y[rng.integers(size)] = 1.0
        x[y > 0, 0] += 1.5
        out.append((x, y))
    return out


def test_the_listwise_ranker_learns_what_tells_one_questions_candidates_apart() -> None:
    from eval.training import fit_listwise

    rng = np.random.default_rng(0)
    train, test = _groups(rng, 400), _groups(rng, 200)
    m = fit_listwise(train, ("a", "b", "c"), lam=0.1)
    assert m.coef[0] > 5 * max(abs(m.coef[1]), abs(m.coef[2]))
    right = sum(bool(y[int(np.argmax(m.logits(x)))]) for x, y in test)
    assert right >= 0.6 * len(test)   # chance is 1 in 6


def test_the_listwise_ranker_is_deterministic_and_its_penalty_shrinks_the_weights() -> None:
    from eval.training import fit_listwise

    groups = _groups(np.random.default_rng(1), 100)
    a = fit_listwise(groups, ("a", "b", "c"), lam=0.1)
    b = fit_listwise(groups, ("a", "b", "c"), lam=0.1)
    strong = fit_listwise(groups, ("a", "b", "c"), lam=100.0)
    assert np.array_equal(a.coef, b.coef) and a.intercept == 0.0
    assert np.linalg.norm(strong.coef) < np.linalg.norm(a.coef)


def test_the_boosted_stumps_learn_what_tells_one_questions_candidates_apart() -> None:
    from eval.training import StumpRanker, fit_stumps

    rng = np.random.default_rng(0)
    # No offset per question: a step function of a raw value cannot subtract it (the features give relative
    # values for that, such as fused_rel).
    train, test = _groups(rng, 400, offset=0.0), _groups(rng, 200, offset=0.0)
    m = fit_stumps(train, ("a", "b", "c"), seed=0, how=StumpRanker(rounds=200, bags=2))
    right = sum(bool(y[int(np.argmax(m.logits(x)))]) for x, y in test)
    assert right >= 0.5 * len(test)   # chance is 1 in 6; knowing the rule gives about 0.6
    spread = [float(np.ptp(s)) for s in m.steps]
    assert spread[0] > 3 * max(spread[1], spread[2])   # the feature that marks the answer carries the score


def test_the_collapsed_stumps_score_as_the_lightgbm_ensembles_they_come_from() -> None:
    from eval.training import StumpRanker, fit_stumps, stump_ranker

    groups = _groups(np.random.default_rng(2), 150)
    how = StumpRanker(rounds=120, bags=3)
    m = fit_stumps(groups, ("a", "b", "c"), seed=5, how=how)
    x = np.vstack([g[0] for g in groups])
    y = np.concatenate([g[1] for g in groups]).astype(np.int32)
    # Rows whose first feature stands exactly on each of its cuts: a tie must take the lower step, as "<=" does.
    on_cuts = np.tile(np.median(x, axis=0), (len(m.cuts[0]), 1))
    on_cuts[:, 0] = m.cuts[0]
    probe = np.vstack([x, on_cuts])
    mean = np.zeros(len(probe))
    for b in range(how.bags):
        r = stump_ranker(how, 5 + b)
        r.fit(x, y, group=[len(g[0]) for g in groups])
        mean += r.predict(probe) / how.bags
    assert len(m.cuts[0]) > 0
    assert np.allclose(m.logits(probe), mean, atol=1e-9)


def test_the_boosted_stumps_are_deterministic_for_a_seed() -> None:
    from eval.training import StumpRanker, fit_stumps

    groups = _groups(np.random.default_rng(1), 100)
    how = StumpRanker(rounds=100, bags=2)
    a = fit_stumps(groups, ("a", "b", "c"), seed=0, how=how)
    b = fit_stumps(groups, ("a", "b", "c"), seed=0, how=how)
    assert a.to_dict() == b.to_dict()
