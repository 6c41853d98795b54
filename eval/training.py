"""Train the answer models on the project's own questions: features from the real pipeline, seeded linear fits.

The training questions were written for hoidap on unlabeled corpus articles (``training/``) and on the bundled
article (``eval/gold/long-bien.jsonl``). Check sets with research-only terms are never read here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from eval.articleset import ArticleGold
from eval.errors import EvalError
from eval.gold import GOLD_PATH, GoldQuestion, load_gold
from eval.scoring import contains_all, figure_matches

DEFAULT_DATA = Path("training")
NEAR_MISS = "near-miss"  # beside questions/: unanswerable questions that edit one element of a sentence (opt-in)


@dataclass
class Examples:
    """Feature rows of every training question: candidate sentences, best-candidate rows, figures."""

    x: list[np.ndarray] = field(default_factory=list)          # per question: candidates × FEATURES
    y: list[np.ndarray] = field(default_factory=list)          # per question: 1 where the candidate holds the evidence
    answerable: list[bool] = field(default_factory=list)
    article: list[str] = field(default_factory=list)
    qid: list[str] = field(default_factory=list)
    fig_x: list[np.ndarray] = field(default_factory=list)      # per question with expected figures: fits × FIGURE_FEATURES
    fig_y: list[np.ndarray] = field(default_factory=list)


def training_sets(data_dir: Path, bundled: Path | None = None, borrowed: int = 3, seed: int = 0,
                  near_miss: bool = False) -> list[ArticleGold]:
    """Each training article with its questions, and the bundled article with the project's Long Biên gold.

    Each article also gets ``borrowed`` questions written for other articles, as unanswerable: questions a reader
    might ask that the page is not about (the written unanswerable ones share the article's words on purpose).
    ``near_miss`` adds the questions of ``near-miss/``: each repeats one sentence of its article but for one element
    (another office, period, place or side of a measure), so that the article does not answer it.
    """
    q_dir, a_dir, n_dir = data_dir / "questions", data_dir / "articles", data_dir / NEAR_MISS
    if not q_dir.is_dir():
        raise EvalError(f"{data_dir} has no questions/ folder; run from the repository root or pass --data")
    if near_miss:
        for extra in sorted(n_dir.glob("*.jsonl")):
            if not (q_dir / extra.name).is_file():
                raise EvalError(f"{extra} has no questions file {q_dir / extra.name} for its article")
    sets = []
    for gold in sorted(q_dir.glob("*.jsonl")):
        article = a_dir / f"{gold.stem}.txt"
        if not article.is_file():
            raise EvalError(f"{gold} has no article {article}")
        questions = tuple(load_gold(gold))
        if near_miss and (n_dir / gold.name).is_file():
            questions += tuple(load_gold(n_dir / gold.name))
        sets.append(ArticleGold(article, gold, questions))
    if bundled is not None:
        sets.append(ArticleGold(bundled, GOLD_PATH, tuple(load_gold(GOLD_PATH))))
    return _with_borrowed(sets, borrowed, seed) if borrowed else sets


def _with_borrowed(sets: list[ArticleGold], n: int, seed: int) -> list[ArticleGold]:
    rng = np.random.default_rng(seed)
    out = []
    for i, s in enumerate(sets):
        pool = [q for j, o in enumerate(sets) if j != i for q in o.questions
                if not q.history and q.kind not in ("meta", "followup")]
        picks = [pool[k] for k in rng.choice(len(pool), size=min(n, len(pool)), replace=False)] if pool else []
        extra = tuple(GoldQuestion(f"{q.id}@{s.name}", q.question, "unanswerable", False, source=q.source)
                      for q in picks)
        out.append(ArticleGold(s.article, s.gold, s.questions + extra))
    return out


def evidence_problems(sets: Sequence[ArticleGold]) -> list[str]:
    """What would keep a written question out of training: an id used twice, an answerable question without
    evidence, or evidence that no single sentence of its article holds (its label would be all zero)."""
    from index.article import load_article
    from index.chunk import chunk_document

    problems, seen = [], set()
    for s in sets:
        texts = [c.text for c in chunk_document(load_article(s.article))]
        for q in s.questions:
            if q.id in seen:
                problems.append(f"{s.gold.name}: {q.id}: id used twice")
            seen.add(q.id)
            if not q.answerable or q.kind == "meta":
                continue
            if not q.evidence:
                problems.append(f"{s.gold.name}: {q.id}: answerable but no evidence")
            elif not any(contains_all(t, q.evidence) for t in texts):
                problems.append(f"{s.gold.name}: {q.id}: no sentence of {s.article.name} holds all of {list(q.evidence)}")
    return problems


def _labels(texts: Sequence[str], q: GoldQuestion) -> np.ndarray:
    if not q.answerable or not q.evidence:
        return np.zeros(len(texts))
    return np.asarray([float(contains_all(t, q.evidence)) for t in texts])


def extract(sets: Sequence[ArticleGold], make_assistant: Callable[[Path], Any],
            progress: Callable | None = None) -> Examples:
    """Run every question through retrieval and candidate features exactly as ``Assistant.ask`` does."""
    from qa.figure_choice import figure_matrix
    from qa.followup import resolve

    ex = Examples()
    items = [(s, q) for s in sets for q in s.questions]
    bar = progress(items, len(items), "features") if progress else items
    assistants: dict[Path, Any] = {}
    for s, gq in bar:
        a = assistants.get(s.article)
        if a is None:
            assistants.clear()
            a = assistants[s.article] = make_assistant(s.article)
        q = resolve(gq.question, list(gq.history))
        if q.meta:
            continue  # article metadata is read from the page, not chosen among sentences
        hits = a.retrieve(q)
        cands, x, fits = a.composer.candidates(q, hits, "hybrid")
        if not cands:
            continue
        texts = [a.corpus.chunks[c.idx].text for c in cands]
        y = _labels(texts, gq)
        ex.x.append(x)
        ex.y.append(y)
        ex.answerable.append(gq.answerable)
        ex.article.append(s.name)
        ex.qid.append(gq.id)
        if gq.figures and y.any():
            i = int(np.argmax(y))
            f_list = fits[i]
            if len(f_list) >= 2:
                idx = cands[i].idx
                chunk = a.corpus.chunks[idx]
                figs = list(a.corpus.figures[idx])
                ctx = a.composer.evidence.context(idx)
                fy = np.asarray([float(any(figure_matches(e, f) for e in gq.figures)) for f in f_list])
                if 0 < fy.sum() < len(fy):
                    ex.fig_x.append(figure_matrix(q, f_list, chunk.text, chunk.start, figs, a.composer.evidence.idf, ctx))
                    ex.fig_y.append(fy)
    return ex


def _standardisation(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each feature's mean and spread over the training rows (1 for a feature that never varies)."""
    scale = x.std(axis=0)
    return x.mean(axis=0), np.where(scale < 1e-9, 1.0, scale)


def fit_logistic(x: np.ndarray, y: np.ndarray, names: tuple[str, ...], c: float, seed: int,
                 balanced: bool = False) -> Any:
    """A standardised L2 logistic model (scikit-learn's lbfgs: deterministic for a given seed and data)."""
    from sklearn.linear_model import LogisticRegression

    from qa.selector import LinearModel

    mean, scale = _standardisation(x)
    model = LogisticRegression(C=c, max_iter=5000, random_state=seed,
                               class_weight="balanced" if balanced else None)
    model.fit((x - mean) / scale, y)
    return LinearModel(names, mean, scale, model.coef_[0].astype(np.float64), float(model.intercept_[0]))


def fit_listwise(groups: Sequence[tuple[np.ndarray, np.ndarray]], names: tuple[str, ...], lam: float) -> Any:
    """A standardised linear ranker fitted to pick a question's answer among its candidates: the softmax over each
    question's candidates, of the scores ``w · x``, is trained to put its mass on the sentences that hold the
    evidence (a conditional logit with an L2 penalty ``lam``; L-BFGS from zero weights, so deterministic).

    Unlike a logistic model of each candidate on its own, it learns only what tells candidates of one question
    apart, which is what the choice needs."""
    from scipy.optimize import minimize

    from qa.selector import LinearModel

    x = np.vstack([g[0] for g in groups])
    mean, scale = _standardisation(x)
    z = (x - mean) / scale
    pos = np.concatenate([g[1] > 0 for g in groups])
    sizes = np.asarray([len(g[0]) for g in groups])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    seg = np.repeat(np.arange(len(groups)), sizes)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = z @ w
        e = np.exp(s - np.maximum.reduceat(s, starts)[seg])
        total = np.add.reduceat(e, starts)
        held = np.add.reduceat(e * pos, starts)
        value = float(np.log(total).sum() - np.log(held).sum() + 0.5 * lam * w @ w)
        grad = (e / total[seg] - e * pos / held[seg]) @ z + lam * w
        return value, grad

    fit = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 5000})
    return LinearModel(names, mean, scale, fit.x.astype(np.float64), 0.0)


def sentence_groups(ex: Examples, keep: Sequence[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each kept answerable question's candidate rows and evidence labels (questions without evidence left out)."""
    return [(ex.x[i], ex.y[i]) for i in keep if ex.answerable[i] and ex.y[i].any()]


@dataclass(frozen=True)
class StumpRanker:
    """How the sentence ranker is boosted: LightGBM lambdarank over one-split trees, bagged over seeds. One-split
    trees keep the model a sum of one step function per feature, so it ships as a small table and scores without
    LightGBM. Chosen on the news set and the second development set (``benchmarks.compare_rankers``)."""

    rounds: int = 800
    rate: float = 0.05
    min_rows: int = 50
    bags: int = 5
    row_share: float = 0.8
    feature_share: float = 0.8


def stump_ranker(how: StumpRanker, seed: int) -> Any:
    """One unfitted LightGBM lambdarank ensemble of one-split trees."""
    import lightgbm as lgb

    return lgb.LGBMRanker(objective="lambdarank", n_estimators=how.rounds, num_leaves=2, learning_rate=how.rate,
                          min_child_samples=how.min_rows, subsample=how.row_share, subsample_freq=1,
                          colsample_bytree=how.feature_share, random_state=seed, n_jobs=1, deterministic=True,
                          force_row_wise=True, verbose=-1)


def fit_stumps(groups: Sequence[tuple[np.ndarray, np.ndarray]], names: tuple[str, ...], seed: int,
               how: StumpRanker = StumpRanker()) -> Any:
    """The mean of ``how.bags`` lambdarank ensembles of one-split trees (seeds ``seed`` on), collapsed into an
    ``AdditiveModel``; deterministic for a seed and data (one thread, LightGBM's deterministic mode)."""
    from qa.selector import AdditiveModel

    x = np.vstack([g[0] for g in groups])
    if not np.isfinite(x).all():
        raise EvalError("training rows hold non-finite features; the feature code must give finite values")
    y = np.concatenate([g[1] > 0 for g in groups]).astype(np.int32)
    stumps: dict[int, list[tuple[float, float, float]]] = {}
    intercept = 0.0
    for b in range(how.bags):
        ranker = stump_ranker(how, seed + b)
        ranker.fit(x, y, group=[len(g[0]) for g in groups])
        for tree in ranker.booster_.dump_model()["tree_info"]:
            node = tree["tree_structure"]
            if "split_feature" not in node:
                intercept += node["leaf_value"] / how.bags
                continue
            if node["decision_type"] != "<=":
                raise EvalError(f"unexpected LightGBM split {node['decision_type']!r}")
            stumps.setdefault(node["split_feature"], []).append(
                (float(node["threshold"]), node["left_child"]["leaf_value"] / how.bags,
                 node["right_child"]["leaf_value"] / how.bags))
    cuts, steps = [], []
    for j in range(len(names)):
        own = stumps.get(j, [])
        cut = np.unique([t for t, _, _ in own])
        step = np.zeros(len(cut) + 1)
        for t, left, right in own:
            p = int(np.searchsorted(cut, t))
            step[:p + 1] += left   # a value at or below the cut: the intervals up to and including p
            step[p + 1:] += right
        cuts.append(cut)
        steps.append(step)
    return AdditiveModel(names, tuple(cuts), tuple(steps), intercept)


def fit_sentence(ex: Examples, keep: Sequence[int], seed: int) -> Any:
    from qa.features import FEATURES

    return fit_stumps(sentence_groups(ex, keep), FEATURES, seed)


def fit_models(ex: Examples, seed: int = 0, c_abstain: float = 0.01,
               lam_figure: float = 10.0, folds: int = 5) -> tuple[Any, dict]:
    """Fit the three models; the abstention model learns from out-of-fold sentence scores (by article).

    The sentence ranker was chosen on the news set and the second development set (``benchmarks.compare_rankers``,
    1,850 answerable training questions): bagged one-split lambdarank trees put the evidence first for 92.5 % of the
    news questions and 78.4 % of the second set's, the listwise linear ranker that shipped before for 91.2 % and
    75.2-75.8 % (lambda 0.03 to 1), a pointwise logistic model for 88.1-88.8 % and 75.8-76.5 %, LightGBM with
    deeper trees (3 to 31 leaves) for 90.0-91.9 % and 77.1-79.1 %, varying more between seeds. The
    figure ranker is listwise, over the figures of the evidence sentence: on the training questions' figure choices
    (5-fold) it picks the expected figure for 82.7-84.4 % at lambda 0.1 to 10, a pointwise logistic model for
    80.7 %; lambda 10 was the best on the news and Long Biên sets (strict)."""
    from qa.features import FEATURES
    from qa.figure_choice import FIGURE_FEATURES
    from qa.selector import AnswerModels, abstain_features, abstain_row

    n = len(ex.x)
    if n == 0:
        raise EvalError("no training questions produced candidates")
    articles = sorted(set(ex.article))
    rng = np.random.default_rng(seed)
    order = list(rng.permutation(len(articles)))
    fold_of = {articles[j]: k % folds for k, j in enumerate(order)}
    a_rows, a_y, oof_top = [], [], 0
    for f in range(folds):
        train = [i for i in range(n) if fold_of[ex.article[i]] != f]
        test = [i for i in range(n) if fold_of[ex.article[i]] == f]
        m = fit_sentence(ex, train, seed)
        for i in test:
            row, best = abstain_row(ex.x[i], m.logits(ex.x[i]))
            label = float(ex.answerable[i] and ex.y[i][best] > 0)
            oof_top += int(label)
            a_rows.append(row)
            a_y.append(label)
    sentence = fit_sentence(ex, range(n), seed)
    abstain = fit_logistic(np.vstack(a_rows), np.asarray(a_y), abstain_features(), c_abstain, seed)
    if ex.fig_x:
        figure = fit_listwise(list(zip(ex.fig_x, ex.fig_y)), FIGURE_FEATURES, lam_figure)
    else:
        raise EvalError("no training question has a sentence with several figures to learn figure choice from")
    answerable = sum(ex.answerable)
    stats = {
        "questions": n, "answerable": answerable, "articles": len(articles),
        "candidate_recall": round(sum(bool(y.any()) for y, a in zip(ex.y, ex.answerable) if a) / max(1, answerable), 4),
        "oof_top1": round(oof_top / max(1, answerable), 4),
        "figure_groups": len(ex.fig_x), "seed": seed, "folds": folds,
        "ranker": "stumps", "stumps": asdict(StumpRanker()), "c": {"abstain": c_abstain},
        "lam_figure": lam_figure,
    }
    models = AnswerModels(sentence, abstain, figure, checksum="", trained=stats)
    return models, stats


def save_examples(ex: Examples, path: Path) -> None:
    """The extracted training rows as one ``.npz`` (no pickle), so model variants can be compared without
    re-running retrieval."""
    sizes = np.asarray([len(x) for x in ex.x], dtype=np.int64)
    fig_sizes = np.asarray([len(x) for x in ex.fig_x], dtype=np.int64)
    np.savez(path, x=np.vstack(ex.x), y=np.concatenate(ex.y), sizes=sizes, answerable=np.asarray(ex.answerable),
             article=np.asarray(ex.article, dtype=str), qid=np.asarray(ex.qid, dtype=str),
             fig_x=np.vstack(ex.fig_x) if ex.fig_x else np.zeros((0, 0)),
             fig_y=np.concatenate(ex.fig_y) if ex.fig_y else np.zeros(0), fig_sizes=fig_sizes)


def load_examples(path: Path) -> Examples:
    d = np.load(path, allow_pickle=False)
    cuts = np.cumsum(d["sizes"])[:-1]
    fcuts = np.cumsum(d["fig_sizes"])[:-1]
    ex = Examples(x=np.split(d["x"], cuts), y=np.split(d["y"], cuts), answerable=[bool(a) for a in d["answerable"]],
                  article=[str(a) for a in d["article"]], qid=[str(q) for q in d["qid"]])
    if len(d["fig_sizes"]):
        ex.fig_x, ex.fig_y = np.split(d["fig_x"], fcuts), np.split(d["fig_y"], fcuts)
    return ex
