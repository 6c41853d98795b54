"""The ``hoidap eval`` subcommand: run gold questions, ablations and a SQuAD-style set; write a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from index.config import MODES

DEFAULT_MODES = ",".join(MODES)
GUARD_MODE = "hybrid"

DESCRIPTION = """\
Run check-set questions against the assistant and report retrieval metrics (Recall@1/3/5, MRR@10, nDCG@5),
answer accuracy (strict and lenient), figure accuracy, abstention precision/recall/F1 and latency, per
retrieval mode and per ablation (BM25 whitespace vs Vietnamese tokens, dense only, hybrid RRF vs weighted).

A GOLD that is a folder (or "news", the cross-article development set: $HOIDAP_NEWS_DIR or shared/eval/news)
is an article set: each <slug>.jsonl is judged against its own <slug>.txt|.html, one assistant per article.

GOLD defaults to the packaged held-out gold set "long-bien" (questions written for this project on the
bundled article). The shared seed set "seed-dev" is not included by default because the core is tuned on
it; add it by name (hoidap eval long-bien seed-dev) or give any JSONL paths in the check-set format.
Each file's questions are reported together and per file."""

EPILOG = """\
examples:
  hoidap eval                                   all modes, ablations, summary on stdout
  hoidap eval news --modes hybrid --rules       the news articles, each hand rule switched off in turn
  hoidap eval --report reports/ --squad ../shared/eval/viquad2_dev_sample.jsonl
                                                + Markdown/JSON/PNG report and a SQuAD-style set
  hoidap eval --modes hybrid --no-ablations --min-accuracy 0.7     CI regression guard (exit 1 below 70 %)"""


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; give a fraction such as 0.75") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is outside 0..1; give a fraction such as 0.75 (not 75)")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", nargs="*", metavar="GOLD",
                        help="gold JSONL files, or the packaged sets 'long-bien' and 'seed-dev' (default: long-bien)")
    parser.add_argument("--modes", default=DEFAULT_MODES,
                        help=f"comma-separated retrieval modes to compare (default: {DEFAULT_MODES})")
    parser.add_argument("--report", metavar="DIR", type=Path,
                        help="write report.md, report.json, modes.png and kinds.png into DIR")
    parser.add_argument("--squad", metavar="FILE", type=Path,
                        help="also run a SQuAD-style set (JSON or JSON Lines, UIT-ViQuAD 2.0 shape) in hybrid mode, "
                             "such as the shared check set's viquad2_dev_sample.jsonl")
    parser.add_argument("--ablations", action=argparse.BooleanOptionalAction, default=True,
                        help="also run the five retrieval ablations (default: on)")
    parser.add_argument("--rules", action="store_true",
                        help="also run each hand rule of the answer layer switched off, to show what it earns")
    parser.add_argument("--curve", action="store_true",
                        help="also answer without abstaining and report the whole abstention curve")
    parser.add_argument("--abstain-below", type=_fraction, metavar="P",
                        help="refuse when the calibrated answer probability is below P (default: the configured one)")
    parser.add_argument("--limit", type=_positive, metavar="N",
                        help="use only the first N questions of each gold file and of the SQuAD set")
    parser.add_argument("--min-accuracy", type=_fraction, metavar="X",
                        help=f"exit 1 when the lenient answer accuracy of {GUARD_MODE} is below X (0..1): "
                             "the CI regression guard")
    parser.add_argument("--article", action="append", type=Path, metavar="PATH",
                        help="articles the gold questions are about (repeatable; default: the bundled article)")
    parser.add_argument("--embedder", choices=("default", "hash"), default="default",
                        help="'default': the embedded model; 'hash': a fast deterministic fake for smoke tests")
    parser.add_argument("--cache-dir", type=Path, metavar="DIR", help="where built indexes are cached")
    parser.add_argument("-k", type=_positive, default=5, help="citations asked for per answer (default: 5)")


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``eval`` to the ``hoidap`` command (entry point group ``hoidap.commands``)."""
    parser = subparsers.add_parser("eval", help="measure the assistant on gold questions and write a report",
                                   description=DESCRIPTION, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the evaluation; 0 on success, 1 when the --min-accuracy guard fails."""
    from eval.session import EvalSettings, run_session

    settings = EvalSettings(
        gold=list(args.gold) or ["long-bien"], modes=args.modes.split(","), report=args.report,
        squad=args.squad, ablations=args.ablations, limit=args.limit, min_accuracy=args.min_accuracy,
        articles=list(args.article or []), embedder=args.embedder, cache_dir=args.cache_dir, k=args.k,
        rules=args.rules, abstain_below=args.abstain_below, curve=args.curve,
    )
    return run_session(settings, out=sys.stdout, err=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Standalone entry (``python -m eval.command``), same options as ``hoidap eval``."""
    parser = argparse.ArgumentParser(prog="hoidap eval", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    args = parser.parse_args(argv)
    from index.errors import HoidapError

    try:
        return run(args)
    except HoidapError as exc:
        print(f"hoidap: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
