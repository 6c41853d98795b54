"""Answers on the bundled article with the real model: figures, dates, people, metadata, follow-ups, abstention."""

import pytest

pytestmark = pytest.mark.slow


def ask(a, question, history=()):
    msgs = []
    for h in history:
        msgs += [{"role": "user", "content": h}, {"role": "assistant", "content": a.ask(h, history=msgs).text}]
    return a.ask(question, history=msgs)


@pytest.mark.parametrize(
    "question,value,unit,text",
    [
        ("Thu ngân sách quý I đạt bao nhiêu?", 2_472_000_000_000, "đồng", "2.472 tỷ đồng"),
        ("thu ngan sach quy 1 dat bao nhieu", 2_472_000_000_000, "đồng", "2.472 tỷ đồng"),
        ("Thu ngân sách đạt bao nhiêu phần trăm so với cùng kỳ năm trước?", 125, "%", "125%"),
        ("Thu ngân sách đạt bao nhiêu phần trăm so với dự toán?", 19, "%", "19%"),
        ("Tổng diện tích đất thu hồi là bao nhiêu?", 42_092, "m²", "42.092m2"),
        ("Quận hoàn thành bao nhiêu dự án?", 12, "dự án", "12 dự án"),
        ("Bao nhiêu phường ban hành kế hoạch thực hiện nhiệm vụ năm 2024?", 14, "phường", "14/14 phường"),
        ("Quận Long Biên chuẩn bị Đại hội Đảng bộ quận lần thứ mấy?", 5, "lần", "lần thứ V"),
        # two counts of one noun in a sentence: the words right after each tell them apart
        ("Bao nhiêu chương trình công tác toàn khóa của Thành ủy?", 10, "chương trình công tác", "10 chương trình công tác"),
    ],
)
def test_figure_answers_come_first_and_are_read_right(real_assistant, question, value, unit, text):
    ans = ask(real_assistant, question)
    assert not ans.abstained
    first = ans.figures[0]
    assert (first.value, first.unit, first.text) == (value, unit, text)
    assert ans.text.startswith(text)
    assert text in ans.citations[0].text


def test_money_is_also_written_out_in_full(real_assistant):
    ans = ask(real_assistant, "Chi ngân sách nhà nước quý I là bao nhiêu?")
    assert "478 tỷ đồng (= 478 000 000 000 đồng)" in ans.text


def test_date_of_a_document_code(real_assistant):
    ans = ask(real_assistant, "Kế hoạch số 202-KH/QU được ban hành ngày nào?")
    assert ans.figures[0].kind == "date" and ans.figures[0].value == "2024-01-09"


def test_person_is_named_directly(real_assistant):
    ans = ask(real_assistant, "Ai là Bí thư Quận ủy Long Biên?")
    assert ans.direct == "Đường Hoài Nam"
    assert "Đường Hoài Nam" in ans.citations[0].text


def test_quoted_title_is_the_direct_answer_to_a_what_question(real_assistant):
    ans = ask(real_assistant, "Chủ đề công tác năm 2024 của thành phố Hà Nội là gì?")
    assert ans.direct == "“Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển”"


@pytest.mark.parametrize(
    "question,direct,block",
    [
        ("Ai là tác giả bài viết?", "Đình Hiệp", "Đình Hiệp 15/04/2024 - 07:25"),
        ("Bài báo thuộc chuyên mục nào?", "Nghị quyết và Cuộc sống", "Nghị quyết và Cuộc sống"),
    ],
)
def test_metadata_questions_cite_the_byline_or_header(real_assistant, question, direct, block):
    ans = ask(real_assistant, question)
    assert ans.direct == direct and ans.citations[0].text == block
    c = ans.citations[0]
    assert real_assistant.document(c.doc_id).text[c.start : c.end] == c.text


def test_publication_date_is_answered_with_its_figure(real_assistant):
    ans = ask(real_assistant, "Bài báo được đăng vào ngày nào?")
    assert ans.figures[0].value == "2024-04-15"


@pytest.mark.parametrize(
    "history,question,value",
    [
        (["Thu ngân sách quý I đạt bao nhiêu?"], "Còn chi ngân sách thì sao?", 478_000_000_000),
        (["Quận khởi công bao nhiêu dự án?"], "Hoàn thành bao nhiêu?", 12),
        (["Thu ngân sách quý I đạt bao nhiêu?"], "So với cùng kỳ thì sao?", 125),
        (["Quận khởi công bao nhiêu dự án?", "Hoàn thành bao nhiêu?"], "Còn phê duyệt?", 9),
        # the comparison follows the topic carried over (spending), not revenue's "so với dự toán"
        (["Chi ngân sách nhà nước quý I là bao nhiêu?"], "So với dự toán thì sao?", 21),
        # a new counted noun replaces the old one; a follow-up's own words choose among the figures of one sentence
        (["Quý I có bao nhiêu chỉ tiêu thực hiện bảo đảm tiến độ?"], "Thế còn nhiệm vụ?", 48),
        # not the sentence's first count (12): the one the follow-up's own words describe
        (["Quý I có bao nhiêu chỉ tiêu thực hiện bảo đảm tiến độ?"],
         "Còn bao nhiêu chỉ tiêu chưa đến thời gian thực hiện?", 14),
    ],
)
def test_follow_ups_are_resolved_from_history(real_assistant, history, question, value):
    ans = ask(real_assistant, question, history)
    assert not ans.abstained and ans.figures[0].value == value


_GAP = pytest.mark.xfail(strict=True, reason="known gap: the learned abstention answers it with the closest "
                         "sentence (README, 'How answers are chosen'); strict, so a fix shows up here")


@pytest.mark.parametrize(
    "question",
    [
        "Dân số quận Long Biên là bao nhiêu người?",
        "Quận Long Biên có bao nhiêu trường học?",  # schools are mentioned, never counted
        "Giá vé xe buýt ở Hà Nội là bao nhiêu?",
        "Thu ngân sách quý II-2024 đạt bao nhiêu?",  # the article gives quarter I only
        # no sentence gives an amount of it; the compensation paid (151 tỷ đồng) for the year's projects is answered
        pytest.param("Tổng vốn đầu tư của nhóm dự án trọng điểm là bao nhiêu tỷ đồng?", marks=_GAP),
        pytest.param("Ai là Chủ tịch UBND quận Long Biên?", marks=_GAP),  # the caption names the HĐND chairman
        pytest.param("Chi ngân sách quý I bằng bao nhiêu phần trăm so với cùng kỳ?", marks=_GAP),
        pytest.param("Dự toán thu ngân sách đầu năm là bao nhiêu tỷ đồng?", marks=_GAP),  # given as 19% of it
        # its anniversary is named, its date never; the sentence naming the anniversary year is answered
        pytest.param("Ngày Giải phóng Thủ đô là ngày nào?", marks=_GAP),
        pytest.param("Ai là Phó Chủ tịch HĐND quận Long Biên?", marks=_GAP),  # the caption names the chairman
        "What is the population of Hanoi?",
    ],
)
def test_unanswerable_questions_abstain_and_offer_related_passages(real_assistant, question):
    ans = ask(real_assistant, question)
    assert ans.abstained and not ans.citations and not ans.figures
    assert ans.text.startswith("Bài viết không nói về điều bạn hỏi.")
    assert ans.related


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        ("How much budget revenue did Long Bien district collect in the first quarter?", 2_472_000_000_000, "đồng"),
        ("How much did the district spend from the state budget in the first quarter?", 478_000_000_000, "đồng"),
        ("How many projects were completed in the first quarter?", 12, "dự án"),  # a count, not the money figure
        ("How much land compensation was approved?", 151_000_000_000, "đồng"),  # money, not the 211 options
    ],
)
def test_english_question_gets_the_vietnamese_passage(real_assistant, question, value, unit):
    ans = ask(real_assistant, question)
    assert not ans.abstained and (ans.figures[0].value, ans.figures[0].unit) == (value, unit)


def test_both_tone_mark_spellings_get_the_same_answer(real_assistant):
    a = ask(real_assistant, "Quận uỷ số hoá bao nhiêu bộ thủ tục hành chính?")
    b = ask(real_assistant, "Quận ủy số hóa bao nhiêu bộ thủ tục hành chính?")
    assert a.figures[0].value == b.figures[0].value == 324


@pytest.mark.parametrize(
    "question,evidence",
    [
        ("Thu cân đối ngân sách trên địa bàn ước thực hiện bao nhiêu?", "2.472 tỷ đồng"),
        ("chi ngan sach nha nuoc uoc thuc hien bao nhieu", "478 tỷ đồng"),
        ("Quận khởi công bao nhiêu dự án?", "Khởi công 7 dự án"),
        ("so hoa bao nhieu bo thu tuc hanh chinh", "324 bộ thủ tục hành chính"),
        ("Chủ đề công tác năm 2024 của quận là gì?", "Năm hành động vì cảnh quan"),
        ("Chỉ thị 30-CT/TU nói về vấn đề gì?", "thanh lịch, văn minh"),
        ("Mô hình Chi đoàn chung cư 3S gắn với tọa đàm nào?", "Chi đoàn chung cư 3S"),
        ("Đảng bộ quận triển khai đề án sắp xếp đơn vị hành chính giai đoạn nào?", "giai đoạn 2023-2025"),
        ("Quận tổ chức sơ kết bao nhiêu tháng thực hiện chủ đề công tác năm?", "6 tháng"),
        ("chu de nam cua thanh pho la gi", "Kỷ cương, trách nhiệm"),
        ("Ban Cơ yếu Chính phủ được nhắc đến trong việc gì?", "chữ ký số"),
        ("Kế hoạch 202-KH/QU được ban hành ngày nào?", "ngày 9-1-2024"),
    ],
)
@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_supporting_sentence_is_in_the_top_three(real_assistant, question, evidence, mode):
    from index.text import has_diacritics

    if mode == "dense" and not has_diacritics(question):
        pytest.skip("the dense model is not relied on for questions typed without diacritics")
    hits = real_assistant.search(question, k=3, mode=mode)
    assert any(evidence in h.text for h in hits)
