"""index.bm25: scores equal rank-bm25's BM25Okapi field by field, and the top-n cut keeps only positive scores."""

from __future__ import annotations

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index.bm25 import SELECT_BLOCK, LexicalIndex, largest, top
from index.text import accented_terms, folded_terms, whitespace_terms

# "ngân sách" is in more than half the passages, so its idf is negative and BM25Okapi floors it (epsilon rule).
PASSAGES = [
    "Thu ngân sách quý I đạt 2.472 tỷ đồng, bằng 125% cùng kỳ.",
    "Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng.",
    "Ngân sách quận dành cho giáo dục và y tế tăng mạnh.",
    "Quận khởi công 12 dự án, hoàn thành 5 dự án trong quý I.",
    "Tổng diện tích đất thu hồi là 42.092m2 với 236 hộ dân.",
    "Ngân sách chi thường xuyên được tiết kiệm.",
]
QUERIES = [
    "Thu ngân sách quý I đạt bao nhiêu?",
    "thu ngan sach quy 1 dat bao nhieu",
    "dự án hoàn thành",
    "ngân sách ngân sách",  # a repeated query term counts twice
    "điện mặt trời",  # no passage has it
]


@pytest.mark.parametrize("k1,b", [(1.2, 0.75), (1.2, 0.4), (2.0, 0.0)])
@pytest.mark.parametrize("query", QUERIES)
def test_vietnamese_scores_equal_bm25okapi_on_each_field(query, k1, b):
    index = LexicalIndex(PASSAGES, folded_weight=0.6, k1=k1, b=b)
    folded = BM25Okapi([folded_terms(p) for p in PASSAGES], k1=k1, b=b).get_scores(folded_terms(query))
    accented = BM25Okapi([accented_terms(p) for p in PASSAGES], k1=k1, b=b).get_scores(accented_terms(query))
    typed_with_accents = query != query.encode("ascii", "ignore").decode()
    expected = accented + 0.6 * folded if typed_with_accents else folded
    np.testing.assert_allclose(index.scores(query), expected, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("query", QUERIES)
def test_a_passage_score_is_its_terms_weights_summed_in_query_order_to_the_last_bit(query):
    field = LexicalIndex(PASSAGES).fields["folded"]
    terms = folded_terms(query)
    expected = np.zeros(field.size)
    for i in field.slots(terms).tolist():
        if i < 0:
            continue
        postings = slice(field.indptr[i], field.indptr[i + 1])
        for doc, weight in zip(field.docs[postings].tolist(), field.weights[postings].tolist()):
            expected[doc] += weight
    assert field.scores(terms).tolist() == expected.tolist()


@pytest.mark.parametrize("query", QUERIES)
def test_whitespace_tokenizer_scores_equal_bm25okapi(query):
    index = LexicalIndex(PASSAGES, tokenizer="whitespace", k1=1.5, b=0.75)
    expected = BM25Okapi([whitespace_terms(p) for p in PASSAGES], k1=1.5, b=0.75).get_scores(whitespace_terms(query))
    np.testing.assert_allclose(index.scores(query), expected, rtol=1e-9, atol=1e-12)


def test_unaccented_query_finds_the_accented_passage_first():
    index = LexicalIndex(PASSAGES)
    assert top(index.scores("tong dien tich dat thu hoi"), 1)[0][0] == 4


def test_empty_passages_score_zero():
    index = LexicalIndex(["", "Chi ngân sách 478 tỷ đồng.", "Quận có 14 phường."])
    scores = index.scores("chi ngân sách")
    assert scores.shape == (3,) and scores[0] == scores[2] == 0.0 and scores[1] > 0


def test_coverage_is_the_share_of_query_syllables_the_passages_use():
    index = LexicalIndex(PASSAGES)
    assert index.coverage("thu ngân sách") == 1.0
    assert index.coverage("thu ngân sách Paris") == 0.75
    assert index.coverage("?") == 0.0


def test_top_keeps_positive_scores_best_first_and_stable_on_ties():
    scores = np.array([0.0, 2.0, 5.0, 2.0, -1.0])
    assert top(scores, 10) == [(2, 5.0), (1, 2.0), (3, 2.0)]
    assert top(scores, 2) == [(2, 5.0), (1, 2.0)]
    assert top(scores, 0) == [] and top(np.zeros(0), 3) == []


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n", [1, 20, 80])
def test_largest_picks_the_passages_a_full_partition_picks(seed, n):
    rng = np.random.default_rng(seed)
    size = 4 * SELECT_BLOCK * n + int(rng.integers(0, SELECT_BLOCK))  # large enough for block maxima, ragged tail
    # Few distinct values: ties everywhere, often across the cut; zeros as for passages no query term is in.
    scores = np.round(rng.gamma(1.0, 1.0, size), int(rng.integers(1, 4))) * (rng.random(size) < 0.8)
    expected = np.argpartition(-scores, n - 1)[:n]
    assert sorted(largest(scores, n).tolist()) == sorted(expected.tolist())
    assert top(scores, n) == [(int(i), float(scores[i])) for i in expected[np.lexsort((expected, -scores[expected]))]
                              if scores[i] > 0]


def test_largest_finds_the_top_scores_however_they_lie_in_blocks():
    n = 5
    scores = np.zeros(4 * SELECT_BLOCK * n + 7)
    scores[[3, 4, 5, 6, 7]] = [9.0, 8.0, 7.0, 6.0, 5.0]  # all in the first block
    scores[-1] = 10.0  # in the tail no block covers
    assert sorted(largest(scores, n).tolist()) == [3, 4, 5, 6, len(scores) - 1]
