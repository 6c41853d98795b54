"""Sentence splitting and chunking with exact offsets."""

import pytest
from hypothesis import given, settings, strategies as st

from index.article import document_from_paragraphs, load_article
from index.chunk import chunk_document, split_sentences


def sentences(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Ông đến TP.HCM hôm qua. Sau đó về.", ["Ông đến TP.HCM hôm qua.", "Sau đó về."]),
        ("PGS.TS. Nguyễn Văn An phát biểu. Hội nghị kết thúc.", ["PGS.TS. Nguyễn Văn An phát biểu.", "Hội nghị kết thúc."]),
        ("Thu đạt 2.472 tỷ đồng. Chi đạt 478 tỷ.", ["Thu đạt 2.472 tỷ đồng.", "Chi đạt 478 tỷ."]),
        ("Kế hoạch ngày 9-1-2024. Chỉ thị 03/CT-UBND. Xong.", ["Kế hoạch ngày 9-1-2024.", "Chỉ thị 03/CT-UBND.", "Xong."]),
        ("Chủ đề “Năm hành động. Vì môi trường” được chọn. Tiếp.", ["Chủ đề “Năm hành động. Vì môi trường” được chọn.", "Tiếp."]),
        ("Có thật không? Có! Vậy thì tốt…", ["Có thật không?", "Có!", "Vậy thì tốt…"]),
        ("tuyên truyền...; tăng cường kiểm tra.", ["tuyên truyền...; tăng cường kiểm tra."]),
    ],
    ids=["tp-hcm", "pgs-ts", "thousands-dot", "dates-and-codes", "quoted-title", "question-exclaim", "ellipsis-semicolon"],
)
def test_splitter_keeps_abbreviations_numbers_codes_and_quotes_intact(text, expected):
    assert sentences(text) == expected


def test_a_quote_that_never_closes_does_not_hold_the_rest_of_the_block_together():
    text = "Bà nói “không biết. Rồi bà về nhà. Cuối cùng hết. " + "Câu tiếp theo của bài. " * 40
    got = sentences(text.strip())
    assert got[:3] == ["Bà nói “không biết.", "Rồi bà về nhà.", "Cuối cùng hết."]
    assert len(got) == 43 and max(map(len, got)) < 30


def test_a_closed_quotation_still_keeps_its_sentences_together_beside_an_unclosed_one():
    text = "Ông nói: “Tôi đi. Anh ở lại.” Sau đó ông đi. Bà nói “không biết. Rồi về."
    assert sentences(text) == ["Ông nói: “Tôi đi. Anh ở lại.”", "Sau đó ông đi.", "Bà nói “không biết.", "Rồi về."]


def test_bundled_article_chunks_slice_back_and_carry_sections(article_path):
    doc = load_article(article_path)
    chunks = chunk_document(doc)
    assert len(chunks) > 30
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert c.doc_id == doc.doc_id
    budget = next(c for c in chunks if "2.472 tỷ đồng" in c.text)
    assert budget.section == "Thực hiện hiệu quả các chương trình công tác"
    assert budget.paragraph > 0
    assert not any("Bình luận" in c.text or "Không sao chép" in c.text for c in chunks)


def test_window_groups_sentences_within_a_paragraph(article_path):
    doc = load_article(article_path)
    single = chunk_document(doc, window=1)
    pairs = chunk_document(doc, window=2, stride=1)
    assert any(c.text.count(". ") >= 1 and c.kind == "paragraph" for c in pairs)
    assert len(pairs) < len(single)
    for c in pairs:
        assert doc.text[c.start : c.end] == c.text
        block = next(b for b in doc.blocks if b.start <= c.start and c.end <= b.end)
        assert block.kind in ("paragraph", "title", "caption", "heading")


def test_window_below_one_is_refused(article_path):
    with pytest.raises(ValueError):
        chunk_document(load_article(article_path), window=0)


WORDS = st.sampled_from(["Thu", "ngân", "sách", "2.472", "tỷ", "TP.HCM", "PGS.TS.", "“Năm", "hành", "động”", "9-1-2024", "03/CT-UBND", "a.", "B.", "?", "!", "…", "Hà", "Nội."])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=25).map(" ".join), min_size=1, max_size=4))
def test_chunk_offsets_always_slice_back_to_the_chunk_text(paragraphs):
    doc = document_from_paragraphs("d", paragraphs, title="Tiêu đề")
    for window in (1, 2):
        for c in chunk_document(doc, window=window):
            assert doc.text[c.start : c.end] == c.text
            assert c.text.strip() == c.text and c.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_splitter_never_raises_and_spans_are_ordered(text):
    spans = split_sentences(text)
    last = 0
    for s in spans:
        assert last <= s.start < s.end <= len(text)
        last = s.end


@pytest.mark.parametrize(
    "text,sentences",
    [
        ("Bệnh nhân T.V.L. (58 tuổi, Sóc Sơn, Hà Nội) vào viện. Sau đó ổn định.",
         ["Bệnh nhân T.V.L. (58 tuổi, Sóc Sơn, Hà Nội) vào viện.", "Sau đó ổn định."]),
        ("Anh V.Đ.L. (45 tuổi) làm thợ xây. Anh về quê.", ["Anh V.Đ.L. (45 tuổi) làm thợ xây.", "Anh về quê."]),
        ("Gặp ông N.T.H. Ông cho biết đã về.", ["Gặp ông N.T.H.", "Ông cho biết đã về."]),
        ("TS. Nguyễn Văn A phát biểu. Q. Trần đồng ý.", ["TS. Nguyễn Văn A phát biểu.", "Q. Trần đồng ý."]),
    ],
)
def test_initials_keep_their_sentence(text, sentences):
    assert [text[s.start:s.end] for s in split_sentences(text)] == sentences
