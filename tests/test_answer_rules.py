"""The hand rules that refuse a chosen sentence: a unit or a hinted amount the sentence has no figure of, another day
or year, a when-question it cannot answer."""

from __future__ import annotations

import pytest

from index.figures import extract_figures
from qa.answer import Composer, _bare_amount
from qa.config import AnswerConfig
from qa.features import says_when
from qa.figure_choice import fitting_figures, measure_asked
from qa.followup import resolve
from qa.question import amount_kind_asked


def _chunk(assistant, words: str) -> int:
    return next(i for i, c in enumerate(assistant.corpus.chunks) if words in c.text)


def _refused(assistant, question: str, words: str, **config: object) -> bool:
    q = resolve(question)
    idx = _chunk(assistant, words)
    composer = Composer(assistant.corpus, AnswerConfig().with_(**config))
    return composer._unfit(q, idx, fitting_figures(q, list(assistant.corpus.figures[idx])))


SPENDING = "Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng"


def test_a_unit_named_after_bao_nhieu_refuses_a_sentence_without_a_figure_of_its_kind(hash_assistant) -> None:
    assert _refused(hash_assistant, "Chi ngân sách nhà nước dài bao nhiêu km?", SPENDING)
    # The unit asked is also the amount hinted: both rules refuse the sentence.
    assert _refused(hash_assistant, "Chi ngân sách nhà nước dài bao nhiêu km?", SPENDING, needs_unit=False)
    assert not _refused(hash_assistant, "Chi ngân sách nhà nước dài bao nhiêu km?", SPENDING, needs_unit=False,
                        needs_kind=False)


def test_a_unit_the_sentence_has_a_figure_of_keeps_it(hash_assistant) -> None:
    assert not _refused(hash_assistant, "Chi ngân sách nhà nước đạt bao nhiêu tỷ đồng?", SPENDING)


def test_a_when_question_refuses_a_sentence_that_does_not_say_when(hash_assistant) -> None:
    question = "Khi nào chi ngân sách nhà nước được thực hiện?"
    assert _refused(hash_assistant, question, SPENDING)
    assert not _refused(hash_assistant, question, SPENDING, needs_time=False)


def test_a_which_day_question_keeps_a_sentence_with_a_days_date(hash_assistant) -> None:
    assert not _refused(hash_assistant, "Kế hoạch 202-KH/QU được triển khai ngày nào?", "Kế hoạch số 202-KH/QU ngày 9-1-2024")


def test_a_when_question_keeps_a_sentence_with_a_date(hash_assistant) -> None:
    assert not _refused(hash_assistant, "Kế hoạch 202-KH/QU được triển khai khi nào?", "Kế hoạch số 202-KH/QU ngày 9-1-2024")


@pytest.mark.parametrize("question", ["Người này đã từng bị áp-xe bao giờ chưa?", "Anh đã bao giờ đến Hà Nội không?"])
def test_ever_questions_are_not_when_questions(question: str) -> None:
    assert resolve(question).expected == "yesno"


@pytest.mark.parametrize("sentence", ["Kể từ khi Pháp lập một thuộc địa trên quần đảo.", "Dưới triều vua François Đệ nhất.",
                                      "Ngày 9-1-2024, quận ban hành kế hoạch.", "Vào thế kỷ 19, Paris thu hút danh họa."])
def test_a_date_or_an_event_clause_says_when(sentence: str) -> None:
    assert says_when(sentence)


def test_a_sentence_without_a_time_does_not_say_when() -> None:
    assert not says_when("Chính phủ trình Quốc hội ban hành nghị quyết trên phạm vi toàn quốc.")




@pytest.mark.parametrize(("question", "unit"), [("Nhà máy có công suất bao nhiêu MW?", "mw"),
                                               ("Năm 2023 xuất khẩu được bao nhiêu triệu tấn gạo?", "tan gao"),
                                               ("Có bao nhiêu dự án?", None)])
def test_a_unit_of_measure_asked_is_read_without_its_multiplier(question: str, unit: str | None) -> None:
    assert measure_asked(resolve(question)) == unit


def test_a_unit_of_measure_asked_refuses_a_sentence_without_a_figure_in_it(hash_assistant) -> None:
    question = "Công suất ước thực hiện là bao nhiêu MW?"
    assert _refused(hash_assistant, question, SPENDING)
    assert not _refused(hash_assistant, question, SPENDING, needs_unit=False, needs_kind=False)


WARDS = "chỉ đạo 14/14 phường ban hành"


def test_a_question_about_another_year_refuses_a_sentence_that_names_its_own(hash_assistant) -> None:
    question = "Năm 2019, quận chỉ đạo bao nhiêu phường ban hành kế hoạch?"
    assert _refused(hash_assistant, question, WARDS)
    assert not _refused(hash_assistant, question, WARDS, date_clash=False)
    assert not _refused(hash_assistant, "Năm 2024, quận chỉ đạo bao nhiêu phường ban hành kế hoạch?", WARDS)


REVENUE = "Thu cân đối ngân sách trên địa bàn ước thực hiện 2.472 tỷ đồng"


@pytest.mark.parametrize("question", ["Thu ngân sách quý II-2024 đạt bao nhiêu?", "Thu ngan sach quy 2 dat bao nhieu?"])
def test_a_question_about_another_quarter_refuses_a_sentence_about_the_first(hash_assistant, question: str) -> None:
    assert _refused(hash_assistant, question, REVENUE)
    assert not _refused(hash_assistant, question, REVENUE, date_clash=False)


@pytest.mark.parametrize("question", ["Thu ngân sách quý I đạt bao nhiêu?", "Thu ngân sách đạt bao nhiêu?"])
def test_the_asked_quarter_or_none_keeps_the_sentence(hash_assistant, question: str) -> None:
    assert not _refused(hash_assistant, question, REVENUE)


@pytest.fixture(scope="module")
def two_cities(tmp_path_factory):
    from index.article import document_from_paragraphs
    from index.embedder import HashEmbedder
    from qa import Assistant

    doc = document_from_paragraphs(doc_id="thue", title="Thị trường căn hộ cho thuê", paragraphs=[
        "Tại TP HCM, giá thuê căn hộ dịch vụ tăng 5%. Tỷ lệ lấp đầy đạt 83%, cao nhất ba năm.",
        "Ở Hà Nội, giá thuê căn hộ dịch vụ giảm 2%. Nguồn cung mới vẫn ít.",
        "Đến năm 2025, thị trường TP HCM dự kiến chỉ có 600 căn. Trong đó, 5 dự án với 260 căn mở lại sau cải tạo. "
        "Tại Hà Nội, quận Tây Hồ có 3 dự án mới."])
    return Assistant.from_documents([doc], embedder=HashEmbedder(), cache_dir=tmp_path_factory.mktemp("cities"))


def test_a_sentence_in_a_paragraph_about_another_province_does_not_answer(two_cities) -> None:
    question = "Tỷ lệ lấp đầy ở Hà Nội đạt bao nhiêu?"
    assert _refused(two_cities, question, "Tỷ lệ lấp đầy đạt 83%")
    assert not _refused(two_cities, question, "Tỷ lệ lấp đầy đạt 83%", place_clash=False, running_place=False)
    assert not _refused(two_cities, "Tỷ lệ lấp đầy ở TP HCM đạt bao nhiêu?", "Tỷ lệ lấp đầy đạt 83%")


def test_a_sentence_naming_no_province_is_about_the_one_its_paragraph_named_last(two_cities) -> None:
    among = "Trong đó, 5 dự án với 260 căn"
    question = "Hà Nội có bao nhiêu dự án mở lại sau cải tạo?"
    assert _refused(two_cities, question, among)  # its paragraph names Hà Nội too, but after it
    assert not _refused(two_cities, question, among, running_place=False)
    assert not _refused(two_cities, "TP HCM có bao nhiêu dự án mở lại sau cải tạo?", among)
    assert not _refused(two_cities, "Hà Nội có bao nhiêu dự án mới?", "quận Tây Hồ có 3 dự án mới")


def test_a_question_sharing_next_to_no_words_with_the_articles_is_refused_unscored(hash_assistant) -> None:
    question = "<img src=x onerror=alert(1)>"
    q = resolve(question)
    hits = hash_assistant.retrieve(q)
    guarded = Composer(hash_assistant.corpus).compose(question, q, hits, 3, "hybrid")
    assert guarded.abstained and guarded.confidence == 0.0 and guarded.related
    unguarded = Composer(hash_assistant.corpus, AnswerConfig().with_(min_topic_coverage=0.0))
    assert unguarded.compose(question, q, hits, 3, "hybrid").confidence > 0.0  # scored by the models instead
    on_topic = resolve("Thu ngân sách quý I đạt bao nhiêu?")
    assert not Composer(hash_assistant.corpus).compose(on_topic.text, on_topic, hash_assistant.retrieve(on_topic), 3,
                                                       "hybrid").abstained


def test_a_how_much_question_hinting_money_refuses_a_sentence_without_money(hash_assistant) -> None:
    question = "Tổng vốn đầu tư cho các phường là bao nhiêu?"
    assert _refused(hash_assistant, question, WARDS)
    assert not _refused(hash_assistant, question, WARDS, needs_kind=False)
    assert not _refused(hash_assistant, question, SPENDING)


@pytest.mark.parametrize(("question", "kind"), [
    ("Tổng vốn đầu tư của dự án là bao nhiêu?", "money"),
    ("Giá mỗi mét khối cát là bao nhiêu?", "money"),
    ("Diện tích đất thu hồi là bao nhiêu?", "area"),
    ("What is the total investment of the project?", "money"),
    ("Nông dân cắt giảm được bao nhiêu chi phí sản xuất?", None),   # a cut is often given as a share
    ("Doanh thu tăng bao nhiêu?", None),
    ("By how much did export revenue grow?", None),
    ("Mỗi ca học dài bao nhiêu phút?", None),                       # a duration, not a length
    ("gia thue can ho o ha noi bao nhieu mot m2", None),            # folded "ha" is Hà Nội here, not hecta
    ("Có bao nhiêu dự án?", None),
    ("Hồi nuôi tôm, ông bị thua lỗ bao nhiêu tiền?", "money"),      # it counts money itself
    ("Dự toán thu ngân sách là bao nhiêu tỷ đồng?", "money"),
    ("Có bao nhiêu người ăn lương từ ngân sách nhà nước?", None),    # counts people, of whom the budget pays
    ("How many people were evacuated from the risk area?", None),
    ("Vị hiệu trưởng tiền nhiệm giữ chức trong bao lâu?", None),     # how long: a duration
    ("Về Tiền Giang mở quán được bao lâu rồi?", None),
])
def test_the_amount_kind_a_question_asks(question: str, kind: str | None) -> None:
    assert amount_kind_asked(resolve(question)) == kind


def test_a_scaled_amount_without_dong_answers_a_money_question() -> None:
    (profit,) = extract_figures("ông lãi 200 triệu sau khi trừ chi phí")
    assert _bare_amount(profit)
    (people,) = extract_figures("có 200 người")
    assert not _bare_amount(people)
