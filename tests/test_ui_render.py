"""Fast tests of what the chat page shows: escaping, one clear answer, highlighting, validation, the command."""

from __future__ import annotations

import argparse
import html
import re

import pytest

from ui_helpers import INJECTION, FakeAssistant
from ui import render
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


def test_reply_has_direct_answer_supporting_quote_and_one_figure_table(fake: FakeAssistant) -> None:
    answer = fake.ask("Thu ngân sách quý I đạt bao nhiêu?").to_dict()
    reply = render.reply_message(answer)["content"]
    assert '<p class="hd-direct">2.472 tỷ đồng</p>' in reply
    assert reply.count('<blockquote class="hd-quote">') == 1 and 'href="#cite-0-1"' in reply
    assert reply.count("<table") == 1 and "thu cân đối ngân sách" in reply
    assert reply.count("2.472 tỷ đồng") == 3  # headline, quote, table: never a second list of the same figures
    assert "Số liệu khác" not in reply and "Nguồn:" not in reply
    assert "\n" not in reply  # one HTML block: Markdown must not reinterpret it


def test_period_figures_are_context_not_answers(fake: FakeAssistant) -> None:
    answer = fake.ask("Thu ngân sách quý I đạt bao nhiêu?").to_dict()
    table = render.figures_table(answer["figures"], "money")
    assert "quý I" not in table.split('<p class="hd-context">')[0]
    assert '<p class="hd-context">Bối cảnh: quý I</p>' in table
    quarter = {"text": "quý I", "kind": "quarter", "display": "quý I"}
    assert "<table" in render.figures_table([quarter], "date")  # asked for a date: the period is the answer


def test_converted_value_only_when_it_adds_something_and_approx_only_when_rounded() -> None:
    exact = {"text": "2.472 tỷ đồng", "value": 2472000000000, "display": "2 472 000 000 000 đồng"}
    same = {"text": "19%", "value": 19, "display": "19%"}
    rounded = {"text": "một phần ba", "value": 1 / 3, "display": "0,333333"}
    assert render.converted(exact) == "2 472 000 000 000 đồng"
    assert render.converted(same) == ""
    assert render.converted(rounded) == "≈ 0,333333"
    assert "≈" not in render.figures_table([exact, same])


def test_headline_is_the_figure_as_written_without_the_appended_conversion() -> None:
    assert render.headline("2.472 tỷ đồng (= 2 472 000 000 000 đồng)") == "2.472 tỷ đồng"
    assert render.headline("khoảng 1/3 (≈ 0,33)") == "khoảng 1/3"
    assert render.headline("Nguyễn Văn A (Bí thư)") == "Nguyễn Văn A (Bí thư)"


def test_headline_numbers_do_not_break_inside() -> None:
    assert render.keep_numbers_whole("≈ 2 472 000 000 000 đồng") == "≈ 2\u00a0472\u00a0000\u00a0000\u00a0000 đồng"


def test_only_supporting_citation_is_highlighted_others_listed_apart(fake: FakeAssistant) -> None:
    answer = fake.ask("Thu ngân sách quý I đạt bao nhiêu?").to_dict()
    messages = render.answer_messages(answer)
    titles = [m.get("metadata", {}).get("title", "") for m in messages]
    assert titles[1] == "Trích dẫn &#91;1&#93;"
    assert titles[2] == "Có thể liên quan &#40;1 đoạn&#41;" and "478 tỷ đồng" in messages[2]["content"]
    panel = render.article_panel(fake.documents, answer)
    marked = re.findall(r'<mark class="hd-cite" data-marker="(\d)" id="cite-0-\d">(.*?)</mark>', panel)
    assert [m for m, _ in marked] == ["1"] and "2.472 tỷ đồng" in marked[0][1]
    assert '<span class="hd-maybe" data-marker="2" id="cite-0-2">' in panel  # reachable, not highlighted


def test_first_citation_supports_when_the_core_does_not_say() -> None:
    answer = {"citations": [{"marker": 1, "doc_id": "a"}, {"marker": 2, "doc_id": "a"}]}
    supporting, others = render.split_citations(answer)
    assert [c["marker"] for c in supporting] == [1] and [c["marker"] for c in others] == [2]


def test_passage_section_is_not_repeated_when_it_is_the_title(fake: FakeAssistant) -> None:
    answer = fake.ask("Thu ngân sách quý I đạt bao nhiêu?").to_dict()
    section = answer["citations"][0]["section"]
    shown = render.answer_messages(answer)[1]["content"]
    assert f"· {render.esc(section)}" in shown
    hidden = render.answer_messages(answer, titles={section})[1]["content"]
    assert render.esc(section) not in hidden


def test_article_highlights_exact_cited_passage(fake: FakeAssistant) -> None:
    answer = fake.ask("Thu ngân sách quý I đạt bao nhiêu?").to_dict()
    panel = render.article_panel(fake.documents, answer)
    marked = re.findall(r'<mark class="hd-cite" data-marker="1" id="cite-0-1">(.*?)</mark>', panel)
    assert marked == [render.esc(answer["citations"][0]["text"])]
    assert panel.count('id="cite-0-1"') == 1
    assert "<h3>Thực hiện hiệu quả các chương trình công tác</h3>" in panel
    assert "Đình Hiệp · 15/04/2024 07:25" in panel


def test_abstention_says_one_sentence_and_shows_related_dashed_not_marked(fake: FakeAssistant) -> None:
    answer = fake.ask("Dân số của quận là bao nhiêu người?").to_dict()
    assert answer["abstained"]
    messages = render.answer_messages(answer)
    assert '<p class="hd-abstain">Bài viết không nói về dân số của quận.</p>' in messages[0]["content"]
    assert "Các đoạn có thể liên quan" not in messages[0]["content"]  # the passages follow in their own message
    assert messages[-1]["metadata"]["title"].startswith("Có thể liên quan")
    panel = render.article_panel(fake.documents, answer)
    assert "<mark" not in panel.split("</p>", 1)[1]  # no answer highlight in the article (legend aside)
    assert 'class="hd-related-mark" data-marker="1" id="rel-0-1"' in panel


def test_panel_shows_only_the_chosen_article() -> None:
    one, two = FakeAssistant().documents[0], FakeAssistant().documents[0]
    two.doc_id = "khac"
    panel = render.article_panel([one, two], None, shown="khac")
    assert 'data-doc="khac"' in panel and 'data-doc="long-bien"' not in panel
    assert render.cited_doc({"citations": [{"doc_id": "khac", "supporting": True}]}) == "khac"


def test_injection_is_escaped_everywhere(fake: FakeAssistant) -> None:
    answer = fake.ask(INJECTION).to_dict()
    out = all_html(answer, fake)
    assert "<img" not in out and "<b>" not in out
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in out
    assert "&lt;b&gt;Long Biên&lt;/b&gt;" in out  # the fake article's hostile title


def test_overlapping_spans_open_each_anchor_once() -> None:
    spans = [render.Span(0, 10, 1, False), render.Span(5, 20, 2, False)]
    out = render.highlight("0123456789abcdefghijXYZ", 0, spans, set())
    assert out.count('id="cite-0-1"') == 1 and out.count('id="cite-0-2"') == 1
    assert re.sub(r"<[^>]+>", "", out) == "0123456789abcdefghijXYZ"


def test_format_published() -> None:
    assert render.format_published("2024-04-15T07:25") == "15/04/2024 07:25"
    assert render.format_published("2024-04-15") == "15/04/2024"
    assert render.format_published("") == ""


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
