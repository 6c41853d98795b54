"""Outlet layouts: small pages of our own making in each outlet's form (txt and HTML), read field by field."""

from pathlib import Path

import pytest

from index.article import SEARCHABLE_KINDS, load_article
from index.chunk import chunk_document

LAYOUTS = Path(__file__).parent / "data" / "layouts"

# title, published, author, section, sapo (start), captions, headings — the same for an outlet's txt and HTML page.
EXPECTED = {
    "vnexpress": dict(
        title="Cầu vượt sông Hồng mới sẽ thông xe cuối năm",
        published="2024-02-16T10:43",
        author="Ngọc Diễm",
        section="",
        sapo="Cầu Tứ Liên dài 5,2 km",
        captions=["Phối cảnh cầu Tứ Liên nhìn từ phía Tây Hồ. Ảnh: Ban quản lý dự án"],
        headings=[],
    ),
    "vietnamnet": dict(
        title="Hà Nội thu hồi 120 ha đất để làm công viên",
        published="2024-09-17T14:52",
        author="Hồng Hạnh",
        section="",
        sapo="UBND TP Hà Nội vừa quyết định",
        captions=["Khu đất dự kiến làm công viên ở huyện Gia Lâm. Ảnh: Hồng Khanh"],
        headings=["Phương án tái định cư"],
    ),
    "tuoitre": dict(
        title="Giá cà phê xuất khẩu lập đỉnh mới",
        published="2025-12-08T09:00",
        author="THÀNH CHUNG - TIẾN LONG",
        section="",
        sapo="Giá cà phê robusta xuất khẩu",
        captions=["Nông dân Đắk Lắk thu hoạch cà phê - Ảnh: TIẾN LONG"],
        headings=["Dự báo vụ mới"],
    ),
    "hanoimoi": dict(
        title="Quận Hoàn Kiếm giải ngân 85% vốn đầu tư công",
        published="2024-04-15T07:25",
        author="Minh Anh",
        section="Kinh tế",
        sapo="Quý I-2024, quận Hoàn Kiếm",
        captions=["Lãnh đạo quận Hoàn Kiếm kiểm tra công trình trường học."],
        headings=["Các dự án trọng điểm"],
    ),
    "cms": dict(
        title="Hồ Tây xây thêm đường dạo ven hồ",
        published="2024-06-12T08:30",
        author="Minh Khang",
        section="",
        sapo="Hà Nội sẽ làm thêm 3,5 km",
        captions=None,  # the txt and HTML pages print different captions; checked below
        headings=["Khởi công trong quý III"],
    ),
}
PAGES = [(name, ext) for name in EXPECTED for ext in ("txt", "html")]


def _page(name: str, ext: str) -> Path:
    return LAYOUTS / (f"{name}.{ext}" if (name, ext) != ("cms", "html") else "cms-chrome.html")


@pytest.mark.parametrize("name,ext", PAGES, ids=[f"{n}-{e}" for n, e in PAGES])
def test_outlet_layout_is_read_field_by_field(name, ext):
    doc = load_article(_page(name, ext))
    want = EXPECTED[name]
    assert doc.title == want["title"]
    assert doc.published == want["published"]
    assert doc.author == want["author"]
    assert doc.section == want["section"]
    assert doc.lead is not None and doc.lead.text.startswith(want["sapo"])
    assert [b.text for b in doc.headings] == want["headings"]
    if want["captions"] is not None:
        assert [b.text for b in doc.blocks if b.kind == "caption"] == want["captions"]


@pytest.mark.parametrize("name,ext", PAGES, ids=[f"{n}-{e}" for n, e in PAGES])
def test_outlet_layout_metadata_lines_are_blocks_of_their_own_and_never_searched(name, ext):
    doc = load_article(_page(name, ext))
    dateline, byline = doc.meta_block("published"), doc.meta_block("author")
    assert dateline is not None and dateline.kind in ("dateline", "byline")
    assert byline is not None and byline.kind == "byline" and doc.author in byline.text
    chunks = chunk_document(doc)
    for meta in (dateline, byline):
        assert not [c for c in chunks if c.start < meta.end and meta.start < c.end]
    for b in doc.blocks:
        assert doc.text[b.start:b.end] == b.text
        assert (b.kind in SEARCHABLE_KINDS) == (b.kind in ("title", "heading", "paragraph", "caption"))


def test_generic_cms_captions_by_mark_and_by_figcaption():
    txt, html = load_article(LAYOUTS / "cms.txt"), load_article(LAYOUTS / "cms-chrome.html")
    assert [b.text for b in txt.blocks if b.kind == "caption"] == ["Một đoạn đường ven Hồ Tây hiện nay (Ảnh minh họa)"]
    assert [b.text for b in html.blocks if b.kind == "caption"] == ["Một đoạn đường ven Hồ Tây hiện nay. Ảnh: Minh Khang"]


CHROME = [
    "Trang chủ", "Thời sự", "Kinh doanh", "Tìm kiếm", "Chia sẻ", "Gửi Zalo", "Sao chép liên kết", "Từ khóa",
    "quy hoạch Hà Nội", "Tin liên quan", "hồ Gươm", "Giá đất quanh", "cấm ô tô", "Bình luận", "Lan Anh",
    "Mong làm sớm", "làn riêng cho xe đạp", "Đọc nhiều nhất", "Giá vàng", "Lịch thi", "Giấy phép", "Liên hệ quảng cáo",
]
HIDDEN = ["Vay tiêu dùng", "Khuyến mãi tháng sáu", "Đăng ký nhận bản tin", "Nội dung tài trợ", "Mua nhà trả góp"]


def test_div_page_indexes_no_chrome_and_nothing_hidden():
    doc = load_article(LAYOUTS / "cms-chrome.html")
    searched = " ".join(c.text for c in chunk_document(doc))
    leaked = [s for s in CHROME + HIDDEN if s.lower() in searched.lower()]
    assert leaked == []
    assert not [s for s in HIDDEN if s.lower() in doc.text.lower()]
    assert "Công trình dự kiến khởi công vào ngày 2/9" in searched


def test_div_page_date_and_author_come_from_visible_lines_only():
    doc = load_article(LAYOUTS / "cms-chrome.html")
    page = (LAYOUTS / "cms-chrome.html").read_text("utf-8")
    assert "<meta name" not in page and "<meta property" not in page and "ld+json" not in page
    assert (doc.published, doc.author) == ("2024-06-12T08:30", "Minh Khang")
