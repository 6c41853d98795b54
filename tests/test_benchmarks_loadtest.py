"""benchmarks.loadtest: its checks can fail (wrong owner, wrong figure, missed abstention); plans are exact, ordered."""

from __future__ import annotations

import pytest

from benchmarks.loadtest import POOL, Expect, check, plan


def test_answer_for_another_question_is_flagged() -> None:
    answer = {"question": "Còn chi thì sao?", "abstained": False, "figures": [{"text": "478 tỷ đồng"}]}
    assert "another question" in check(answer, "Thế còn thu thì sao?", Expect(figure="478 tỷ đồng"))


def test_wrong_first_figure_and_wrong_abstention_are_flagged() -> None:
    q = "Thế còn thu thì sao?"
    wrong_figure = {"question": q, "abstained": False, "figures": [{"text": "478 tỷ đồng"}, {"text": "2.472 tỷ đồng"}]}
    assert "first figure" in check(wrong_figure, q, Expect(figure="2.472 tỷ đồng"))
    assert "abstaining" in check(wrong_figure, q, Expect(abstain=True))
    abstained = {"question": q, "abstained": True, "figures": []}
    assert "abstained" in check(abstained, q, Expect(figure="2.472 tỷ đồng"))
    assert check("an error string", q, Expect()) != ""


def test_right_answers_pass() -> None:
    q = "Thu ngân sách quý I đạt bao nhiêu?"
    assert check({"question": q, "abstained": False, "figures": [{"text": "2.472 tỷ đồng"}]}, q,
                 Expect(figure="2.472 tỷ đồng")) == ""
    assert check({"question": q, "abstained": True, "figures": []}, q, Expect(abstain=True)) == ""


@pytest.mark.parametrize("client", range(5))
def test_plan_has_exactly_the_count_and_follow_ups_come_after_their_opener(client: int) -> None:
    items = plan(client, 25)
    assert len(items) == 25
    for i, (_, question, _, opener) in enumerate(items):
        if opener is not None:
            assert items[i - 1][1] == opener
    kinds = {k for k, *_ in plan(client, 200)}
    assert kinds >= {"figure", "follow-up", "unanswerable", "no-diacritics", "injection"}
    assert plan(client, 25) == items  # reproducible per client


def test_pool_covers_every_kind() -> None:
    assert {i.kind for i in POOL} == {"figure", "follow-up", "unanswerable", "no-diacritics", "injection"}
