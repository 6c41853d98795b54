"""Readers' thumbs up/down on answers, appended with the question, the answer and its citations to a JSON Lines file."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping

from platformdirs import user_data_dir

FORMAT_VERSION = 1


def default_path() -> Path:
    """Where feedback goes unless told otherwise: HOIDAP_FEEDBACK, else the user's data folder."""
    env = os.environ.get("HOIDAP_FEEDBACK")
    return Path(env) if env else Path(user_data_dir("hoidap")) / "feedback.jsonl"


@dataclass(frozen=True)
class Feedback:
    """One reader's verdict on one answer: enough to turn it into a gold question later."""

    liked: bool
    question: str
    answer: Mapping[str, Any]
    articles: list[str] = field(default_factory=list)
    at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    version: int = FORMAT_VERSION

    def to_json(self) -> str:
        keep = ("text", "direct", "abstained", "answer_type", "mode", "citations", "figures")
        record = asdict(self)
        record["answer"] = {k: self.answer.get(k) for k in keep if k in self.answer}
        return json.dumps(record, ensure_ascii=False, sort_keys=True)


class FeedbackLog:
    """Appends one JSON line per verdict; each line is written whole with one write on an O_APPEND file."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._lock = threading.Lock()

    def append(self, item: Feedback) -> None:
        line = (item.to_json() + "\n").encode("utf-8")
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)

    def read(self) -> list[dict[str, Any]]:
        """Every verdict recorded so far (a half-written last line is skipped)."""
        if not self.path.exists():
            return []
        out = []
        for line in self.path.read_text("utf-8").splitlines():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        return out
