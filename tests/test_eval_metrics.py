"""Metric functions pinned on hand-computed examples."""

from __future__ import annotations

import math

import pytest

from eval.metrics import (
    Outcome, abstention_metrics, latency_metrics, ndcg_at_k, percentile, recall_at_k, reciprocal_rank,
    retrieval_metrics, summarize,
)


def test_recall_at_k_is_one_when_a_relevant_chunk_is_within_the_first_k():
    rel = [False, False, True, False]
    assert recall_at_k(rel, 1) == 0.0
    assert recall_at_k(rel, 2) == 0.0
    assert recall_at_k(rel, 3) == 1.0
    assert recall_at_k(rel, 5) == 1.0


def test_recall_at_k_rejects_k_below_one():
    with pytest.raises(ValueError, match="k must be at least 1"):
        recall_at_k([True], 0)


def test_reciprocal_rank_uses_the_first_relevant_rank_and_stops_at_k():
    assert reciprocal_rank([False, True, True]) == 0.5
    assert reciprocal_rank([False] * 3 + [True]) == 0.25
    assert reciprocal_rank([False] * 10 + [True], k=10) == 0.0
    assert reciprocal_rank([]) == 0.0


def test_ndcg_at_5_single_relevant_at_rank_2_is_one_over_log2_3():
    assert ndcg_at_k([False, True, False], 5) == pytest.approx(1 / math.log2(3))  # 0.6309


def test_ndcg_at_5_two_relevant_at_ranks_1_and_3():
    # DCG = 1 + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) = 1.6309
    assert ndcg_at_k([True, False, True, False, False], 5) == pytest.approx(1.5 / (1 + 1 / math.log2(3)))


def test_ndcg_counts_relevant_items_beyond_k_in_the_ideal_ranking():
    # relevant at rank 2 and 7: DCG@5 = 1/log2(3); ideal has both first = 1 + 1/log2(3)
    rel = [False, True, False, False, False, False, True]
    assert ndcg_at_k(rel, 5) == pytest.approx((1 / math.log2(3)) / (1 + 1 / math.log2(3)))


def test_ndcg_is_zero_without_relevant_items_and_one_for_a_perfect_ranking():
    assert ndcg_at_k([False] * 5, 5) == 0.0
    assert ndcg_at_k([True, True, False], 5) == pytest.approx(1.0)


def test_retrieval_metrics_average_over_questions():
    m = retrieval_metrics([[True, False], [False, False, True], [False] * 10])
    assert m.n == 3
    assert m.recall_at_1 == pytest.approx(1 / 3)
    assert m.recall_at_3 == pytest.approx(2 / 3)
    assert m.recall_at_5 == pytest.approx(2 / 3)
    assert m.mrr_at_10 == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert m.ndcg_at_5 == pytest.approx((1 + 0.5 + 0) / 3)  # 1/log2(4) = 0.5


def test_retrieval_metrics_of_no_questions_are_undefined_not_zero():
    m = retrieval_metrics([])
    assert m.n == 0 and m.recall_at_1 is None and m.mrr_at_10 is None


def test_abstention_precision_recall_f1_treat_abstaining_as_the_positive_class():
    abstained = [True, True, False, True, False]
    unanswerable = [True, False, True, True, False]
    m = abstention_metrics(abstained, unanswerable)
    assert (m.correct, m.abstained, m.unanswerable) == (2, 3, 3)
    assert m.precision == pytest.approx(2 / 3)
    assert m.recall == pytest.approx(2 / 3)
    assert m.f1 == pytest.approx(2 / 3)


def test_abstention_precision_is_undefined_when_nothing_was_abstained():
    m = abstention_metrics([False, False], [True, False])
    assert m.precision is None and m.recall == 0.0 and m.f1 is None


def test_percentile_interpolates_linearly_like_numpy():
    xs = [10.0, 20.0, 30.0, 40.0]
    assert percentile(xs, 50) == pytest.approx(25.0)
    assert percentile(xs, 95) == pytest.approx(38.5)
    assert percentile([7.0], 95) == 7.0
    lat = latency_metrics([40.0, 10.0, 30.0, 20.0])
    assert (lat.p50_ms, lat.p95_ms, lat.mean_ms) == (pytest.approx(25.0), pytest.approx(38.5), pytest.approx(25.0))


def test_summarize_counts_accuracy_per_kind_and_figure_accuracy_over_figure_questions_only():
    outcomes = [
        Outcome("figure", True, False, strict=True, lenient=True, figures_ok=True, relevance=(True,), latency_ms=5),
        Outcome("figure", True, False, strict=False, lenient=True, figures_ok=True, relevance=(False, True)),
        Outcome("fact", True, False, strict=False, lenient=False, figures_ok=None, relevance=None),
        Outcome("unanswerable", False, True, strict=True, lenient=True),
    ]
    m = summarize(outcomes)
    assert m.answers.n == 4
    assert m.answers.lenient == 0.75 and m.answers.strict == 0.5
    assert m.figure_accuracy == 1.0 and m.figure_n == 2
    assert m.retrieval.n == 2 and m.retrieval.recall_at_1 == 0.5 and m.retrieval.mrr_at_10 == 0.75
    assert m.per_kind["figure"].lenient == 1.0 and m.per_kind["fact"].lenient == 0.0
    assert m.abstention.precision == 1.0 and m.abstention.recall == 1.0
    assert m.latency.n == 1
