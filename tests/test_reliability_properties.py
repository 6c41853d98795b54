"""Property tests: any string is a usable question or a QueryError, and every citation slices back to its document."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qa.validation import MAX_QUERY_CHARS, validate_query
from qa import Assistant, QueryError
from qa.assistant import bundled_article_path

_WORDS = sorted(set(re.findall(r"\w+", bundled_article_path().read_text("utf-8"))))
_ODD = ["\x00", "\x1b[31m", "\u200b", "\u200f", "\u202e", "\ufeff", "\ud800", "\udfff", "<img src=x onerror=alert(1)>",
        "'; DROP TABLE articles; --", "?", "…", "%", "2.472", "1,5", "tỷ đồng", "quý I", "bao nhiêu", "😀", "\n", "\t"]

any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)  # surrogates included
article_like = st.lists(st.sampled_from(_WORDS + _ODD), min_size=0, max_size=25).map(" ".join)
questions = st.one_of(any_text, article_like, st.text(max_size=MAX_QUERY_CHARS + 50))
history = st.lists(
    st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant"]), "content": st.one_of(article_like, any_text)}),
    max_size=3,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_slices(a: Assistant, ans: Any) -> None:
    for c in list(ans.citations) + list(ans.related):
        assert a.document(c.doc_id).text[c.start : c.end] == c.text, c
    texts = [a.document(d).text for d in a.corpus.documents]
    for f in ans.figures:
        assert any(t[f.start : f.end] == f.text for t in texts), f


@SETTINGS
@given(questions)
@example("\ud800")
@example("a" * (MAX_QUERY_CHARS + 1))
@example("a" * MAX_QUERY_CHARS)
def test_validate_query_returns_clean_text_or_raises_query_error(q: str) -> None:
    try:
        cleaned = validate_query(q)
    except QueryError:
        return
    assert isinstance(cleaned, str) and cleaned == cleaned.strip() and cleaned
    assert any(ch.isalnum() for ch in cleaned)
    assert "\x00" not in cleaned and "  " not in cleaned
    assert validate_query(cleaned) == cleaned  # idempotent


@SETTINGS
@given(q=questions, hist=history, mode=st.sampled_from(["hybrid", "bm25", "dense"]), k=st.integers(1, 8))
@example(q="Thu ngân sách quý I đạt bao nhiêu?", hist=[], mode="hybrid", k=5)
@example(q="Còn chi thì sao?", hist=[{"role": "user", "content": "Thu ngân sách quý I đạt bao nhiêu?"}], mode="bm25", k=3)
def test_ask_never_raises_anything_but_query_error_and_citations_slice_back(hash_assistant: Assistant, q: str,
                                                                          hist: list[dict], mode: str, k: int) -> None:
    try:
        ans = hash_assistant.ask(q, history=hist, mode=mode, k=k)
    except QueryError:
        return
    assert ans.question == q
    assert isinstance(ans.abstained, bool) and ans.text.strip()
    assert ans.abstained or ans.citations
    _check_slices(hash_assistant, ans)
    ans.to_dict()


@SETTINGS
@given(q=questions, mode=st.sampled_from(["hybrid", "bm25", "dense"]), k=st.integers(1, 50))
def test_search_hits_slice_back_or_query_error(hash_assistant: Assistant, q: str, mode: str, k: int) -> None:
    try:
        hits = hash_assistant.search(q, k=k, mode=mode)
    except QueryError:
        return
    assert len(hits) <= k
    for h in hits:
        assert hash_assistant.document(h.doc_id).text[h.start : h.end] == h.text


@pytest.mark.parametrize("k", [0, -1, 1.5, True, "5", None])
def test_bad_k_is_a_query_error(hash_assistant: Assistant, k: Any) -> None:
    with pytest.raises(QueryError):
        hash_assistant.search("Thu ngân sách", k=k)


@pytest.mark.parametrize("mode", ["", "BM25", "sparse", None])
def test_bad_mode_is_a_query_error(hash_assistant: Assistant, mode: Any) -> None:
    with pytest.raises(QueryError):
        hash_assistant.ask("Thu ngân sách quý I đạt bao nhiêu?", mode=mode)
