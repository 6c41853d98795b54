"""Compare answer-sentence rankers on the development articles: fused search score, pointwise logistic, the
listwise (softmax over a question's candidates) linear ranker, LightGBM lambdarank with deeper trees, and the
bagged one-split lambdarank trees that ship.

    hoidap train --features-out train.npz          # the training rows
    python -m benchmarks.compare_rankers train.npz news eval/gold/corpus-dev

Reports top-1 (the chosen sentence holds the evidence) on the answerable development questions, for models fitted
on the training rows only.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np


def dev_examples(set_name: str):
    from eval.articleset import load_article_set, resolve_article_set
    from eval.training import extract
    from qa import Assistant

    pairs = load_article_set(resolve_article_set(set_name))
    return extract(pairs, lambda p: Assistant.from_files([p], models=object()))


def top1(scores: list[np.ndarray], ex) -> float:
    rows = [i for i, a in enumerate(ex.answerable) if a]
    return sum(bool(ex.y[i][int(np.argmax(scores[i]))]) for i in rows) / max(1, len(rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("train", help="training rows saved by 'hoidap train --features-out'")
    parser.add_argument("dev", nargs="+", help="article-set folders, or 'news'")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    from eval.training import StumpRanker, fit_listwise, fit_logistic, fit_sentence, load_examples, sentence_groups
    from qa.features import FEATURES

    train = load_examples(args.train)
    devs = {name: dev_examples(name) for name in args.dev}

    def show(label: str, score, seconds: float | None = None) -> None:
        cells = "  ".join(f"{name} {100 * top1([score(x) for x in d.x], d):.1f} %" for name, d in devs.items())
        print(f"{label:<34} top-1 {cells}" + (f"  ({seconds:.1f} s)" if seconds is not None else ""))

    keep = [i for i, a in enumerate(train.answerable) if a and train.y[i].any()]
    xs = np.vstack([train.x[i] for i in keep])
    ys = np.concatenate([train.y[i] for i in keep])
    fused = FEATURES.index("fused_rel")
    print(f"train questions {len(keep)} (rows {len(xs)}), dev answerable "
          + ", ".join(f"{name} {sum(d.answerable)}" for name, d in devs.items()))
    show("fused search score", lambda x: x[:, fused])
    for c in (0.03, 0.1, 0.3, 1.0):
        t = time.perf_counter()
        m = fit_logistic(xs, ys, FEATURES, c, args.seed)
        show(f"logistic C={c}", m.logits, time.perf_counter() - t)
    groups = sentence_groups(train, range(len(train.x)))
    for lam in (0.03, 0.1, 0.3, 1.0):
        t = time.perf_counter()
        m = fit_listwise(groups, FEATURES, lam)
        show(f"listwise lambda={lam}", m.logits, time.perf_counter() - t)
    t = time.perf_counter()
    shipped = fit_sentence(train, range(len(train.x)), args.seed)
    show(f"one-split trees, {StumpRanker().bags} bags (shipped)", shipped.logits, time.perf_counter() - t)
    import lightgbm as lgb

    for leaves, rounds in ((3, 800), (7, 200), (15, 300), (31, 300)):
        t = time.perf_counter()
        ranker = lgb.LGBMRanker(objective="lambdarank", n_estimators=rounds, num_leaves=leaves, learning_rate=0.05,
                                min_child_samples=10, subsample=0.8, subsample_freq=1, colsample_bytree=0.8,
                                random_state=args.seed, n_jobs=1, verbose=-1)
        ranker.fit(xs, ys, group=[len(train.x[i]) for i in keep])
        show(f"lightgbm leaves={leaves} n={rounds}", ranker.predict, time.perf_counter() - t)
    for name, dev in devs.items():
        print(f"abstention on {name}:")
        compare_abstention(train, dev, args.seed)
    return 0


def _abstain_rows(ex, model) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from qa.selector import abstain_row

    rows, right, answerable = [], [], []
    for x, y, a in zip(ex.x, ex.y, ex.answerable):
        row, best = abstain_row(x, model.logits(x))
        rows.append(row)
        right.append(bool(a and y[best] > 0))
        answerable.append(a)
    return np.vstack(rows), np.asarray(right), np.asarray(answerable)


def compare_abstention(train, dev, seed: int) -> None:
    """Abstention models fitted on out-of-fold training rows, judged by the development abstention curve."""
    from eval.abstention import Scored, choose, curve
    from eval.training import fit_logistic, fit_models, fit_sentence
    from qa.selector import abstain_features

    models, _ = fit_models(train, seed=seed)
    xa, ra, aa = _abstain_rows(dev, models.sentence)

    def report(name: str, p: np.ndarray) -> None:
        pts = curve([Scored(float(c), bool(a), bool(r)) for c, a, r in zip(p, aa, ra)])
        best = choose(pts)
        print(f"{name:<32} best {100 * best.accuracy:.1f} % at {best.threshold:.2f} (answerable refused "
              f"{100 * best.answerable_refused:.1f} %, unanswerable refused {100 * best.unanswerable_refused:.1f} %)")

    report("abstention: shipped logistic", models.abstain.proba(xa))
    # Out-of-fold rows as fit_models builds them, refitted with other models.
    from qa.selector import abstain_row
    articles = sorted(set(train.article))
    rng = np.random.default_rng(seed)
    order = list(rng.permutation(len(articles)))
    fold_of = {articles[j]: k % 5 for k, j in enumerate(order)}
    rows, labels = [], []
    for f in range(5):
        m = fit_sentence(train, [i for i in range(len(train.x)) if fold_of[train.article[i]] != f], seed)
        for i in range(len(train.x)):
            if fold_of[train.article[i]] == f:
                row, best = abstain_row(train.x[i], m.logits(train.x[i]))
                rows.append(row)
                labels.append(float(train.answerable[i] and train.y[i][best] > 0))
    xr, yr = np.vstack(rows), np.asarray(labels)
    for c in (0.01, 0.03, 0.1, 1.0):
        report(f"abstention: logistic C={c}", fit_logistic(xr, yr, abstain_features(), c, seed).proba(xa))
    import lightgbm as lgb

    for leaves, n in ((4, 100), (8, 200), (15, 300)):
        clf = lgb.LGBMClassifier(n_estimators=n, num_leaves=leaves, learning_rate=0.05, min_child_samples=15,
                                 subsample=0.8, subsample_freq=1, colsample_bytree=0.8, random_state=seed, n_jobs=1,
                                 verbose=-1)
        clf.fit(xr, yr)
        report(f"abstention: lightgbm leaves={leaves} n={n}", clf.predict_proba(xa)[:, 1])


if __name__ == "__main__":
    sys.exit(main())
