"""Gold files: the packaged sets are valid and checked against the article; bad files fail with file and line."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eval.errors import GoldFormatError
from eval.gold import (
    GOLD_PATH, KINDS, SEED_DEV_PATH, check_evidence, load_gold, load_gold_files,
)
from index.errors import HoidapError

ARTICLE = Path(__file__).resolve().parents[1] / "index" / "data" / "long-bien-2024-04-15.txt"
GOOD = {"id": "x1", "question": "Chi ngân sách?", "kind": "figure", "answerable": True,
        "evidence": ["478 tỷ đồng"], "figures": [{"value": 478000000000, "unit": "đồng"}]}


def write(tmp_path: Path, *objs: object, name: str = "g.jsonl") -> Path:
    p = tmp_path / name
    p.write_text("\n".join(o if isinstance(o, str) else json.dumps(o, ensure_ascii=False) for o in objs) + "\n",
                 encoding="utf-8")
    return p


def test_packaged_gold_set_has_at_least_80_questions_of_every_kind():
    qs = load_gold(GOLD_PATH)
    kinds = Counter(q.kind for q in qs)
    assert len(qs) >= 80
    assert set(kinds) == KINDS
    unanswerable = [q for q in qs if not q.answerable]
    assert len(unanswerable) >= 12


def test_every_packaged_evidence_string_stands_verbatim_in_the_bundled_article():
    text = ARTICLE.read_text(encoding="utf-8")
    assert check_evidence(load_gold_files([GOLD_PATH, SEED_DEV_PATH]), text) == []


def test_packaged_gold_questions_do_not_copy_the_seed_questions():
    seed = {q.question for q in load_gold(SEED_DEV_PATH)}
    assert not seed & {q.question for q in load_gold(GOLD_PATH)}


def test_packaged_gold_covers_each_figure_unit_type():
    units = {f.unit for q in load_gold(GOLD_PATH) for f in q.figures}
    assert {"đồng", "%", "m²", "date", "lần"} <= units
    assert any("/" in a for q in load_gold(GOLD_PATH) for a in q.accept)  # a fraction (14/14)


def test_packaged_seed_set_has_its_36_questions():
    assert len(load_gold(SEED_DEV_PATH)) == 36


def test_check_evidence_names_the_question_whose_evidence_is_missing(tmp_path):
    qs = load_gold(write(tmp_path, GOOD))
    assert check_evidence(qs, "Chi ngân sách 478 tỷ đồng.") == []
    assert check_evidence(qs, "nothing here") == ["x1: evidence '478 tỷ đồng' is not in the article"]


def test_gold_error_names_file_and_line_for_invalid_json(tmp_path):
    p = write(tmp_path, GOOD, "", "{not json")
    with pytest.raises(GoldFormatError, match=r"g\.jsonl:3: not valid JSON") as info:
        load_gold(p)
    assert info.value.line == 3 and isinstance(info.value, HoidapError)


@pytest.mark.parametrize("change, message", [
    ({"kind": "number"}, "kind 'number' is not one of"),
    ({"answerable": "yes"}, "'answerable' must be true or false"),
    ({"evidences": ["x"]}, "unknown field"),
    ({"figures": [{"value": "478", "unit": "đồng"}]}, "must be a number"),
    ({"figures": [{"value": "9-1-2024", "unit": "date"}]}, "ISO 'YYYY-MM-DD'"),
    ({"figures": [{"value": 1}]}, "exactly 'value' and 'unit'"),
    ({"evidence": "478 tỷ đồng"}, "list of non-empty strings"),
    ({"kind": "unanswerable"}, "needs \"answerable\": false"),
    ({"answerable": False, "kind": "unanswerable"}, "cannot have evidence"),
    ({"kind": "followup"}, "needs a non-empty 'history'"),
    ({"question": "  "}, "'question' must be a non-empty string"),
])
def test_gold_validation_errors_say_what_to_fix(tmp_path, change, message):
    p = write(tmp_path, GOOD, {**GOOD, "id": "x2", **change})
    with pytest.raises(GoldFormatError, match=r"g\.jsonl:2: ") as info:
        load_gold(p)
    assert message in str(info.value)


def test_missing_required_field_is_named(tmp_path):
    bad = {k: v for k, v in GOOD.items() if k != "kind"}
    with pytest.raises(GoldFormatError, match="missing required field 'kind'"):
        load_gold(write(tmp_path, bad))


def test_duplicate_ids_are_rejected_within_and_across_files(tmp_path):
    with pytest.raises(GoldFormatError, match="duplicate id 'x1' \\(first used on line 1\\)"):
        load_gold(write(tmp_path, GOOD, GOOD))
    a, b = write(tmp_path, GOOD, name="a.jsonl"), write(tmp_path, GOOD, name="b.jsonl")
    with pytest.raises(GoldFormatError, match="also used in"):
        load_gold_files([a, b])


def test_missing_and_empty_files_fail_with_a_hint(tmp_path):
    with pytest.raises(GoldFormatError, match="no such file; give a JSONL path or one of: long-bien, seed-dev"):
        load_gold(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="contains no questions"):
        load_gold(tmp_path / "empty.jsonl")


def test_packaged_sets_resolve_by_name():
    assert len(load_gold_files(["long-bien", "seed-dev"])) == len(load_gold(GOLD_PATH)) + 36
