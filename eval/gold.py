"""Gold questions: load and validate check-set JSONL files (format of the shared eval README)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from eval.errors import GoldFormatError

PACKAGE_DIR = Path(__file__).resolve().parent

GOLD_PATH = PACKAGE_DIR / "gold" / "long-bien.jsonl"
"""The project's held-out gold questions on the bundled Long Biên article (written for hoidap)."""

SEED_DEV_PATH = PACKAGE_DIR / "data" / "seed_dev.jsonl"
"""Verbatim copy of the shared check set ``shared/eval/seed_dev.jsonl`` (36 questions on the bundled article);
the core is tuned against it, so it is a development set, not a test set."""

NAMED_SETS: dict[str, Path] = {"long-bien": GOLD_PATH, "seed-dev": SEED_DEV_PATH}
"""Names accepted on the command line instead of a path."""

KINDS = frozenset({
    "figure", "date", "person", "fact", "list", "meta", "no-accent", "spelling",
    "followup", "cross-lingual", "unanswerable",
})
FIELDS = frozenset({"id", "question", "kind", "answerable", "history", "evidence", "figures", "accept"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ExpectedFigure:
    """A figure the answer must report: a number (money in đồng, area in m², percent) or an ISO date."""

    value: float | str
    unit: str

    @property
    def is_date(self) -> bool:
        return self.unit == "date"

    def to_dict(self) -> dict:
        return {"value": self.value, "unit": self.unit}


@dataclass(frozen=True)
class GoldQuestion:
    """One checked question; ``source`` is the file it came from."""

    id: str
    question: str
    kind: str
    answerable: bool
    history: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    figures: tuple[ExpectedFigure, ...] = ()
    accept: tuple[str, ...] = ()
    source: str = ""

    def to_dict(self) -> dict:
        d: dict = {"id": self.id, "question": self.question, "kind": self.kind, "answerable": self.answerable}
        if self.history:
            d["history"] = list(self.history)
        if self.evidence:
            d["evidence"] = list(self.evidence)
        if self.figures:
            d["figures"] = [f.to_dict() for f in self.figures]
        if self.accept:
            d["accept"] = list(self.accept)
        return d


def resolve_gold_path(name: str | Path) -> Path:
    """A path as given, or a packaged set by name (``long-bien``, ``seed-dev``)."""
    path = Path(name)
    if not path.exists() and str(name) in NAMED_SETS:
        return NAMED_SETS[str(name)]
    return path


def load_gold(path: str | Path) -> list[GoldQuestion]:
    """Read one JSONL file of gold questions; raise GoldFormatError naming the file and line."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        known = ", ".join(sorted(NAMED_SETS))
        raise GoldFormatError(str(path), None, f"no such file; give a JSONL path or one of: {known}") from None
    except UnicodeDecodeError as exc:
        raise GoldFormatError(str(path), None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise GoldFormatError(str(path), None, f"cannot read: {exc.strerror}") from None
    questions: list[GoldQuestion] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(str(path), lineno, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
        q = _parse_question(obj, str(path), lineno)
        if q.id in seen:
            raise GoldFormatError(str(path), lineno, f"duplicate id {q.id!r} (first used on line {seen[q.id]})")
        seen[q.id] = lineno
        questions.append(q)
    if not questions:
        raise GoldFormatError(str(path), None, "contains no questions (expected one JSON object per line)")
    return questions


def load_gold_files(paths: Iterable[str | Path], limit: int | None = None) -> list[GoldQuestion]:
    """Read several gold files (paths or packaged names), the first ``limit`` questions of each; ids must be unique
    across them."""
    out: list[GoldQuestion] = []
    owner: dict[str, str] = {}
    for p in paths:
        path = resolve_gold_path(p)
        for q in load_gold(path)[:limit]:
            if q.id in owner:
                raise GoldFormatError(str(path), None, f"id {q.id!r} is also used in {owner[q.id]}; ids must be "
                                      "unique across the files of one run")
            owner[q.id] = str(path)
            out.append(q)
    return out


def check_evidence(questions: Sequence[GoldQuestion], article_text: str) -> list[str]:
    """Problems with evidence that does not stand verbatim (after NFC) in the article text; empty when all do."""
    text = unicodedata.normalize("NFC", article_text)
    problems = []
    for q in questions:
        for ev in q.evidence:
            if unicodedata.normalize("NFC", ev) not in text:
                problems.append(f"{q.id}: evidence {ev!r} is not in the article")
    return problems


def _parse_question(obj: object, path: str, lineno: int) -> GoldQuestion:
    def fail(reason: str) -> GoldFormatError:
        return GoldFormatError(path, lineno, reason)

    if not isinstance(obj, dict):
        raise fail(f"expected a JSON object, got {type(obj).__name__}")
    unknown = sorted(set(obj) - FIELDS)
    if unknown:
        raise fail(f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(FIELDS))}")
    for name in ("id", "question", "kind", "answerable"):
        if name not in obj:
            raise fail(f"missing required field {name!r}")
    qid, question, kind, answerable = obj["id"], obj["question"], obj["kind"], obj["answerable"]
    if not isinstance(qid, str) or not qid.strip():
        raise fail("'id' must be a non-empty string")
    if not isinstance(question, str) or not question.strip():
        raise fail(f"{qid}: 'question' must be a non-empty string")
    if kind not in KINDS:
        raise fail(f"{qid}: kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    if not isinstance(answerable, bool):
        raise fail(f"{qid}: 'answerable' must be true or false, got {answerable!r}")
    history = _strings(obj.get("history", []), "history", qid, fail)
    evidence = _strings(obj.get("evidence", []), "evidence", qid, fail)
    accept = _strings(obj.get("accept", []), "accept", qid, fail)
    figures = _figures(obj.get("figures", []), qid, fail)
    if kind == "unanswerable" and answerable:
        raise fail(f"{qid}: kind 'unanswerable' needs \"answerable\": false")
    if not answerable and (evidence or figures or accept):
        raise fail(f"{qid}: an unanswerable question cannot have evidence, figures or accept")
    if answerable and not (evidence or figures or accept):
        raise fail(f"{qid}: an answerable question needs at least one of evidence, figures, accept")
    if kind == "followup" and not history:
        raise fail(f"{qid}: a followup question needs a non-empty 'history'")
    return GoldQuestion(id=qid, question=question, kind=kind, answerable=answerable, history=history,
                        evidence=evidence, figures=figures, accept=accept, source=Path(path).name)


def _strings(value: object, name: str, qid: str, fail: Callable[[str], GoldFormatError]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"{qid}: {name!r} must be a list of non-empty strings")
    return tuple(value)


def _figures(value: object, qid: str, fail: Callable[[str], GoldFormatError]) -> tuple[ExpectedFigure, ...]:
    if not isinstance(value, list):
        raise fail(f"{qid}: 'figures' must be a list of {{\"value\", \"unit\"}} objects")
    out = []
    for i, f in enumerate(value, start=1):
        if not isinstance(f, dict) or set(f) != {"value", "unit"}:
            raise fail(f"{qid}: figure {i} must be an object with exactly 'value' and 'unit'")
        v, unit = f["value"], f["unit"]
        if not isinstance(unit, str) or not unit.strip():
            raise fail(f"{qid}: figure {i} needs a non-empty 'unit' (đồng, %, m², date or the counted noun)")
        if unit == "date":
            if not isinstance(v, str) or not _ISO_DATE.match(v):
                raise fail(f"{qid}: figure {i} is a date, so 'value' must be ISO 'YYYY-MM-DD', got {v!r}")
        elif isinstance(v, bool) or not isinstance(v, (int, float)):
            raise fail(f"{qid}: figure {i} 'value' must be a number (money in đồng, area in m²), got {v!r}")
        out.append(ExpectedFigure(value=v, unit=unit))
    return tuple(out)
