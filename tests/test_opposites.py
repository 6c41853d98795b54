"""The sides of a two-sided measure a text names (revenue or spending, export or import), and when a sentence gives
only the other side of the asked one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.opposites import other_side, sides


@pytest.mark.parametrize(
    ("text", "accented", "expected"),
    [
        pytest.param("Chi ngân sách quý I đạt bao nhiêu?", True, {"chi"}, id="spending"),
        pytest.param("Thu cân đối ngân sách ước thực hiện 2.472 tỷ đồng", True, {"thu"}, id="revenue"),
        pytest.param("Chi bộ thu hút thêm đảng viên", True, set(), id="longer-words-are-not-sides"),
        pytest.param("Chi phí sản xuất giảm 20%", True, {"giảm"}, id="cost-is-not-spending"),
        pytest.param("Mảng xuất khẩu tăng 9,1%", True, {"xuất khẩu", "tăng"}, id="two-pairs"),
        pytest.param("kim ngach xuat khau dat bao nhieu", False, {"xuất khẩu"}, id="folded-longer-side"),
        pytest.param("ngan sach quan chi bao nhieu tien", False, set(), id="folded-single-syllable-is-ambiguous"),
    ],
)
def test_sides_named_in_a_text(text: str, accented: bool, expected: set[str]) -> None:
    assert sides(text, accented) == frozenset(expected)


def test_a_sentence_giving_only_the_other_side_does_not_answer() -> None:
    asked = sides("Chi ngân sách quý I đạt bao nhiêu?")
    assert other_side(asked, sides("Thu cân đối ngân sách đạt 2.472 tỷ đồng"))
    assert not other_side(asked, sides("Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng"))
    assert not other_side(asked, sides("Thu 2.472 tỷ đồng, chi 478 tỷ đồng"))  # both sides: it may answer
    assert not other_side(frozenset(), sides("Thu cân đối ngân sách đạt 2.472 tỷ đồng"))


def test_a_question_asking_both_sides_is_answered_by_either() -> None:
    asked = sides("Thu và chi ngân sách quý I là bao nhiêu?")
    assert not other_side(asked, sides("Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng"))


@given(st.text(alphabet="thuchi nhậpxuấtkhẩugiảmtăng bánmua", max_size=60))
def test_a_text_never_gives_the_other_side_of_itself(text: str) -> None:
    named = sides(text)
    assert not other_side(named, named)
