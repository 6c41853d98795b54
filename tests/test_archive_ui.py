"""The chat page over an archive: filter controls, citations naming their article, a panel of the cited articles."""

from __future__ import annotations

import pytest
from archive_helpers import PER_OUTLET, build_archive, sample_records

from index.embedder import HashEmbedder
from qa import Assistant
from ui.app import build_app, make_respond
from ui.service import AskService, UserFacingError


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return sample_records()


@pytest.fixture(scope="module")
def service(tmp_path_factory, records) -> AskService:
    archive = build_archive(tmp_path_factory.mktemp("ui-archive"), records)
    return AskService(Assistant(archive.corpus(HashEmbedder())))


def test_the_page_over_an_archive_offers_its_outlets_and_starts_with_an_empty_panel(service):
    assert service.is_archive and service.documents == []
    assert set(service.outlets) == {"VnExpress", "Dân trí", "Thanh Niên"}
    build_app(service.assistant, examples=["Giá vàng?"])  # the filter controls are built without error


def test_a_filtered_answer_cites_only_that_outlet_and_names_each_article(service, records):
    r = records[PER_OUTLET]  # a Dân trí article
    respond = make_respond(service)
    shown, _, turns, panel, _ = respond(r["paragraphs"][0][:100], [], [], "hybrid", 5, ["Dân trí"], "", "", "")
    answer = service.ask(r["paragraphs"][0][:100], [], "hybrid", 5, {"outlet": ["Dân trí"]})
    cited = answer["citations"] or answer["related"]
    assert cited and {answer["articles"][c["doc_id"]]["outlet"] for c in cited} == {"Dân trí"}
    passages = [m for m in shown if (m.get("metadata") or {}).get("title", "").startswith(("Trích dẫn", "Có thể"))]
    assert passages and all("Dân trí" in m["content"] for m in passages)
    assert {f'data-doc="{c["doc_id"]}"' in panel for c in cited} == {True}
    assert panel.count('<article class="hd-article"') == len({c["doc_id"] for c in cited})


def test_a_bad_date_in_the_filters_is_a_message_not_a_traceback(service):
    with pytest.raises(UserFacingError, match="YYYY-MM-DD"):
        service.ask("Giá vàng tăng bao nhiêu?", [], "hybrid", 5, {"since": "hôm qua"})
