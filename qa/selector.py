"""The learned models that choose the answer sentence, its figure, and whether to abstain: loaded from JSON."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from index.errors import HoidapError

FORMAT = "hoidap-answer-models"
VERSION = 2
MODEL_FILE = "answer_models.json"


class ModelFileError(HoidapError):
    """The answer models file is missing, damaged or of another format."""


def _trained_features(d: dict, expected: tuple[str, ...]) -> tuple[str, ...]:
    """The feature names a saved model was trained on, refused unless they are the ones this code computes."""
    names = tuple(d["features"])
    if names != expected:
        raise ModelFileError("the answer models were trained on other features than this code computes; "
                             "retrain them with 'hoidap train'")
    return names


@dataclass(frozen=True)
class LinearModel:
    """A linear model over standardised features, ``((x - mean) / scale) · coef + intercept``: ranking scores for the
    figure ranker, a logistic probability (``proba``) for the abstention model."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def logits(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept

    def proba(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(x)))

    def to_dict(self) -> dict:
        return {"features": list(self.features), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": float(self.intercept)}

    @classmethod
    def from_dict(cls, d: dict, expected: tuple[str, ...]) -> "LinearModel":
        names = _trained_features(d, expected)
        arrays = [np.asarray(d[k], dtype=np.float64) for k in ("mean", "scale", "coef")]
        if any(a.shape != (len(names),) for a in arrays) or not all(np.isfinite(a).all() for a in arrays):
            raise ModelFileError("the answer models file has weights of the wrong shape or non-finite weights")
        return cls(names, *arrays, float(d["intercept"]))


@dataclass(frozen=True)
class AdditiveModel:
    """A sum of one step function per feature (boosted one-split trees, collapsed per feature): the sentence
    ranker's scores. Feature ``j`` adds ``steps[j][i]``, ``i`` the number of its ``cuts[j]`` (increasing) that lie
    below the value: a value equal to a cut takes the lower step, as the trees' ``x <= threshold`` does."""

    features: tuple[str, ...]
    cuts: tuple[np.ndarray, ...]
    steps: tuple[np.ndarray, ...]
    intercept: float

    def logits(self, x: np.ndarray) -> np.ndarray:
        out = np.full(len(x), self.intercept)
        for j, (cut, step) in enumerate(zip(self.cuts, self.steps)):
            if len(cut):
                out += step[np.searchsorted(cut, x[:, j], side="left")]
        return out

    def to_dict(self) -> dict:
        return {"features": list(self.features), "cuts": [c.tolist() for c in self.cuts],
                "steps": [s.tolist() for s in self.steps], "intercept": float(self.intercept)}

    @classmethod
    def from_dict(cls, d: dict, expected: tuple[str, ...]) -> "AdditiveModel":
        names = _trained_features(d, expected)
        cuts = tuple(np.asarray(c, dtype=np.float64).reshape(-1) for c in d["cuts"])
        steps = tuple(np.asarray(s, dtype=np.float64).reshape(-1) for s in d["steps"])
        if len(cuts) != len(names) or len(steps) != len(names) or any(
                len(s) != len(c) + 1 or not np.isfinite(c).all() or not np.isfinite(s).all()
                or (np.diff(c) <= 0).any() for c, s in zip(cuts, steps)):
            raise ModelFileError("the answer models file has steps of the wrong shape, unordered cuts or "
                                 "non-finite values")
        return cls(names, cuts, steps, float(d["intercept"]))


@dataclass(frozen=True)
class AnswerModels:
    """The sentence ranker, the abstention model and the figure ranker, with what they were trained on."""

    sentence: AdditiveModel
    abstain: LinearModel
    figure: LinearModel
    checksum: str
    trained: dict

    def to_dict(self) -> dict:
        models = {"sentence": self.sentence.to_dict(), "abstain": self.abstain.to_dict(),
                  "figure": self.figure.to_dict()}
        return {"format": FORMAT, "version": VERSION, "sha256": _digest(models), "trained": self.trained,
                "models": models}


def _digest(models: dict) -> str:
    return hashlib.sha256(json.dumps(models, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def abstain_row(x: np.ndarray, logits: np.ndarray) -> tuple[np.ndarray, int]:
    """The abstention model's input for one question (the best candidate's score, its margin over the second and
    its share of the softmax, then its features) and the best candidate's index."""
    order = np.argsort(-logits)
    best = int(order[0])
    second = float(logits[order[1]]) if len(order) > 1 else float(logits[best]) - 5.0
    share = 1.0 / float(np.exp(logits - logits[best]).sum())
    return np.concatenate([[float(logits[best]), float(logits[best]) - second, share], x[best]]), best


def abstain_features() -> tuple[str, ...]:
    from qa.features import FEATURES

    return ("best_logit", "margin", "best_share", *FEATURES)


def default_model_path() -> Path:
    return Path(str(resources.files("qa") / "data" / MODEL_FILE))


def load_models(path: str | Path | None = None) -> AnswerModels:
    """Read and verify the models file (the packaged one by default)."""
    from qa.features import FEATURES
    from qa.figure_choice import FIGURE_FEATURES

    path = Path(path) if path is not None else default_model_path()
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ModelFileError(f"no answer models at {path}; reinstall hoidap or run 'hoidap train'") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(f"cannot read the answer models at {path} ({exc}); reinstall or retrain") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelFileError(f"{path} is not a hoidap answer models file")
    if data.get("version") != VERSION:
        raise ModelFileError(f"{path} has format version {data.get('version')}, this hoidap reads {VERSION}; "
                             "retrain with 'hoidap train'")
    models = data.get("models") or {}
    if _digest(models) != data.get("sha256"):
        raise ModelFileError(f"{path} is damaged (checksum mismatch); reinstall hoidap or retrain")
    try:
        return AnswerModels(
            sentence=AdditiveModel.from_dict(models["sentence"], FEATURES),
            abstain=LinearModel.from_dict(models["abstain"], abstain_features()),
            figure=LinearModel.from_dict(models["figure"], FIGURE_FEATURES),
            checksum=data["sha256"],
            trained=dict(data.get("trained") or {}),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(f"{path} has an unexpected layout ({exc}); retrain with 'hoidap train'") from None


def save_models(models: AnswerModels, path: str | Path) -> Path:
    """Write the models file atomically."""
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(models.to_dict(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    tmp.replace(path)
    return path
