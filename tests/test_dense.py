"""index.dense: exact cosine search over normalised vectors, best first, capped at the number of passages."""

from __future__ import annotations

import numpy as np
import pytest

from index.dense import DenseIndex


def _unit(rows: list[list[float]]) -> np.ndarray:
    v = np.asarray(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


VECTORS = _unit([[1, 0, 0], [0.8, 0.6, 0], [0, 1, 0], [0, 0, 1]])


def test_search_returns_cosines_best_first():
    index = DenseIndex(VECTORS)
    hits = index.search(_unit([[1, 0.1, 0]])[0], 3)
    assert [i for i, _ in hits] == [0, 1, 2]
    expected = VECTORS @ _unit([[1, 0.1, 0]])[0]
    assert [s for _, s in hits] == pytest.approx([float(expected[i]) for i in (0, 1, 2)], abs=1e-6)


def test_search_is_capped_at_the_number_of_passages_and_an_empty_index_finds_nothing():
    assert len(DenseIndex(VECTORS).search(VECTORS[3], 50)) == 4
    assert DenseIndex(np.zeros((0, 3), dtype=np.float32)).search(VECTORS[0], 5) == []


def test_dimension_and_shape_checks():
    assert DenseIndex(VECTORS).dim == 3
    with pytest.raises(ValueError, match="2-D"):
        DenseIndex(np.zeros(3, dtype=np.float32))


def test_float64_vectors_search_like_float32():
    assert DenseIndex(VECTORS.astype(np.float64)).search(VECTORS[2], 2) == DenseIndex(VECTORS).search(VECTORS[2], 2)


def test_candidate_ids_are_deduplicated_and_sorted_as_np_unique_does():
    from index.dense import _sorted_unique

    rng = np.random.default_rng(0)
    for ids in (rng.integers(0, 50, 200), np.zeros(0, np.int64), np.array([7])):
        assert np.array_equal(_sorted_unique(ids), np.unique(ids))
