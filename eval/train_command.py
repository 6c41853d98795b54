"""The ``hoidap train`` subcommand: fit the answer models on the project's own questions, seeded."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

DESCRIPTION = """\
Fit the answer-sentence ranker, the abstention model and the figure ranker on the project's training questions
(training/questions/*.jsonl on training/articles/*.txt, written for hoidap on unlabeled corpus articles) and the
project's Long Biên gold on the bundled article. Seeded and deterministic; writes JSON (no pickle)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from eval.training import DEFAULT_DATA

    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"folder with questions/ and articles/ (default: {DEFAULT_DATA}/, from the repository root)")
    parser.add_argument("--out", type=Path, help="where to write the models (default: the packaged models file)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--borrowed", type=int, default=4, metavar="N",
                        help="questions of other articles asked of each article as unanswerable (default: 4)")
    parser.add_argument("--from-features", type=Path, metavar="NPZ",
                        help="fit on rows saved by an earlier --features-out instead of extracting them again")
    parser.add_argument("--features-out", type=Path, metavar="NPZ",
                        help="also save the extracted feature rows (to compare model variants)")
    parser.add_argument("--no-bundled", action="store_true", help="leave out the Long Biên gold questions")
    parser.add_argument("--near-miss", action="store_true",
                        help="also train on near-miss/ (unanswerable questions that edit one element of a sentence; "
                             "measured worse on the development sets, so the shipped models leave them out)")
    parser.add_argument("--embedder", choices=("default", "hash"), default="default",
                        help="'default': the embedded model the answers will run with; 'hash': a fast fake (tests)")
    parser.add_argument("--cache-dir", type=Path, metavar="DIR", help="where built indexes are cached")


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("train", help="train the answer models on the project's own questions",
                                   description=DESCRIPTION)
    add_arguments(parser)
    parser.set_defaults(func=run)
    return parser


def _require_learners() -> None:
    """Training fits with scikit-learn and LightGBM, which answering never needs; say how to get them."""
    import importlib.util

    from eval.errors import EvalError

    missing = [name for name, module in (("scikit-learn", "sklearn"), ("lightgbm", "lightgbm"))
               if importlib.util.find_spec(module) is None]
    if missing:
        raise EvalError(f"training needs {' and '.join(missing)}: pip install 'hoidap[train]' (or -e '.[train]')")


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    _require_learners()

    from index.embedder import embedder_named
    from eval.training import extract, fit_models, load_examples, save_examples, training_sets
    from qa import Assistant
    from qa.assistant import bundled_article_path
    from qa.selector import AnswerModels, default_model_path, save_models

    t0 = time.perf_counter()
    sets = training_sets(args.data, None if args.no_bundled else bundled_article_path(), args.borrowed, args.seed,
                         args.near_miss)
    embedder = embedder_named(args.embedder)
    # Features need no trained model; a placeholder keeps the packaged file from being read.
    placeholder: Any = object()

    def make(article: Path) -> Any:
        return Assistant.from_files([article], embedder=embedder, cache_dir=args.cache_dir, models=placeholder)

    def bar(items, total, desc):
        return tqdm(items, total=total, desc=desc, unit="q", file=sys.stderr)

    examples = load_examples(args.from_features) if args.from_features else extract(sets, make, bar)
    if args.features_out:
        save_examples(examples, args.features_out)
    models, stats = fit_models(examples, seed=args.seed)
    stats["embedder"] = embedder.name
    if args.near_miss:
        stats["near_miss"] = True  # recorded only when used, so the shipped file stays as trained without them
    # The run time is printed, not saved: two runs from scratch write the same file, byte for byte.
    models = AnswerModels(models.sentence, models.abstain, models.figure, "", stats)
    out = save_models(models, args.out or default_model_path())
    print(f"hoidap: trained on {stats['questions']} questions of {stats['articles']} articles "
          f"(candidates hold the answer for {100 * stats['candidate_recall']:.1f} %, out-of-fold top-1 "
          f"{100 * stats['oof_top1']:.1f} %) in {time.perf_counter() - t0:.1f} s → {out}")
    return 0
