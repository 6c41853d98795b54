"""The check-set judging rules: strict vs lenient, figure and unit matching, text normalisation."""

from __future__ import annotations

import unicodedata

from eval_fakes import Ans, Cite, Fig
from eval.gold import ExpectedFigure, GoldQuestion
from eval.scoring import canonical_unit, figure_matches, judge, normalize, units_match


SENT = "Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng, đạt 21% dự toán chi đầu năm."
OTHER = "Thu cân đối ngân sách trên địa bàn ước thực hiện 2.472 tỷ đồng."


def q(**kw) -> GoldQuestion:
    base = dict(id="t1", question="Chi ngân sách quý I?", kind="figure", answerable=True)
    base.update(kw)
    return GoldQuestion(**base)


MONEY = q(evidence=("478 tỷ đồng",), figures=(ExpectedFigure(478_000_000_000, "đồng"),))


def test_normalize_applies_nfc_folds_whitespace_and_lowercases():
    nfd = unicodedata.normalize("NFD", "Quận  Ủy\n\tLong Biên ")
    assert normalize(nfd) == "quận ủy long biên"
    assert normalize(nfd) == normalize("quận ủy long biên")


def test_an_answer_citing_the_evidence_first_with_the_figure_first_is_strictly_right():
    ans = Ans("Chi ngân sách ước 478 tỷ đồng [1]", citations=[Cite(SENT)], figures=[Fig(478e9, "đồng")])
    j = judge(MONEY, ans)
    assert j.strict and j.lenient and j.figures_ok and j.evidence_rank == 1


def test_evidence_in_the_third_citation_is_lenient_but_not_strict():
    ans = Ans(citations=[Cite(OTHER), Cite(OTHER), Cite(SENT)], figures=[Fig(478e9, "đồng")])
    j = judge(MONEY, ans)
    assert j.lenient and not j.strict and j.evidence_rank == 3


def test_evidence_only_in_the_fourth_citation_is_wrong():
    ans = Ans(citations=[Cite(OTHER)] * 3 + [Cite(SENT)], figures=[Fig(478e9, "đồng")])
    j = judge(MONEY, ans)
    assert not j.lenient and "top 3" in j.reasons[0]


def test_expected_figure_after_another_figure_is_lenient_but_not_strict():
    ans = Ans(citations=[Cite(SENT)], figures=[Fig(21, "%"), Fig(478e9, "đồng")])
    j = judge(MONEY, ans)
    assert j.lenient and not j.strict
    assert any("not first" in r for r in j.strict_reasons)


def test_a_missing_figure_fails_and_the_reason_lists_what_was_found():
    ans = Ans(citations=[Cite(SENT)], figures=[Fig(2472e9, "đồng", text="2.472 tỷ đồng")])
    j = judge(MONEY, ans)
    assert not j.lenient and j.figures_ok is False
    assert "2.472 tỷ đồng" in j.reasons[0]


def test_evidence_matching_ignores_case_whitespace_and_nfd():
    ans = Ans(citations=[Cite(unicodedata.normalize("NFD", SENT.upper().replace(" ", "  ")))],
              figures=[Fig(478e9, "đồng")])
    assert judge(MONEY, ans).strict


def test_abstaining_on_an_answerable_question_is_wrong():
    j = judge(MONEY, Ans(abstained=True))
    assert not j.lenient and not j.strict and j.reasons == ("abstained on an answerable question",)


def test_unanswerable_is_right_only_when_the_assistant_abstained():
    un = q(kind="unanswerable", answerable=False)
    assert judge(un, Ans(abstained=True)).strict
    j = judge(un, Ans(text="478 tỷ đồng", citations=[Cite(SENT)]))
    assert not j.lenient and not j.strict


def test_accept_strings_may_appear_in_the_answer_text_or_a_top_three_citation():
    meta = q(kind="meta", accept=("Đình Hiệp",))
    assert judge(meta, Ans(text="Tác giả: ĐÌNH HIỆP")).lenient
    assert judge(meta, Ans(text="", citations=[Cite("x"), Cite("Đình Hiệp 15/04/2024")])).lenient
    assert not judge(meta, Ans(text="Không rõ", citations=[Cite("x")])).lenient


def test_counted_nouns_match_on_the_head_word():
    assert units_match("bộ thủ tục hành chính", "bộ thủ tục")
    assert units_match("bộ", "bộ thủ tục hành chính")
    assert units_match("nhiệm vụ", "nhiệm vụ cụ thể")
    assert units_match("Dự án", "dự  án")
    assert not units_match("nhiệm vụ", "nhiệm kỳ")
    assert not units_match("chỉ tiêu", "chi tiêu")
    assert not units_match("chỉ tiêu", "nhiệm vụ")


def test_unit_aliases_fold_to_the_readme_units():
    assert canonical_unit("m2") == "m²" and canonical_unit("VND") == "đồng" and canonical_unit("phần trăm") == "%"
    assert units_match("m²", "m2")
    assert not units_match("%", "đồng")
    assert not units_match("đồng", "đồng chí")


def test_figure_values_must_be_equal_and_units_must_match():
    exp = ExpectedFigure(14, "phường")
    assert figure_matches(exp, Fig(14, "phường"))
    assert figure_matches(exp, Fig(14.0, "phường"))
    assert not figure_matches(exp, Fig(14, "chỉ tiêu"))
    assert not figure_matches(exp, Fig(15, "phường"))
    assert not figure_matches(exp, Fig("14", "phường"))


def test_date_figures_match_on_the_iso_day_from_value_or_date():
    exp = ExpectedFigure("2024-01-09", "date")
    assert figure_matches(exp, Fig("2024-01-09", "date"))
    assert figure_matches(exp, Fig(None, "", kind="date", date="2024-01-09"))
    assert figure_matches(ExpectedFigure("2024-04-15", "date"), Fig("2024-04-15T07:25", "date"))
    assert not figure_matches(exp, Fig("2024-09-01", "date"))
    assert not figure_matches(exp, Fig("2024-01-09", "mã"))


def test_two_expected_figures_need_two_distinct_answer_figures():
    two = q(figures=(ExpectedFigure(12, "dự án"), ExpectedFigure(12, "dự án")))
    assert not judge(two, Ans(figures=[Fig(12, "dự án")])).lenient
    assert judge(two, Ans(figures=[Fig(12, "dự án"), Fig(12, "dự án")])).strict
