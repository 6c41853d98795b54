"""The engine backend: an embedded Milvus Lite (and Qdrant local mode) give the in-process ranking and answers."""

from __future__ import annotations

import numpy as np
import pytest
from archive_helpers import build_archive, sample_records

from index.archive import Archive
from index.archive_filter import ArticleFilter
from index.bm25 import LexicalIndex
from index.embedder import HashEmbedder
from index.engine import engine_corpus
from index.engine.sparse import SparseEncoder
from index.errors import ArchiveError
from qa import Assistant
from qa.evidence import Evidence

QUESTIONS = [
    "Chiếc cặp có kích thước bao nhiêu?",
    "Giá vàng tăng bao nhiêu?",
    "bao nhieu nguoi thiet mang",
    "Thủ tướng chỉ đạo gì?",
    "Có bao nhiêu thí sinh dự thi?",
    "Học phí năm 2024 là bao nhiêu?",
]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return sample_records()


@pytest.fixture(scope="module")
def archive(tmp_path_factory, records) -> Archive:
    return build_archive(tmp_path_factory.mktemp("engine-archive"), records)


@pytest.fixture(scope="module")
def milvus(archive, tmp_path_factory):
    pytest.importorskip("milvus_lite")
    return engine_corpus(archive.corpus(HashEmbedder()), f"milvus:{tmp_path_factory.mktemp('milvus') / 'engine.db'}")


def test_sparse_vectors_dot_product_is_hoidaps_bm25():
    texts = ["Thu ngân sách quý I đạt 2.472 tỷ đồng.", "Chi ngân sách 478 tỷ đồng.", "Quận có 14 phường.", "Ngân sách tăng."]
    lexical = LexicalIndex(texts)
    enc = SparseEncoder(lexical)
    docs = enc.passages()
    for q in ("thu ngân sách quý I", "chi ngan sach", "phường"):
        qi, qv = enc.query(q)
        qvec = dict(zip(qi, qv))
        got = [sum(qvec.get(int(i), 0.0) * v for i, v in zip(*d)) for d in docs]
        np.testing.assert_allclose(got, lexical.scores(q), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_the_engine_finds_the_same_top_ten_as_the_in_process_index(archive, milvus, mode):
    local = archive.corpus(HashEmbedder())
    for q in QUESTIONS:
        ours = [h.chunk_id for h in local.search(q, k=10, mode=mode)]
        theirs = [h.chunk_id for h in milvus.search(q, k=10, mode=mode)]
        assert set(theirs) == set(ours), q
        assert theirs[:3] == ours[:3], q


def _reply(answer: dict) -> tuple:
    """What must not depend on where the index lives: an answer's text and citations; for a refusal, that it refuses
    and which passages it shows. The engine agrees with the in-process search on the top ten as a set and on the
    top three in order; below that, scores equal to the last bits may come in another order, which moves the rank
    features of the candidates a refusal lists as closest."""
    if answer["abstained"]:
        lines = answer["text"].splitlines()
        return True, lines[0], sorted(line.split("] ", 1)[-1] for line in lines[1:] if line.startswith("["))
    return False, answer["text"], [c["chunk_id"] for c in answer["citations"]]


def test_the_same_answers_through_the_engine_and_in_process(archive, milvus):
    local, engine = Assistant(archive.corpus(HashEmbedder())), Assistant(milvus)
    for q in QUESTIONS:
        assert _reply(local.ask(q).to_dict()) == _reply(engine.ask(q).to_dict()), q


def test_answers_through_the_engine_read_the_stored_syllables_and_equal_the_in_process_ones(archive, milvus,
                                                                                          monkeypatch):
    local = archive.corpus(HashEmbedder())
    expected = [Assistant(local).ask(q).to_dict() for q in QUESTIONS]
    sentences = [Evidence(local).sentence(i) for i in range(len(local.chunks))]

    def no_tokenising(text):
        raise AssertionError("a passage was tokenised again instead of read from the archive")

    monkeypatch.setattr("index.corpus.syllables", no_tokenising)
    assert [Evidence(milvus).sentence(i) for i in range(len(milvus.chunks))] == sentences
    for q, a in zip(QUESTIONS, expected):
        assert _reply(Assistant(milvus).ask(q).to_dict()) == _reply(a), q


def test_filters_are_applied_by_the_engine(archive, milvus, records):
    by_id = {r["id"]: r for r in records}
    where = ArticleFilter.of(outlet="Thanh Niên")
    for mode in ("bm25", "dense", "hybrid"):
        hits = milvus.search("học sinh thi", k=10, mode=mode, where=where)
        assert hits and {by_id[h.doc_id]["outlet"] for h in hits} == {"Thanh Niên"}


def test_a_second_open_reuses_what_the_engine_holds(archive, milvus, monkeypatch):
    monkeypatch.setattr(type(milvus.backend), "create", lambda *a, **k: pytest.fail("reloaded the engine"))
    again = engine_corpus(archive.corpus(HashEmbedder()), milvus.backend.name)
    assert [h.chunk_id for h in again.search(QUESTIONS[0], k=5)] == [h.chunk_id for h in milvus.search(QUESTIONS[0], k=5)]


def test_qdrant_local_mode_gives_the_same_top_ten(archive, tmp_path):
    pytest.importorskip("qdrant_client")
    local = archive.corpus(HashEmbedder())
    qdrant = engine_corpus(archive.corpus(HashEmbedder()), f"qdrant:{tmp_path / 'qdrant'}")
    for q in QUESTIONS[:3]:
        assert {h.chunk_id for h in qdrant.search(q, k=10)} == {h.chunk_id for h in local.search(q, k=10)}


def test_an_unknown_engine_is_a_clear_error(archive):
    with pytest.raises(ArchiveError, match="milvus:"):
        engine_corpus(archive.corpus(HashEmbedder()), "elastic:http://localhost:9200")
