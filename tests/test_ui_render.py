"""Fast tests of the chat page's pieces: escaping, highlighting, examples, validation, the chat handler."""

from __future__ import annotations

import argparse
import html
import re

import pytest

from ui_helpers import INJECTION, FakeAssistant
from ui import render
from ui.examples import BUNDLED_EXAMPLES, example_questions
from ui.server import is_loopback, parse_auth
from qa.validation import MAX_QUERY_CHARS
from ui.service import AskService, UserFacingError, parse_history


@pytest.fixture()
def fake() -> FakeAssistant:
    return FakeAssistant()


def all_html(answer: dict, fake: FakeAssistant) -> str:
    messages = render.answer_messages(answer) + [render.user_message(answer["question"])]
    parts = [m["content"] for m in messages] + [m.get("metadata", {}).get("title", "") for m in messages]
    return "".join(parts) + render.article_panel(fake.documents, answer)


def test_esc_neutralises_html_and_markdown() -> None:
    out = render.esc("<img src=x onerror=alert(1)> **b** [a](http://x) $$x$$ `c`\nnext")
    assert "<img" not in out and "**" not in out and "](" not in out and "$$" not in out and "`" not in out
    assert "<br>" in out
    assert html.unescape(out.replace("<br>", "\n")) == "<img src=x onerror=alert(1)> **b** [a](http://x) $$x$$ `c`\nnext"


def test_reply_has_direct_answer_figure_table_and_linked_marker(fake: FakeAssistant) -> None:
    answer = fake.ask("Thu ngân sách quý I đạt bao nhiêu?").to_dict()
    reply = render.reply_message(answer)["content"]
    assert '<p class="hd-direct">2.472 tỷ đồng</p>' in reply
    assert '<table class="hd-figures">' in reply and "thu cân đối ngân sách" in reply
    assert 'href="#cite-1"' in reply
    assert "\n" not in reply  # one HTML block: Markdown must not reinterpret it


def test_citations_are_collapsible_messages_with_passage_and_section(fake: FakeAssistant) -> None:
    answer = fake.ask("Thu ngân sách quý I đạt bao nhiêu?").to_dict()
    messages = render.answer_messages(answer)
    assert len(messages) == 2
    cite = messages[1]
    assert cite["metadata"]["title"].startswith("Trích dẫn &#91;1&#93;")
    assert "Thực hiện hiệu quả các chương trình công tác" in cite["metadata"]["title"]
    assert render.esc(answer["citations"][0]["text"]) in cite["content"]


def test_article_highlights_exact_cited_passage(fake: FakeAssistant) -> None:
    answer = fake.ask("Thu ngân sách quý I đạt bao nhiêu?").to_dict()
    panel = render.article_panel(fake.documents, answer)
    marked = re.findall(r'<mark class="hd-cite" data-marker="1" id="cite-1">(.*?)</mark>', panel)
    assert marked == [render.esc(answer["citations"][0]["text"])]
    assert "2.472 tỷ đồng" in marked[0]
    assert panel.count('id="cite-1"') == 1
    assert "<h3>Thực hiện hiệu quả các chương trình công tác</h3>" in panel
    assert "Đình Hiệp · 15/04/2024 07:25" in panel


def test_abstention_shows_related_dashed_not_marked(fake: FakeAssistant) -> None:
    answer = fake.ask("Dân số của quận là bao nhiêu người?").to_dict()
    assert answer["abstained"]
    messages = render.answer_messages(answer)
    assert "hd-abstain" in messages[0]["content"]
    assert any(m.get("metadata", {}).get("title", "").startswith("Có thể liên quan") for m in messages)
    panel = render.article_panel(fake.documents, answer)
    assert "<mark" not in panel.split("</p>", 1)[1]  # no answer highlight in the article (legend aside)
    assert 'class="hd-related-mark" data-marker="1" id="rel-1"' in panel


def test_injection_is_escaped_everywhere(fake: FakeAssistant) -> None:
    answer = fake.ask(INJECTION).to_dict()
    out = all_html(answer, fake)
    assert "<img" not in out and "<b>" not in out
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in out
    assert "&lt;b&gt;Long Biên&lt;/b&gt;" in out  # the fake article's hostile title


def test_overlapping_spans_open_each_anchor_once() -> None:
    spans = [render.Span(0, 10, 1, False), render.Span(5, 20, 2, False)]
    out = render.highlight("0123456789abcdefghijXYZ", 0, spans, set())
    assert out.count('id="cite-1"') == 1 and out.count('id="cite-2"') == 1
    assert re.sub(r"<[^>]+>", "", out) == "0123456789abcdefghijXYZ"


def test_format_published() -> None:
    assert render.format_published("2024-04-15T07:25") == "15/04/2024 07:25"
    assert render.format_published("2024-04-15") == "15/04/2024"
    assert render.format_published("") == ""


def test_examples_bundled_and_derived(fake: FakeAssistant) -> None:
    bundled = type("D", (), {"doc_id": "long-bien-2024-04-15", "source": "x/long-bien-2024-04-15.txt", "blocks": []})
    assert example_questions([bundled]) == list(BUNDLED_EXAMPLES)
    derived = example_questions(fake.documents)
    assert derived[0] == "Bài viết nói gì về “Thực hiện hiệu quả các chương trình công tác”?"


def test_service_validates_and_passes_history(fake: FakeAssistant) -> None:
    service = AskService(fake)
    history = [{"role": "user", "content": "Thu ngân sách?"}, {"role": "assistant", "content": "2.472 tỷ đồng [1]"}]
    service.ask("Còn chi ngân sách thì sao?", history, "bm25", 3)
    assert fake.calls[-1] == {"question": "Còn chi ngân sách thì sao?", "history": history, "mode": "bm25", "k": 3}
    with pytest.raises(UserFacingError, match="Câu hỏi dài quá 2.000 ký tự"):
        service.ask("a" * (MAX_QUERY_CHARS + 1))
    with pytest.raises(UserFacingError, match="Chế độ"):
        service.ask("Thu?", None, "magic", 5)
    with pytest.raises(UserFacingError, match="k phải"):
        service.ask("Thu?", None, "hybrid", 0)
    assert len(fake.calls) == 1  # refused questions never reach the core


def test_parse_history_accepts_json_and_drops_non_text() -> None:
    turns = parse_history('[{"role": "user", "content": "a"}, {"role": "assistant", "content": {"x": 1}}]')
    assert turns == [{"role": "user", "content": "a"}]
    with pytest.raises(UserFacingError):
        parse_history("{not json")
    with pytest.raises(UserFacingError):
        parse_history([{"role": "system", "content": "x"}])


def test_chat_handler_refuses_long_question_in_vietnamese(fake: FakeAssistant) -> None:
    from ui.app import make_respond

    respond = make_respond(AskService(fake))
    shown, _, turns, _, _ = respond("x" * 2001, [], [], "hybrid", 5)
    assert turns == [] and "Câu hỏi dài quá" in shown[-1]["content"] and fake.calls == []


def test_chat_handler_keeps_plain_text_history(fake: FakeAssistant) -> None:
    from ui.app import make_respond

    respond = make_respond(AskService(fake))
    shown, _, turns, article, box = respond(INJECTION, [], [], "hybrid", 5)
    assert turns[0] == {"role": "user", "content": INJECTION}  # the core sees what the user typed
    assert "<img" not in "".join(m["content"] for m in shown) and "<img" not in article
    assert box == ""
    respond("Còn chi ngân sách thì sao?", turns, shown, "hybrid", 5)
    assert fake.calls[-1]["history"] == turns


def test_server_helpers() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    assert parse_auth("an:mật-khẩu:có-hai-chấm") == ("an", "mật-khẩu:có-hai-chấm")
    assert parse_auth(None) is None
    with pytest.raises(ValueError):
        parse_auth("chỉ-tên")


def test_command_registers_defaults_without_importing_gradio() -> None:
    import subprocess
    import sys

    code = ("import argparse, sys; from ui.command import register; p = argparse.ArgumentParser(); "
            "register(p.add_subparsers()); a = p.parse_args(['chat']); "
            "print(a.host, a.port, a.files, a.mode, a.k, 'gradio' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["127.0.0.1", "7860", "[]", "hybrid", "5", "False"]


def test_command_parses_repeatable_files() -> None:
    from ui.command import register

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["chat", "--file", "a.txt", "--file", "b.html", "--auth", "u:p", "--k", "3"])
    assert args.files == ["a.txt", "b.html"] and args.auth == "u:p" and args.k == 3
