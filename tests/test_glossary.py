"""English questions rendered in Vietnamese: phrases before words, names and numbers kept, unknown words reported."""

from __future__ import annotations

import pytest

from qa.glossary import to_vietnamese
from qa.question import analyse


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        pytest.param("spend from the state budget", "chi ngân sách nhà nước", id="phrase-before-its-words"),
        pytest.param("in the first quarter of 2024", "quý I 2024", id="quarter-and-year"),
        pytest.param("How many projects were completed", "dự án hoàn thành", id="plural-and-past-forms"),
        pytest.param("When was Plan 202-KH/QU issued", "kế hoạch 202-KH/QU ban hành", id="document-code-kept"),
        pytest.param("Who leads Long Bien district", "Long Bien quận", id="names-kept"),
        pytest.param("square metres of land recovered", "m2 đất thu hồi", id="units"),
        pytest.param("What is Long Bien's budget", "Long Bien ngân sách", id="possessive-off-a-name"),
        pytest.param("How strong is storm No. 4", "bão số 4", id="number-sign"),
        pytest.param("Budget? How much was spent", "ngân sách chi", id="a-capital-after-a-question-mark-is-no-name"),
    ],
)
def test_rendering(english: str, vietnamese: str) -> None:
    assert to_vietnamese(english).vietnamese == vietnamese


def test_unknown_content_words_are_reported_and_stop_words_are_not() -> None:
    assert to_vietnamese("What is the zorbling like in Paris today?").unknown == ("zorbling", "like", "today")


def test_an_english_question_is_searched_and_judged_in_vietnamese_too() -> None:
    q = analyse("How many projects were completed in the first quarter?")
    assert q.english and q.expected == "quantity" and q.counted == ("du an",)
    assert "dự án hoàn thành quý I" in q.search_text
    assert {"du", "an", "hoan", "thanh", "quy"} <= set(q.focus)


def test_an_off_glossary_english_question_keeps_its_unknown_words_as_focus() -> None:
    # Unknown words stay in the focus, so the articles' vocabulary does not cover the question.
    assert {"zorbling", "today"} <= set(analyse("What is the zorbling like in Paris today?").focus)


def test_english_head_noun_is_the_counted_noun() -> None:
    assert analyse("How many registered models are being implemented?").counted == ("mo hinh",)


def test_general_news_words_beyond_the_bundled_article_are_rendered() -> None:
    assert to_vietnamese("Which agency forecast the tropical depression?").vietnamese == "cơ quan dự báo áp thấp nhiệt đới"
    assert to_vietnamese("Which hospital received the patients?").vietnamese == "bệnh viện tiếp nhận bệnh nhân"
