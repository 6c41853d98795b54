"""Typed figures in Vietnamese text: what is a figure, its value and unit, what it measures, and what is not one."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.figures import Figure, extract_figures, figure_context

ARTICLE_PATH = Path(__file__).resolve().parents[1] / "index" / "data" / "long-bien-2024-04-15.txt"
if not ARTICLE_PATH.exists():
    ARTICLE_PATH = Path(__file__).resolve().parents[1] / "index" / "data" / "long-bien-2024-04-15.txt"


@pytest.fixture(scope="module")
def article() -> str:
    return unicodedata.normalize("NFC", ARTICLE_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def article_figures(article: str) -> list[Figure]:
    return extract_figures(article)


def _find(figures: list[Figure], text: str) -> Figure:
    matches = [f for f in figures if f.text == text]
    assert matches, f"no figure {text!r}; got {[f.text for f in figures]}"
    return matches[0]


# (sentence, exact figure text, kind, value, unit)
EXTRACTION_CASES = [
    # money
    pytest.param("Thu ngân sách ước thực hiện 2.472 tỷ đồng.", "2.472 tỷ đồng", "money", 2_472_000_000_000, "đồng",
                 id="money-thousands-dot-and-ty"),
    pytest.param("Tổng số tiền bồi thường là 151 tỷ đồng.", "151 tỷ đồng", "money", 151_000_000_000, "đồng",
                 id="money-plain-billions"),
    pytest.param("Giá trị hợp đồng 1,5 tỷ đồng.", "1,5 tỷ đồng", "money", 1_500_000_000, "đồng",
                 id="money-decimal-comma-billions"),
    pytest.param("Lợi nhuận 9.850,5 tỷ đồng.", "9.850,5 tỷ đồng", "money", 9_850_500_000_000, "đồng",
                 id="money-groups-and-decimal"),
    pytest.param("Hỗ trợ 1 tỷ 200 triệu đồng cho dự án.", "1 tỷ 200 triệu đồng", "money", 1_200_000_000, "đồng",
                 id="money-combined-scales"),
    pytest.param("Mức phạt 500 nghìn đồng.", "500 nghìn đồng", "money", 500_000, "đồng", id="money-nghin"),
    pytest.param("Mức phạt 500 ngàn đồng.", "500 ngàn đồng", "money", 500_000, "đồng", id="money-ngan"),
    pytest.param("Vốn đầu tư 3 tỉ đồng.", "3 tỉ đồng", "money", 3_000_000_000, "đồng", id="money-ti-spelling"),
    pytest.param("Tổng vốn 1,2 nghìn tỷ đồng.", "1,2 nghìn tỷ đồng", "money", 1_200_000_000_000, "đồng",
                 id="money-scale-of-scales"),
    pytest.param("Vé vào cửa 50.000đ một người.", "50.000đ", "money", 50_000, "đồng", id="money-glued-d"),
    pytest.param("Phí dịch vụ 200.000 VNĐ.", "200.000 VNĐ", "money", 200_000, "đồng", id="money-vnd-uppercase"),
    pytest.param("Phí dịch vụ 200.000 VND.", "200.000 VND", "money", 200_000, "đồng", id="money-vnd-no-diacritic"),
    pytest.param("Thu hút 3 triệu USD vốn FDI.", "3 triệu USD", "money", 3_000_000, "USD", id="money-usd"),
    pytest.param("Giá 5 đô la Mỹ một vé.", "5 đô la Mỹ", "money", 5, "USD", id="money-do-la"),
    # percent
    pytest.param("Đạt 19% so với dự toán.", "19%", "percent", 19, "%", id="percent-sign"),
    pytest.param("Đạt 19 % so với dự toán.", "19 %", "percent", 19, "%", id="percent-sign-after-space"),
    pytest.param("Tăng 15 phần trăm so với năm trước.", "15 phần trăm", "percent", 15, "%", id="percent-words"),
    pytest.param("Tỷ lệ hộ nghèo còn 1,5%.", "1,5%", "percent", 1.5, "%", id="percent-decimal-comma"),
    # area and length
    pytest.param("Thu hồi 42.092m2 đất.", "42.092m2", "area", 42092, "m²", id="area-glued-m2"),
    pytest.param("Thu hồi 42.092 m2 đất.", "42.092 m2", "area", 42092, "m²", id="area-spaced-m2"),
    pytest.param("Sàn rộng 120 m² mỗi tầng.", "120 m²", "area", 120, "m²", id="area-superscript"),
    pytest.param("Khu đô thị rộng 5 ha.", "5 ha", "area", 50_000, "m²", id="area-hectares"),
    pytest.param("Khu đô thị rộng 1,5 ha.", "1,5 ha", "area", 15_000, "m²", id="area-decimal-hectares"),
    pytest.param("Diện tích tự nhiên 3 km2.", "3 km2", "area", 3_000_000, "m²", id="area-square-km"),
    pytest.param("Diện tích tự nhiên 7,5 km².", "7,5 km²", "area", 7_500_000, "m²", id="area-square-km-superscript"),
    pytest.param("Tuyến đường dài 12 km.", "12 km", "length", 12_000, "m", id="length-km-in-metres"),
    pytest.param("Cầu dài 200 m.", "200 m", "length", 200, "m", id="length-metres"),
    # volume: "m3" is cubic metres, not metres followed by a stray digit
    pytest.param("Cần khoảng 1,8 triệu m3 cát san lấp.", "1,8 triệu m3", "volume", 1_800_000, "m³", id="volume-m3"),
    pytest.param("Đổ 500 m³ bê tông.", "500 m³", "volume", 500, "m³", id="volume-superscript"),
    pytest.param("Hồ chứa 20 mét khối nước.", "20 mét khối", "volume", 20, "m³", id="volume-words"),
    # counts
    pytest.param("Khởi công 7 dự án trong quý.", "7 dự án", "count", 7, "dự án", id="count-projects"),
    pytest.param("Số hóa 324 bộ thủ tục hành chính.", "324 bộ thủ tục hành chính", "count", 324,
                 "bộ thủ tục hành chính", id="count-classifier-keeps-whole-head"),
    pytest.param("Phê duyệt 211 phương án bồi thường.", "211 phương án", "count", 211, "phương án",
                 id="count-known-head-stops-early"),
    pytest.param("Triển khai 3 cuộc thi trực tuyến.", "3 cuộc thi", "count", 3, "cuộc thi", id="count-contests"),
    pytest.param("Thực hiện 49 mô hình đã đăng ký.", "49 mô hình", "count", 49, "mô hình",
                 id="count-stops-at-function-word"),
    pytest.param("Có 10 đồng chí tham dự.", "10 đồng chí", "count", 10, "đồng chí", id="count-dong-chi-is-not-money"),
    pytest.param("UBND 14 phường tập trung thực hiện.", "14 phường", "count", 14, "phường", id="count-wards"),
    pytest.param("Hơn 3 triệu người tham gia.", "3 triệu người", "count", 3_000_000, "người", id="count-with-scale"),
    pytest.param("Có 12 học sinh giỏi.", "12 học sinh", "count", 12, "học sinh", id="count-two-syllable-noun"),
    pytest.param("Nhà máy có công suất 450 MW.", "450 MW", "count", 450, "MW", id="count-capitalised-unit-of-measure"),
    pytest.param("Nhà máy có công suất 50 MWp.", "50 MWp", "count", 50, "MWp", id="count-peak-megawatts"),
    # fractions
    pytest.param("Chỉ đạo 14/14 phường ban hành kế hoạch.", "14/14 phường", "fraction", 14, "phường",
                 id="fraction-of-wards"),
    pytest.param("Có 2/3 số hộ tham gia.", "2/3 số hộ", "fraction", 2, "số hộ", id="fraction-two-thirds"),
    # ordinals
    pytest.param("Hội nghị lần thứ 18 Ban Chấp hành.", "lần thứ 18", "ordinal", 18, "lần", id="ordinal-digits"),
    pytest.param("Cuộc thi lần thứ tư năm 2024.", "lần thứ tư", "ordinal", 4, "lần", id="ordinal-tu-before-year"),
    pytest.param("Đại hội Đảng bộ quận lần thứ V.", "lần thứ V", "ordinal", 5, "lần", id="ordinal-roman"),
    pytest.param("Đại hội lần thứ XIII của Đảng.", "lần thứ XIII", "ordinal", 13, "lần",
                 id="ordinal-roman-thirteen"),
    pytest.param("Quốc hội khóa XV họp.", "khóa XV", "ordinal", 15, "khóa", id="ordinal-khoa-roman"),
    pytest.param("Tại kỳ họp thứ 7.", "kỳ họp thứ 7", "ordinal", 7, "kỳ họp", id="ordinal-ky-hop"),
    pytest.param("Đây là lần thứ hai tổ chức.", "lần thứ hai", "ordinal", 2, "lần", id="ordinal-word-after-lan"),
    pytest.param("Giải lần thứ hai mươi.", "lần thứ hai mươi", "ordinal", 20, "lần", id="ordinal-compound-words"),
    pytest.param("Đây là lần thứ nhất.", "lần thứ nhất", "ordinal", 1, "lần", id="ordinal-nhat"),
    pytest.param("Picasso sống ở thế kỷ 20.", "thế kỷ 20", "ordinal", 20, "thế kỷ", id="century-digits"),
    pytest.param("Vào thế kỷ XIX, Paris lớn mạnh.", "thế kỷ XIX", "ordinal", 19, "thế kỷ", id="century-roman"),
    pytest.param("Canada đứng thứ 11 thế giới.", "đứng thứ 11", "ordinal", 11, "hạng", id="rank"),
    pytest.param("Sau 2 thế kỷ thành phố đổi tên.", "2 thế kỷ", "duration", 2, "thế kỷ", id="centuries-are-a-duration"),
    # dates
    pytest.param("Kế hoạch ban hành ngày 9-1-2024.", "ngày 9-1-2024", "date", "2024-01-09", "date",
                 id="date-day-first-dashes"),
    pytest.param("Đăng lúc 15/04/2024 - 07:25.", "15/04/2024", "date", "2024-04-15", "date",
                 id="date-slashes-zero-padded"),
    pytest.param("Ký ngày 20/3/2024 tại Hà Nội.", "ngày 20/3/2024", "date", "2024-03-20", "date", id="date-slashes"),
    pytest.param("Họp ngày 15 tháng 4 năm 2024.", "ngày 15 tháng 4 năm 2024", "date", "2024-04-15", "date",
                 id="date-in-words"),
    pytest.param("Báo cáo tháng 4/2024 của quận.", "tháng 4/2024", "date", "2024-04", "date", id="month-slash-year"),
    pytest.param("Báo cáo tháng 4-2024 của quận.", "tháng 4-2024", "date", "2024-04", "date", id="month-dash-year"),
    pytest.param("Khai mạc ngày 20/3.", "ngày 20/3", "date", "--03-20", "date", id="day-month-after-ngay"),
    pytest.param("Năm 2024 có ngày 29-2-2024.", "ngày 29-2-2024", "date", "2024-02-29", "date", id="date-leap-day"),
    # quarters
    pytest.param("Ngay từ quý I-2024, quận triển khai.", "quý I-2024", "quarter", "2024-Q1", "quarter",
                 id="quarter-roman-with-year"),
    pytest.param("Quý II-2024, quận tiếp tục.", "Quý II-2024", "quarter", "2024-Q2", "quarter",
                 id="quarter-capitalised"),
    pytest.param("Trong quý I, quận đạt kết quả.", "quý I", "quarter", "Q1", "quarter", id="quarter-without-year"),
    pytest.param("Trong quý 1 năm nay.", "quý 1", "quarter", "Q1", "quarter", id="quarter-digit"),
    pytest.param("Kết quả quý IV năm 2023.", "quý IV năm 2023", "quarter", "2023-Q4", "quarter",
                 id="quarter-with-nam-year"),
    pytest.param("Doanh thu Q3/2023 tăng.", "Q3/2023", "quarter", "2023-Q3", "quarter", id="quarter-q-notation"),
    # years
    pytest.param("Kế hoạch công tác năm 2024 của quận.", "năm 2024", "year", 2024, "year", id="year-after-nam"),
    pytest.param("Từ 2019 đến nay.", "2019", "year", 2019, "year", id="bare-year"),
    pytest.param("Có 2024 người.", "2024", "year", 2024, "year", id="bare-year-is-never-a-count"),
    # bare numbers: large or grouped ones with no noun; small ones are labels
    pytest.param("Dân số của tỉnh là 268.767.", "268.767", "number", 268767, "", id="grouped-number-without-noun"),
    pytest.param("Chỉ số phát triển đạt 0,929.", "0,929", "number", 0.929, "", id="decimal-number-without-noun"),
    pytest.param("Nhà vua không về được cho tới tận 1594.", "1594", "year", 1594, "year", id="bare-older-year"),
    pytest.param("Hiến pháp 1791 chia tỉnh làm hai.", "1791", "year", 1791, "year", id="bare-older-year-before-a-verb"),
    pytest.param("Có 1500 người tham gia.", "1500 người", "count", 1500, "người", id="older-year-range-before-a-noun-is-a-count"),
    # counts written in words
    pytest.param("Quân đội có bốn máy bay trực thăng.", "bốn máy bay", "count", 4, "máy bay", id="count-in-words"),
    pytest.param("Có hai mươi lăm trường đạt chuẩn.", "hai mươi lăm trường", "count", 25, "trường",
                 id="count-in-compound-words"),
    pytest.param("Hội có hai nghìn người.", "hai nghìn người", "count", 2000, "người", id="count-in-words-with-scale"),
    pytest.param("Bốn trường mạnh về thiết kế.", "Bốn trường", "count", 4, "trường", id="count-in-words-capitalised"),
    pytest.param("Công trình kéo dài hai năm.", "hai năm", "duration", 2, "năm", id="duration-in-words-not-25"),
    pytest.param("Quận khởi công năm dự án.", "năm dự án", "count", 5, "dự án", id="nam-as-five-before-a-known-noun"),
    # periods
    pytest.param("Mục tiêu giai đoạn 2020-2025.", "giai đoạn 2020-2025", "period", "2020-2025", "period",
                 id="period-giai-doan"),
    pytest.param("Đại hội nhiệm kỳ 2025-2030.", "nhiệm kỳ 2025-2030", "period", "2025-2030", "period",
                 id="period-nhiem-ky"),
    pytest.param("Đề án 2023-2025 của quận.", "2023-2025", "period", "2023-2025", "period", id="period-bare"),
    # durations
    pytest.param("Sơ kết 6 tháng đầu năm.", "6 tháng", "duration", 6, "tháng", id="duration-months"),
    pytest.param("Kỷ niệm 70 năm Ngày Giải phóng Thủ đô.", "70 năm", "duration", 70, "năm", id="duration-years"),
    pytest.param("Hoàn thành trong 10 ngày.", "10 ngày", "duration", 10, "ngày", id="duration-days"),
    pytest.param("Trực 24 giờ mỗi ngày.", "24 giờ", "duration", 24, "giờ", id="duration-hours"),
    pytest.param("Tập huấn 2 tuần.", "2 tuần", "duration", 2, "tuần", id="duration-weeks"),
    # documents
    pytest.param("Kế hoạch số 202-KH/QU về công tác.", "202-KH/QU", "document", "202-KH/QU", "document",
                 id="document-plan-code"),
    pytest.param("Chỉ thị số 24-CT/TU của Thành ủy.", "24-CT/TU", "document", "24-CT/TU", "document",
                 id="document-directive"),
    pytest.param("Chỉ thị số 03/CT-UBND của UBND.", "03/CT-UBND", "document", "03/CT-UBND", "document",
                 id="document-slash-first"),
    pytest.param("Chương trình số 01-CTr/QU, kế hoạch.", "01-CTr/QU", "document", "01-CTr/QU", "document",
                 id="document-mixed-case-segment"),
    pytest.param("Nghị quyết số 04-NQ/QU của Quận ủy.", "04-NQ/QU", "document", "04-NQ/QU", "document",
                 id="document-resolution"),
    pytest.param("Thông tri số 05-TT/QU về củng cố.", "05-TT/QU", "document", "05-TT/QU", "document",
                 id="document-notice"),
    pytest.param("Theo Nghị định 15/2023/NĐ-CP.", "15/2023/NĐ-CP", "document", "15/2023/NĐ-CP", "document",
                 id="document-with-year-inside"),
    pytest.param("Quyết định 1234/QĐ-TTg của Thủ tướng.", "1234/QĐ-TTg", "document", "1234/QĐ-TTg", "document",
                 id="document-decision"),
]


@pytest.mark.parametrize(("sentence", "text", "kind", "value", "unit"), EXTRACTION_CASES)
def test_extracts_figure(sentence: str, text: str, kind: str, value: object, unit: str) -> None:
    figure = _find(extract_figures(sentence), text)
    assert (figure.kind, figure.value, figure.unit) == (kind, value, unit)
    assert type(figure.value) is type(value)


# (sentence, a substring in which no figure may start or end)
NEGATIVE_CASES = [
    pytest.param("Liên hệ 0912 345 678 để được hỗ trợ.", "0912 345 678", id="mobile-phone-number"),
    pytest.param("Điện thoại 024.3825.3539 (giờ hành chính).", "024.3825.3539", id="landline-with-dots"),
    pytest.param("Gọi (024) 3825 3539 để đặt lịch.", "(024) 3825 3539", id="landline-with-area-code"),
    pytest.param("Hotline 0912345678 hoạt động.", "0912345678", id="phone-without-separators"),
    pytest.param("Mô hình “Chi đoàn chung cư 3S” được nhân rộng.", "3S", id="digit-glued-to-letters"),
    pytest.param("Mạng 4G phủ 100 thôn.", "4G", id="network-generation"),
    pytest.param("Xem https://hanoimoi.vn/bai-viet-2024-123 để biết.", "https://hanoimoi.vn/bai-viet-2024-123",
                 id="url"),
    pytest.param("Góp ý gửi hopthu2024@hanoimoi.vn nhé.", "hopthu2024@hanoimoi.vn", id="email"),
    pytest.param("Truy cập dichvucong2024.hanoi.gov.vn ngay.", "dichvucong2024.hanoi.gov.vn", id="bare-domain"),
    pytest.param("Ngày 32-13-2024 không tồn tại.", "32-13-2024", id="invalid-date"),
    pytest.param("Ngày 30-2-2024 không tồn tại.", "30-2-2024", id="invalid-february-date"),
    pytest.param("Bắt đầu lúc 07:25 sáng.", "07:25", id="clock-time"),
    pytest.param("Xem mục 1.2.3 của quy chế.", "1.2.3", id="section-number"),
    pytest.param("Kế hoạch số 202-KH/QU ngày 9-1-2024.", "202-KH/QU", id="digits-inside-document-code"),
    pytest.param("Chỉ thị số 03/CT-UBND.", "03/CT-UBND", id="digits-inside-slash-first-code"),
    pytest.param("Hôm nay là thứ hai tuần sau.", "thứ hai", id="weekday-is-not-ordinal"),
    pytest.param("(0) Bình luận", "(0)", id="comment-counter"),
    pytest.param("Đây là một trong những thành phố lớn.", "một trong những", id="mot-as-an-article"),
    pytest.param("Trụ sở đặt tại Quận 7.", "7", id="small-bare-number-is-a-label"),
    pytest.param("Năm nay quận đầu tư mạnh.", "Năm nay", id="nam-as-year-word"),
    pytest.param("Quận Hai Bà Trưng giáp sông.", "Hai Bà Trưng", id="number-word-in-a-place-name"),
    pytest.param("Có vài ba người đến.", "ba người", id="vague-number-words"),
    pytest.param("Hôm thứ ba tuần trước.", "ba tuần", id="weekday-before-a-noun"),
]


@pytest.mark.parametrize(("sentence", "protected"), NEGATIVE_CASES)
def test_no_figure_inside(sentence: str, protected: str) -> None:
    lo = sentence.index(protected)
    hi = lo + len(protected)
    for figure in extract_figures(sentence):
        if figure.kind == "document" and figure.text == protected:
            continue  # a code is itself a figure; nothing else may live inside it
        assert figure.end <= lo or figure.start >= hi, f"{figure.text!r} lies inside {protected!r}"


def test_fraction_of_wards_is_not_a_date() -> None:
    (figure,) = extract_figures("chỉ đạo 14/14 phường ban hành các kế hoạch")
    assert figure.kind == "fraction"
    assert (figure.value, figure.total, figure.unit) == (14, 14, "phường")
    assert figure.to_dict()["display"] == "14/14 phường"


def test_full_date_with_slashes_is_a_date_not_a_fraction() -> None:
    (figure,) = extract_figures("Cập nhật 15/04/2024 lúc sáng")
    assert (figure.kind, figure.value) == ("date", "2024-04-15")


def test_bare_day_month_without_noun_is_not_a_figure() -> None:
    assert extract_figures("Tỷ số 20/3 chung cuộc.") == []


@pytest.mark.parametrize("text,dates", [
    ("Thái Lan thắng Timor Leste hôm qua 8/12, như hiệu lệnh mở màn.", ["--12-08"]),
    ("Giải diễn ra từ cuối tháng 10 đến 6/12, trải qua bốn vòng.", ["--12-06"]),
    ("Triển lãm mở cửa từ 1/10 đến 6/12 tại Hà Nội.", ["--10-01", "--12-06"]),
    ("Hồ sơ nộp trước 15/5.", ["--05-15"]),
])
def test_a_day_and_month_after_a_word_of_time_with_no_noun_after_it_is_a_date(text, dates) -> None:
    assert [f.value for f in extract_figures(text) if f.kind == "date"] == dates


@pytest.mark.parametrize("text", ["Hỗ trợ đến 3/4 số hộ nghèo.", "Đội nhà dẫn trước 2-1.", "Tỷ lệ giảm từ 1/3 xuống 1/4."])
def test_a_share_or_a_score_after_a_word_of_time_is_no_date(text) -> None:
    assert not [f for f in extract_figures(text) if f.kind == "date"]


def test_document_takes_date_that_follows_it() -> None:
    figures = extract_figures("Kế hoạch số 202-KH/QU ngày 9-1-2024 về việc thực hiện")
    document = _find(figures, "202-KH/QU")
    assert document.kind == "document"
    assert document.date == "2024-01-09"
    assert document.measures == "Kế hoạch"
    date = _find(figures, "ngày 9-1-2024")
    assert date.measures == "Kế hoạch số 202-KH/QU"


def test_document_without_date_has_none() -> None:
    document = _find(extract_figures("Nghị quyết số 04-NQ/QU của Quận ủy"), "04-NQ/QU")
    assert document.date is None


def test_two_counts_joined_by_va_are_both_found_and_share_the_verb() -> None:
    figures = extract_figures("Quận ủy triển khai thực hiện 26 chỉ tiêu và 65 nhiệm vụ cụ thể.")
    assert [(f.text, f.value, f.unit) for f in figures] == [
        ("26 chỉ tiêu", 26, "chỉ tiêu"), ("65 nhiệm vụ", 65, "nhiệm vụ")]
    assert figures[0].measures == figures[1].measures == "Quận ủy triển khai thực hiện"


def test_two_counts_joined_by_comma_are_both_found() -> None:
    figures = extract_figures("tập trung thực hiện 125 chỉ tiêu, 360 nhiệm vụ và giải pháp")
    assert [(f.value, f.unit) for f in figures] == [(125, "chỉ tiêu"), (360, "nhiệm vụ")]


@pytest.mark.parametrize(
    ("sentence", "text", "measures"),
    [
        pytest.param("Trong quý I, quận đạt kết quả như: Thu cân đối ngân sách trên địa bàn ước thực hiện "
                     "2.472 tỷ đồng, đạt 19% so với dự toán giao đầu năm.", "2.472 tỷ đồng",
                     "Thu cân đối ngân sách trên địa bàn", id="money-subject-trimmed-of-verbs"),
        pytest.param("Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng, đạt 21% dự toán chi đầu năm.",
                     "478 tỷ đồng", "Chi ngân sách nhà nước", id="money-subject-at-sentence-start"),
        pytest.param("Thu ngân sách đạt 2.472 tỷ đồng, đạt 19% so với dự toán giao đầu năm.", "19%",
                     "so với dự toán giao đầu năm", id="percent-so-voi-follows"),
        pytest.param("Chi ngân sách ước thực hiện 478 tỷ đồng, đạt 21% dự toán chi đầu năm.", "21%",
                     "dự toán chi đầu năm", id="percent-du-toan-follows"),
        pytest.param("Thu ngân sách ước thực hiện 2.472 tỷ đồng, đạt 19%.", "19%",
                     "Thu ngân sách", id="percent-without-comparison-takes-linked-subject"),
        pytest.param("Doanh thu du lịch tăng 25%.", "25%", "Doanh thu du lịch", id="percent-subject-before-tang"),
        pytest.param("Khởi công 7 dự án, hoàn thành 12 dự án, phê duyệt 9 dự án.", "12 dự án", "hoàn thành",
                     id="count-takes-its-verb"),
        pytest.param("Khởi công 7 dự án, hoàn thành 12 dự án.", "7 dự án", "Khởi công", id="count-first-verb"),
        pytest.param("phê duyệt đối với 211 phương án với tổng diện tích thu hồi 42.092m2 đất", "42.092m2",
                     "tổng diện tích thu hồi", id="area-after-previous-figure"),
        pytest.param("thu hồi 42.092m2 đất, tổng số tiền bồi thường, hỗ trợ là 151 tỷ đồng.", "151 tỷ đồng",
                     "tổng số tiền bồi thường, hỗ trợ", id="money-short-subject-extends-over-list-comma"),
        pytest.param("Bí thư phát biểu tại Hội nghị lần thứ 18 Ban Chấp hành.", "lần thứ 18", "Hội nghị",
                     id="ordinal-names-its-event"),
        pytest.param("Kế hoạch số 202-KH/QU ngày 9-1-2024", "202-KH/QU", "Kế hoạch", id="document-type"),
    ],
)
def test_measures(sentence: str, text: str, measures: str) -> None:
    figure = _find(extract_figures(sentence), text)
    assert figure.measures == measures
    assert figure.measures in sentence


def test_figure_context_is_the_clause_around_the_figure() -> None:
    text = "Quý I có nhiều kết quả. Thu ngân sách đạt 2.472 tỷ đồng, đạt 19% dự toán; chi 478 tỷ đồng."
    figure = _find(extract_figures(text), "19%")
    assert figure_context(text, figure) == "Thu ngân sách đạt 2.472 tỷ đồng, đạt 19% dự toán"
    assert figure_context(text, figure, narrow=True) == "đạt 19% dự toán"


def test_figure_context_honours_base_offset() -> None:
    text = "Chi 478 tỷ đồng. Thu 2.472 tỷ đồng."
    figure = _find(extract_figures(text, base=100), "2.472 tỷ đồng")
    assert figure.start == 100 + text.index("2.472")
    assert figure_context(text, figure, base=100) == "Thu 2.472 tỷ đồng"


def test_base_shifts_offsets() -> None:
    text = "Khởi công 7 dự án."
    (figure,) = extract_figures(text, base=1000)
    assert (figure.start, figure.end) == (1000 + 10, 1000 + 17)
    assert text[figure.start - 1000:figure.end - 1000] == figure.text


def test_nfd_input_gives_same_figures_with_offsets_into_the_nfd_string(article: str) -> None:
    nfd = unicodedata.normalize("NFD", article)
    nfc_figures = extract_figures(article)
    nfd_figures = extract_figures(nfd)
    assert [(f.kind, f.value, f.unit) for f in nfd_figures] == [(f.kind, f.value, f.unit) for f in nfc_figures]
    for figure in nfd_figures:
        assert nfd[figure.start:figure.end] == figure.text
        assert figure.measures in nfd
        assert unicodedata.normalize("NFC", figure.text) in article


def test_figures_are_sorted_and_do_not_overlap(article_figures: list[Figure]) -> None:
    for before, after in zip(article_figures, article_figures[1:]):
        assert before.end <= after.start


def test_to_dict_is_json_ready_with_display() -> None:
    (figure,) = extract_figures("Thu ngân sách ước thực hiện 2.472 tỷ đồng.")
    data = json.loads(json.dumps(figure.to_dict(), ensure_ascii=False))
    assert data["display"] == "2 472 000 000 000 đồng"
    assert data["value"] == 2_472_000_000_000
    assert {"text", "start", "end", "value", "unit", "kind", "measures", "total", "date", "display"} <= data.keys()


@pytest.mark.parametrize(
    ("sentence", "display"),
    [
        pytest.param("Thu hồi 42.092m2 đất.", "42 092 m²", id="area"),
        pytest.param("Đạt 19% dự toán.", "19%", id="percent"),
        pytest.param("Ký ngày 9-1-2024.", "9/1/2024", id="date"),
        pytest.param("Ngay từ quý I-2024.", "quý I/2024", id="quarter"),
        pytest.param("Giá 1,5 tỷ đồng.", "1 500 000 000 đồng", id="money"),
    ],
)
def test_display_writes_value_the_vietnamese_way(sentence: str, display: str) -> None:
    (figure,) = extract_figures(sentence)
    assert figure.to_dict()["display"] == display


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n\n ", id="whitespace"),
        pytest.param("Không có con số nào ở đây.", id="no-digits"),
        pytest.param("9" * 500, id="huge-digit-run"),
        pytest.param("1" * 400 + ",5 tỷ đồng", id="overflowing-float"),
        pytest.param("\x00 2.472 tỷ đồng \x00", id="nul-bytes"),
        pytest.param("e\u0301\u0301\u0301 5 dự án", id="stacked-combining-marks"),
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    for figure in extract_figures(text):
        assert text[figure.start:figure.end] == figure.text


# ---------------------------------------------------------------------------------------------------------------
# The sample article.

def test_article_budget_revenue(article_figures: list[Figure]) -> None:
    figure = _find(article_figures, "2.472 tỷ đồng")
    assert (figure.kind, figure.value, figure.unit) == ("money", 2_472_000_000_000, "đồng")
    assert "Thu cân đối ngân sách" in figure.measures


def test_article_growth_percent_measures_same_period_last_year(article_figures: list[Figure]) -> None:
    figure = _find(article_figures, "125%")
    assert (figure.kind, figure.value) == ("percent", 125)
    assert "cùng kỳ" in figure.measures


def test_article_wards_fraction(article_figures: list[Figure]) -> None:
    figure = _find(article_figures, "14/14 phường")
    assert (figure.kind, figure.value, figure.total, figure.unit) == ("fraction", 14, 14, "phường")


def test_article_plan_code_with_date(article_figures: list[Figure]) -> None:
    figure = _find(article_figures, "202-KH/QU")
    assert (figure.kind, figure.value, figure.date) == ("document", "202-KH/QU", "2024-01-09")


def test_article_area_in_square_metres(article_figures: list[Figure]) -> None:
    figure = _find(article_figures, "42.092m2")
    assert (figure.kind, figure.value, figure.unit) == ("area", 42092, "m²")


def test_article_roman_congress_number(article_figures: list[Figure]) -> None:
    figure = _find(article_figures, "lần thứ V")
    assert (figure.kind, figure.value) == ("ordinal", 5)


def test_article_no_figure_inside_any_document_code(article: str, article_figures: list[Figure]) -> None:
    codes = ["202-KH/QU", "24-CT/TU", "03/CT-UBND", "01-CTr/QU", "04-NQ/QU", "05-TT/QU", "30-CT/TU"]
    documents = {f.text for f in article_figures if f.kind == "document"}
    assert documents == set(codes)
    for code in codes:
        start = 0
        while (lo := article.find(code, start)) != -1:
            hi = lo + len(code)
            inside = [f for f in article_figures if f.start < hi and f.end > lo and f.kind != "document"]
            assert not inside, f"{inside} inside {code}"
            start = hi


def test_article_key_figures_have_expected_kinds(article_figures: list[Figure]) -> None:
    expected = {
        "478 tỷ đồng": ("money", 478_000_000_000),
        "151 tỷ đồng": ("money", 151_000_000_000),
        "19%": ("percent", 19),
        "21%": ("percent", 21),
        "7 dự án": ("count", 7),
        "324 bộ thủ tục hành chính": ("count", 324),
        "lần thứ 18": ("ordinal", 18),
        "lần thứ tư": ("ordinal", 4),
        "quý I-2024": ("quarter", "2024-Q1"),
        "giai đoạn 2020-2025": ("period", "2020-2025"),
        "70 năm": ("duration", 70),
        "15/04/2024": ("date", "2024-04-15"),
    }
    for text, (kind, value) in expected.items():
        figure = _find(article_figures, text)
        assert (figure.kind, figure.value) == (kind, value), text


def test_article_chi_doan_3s_is_not_a_count(article: str, article_figures: list[Figure]) -> None:
    lo = article.index("3S")
    assert not [f for f in article_figures if f.start <= lo < f.end]


def test_article_bare_years_are_never_amounts(article_figures: list[Figure]) -> None:
    for figure in article_figures:
        if figure.kind in ("money", "count", "percent", "area", "length"):
            assert not (isinstance(figure.value, int) and 1900 <= figure.value <= 2100 and "." not in figure.text)


# ---------------------------------------------------------------------------------------------------------------
# Properties.

_PIECES = st.sampled_from(
    list("0123456789 .,/-%:;()“”\n") + [
        "ngày ", "tháng ", "năm ", "quý ", "lần thứ ", "tỷ ", "triệu ", "nghìn ", "đồng", "m2", "ha", "km",
        "phường", "dự án", "I", "V", "X", "Q", "KH/QU", "CT-", "số ", "và ", "đạt ", "so với ", "e\u0301", "ư",
        "Đ", "ộ", "@", ".vn", "http://", "giai đoạn ", "khóa ", "tư ", "phần trăm", "USD",
        "hai ", "mươi ", "lăm ", "một ", "trăm ", "Bốn ", "người", "máy bay", "thứ ",
        "rưỡi ", "cùng năm", " năm sau", "–", " đến ", "quả", "mm", "sáng ", "đầu tư ",
    ]
)
_PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY_SETTINGS
@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(min_value=0, max_value=1000))
def test_property_offsets_slice_back_to_text(text: str, base: int) -> None:
    figures = extract_figures(text, base=base, published="2024-02-17T12:00", context=" " * base + text)
    for figure in figures:
        assert text[figure.start - base:figure.end - base] == figure.text
        assert figure.measures in text
        assert figure.kind in ("money", "percent", "area", "length", "count", "number", "fraction", "ordinal",
                               "date", "quarter", "year", "period", "duration", "document")
        json.dumps(figure.to_dict())
        figure_context(text, figure, base=base)
    for before, after in zip(figures, figures[1:]):
        assert before.end <= after.start


@_PROPERTY_SETTINGS
@given(st.text(max_size=80))
def test_property_never_raises_on_any_text(text: str) -> None:
    for figure in extract_figures(text):
        assert text[figure.start:figure.end] == figure.text


@_PROPERTY_SETTINGS
@given(st.integers(min_value=1, max_value=999_999))
def test_property_money_value_matches_the_written_amount(n: int) -> None:
    written = f"{n:,}".replace(",", ".")
    (figure,) = extract_figures(f"Tổng vốn {written} tỷ đồng.")
    assert figure.value == n * 10**9


# ---------------------------------------------------------------------------------------------------------------
# Ranges and amounts of a total: two figures sharing the unit and scale written after the second number.

RANGE_CASES = [
    # sentence, (low text, low value), (high text, high value), unit, kind
    ("làm đường rộng 7-12 m mỗi bên", ("7", 7), ("12 m", 12), "m", "length"),
    ("khoảng 60-80 quả trên một ha", ("60", 60), ("80 quả", 80), "quả", "count"),
    ("giảm được 20-25% chi phí", ("20", 20), ("25%", 25), "%", "percent"),
    ("450.000-550.000 ha đất lúa", ("450.000", 4_500_000_000), ("550.000 ha", 5_500_000_000), "m²", "area"),
    ("giá vé 15.000-120.000 đồng", ("15.000", 15_000), ("120.000 đồng", 120_000), "đồng", "money"),
    ("giá từ 420.000-3,3 triệu đồng", ("420.000", 420_000), ("3,3 triệu đồng", 3_300_000), "đồng", "money"),
    ("lợi nhuận 40-50 triệu đồng mỗi năm", ("40", 40_000_000), ("50 triệu đồng", 50_000_000), "đồng", "money"),
    ("lượng mưa 100-300mm", ("100", 0.1), ("300mm", 0.3), "m", "length"),
    ("sóng cao từ 3 – 5 m", ("3", 3), ("5 m", 5), "m", "length"),
    ("từ 2 đến 3 km", ("2", 2000), ("3 km", 3000), "m", "length"),
    ("thuê 1.551-7.550 USD một căn", ("1.551", 1551), ("7.550 USD", 7550), "USD", "money"),
    ("trong 24-48 giờ tới", ("24", 24), ("48 giờ", 48), "giờ", "duration"),
]


@pytest.mark.parametrize(("sentence", "low", "high", "unit", "kind"), RANGE_CASES)
def test_range_is_two_figures_sharing_unit_and_scale(sentence, low, high, unit, kind) -> None:
    figures = extract_figures(sentence)
    assert [(f.text, f.value, f.unit, f.kind, f.part) for f in figures] == [
        (low[0], low[1], unit, kind, "from"), (high[0], high[1], unit, kind, "to")]


def test_amount_of_a_total_is_two_amounts() -> None:
    part, whole = extract_figures("Quận đã giải ngân 2.477/10.825 tỷ đồng vốn đầu tư công.")
    assert (part.text, part.value, part.part) == ("2.477", 2_477_000_000_000, "part")
    assert (whole.text, whole.value, whole.part) == ("10.825 tỷ đồng", 10_825_000_000_000, "whole")
    assert part.measures == whole.measures != ""


def test_range_ends_share_what_they_measure() -> None:
    low, high = extract_figures("Đường dọc kênh rộng 7-12 m mỗi bên.")
    assert low.measures == high.measures and "Đường" in low.measures


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("cường độ cấp 8-9, giật cấp 10-11", "count"),    # levels, no unit
        ("tập trung trong tháng 3-4 năm nay", "count"),    # months
        ("Đợt 5-7 xe chạy", "count"),                     # a label after "đợt"
    ],
)
def test_pairs_without_a_unit_or_after_a_label_are_not_ranges(sentence, absent) -> None:
    assert not [f for f in extract_figures(sentence) if f.part]


def test_falling_pair_is_not_a_range() -> None:
    assert not [f for f in extract_figures("mã 12-7 m") if f.part]


def test_grouped_fraction_of_projects_is_a_fraction() -> None:
    (f,) = extract_figures("đã xử lý 1.759/2.161 dự án")
    assert (f.kind, f.value, f.total, f.unit) == ("fraction", 1759, 2161, "dự án")


# ---------------------------------------------------------------------------------------------------------------
# Dates printed without a year.

NO_YEAR_CASES = [
    # sentence, published, figure text, ISO value
    ("Sáng 17/2, ông Mãi kiểm tra công trường.", "2024-02-17T13:08", "17/2", "2024-02-17"),
    ("đến ngày 21/9 có mưa lớn", "2024-09-17T19:51", "ngày 21/9", "2024-09-21"),
    ("Sáng 8-12, Bộ trưởng trình Quốc hội.", "2025-12-08", "8-12", "2025-12-08"),
    ("dự án hoàn thành dịp 30/4 năm sau", "2024-02-17", "30/4 năm sau", "2025-04-30"),
    ("ngày 5/3 năm ngoái", "2024-02-17", "ngày 5/3 năm ngoái", "2023-03-05"),
    ("ngày 5/3 năm nay", "2024-02-17", "ngày 5/3 năm nay", "2024-03-05"),
    ("ngày 18/3 năm 1979", "2024-02-17", "ngày 18/3 năm 1979", "1979-03-18"),
    # nearest year to the publication: a late-December day in a January article is last December
    ("tối 28/12 xảy ra vụ cháy", "2024-01-05", "28/12", "2023-12-28"),
    ("ngày 15 tháng 4 công bố", "2024-04-20", "ngày 15 tháng 4", "2024-04-15"),
]


@pytest.mark.parametrize(("sentence", "published", "text", "iso"), NO_YEAR_CASES)
def test_date_without_year_takes_the_year_the_article_means(sentence, published, text, iso) -> None:
    dates = [f for f in extract_figures(sentence, published=published) if f.kind == "date"]
    assert [(f.text, f.value) for f in dates] == [(text, iso)]


def test_cung_nam_takes_the_year_named_earlier_in_the_paragraph() -> None:
    doc = "Rạng sáng 17/2/1979, quân Trung Quốc tấn công. Trung Quốc tuyên bố rút quân vào ngày 18/3 cùng năm."
    start = doc.index("Trung Quốc tuyên")
    sentence = doc[start:]
    (f,) = [f for f in extract_figures(sentence, base=start, published="2024-02-17", context=doc) if f.kind == "date"]
    assert (f.text, f.value) == ("ngày 18/3 cùng năm", "1979-03-18")
    assert doc[f.start:f.end] == f.text


def test_cung_nam_does_not_reach_into_an_earlier_paragraph() -> None:
    doc = "Năm 1979 có chiến tranh.\nNgày 18/3 cùng năm, lễ hội diễn ra."
    start = doc.index("Ngày 18/3")
    (f,) = extract_figures(doc[start:], base=start, published="2024-02-17", context=doc)
    assert f.value == "2024-03-18"


def test_date_without_year_and_no_publication_keeps_month_and_day_only() -> None:
    (f,) = extract_figures("ngày 6/9 khai giảng")
    assert f.value == "--09-06"


def test_impossible_day_is_not_given_a_year() -> None:
    assert not [f for f in extract_figures("ngày 29/2 năm sau", published="2024-02-17") if f.value == "2025-02-29"]


# ---------------------------------------------------------------------------------------------------------------
# Misreadings of the news set's forms.

@pytest.mark.parametrize(
    ("sentence", "text", "kind", "value", "unit"),
    [
        ("Vé quý 1.134.000 đồng", "1.134.000 đồng", "money", 1_134_000, "đồng"),
        ("Xe 16 chỗ khi vào cao tốc phải giảm tốc", "16 chỗ", "count", 16, "chỗ"),
        ("Có một triệu rưỡi người tham gia", "một triệu rưỡi người", "count", 1_500_000, "người"),
        ("Giá 1 triệu rưỡi đồng một vé", "1 triệu rưỡi đồng", "money", 1_500_000, "đồng"),
        ("Chờ 3 giờ rưỡi mới tới lượt", "3 giờ rưỡi", "duration", 3.5, "giờ"),
        ("Có hai mươi tư người dự", "hai mươi tư người", "count", 24, "người"),
    ],
)
def test_news_forms_are_read_right(sentence, text, kind, value, unit) -> None:
    figures = extract_figures(sentence)
    assert [(f.text, f.kind, f.value, f.unit) for f in figures] == [(text, kind, value, unit)]


@pytest.mark.parametrize("sentence", ["Nhà đầu tư tổ chức mua ròng", "Công ty tư nhân lớn nhất", "Vé quý 1.134.000"])
def test_word_inside_a_compound_is_not_a_count_or_quarter(sentence) -> None:
    assert not [f for f in extract_figures(sentence) if f.kind in ("count", "quarter")]


@pytest.mark.parametrize(
    "sentence",
    [
        "chỉ có 2 học sinh lớp 10 giành huy chương vàng quốc tế",  # the grade, not ten "giành huy"
        "Lửa từ tầng 2 bốc cháy dữ dội",
        "Theo Điều 25 dự thảo luật",
        "trường xếp hạng 118 thế giới",
    ],
)
def test_number_after_a_label_word_is_not_a_count_of_what_follows(sentence) -> None:
    counted = [f.unit for f in extract_figures(sentence) if f.kind == "count"]
    assert counted in ([], ["học sinh"])


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Hiện mỗi lớp 45 em", "em"),                      # per class: a count
        ("thanh lý dãy nhà 2 tầng 10 phòng học", "phòng học"),  # "tầng" is itself counted
        ("Công an điều 39 chiến sĩ tới hiện trường", "chiến sĩ"),  # lower-case "điều" is a verb
    ],
)
def test_label_word_that_is_counted_or_a_verb_keeps_the_count(sentence, unit) -> None:
    assert unit in [f.unit for f in extract_figures(sentence) if f.kind == "count"]


@pytest.mark.parametrize("sentence", ["tổng vốn 8.200 tỷ đồng bằng vốn ngân sách", "chi 5 triệu đồng bằng tiền mặt"])
def test_a_scaled_amount_of_dong_paid_by_some_means_is_money(sentence: str) -> None:
    assert [f.kind for f in extract_figures(sentence)] == ["money"]


@pytest.mark.parametrize(("sentence", "value", "unit"), [("trừ chi phí lãi hơn một tỷ đồng", 1_000_000_000, "đồng"),
                                                      ("mất ba trăm triệu đồng", 300_000_000, "đồng"),
                                                      ("hai triệu USD", 2_000_000, "USD")])
def test_a_sum_written_in_words_with_a_scale_is_money(sentence: str, value: int, unit: str) -> None:
    (f,) = extract_figures(sentence)
    assert (f.kind, f.value, f.unit) == ("money", value, unit)


def test_a_count_written_in_words_stays_a_count() -> None:
    assert [(f.kind, f.unit) for f in extract_figures("năm triệu người và hai đồng chí")] == [("count", "người"),
                                                                                          ("count", "đồng chí")]


def test_a_count_of_deltas_is_not_money() -> None:
    assert "money" not in [f.kind for f in extract_figures("vùng có 2 đồng bằng lớn")]


def test_us_cents_are_money_in_dollars() -> None:
    (f,) = extract_figures("giá điện mặt trời nối lưới là 9,35 Uscents/kWh")
    assert (f.kind, f.value, f.unit) == ("money", 0.0935, "USD")
    low, high = extract_figures("giá 7-9 US cents")
    assert (low.value, high.value, high.unit) == (0.07, 0.09, "USD")


@pytest.mark.parametrize(
    ("sentence", "iso"),
    [
        ("Trận đấu diễn ra lúc 20h thứ Hai 9/12 trên sân Viêng Chăn.", "2024-12-09"),
        ("Đội tuyển tập trung vào tối thứ Bảy (14/12).", "2024-12-14"),
        ("Chủ nhật, 15-12, đội lên đường.", "2024-12-15"),
        ("Lễ bế mạc diễn ra thứ 6 - 13/12.", "2024-12-13"),
    ],
)
def test_day_and_month_after_a_day_of_the_week_is_a_date(sentence, iso) -> None:
    assert [f.value for f in extract_figures(sentence, published="2024-12-01") if f.kind == "date"] == [iso]


def test_lower_case_thu_hai_is_second_not_monday() -> None:
    assert not [f for f in extract_figures("lần thứ hai 3/4 số hộ đồng ý", published="2024-12-01") if f.kind == "date"]


@pytest.mark.parametrize(("sentence", "value"), [("sản phụ có thai lần 3, nhập viện từ 4 ngày trước", 3),
                                                 ("Hội nghị lần 2 Ban Chấp hành Đảng bộ", 2)])
def test_lan_and_a_number_is_the_time_in_order(sentence, value) -> None:
    assert [(f.kind, f.value, f.unit) for f in extract_figures(sentence) if f.kind == "ordinal"] == [
        ("ordinal", value, "lần")]


def test_lan_before_a_count_keeps_the_count() -> None:
    assert [(f.kind, f.value, f.unit) for f in extract_figures("mỗi lần 3 người vào")] == [("count", 3, "người")]
