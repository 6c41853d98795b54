"""Provinces, cities and countries a question names: found in any spelling and case; refused when the articles never
name them, or (provinces) when the sentence is about another."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import lexicon as L
from qa import Assistant
from qa.config import AnswerConfig
from qa.places import about_another_place, named_places, running_provinces, unmentioned_places, without_places

_NAMES = [place.split("|")[0].strip() for place in L.PLACES + L.COUNTRIES]


def _names(text: str) -> list[str]:
    return [_NAMES[i] for i in named_places(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Giá vé máy bay Hà Nội - Đà Nẵng dịp hè là bao nhiêu?", ["Hà Nội", "Đà Nẵng"], id="two-cities"),
        pytest.param("gia ve may bay ha noi la bao nhieu", ["Hà Nội"], id="without-diacritics"),
        pytest.param("TP.HCM có bao nhiêu quận?", ["Hồ Chí Minh"], id="tp-dot-hcm"),
        pytest.param("Dân số Sài Gòn là bao nhiêu?", ["Hồ Chí Minh"], id="other-name-of-a-city"),
        pytest.param("Cảng ở Bà Rịa - Vũng Tàu rộng bao nhiêu?", ["Bà Rịa - Vũng Tàu"], id="longest-name-first"),
        pytest.param("THU NGÂN SÁCH LẠNG SƠN ĐẠT BAO NHIÊU", ["Lạng Sơn"], id="capitals"),
        pytest.param("Vì hòa bình, người dân Hà Nội xuống đường.", ["Hà Nội"], id="a-common-word-written-lower-case"),
        pytest.param("Biển Thái Bình Dương sâu bao nhiêu mét?", [], id="the-pacific-is-no-province"),
        pytest.param("Nhà nằm trên đường Điện Biên Phủ.", [], id="a-street-is-no-province"),
        pytest.param("Thu ngân sách quận đạt bao nhiêu?", [], id="no-place"),
        pytest.param("Thủ đô của nước Úc là thành phố nào?", ["Úc"], id="a-country"),
        pytest.param("Mỹ nhập bao nhiêu gạo từ Trung Quốc?", ["Hoa Kỳ", "Trung Quốc"], id="a-country-by-another-name"),
        pytest.param("gia tang ba lan", [], id="a-country-only-when-capitalised"),
    ],
)
def test_named_places(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_NAMES), st.sampled_from(["Giá vàng ở {} hôm nay?", "{} có bao nhiêu xã?", "Tại {}, mưa lớn."]))
def test_every_place_is_found_in_a_question_in_its_own_spelling(name: str, frame: str) -> None:
    assert name in _names(frame.format(name))


class _Df(dict):
    def get(self, term: str, default: int = 0) -> int:  # the Evidence.df interface
        return super().get(term, default)


def test_a_place_is_mentioned_in_any_of_its_spellings() -> None:
    df = _Df({"sai_gon": 3, "ha": 5, "noi": 5})  # "ha" and "noi" apart are not "Hà Nội"
    assert unmentioned_places("Giá đất ở TP HCM và Hà Nội?", df) == ["Hà Nội"]


# The fake embedder's confidences say nothing of the real model's: these tests switch the learned abstention off
# so that only the place rule can refuse.
_RULES_ONLY = AnswerConfig().with_(abstain_below=0.0)


def _rules_only(assistant: Assistant, **rule: bool) -> Assistant:
    return Assistant(assistant.corpus, config=_RULES_ONLY.with_(**rule))


def test_a_question_naming_a_province_the_article_never_names_is_refused(hash_assistant: Assistant) -> None:
    question = "Thu ngân sách của Đà Nẵng quý I đạt bao nhiêu?"
    assert _rules_only(hash_assistant).ask(question).abstained
    assert not _rules_only(hash_assistant, needs_place=False).ask(question).abstained


def test_a_province_the_article_names_is_no_reason_to_refuse(hash_assistant: Assistant) -> None:
    assert not _rules_only(hash_assistant).ask("Thu ngân sách quận Long Biên, Hà Nội quý I đạt bao nhiêu?").abstained


_HA_GIANG = "Hà Giang còn 77.900 ha đất ô nhiễm bom mìn."


def test_a_sentence_about_another_province_is_about_another_place() -> None:
    assert about_another_place("Tỉnh Lạng Sơn còn bao nhiêu hecta đất ô nhiễm?", _HA_GIANG, {"ha_giang", "ha"})


@pytest.mark.parametrize(
    ("question", "sentence", "paragraph"),
    [
        pytest.param("Lạng Sơn còn bao nhiêu ha?", _HA_GIANG, {"ha_giang", "lang_son"}, id="its-paragraph-names-it"),
        pytest.param("Lạng Sơn còn bao nhiêu ha?", "Tỉnh còn 77.900 ha đất ô nhiễm.", set(), id="no-province-named"),
        pytest.param("Lạng Sơn còn bao nhiêu ha?", "Hà Giang và Lạng Sơn còn 9 ha.", set(), id="names-both"),
        pytest.param("Đất ô nhiễm còn bao nhiêu ha?", _HA_GIANG, set(), id="question-names-no-province"),
    ],
)
def test_a_sentence_that_may_be_about_the_asked_province_is_kept(question: str, sentence: str, paragraph: set) -> None:
    assert not about_another_place(question, sentence, paragraph)


def test_a_question_naming_a_country_the_article_never_names_is_refused(hash_assistant: Assistant) -> None:
    question = "Thu ngân sách của Nhật Bản quý I đạt bao nhiêu?"
    assert _rules_only(hash_assistant).ask(question).abstained
    assert not _rules_only(hash_assistant, needs_place=False).ask(question).abstained


def test_a_country_is_never_the_other_place_a_sentence_is_about() -> None:
    assert not about_another_place("Thủ đô Hà Nội có bao nhiêu quận?", "Anh Minh cho biết quận có 12 phường.", set())
    assert not about_another_place("Nhật Bản nhập bao nhiêu gạo?", _HA_GIANG, set())


def test_a_follow_up_naming_another_place_replaces_the_previous_one() -> None:
    from qa.followup import resolve

    q = resolve("Còn ở Hà Nội thì tỷ lệ này là bao nhiêu?", ["Công suất thuê ở TP HCM năm 2023 đạt bao nhiêu?"])
    assert q.followup_of and "TP HCM" not in q.search_text and "năm 2023" in q.search_text
    assert {"hcm", "tp"}.isdisjoint(q.focus) and {"ha", "noi", "cong", "suat"} <= set(q.focus)


def test_a_follow_up_naming_no_place_keeps_the_previous_one() -> None:
    from qa.followup import resolve

    q = resolve("Còn chi ngân sách thì sao?", ["Thu ngân sách quận Long Biên, Hà Nội quý I đạt bao nhiêu?"])
    assert "Hà Nội" in q.search_text and {"ha", "noi"} <= set(q.focus)


def test_places_are_taken_out_of_a_text_with_what_names_them() -> None:
    text, dropped = without_places("Giá ở TP.HCM và tỉnh Lạng Sơn, Hà Nội", {_NAMES.index("Hà Nội")})
    assert text == "Giá ở và , Hà Nội" and dropped == {"tp", "hcm", "tinh", "lang", "son"}


def test_the_running_province_is_the_last_one_named_before_a_sentence_naming_none() -> None:
    hcm, hanoi = _NAMES.index("Hồ Chí Minh"), _NAMES.index("Hà Nội")
    before = ["Tại Hà Nội, giá thuê tăng.", "Thị trường TP HCM có 600 căn."]
    assert running_provinces("Trong đó, 5 dự án mở lại.", before) == {hcm}
    assert running_provinces("Ở Hà Nội có 3 dự án.", before) == frozenset()  # it names its own
    assert running_provinces("Trong đó, 5 dự án mở lại.", []) == frozenset()
    assert running_provinces("Trong đó, 5 dự án.", ["Nhật Bản nhập gạo.", "Hà Nội tăng."]) == {hanoi}
