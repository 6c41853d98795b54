"""The chat page's `ask` endpoint through gradio_client, against a server launched inside the test."""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import json  # noqa: E402
from typing import Any, Iterator  # noqa: E402

import pytest  # noqa: E402
from pathlib import Path  # noqa: E402

from gradio_client import Client, handle_file  # noqa: E402
from gradio_client.exceptions import AppError  # noqa: E402

from ui import render  # noqa: E402
from ui_helpers import INJECTION, FakeAssistant, running_app, write_article  # noqa: E402

FIGURE_Q = "Thu ngân sách quý I đạt bao nhiêu?"
FOLLOW_UP_Q = "Còn chi ngân sách thì sao?"
UNANSWERABLE_Q = "Quận Long Biên có bao nhiêu bệnh viện tư nhân?"


def _client(url: str) -> Client:
    return Client(url, verbose=False, download_files=False)


@pytest.fixture(scope="module")
def fake_server() -> Iterator[tuple[FakeAssistant, Client]]:
    fake = FakeAssistant()
    with running_app(fake) as url:
        yield fake, _client(url)


@pytest.fixture(scope="module")
def real_assistant() -> Any:
    from qa import Assistant

    return Assistant.default()


@pytest.fixture(scope="module")
def hash_server(hash_assistant: Any) -> Iterator[str]:
    """The real answer layer on the bundled article with the fast fake embedder; uploads indexed the same way."""
    with running_app(hash_assistant) as url:
        yield url


def upload(client: Client, *paths: Path, pasted: str = "") -> str:
    """Upload articles in this client's session; returns the status message shown to the reader."""
    result = client.predict([handle_file(str(p)) for p in paths], pasted, api_name="/upload")
    status = result[0]
    return status.get("value", "") if isinstance(status, dict) else str(status)


def test_uploaded_article_is_answered_in_its_session(hash_server: str, tmp_path: Path) -> None:
    client = _client(hash_server)
    status = upload(client, write_article(tmp_path / "can-ho-dich-vu.txt"))
    assert status.startswith("Đã thêm 1 bài"), status
    result = client.predict("Tỷ lệ lấp đầy là bao nhiêu?", api_name="/ask")
    assert not result["abstained"], result["text"]
    assert result["citations"][0]["doc_id"] == "can-ho-dich-vu"
    assert "83%" in result["citations"][0]["text"]


def test_bad_upload_gets_a_vietnamese_message_naming_the_file(hash_server: str, tmp_path: Path) -> None:
    client = _client(hash_server)
    empty = tmp_path / "bai-trong.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "anh.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    status = upload(client, empty, binary)
    assert "Không dùng được tệp «bai-trong.txt»: tệp không có nội dung chữ." in status
    assert "«anh.html»: đây không phải tệp văn bản" in status
    result = client.predict("Thu ngân sách quý I đạt bao nhiêu?", api_name="/ask")  # still the page's article
    assert result["citations"][0]["doc_id"] == "long-bien-2024-04-15"


def test_pasted_text_becomes_the_article(hash_server: str) -> None:
    client = _client(hash_server)
    from ui_helpers import NEWS_ARTICLE

    status = client.predict([], NEWS_ARTICLE, api_name="/upload")[0]
    assert "Đã thêm 1 bài" in str(status)
    assert client.predict("Tỷ lệ lấp đầy là bao nhiêu?", api_name="/ask")["citations"][0]["doc_id"] == "bai-dan"


def test_two_sessions_never_see_each_others_article(hash_server: str, tmp_path: Path) -> None:
    from ui_helpers import NEWS_ARTICLE

    first, second = _client(hash_server), _client(hash_server)
    upload(first, write_article(tmp_path / "can-ho-dich-vu.txt"))
    other = tmp_path / "bao-lu.txt"
    other.write_text("Bão số 4 gây mưa lớn\n\nLượng mưa phổ biến 200 mm, có nơi trên 500 mm.\n", encoding="utf-8")
    upload(second, other)
    one = first.predict("Tỷ lệ lấp đầy là bao nhiêu?", api_name="/ask")
    two = second.predict("Tỷ lệ lấp đầy là bao nhiêu?", api_name="/ask")
    assert {c["doc_id"] for c in one["citations"] + one["related"]} == {"can-ho-dich-vu"}
    assert {c["doc_id"] for c in two["citations"] + two["related"]} <= {"bao-lu"}
    assert "83%" not in json.dumps(two, ensure_ascii=False) and NEWS_ARTICLE[:40] not in json.dumps(two)
    fresh = _client(hash_server).predict("Tỷ lệ lấp đầy là bao nhiêu?", api_name="/ask")
    assert {c["doc_id"] for c in fresh["citations"] + fresh["related"]} <= {"long-bien-2024-04-15"}


@pytest.fixture(scope="module")
def real_server(real_assistant: Any) -> Iterator[tuple[Any, Client]]:
    with running_app(real_assistant) as url:
        yield real_assistant, _client(url)


def test_ask_endpoint_is_named_and_returns_answer_dict(fake_server: tuple[FakeAssistant, Client]) -> None:
    _, client = fake_server
    assert "/ask" in client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    result = client.predict(FIGURE_Q, api_name="/ask")
    assert set(result) >= {"question", "text", "direct", "abstained", "citations", "related", "figures"}
    assert result["figures"][0]["text"] == "2.472 tỷ đồng"


def test_ask_endpoint_passes_history_mode_and_k(fake_server: tuple[FakeAssistant, Client]) -> None:
    fake, client = fake_server
    history = [{"role": "user", "content": FIGURE_Q}, {"role": "assistant", "content": "2.472 tỷ đồng [1]"}]
    result = client.predict(FOLLOW_UP_Q, json.dumps(history, ensure_ascii=False), "bm25", 3, api_name="/ask")
    assert result["figures"][0]["text"] == "478 tỷ đồng"
    assert fake.calls[-1] == {"question": FOLLOW_UP_Q, "history": history, "mode": "bm25", "k": 3}


def test_ask_endpoint_refuses_long_question_in_vietnamese(fake_server: tuple[FakeAssistant, Client]) -> None:
    fake, client = fake_server
    before = len(fake.calls)
    with pytest.raises(AppError, match="Câu hỏi dài quá 2.000 ký tự"):
        client.predict("a" * 2001, api_name="/ask")
    with pytest.raises(AppError, match="Chế độ tìm kiếm"):
        client.predict(FIGURE_Q, None, "magic", 5, api_name="/ask")
    assert len(fake.calls) == before


def _assert_figure_answer(result: dict[str, Any]) -> None:
    assert not result["abstained"], result["text"]
    assert any(f["text"] == "2.472 tỷ đồng" for f in result["figures"]), result["figures"]
    assert "2.472 tỷ đồng" in result["citations"][0]["text"]


@pytest.mark.slow
def test_real_figure_question(real_server: tuple[Any, Client]) -> None:
    assistant, client = real_server
    result = client.predict(FIGURE_Q, [], "hybrid", 5, api_name="/ask")
    _assert_figure_answer(result)
    top = result["citations"][0]
    assert assistant.document(top["doc_id"]).text[top["start"]:top["end"]] == top["text"]
    panel = render.article_panel(assistant.documents, result)
    assert '<mark class="hd-cite" data-marker="1" id="cite-0-1">' in panel


@pytest.mark.slow
def test_real_follow_up_uses_history(real_server: tuple[Any, Client]) -> None:
    _, client = real_server
    first = client.predict(FIGURE_Q, api_name="/ask")
    history = [{"role": "user", "content": FIGURE_Q}, {"role": "assistant", "content": first["text"]}]
    result = client.predict(FOLLOW_UP_Q, history, "hybrid", 5, api_name="/ask")
    assert not result["abstained"], result["text"]
    assert result["figures"][0]["text"] == "478 tỷ đồng", result["figures"]
    assert "478 tỷ đồng" in result["citations"][0]["text"]


@pytest.mark.slow
def test_real_unanswerable_question_abstains(real_server: tuple[Any, Client]) -> None:
    assistant, client = real_server
    result = client.predict(UNANSWERABLE_Q, api_name="/ask")
    assert result["abstained"] is True, result["text"]
    assert result["citations"] == []
    panel = render.article_panel(assistant.documents, result)
    assert "<mark" not in panel.split("</p>", 1)[1]


@pytest.mark.slow
def test_real_injection_comes_back_as_plain_text(real_server: tuple[Any, Client]) -> None:
    assistant, client = real_server
    result = client.predict(INJECTION, api_name="/ask")
    assert result["question"] == INJECTION
    rendered = render.answer_messages(result) + [render.user_message(result["question"])]
    html_out = "".join(m["content"] + m.get("metadata", {}).get("title", "") for m in rendered)
    html_out += render.article_panel(assistant.documents, result)
    assert "<img" not in html_out
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in html_out
