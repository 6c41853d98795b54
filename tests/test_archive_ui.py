"""The chat page over an archive: answers filtered by outlet, citations naming their article, a panel of the
articles an answer cites (not the whole archive)."""

from __future__ import annotations

import pytest
from archive_helpers import PER_OUTLET, build_archive, sample_records

from index.embedder import HashEmbedder
from qa import Assistant
from ui import render
from ui.chat import SCOPE_ALL, ChatPage
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
    out = page.respond(records[0]["paragraphs"][0][:100], [], [], [], "hybrid", 5, None, SCOPE_ALL, None)
    answer = out[3][-1]["answer"]
    cited = {c["doc_id"] for c in answer["citations"] or answer["related"]}
    panel = out[4]
    assert cited and all(f'data-doc="{d}"' in panel for d in cited)
    assert panel.count('data-doc="') == len(cited)


def test_a_bad_date_in_the_filters_is_a_message_not_a_traceback(assistant):
    with pytest.raises(UserFacingError, match="YYYY-MM-DD"):
        AskService(assistant).ask("Giá vàng tăng bao nhiêu?", [], "hybrid", 5, {"since": "hôm qua"})
