"""The answer models file: loaded and verified without pickle, damage and feature drift refused with a clear error."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qa.features import FEATURES
from qa.figure_choice import FIGURE_FEATURES
from qa.selector import ModelFileError, abstain_features, default_model_path, load_models, save_models


def test_the_packaged_models_load_with_the_features_this_code_computes() -> None:
    m = load_models()
    assert m.sentence.features == FEATURES
    assert m.abstain.features == abstain_features()
    assert m.figure.features == FIGURE_FEATURES
    assert m.trained["questions"] >= 600 and m.trained["articles"] >= 30


def test_a_saved_model_loads_back_with_the_same_scores(tmp_path: Path) -> None:
    m = load_models()
    path = save_models(m, tmp_path / "models.json")
    again = load_models(path)
    x = np.random.default_rng(0).normal(size=(4, len(FEATURES)))
    assert np.allclose(m.sentence.logits(x), again.sentence.logits(x))
    assert again.checksum == m.to_dict()["sha256"]


def test_a_bit_flip_in_the_weights_is_refused(tmp_path: Path) -> None:
    data = json.loads(default_model_path().read_text("utf-8"))
    steps = next(st for st in data["models"]["sentence"]["steps"] if st)
    steps[0] += 1.0
    path = tmp_path / "models.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ModelFileError, match="damaged"):
        load_models(path)


def test_models_trained_on_other_features_ask_for_retraining(tmp_path: Path) -> None:
    from qa.selector import _digest

    data = json.loads(default_model_path().read_text("utf-8"))
    data["models"]["sentence"]["features"][0] = "something_else"
    data["sha256"] = _digest(data["models"])
    path = tmp_path / "models.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ModelFileError, match="hoidap train"):
        load_models(path)


@pytest.mark.parametrize("content", ["", "not json", json.dumps({"format": "other"}), json.dumps([1, 2])])
def test_a_file_that_is_not_a_models_file_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "models.json"
    path.write_text(content, "utf-8")
    with pytest.raises(ModelFileError):
        load_models(path)


def test_a_missing_models_file_says_how_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="hoidap train"):
        load_models(tmp_path / "absent.json")


def test_a_ranker_whose_cuts_are_out_of_order_is_refused(tmp_path: Path) -> None:
    from qa.selector import _digest

    data = json.loads(default_model_path().read_text("utf-8"))
    cuts = next(c for c in data["models"]["sentence"]["cuts"] if len(c) > 1)
    cuts.reverse()
    data["sha256"] = _digest(data["models"])
    path = tmp_path / "models.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ModelFileError, match="unordered cuts"):
        load_models(path)


def test_the_additive_ranker_adds_one_step_per_feature_and_a_value_on_a_cut_takes_the_lower_step() -> None:
    from qa.selector import AdditiveModel

    m = AdditiveModel(("a", "b"), (np.array([0.0, 1.0]), np.array([])), (np.array([-1.0, 0.5, 2.0]), np.array([0.0])),
                      intercept=0.25)
    x = np.array([[-3.0, 9.0], [0.0, 9.0], [0.5, -9.0], [1.0, 0.0], [1.5, 0.0]])
    assert m.logits(x).tolist() == [-0.75, -0.75, 0.75, 0.75, 2.25]
