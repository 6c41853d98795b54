"""Check written training questions before training (near-miss/ too): ids, evidence, one sentence holding it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.training import evidence_problems, training_sets  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, nargs="?", default=Path(__file__).resolve().parent,
                        help="a folder with questions/ and articles/ (default: this one)")
    args = parser.parse_args()
    sets = training_sets(args.data, borrowed=0, near_miss=True)
    problems = evidence_problems(sets)
    for p in problems:
        print(p)
    print(f"{sum(len(s.questions) for s in sets)} questions on {len(sets)} articles, {len(problems)} problems")
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
