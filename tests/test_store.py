"""Saved indexes: save, load and search again with the same result; damage is refused; leftovers of interrupted saves
are swept."""

import json
import os
import time

import numpy as np
import pytest

from index import store
from index.embedder import HashEmbedder
from index.errors import IndexStoreError
from index.store import sweep_leftovers
from qa import Assistant


def test_search_save_load_search_gives_the_same_results(tmp_path, article_path):
    built = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path)
    loaded = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path)
    assert built.corpus.loaded_from == loaded.corpus.loaded_from
    for mode in ("bm25", "dense", "hybrid"):
        a = [(h.chunk_id, round(h.score, 6)) for h in built.search("thu ngân sách quý I", k=5, mode=mode)]
        b = [(h.chunk_id, round(h.score, 6)) for h in loaded.search("thu ngân sách quý I", k=5, mode=mode)]
        assert a == b
    assert loaded.ask("Chi ngân sách nhà nước quý I là bao nhiêu?").to_dict() == built.ask(
        "Chi ngân sách nhà nước quý I là bao nhiêu?"
    ).to_dict()


def test_old_leftovers_of_killed_saves_are_swept_and_fresh_ones_kept(tmp_path):
    old_tmp = tmp_path / ".abc.tmp-123-deadbeef"
    old_tmp.mkdir()
    (old_tmp / "corpus.json").write_text("{}")
    old_bad = tmp_path / ".abc.bad-0badc0de"
    old_bad.write_text("x")
    fresh = tmp_path / ".abc.tmp-456-cafebabe"  # another process may be writing it right now
    fresh.mkdir()
    index = tmp_path / "abc"
    index.mkdir()
    hour_ago = time.time() - 7200
    for p in (old_tmp, old_bad):
        os.utime(p, (hour_ago, hour_ago))
    removed = sweep_leftovers(tmp_path)
    assert sorted(p.name for p in removed) == sorted([old_tmp.name, old_bad.name])
    assert fresh.exists() and index.exists() and not old_tmp.exists() and not old_bad.exists()


def test_saving_sweeps_old_leftovers(tmp_path, article_path):
    leftover = tmp_path / ".k.tmp-1-00000000"
    leftover.mkdir()
    os.utime(leftover, (time.time() - 7200, time.time() - 7200))
    Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path)
    assert not leftover.exists()


# --- what is saved is loaded, not rebuilt ----------------------------------------------------------

import json  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from index import bm25, dense, store  # noqa: E402
from index.config import IndexConfig  # noqa: E402
from index.corpus import Corpus  # noqa: E402
from index.text import fold, syllables  # noqa: E402


def test_loading_rebuilds_no_bm25_postings_and_scores_like_the_build(tmp_path, article_path, monkeypatch):
    built = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path)
    monkeypatch.setattr(bm25.Postings, "build", classmethod(lambda *a, **k: pytest.fail("postings rebuilt at load")))
    loaded = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path)
    for q in ("thu ngân sách quý I", "chi ngan sach", "diện tích đất"):
        np.testing.assert_array_equal(loaded.corpus.lexical.scores(q), built.corpus.lexical.scores(q))
        np.testing.assert_array_equal(loaded.corpus.group_lexical.scores(q), built.corpus.group_lexical.scores(q))


def test_vectors_are_saved_once(tmp_path, article_path):
    a = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path)
    table = json.loads((a.corpus.loaded_from / store.ARRAYS_TABLE).read_text("utf-8"))["arrays"]
    n, dim = len(a.corpus.chunks), HashEmbedder().dim
    assert [name for name, spec in table.items() if spec["shape"] == [n, dim]] == ["dense.vectors"]
    assert not (a.corpus.loaded_from / store.ANN_FILE).exists()


def test_term_df_counts_the_passages_holding_a_folded_syllable_or_bigram(hash_assistant):
    corpus = hash_assistant.corpus
    sets = []
    for c in corpus.chunks:
        ts = [fold(s) for s in syllables(c.text)]
        sets.append(set(ts) | {f"{a}_{b}" for a, b in zip(ts, ts[1:])})
    for term in ("ngan", "ngan_sach", "thu_ngan", "quy", "phuong", "2472", "khong_co_tu_nay"):
        assert corpus.term_df(term) == sum(term in s for s in sets), term
    assert corpus.n_chunks == len(corpus.chunks)


def test_paragraph_bm25_uses_the_configured_b(tmp_path, article_path):
    from index.article import load_article

    docs = [load_article(article_path)]
    scores = {
        b: Corpus.build(docs, HashEmbedder(), IndexConfig(bm25_b=b)).group_lexical.scores("thu ngân sách") for b in (0.4, 0.75)
    }
    assert not np.allclose(scores[0.4], scores[0.75])


def test_an_approximate_dense_index_is_saved_whole_and_searches_like_exact_search(tmp_path, article_path, monkeypatch):
    exact = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path / "exact")
    monkeypatch.setattr(dense, "APPROXIMATE_MIN_PASSAGES", 1)
    built = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path / "ivf")
    assert built.corpus.dense.ivf is not None and (built.corpus.loaded_from / store.ANN_FILE).is_file()
    loaded = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path / "ivf")
    assert loaded.corpus.dense.ivf is not None
    np.testing.assert_array_equal(loaded.corpus.dense.vectors, exact.corpus.dense.vectors)
    for q in ("thu ngân sách quý I", "Quận chỉ đạo bao nhiêu phường?"):
        assert [h.chunk_id for h in loaded.search(q, k=5, mode="dense")] == [h.chunk_id for h in exact.search(q, k=5, mode="dense")]


def _small_index(tmp_path):
    arrays = {"ids": np.arange(2048, dtype=np.int64), "weights": np.linspace(0, 1, 999, dtype=np.float32)}
    return store.save(tmp_path, "k", "hash-8", {"title": "Thu ngân sách"}, arrays, passages=7, ann=b"ivf" * 100)


@pytest.mark.parametrize("bit", range(8))
@pytest.mark.parametrize("name", [store.ARRAYS_FILE, store.ANN_FILE, store.CORPUS_FILE])
def test_a_single_flipped_bit_anywhere_in_a_saved_file_is_refused_on_load(tmp_path, name, bit):
    path = _small_index(tmp_path)
    original = (path / name).read_bytes()
    for i in range(bit, len(original), max(1, len(original) // 40)):
        damaged = bytearray(original)
        damaged[i] ^= 1 << bit
        (path / name).write_bytes(bytes(damaged))
        with pytest.raises(IndexStoreError, match=f"{name} does not match its checksum"):
            store.load(path)
    (path / name).write_bytes(original)
    assert store.load(path).arrays["ids"].tolist() == list(range(2048))


@pytest.mark.parametrize("change", [lambda b: b[:-1], lambda b: b + b"\0", lambda b: b[:64]])
def test_a_truncated_or_extended_arrays_file_is_refused_on_load(tmp_path, change):
    path = _small_index(tmp_path)
    (path / store.ARRAYS_FILE).write_bytes(change((path / store.ARRAYS_FILE).read_bytes()))
    with pytest.raises(IndexStoreError, match="arrays.bin does not match its checksum"):
        store.load(path)


def test_a_manifest_naming_another_checksum_is_refused_with_the_one_expected(tmp_path):
    path = _small_index(tmp_path)
    manifest = json.loads((path / store.MANIFEST).read_text("utf-8"))
    assert manifest["checksum"] == store.CHECKSUM
    (path / store.MANIFEST).write_text(json.dumps({**manifest, "checksum": "sha256"}), "utf-8")
    with pytest.raises(IndexStoreError, match=f"checksum 'sha256', not '{store.CHECKSUM}'"):
        store.load(path)


def test_an_index_of_other_bm25_tokens_is_saved_beside_the_default_one_not_over_it(tmp_path, article_path, caplog):
    from index.config import IndexConfig

    default = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path)
    whitespace = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path,
                                      config=IndexConfig(tokenizer="whitespace"))
    assert whitespace.corpus.loaded_from != default.corpus.loaded_from
    with caplog.at_level("WARNING"):
        again = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path)
    assert again.corpus.loaded_from == default.corpus.loaded_from
    assert "rebuilding" not in caplog.text
