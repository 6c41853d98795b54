"""Article parsing (page dump, plain text, HTML) and reading files in any encoding we accept."""

import codecs
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.article import load_article, parse_html, parse_text
from index.byline import parse_byline
from index.caption import is_caption
from index.dateline import find_dateline, parse_dateline
from index.errors import ArticleError
from index.reader import decode_bytes


def test_page_dump_metadata_is_read(article_path):
    doc = load_article(article_path)
    assert doc.section == "Nghị quyết và Cuộc sống"
    assert doc.title == "Đảng bộ quận Long Biên: Quyết tâm thực hiện thắng lợi các nhiệm vụ"
    assert doc.author == "Đình Hiệp"
    assert doc.published == "2024-04-15T07:25"
    assert doc.publisher == "Báo Hànộimới"
    assert [h.text for h in doc.headings] == [
        "Thực hiện hiệu quả các chương trình công tác",
        "Đổi mới công tác xây dựng Đảng, hệ thống chính trị",
    ]


def test_page_chrome_is_dropped_from_passages(article_path):
    doc = load_article(article_path)
    passages = [b.text for b in doc.blocks if b.kind in ("paragraph", "heading", "caption")]
    for chrome in ("(0) Bình luận", "Nổi bật", "Đừng bỏ lỡ", "Không sao chép"):
        assert not any(chrome in p for p in passages)
    # the repeated title at the bottom is not a second passage
    assert sum(b.text == doc.title for b in doc.blocks) == 1


def test_image_and_caption_are_paired(article_path):
    doc = load_article(article_path)
    kinds = [b.kind for b in doc.blocks]
    i = kinds.index("image")
    assert doc.blocks[i].text == "bi-thu-quan-uy-chu-tich-hd.jpg"
    assert kinds[i + 1] == "caption" and "Đường Hoài Nam" in doc.blocks[i + 1].text


def test_every_block_slices_back(article_path):
    doc = load_article(article_path)
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text


def test_plain_article_without_chrome():
    text = "Hà Nội mở rộng đường vành đai\n\nThành phố đầu tư 1,5 tỷ đồng. Công trình xong năm 2025.\n\nNgười dân đồng tình."
    doc = parse_text(text, "plain")
    assert doc.title == "Hà Nội mở rộng đường vành đai"
    assert len(doc.paragraphs) == 2 and doc.author == ""


def test_an_article_printed_as_one_block_keeps_its_text_before_the_copyright_notice():
    body = "Lễ hội Tịch điền được tổ chức tại Hà Nam. " * 30 + "Người dân tới theo dõi."
    text = f"Lễ hội Tịch điền\n\n{body} ® VnExpress giữ bản quyền nội dung trên website này\n"
    doc = parse_text(text, "x")
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["title", "paragraph", "footer"]
    assert doc.blocks[1].text.endswith("Người dân tới theo dõi.")
    assert doc.blocks[2].text == "® VnExpress giữ bản quyền nội dung trên website này"
    assert all(doc.text[b.start : b.end] == b.text for b in doc.blocks)


def test_a_short_copyright_line_is_a_footer_and_a_long_paragraph_naming_copyright_is_not():
    from index.chrome import footer_start, is_footer

    assert is_footer("Bản quyền thuộc về Báo VietNamNet.")
    long = "Luật bản quyền được sửa đổi năm nay. " + "Quốc hội thảo luận nhiều lần về dự luật này. " * 10
    assert not is_footer(long) and footer_start(long) is None


def test_html_article_drops_scripts_and_styles():
    html = """<!doctype html><html><head><title>Tin nhanh</title><style>p{color:red}</style>
    <meta property="article:published_time" content="2024-04-15T07:25:00+07:00">
    <script>var x = "Thu ngân sách giả";</script></head>
    <body><nav>Trang chủ | Thời sự</nav><h1>Quận Long Biên đạt kết quả</h1>
    <p>Thu ngân sách đạt <b>2.472 tỷ đồng</b>.</p><h2>Chi ngân sách</h2><p>Chi đạt 478 tỷ đồng.</p>
    <script>alert(1)</script><footer>© Báo</footer></body></html>"""
    doc = parse_html(html, "h")
    assert doc.title == "Quận Long Biên đạt kết quả"
    assert [p.text for p in doc.paragraphs] == ["Thu ngân sách đạt 2.472 tỷ đồng.", "Chi đạt 478 tỷ đồng."]
    assert [h.text for h in doc.headings] == ["Chi ngân sách"]
    assert "alert" not in doc.text and "color" not in doc.text and "giả" not in doc.text
    assert doc.published.startswith("2024-04-15")


TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(s: str) -> bytes:
    """Encode as legacy Windows-1258 writes Vietnamese: precomposed letters, separate tone marks."""
    out: list[str] = []
    tones: list[str] = []
    for ch in unicodedata.normalize("NFD", s) + " ":
        if not unicodedata.combining(ch):
            out += tones
            tones = []
            out.append(ch)
        elif ch in TONES:
            tones.append(ch)
        else:
            out[-1] = unicodedata.normalize("NFC", out[-1] + ch)
    return "".join(out[:-1]).encode("cp1258")


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: windows_1258(s),
        lambda s: unicodedata.normalize("NFD", s).encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "windows-1258", "nfd-utf8"],
)
def test_every_accepted_encoding_gives_the_same_passages_and_offsets(tmp_path, article_text, encode):
    good = tmp_path / "good.txt"
    good.write_bytes(article_text.encode("utf-8"))
    other = tmp_path / "other.txt"
    other.write_bytes(encode(article_text))
    a, b = load_article(good), load_article(other)
    assert a.text == b.text
    assert [(x.kind, x.start, x.end) for x in a.blocks] == [(x.kind, x.start, x.end) for x in b.blocks]


def test_crlf_and_cr_line_ends_give_the_same_offsets(tmp_path, article_text):
    (tmp_path / "a.txt").write_text(article_text, "utf-8")
    (tmp_path / "b.txt").write_bytes(article_text.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "c.txt").write_bytes(article_text.replace("\n", "\r").encode("utf-8"))
    docs = [load_article(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert docs[0].text == docs[1].text == docs[2].text


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty"),
        (b"   \n\t  \n", "whitespace"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip"),
        (b"abc\x00\x01\x02\x03def", "binary"),
    ],
    ids=["empty", "whitespace", "pdf", "png", "zip", "nul-bytes"],
)
def test_unusable_files_are_refused_with_the_file_name_and_reason(tmp_path, data, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(ArticleError) as err:
        load_article(p)
    assert str(p) in str(err.value) and reason in str(err.value)


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="folder"):
        load_article(tmp_path)


def test_file_over_the_size_limit_is_refused(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 2000)
    with pytest.raises(ArticleError, match="limit"):
        load_article(p, max_bytes=1000)


def test_undecodable_bytes_are_refused_with_advice():
    with pytest.raises(ArticleError, match="UTF-8"):
        decode_bytes(b"Thu ng\x81\x8d\x8f\x90 abc \xff", "x.txt")


# --- date lines, bylines, captions -----------------------------------------------------------


@pytest.mark.parametrize(
    "line,iso",
    [
        ("Thứ sáu, 16/2/2024, 10:43 (GMT+7)", "2024-02-16T10:43"),
        ("Chủ nhật, 18/2/2024, 15:00 (GMT+7)", "2024-02-18T15:00"),
        ("Thứ Ba, 17/09/2024 - 14:52", "2024-09-17T14:52"),
        ("08/12/2025 09:00 GMT+7", "2025-12-08T09:00"),
        ("08/12/2025", "2025-12-08"),
        ("15/04/2024 - 07:25", "2024-04-15T07:25"),
        ("Cập nhật: 12/06/2024 08:30", "2024-06-12T08:30"),
        ("Thứ bảy, ngày 17/2/2024", "2024-02-17"),
        ("07:25 | Thứ Hai, 15/04/2024", "2024-04-15T07:25"),
        ("T2, 15-04-2024 2:30 PM", "2024-04-15T14:30"),
    ],
)
def test_date_line_forms_are_read(line, iso):
    found = parse_dateline(line)
    assert found is not None and found.iso == iso and line[found.start:found.end] == line.strip()


@pytest.mark.parametrize("line", ["Thứ sáu", "31/2/2024", "Ngày 17/2/2024, quận tổ chức hội nghị.", "Ngọc Diễm", ""])
def test_not_a_date_line(line):
    assert parse_dateline(line) is None


def test_date_line_after_an_author_on_one_line():
    line = "Đình Hiệp 15/04/2024 - 07:25"
    found = find_dateline(line)
    assert found is not None and line[found.start:found.end] == "15/04/2024 - 07:25"


@pytest.mark.parametrize(
    "line,author",
    [
        ("Ngọc Diễm", "Ngọc Diễm"),
        ("Ngọc Tài - Hoàng Nam", "Ngọc Tài - Hoàng Nam"),
        ("THÀNH CHUNG - TIẾN LONG", "THÀNH CHUNG - TIẾN LONG"),
        ("Phạm Giang (Theo National Interest, Popular Mechanics)", "Phạm Giang"),
        ("Hà Thu (theo Reuters)", "Hà Thu"),
        ("Bài và ảnh: Minh Khang", "Minh Khang"),
        ("Theo TTXVN", "TTXVN"),
    ],
)
def test_byline_forms_name_the_author(line, author):
    assert parse_byline(line) == author


@pytest.mark.parametrize(
    "line",
    [
        "Thứ sáu, 16/2/2024, 10:43 (GMT+7)",        # a weekday is never an author
        "Thứ sáu",
        "Tạo điều kiện không chính đáng cho doanh nghiệp",  # a sub-heading
        "Nhiều phụ huynh cho rằng, có quá nhiều chi phí",   # a sentence
        "Kết luận",
        "Ông Hùng nói.",
    ],
)
def test_not_a_byline(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Bất động sản khu đông dọc theo Xa lộ Hà Nội, TP Thủ Đức. Ảnh: Quỳnh Trần",
        "Bộ trưởng Bộ Tài chính Nguyễn Văn Thắng - Ảnh: GIA HÂN",
        "Dự án NovaWorld Phan Thiết của Novaland. Nguồn: NVL",
        "Bức ảnh còn sót lại của học trò Làng Nủ (Ảnh: Thạch Thảo)",
        "Một đoạn kênh được kè bờ (Ảnh minh họa)",
        "Ảnh minh họa.",
        "Hướng tuyến kênh Tham Lương. Đồ hoạ: Khánh Hoàng",
        "Nhân chứng kể lại. Video: Nguyễn Điệp - Đình Văn",
    ],
)
def test_caption_marks_are_recognised(line):
    assert is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "Theo nguồn tin, giá vàng tăng mạnh.",
        "Ông nói: Ảnh hưởng của bão rất lớn.",
        "Nguồn: theo báo cáo của bộ thì doanh thu năm nay giảm mạnh. Nguyên nhân là do nhiều yếu tố khác nhau",
    ],
)
def test_sentences_are_not_captions(line):
    assert not is_caption(line)


def test_vnexpress_dump_author_is_the_last_line_and_no_weekday_author():
    text = ("Giá thuê căn hộ tăng\n\nThứ sáu, 16/2/2024, 10:43 (GMT+7)\n\nGiá thuê tăng 3%.\n\n"
            "Người thuê tiết kiệm 30%.\n\nNgọc Diễm\n")
    doc = parse_text(text, "v")
    assert (doc.author, doc.published) == ("Ngọc Diễm", "2024-02-16T10:43")
    assert doc.block("byline").text == "Ngọc Diễm" and doc.block("dateline").text.startswith("Thứ sáu")
    assert [p.text for p in doc.paragraphs] == ["Giá thuê tăng 3%.", "Người thuê tiết kiệm 30%."]


def test_page_without_byline_has_no_author_and_no_byline_block():
    text = ("Bão số 4 sắp hình thành\n\nThứ Ba, 17/09/2024 - 19:51\n\nÁp thấp mạnh lên thành bão.\n\n"
            "Các tỉnh phát cảnh báo lũ quét.\n")
    doc = parse_text(text, "n")
    assert doc.author == "" and doc.block("byline") is None and doc.meta_block("author") is None
    assert doc.published == "2024-09-17T19:51" and doc.meta_block("published").kind == "dateline"


def test_short_unpunctuated_sapo_is_the_lead_not_a_heading():
    doc = parse_text("Tiêu đề bài\n\n08/12/2025\n\nSapo ngắn không dấu chấm\n\nThân bài thứ nhất.\n\nThân bài hai.\n", "s")
    assert doc.lead.text == "Sapo ngắn không dấu chấm" and doc.headings == []


def test_caption_is_not_a_heading_or_a_section():
    text = ("Tiêu đề\n\n08/12/2025\n\nSapo của bài.\n\nThân bài thứ nhất.\n\n"
            "Dự án NovaWorld Phan Thiết của Novaland. Nguồn: NVL\n\nThân bài thứ hai.\n")
    doc = parse_text(text, "c")
    assert [b.kind for b in doc.blocks if "NovaWorld" in b.text] == ["caption"] and doc.headings == []


# --- HTML ------------------------------------------------------------------------------------

def test_html_hidden_elements_are_never_read():
    html = """<html><head><style>.promo, div#ad2 { display: none }</style></head><body>
    <h1>Tin chính</h1><p>Đoạn một của bài viết nói về ngân sách quận năm nay.</p>
    <div class="promo"><p>Vay tiêu dùng lãi suất 0% cho khách hàng mới.</p></div>
    <div id="ad2"><p>Quảng cáo thứ hai không được hiện ra trên trang.</p></div>
    <p style="display: none">Ẩn bằng thuộc tính style trên thẻ p.</p>
    <p hidden>Ẩn bằng thuộc tính hidden trên thẻ p.</p>
    <div aria-hidden="true"><p>Ẩn khỏi trình đọc màn hình và khỏi bài.</p></div>
    <p>Đoạn hai của bài viết nói về chi ngân sách quận năm nay.</p></body></html>"""
    doc = parse_html(html, "h")
    assert "Vay tiêu dùng" not in doc.text and "Quảng cáo" not in doc.text and "Ẩn" not in doc.text
    assert len(doc.paragraphs) == 2


def test_html_metadata_from_json_ld():
    html = """<html><head><script type="application/ld+json">{"@context": "https://schema.org",
    "@type": "NewsArticle", "headline": "Tin JSON-LD", "datePublished": "2024-09-17T14:52:00+07:00",
    "author": [{"@type": "Person", "name": "Hồng Hạnh"}], "articleSection": "Thời sự",
    "publisher": {"@type": "Organization", "name": "Báo VietNamNet"}}</script></head>
    <body><h1>Tin JSON-LD</h1><p>Nội dung chính của bài báo được viết ở đây, đủ dài.</p></body></html>"""
    doc = parse_html(html, "j")
    assert (doc.published, doc.author, doc.section, doc.publisher) == (
        "2024-09-17T14:52", "Hồng Hạnh", "Thời sự", "Báo VietNamNet")


def test_html_figcaption_with_paragraph_is_a_caption_and_h2_sapo_is_the_lead():
    html = """<html><body><h1>Tiêu đề</h1>
    <h2 class="detail-sapo">Đây là sapo của bài báo, một câu dài kết thúc bằng dấu chấm như mọi sapo khác.</h2>
    <p>Đoạn một của bài viết có đủ chữ để được coi là nội dung chính.</p>
    <figure><img src="a.jpg"><figcaption><p>Người dân đi bộ trên phố - Ảnh: TLG</p></figcaption></figure>
    <p>Đoạn hai của bài viết cũng có đủ chữ để được coi là nội dung chính.</p></body></html>"""
    doc = parse_html(html, "f")
    assert [b.text for b in doc.blocks if b.kind == "caption"] == ["Người dân đi bộ trên phố - Ảnh: TLG"]
    assert doc.lead.text.startswith("Đây là sapo") and doc.headings == []


# --- other legacy encodings --------------------------------------------------------------------

@pytest.mark.parametrize(
    "data,language",
    [
        (("中华人民共和国国务院今天发布通知，要求各地加强安全生产工作。" * 5).encode("gb2312"), "Chinese"),
        (("Правительство России объявило о новых мерах поддержки экономики. " * 3).encode("cp1251"), "cp1251"),
    ],
    ids=["gb2312", "cp1251"],
)
def test_other_languages_legacy_encodings_are_refused_naming_the_file(tmp_path, data, language):
    p = tmp_path / "foreign.txt"
    p.write_bytes(data)
    with pytest.raises(ArticleError) as err:
        load_article(p)
    assert str(p) in str(err.value) and language in str(err.value) and "UTF-8" in str(err.value)


def test_short_windows_1258_text_is_still_accepted():
    text = decode_bytes(windows_1258("Thu ngân sách quý I đạt 2.472 tỷ đồng."), "x.txt")
    assert unicodedata.normalize("NFC", text) == "Thu ngân sách quý I đạt 2.472 tỷ đồng."


# --- properties: any page parses or is refused with ArticleError, and every block slices back --------

_LINES = st.sampled_from([
    "Thứ sáu, 16/2/2024, 10:43 (GMT+7)", "08/12/2025 09:00 GMT+7", "Ngọc Diễm", "THÀNH CHUNG - TIẾN LONG",
    "Theo TTXVN", "Giá thuê tăng 3%.", "Ảnh minh họa.", "Phố cổ. Ảnh: An Phương", "Tiêu đề phụ", "(0) Bình luận",
    "Bản quyền thuộc về Báo X.", "a.jpg", "", " ", "Đình Hiệp 15/04/2024 - 07:25", "T.V.L. (58 tuổi) vào viện.",
])
_TAGS = st.sampled_from([
    "<p>", "</p>", "<h1>", "</h1>", "<h2 class='sapo'>", "</h2>", "<div hidden>", "<div style='display:none'>",
    "</div>", "<figure><figcaption>", "</figcaption></figure>", "<span class='date'>", "</span>",
    "<div class='author'>", "<script>", "</script>", "<!-- c -->", "&amp;", "<br>", "<nav>", "</nav>",
])
_PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY
@given(st.lists(_LINES, max_size=14).map("\n".join))
def test_property_any_page_dump_parses_and_slices_back(text):
    try:
        doc = parse_text(text, "p")
    except ArticleError:
        return
    for b in doc.blocks:
        assert doc.text[b.start:b.end] == b.text
    assert doc.author == "" or doc.block("byline") is not None


@_PROPERTY
@given(st.lists(st.one_of(_TAGS, _LINES), max_size=30).map("".join))
def test_property_any_html_parses_and_slices_back(html):
    try:
        doc = parse_html(html, "h")
    except ArticleError:
        return
    for b in doc.blocks:
        assert doc.text[b.start:b.end] == b.text
