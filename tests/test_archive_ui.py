"""The chat page over an archive: answers filtered by outlet, citations naming their article, a panel of the
articles an answer cites (not the whole archive)."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from archive_helpers import PER_OUTLET, build_archive, sample_records
from gradio_client import Client
from gradio_client.exceptions import AppError
from ui_helpers import running_app

from index.embedder import HashEmbedder
from qa import Assistant
from ui import render
from ui.chat import SCOPE_ALL, ChatPage
from ui.filters import read_filters
from ui.service import AskService, UserFacingError


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return sample_records()


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, records) -> Assistant:
    return Assistant(build_archive(tmp_path_factory.mktemp("ui-archive"), records).corpus(HashEmbedder()))


def test_the_service_over_an_archive_offers_its_outlets_and_no_whole_archive_panel(assistant):
    service = AskService(assistant)
    assert service.is_archive and service.documents == []
    assert set(service.outlets) == {"VnExpress", "Dân trí", "Thanh Niên"}


def test_a_filtered_answer_cites_only_that_outlet_and_each_passage_names_its_article(assistant, records):
    r = records[PER_OUTLET]  # a Dân trí article
    answer = AskService(assistant).ask(r["paragraphs"][0][:100], [], "hybrid", 5, {"outlet": ["Dân trí"]})
    cited = answer["citations"] or answer["related"]
    assert cited and {answer["articles"][c["doc_id"]]["outlet"] for c in cited} == {"Dân trí"}
    html = "".join(m["content"] for m in render.answer_messages(answer)[1:])
    for c in cited:
        ref = answer["articles"][c["doc_id"]]
        assert f'href="{render.esc(ref["url"])}"' in html and render.format_published(ref["published"]) in html


def test_the_page_shows_the_cited_articles_of_an_archive(assistant, records):
    page = ChatPage(assistant, examples=["Giá vàng?"])
    out = page.respond(records[0]["paragraphs"][0][:100], [], [], [], "hybrid", 5, None, SCOPE_ALL, "", "", "", "",
                       None)
    answer = out[3][-1]["answer"]
    cited = {c["doc_id"] for c in answer["citations"] or answer["related"]}
    panel = out[4]
    assert cited and all(f'data-doc="{d}"' in panel for d in cited)
    assert panel.count('data-doc="') == len(cited)


def test_a_chat_over_an_archive_keeps_its_history_across_a_reload(assistant, records):
    page = ChatPage(assistant, examples=[], archive=True)
    out = page.respond(records[0]["paragraphs"][0][:100], [], [], [], "hybrid", 5, None, SCOPE_ALL, "", "", "", "",
                       None)
    display, _, turns, _ = page.restore(out[-1], None)
    assert turns == out[2] and len(turns) == 2
    assert "không được giữ" not in display[-1]["content"]  # not told that uploads were lost


def test_an_older_answers_citation_opens_the_article_it_names_with_that_answers_passage(assistant, records):
    import gradio as gr

    page = ChatPage(assistant, examples=[], archive=True)
    state = ([], [], [])
    for question in (records[0]["paragraphs"][0][:100], records[-1]["paragraphs"][0][:100]):
        display, _, turns, kept, panel, *_ = page.respond(question, *state, "hybrid", 5, None, SCOPE_ALL, "", "", "",
                                                          "", None)
        state = (turns, display, kept)
    first = kept[0]["answer"]
    first_cited = {c["doc_id"] for c in first["citations"] or first["related"]}
    assert render.cited_doc(first) != render.cited_doc(kept[1]["answer"])  # answers resting on two articles
    first_html = "".join(m["content"] for m in display[kept[0]["index"]:kept[1]["index"] - 1])
    first_links = set(re.findall(r'href="#((?:cite|rel)-\d+-\d+)"', first_html))
    assert first_links and not first_links & {a for found in cited(panel).values() for a in found}
    passages = {c["marker"]: c for c in first["citations"] + first["related"]}
    for anchor in first_links:
        shown, _ = page.open_citation(kept, None, gr.EventData(None, {"anchor": anchor}), None)
        articles = cited(shown)
        assert set(articles) == first_cited  # the first answer's articles, not the second's
        doc = next(d for d, found in articles.items() if anchor in found)
        assert doc == passages[int(anchor.rsplit("-", 1)[1])]["doc_id"]  # inside the article the passage names


def test_a_bad_date_in_the_filters_is_a_message_not_a_traceback(assistant):
    with pytest.raises(UserFacingError, match="YYYY-MM-DD"):
        AskService(assistant).ask("Giá vàng tăng bao nhiêu?", [], "hybrid", 5, {"since": "hôm qua"})


@pytest.mark.parametrize("since, until", [("2024-02-30", ""), ("20240415", ""), ("", "15/04/2024"), ("hôm qua", "")])
def test_a_date_not_written_year_month_day_is_refused_in_vietnamese(since, until):
    with pytest.raises(UserFacingError, match="không hợp lệ; hãy viết theo dạng năm-tháng-ngày YYYY-MM-DD"):
        read_filters(since=since, until=until)


def test_dates_in_the_wrong_order_and_unknown_articles_are_refused(assistant):
    with pytest.raises(UserFacingError, match="hãy đổi lại hai ngày"):
        read_filters(since="2024-05-01", until="2024-04-01")
    with pytest.raises(UserFacingError, match="Không có bài «bai-khong-co» trong kho"):
        read_filters(article="bai-khong-co", refs=AskService(assistant).articles)
    kept = read_filters(" Dân trí ", "2021-03-17", " ", "", AskService(assistant).articles)
    assert kept.as_kwargs() == {"outlet": "Dân trí", "since": "2021-03-17"}


def filter_box(demo) -> dict:
    return next(c for c in demo.config["components"] if c.get("props", {}).get("elem_id") == "hd-filters")


def test_the_filters_show_over_an_archive_and_not_over_files(assistant):
    from ui.app import build_app
    from ui_helpers import FakeAssistant

    over_archive = build_app(assistant, examples=[], archive=True)
    outlets = next(c for c in over_archive.config["components"] if c.get("props", {}).get("elem_id") == "hd-outlet")
    assert filter_box(over_archive)["props"]["visible"] is True
    assert [v for _, v in outlets["props"]["choices"]] == ["", "Dân trí", "Thanh Niên", "VnExpress"]
    assert filter_box(build_app(FakeAssistant(), examples=[]))["props"]["visible"] is False


def test_choosing_an_outlet_narrows_the_article_choices(assistant, records):
    page = ChatPage(assistant, examples=[], archive=True)
    kept = page.articles_of("Thanh Niên", records[0]["id"])
    ids = [v for _, v in kept["choices"]]
    assert ids[0] == "" and set(ids[1:]) == {r["id"] for r in records if r["outlet"] == "Thanh Niên"}
    assert kept["value"] == ""  # the VnExpress article chosen before is not one of them


# --- the filter controls, driven through gradio_client as a reader would ------------------------------------------

THANH_NIEN = "Thanh Niên"


@pytest.fixture(scope="module")
def archive_url(assistant) -> Iterator[str]:
    with running_app(assistant, examples=[], archive=True) as url:
        yield url


def chat(url: str, question: str, outlet: str = "", since: str = "", until: str = "", article: str = "") -> dict:
    """One question typed in the chat box of a fresh reader's page with these filters set; what the page shows."""
    client = Client(url, verbose=False, download_files=False)
    shown, panel, box, _, _ = client.predict(question, "hybrid", 5, None, SCOPE_ALL, outlet, since, until, article,
                                             api_name="/chat")
    return {"chat": shown, "panel": panel, "box": box}


def message_html(message: dict) -> str:
    content = message["content"]
    return "".join(part.get("text", "") for part in content) if isinstance(content, list) else str(content)


def cited(panel_html: str) -> dict[str, set[str]]:
    """Each article in the panel (data-doc) and the citation anchors (cite-T-N, rel-T-N) inside it."""
    return {doc: set(re.findall(r'id="((?:cite|rel)-\d+-\d+)"', body))
            for doc, body in re.findall(r'<article class="hd-article" data-doc="([^"]+)">(.*?)</article>', panel_html,
                                        flags=re.S)}


def assert_each_citation_opens_its_article(shown: dict) -> set[str]:
    """Every [N] link of the last answer has its passage in the panel, inside the article that passage names;
    returns the articles of the panel."""
    html = "".join(message_html(m) for m in shown["chat"] if m["role"] == "assistant")
    links = set(re.findall(r'href="#((?:cite|rel)-\d+-\d+)"', html))
    articles = cited(shown["panel"])
    anchors = {a: doc for doc, found in articles.items() for a in found}
    assert links and links <= set(anchors), (links, anchors)
    return set(articles)


def test_an_outlet_filter_cites_only_that_outlets_articles(archive_url, records):
    vnexpress = records[0]  # asked with a VnExpress sentence, filtered to Thanh Niên
    shown = chat(archive_url, vnexpress["paragraphs"][0][:120], outlet=THANH_NIEN)
    articles = assert_each_citation_opens_its_article(shown)
    outlets = {r["id"]: r["outlet"] for r in records}
    assert articles and {outlets[a] for a in articles} == {THANH_NIEN}


def test_a_date_range_leaves_out_the_articles_outside_it(archive_url, records):
    inside = {r["id"] for r in records if "2021-03-17" <= r["published"][:10] <= "2021-03-20"}
    assert 2 <= len(inside) < len(records)
    shown = chat(archive_url, records[-1]["paragraphs"][1][:120], since="2021-03-17", until="2021-03-20")
    articles = assert_each_citation_opens_its_article(shown)
    assert articles and articles <= inside


def test_an_article_filter_cites_only_that_article(archive_url, records):
    chosen = records[-3]["id"]
    shown = chat(archive_url, records[0]["paragraphs"][0][:120], article=chosen)
    assert assert_each_citation_opens_its_article(shown) == {chosen}


def test_an_article_typed_by_its_title_is_that_article(archive_url, records):
    chosen = records[-2]
    shown = chat(archive_url, records[0]["paragraphs"][0][:120], article=chosen["title"].upper())
    assert assert_each_citation_opens_its_article(shown) == {chosen["id"]}


def test_a_bad_date_gets_a_vietnamese_message_and_the_question_stays(archive_url):
    question = "Giá thuê nhà trọ ở Hà Nội là bao nhiêu?"
    shown = chat(archive_url, question, since="15/04/2024")
    assert shown["box"] == question
    notice = message_html(shown["chat"][-1])
    assert 'class="hd-notice"' in notice and "15/04/2024" in notice and "YYYY-MM-DD" in notice
    assert "Từ ngày" in notice and "Traceback" not in notice


def test_the_ask_archive_endpoint_takes_the_same_filters_and_ask_keeps_its_four_inputs(archive_url, records):
    client = Client(archive_url, verbose=False, download_files=False)
    question = records[0]["paragraphs"][0][:120]  # a VnExpress sentence
    answer = client.predict(question, None, "hybrid", 5, THANH_NIEN, "", "", "", api_name="/ask_archive")
    assert {answer["articles"][c["doc_id"]]["outlet"] for c in answer["citations"] + answer["related"]} == {THANH_NIEN}
    with pytest.raises(AppError, match="năm-tháng-ngày"):
        client.predict("Giá thuê nhà trọ?", None, "hybrid", 5, "", "2024-13-01", "", "", api_name="/ask_archive")
    unfiltered = client.predict(question, None, "hybrid", 5, api_name="/ask")
    assert records[0]["id"] in {c["doc_id"] for c in unfiltered["citations"]}
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert len(endpoints["/ask"]["parameters"]) == 4
