"""Every answer's [N] links point at that answer's own passages: anchors named per answer, and a tap on an older
answer's link turns the article panel to that answer (the handler behind the panel's script)."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace
from typing import Any

import gradio as gr
from hypothesis import given, settings, strategies as st

from ui_helpers import FakeAssistant
from ui import render
from ui.anchors import Tap, anchor_id, cite_link, read_tap
from ui.chat import ChatPage

FIRST_Q, SECOND_Q = "Thu ngân sách quý I đạt bao nhiêu?", "Chi ngân sách nhà nước quý I là bao nhiêu?"
LINK_RE = re.compile(r'<a class="cite-link" href="#([^"]+)"[^>]*?(?: data-doc="([^"]*)" data-start="(\d+)" '
                     r'data-end="(\d+)")?>')


def request(session: str = "s1") -> Any:
    return SimpleNamespace(session_hash=session)


def respond(page: ChatPage, question: str, state: tuple | None = None, shown: str | None = None) -> tuple:
    turns, display, records = state or ([], [], [])
    return page.respond(question, turns, display, records, "hybrid", 5, shown, "all", "", "", "", "", request())


def links(messages: list[dict]) -> list[dict[str, Any]]:
    """Every [N] link in these chat messages: the anchor it points to and the passage it names."""
    found = []
    for message in messages:
        for anchor, doc, start, end in LINK_RE.findall(message["content"]):
            found.append({"anchor": anchor, "doc": html.unescape(doc), "start": int(start or 0),
                          "end": int(end or 0)})
    return found


def anchored(panel: str, anchor: str) -> str | None:
    """The text the panel shows under an anchor (None when the panel does not hold it)."""
    match = re.search(rf'<(mark|span) class="[^"]+" data-marker="\d+" id="{re.escape(anchor)}">(.*?)</\1>', panel)
    return html.unescape(match.group(2)) if match else None


def tap(page: ChatPage, records: list, link: dict[str, Any], shown: str | None = None) -> tuple[Any, Any]:
    return page.open_citation(records, shown, gr.EventData(None, link), request())


def answer_of(records: list, display: list, n: int) -> tuple[dict, list[dict]]:
    """Answer n of the chat and its messages."""
    start = records[n]["index"]
    end = records[n + 1]["index"] - 1 if n + 1 < len(records) else len(display)
    return records[n]["answer"], display[start:end]


def test_two_answers_have_different_anchors_and_each_link_opens_its_own_sentence() -> None:
    fake = FakeAssistant()
    page = ChatPage(fake, examples=[])
    display, _, turns, records, *_ = respond(page, FIRST_Q)
    display, _, turns, records, panel, *_ = respond(page, SECOND_Q, (turns, display, records))
    (first, first_msgs), (second, second_msgs) = answer_of(records, display, 0), answer_of(records, display, 1)
    first_links, second_links = links(first_msgs), links(second_msgs)
    assert first_links and second_links
    assert {k["anchor"] for k in first_links}.isdisjoint(k["anchor"] for k in second_links)
    assert first["citations"][0]["text"] != second["citations"][0]["text"]
    for link in second_links:  # the latest answer's links find their passages in the panel as it is
        cited = next(c for c in second["citations"] if c["marker"] == int(link["anchor"].rsplit("-", 1)[1]))
        assert anchored(panel, link["anchor"]) == cited["text"]
    assert all(anchored(panel, k["anchor"]) is None for k in first_links)  # never the second answer's passage
    for link in first_links:  # a tap on the first answer's link: the panel turned to the first answer
        shown, _ = tap(page, records, link)
        cited = next(c for c in first["citations"] if c["marker"] == int(link["anchor"].rsplit("-", 1)[1]))
        assert anchored(shown, link["anchor"]) == cited["text"]
        assert 'data-turn="%d"' % records[0]["index"] in shown


def test_an_answer_no_longer_kept_highlights_the_passage_its_link_names() -> None:
    fake = FakeAssistant()
    page = ChatPage(fake, examples=[])
    display, _, _, records, *_ = respond(page, FIRST_Q)
    [link] = [k for k in links(display) if k["anchor"].endswith("-1")][:1]
    shown, _ = tap(page, [], link)  # a long chat restored after a reload keeps only its latest answers
    doc = fake.documents[0]
    assert anchored(shown, link["anchor"]) == doc.text[link["start"]:link["end"]] == records[0]["answer"][
        "citations"][0]["text"]
    assert shown.count("<mark") == 2  # the legend's sample and the one passage


def test_a_tap_naming_nothing_known_leaves_the_panel_as_it_is() -> None:
    page = ChatPage(FakeAssistant(), examples=[])
    display, _, _, records, *_ = respond(page, FIRST_Q)
    link = links(display)[0]
    skip = (gr.skip(), gr.skip())
    assert tap(page, records, {"anchor": "cite-99-1"}) == skip  # no such answer, no passage named
    assert tap(page, [], dict(link, doc="khong-co")) == skip  # an article the page does not hold
    assert tap(page, [], dict(link, end=10**8)) == skip  # beyond the article's end
    assert page.open_citation(records, None, gr.EventData(None, "cite-1-1"), request()) == skip
    assert page.open_citation(records, None, gr.EventData(None, None), request()) == skip


def test_a_citation_of_an_article_not_shown_opens_that_article() -> None:
    fake = FakeAssistant()
    other = FakeAssistant().documents[0]
    other.doc_id, other.title = "bai-khac", "Một bài khác"
    fake.documents.append(other)  # the answers cite the first article
    page = ChatPage(fake, examples=[])
    display, _, _, records, panel, _, picker, _ = respond(page, FIRST_Q, shown="bai-khac")
    assert 'data-doc="long-bien"' in panel and picker["value"] == "long-bien"
    assert 'data-doc="long-bien"' not in page.show("bai-khac", request())  # the reader picks the other article
    link = links(display)[0]
    shown, picker = tap(page, records, link, shown="bai-khac")
    assert 'data-doc="long-bien"' in shown and 'data-doc="bai-khac"' not in shown
    assert anchored(shown, link["anchor"]) == records[0]["answer"]["citations"][0]["text"]
    assert picker["value"] == "long-bien"


def test_clear_after_a_tap_leaves_the_panel_unhighlighted() -> None:
    page = ChatPage(FakeAssistant(), examples=[])
    display, _, turns, records, *_ = respond(page, FIRST_Q)
    display, _, turns, records, *_ = respond(page, SECOND_Q, (turns, display, records))
    tap(page, records, links(display)[0])
    panel = page.clear(None, request())[4]
    assert "<mark" not in panel.split("</p>", 1)[1] and "data-turn" not in panel


def test_a_link_names_its_answer_and_its_passage_escaped() -> None:
    passage = {"doc_id": 'x"><img src=y>', "start": 5, "end": 9}
    link = cite_link(2, 7, passage, label="[2] Xem")
    assert link.startswith('<a class="cite-link" href="#cite-7-2" data-cite="cite-7-2"')
    assert 'data-doc="x&quot;&gt;&lt;img src=y&gt;" data-start="5" data-end="9">[2] Xem</a>' in link
    assert anchor_id(7, 2, related=True) == "rel-7-2"
    assert read_tap({"anchor": "rel-7-2", "doc": "a", "start": 5, "end": 9}) == Tap(7, 2, True, "a", 5, 9)


def test_an_abstention_links_its_related_passages_under_its_own_turn() -> None:
    fake = FakeAssistant()
    answer = fake.ask("Dân số của quận là bao nhiêu người?").to_dict()
    messages = render.answer_messages(answer, turn=5)
    assert {k["anchor"] for k in links(messages)} == {"rel-5-1"}
    panel = render.article_panel(fake.documents, answer, turn=5)
    assert anchored(panel, "rel-5-1") == answer["related"][0]["text"]


ANCHORISH = st.builds("{}-{}-{}".format, st.sampled_from(["cite", "rel", "x"]), st.integers(-5, 10**8),
                      st.integers(-5, 5000))


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from(["anchor", "doc", "start", "end", "x"]),
                       st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                                 ANCHORISH)))
def test_whatever_the_browser_sends_a_tap_is_read_or_refused_never_an_error(data: dict) -> None:
    found = read_tap(data)
    if found is not None:
        assert found.turn >= 0 and 0 <= found.marker <= 999
        assert (found.doc_id == "" and found.start == found.end == 0) or 0 <= found.start < found.end
