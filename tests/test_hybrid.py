"""index.hybrid: reciprocal-rank and weighted min-max fusion of ranked lists, and hits that read through to chunks."""

from __future__ import annotations

import pytest

from index.chunk import Chunk
from index.hybrid import Hit, rrf, weighted

LEXICAL = [(3, 12.0), (1, 8.0), (7, 2.0)]
DENSE = [(1, 0.91), (5, 0.90), (3, 0.85)]


def test_rrf_sums_one_over_k_plus_rank_per_list():
    fused = dict(rrf([LEXICAL, DENSE], k=60))
    assert fused[3] == pytest.approx(1 / 61 + 1 / 63)
    assert fused[1] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[7] == pytest.approx(1 / 63) and fused[5] == pytest.approx(1 / 62)
    assert [i for i, _ in rrf([LEXICAL, DENSE], k=60)] == [1, 3, 5, 7]


def test_rrf_weights_scale_each_list():
    fused = dict(rrf([LEXICAL, DENSE], k=60, weights=[2.0, 0.0]))
    assert fused[3] == pytest.approx(2 / 61) and fused[5] == 0.0


def test_weighted_fusion_normalises_each_list_and_scores_absent_items_zero():
    fused = dict(weighted([LEXICAL, DENSE], [0.5, 0.5]))
    assert fused[3] == pytest.approx(0.5 * 1.0 + 0.5 * 0.0)
    assert fused[1] == pytest.approx(0.5 * 0.6 + 0.5 * 1.0)
    assert fused[7] == pytest.approx(0.0)
    assert fused[5] == pytest.approx(0.5 * (0.90 - 0.85) / (0.91 - 0.85))
    assert weighted([LEXICAL, DENSE], [0.5, 0.5])[0][0] == 1


def test_weighted_fusion_of_equal_scores_gives_each_full_weight_and_ties_go_by_index():
    assert weighted([[(4, 3.0), (2, 3.0)]], [0.7]) == [(2, 0.7), (4, 0.7)]
    assert weighted([[], DENSE], [0.5, 0.5])[0] == (1, 0.5)
    assert rrf([]) == [] and weighted([], []) == []


def test_hit_reads_its_chunk_and_serialises_with_ranks():
    chunk = Chunk("doc#3", "doc", "Chi ngân sách 478 tỷ đồng.", 120, 146, "Kinh tế", 2)
    hit = Hit(chunk, 0.8, bm25_rank=2, dense_rank=None, bm25_score=7.5)
    assert (hit.doc_id, hit.chunk_id, hit.text, hit.start, hit.end, hit.section, hit.paragraph) == (
        "doc", "doc#3", chunk.text, 120, 146, "Kinh tế", 2)
    assert hit.to_dict() == {**chunk.to_dict(), "score": 0.8, "bm25_rank": 2, "dense_rank": None}
