"""Fast tests of the chat page's behaviour without a server: uploads, sessions, suggested questions, feedback, handlers."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from index.article import parse_text
from ui_helpers import INJECTION, NEWS_ARTICLE, FakeAssistant, write_article
from ui import examples
from ui.chat import ChatPage, article_set
from ui.feedback import Feedback, FeedbackLog
from ui.sessions import Sessions, Workspace
from ui.uploads import read_uploads


def request(session: str = "s1") -> Any:
    return SimpleNamespace(session_hash=session)


def fake_builder(calls: list[list[str]]) -> Any:
    def build(docs: Any, cache_dir: Path, progress: Any) -> Any:
        calls.append([d.doc_id for d in docs])
        fake = FakeAssistant()
        fake.documents = list(docs)
        return fake

    return build


# --- uploads ------------------------------------------------------------------------------------------------


def test_uploads_are_read_like_the_cli_and_bad_files_are_named_in_vietnamese(tmp_path: Path) -> None:
    good = write_article(tmp_path / "can-ho.txt")
    empty = tmp_path / "trong.txt"
    empty.write_text("", encoding="utf-8")
    image = tmp_path / "anh.pdf"
    image.write_bytes(b"%PDF-1.4")
    loaded = read_uploads([good, empty, image], "", tmp_path / "session")
    assert [d.doc_id for d in loaded.documents] == ["can-ho"]
    assert loaded.documents[0].source == "can-ho.txt"  # the reader's name, not a server path
    assert loaded.problems == ["Không dùng được tệp «trong.txt»: tệp trống.",
                               "Không dùng được tệp «anh.pdf»: chỉ nhận tệp .txt hoặc .html."]
    assert good.exists()  # without consume the originals stay


def test_consumed_uploads_are_removed_and_pasted_text_is_an_article(tmp_path: Path) -> None:
    upload = write_article(tmp_path / "can-ho.txt")
    loaded = read_uploads([upload], NEWS_ARTICLE, tmp_path / "session", taken=["can-ho"], consume=True)
    assert not upload.exists()
    assert [d.doc_id for d in loaded.documents] == ["can-ho-2", "bai-dan"]


def test_uploads_beyond_the_room_left_are_refused_by_name(tmp_path: Path) -> None:
    files = [write_article(tmp_path / f"bai-{i}.txt") for i in range(3)]
    loaded = read_uploads(files, "", tmp_path / "session", room=2)
    assert len(loaded.documents) == 2 and "«bai-2.txt»" in loaded.problems[0]


# --- sessions -----------------------------------------------------------------------------------------------


def test_workspace_folder_is_deleted_on_close(tmp_path: Path) -> None:
    space = Workspace(fake_builder([]))
    read_uploads([write_article(tmp_path / "a.txt")], "", space.uploads)
    assert any(space.uploads.iterdir())
    space.close()
    assert not space.dir.exists()


def test_sessions_are_separate_and_idle_or_surplus_ones_are_closed() -> None:
    calls: list[list[str]] = []
    sessions = Sessions(fake_builder(calls), idle_seconds=3600, capacity=2)
    a, b = sessions.open("a"), sessions.open("b")
    assert a is not b and a.dir != b.dir
    sessions.open("c")  # over capacity: the least recently used ("a") goes, with its folder
    assert sessions.get("a") is None and not a.dir.exists() and len(sessions) == 2
    sessions._idle = -1
    sessions.open("d")
    assert sessions.get("b") is None and not b.dir.exists()
    sessions.close_all()
    assert len(sessions) == 0


def test_single_article_service_is_built_only_when_asked(tmp_path: Path) -> None:
    calls: list[list[str]] = []
    space = Workspace(fake_builder(calls))
    docs = [parse_text(NEWS_ARTICLE, "mot"), parse_text(NEWS_ARTICLE, "hai")]
    space.add(docs)
    assert calls == [["mot", "hai"]]
    assert space.service() is space.service(None)
    space.service("hai")
    assert calls[-1] == ["hai"]
    space.close()


# --- suggested questions ------------------------------------------------------------------------------------


def test_candidates_come_from_figures_whose_phrase_names_a_quantity() -> None:
    doc = parse_text(NEWS_ARTICLE, "can-ho")
    questions = [q for q, _ in examples.candidates(doc)]
    assert "Tỷ lệ lấp đầy là bao nhiêu?" in questions
    assert all(q.endswith(" là bao nhiêu?") and q[0].isupper() for q in questions)
    assert not any(q.lower().startswith(("so ", "mỗi ")) for q in questions)


def test_only_questions_answered_from_their_own_sentence_are_offered() -> None:
    answers = {
        "A?": {"abstained": False, "citations": [{"start": 0, "end": 50}]},
        "B?": {"abstained": True, "citations": []},
        "C?": {"abstained": False, "citations": [{"start": 100, "end": 150}]},  # answered, but not from its figure
    }
    kept = examples.verified([("A?", 10), ("B?", 10), ("C?", 10)], lambda q: answers[q])
    assert kept == ["A?"]


def test_bundled_examples_are_checked_too(hash_assistant: Any) -> None:
    from ui.service import AskService

    offered = examples.example_questions(hash_assistant.documents, ask=AskService(hash_assistant).ask)
    assert offered and set(offered) <= set(examples.BUNDLED_EXAMPLES)


# --- feedback -----------------------------------------------------------------------------------------------


def test_feedback_lines_hold_question_answer_and_citations(tmp_path: Path) -> None:
    log = FeedbackLog(tmp_path / "sub" / "feedback.jsonl")
    answer = FakeAssistant().ask("Thu ngân sách quý I đạt bao nhiêu?").to_dict()
    log.append(Feedback(True, "Thu ngân sách quý I đạt bao nhiêu?", answer, ["long-bien"]))
    log.append(Feedback(False, "Còn chi?", answer))
    lines = (tmp_path / "sub" / "feedback.jsonl").read_text("utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["liked"] is True and first["version"] == 1 and first["articles"] == ["long-bien"]
    assert first["answer"]["citations"][0]["text"] == answer["citations"][0]["text"]
    assert [e["liked"] for e in log.read()] == [True, False]


# --- the chat handlers ----------------------------------------------------------------------------------------


def respond(page: ChatPage, question: str, turns: list | None = None, display: list | None = None,
            records: list | None = None, session: str = "s1") -> tuple[Any, ...]:
    return page.respond(question, turns or [], display or [], records or [], "hybrid", 5, None, "all",
                        "", "", "", "", request(session))


def test_refused_question_stays_in_the_box_even_when_too_long() -> None:
    fake = FakeAssistant()
    page = ChatPage(fake, examples=[])
    long_question = "x" * 2001
    shown, _, turns, _, _, box, _, _ = respond(page, long_question)
    assert box == long_question and turns == [] and "Câu hỏi dài quá" in shown[-1]["content"]
    assert fake.calls == []


def test_answer_is_recorded_for_feedback_and_saved_for_reload() -> None:
    page = ChatPage(FakeAssistant(), examples=[])
    shown, _, turns, records, panel, box, _, saved = respond(page, INJECTION)
    assert turns[0] == {"role": "user", "content": INJECTION}  # the core sees what the user typed
    assert "<img" not in "".join(m["content"] for m in shown) and "<img" not in panel and box == ""
    assert records[0]["index"] == 1 and shown[records[0]["index"]]["content"].startswith('<div class="hd-reply">')
    assert saved["turns"] == turns and saved["articles"] == article_set(page.base.documents)


def test_like_appends_the_answer_it_was_given_on(tmp_path: Path) -> None:
    log = FeedbackLog(tmp_path / "f.jsonl")
    page = ChatPage(FakeAssistant(), examples=[], feedback=log)
    shown, _, turns, records, *_ = respond(page, "Thu ngân sách quý I đạt bao nhiêu?")
    shown, _, turns, records, *_ = respond(page, "Còn chi ngân sách thì sao?", turns, shown, records)
    page.like(records, SimpleNamespace(index=len(shown) - 1, liked=False), request())
    [entry] = log.read()
    assert entry["question"] == "Còn chi ngân sách thì sao?" and entry["liked"] is False


def test_restore_keeps_history_only_for_the_same_articles() -> None:
    page = ChatPage(FakeAssistant(), examples=[])
    shown, _, turns, records, *_, saved = respond(page, "Thu ngân sách quý I đạt bao nhiêu?")
    restored = page.restore(saved, request("after-reload"))
    assert restored[0] == shown and restored[2] == turns
    other = dict(saved, articles=["another-article"])
    display, _, turns_after, _ = page.restore(other, request("after-reload"))
    assert turns_after == [] and "không được giữ" in display[-1]["content"]


def test_session_articles_replace_the_page_article_only_for_that_session(tmp_path: Path) -> None:
    calls: list[list[str]] = []
    page = ChatPage(FakeAssistant(), builder=fake_builder(calls), examples=[])
    upload = write_article(tmp_path / "can-ho.txt")
    out = page.upload([str(upload)], "", request("mine"), progress=None)  # type: ignore[arg-type]
    assert out[0]["value"].startswith("Đã thêm 1 bài") and calls == [["can-ho"]]
    assert [d.doc_id for d in page.documents(request("mine"))] == ["can-ho"]
    assert [d.doc_id for d in page.documents(request("someone-else"))] == ["long-bien"]
    space_dir = page.sessions.get("mine").dir
    page.unload(request("mine"))
    assert not space_dir.exists() and [d.doc_id for d in page.documents(request("mine"))] == ["long-bien"]


def test_clear_empties_chat_and_unhighlights_the_panel() -> None:
    page = ChatPage(FakeAssistant(), examples=[])
    respond(page, "Thu ngân sách quý I đạt bao nhiêu?")
    chat, turns, display, records, panel, box, saved = page.clear(None, request())
    assert chat == turns == display == records == [] and box == "" and "<mark" not in panel.split("</p>", 1)[1]


@pytest.mark.parametrize("name", ["NotoSans-Regular.woff2", "NotoSans-Bold.woff2", "NotoSans-Italic.woff2",
                                  "NotoSans-BoldItalic.woff2"])
def test_shipped_font_has_every_vietnamese_letter(name: str) -> None:
    from fontTools.ttLib import TTFont

    from ui.typeface import font_dir

    letters = ("aăâbcdđeêghiklmnoôơpqrstuưvxy" "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
    wanted = {ord(ch) for ch in letters + letters.upper() + "₫–—“”‘’…·•"}
    cmap = TTFont(font_dir() / name).getBestCmap()
    assert wanted - set(cmap) == set()


def test_several_articles_get_a_picker_and_a_choice_of_one_or_all(tmp_path: Path) -> None:
    calls: list[list[str]] = []
    page = ChatPage(FakeAssistant(), builder=fake_builder(calls), examples=[])
    first, second = write_article(tmp_path / "mot.txt"), write_article(tmp_path / "hai.txt")
    out = page.upload([str(first), str(second)], "", request(), progress=None)  # type: ignore[arg-type]
    picker, scope, panel = out[3], out[4], out[5]
    assert picker["visible"] is True and [v for _, v in picker["choices"]] == ["mot", "hai"]
    assert picker["value"] == "mot" and scope["visible"] is True
    assert 'data-doc="mot"' in panel and 'data-doc="hai"' not in panel
    assert 'data-doc="hai"' in page.show("hai", request())
    page.respond("Thu ngân sách?", [], [], [], "hybrid", 5, "hai", "one", "", "", "", "", request())
    assert calls == [["mot", "hai"], ["hai"]]  # asking one article builds its own index once
    page.respond("Thu ngân sách?", [], [], [], "hybrid", 5, "hai", "all", "", "", "", "", request())
    assert calls == [["mot", "hai"], ["hai"]]


def test_theme_uses_the_shipped_face_and_compares_with_gradio_themes() -> None:
    import gradio as gr

    from ui.style import CSS, theme
    from ui.typeface import FAMILY, font_url

    mine = theme()
    assert mine.font.startswith(f"'{FAMILY}'")
    assert mine.to_dict() != gr.themes.Default().to_dict()  # Gradio's launch compares themes like this
    assert font_url("NotoSans-Bold.woff2") in CSS and "http" not in CSS


def test_the_empty_chat_promises_suggested_questions_only_when_some_are_shown(tmp_path: Path) -> None:
    from ui.strings import PAGE_EN, PAGE_VI

    with_examples = ChatPage(FakeAssistant(), examples=["Thu ngân sách quý I đạt bao nhiêu?"]).intro()
    assert with_examples[0]["placeholder"].key == "chat_placeholder" and with_examples[1]["visible"] is True
    archive = ChatPage(FakeAssistant(), examples=[], archive=True)
    chat, heading, *buttons = archive.intro()
    assert chat["placeholder"].key == "chat_placeholder_archive" and heading["visible"] is False
    assert all(b["visible"] is False for b in buttons)
    reset = archive.reset(request())
    assert reset[6]["value"] == [] and reset[6]["placeholder"].key == "chat_placeholder_archive"
    page = ChatPage(FakeAssistant(), builder=fake_builder([]), examples=[])  # the fake answers none of its figures
    out = page.upload([str(write_article(tmp_path / "can-ho.txt"))], "", request(), progress=None)  # type: ignore[arg-type]
    assert out[6]["placeholder"].key == "chat_placeholder_plain" and out[10]["visible"] is False
    for strings in (PAGE_VI, PAGE_EN):
        assert "gợi ý" not in strings["chat_placeholder_archive"] + strings["chat_placeholder_plain"]
        assert "suggested" not in strings["chat_placeholder_archive"] + strings["chat_placeholder_plain"]
