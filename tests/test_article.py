"""Article parsing (page dump, plain text, HTML) and reading files in any encoding we accept."""

import codecs
import unicodedata

import pytest

from index.article import load_article, parse_html, parse_text
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
