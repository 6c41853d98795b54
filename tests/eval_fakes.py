"""Small stand-ins for answers, citations and figures, for testing the evaluation harness without a model."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cite:
    text: str


@dataclass
class Fig:
    value: object
    unit: str
    text: str = ""
    kind: str = ""
    date: str | None = None


@dataclass
class Ans:
    text: str = ""
    abstained: bool = False
    citations: list = field(default_factory=list)
    figures: list = field(default_factory=list)
