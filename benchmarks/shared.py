"""Where the shared check sets lie: ``../shared/eval`` beside the repository (not shipped with hoidap)."""

from __future__ import annotations

from pathlib import Path

SHARED_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
VIQUAD_SAMPLE = SHARED_EVAL / "viquad2_dev_sample.jsonl"
"""The first 776 questions of the UIT-ViQuAD 2.0 development set (Nguyen et al.; 533 answerable, 243 impossible) on
the Wikipedia articles Paris, Nouvelle-Calédonie and Canada. Its terms forbid redistribution."""
