"""Exceptions the evaluation harness raises on purpose (all are hoidap errors)."""

from __future__ import annotations

from index.errors import HoidapError


class EvalError(HoidapError):
    """The evaluation cannot run as asked (bad option, missing mode, failed guard setup)."""


class DataFormatError(EvalError):
    """A question file cannot be read: names the file, the line and what to fix."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class GoldFormatError(DataFormatError):
    """A gold-question JSONL file breaks the check-set format."""


class SquadFormatError(DataFormatError):
    """A SQuAD-style file is neither SQuAD JSON nor UIT-ViQuAD-shaped JSON Lines."""
