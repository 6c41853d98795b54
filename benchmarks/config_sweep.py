"""Answer accuracy under variations of the answer configuration, to choose a threshold or judge a rule.

    python -m benchmarks.config_sweep news long-bien --vary abstain_below=0.05,0.1,0.15 --vary min_topic_coverage=0,0.5

Each ``--vary NAME=V1,V2`` is swept on its own, the other settings at their defaults. ``long-bien`` is the bundled
article with its gold and seed questions; other names are article-set folders (or ``news``).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields


def _pairs(name: str):
    from eval.articleset import ArticleGold, load_article_set, resolve_article_set
    from eval.gold import GOLD_PATH, SEED_DEV_PATH, load_gold_files
    from qa.assistant import bundled_article_path

    if name == "long-bien":
        return [ArticleGold(bundled_article_path(), GOLD_PATH, tuple(load_gold_files([GOLD_PATH, SEED_DEV_PATH])))]
    return load_article_set(resolve_article_set(name))


def _value(field_type: str, text: str):
    return text.lower() in ("1", "true", "on") if field_type == "bool" else float(text) if "." in text or field_type == "float" else int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", help="'news', 'long-bien' or article-set folders")
    parser.add_argument("--vary", action="append", default=[], metavar="NAME=V1,V2", help="a setting and its values")
    parser.add_argument("--changes", action="store_true",
                        help="also list each question a variant judges otherwise than the default")
    args = parser.parse_args(argv)

    from eval.runner import ask_in_turn
    from eval.scoring import judge
    from qa import Assistant
    from qa.config import AnswerConfig

    types = {f.name: f.type for f in fields(AnswerConfig)}
    base = AnswerConfig()
    variants = [("default", base)]
    for spec in args.vary:
        name, _, values = spec.partition("=")
        if name not in types:
            parser.error(f"unknown setting {name!r}; one of {', '.join(types)}")
        variants += [(f"{name}={v}", base.with_(**{name: _value(str(types[name]), v)})) for v in values.split(",")]
    print("| set | variant | n | lenient % | strict % | answerable refused % | unanswerable refused % |")
    print("|---|---|---|---|---|---|---|")
    for set_name in args.sets:
        pairs = _pairs(set_name)
        assistants = [(p, Assistant.from_files([p.article])) for p in pairs]
        base_right: dict[str, bool] = {}
        for label, cfg in variants:
            changed = []
            n = lenient = strict = ans = ans_ref = un = un_ref = 0
            for pair, a in assistants:
                a.composer.config = cfg
                for gq in pair.questions:
                    answer, _ = ask_in_turn(a, gq, "hybrid")
                    j = judge(gq, answer)
                    key = f"{pair.name}/{gq.id}"
                    if label == "default":
                        base_right[key] = j.lenient
                    elif base_right.get(key) != j.lenient:
                        changed.append(f"  {'+' if j.lenient else '-'} {key} ({gq.kind}): {gq.question}")
                    n += 1
                    lenient += j.lenient
                    strict += j.strict
                    if gq.answerable:
                        ans += 1
                        ans_ref += answer.abstained
                    else:
                        un += 1
                        un_ref += answer.abstained
            print(f"| {set_name} | {label} | {n} | {100 * lenient / n:.1f} | {100 * strict / n:.1f} | "
                  f"{100 * ans_ref / max(1, ans):.1f} | {100 * un_ref / max(1, un):.1f} |", flush=True)
            if args.changes and changed:
                print("\n".join(changed), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
