"""Candidate sentences and their features: neighbours join the hits, coverage and answer-type cues are measured."""

from __future__ import annotations

import numpy as np
import pytest

from hypothesis import given
from hypothesis import strategies as st

from qa.features import (FEATURES, QUARTER_TERM_RE, asked_dates, asked_quarters, dates_clash, gather,
                         window_share)
from qa.followup import resolve


def _scored(assistant, question: str):
    q = resolve(question)
    hits = assistant.retrieve(q)
    return q, hits, assistant.composer.candidates(q, hits, "hybrid")


def test_every_candidate_gets_one_finite_value_per_feature(hash_assistant) -> None:
    _, hits, (cands, x, fits) = _scored(hash_assistant, "Thu ngân sách quý I đạt bao nhiêu?")
    assert x.shape == (len(cands), len(FEATURES)) and len(fits) == len(cands)
    assert np.isfinite(x).all()


def test_the_sentences_around_the_best_hits_are_candidates_too(hash_assistant) -> None:
    q = resolve("Thu ngân sách quý I đạt bao nhiêu?")
    hits = hash_assistant.retrieve(q)
    c = hash_assistant.composer
    cands = gather(hash_assistant.corpus, c.evidence, hits, c.config)
    hit_ids = {h.chunk_id for h in hits[: c.config.candidates]}
    extra = [x for x in cands if x.hit is None]
    assert extra and all(hash_assistant.corpus.chunks[x.idx].chunk_id not in hit_ids for x in extra)
    for x in extra:  # each neighbour stands next to a hit of the same paragraph
        ev = c.evidence
        assert any(ev.neighbour(x.idx, s) in {y.idx for y in cands if y.hit is not None} for s in (-1, 1))


def test_the_sentence_holding_the_asked_words_and_figure_covers_the_question_best(hash_assistant) -> None:
    _, _, (cands, x, fits) = _scored(hash_assistant, "Chi ngân sách nhà nước ước thực hiện bao nhiêu tỷ đồng?")
    cov, has_fit = FEATURES.index("cov"), FEATURES.index("fits")
    texts = [hash_assistant.corpus.chunks[c.idx].text for c in cands]
    right = next(i for i, t in enumerate(texts) if "478 tỷ đồng" in t)
    assert x[right, cov] == x[:, cov].max()
    assert x[right, has_fit] == 1.0


def test_a_year_the_paragraph_does_not_name_is_a_clash(hash_assistant) -> None:
    _, _, (cands, x, _) = _scored(hash_assistant, "Thu ngân sách quý I năm 2019 đạt bao nhiêu?")
    clash = FEATURES.index("year_clash")
    texts = [hash_assistant.corpus.chunks[c.idx].text for c in cands]
    right = next(i for i, t in enumerate(texts) if "2.472 tỷ đồng" in t)
    assert x[right, clash] in (0.0, 1.0)
    assert x[:, FEATURES.index("spec_para")].min() < 1.0  # 2019 stands nowhere in the article


def test_a_paragraphs_members_are_found_around_a_chunk_as_a_walk_over_all_would_find_them(hash_assistant) -> None:
    corpus, ev = hash_assistant.corpus, hash_assistant.composer.evidence
    walked: dict[int, list[int]] = {}
    for i, g in enumerate(corpus.group):
        walked.setdefault(int(g), []).append(i)
    assert any(len(m) > 1 for m in walked.values())
    for i in range(len(corpus.chunks)):
        assert ev.members(i) == walked[int(corpus.group[i])]


def test_pairs_the_articles_never_use_lower_the_pair_coverage(hash_assistant) -> None:
    _, _, (_, on_topic, _) = _scored(hash_assistant, "Thu ngân sách quý I đạt bao nhiêu?")
    _, _, (_, off_topic, _) = _scored(hash_assistant, "Giá vé máy bay dịp hè là bao nhiêu?")
    col = FEATURES.index("pair_corpus_cov")
    assert off_topic[0, col] < 0.1 < on_topic[0, col]


def _row(assistant, question: str, words: str) -> dict[str, float]:
    _, _, (cands, x, _) = _scored(assistant, question)
    i = next(i for i, c in enumerate(cands) if words in assistant.corpus.chunks[c.idx].text)
    return dict(zip(FEATURES, x[i]))


def test_a_name_the_article_never_writes_is_absent_and_far(hash_assistant) -> None:
    spending = "Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng"
    other = _row(hash_assistant, "Chi ngân sách nhà nước của tỉnh Lạng Sơn đạt bao nhiêu?", spending)
    home = _row(hash_assistant, "Chi ngân sách nhà nước của quận Long Biên đạt bao nhiêu?", spending)
    assert other["names_absent"] == 1.0 and other["names_far"] == 1.0
    assert home["names_absent"] == 0.0 and home["names_far"] == 0.0


def test_a_hinted_kind_the_sentence_lacks_is_a_miss(hash_assistant) -> None:
    spending = "Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng"
    assert _row(hash_assistant, "Chi ngân sách nhà nước dài bao nhiêu km?", spending)["hint_miss"] == 1.0
    assert _row(hash_assistant, "Chi ngân sách nhà nước đạt bao nhiêu tiền?", spending)["hint_miss"] == 0.0


def test_figures_the_question_itself_gives_are_an_echo() -> None:
    from index.figures import extract_figures
    from qa.features import echoes_question

    figs = extract_figures("402 dự án, cơ sở nhà đất còn lại đang được xử lý.")
    assert echoes_question(resolve("Tổng vốn đầu tư của 402 dự án còn lại là bao nhiêu?"), figs)
    assert not echoes_question(resolve("Còn lại bao nhiêu dự án?"), figs)
    assert not echoes_question(resolve("Còn lại bao nhiêu dự án?"), [])
    assert not echoes_question(resolve("Không quân có bao nhiêu máy bay?"), extract_figures("Không quân có bốn máy bay."))


@pytest.mark.parametrize(("question", "absent"), [
    ("Thu ngân sách của Đà Nẵng quý I đạt bao nhiêu?", 1.0),  # a name the article never writes
    ("Thu ngân sách của quận Long Biên quý I đạt bao nhiêu?", 0.0),
    ("Quý I quận thu ngân sách được bao nhiêu tiền?", 0.0),  # "Quý I" is spelled as the index reads it, "quý 1"
    ("Chương trình 01-CTr/QU có bao nhiêu chỉ tiêu?", 0.0),  # "CTr" belongs to a code: no name at all
    ("Tại Long Biên thu ngân sách đạt bao nhiêu?", 0.0),  # the first capital is a common word: "Long Biên" counts
])
def test_names_are_spelled_as_the_index_reads_them(hash_assistant, question: str, absent: float) -> None:
    from qa.features import question_terms

    t = question_terms(resolve(question), hash_assistant.composer.evidence)
    assert t.names_absent == absent


def test_a_sentence_about_another_year_clashes_with_the_asked_one() -> None:
    asked = asked_dates(resolve("Dân số của tỉnh năm 2019 là bao nhiêu?"))
    assert asked == {"2019"}
    assert dates_clash(asked, {"nam", "2024", "dan", "so"}, {"nam", "2024"})
    assert not dates_clash(asked, {"nam", "2024"}, {"2024", "2019"})  # its paragraph names the asked year too
    assert not dates_clash(asked, {"dan", "so"}, {"dan", "so"})  # a sentence naming no date may hold the answer
    assert not dates_clash(frozenset(), {"2024"}, {"2024"})


@pytest.mark.parametrize(("question", "asked"), [("Lượng mưa ngày 17/9 là bao nhiêu?", {"17/9"}),
                                                 ("Ngày 17-9 có bao nhiêu người?", {"17-9"}),
                                                 ("Có 14/14 phường đạt chuẩn?", set())])
def test_a_question_dates_itself_by_a_day_and_month_or_a_year(question: str, asked: set[str]) -> None:
    assert asked_dates(resolve(question)) == asked


def test_a_sentence_about_another_day_clashes_with_the_asked_one() -> None:
    assert dates_clash(frozenset({"17/9"}), {"ngay", "21/9", "mua"}, {"ngay", "21/9", "2025"})
    assert not dates_clash(frozenset({"17/9"}), {"ngay", "21/9"}, {"ngay", "21/9", "17/9"})


@pytest.mark.parametrize(("question", "asked"), [("Thu ngân sách quý II-2024 đạt bao nhiêu?", {"quy_2"}),
                                                 ("thu ngan sach quy 3 dat bao nhieu", {"quy_3"}),
                                                 ("Ngân sách quý này đạt bao nhiêu?", set())])
def test_a_question_names_its_quarter_in_roman_or_arabic_figures(question: str, asked: set[str]) -> None:
    assert asked_quarters(resolve(question)) == asked


def test_a_sentence_about_another_quarter_clashes_unless_its_paragraph_names_the_asked_one() -> None:
    assert dates_clash(frozenset({"quy_2"}), {"quy_1", "thu"}, {"quy_1", "thu"}, QUARTER_TERM_RE)
    assert not dates_clash(frozenset({"quy_2"}), {"quy_1"}, {"quy_1", "quy_2"}, QUARTER_TERM_RE)
    assert not dates_clash(frozenset({"quy_2"}), {"thu", "ngan_sach"}, {"thu"}, QUARTER_TERM_RE)


_WORDS = st.sampled_from(["thu", "ngan", "sach", "quy", "dat", "ty", "dong", "nam", "tang", "so", "voi"])


@given(st.lists(_WORDS, max_size=40), st.dictionaries(_WORDS, st.floats(0.1, 5.0), min_size=1, max_size=6))
def test_a_windows_share_of_the_question_is_a_share_and_never_above_the_whole_sentences(tokens, weight) -> None:
    total = sum(weight.values())
    got = window_share(tuple(tokens), weight, total)
    whole = sum(w for t, w in weight.items() if t in tokens) / total
    assert 0.0 <= got <= whole + 1e-9


def test_question_words_said_together_fill_a_window_that_spread_ones_do_not() -> None:
    weight = {"thu": 1.0, "ngan": 1.0, "sach": 1.0}
    together = ("nam", "nay", "thu", "ngan", "sach", "dat", "cao")
    spread = ("thu", *["x"] * 10, "ngan", *["y"] * 10, "sach")
    assert window_share(together, weight, 3.0) == pytest.approx(1.0)
    assert window_share(spread, weight, 3.0) == pytest.approx(1 / 3)


def test_the_closest_paragraph_and_neighbour_gains_are_read_against_the_question(hash_assistant) -> None:
    _, _, (cands, x, _) = _scored(hash_assistant, "Thu ngân sách quý I đạt bao nhiêu?")
    para, near = x[:, FEATURES.index("dense_para_gap")], x[:, FEATURES.index("dense_nb_gain")]
    assert para.max() == pytest.approx(0.0) and (para <= 1e-12).all()  # the best paragraph's gap is zero
    assert (near >= 0.0).all()


def test_a_why_question_marks_the_sentences_that_give_a_cause_or_a_purpose(tmp_path) -> None:
    from index.embedder import HashEmbedder
    from qa import Assistant

    article = tmp_path / "cat-san-lap.txt"
    article.write_text(
        "Thiếu cát san lấp cho dự án kênh\n\nNguồn cát san lấp cho dự án đang khan hiếm. "
        "Nguồn cát san lấp khan hiếm vì các mỏ ở miền Tây đã ngừng khai thác. "
        "Nhà thầu cần khoảng 1,8 triệu m3 cát để làm nền đường.\n",
        "utf-8",
    )
    a = Assistant.from_files([article], embedder=HashEmbedder(), cache_dir=tmp_path / "c", models=object())
    col = FEATURES.index("reason_cue")
    for question in ("Vì sao nguồn cát san lấp khan hiếm?", "Vi sao nguon cat san lap khan hiem?"):
        _, _, (cands, x, _) = _scored(a, question)
        cue = {a.corpus.chunks[c.idx].text: v for c, v in zip(cands, x[:, col])}
        assert cue["Nguồn cát san lấp khan hiếm vì các mỏ ở miền Tây đã ngừng khai thác."] == 1.0
        assert cue["Nguồn cát san lấp cho dự án đang khan hiếm."] == 0.0
    _, _, (_, x, _) = _scored(a, "Nguồn cát san lấp cho dự án là bao nhiêu m3?")
    assert not x[:, col].any()  # a question not asking why marks none


@pytest.mark.parametrize("sentence,question,new", [
    ("Còn rừng Vincennes rộng 995 hecta thuộc Quận 12 ở phía Đông.", "Rừng Vincennes nằm ở đâu của Paris?", True),
    ("Ngày nay sự khai thác chuyển về Oise.", "Đá vôi được khai thác ở đâu?", True),
    ("Rừng Vincennes, nằm ngoài Paris, được bố trí ở điểm cực đông.", "Rừng Vincennes nằm ở đâu của Paris?", False),
    ("Trụ sở ở phía bắc thành phố.", "Trụ sở nằm ở đâu?", False),  # no name said
])
def test_a_place_is_new_when_a_locative_names_what_the_question_does_not(sentence, question, new) -> None:
    from index.text import fold
    from qa.features import _WORD_RE, names_new_place

    assert names_new_place(sentence, frozenset(fold(w) for w in _WORD_RE.findall(question))) is new


@given(st.lists(st.sampled_from(["năm 1774", "thế kỷ XVII", "ngày 30/4", "tại Quận 12", "về Oise", "ở Paris",
                                 "quận", "thu", "2.472 tỷ đồng", ",", "và"]), max_size=8))
def test_a_sentence_asked_as_it_stands_names_no_new_place(parts) -> None:
    from index.text import fold
    from qa.features import _WORD_RE, names_new_place

    text = " ".join(parts)
    assert not names_new_place(text, frozenset(fold(w) for w in _WORD_RE.findall(text)))


def test_a_place_cue_needs_a_capitalised_name_after_the_place_word(hash_assistant) -> None:
    from qa.features import holds_answer_type

    q = resolve("Trụ sở mới nằm ở đâu?")
    df = hash_assistant.composer.evidence.df
    assert holds_answer_type(q, "Trụ sở mới nằm ở Hà Nội.", df)
    assert not holds_answer_type(q, "Trụ sở mới nằm ngoài trung tâm thành phố.", df)


@pytest.mark.parametrize("question,kind", [("Ai là Bí thư Quận ủy quận Long Biên?", "person"),
                                           ("Thu ngân sách quý I đạt bao nhiêu?", None)])
def test_the_answer_type_cue_is_weighed_apart_for_the_type_asked_only(hash_assistant, question, kind) -> None:
    q, _, (_, x, _) = _scored(hash_assistant, question)
    assert q.expected == (kind or q.expected)
    for t in ("person", "place", "date", "fact"):
        col = x[:, FEATURES.index(f"present_x_{t}")]
        if t == kind:
            assert col.any() and (col == x[:, FEATURES.index("type_present")]).all()
        else:
            assert not col.any()
