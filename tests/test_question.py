"""Question analysis: expected answer type, counted nouns, figure hints, metadata intent and follow-up resolution."""

import pytest

from qa.followup import resolve, user_turns
from qa.question import analyse, is_english, looks_elliptical, range_ends


@pytest.mark.parametrize(
    "question,expected",
    [
        ("Thu ngân sách quý I đạt bao nhiêu?", "quantity"),
        ("thu ngan sach quy 1 dat bao nhieu", "quantity"),
        ("Quận có mấy phường?", "quantity"),
        ("Thu ngân sách đạt bao nhiêu phần trăm dự toán?", "percent"),
        ("thu ngan sach dat bao nhieu phan tram du toan", "percent"),
        ("Tỷ lệ phường ban hành kế hoạch là bao nhiêu?", "percent"),
        ("Kế hoạch 202-KH/QU ban hành ngày nào?", "date"),
        ("ke hoach 202-KH/QU ban hanh ngay nao", "date"),
        ("Khi nào quận tổ chức sơ kết?", "date"),
        ("Đề án được thực hiện trong giai đoạn nào?", "period"),
        ("Ai là Bí thư Quận ủy?", "person"),
        ("ai la bi thu quan uy", "person"),
        ("Hội nghị diễn ra ở đâu?", "place"),
        ("Đại hội Đảng bộ quận lần thứ mấy?", "ordinal"),
        ("dai hoi dang bo quan lan thu may", "ordinal"),
        ("Chủ đề công tác năm 2024 là gì?", "fact"),
        ("Quận tổ chức những tọa đàm nào?", "list"),
        ("Quận có tổ chức cuộc thi trực tuyến không?", "yesno"),
        ("How much budget revenue was collected?", "quantity"),
        ("Sân bay nào có số lượng phi cơ lớn nhất?", "fact"),
        ("Canada độc lập hoàn toàn vào năm bao nhiêu?", "date"),
        ("Lễ hội tổ chức vào tháng mấy hằng năm?", "date"),  # "số lượng" alone does not ask for a number
        ("Số lượng dự án hoàn thành trong quý I?", "quantity"),
        ("Canada đứng thứ mấy về chỉ số phát triển?", "ordinal"),
        ("When was the plan issued?", "date"),
        ("Who is the Party Secretary?", "person"),
    ],
)
def test_expected_type_from_cues_with_or_without_diacritics(question, expected):
    assert analyse(question).expected == expected


@pytest.mark.parametrize(
    "question,counted",
    [
        ("Có bao nhiêu dự án được phê duyệt?", ("du an",)),
        ("co bao nhieu du an duoc phe duyet", ("du an",)),
        ("Chương trình có bao nhiêu chỉ tiêu và nhiệm vụ cụ thể?", ("chi tieu", "nhiem vu")),
        ("Số lượng máy bay trực thăng là bao nhiêu?", ("may bay truc",)),  # "máy" is not "mấy"
        ("Tổng số đảng viên mới là bao nhiêu?", ("dang vien moi",)),  # "đảng" is not "đang"
        ("Có bao nhiêu dự án, phương án?", ("du an", "phuong an")),
        ("co bao nhieu du an, phuong an", ("du an", "phuong an")),
        # "mấy" also means "a few": "bao nhiêu" names the counted noun when both stand in the question
        ("Mấy ngày gần đây trời nóng khoảng bao nhiêu độ?", ("do",)),
        ("may nam gan day co bao nhieu du an", ("du an",)),
        ("Quận có mấy phường?", ("phuong",)),
    ],
)
def test_counted_nouns_are_read_after_bao_nhieu(question, counted):
    assert analyse(question).counted == counted


def test_a_length_unit_after_bao_nhieu_hints_a_length_not_a_counted_noun():
    q = analyse("Đường dọc hai bờ kênh rộng bao nhiêu mét mỗi bên?")
    assert q.kind_hint == "length" and q.counted == ()


@pytest.mark.parametrize(
    "question,unit",
    [
        ("Rạch dài bao nhiêu km?", "length"),
        ("gia lua bao nhieu dong mot kg", "money"),
        ("Tổng vốn đầu tư là bao nhiêu tỷ đồng?", "money"),
        ("Còn bao nhiêu hecta đất ô nhiễm?", "area"),
        ("Cần bao nhiêu m3 cát?", "volume"),
        ("Có bao nhiêu mẫu xe?", None),  # "mẫu" is not "m"
        ("Tổng vốn đầu tư là bao nhiêu?", None),  # a hint, not a named unit
    ],
)
def test_a_unit_named_right_after_bao_nhieu_is_the_unit_asked(question, unit):
    assert analyse(question).unit_asked == unit


def test_a_question_opening_with_so_counts_what_follows():
    # "số dự án hoàn thành": the number of projects; the noun phrase may run on, figures match on its head
    assert analyse("so du an hoan thanh").counted[0].startswith("du an")


@pytest.mark.parametrize(
    "question,hint",
    [
        ("Thu ngân sách đạt bao nhiêu?", "money"),
        ("Tổng diện tích đất thu hồi là bao nhiêu?", "area"),
        ("Quý I có bao nhiêu chỉ tiêu bảo đảm tiến độ?", None),  # "tiến độ" is not "tiền"
    ],
)
def test_figure_kind_hints_use_diacritics_when_given(question, hint):
    assert analyse(question).kind_hint == hint


@pytest.mark.parametrize(
    "question,meta",
    [
        ("Ai là tác giả bài viết?", "author"),
        ("Bài báo được đăng vào ngày nào?", "published"),
        ("Bài viết thuộc chuyên mục nào?", "section"),
        ("Bài viết được đăng trên báo nào?", "publisher"),
        ("Ai là Bí thư Quận ủy?", None),
        # folded, "người Việt" (Vietnamese people) is "người viết" (the writer)
        ("Bài viết về điểm IELTS của người Việt này đăng ngày nào?", "published"),
        ("Ai viết bài báo về người Việt ở Đức?", "author"),
        # the author of another work, or what the author says, is a question about what the article says
        ("Ai là tác giả nghiên cứu về cơn sốt IELTS?", None),
        ("Tác giả của bức tranh là ai?", None),
        ("Who is the author of the study?", None),
        ("Theo tác giả, quy định mới giống luật năm nào?", None),
        ("Ai là tác giả của bài phóng sự này?", "author"),
        ("Who is the author of this article?", "author"),
        ("Ai là tác giả?", "author"),
    ],
)
def test_questions_about_the_article_itself(question, meta):
    assert analyse(question).meta == meta


def test_numbers_codes_and_acronyms_are_specific():
    assert analyse("Thu ngân sách quý II-2024 đạt bao nhiêu?").specifics == ("2", "2024")
    assert analyse("Ai là Chủ tịch UBND quận?").specifics == ("ubnd",)
    assert analyse("Diện tích là bao nhiêu m2?").specifics == ()


def test_date_questions_know_their_grain():
    assert analyse("Kế hoạch ban hành ngày nào?").date_grain == "day"
    assert analyse("Cầu khánh thành năm nào?").date_grain == "year"
    assert analyse("Khi nào quận sơ kết?").date_grain == "any"


def test_follow_up_takes_topic_and_type_from_the_previous_question():
    history = [{"role": "user", "content": "Thu ngân sách quý I đạt bao nhiêu?"}, {"role": "assistant", "content": "2.472 tỷ đồng"}]
    q = resolve("Còn chi ngân sách thì sao?", history)
    assert q.expected == "quantity" and q.kind_hint == "money"
    assert q.must == ("chi", "ngan", "sach")
    assert q.followup_of == "Thu ngân sách quý I đạt bao nhiêu?"


def test_follow_up_inherits_the_counted_noun():
    q = resolve("Hoàn thành bao nhiêu?", [{"role": "user", "content": "Quận khởi công bao nhiêu dự án?"}])
    assert q.counted == ("du an",)


def test_a_standalone_question_is_not_polluted_by_history():
    history = [{"role": "user", "content": "Thu ngân sách quý I đạt bao nhiêu?"}]
    q = resolve("Ai là tác giả bài viết?", history)
    assert q.followup_of is None and q.search_text == "Ai là tác giả bài viết?"
    q = resolve("Có bao nhiêu mô hình đã đăng ký?", history)
    assert q.followup_of is None


def test_elliptical_questions_are_recognised():
    assert looks_elliptical(analyse("Còn năm 2023?"))
    assert looks_elliptical(analyse("So với cùng kỳ thì sao?"))
    assert not looks_elliptical(analyse("Tổng diện tích đất thu hồi là bao nhiêu?"))


def test_user_turns_accepts_gradio_messages_pairs_and_strings():
    assert user_turns([{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]) == ["a"]
    assert user_turns([["a", "b"], ["c", None]]) == ["a", "c"]
    assert user_turns(["a"]) == ["a"]
    assert user_turns([{"role": "user", "content": [{"type": "text", "text": "x"}]}]) == ["x"]
    assert user_turns(None) == []


def test_a_year_range_names_both_years_as_specifics():
    assert analyse("Trong giai đoạn 1996-2009 dân số tăng bao nhiêu?").specifics == ("1996", "2009")


def test_a_passage_spells_out_the_acronyms_of_its_capitalised_names():
    from qa.spans import initialisms

    spelled = initialisms("Sân nhà của Paris Saint-Germain là Parc des Princes.")
    assert "psg" in spelled and "pp" in spelled  # particles ("des") are not spelled
    assert not initialisms("tổng sản phẩm trên địa bàn")


def test_a_comparison_does_not_force_money_from_a_topic_word():
    # "ngân sách" alone suggests money, but "so với cùng kỳ" may ask for the ratio: the measured phrase decides.
    assert analyse("Thu ngân sách so với cùng kỳ năm trước đạt bao nhiêu?").kind_hint is None
    assert analyse("Thu ngân sách so với cùng kỳ tăng bao nhiêu tỷ đồng?").kind_hint == "money"
    assert analyse("Thu ngân sách đạt bao nhiêu?").kind_hint == "money"


def test_a_question_typed_in_capitals_is_analysed_like_the_same_words_in_normal_case() -> None:
    shouted, normal = analyse("THU NGÂN SÁCH QUÝ I ĐẠT BAO NHIÊU"), analyse("Thu ngân sách quý I đạt bao nhiêu")
    assert shouted.focus == normal.focus and shouted.specifics == normal.specifics
    assert shouted.expected == normal.expected == "quantity"


def test_a_follow_up_with_its_own_topic_is_not_merged_with_the_previous_question() -> None:
    from qa.followup import resolve

    history = ["Thu ngân sách quý I đạt bao nhiêu?", "Còn chi ngân sách thì sao?"]
    q = resolve("Quận có bao nhiêu phường?", history)
    assert q.followup_of is None and q.search_text == "Quận có bao nhiêu phường?"
    assert resolve("Còn chi ngân sách thì sao?", history[:1]).followup_of is not None


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("Which hospital received these Whitmore patients?", True),  # one question word; the rest are not syllables
        ("Which agency forecast that the storm could strengthen?", True),
        ("How much registered FDI did Hanoi attract in 2023?", True),
        ("benh nhan o thai binh bi ap xe o dau", False),
        ("tau nordana sophie hscp2 bi chim gan cang nao", False),  # names, but Vietnamese question words
        ("module VPM tren tau virginia block v co may ong", False),
        ("<img src=x onerror=alert(1)>", False),
        ("1' OR '1'='1' UNION SELECT password FROM users --", False),
        ("Thu ngân sách quý I đạt bao nhiêu?", False),
    ],
)
def test_english_is_told_from_unaccented_vietnamese_names_and_code(text: str, english: bool) -> None:
    assert is_english(text) is english


@pytest.mark.parametrize(
    "question",
    ["What is the total investment of the canal project?", "What was the price of rice in 2023?"],
)
def test_what_is_the_amount_questions_in_english_ask_a_quantity(question: str) -> None:
    q = analyse(question)
    assert q.expected == "quantity" and q.kind_hint == "money"


def test_what_is_the_name_in_english_asks_a_fact() -> None:
    assert analyse("What is the name of the company?").expected == "fact"


@pytest.mark.parametrize(
    "question",
    ["Mìn có bán kính sát thương bao xa?", "Sau bao lâu thì dự án hoàn thành?", "bao lau thi xong",
     "How far is the airport from Hanoi?", "How long is the bridge?"],
)
def test_how_far_and_how_long_ask_a_quantity(question: str) -> None:
    assert analyse(question).expected == "quantity"


@pytest.mark.parametrize(("question", "expected"), [("Người may trang phục ở đâu có tay nghề tốt nhất?", "place"),
                                                   ("Quận có mấy phường?", "quantity"),
                                                   ("quan co may phuong", "quantity")])
def test_may_asks_how_many_only_where_it_is_written_may_with_its_accent(question: str, expected: str) -> None:
    assert analyse(question).expected == expected


@pytest.mark.parametrize(("question", "hint"), [("Giá mỗi mét khối cát là bao nhiêu?", "money"),  # a price
                                               ("Gia moi met khoi cat la bao nhieu?", None),   # folded "gia": no cue
                                               ("Giá thuê bao nhiêu tiền một m2?", "money"),
                                               ("Mỗi ha lúa cho bao nhiêu tấn?", None),
                                               ("Giá đất bao nhiêu đồng/m2?", "money"),
                                               ("Cần bao nhiêu m3 cát?", "volume"),
                                               ("Diện tích bao nhiêu mét vuông?", "area")])
def test_a_unit_a_figure_is_counted_per_hints_no_kind(question: str, hint: str | None) -> None:
    assert analyse(question).kind_hint == hint


@pytest.mark.parametrize(("question", "specifics"), [("Giá thuê căn hộ hạng C tăng bao nhiêu?", ("c",)),
                                                    ("Đội tuyển ở bảng B gặp ai?", ("b",)),
                                                    ("Khu A.B. rộng bao nhiêu?", ("a_b",)),  # initials
                                                    ("hang c tang bao nhieu", ())])
def test_a_class_named_by_one_capital_letter_is_a_specific_the_answer_names(question: str,
                                                                            specifics: tuple[str, ...]) -> None:
    assert analyse(question).specifics == specifics



@pytest.mark.parametrize(("question", "counted"), [("Bao nhiêu nhiệm vụ?", "nhiem vu"), ("bao nhieu nhiem vu", "nhiem vu"),
                                                   ("Có mấy dự án?", "du an")])
def test_a_question_naming_only_what_it_counts_takes_its_subject_from_the_previous_one(question: str,
                                                                                       counted: str) -> None:
    q = resolve(question, [{"role": "user", "content": "Chương trình 01-CTr/QU năm 2024 có bao nhiêu chỉ tiêu?"}])
    assert q.followup_of and "01-CTr/QU" in q.search_text and q.counted == (counted,)


@pytest.mark.parametrize(
    "question",
    [
        "Người thai phụ không qua khỏi tên là gì?",
        "nguoi thai phu khong qua khoi ten la gi",
        "Hai vợ chồng thiệt mạng trong vụ sạt lở tên là gì?",
        "Tên thật của ca sĩ Yến Tatoo là gì?",
        "What is the name of the lecturer who leads the team?",
    ],
)
def test_asking_the_name_of_a_person_expects_a_person(question: str) -> None:
    assert analyse(question).expected == "person"


@pytest.mark.parametrize(
    "question",
    [
        "Ngôi làng bị núi lở vùi lấp có tên là gì?",
        "Bộ phim có tên là gì?",
        "bo giao duc ten la gi",                                   # folded "bo" may be "Bộ"
        "Các tác giả gọi nhóm hành tinh này bằng cái tên gì?",   # a name they give, not their own
        "What is the name of the businessman's company?",
    ],
)
def test_asking_the_name_of_a_thing_stays_a_fact(question: str) -> None:
    assert analyse(question).expected == "fact"


@pytest.mark.parametrize(
    ("question", "hint"),
    [
        ("Giá mỗi mét khối cát san lấp là bao nhiêu?", "money"),      # a unit price
        ("EVN phải mua điện với giá bao nhiêu?", "money"),
        ("Giá thuê căn hộ tăng bao nhiêu?", None),                    # a change: may be a share
        ("Tỷ giá hôm nay là bao nhiêu?", None),                       # an exchange rate, not an amount
        ("Azerbaijan nói Armenia vi phạm mấy nghị quyết của Hội đồng Bảo an?", None),  # "hội đồng" is a council
        ("san bay can bao nhieu lao dong trinh do cao", None),        # folded "lao động", not "đồng"
        ("Lợi nhuận đạt bao nhiêu tỉ đồng?", "money"),
    ],
)
def test_money_is_hinted_by_a_price_or_an_amount_unit_not_by_any_dong(question: str, hint: str | None) -> None:
    assert analyse(question).kind_hint == hint


def test_initials_standing_for_a_person_are_specifics_as_letter_pairs() -> None:
    assert analyse("Bệnh nhân T.V.L. ở Sóc Sơn làm nghề gì?").specifics == ("t_v", "v_l")
    assert analyse("Ở TP.HCM có bao nhiêu trường?").specifics == ("tp", "hcm")  # an acronym, not initials


@pytest.mark.parametrize(
    ("token", "ends"),
    [
        ("1996-2009", ["1996", "2009"]),
        ("4.0-5.5", ["4.0", "5.5"]),     # a band of scores, written "từ 4.0 đến 5.5" elsewhere
        ("20-25%", ["20%", "25%"]),
        ("17-9", ["17-9"]),              # a day and month, not a range
        ("12-2024", ["12-2024"]),        # a month and year
    ],
)
def test_a_range_of_years_decimals_or_percents_names_its_ends(token: str, ends: list[str]) -> None:
    assert range_ends(token) == ends
