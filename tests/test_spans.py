"""Short answers inside a sentence: which capitalised runs are name candidates and which name answers "ai"."""

from __future__ import annotations

import pytest

from qa.question import analyse
from qa.spans import capitalised_runs, person_name


def _runs(text: str) -> list[str]:
    return [text[run[0].start() : run[-1].end()] for run in capitalised_runs(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Bí thư Quận ủy Nguyễn Văn Hòa phát biểu.", ["Nguyễn Văn Hòa"], id="vietnamese-names"),
        pytest.param("Tới thế kỷ 6, vua Clovis I lấy Paris làm thủ đô.", ["Clovis I", "Paris"], id="regnal-number"),
        pytest.param("Jean-Baptiste Colbert trở thành người quản lý.", ["Jean-Baptiste Colbert"], id="hyphenated-name"),
        pytest.param("các nhà văn như Honoré de Balzac tìm tới.", ["Honoré de Balzac"], id="name-particle"),
        pytest.param("Nam tước Haussmann quy hoạch lại.", ["Haussmann"], id="lone-foreign-word"),
        pytest.param("Hòa cho biết.", [], id="lone-vietnamese-syllable-is-not-a-name"),
        pytest.param("UBND quận chỉ đạo.", [], id="acronym-is-not-a-name"),
    ],
)
def test_capitalised_runs(text: str, expected: list[str]) -> None:
    assert _runs(text) == expected


@pytest.mark.parametrize(
    ("question", "sentence", "name"),
    [
        pytest.param("Ai lấy Paris làm thủ đô?", "Tới thế kỷ 6, vua Clovis I lấy Paris làm thủ đô cho vương quốc Franc.",
                     "Clovis I", id="regnal-number"),
        pytest.param("Ai đã kêu gọi người dân không bỏ đi?",
                     "Năm 451, Thánh Geneviève đã kêu gọi người dân không bỏ đi.", "Thánh Geneviève",
                     id="thanh-is-not-thanh-pho"),
        pytest.param("Quốc lộ được ai quy hoạch?", "Quốc lộ được Haussmann quy hoạch lại.", "Haussmann",
                     id="single-foreign-name"),
        pytest.param("Ai quản lý Paris?", "Jean-Baptiste Colbert trở thành người quản lý Paris.", "Jean-Baptiste Colbert",
                     id="hyphenated-name"),
        pytest.param("Ai chủ trì hội nghị?", "Đồng chí Nguyễn Văn Hòa, Bí thư Quận ủy chủ trì hội nghị.",
                     "Nguyễn Văn Hòa", id="vietnamese-name-after-title"),
        pytest.param("Ai chủ trì hội nghị?", "Thành phố tổ chức hội nghị lớn.", "", id="no-name-no-answer"),
    ],
)
def test_person_name(question: str, sentence: str, name: str) -> None:
    assert person_name(analyse(question), sentence) == name


