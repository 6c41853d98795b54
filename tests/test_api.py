"""The public API contract of DESIGN.md: Assistant, Answer, citations, search modes and errors."""

import contextlib
import json
import subprocess
import sys

import numpy as np
import pytest

from index.embedder import HashEmbedder
from qa import Answer, Assistant, HoidapError, NoArticlesError, QueryError
from qa.question import analyse
from qa.validation import MAX_QUERY_CHARS


def test_public_names_are_exported():
    import qa

    for name in ("Assistant", "Answer", "Citation", "HoidapError", "QueryError", "ArticleError"):
        assert name in qa.__all__ and hasattr(qa, name)


def test_import_qa_does_not_import_torch_gradio_or_sentence_transformers():
    code = "import sys, qa; print(sorted(m for m in ('torch', 'gradio', 'sentence_transformers', 'matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_citations_slice_back_to_the_document(hash_assistant):
    ans = hash_assistant.ask("Thu ngân sách quý I đạt bao nhiêu?")
    assert isinstance(ans, Answer) and not ans.abstained
    assert ans.citations
    for c in ans.citations:
        assert hash_assistant.document(c.doc_id).text[c.start : c.end] == c.text
    assert [c.marker for c in ans.citations] == list(range(1, len(ans.citations) + 1))


def test_answer_to_dict_is_json_ready(hash_assistant):
    ans = hash_assistant.ask("Tổng diện tích đất thu hồi là bao nhiêu?")
    d = json.loads(json.dumps(ans.to_dict(), ensure_ascii=False))
    assert set(d) >= {"text", "abstained", "citations", "figures"}
    assert d["figures"][0]["value"] == 42092 and d["figures"][0]["unit"] == "m²"
    assert set(d["citations"][0]) >= {"doc_id", "text", "start", "end", "score", "section"}


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_search_returns_k_scored_chunks_in_each_mode(hash_assistant, mode):
    hits = hash_assistant.search("chi ngân sách nhà nước", k=4, mode=mode)
    assert len(hits) == 4
    assert all(h.doc_id and h.text and h.end > h.start for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_a_separate_dense_query_is_embedded_in_place_of_the_lexical_one(hash_assistant):
    corpus = hash_assistant.corpus
    english = "How much did the district spend?"
    chunks = lambda hits: [h.chunk_id for h in hits]  # noqa: E731
    both = corpus.search(f"{english} chi ngân sách", k=5, mode="dense", dense_query=english)
    assert chunks(both) == chunks(corpus.search(english, k=5, mode="dense"))
    lexical = corpus.search(f"{english} chi ngân sách", k=5, mode="bm25", dense_query=english)
    assert chunks(lexical) == chunks(corpus.search(f"{english} chi ngân sách", k=5, mode="bm25"))


@pytest.mark.parametrize("bad", [{"mode": "fuzzy"}, {"k": 0}, {"k": "3"}])
def test_bad_search_parameters_raise_query_error(hash_assistant, bad):
    with pytest.raises(QueryError):
        hash_assistant.search("ngân sách", **bad)


@pytest.mark.parametrize("question", ["", "   ", "?!…", "x" * 2001])
def test_unusable_questions_raise_query_error(hash_assistant, question):
    with pytest.raises(QueryError) as err:
        hash_assistant.ask(question)
    assert isinstance(err.value, HoidapError)


def test_unknown_document_is_a_query_error(hash_assistant):
    with pytest.raises(QueryError, match="known documents"):
        hash_assistant.document("nope")


def test_several_articles_cite_their_own_document(tmp_path, article_path):
    other = tmp_path / "giao-thong.txt"
    other.write_text(
        "Hà Nội khởi công cầu mới\n\nThành phố khởi công cầu Tứ Liên với tổng vốn 19.800 tỷ đồng. "
        "Cầu dài 5,4 km, dự kiến hoàn thành năm 2027.\n",
        "utf-8",
    )
    a = Assistant.from_files([article_path, other], embedder=HashEmbedder(), cache_dir=tmp_path / "c")
    assert {d.doc_id for d in a.documents} == {"long-bien-2024-04-15", "giao-thong"}
    ans = a.ask("Cầu Tứ Liên có tổng vốn bao nhiêu?")
    assert ans.citations[0].doc_id == "giao-thong"
    assert ans.figures[0].value == 19_800_000_000_000
    ans = a.ask("Chi ngân sách nhà nước quý I là bao nhiêu?")
    assert ans.citations[0].doc_id == "long-bien-2024-04-15"


def test_bad_files_are_skipped_and_reported_when_good_ones_exist(tmp_path, article_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 binary")
    a = Assistant.from_files([article_path, bad], embedder=HashEmbedder(), cache_dir=tmp_path / "c")
    assert len(a.documents) == 1
    assert [str(e.path) for e in a.skipped] == [str(bad)]


def test_only_bad_files_is_an_error_naming_them(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with pytest.raises(NoArticlesError, match="empty.txt"):
        Assistant.from_files([bad], embedder=HashEmbedder(), cache_dir=tmp_path / "c")


@pytest.mark.parametrize("bad", [{"mode": "fuzzy"}, {"k": 0}, {"k": "3"}, {"k": True}])
def test_bad_ask_parameters_raise_query_error(hash_assistant, bad):
    with pytest.raises(QueryError):
        hash_assistant.ask("Thu ngân sách quý I đạt bao nhiêu?", **bad)


def test_a_long_chain_of_follow_ups_stays_bounded(hash_assistant):
    history = []
    for _ in range(300):
        history += [{"role": "user", "content": "Còn chi thì sao?"}, {"role": "assistant", "content": "…"}]
    ans = hash_assistant.ask("Còn thu thì sao?", history=history)
    assert len(ans.resolved_question) < 2000


@contextlib.contextmanager
def queries_embedded(corpus):
    """The texts the corpus's embedder is asked to embed as queries while the block runs (query cache emptied)."""
    embedded: list[str] = []
    real = corpus.embedder.embed_queries

    def spy(texts):
        embedded.extend(texts)
        return real(texts)

    corpus.clear_query_cache()
    corpus.embedder.embed_queries = spy
    try:
        yield embedded
    finally:
        del corpus.embedder.embed_queries


def test_a_follow_up_merged_past_the_query_limit_is_embedded_once_as_asked(hash_assistant):
    long = "Thu ngân sách quý I của quận Long Biên " + " ".join(["đạt bao nhiêu tỷ đồng so với dự toán năm"] * 45) + "?"
    follow_up = "Còn chi ngân sách quý I " + " ".join(["của quận thì sao"] * 8) + "?"
    history = [{"role": "user", "content": long}, {"role": "assistant", "content": "…"}]
    with queries_embedded(hash_assistant.corpus) as embedded:
        ans = hash_assistant.ask(follow_up, history=history)
    assert len(ans.resolved_question) > MAX_QUERY_CHARS  # merged with the long question before it
    assert embedded == [follow_up]  # search and the answer's features read the same text: one embedding


def test_cli_output_cut_short_by_a_closed_pipe_is_not_a_traceback(tmp_path):
    ask = f"{sys.executable} -m qa ask 'Thu ngân sách quý I đạt bao nhiêu?' --embedder hash --cache-dir {tmp_path}"
    whole = subprocess.run(["bash", "-c", ask], capture_output=True, text=True, timeout=120)
    cut = subprocess.run(["bash", "-c", ask + " | head -1"], capture_output=True, text=True, timeout=120)
    lines = whole.stdout.splitlines()
    assert whole.returncode == 0 and len(lines) > 5 and "tỷ đồng (= " in lines[0]  # a reply longer than one line
    assert cut.stdout.splitlines() == lines[:1]
    assert "Traceback" not in cut.stderr and "Traceback" not in whole.stderr


def test_an_english_question_is_embedded_with_its_vietnamese_rendering(hash_assistant):
    with queries_embedded(hash_assistant.corpus) as embedded:
        hash_assistant.ask("How much did the district spend from the state budget?")
    assert embedded and all(t.startswith("How much did the district spend") for t in embedded)
    assert all("ngân sách nhà nước" in t for t in embedded)  # the rendering follows the question as asked


def test_the_passages_beside_an_answer_are_the_selectors_next_best(hash_assistant) -> None:
    answered = 0
    for question in ["Thu ngân sách quý I đạt bao nhiêu?", "Quận có bao nhiêu phường?", "Chi ngân sách quý I là bao nhiêu?"]:
        ans = hash_assistant.ask(question)
        if ans.abstained:
            continue
        answered += 1
        comp = hash_assistant.composer
        q = analyse(question)
        scored = comp.score(q, hash_assistant.retrieve(q), "hybrid")
        order = [hash_assistant.corpus.chunks[scored.cands[i].idx].chunk_id
                 for i in np.argsort(-scored.logits, kind="stable")]
        shown = [c.chunk_id for c in ans.citations]
        assert shown[0] == order[0]
        assert shown[1:] == [c for c in order if c != shown[0]][: len(shown) - 1]
    assert answered
