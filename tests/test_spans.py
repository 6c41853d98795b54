"""Short answers inside a sentence: which capitalised runs are name candidates and which name answers "ai"."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.text import fold
from qa.question import analyse
from qa.spans import _ROMAN_RE, _is_foreign, _read_runs, capitalised_runs, initialisms, person_name


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


def _runs_word_by_word(text: str) -> list[tuple[int, int]]:
    """The plain reading the stretch pre-pass must agree with: every word of the whole text in turn."""
    runs: list = []
    _read_runs(text, 0, len(text), runs)
    return [(r[0].start(), r[-1].end()) for r in runs if len(r) >= 2 or _is_foreign(r[0].group(0))]


_WORDS = ["Nguyễn", "Văn", "Hòa", "quận", "Long", "Biên", "de", "De", "van", "I", "IV", "UBND", "A", "Paris",
          "Saint", "Germain", "Đường", "đã", "x", "Haussmann", "Ủy", "ban", "2024", "Quý"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", " ", "-", ", ", ". ", "  ", "1", ""])),
                max_size=14))
def test_capitalised_runs_match_a_word_by_word_reading(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + gap for w, gap in parts)
    assert [(r[0].start(), r[-1].end()) for r in capitalised_runs(text)] == _runs_word_by_word(text)


def _initialisms_of_runs(text: str) -> set[str]:
    """Initialisms as defined: the capitals of every window of two to six words of each name run of the text."""
    out: set[str] = set()
    for run in capitalised_runs(text):
        caps = [m.group(0) for m in run if m.group(0)[0].isupper() and not _ROMAN_RE.fullmatch(m.group(0))]
        out |= {fold("".join(w[0] for w in caps[i:j])).lower()
                for i in range(len(caps)) for j in range(i + 2, min(len(caps), i + 6) + 1) if len(run) >= 2}
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", " ", "-", ", ", ". ", "  ", "1", ""])),
                max_size=14))
def test_initialisms_cached_by_stretch_equal_those_of_the_whole_text_runs(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + gap for w, gap in parts)
    assert initialisms(text) == _initialisms_of_runs(text)
    assert initialisms(text) == _initialisms_of_runs(text)  # asked again: from the stretch cache


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




@pytest.mark.parametrize("text", ["Ảnh: Hiếu Lương Những kết quả quá khứ cho thấy Lào là đối thủ dễ chơi.",
                                  "Đội tuyển tập luyện trên sân. Đồ họa: Minh Anh"])
def test_a_picture_credit_is_not_the_person_asked_about(text: str) -> None:
    assert person_name(analyse("Ai là trọng tài bắt chính trận đấu?"), text) == ""
