"""Typed figures in Vietnamese text: money, percents, areas, counts, fractions, ordinals, dates, document codes."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from index.lexicon import MEASURE_UNITS_FOLDED
from index.numbers import SCALE_WORDS, format_number, format_vi, parse_number, parse_number_words, parse_roman
from index.text import LETTERS_RE, fold
from index.yearframe import YEAR_MARKER_RE, YearFrame

__all__ = ["KINDS", "Figure", "extract_figures", "figure_context", "is_counted_noun"]

KINDS = ("money", "percent", "area", "length", "volume", "count", "number", "fraction", "ordinal", "date", "quarter", "year",
         "period", "duration", "document")


@dataclass(frozen=True)
class Figure:
    """One figure: its exact surface and offsets in the source, its normalised value, unit and kind."""

    text: str
    start: int
    end: int
    value: float | int | str
    unit: str
    kind: str
    measures: str = ""
    total: float | int | None = None
    date: str | None = None
    part: str = ""
    """Where the figure stands in a pair: "from"/"to" (the ends of a range such as "7-12 m"), "part"/"whole"
    (an amount of a total, "2.477/10.825 tỷ đồng"); "" for a figure on its own."""

    def display(self) -> str:
        """The normalised value written the Vietnamese way ("2 472 000 000 000 đồng", "14/14 phường", "9/1/2024")."""
        if self.kind == "fraction" and self.total is not None:
            text = f"{format_number(self.value)}/{format_number(self.total)}"  # type: ignore[arg-type]
            return f"{text} {self.unit}" if self.unit else text
        if self.kind == "ordinal":
            return f"{self.unit} thứ {self.value}".strip()
        return format_vi(self.value, self.unit)

    def to_dict(self) -> dict:
        return {
            "text": self.text, "start": self.start, "end": self.end, "value": self.value, "unit": self.unit,
            "kind": self.kind, "measures": self.measures, "total": self.total, "date": self.date,
            "part": self.part, "display": self.display(),
        }


# ---------------------------------------------------------------------------------------------------------------
# Patterns. Placeholders in braces ({NUM}, {WS}, ...) are substituted by _rx; regex quantifiers stay untouched.
# [0-9] rather than \d: other scripts' digits are not numbers here and parse_number refuses them.

_PARTS = {
    "WS": r"[ \t\u00a0\u202f]",
    # A number never touches letters, digits or joining punctuation on its left: "3S", "KH/3", "12.345.67", "07:25".
    "NUM": r"(?<![\w.,/:])(?<!\w-)"
           r"(?:[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+\.[0-9]+|[0-9]+(?:,[0-9]+)?)(?![.,]?[0-9])",
    # The digits of a number with nothing required on its left: the second end of a range ("7-12", "2.477/10.825").
    "DIGITS": r"(?:[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+\.[0-9]+|[0-9]+(?:,[0-9]+)?)(?![.,]?[0-9])",
    "SCALE": r"(?i:nghìn|ngàn|triệu|tỷ|tỉ)(?!\w)",
    "HALF": r"(?i:rưỡi|rưởi)(?!\w)",
    "UP": r"[A-ZĐÂĂÊÔƠƯ]",
}


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    for name, part in _PARTS.items():
        pattern = pattern.replace("{" + name + "}", part)
    return re.compile(pattern, flags)


# "1 triệu rưỡi" is one and a half million: "rưỡi" adds half of the scale before it.
_SCALES = r"(?:{WS}*{SCALE}(?:{WS}+{SCALE})*(?:{WS}+{HALF})?)"
_PARTS["SCALES"] = _rx(_SCALES).pattern

_URL_RE = _rx(r"(?i:https?://|www\.)\S+")
_EMAIL_RE = _rx(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DOMAIN_TLD_RE = _rx(r"\.(?i:vn|com|net|org|gov|edu|info)(?!\w)")
_DOMAIN_RIGHT_RE = re.compile(r"(?:/\S{0,300})?")
_TIME_RE = _rx(r"(?<![\w.,:])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![\w:]|[.,][0-9])")
_PHONE_RE = _rx(r"(?<![\w.,/:-])(?:\+84[ .-]?|\(0[0-9]{1,3}\)[ .-]?|0)[0-9]{1,11}(?:[ .-][0-9]{2,4}){0,4}"
                r"(?![\w]|[.,-][0-9])")
_PHONE_DIGITS = range(9, 13)

_DOC_SEG = r"{UP}[^\W_]*"
_DOC_RE = _rx(r"(?<![\w./-])[0-9]+(?:/[0-9]{4})?[-/]" + _DOC_SEG + r"(?:[-/]" + _DOC_SEG + r")*(?![\w])")
_DOC_DATE_LEAD_RE = _rx(r"{WS}*,?{WS}*(?:(?i:ban hành|ký|kí){WS}+)?(?i:ngày){WS}+")
_DOC_SEGMENT_RE = re.compile(r"[^\W\d_][^\W_]*")
_DOC_NUMBER_WORD_RE = _rx(r"(?i:số)(?!\w){WS}*$")

_NGAY_PREFIX_RE = _rx(r"(?<!\w)(?i:ngày){WS}+\Z")
_NUMERIC_DATE_RE = _rx(r"(?<![\w.,/:-])(?P<d>[0-9]{1,2})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)"
                       r"(?P<y>[0-9]{4})(?![\w]|[-/.,][0-9])")
_WORDY_DATE_RE = _rx(r"(?<![\w.,/:-])(?P<d>[0-9]{1,2}){WS}+(?i:tháng){WS}+(?P<m>[0-9]{1,2})"
                     r"(?:(?:{WS}+(?i:năm){WS}+|{WS}*[,/-]{WS}*)(?P<y>[0-9]{4}))?(?![\w]|[.,/-]?[0-9])")
_MONTH_YEAR_RE = _rx(r"(?<!\w)(?i:tháng){WS}+(?P<m>[0-9]{1,2})(?:{WS}*[/-]{WS}*|{WS}+(?i:năm){WS}+)(?P<y>[0-9]{4})"
                     r"(?![\w]|[.,/-]?[0-9])")
_DAY_MONTH_RE = _rx(r"(?<![\w.,/:-])(?P<d>[0-9]{1,2})[/-](?P<m>[0-9]{1,2})(?![\w]|[-/.,]?[0-9])")
_DAY_PREFIX_RE = _rx(r"(?<!\w)(?i:ngày|sáng|chiều|tối|trưa|đêm|khuya|hôm|hôm qua|hôm nay|hôm kia|rạng sáng|dịp){WS}+\Z")
# A day of the week names a date: "thứ Hai 9/12", "thứ Bảy (14/12)", "Chủ nhật, 15-12", "thứ 6 ngày 9/12". Lower-case
# "thứ hai" is also "second", so the names of days count capitalised.
_WEEKDAY_PREFIX_RE = _rx(r"(?<!\w)(?:(?i:thứ){WS}+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|(?i:chủ nhật)|CN)(?:{WS}*[,(-])?{WS}*\Z")
# "đến 6/12," and "từ 1/10 đến 6/12" are dates; "đến 3/4 số hộ" is a share: after one of these words a day/month is a date
# when no noun follows it, and only with a slash ("dẫn trước 2-1" is a score).
_DAY_PREP_RE = _rx(r"(?<!\w)(?i:từ|đến|tới|trước|sau|vào|cuối|đầu|giữa){WS}+\Z")
_DAY_PREP_END_RE = _rx(r"{WS}*(?:\Z|[,.;:!?)\]”\"]|(?i:đến|tới|và|hoặc|tại|ở|này|vừa qua|tới đây|hằng năm|hàng năm)(?!\w))")

_PERIOD_PREFIX_RE = _rx(r"(?<!\w)(?i:giai đoạn|nhiệm kỳ|nhiệm kì|thời kỳ|thời kì|niên khóa|niên khoá|năm học"
                        r"|năm tài chính){WS}+\Z")
_PERIOD_RE = _rx(r"(?<![\w.,/:-])(?P<y1>[0-9]{4}){WS}*[-–—]{WS}*(?P<y2>[0-9]{4})(?![\w]|[-/.,][0-9])")
_QUARTER_RE = _rx(r"(?<!\w)(?i:quý){WS}+(?P<q>IV|I{1,3}|[1-4])(?!\w|[.,]?[0-9]|{WS}*{SCALE}|{WS}*(?i:đồng|VNĐ|USD)(?!\w))"
                  r"(?:{WS}*[-/]{WS}*(?P<y>[0-9]{4})(?![\w]|[.,/-]?[0-9])|{WS}+(?i:năm){WS}+(?P<y2>[0-9]{4})(?![0-9]))?"
                  r"|(?<![\w.])Q(?P<qq>[1-4])(?:[-/](?P<yy>[0-9]{4}))?(?![\w]|[.,/-]?[0-9])")

_ORDINAL_WORD = r"(?:nhất|nhì|một|mốt|hai|ba|bốn|tư|năm(?!{WS}+[0-9])|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm)(?!\w)"
_ORDINAL_RE = _rx(r"(?<!\w)(?i:lần|khóa|khoá|kỳ họp|kì họp|kỳ|kì|đợt|vòng|phiên họp|phiên|hội nghị|hạng|đứng|xếp)"
                  r"{WS}+(?i:thứ){WS}+(?P<val>[0-9]+(?![\w]|[.,][0-9])|[IVXLCDM]+(?!\w)|(?i:" + _ORDINAL_WORD
                  + r"(?:{WS}+" + _ORDINAL_WORD + r")*))"
                  r"|(?<!\w)(?i:khóa|khoá|đại hội|kỳ họp|kì họp)(?:{WS}+)(?P<rom>[IVXLCDM]+)(?!\w)"
                  r"|(?<!\w)(?i:thế kỷ|thế kỉ){WS}+(?P<cen>[0-9]{1,2}(?![\w.,]?[0-9])|[IVXLC]+)(?!\w)")
# "có thai lần 3", "Hội nghị lần 2": the time in order, as "lần thứ 3" is; not "mỗi lần 3 người" (a count follows).
_TIME_IN_ORDER_RE = _rx(r"(?<!\w)(?i:lần){WS}+(?P<n>[0-9]{1,2})(?![\w]|[.,/-]?[0-9])")
_ORDINAL_SINGLE = {"nhất": 1, "nhì": 2}
_ORDINAL_UNIT_ALIASES = {"đứng": "hạng", "xếp": "hạng", "thế kỉ": "thế kỷ"}
_ROMAN_CHARS_RE = re.compile(r"[IVXLCDM]+")

# "đồng bằng" is a delta, but after a scale it is money paid by some means ("8.200 tỷ đồng bằng vốn ngân sách").
_CURRENCY = (r"(?P<cur>(?i:đồng)(?!\w)(?!{WS}+(?i:chí|bào|hương|nghiệp|đội|ý|thời|bộ|phục|minh|loại|hồ|ruộng|cỏ"
             r"|(?<!tỷ đồng )(?<!tỉ đồng )(?<!triệu đồng )(?<!nghìn đồng )(?<!ngàn đồng )bằng"
             r"|tâm|lòng|ca|môn|niên|sở hữu|chủ|thuận|hành|xu)(?!\w))"
             r"|VNĐ|VND|vnđ|vnd|đ|USD|(?i:đô la|đô-la)(?:{WS}+Mỹ)?|US\$|\$|(?i:US{WS}?cents?))(?!\w)")
# Bounded repetition keeps a long run of "1 tỷ 1 tỷ ..." without a currency linear, not quadratic.
_MONEY_RE = _rx(r"(?P<amount>{NUM}{SCALES}?(?:{WS}+{NUM}{SCALES}){0,3}){WS}*" + _CURRENCY)
_AMOUNT_PART_RE = _rx(r"(?P<num>{NUM})(?P<scales>{SCALES})?")
_SCALE_WORD_RE = _rx(r"{SCALE}")
_HALF_RE = _rx(r"{HALF}")
_PERCENT_RE = _rx(r"(?P<num>{NUM}){WS}*(?:%|(?i:phần trăm)(?!\w))")
_MEASURE_RE = _rx(r"(?P<num>{NUM})(?P<scales>{SCALES})?{WS}*"
                  r"(?P<unit>m2|m²|km2|km²|m3|m³|mét khối|mét vuông|ha|hécta|héc-ta|hecta|cm|mm|km|mét|m)(?!\w)")
_MEASURE_UNITS: dict[str, tuple[str, str, Decimal]] = {
    "m2": ("area", "m²", Decimal(1)), "m²": ("area", "m²", Decimal(1)), "mét vuông": ("area", "m²", Decimal(1)),
    "km2": ("area", "m²", Decimal(10**6)), "km²": ("area", "m²", Decimal(10**6)),
    "ha": ("area", "m²", Decimal(10**4)), "hécta": ("area", "m²", Decimal(10**4)),
    "héc-ta": ("area", "m²", Decimal(10**4)), "hecta": ("area", "m²", Decimal(10**4)),
    "m3": ("volume", "m³", Decimal(1)), "m³": ("volume", "m³", Decimal(1)), "mét khối": ("volume", "m³", Decimal(1)),
    "m": ("length", "m", Decimal(1)), "mét": ("length", "m", Decimal(1)), "km": ("length", "m", Decimal(1000)),
    "cm": ("length", "m", Decimal("0.01")), "mm": ("length", "m", Decimal("0.001")),
}
_PAIR_RE = _rx(r"(?P<a>{NUM})(?P<ascale>{SCALES})?(?P<sep>{WS}*[-–—]{WS}*|/|{WS}+(?i:đến|tới){WS}+)"
                r"(?P<b>{DIGITS})(?P<bscale>{SCALES})?")
_CURRENCY_AT_RE = _rx(r"{WS}*" + _CURRENCY)
_PERCENT_AT_RE = _rx(r"{WS}*(?:%|(?i:phần trăm)(?!\w))")
_MEASURE_AT_RE = _rx(r"{WS}*(?P<unit>m2|m²|km2|km²|m3|m³|mét khối|mét vuông|ha|hécta|héc-ta|hecta|cm|mm|km|mét|m)"
                     r"(?!\w)")
_DURATION_AT_RE = _rx(r"(?P<unit>(?i:năm|tháng|ngày|tuần|giờ|tiếng|phút|giây))(?!\w)")
# After these words "3-4" is a pair of months, levels or labels, not a range of counted things.
_LABEL_WORDS = frozenset("lớp khóa khoá tầng hạng kỳ kì đợt quận phường".split())  # "lớp 10", "tầng 5", "đợt 2"
_NOT_A_RANGE_BEFORE = _LABEL_WORDS | frozenset("tháng ngày năm cấp quý số thứ".split())
_FRACTION_RE = _rx(r"(?<![\w.,/:-])(?P<a>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)/(?P<b>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)"
                   r"(?![\w/.-]|,[0-9]){WS}+(?=[^\W\d_])")
_DURATION_RE = _rx(r"(?P<num>{NUM}){WS}+(?P<unit>(?i:năm|tháng|ngày|tuần|giờ|tiếng|phút|giây|thập kỷ|thế kỷ))(?!\w)"
                   r"(?P<half>{WS}+{HALF})?(?!{WS}+[0-9])")
_YEAR_RE = _rx(r"(?<!\w)(?i:năm){WS}+(?P<y>[0-9]{4})(?![\w]|[.,]?[0-9])")
_BARE_YEAR_RE = _rx(r"(?<![\w.,/:-])(?P<y>[0-9]{4})(?![\w]|[.,/-]?[0-9])")
_COUNT_RE = _rx(r"(?P<num>{NUM})(?P<scales>{SCALES})?(?P<gap>{WS}+(?=[^\W\d_]))?")

_COUNT_WORD = (r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|linh|lẻ|nghìn|ngàn|triệu"
               r"|tỷ|tỉ|rưỡi|rưởi)")
_NUMBER_WORDS_RE = _rx(r"(?<!\w)(?:(?i:hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|một|tư)|{SCALE}(?={WS}+{HALF}))(?!\w)"
                       r"(?:{WS}+" + _COUNT_WORD + r"(?!\w))*")
_WORD_SCALES = frozenset({"tỷ", "tỉ", "triệu", "nghìn", "ngàn"})  # a sum written in words names one before its currency
_AMBIGUOUS_NUMBER_WORDS = frozenset({"một", "năm", "tư", "ba", "bảy"})
_NOT_A_COUNT_BEFORE = frozenset("thứ hàng vài mấy dăm đôi chục".split())
# After these words a number is a label ("lớp 10", "hạng 29", "Điều 25"), not a count of the word that follows it.
# Only capitalised "Điều" is an article of law; lower-case "điều" and "cấp" are also verbs ("điều 39 chiến sĩ").
_LABEL_BEFORE = _LABEL_WORDS | frozenset("khu lô khoản chương".split())
_LAW_ARTICLE = "Điều"
_DURATION_UNITS = frozenset("năm tháng ngày tuần giờ phút giây".split())
_FIGURE_HINT_RE = re.compile(r"[0-9]|(?i:thứ|khóa|khoá|đại hội|kỳ họp|kì họp|quý|kỷ|kỉ|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín"
                             r"|mười|một|tư|rưỡi|rưởi)")
_WS_RUN_RE = _rx(r"{WS}+")

# ---------------------------------------------------------------------------------------------------------------
# Counted nouns. A count's unit is the head noun phrase after the number: a known head when one matches
# (longest first, optionally after a classifier such as "bộ", "cuộc"), otherwise at most two syllables.

_KNOWN_HEADS = frozenset("""
dự án|công trình|chương trình|phương án|chỉ tiêu|nhiệm vụ|mô hình|cuộc thi|đề án|kế hoạch|văn bản|thủ tục hành chính
|thủ tục|hồ sơ|đảng viên|cán bộ|công chức|viên chức|người lao động|lao động|học sinh|sinh viên|giáo viên|bệnh nhân
|doanh nghiệp|hợp tác xã|hộ gia đình|hộ nghèo|hộ cận nghèo|gia đình|tổ dân phố|khu dân cư|tổ chức cơ sở đảng|tổ chức
|cơ sở|đơn vị|cơ quan|chi bộ|đảng bộ|trường hợp|vụ việc|vụ án|đối tượng|chuyên đề|hội nghị|lớp học|tuyến đường
|tuyến phố|căn hộ|ngôi nhà|ô tô|xe máy|phương tiện|sản phẩm|giải pháp|nội dung|tiêu chí|lượt người|lượt khách|du khách
|người dân|thành phố|thị trấn|thị xã|quận|huyện|tỉnh|phường|xã|thôn|ấp|tổ|hộ|người|lượt|lần|vụ|buổi|trường|bệnh viện
|ca|xe|tấn|lít|kg|cây|điểm|ý kiến|kiến nghị|đoàn|đội|nhóm|tập thể|cá nhân|giải thưởng|huy chương|bài viết|tác phẩm
|thửa đất|ô đất|lô đất|nhà|trạm|cửa hàng|chợ|cụm công nghiệp|khu công nghiệp|làng nghề|di tích|đoàn viên|hội viên
|chi đoàn|chi hội|tổ chức đảng|cơ sở đảng|chương trình công tác|nghị quyết|chỉ thị|quyết định|giấy phép
""".replace("\n", "").split("|"))
_FOLDED_HEADS = frozenset(fold(h) for h in _KNOWN_HEADS if h)
_HEADS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _head in sorted({tuple(h.split()) for h in _KNOWN_HEADS if h}, key=len, reverse=True):
    _HEADS_BY_FIRST.setdefault(_head[0], []).append(_head)
_CLASSIFIERS = frozenset("bộ cuộc con cái chiếc căn tấm bức quyển cuốn ngôi tòa toà khu lô thửa bản bài loại".split())
_NOUN_STOP_WORDS = frozenset("""
và với của cho trong đã được là đạt có theo thuộc gồm trên tại đến từ khác đang sẽ bị nhằm để ở này đó kia nào mỗi
các những cũng vẫn còn chưa không rất hơn nhất ra vào về như hoặc hay mà thì nên do bởi vì sau trước qua tới lên
xuống nữa thêm đều cùng bằng so tăng giảm chiếm tổng đầu cuối giữa mới cụ trở khi nếu nhưng rồi lúc tức kể hằng
""".split())
_NOUN_STOP_PHRASES = tuple(tuple(p.split()) for p in """
thực hiện|tập trung|ban hành|triển khai|tham gia|đăng ký|bảo đảm|đảm bảo|cụ thể|hoàn thành|trọng tâm|trọng điểm
|đạt được|trực tuyến|tiêu biểu|chưa đến
""".replace("\n", "").split("|"))
_MAX_NOUN_WORDS = 5

# ---------------------------------------------------------------------------------------------------------------
# What a figure measures: the clause before it, trimmed of leading connectors and trailing verbs.

_CLAUSE_DELIM_RE = re.compile(r"[;:!?\n()\[\]“”\"«»…]|\.(?=\s|$)|,|(?<!\w)(?i:và)(?!\w)")
_STRONG_DELIM_RE = re.compile(r"[;:!?\n…]|\.(?=\s|$)")
_CONTEXT_DELIM_RE = re.compile(r"[;:!?\n]|\.(?=\s|$)")
_NARROW_CONTEXT_DELIM_RE = re.compile(r"[;:!?\n,]|\.(?=\s|$)")
_TOKEN_RE = re.compile(r"\S+")
_PUNCT_STRIP = " \t\u00a0,.;:!?()[]“”\"'«»…-–—"
_FOLLOW_PERCENT_RE = _rx(r"{WS}*(?=(?i:so với|so cùng kỳ|dự toán|kế hoạch|cùng kỳ|mục tiêu)(?!\w))")


class _Phrases:
    """Multi-word phrases, looked up by their first or last word (longest first) to trim token lists fast."""

    def __init__(self, text: str) -> None:
        phrases = sorted({tuple(p.split()) for p in text.replace("\n", "").split("|") if p.strip()},
                         key=len, reverse=True)
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            self.by_first.setdefault(phrase[0], []).append(phrase)
            self.by_last.setdefault(phrase[-1], []).append(phrase)

    def leading(self, words: list[str], i: int, j: int) -> int:
        """Length of the longest phrase at words[i:j]'s start, 0 if none."""
        for phrase in self.by_first.get(words[i], ()) if i < j else ():
            if i + len(phrase) <= j and tuple(words[i:i + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def trailing(self, words: list[str], i: int, j: int) -> int:
        """Length of the longest phrase at words[i:j]'s end, 0 if none."""
        for phrase in self.by_last.get(words[j - 1], ()) if i < j else ():
            if j - len(phrase) >= i and tuple(words[j - len(phrase):j]) == phrase:
                return len(phrase)
        return 0


_LEAD_TRIM = _Phrases("""trong đó|cụ thể là|cụ thể|bao gồm|gồm|như|đối với|với|và|trong|của|là|thì|còn|mà|riêng
|về việc|về|các|những|ngay|từ|vì thế|vì vậy|do đó|tuy nhiên|đồng thời|bên cạnh đó|ngoài ra|trong khi đó|kết quả""")
_TRAIL_TEXT = """ước thực hiện|ước đạt|ước tính|ước|thực hiện|đạt được|đạt mức|đạt|là|có|được|bằng|chiếm|khoảng
|vào khoảng|gần|hơn|trên|dưới|chỉ|lên tới|lên đến|tới|đến|lên|còn|giảm còn|tăng lên|tăng thêm|tăng|giảm|với|đối với|gồm
|tổng cộng|ở mức|mức|tương đương|trị giá|thêm|xuống|của|cho|từ|là khoảng|với tổng|tổng|ngay"""
_TRAIL_TRIM = _Phrases(_TRAIL_TEXT)
_COUNT_TRAIL_TRIM = _Phrases("khoảng|vào khoảng|gần|hơn|trên|dưới|tổng cộng|đối với|với|cho|các|những|tổng số|vào"
                             "|ngay|từ")
# Words after which a date, year, period or ordinal names its thing: "phát biểu tại | Hội nghị lần thứ 18".
_ATTACH_WORDS = frozenset("tại của về cho với trong từ đến vào là và theo ở trên thuộc gắn".split())
_NAME_TRAIL_TRIM = _Phrases(_TRAIL_TEXT + "|" + "|".join(_ATTACH_WORDS))
# Cut points for a window over a long clause: after these words a new phrase starts.
_PHRASE_BREAK_WORDS = _ATTACH_WORDS | frozenset("các những đã đang sẽ được bị".split())
# Between two figures, only these words mean they share one subject: "2.472 tỷ đồng, đạt 19%".
_LINK_WORDS = frozenset("và hay hoặc tức đạt bằng chiếm tăng giảm còn là".split())
_SUBJECT_WORDS = 12      # money, percent, area, length: the clause's subject, from its start
_VERB_WORDS = 6          # counts: the verb phrase right before the number
_NAME_WORDS = 8          # dates, years, ordinals...: the noun phrase right before
_NAME_FALLBACK_WORDS = 4
_SHORT_MEASURE_WORDS = 3
_SUBJECT_KINDS = frozenset({"money", "percent", "area", "length", "volume", "number"})
_COUNT_LIKE = frozenset({"count", "fraction"})
_SPACE_RE = re.compile(r"\s")
_PHRASE_STOP_RE = re.compile(r"[,;:!?\n()“”\"]|\.(?=\s|$)")


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    value: float | int | str
    unit: str
    total: float | int | None = None
    date: str | None = None
    measures: tuple[int, int] | None = None
    part: str = ""


# ---------------------------------------------------------------------------------------------------------------
# Normalisation with an offset map back to the caller's string.

def _nfc_with_map(text: str) -> tuple[str, list[int] | None]:
    """NFC per base-letter cluster; returns the text and, if it changed, norm offset → original offset."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    mapping: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        parts.append(cluster)
        mapping.extend([i] * len(cluster))
        i = j
    mapping.append(n)
    return "".join(parts), mapping


# ---------------------------------------------------------------------------------------------------------------
# Small helpers.

def _scaled(number: float | int, factor: Decimal | int) -> float | int:
    if isinstance(number, float) and not math.isfinite(number):
        return number  # a digit run too long for a float; _collect drops it
    exact = Decimal(repr(number)) * Decimal(factor)
    if exact == exact.to_integral_value():
        return int(exact)
    return float(exact)


def _scale_factor(scales: str | None) -> int:
    factor = 1
    for word in _SCALE_WORD_RE.findall(scales or ""):
        factor *= SCALE_WORDS[word.lower()]
    return factor


def _amount(num: str, scales: str | None, factor: Decimal | int = 1) -> float | int:
    """A number with its scale words read: "2.472" "tỷ" → 2.472e12; "1" "triệu rưỡi" → 1.5e6."""
    number = parse_number(num)
    if scales and _HALF_RE.search(scales) and not (isinstance(number, float) and not math.isfinite(number)):
        number = number + 0.5
    return _scaled(number, Decimal(factor) * _scale_factor(scales))


def _valid_date(year: int, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day):
        return False
    days = (31, 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31)
    return day <= days[month - 1]


def _is_year(text: str) -> bool:
    return 1000 <= int(text) <= 2100


def is_counted_noun(folded_words: str) -> bool:
    """Whether folded words name a noun that reports count ("nhiem vu", "du an"), not an action ("phe duyet")."""
    return folded_words in _FOLDED_HEADS


def _starts_with(tokens: list[str], phrase: tuple[str, ...], at: int = 0) -> bool:
    return tuple(tokens[at:at + len(phrase)]) == phrase


def _known_head_len(lowers: list[str], at: int = 0) -> int:
    if at >= len(lowers):
        return 0
    for head in _HEADS_BY_FIRST.get(lowers[at], ()):
        if _starts_with(lowers, head, at):
            return len(head)
    return 0


def _noun_words(norm: str, pos: int) -> list[tuple[int, int, str]]:
    """Syllables from pos joined by plain spaces, cut at a stop word, stop phrase or capitalised syllable."""
    words: list[tuple[int, int, str]] = []
    while len(words) < _MAX_NOUN_WORDS:
        m = LETTERS_RE.match(norm, pos)
        if not m:
            break
        words.append((m.start(), m.end(), m.group()))
        sep = _WS_RUN_RE.match(norm, m.end())
        if not sep:
            break
        pos = sep.end()
    lowers = [w.lower() for _, _, w in words]
    for i, low in enumerate(lowers):
        stop = low in _NOUN_STOP_WORDS or any(_starts_with(lowers, p, i) for p in _NOUN_STOP_PHRASES)
        if stop or (i > 0 and words[i][2][0].isupper() and not _known_head_len(lowers, i)):
            return words[:i]
    return words


_UNIT_NOUNS = frozenset(MEASURE_UNITS_FOLDED)


def _noun_span(norm: str, pos: int) -> tuple[int, int] | None:
    """The counted noun phrase starting at pos, or None when what follows is not a noun."""
    words = _noun_words(norm, pos)
    if not words:
        return None
    lowers = [w.lower() for _, _, w in words]
    if lowers[0] in _CLASSIFIERS and (n := _known_head_len(lowers, 1)):
        take = 1 + n
    elif n := _known_head_len(lowers):
        take = n
    elif words[0][2][0].isupper() and fold(lowers[0]) not in _UNIT_NOUNS:
        return None  # a proper name starts here: "đạt 19 Ban ..." is not a count of "Ban" (but "450 MW" is in MW)
    else:
        take = min(2, len(words))  # unknown noun (or classifier + unknown noun): two syllables at most
    return words[0][0], words[take - 1][1]


# ---------------------------------------------------------------------------------------------------------------
# Passes, highest priority first. Each yields candidates (in NFC coordinates); spans that claim text but are not
# figures (URLs, phones, invalid dates, times) yield a candidate of kind "" which blocks and is then dropped.

def _prefixed_start(norm: str, start: int, prefix: re.Pattern[str]) -> int:
    """Start of an optional keyword right before start ("ngày 9-1-2024", "giai đoạn 2020-2025")."""
    m = prefix.search(norm, max(0, start - 24), start)
    return m.start() if m else start


def _blocked(norm: str) -> Iterator[_Cand]:
    for m in _URL_RE.finditer(norm):
        yield _Cand(m.start(), m.end(), "", "", "")
    if "@" in norm:
        for m in _EMAIL_RE.finditer(norm):
            yield _Cand(m.start(), m.end(), "", "", "")
    for m in _DOMAIN_TLD_RE.finditer(norm):
        start = m.start()
        while start > 0 and (norm[start - 1].isalnum() or norm[start - 1] in "._-"):
            start -= 1
        right = _DOMAIN_RIGHT_RE.match(norm, m.end())
        yield _Cand(start, right.end() if right else m.end(), "", "", "")
    for m in _TIME_RE.finditer(norm):
        yield _Cand(m.start(), m.end(), "", "", "")


def _date_from(m: re.Match[str], norm: str) -> _Cand:
    """A date candidate (kind "" when the day or month is impossible, so its digits stay blocked)."""
    day, month = int(m["d"]), int(m["m"])
    year = m.groupdict().get("y")
    if year is None:
        value = f"--{month:02d}-{day:02d}" if _valid_date(2000, month, day) else ""
    else:
        value = f"{year}-{month:02d}-{day:02d}" if _valid_date(int(year), month, day) else ""
    start = _prefixed_start(norm, m.start(), _NGAY_PREFIX_RE)
    return _Cand(start, m.end(), "date" if value else "", value, "date" if value else "")


def _wordy_date_ok(m: re.Match[str], norm: str) -> bool:
    """"15 tháng 4" alone may be a duration; it is a date with a year, after "ngày" or before "năm sau"."""
    return (bool(m["y"]) or _prefixed_start(norm, m.start(), _NGAY_PREFIX_RE) != m.start()
            or YEAR_MARKER_RE.match(norm, m.end()) is not None)


def _date_at(norm: str, pos: int) -> _Cand | None:
    m = _NUMERIC_DATE_RE.match(norm, pos)
    if not m:
        m = _WORDY_DATE_RE.match(norm, pos)
        if not (m and _wordy_date_ok(m, norm)):
            return None
    cand = _date_from(m, norm)
    return cand if cand.kind else None


def _documents(norm: str) -> Iterator[_Cand]:
    for m in _DOC_RE.finditer(norm):
        code = m.group()
        segments = _DOC_SEGMENT_RE.findall(code)
        first = segments[0]
        if len(segments) < 2 and not (len(first) >= 2 and sum(c.isupper() for c in first) >= 2):
            continue
        date_cand = None
        lead = _DOC_DATE_LEAD_RE.match(norm, m.end())
        if lead:
            date_cand = _date_at(norm, lead.end())
        yield _Cand(m.start(), m.end(), "document", code, "document",
                    date=str(date_cand.value) if date_cand else None)
        if date_cand:
            date_cand.measures = (-1, m.end())  # resolved in _assign_measures: the document's type and code
            yield date_cand


def _phones(norm: str) -> Iterator[_Cand]:
    for m in _PHONE_RE.finditer(norm):
        digits = sum(c.isdigit() for c in m.group())
        if digits in _PHONE_DIGITS:
            yield _Cand(m.start(), m.end(), "", "", "")


def _dates(norm: str) -> Iterator[_Cand]:
    for m in _NUMERIC_DATE_RE.finditer(norm):
        yield _date_from(m, norm)  # an invalid "32-13-2024" yields a blocker for its digits
    for m in _WORDY_DATE_RE.finditer(norm):
        if _wordy_date_ok(m, norm):
            yield _date_from(m, norm)
    for m in _MONTH_YEAR_RE.finditer(norm):
        month = int(m["m"])
        if 1 <= month <= 12:
            yield _Cand(m.start(), m.end(), "date", f"{m['y']}-{month:02d}", "date")
    for m in _DAY_MONTH_RE.finditer(norm):
        prefix = _DAY_PREFIX_RE.search(norm, max(0, m.start() - 24), m.start()) \
            or _WEEKDAY_PREFIX_RE.search(norm, max(0, m.start() - 16), m.start())
        after_prep = (norm[m.end("d")] == "/" and _DAY_PREP_RE.search(norm, max(0, m.start() - 24), m.start())
                      and _DAY_PREP_END_RE.match(norm, m.end()))
        # "ngày 20/3", "sáng 20/3", "30/4 năm sau"; a bare "20/3" may be a fraction or anything else
        if prefix or after_prep or YEAR_MARKER_RE.match(norm, m.end()):
            cand = _date_from(m, norm)
            if cand.kind:
                yield cand


def _periods(norm: str) -> Iterator[_Cand]:
    for m in _PERIOD_RE.finditer(norm):
        y1, y2 = m["y1"], m["y2"]
        if _is_year(y1) and _is_year(y2) and int(y1) <= int(y2):
            start = _prefixed_start(norm, m.start(), _PERIOD_PREFIX_RE)
            yield _Cand(start, m.end(), "period", f"{y1}-{y2}", "period")


def _quarters(norm: str) -> Iterator[_Cand]:
    for m in _QUARTER_RE.finditer(norm):
        q = m["q"] or m["qq"]
        number = int(q) if q.isdigit() else parse_roman(q)
        year = m["y"] or m["y2"] or m["yy"]
        value = f"{year}-Q{number}" if year else f"Q{number}"
        yield _Cand(m.start(), m.end(), "quarter", value, "quarter")


def _ordinal_prefix(raw: str) -> tuple[int, int] | None:
    """Value and end offset of the longest run of words in raw that reads as a number ("tư năm" → 4, after "tư")."""
    tokens = list(LETTERS_RE.finditer(raw))
    for n in range(len(tokens), 0, -1):
        words = " ".join(t.group().lower() for t in tokens[:n])
        if words in _ORDINAL_SINGLE:
            return _ORDINAL_SINGLE[words], tokens[n - 1].end()
        try:
            return parse_number_words(words), tokens[n - 1].end()
        except ValueError:
            continue
    return None


def _ordinals(norm: str) -> Iterator[_Cand]:
    for m in _ORDINAL_RE.finditer(norm):
        group = "val" if m["val"] else "rom" if m["rom"] else "cen"
        raw = m[group]
        end = m.end()
        if raw.isdigit():
            value = int(raw)
        elif _ROMAN_CHARS_RE.fullmatch(raw):
            try:
                value = parse_roman(raw)
            except ValueError:
                continue
        else:
            read = _ordinal_prefix(raw)
            if read is None:
                continue
            value, end = read[0], m.start(group) + read[1]
        # The unit is what is counted in order: "lần" thứ 18, "khóa" V, "Đại hội" V.
        noun = norm[m.start() : m.start(group)].split()
        unit = " ".join(w for w in noun if w.lower() != "thứ").lower()
        unit = _ORDINAL_UNIT_ALIASES.get(unit, unit)  # "đứng thứ 11" is a rank
        yield _Cand(m.start(), end, "ordinal", value, unit or "lần")
    for m in _TIME_IN_ORDER_RE.finditer(norm):
        if not _counted_head_follows(norm, m.end()):
            yield _Cand(m.start(), m.end(), "ordinal", int(m["n"]), "lần")


def _currency(cur: str) -> tuple[str, Decimal | int]:
    """The unit a currency word is normalised to and the factor to it: "9,35 Uscents" is 0,0935 USD."""
    cur = cur.lower()
    if cur.endswith(("cent", "cents")):
        return "USD", Decimal("0.01")
    return ("USD" if cur in ("usd", "us$", "$") or cur.startswith("đô") else "đồng"), 1


def _money(norm: str) -> Iterator[_Cand]:
    for m in _MONEY_RE.finditer(norm):
        total: float | int = 0
        for part in _AMOUNT_PART_RE.finditer(m["amount"]):
            total += _amount(part["num"], part["scales"])
        unit, factor = _currency(m["cur"])
        yield _Cand(m.start(), m.end(), "money", _scaled(total, factor), unit)


def _percents(norm: str) -> Iterator[_Cand]:
    for m in _PERCENT_RE.finditer(norm):
        yield _Cand(m.start(), m.end(), "percent", parse_number(m["num"]), "%")


def _measurements(norm: str) -> Iterator[_Cand]:
    for m in _MEASURE_RE.finditer(norm):
        kind, unit, factor = _MEASURE_UNITS[m["unit"]]
        yield _Cand(m.start(), m.end(), kind, _amount(m["num"], m["scales"], factor), unit)


def _fractions(norm: str) -> Iterator[_Cand]:
    for m in _FRACTION_RE.finditer(norm):
        a, b = parse_number(m["a"]), parse_number(m["b"])
        noun = _noun_span(norm, m.end())
        if 0 < b and a <= b and noun:
            yield _Cand(m.start(), noun[1], "fraction", a, norm[noun[0]:noun[1]], total=b)


def _durations(norm: str) -> Iterator[_Cand]:
    for m in _DURATION_RE.finditer(norm):
        yield _Cand(m.start(), m.end(), "duration", _amount(m["num"], m["half"]), m["unit"].lower())


def _years(norm: str) -> Iterator[_Cand]:
    for m in _YEAR_RE.finditer(norm):
        if int(m["y"]) >= 1000:
            yield _Cand(m.start(), m.end(), "year", int(m["y"]), "year")
    for m in _BARE_YEAR_RE.finditer(norm):
        # Bare numbers of recent centuries are years even before a noun ("2019 người dân" is rare in news);
        # older ones are years when no counted noun follows: "tới tận 1594" is a year, "1500 người" a count.
        y = int(m["y"])
        if 1900 <= y <= 2100 or (_is_year(m["y"]) and not _counted_head_follows(norm, m.end())):
            yield _Cand(m.start(), m.end(), "year", int(m["y"]), "year")


def _counted_head_follows(norm: str, pos: int) -> bool:
    """Whether a known counted noun (after an optional classifier) follows the space after pos."""
    gap = _WS_RUN_RE.match(norm, pos)
    lowers = [w.lower() for _, _, w in _noun_words(norm, gap.end())] if gap else []
    return bool(lowers) and bool(_known_head_len(lowers) or (lowers[0] in _CLASSIFIERS and _known_head_len(lowers, 1)))


def _after_label(norm: str, start: int) -> bool:
    """Whether the number at start follows a label word ("lớp 10"), the label itself neither counted ("2 tầng 10
    phòng") nor counted per ("mỗi lớp 45 em")."""
    before = norm[max(0, start - 12):start].split()
    if not before or (before[-1] != _LAW_ARTICLE and before[-1].lower() not in _LABEL_BEFORE):
        return False
    return not (len(before) > 1 and (before[-2].lower() in ("mỗi", "từng", "mọi") or before[-2][:1].isdigit()))


def _counts(norm: str) -> Iterator[_Cand]:
    for m in _COUNT_RE.finditer(norm):
        labelled = not m["scales"] and _after_label(norm, m.start())
        noun = _noun_span(norm, m.end()) if m["gap"] and not labelled else None
        number = parse_number(m["num"])
        if noun:
            yield _Cand(m.start(), noun[1], "count", _amount(m["num"], m["scales"]), norm[noun[0]:noun[1]])
        elif m["scales"]:  # "3 triệu." — a scaled amount without a noun
            yield _Cand(m.start(), m.start() + len(m["num"]) + len(m["scales"]), "count", _amount(m["num"], m["scales"]), "")
        elif "." in m["num"] or "," in m["num"] or number >= 1000:
            # "Dân số là 268.767." — a large or grouped number with no noun; small ones are mostly labels ("Quận 7").
            yield _Cand(m.start(), m.end("num"), "number", number, "")


def _word_counts(norm: str) -> Iterator[_Cand]:
    """Counts written in words: "bốn máy bay", "hai mươi lăm trường", "hai năm" (a duration)."""
    for m in _NUMBER_WORDS_RE.finditer(norm):
        before = norm[max(0, m.start() - 12):m.start()].lower().split()
        if before and before[-1] in _NOT_A_COUNT_BEFORE:
            continue
        tokens = list(LETTERS_RE.finditer(norm, m.start(), m.end()))
        if tokens[0].group().lower() == "tư":
            continue  # "tư" is four only after "mươi" or as an ordinal; alone it is "đầu tư", "tư nhân", "tư vấn"
        # The longest run of words that reads as a number and is followed by a noun: "hai năm" is 2 years, not 25.
        for n in range(len(tokens), 0, -1):
            cand = _word_count_at(norm, m.start(), tokens[n - 1].end(), [t.group().lower() for t in tokens[:n]])
            if cand is not None:
                yield cand
                break


def _word_count_at(norm: str, start: int, end: int, words: list[str]) -> _Cand | None:
    try:
        value = parse_number_words(" ".join(words))
    except ValueError:
        return None
    if _WORD_SCALES & set(words) and (cur := _CURRENCY_AT_RE.match(norm, end)):
        unit, factor = _currency(cur["cur"])  # "lãi hơn một tỷ đồng", "hai triệu USD"
        return _Cand(start, cur.end(), "money", _scaled(value, factor), unit)
    gap = _WS_RUN_RE.match(norm, end)
    noun = _noun_span(norm, gap.end()) if gap else None
    if not gap or not noun:
        return None
    unit_word = norm[noun[0]:noun[1]].split()[0].lower()
    if unit_word in _DURATION_UNITS:
        return _Cand(start, gap.end() + len(unit_word), "duration", value, unit_word)
    if len(words) == 1 and words[0] in _AMBIGUOUS_NUMBER_WORDS and not _counted_head_follows(norm, end):
        return None  # "một" is mostly an article, "năm" a year, "tư" a prefix: only before a known counted noun
    return _Cand(start, noun[1], "count", value, norm[noun[0]:noun[1]])


def _pair_unit(norm: str, pos: int, counts: bool) -> tuple[str, str | float | int, int] | None:
    """What follows the second number of a pair: (kind, unit or measure factor, end offset), or None.

    Money, percent, area and length units come first; with counts=True a duration word or a counted noun too."""
    if m := _CURRENCY_AT_RE.match(norm, pos):
        return "money", m["cur"], m.end()
    if m := _PERCENT_AT_RE.match(norm, pos):
        return "percent", "%", m.end()
    if m := _MEASURE_AT_RE.match(norm, pos):
        return "measure", m["unit"], m.end()
    if not counts or not (gap := _WS_RUN_RE.match(norm, pos)):
        return None
    if m := _DURATION_AT_RE.match(norm, gap.end()):
        return "duration", m["unit"].lower(), m.end()
    noun = _noun_span(norm, gap.end())
    return ("count", norm[noun[0]:noun[1]], noun[1]) if noun else None


def _pair_values(m: re.Match[str], factor: Decimal | int) -> tuple[float | int, float | int] | None:
    """Both ends of "a-b <scale>": the scale written after b applies to a too when that keeps a <= b
    ("40-50 triệu"), not when a is already in base units ("420.000-3,3 triệu đồng"); None if a > b."""
    high = _amount(m["b"], m["bscale"], factor)
    if m["ascale"] or not m["bscale"]:
        low = _amount(m["a"], m["ascale"], factor)
    else:
        low = _amount(m["a"], m["bscale"], factor)
        if low > high:
            low = _amount(m["a"], None, factor)
    return (low, high) if low <= high else None


def _pairs(norm: str) -> Iterator[_Cand]:
    """Ranges ("7-12 m", "20-25%", "15.000-120.000 đồng", "60-80 quả") and amounts of a total ("2.477/10.825 tỷ
    đồng"): two figures that share the unit and scale written after the second number."""
    for m in _PAIR_RE.finditer(norm):
        is_range = m["sep"].strip() != "/"
        before = norm[max(0, m.start() - 16):m.start()].lower().split()
        counts = is_range and not (before and before[-1] in _NOT_A_RANGE_BEFORE)
        unit = _pair_unit(norm, m.end(), counts)
        if unit is None:
            continue
        kind, what, end = unit
        factor: Decimal | int = 1
        if kind == "measure":
            kind, what, factor = _MEASURE_UNITS[str(what)]
        elif kind == "money":
            what, factor = _currency(str(what))
        values = _pair_values(m, factor)
        if values is None:
            continue
        low_end = m.end("ascale") if m["ascale"] else m.end("a")
        parts = ("from", "to") if is_range else ("part", "whole")
        yield _Cand(m.start(), low_end, kind, values[0], str(what), part=parts[0])
        yield _Cand(m.start("b"), end, kind, values[1], str(what), part=parts[1])


_PASSES = (_blocked, _documents, _dates, _phones, _periods, _quarters, _ordinals, _pairs, _money, _percents,
           _measurements, _fractions, _durations, _years, _counts, _word_counts)


def _date_years(norm: str, cands: list[_Cand], frame: YearFrame) -> list[_Cand]:
    """Give each day/month without a year ("--09-06") the year its marker, context or publication date says,
    stretching the figure over the marker ("18/3 cùng năm", "18/3 năm 1979") so that its text shows what was written."""
    out: list[_Cand] = []
    absorbed_until = -1
    for k, cand in enumerate(cands):
        if cand.start < absorbed_until:
            continue  # the "năm 1979" of "18/3 năm 1979", now part of the date
        out.append(cand)
        if cand.kind != "date" or not str(cand.value).startswith("--"):
            continue
        month, day = int(str(cand.value)[2:4]), int(str(cand.value)[5:7])
        marker = YEAR_MARKER_RE.match(norm, cand.end)
        following = cands[k + 1] if k + 1 < len(cands) else None
        if marker and following and following.start < marker.end() and not (
                following.kind == "year" and following.end <= marker.end()):
            marker = None
        year = frame.year(month, day, norm[:cand.start], marker["marker"] or "" if marker else "",
                          marker["year"] or "" if marker else "")
        if year is not None and _valid_date(year, month, day):
            cand.value = f"{year:04d}-{month:02d}-{day:02d}"
            if marker:
                cand.end = absorbed_until = marker.end()
    return out


def _collect(norm: str) -> list[_Cand]:
    claimed = bytearray(len(norm))
    kept: list[_Cand] = []
    for produce in _PASSES:
        for cand in produce(norm):
            if cand.end <= cand.start or claimed.find(1, cand.start, cand.end) != -1:
                continue
            claimed[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            if cand.kind and not (isinstance(cand.value, float) and not math.isfinite(cand.value)):
                kept.append(cand)
    kept.sort(key=lambda c: c.start)
    return kept


# ---------------------------------------------------------------------------------------------------------------
# Measures.

def _last_delim(pattern: re.Pattern[str], norm: str, lo: int, hi: int) -> re.Match[str] | None:
    last = None
    for m in pattern.finditer(norm, lo, hi):
        last = m
    return last


def _tokens(norm: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN_RE.finditer(norm, lo, hi):
        word = m.group().strip(_PUNCT_STRIP).lower()
        out.append((m.start(), m.end(), word))
    return out


def _trim(tokens: list[tuple[int, int, str]], trail: _Phrases | None) -> tuple[int, int]:
    """Indices i, j so that tokens[i:j] drops leading connectors and trailing verbs/approximators."""
    words = [t[2] for t in tokens]
    i, j = 0, len(tokens)
    while i < j:
        lead = _LEAD_TRIM.leading(words, i, j)
        i += lead
        back = trail.trailing(words, i, j) if trail else 0
        j -= back
        if not lead and not back:
            break
    return i, j


def _snap(norm: str, tokens: list[tuple[int, int, str]], lo: int, j: int) -> int:
    """First index >= lo where a phrase plausibly starts (after a function word, or a capitalised word),
    so that cutting a long clause does not split a two-syllable word; lo when there is none."""
    for k in range(lo, j):
        if k > 0 and tokens[k - 1][2] in _PHRASE_BREAK_WORDS or norm[tokens[k][0]].isupper():
            return k
    return lo


def _name_window(norm: str, tokens: list[tuple[int, int, str]], i: int, j: int) -> int:
    """Start index of the noun phrase a date/year/ordinal attaches to, within tokens[i:j]."""
    lo = max(i, j - _NAME_WORDS)
    attach = [k for k in range(lo, j) if tokens[k][2] in _ATTACH_WORDS]
    if attach and attach[-1] + 1 < j:
        return attach[-1] + 1
    caps = [k for k in range(lo, j) if norm[tokens[k][0]].isupper()]
    if caps:
        return caps[0]
    return _snap(norm, tokens, max(i, j - _NAME_FALLBACK_WORDS), j)


def _span(norm: str, lo: int, hi: int, kind: str) -> tuple[int, int] | None:
    """The measured phrase inside norm[lo:hi] (the clause before a figure), chosen by the figure's kind."""
    tokens = [t for t in _tokens(norm, lo, hi) if t[2]]
    if kind in _SUBJECT_KINDS:
        i, j = _trim(tokens, _TRAIL_TRIM)
        j = min(j, i + _SUBJECT_WORDS)
    elif kind in _COUNT_LIKE:
        i, j = _trim(tokens, _COUNT_TRAIL_TRIM)
        if j - i > _VERB_WORDS:
            i = _snap(norm, tokens, j - _VERB_WORDS, j)
    else:
        i, j = _trim(tokens, _NAME_TRAIL_TRIM)
        if i < j:
            i = _name_window(norm, tokens, i, j)
            i += _trim(tokens[i:j], None)[0]
    if i >= j:
        return None
    start, end = tokens[i][0], tokens[j - 1][1]
    while start < end and norm[start] in _PUNCT_STRIP:
        start += 1
    while end > start and norm[end - 1] in _PUNCT_STRIP:
        end -= 1
    return (start, end) if start < end else None


def _following_percent_phrase(norm: str, cand: _Cand, limit: int) -> tuple[int, int] | None:
    """"19% so với dự toán giao đầu năm": a percent is about the comparison that follows it."""
    m = _FOLLOW_PERCENT_RE.match(norm, cand.end)
    if not m:
        return None
    stop = _PHRASE_STOP_RE.search(norm, m.end(), limit)
    return _span(norm, m.end(), stop.start() if stop else limit, "percent")


def _document_type(norm: str, cand: _Cand, floor: int) -> tuple[int, int] | None:
    """"Kế hoạch" in "Kế hoạch số 202-KH/QU": the capitalised words before the code (and "số")."""
    lo = max(floor, cand.start - 80)
    delim = _last_delim(_CLAUSE_DELIM_RE, norm, lo, cand.start)
    lo = delim.end() if delim else lo
    hi = cand.start
    if m := _DOC_NUMBER_WORD_RE.search(norm, lo, hi):
        hi = m.start()
    tokens = [t for t in _tokens(norm, lo, hi) if t[2]][-3:]
    if not tokens:
        return None
    caps = [k for k, t in enumerate(tokens) if norm[t[0]].isupper()]
    first = caps[-1] if caps else max(0, len(tokens) - 2)
    return tokens[first][0], tokens[-1][1]


def _clause_start(norm: str, lo: int, hi: int) -> tuple[int, re.Match[str] | None]:
    """Offset after the last clause delimiter in norm[lo:hi] (or lo, moved past a cut word) and the delimiter."""
    delim = _last_delim(_CLAUSE_DELIM_RE, norm, lo, hi)
    if delim:
        return delim.end(), delim
    if lo > 0 and not norm[lo - 1].isspace():
        space = _SPACE_RE.search(norm, lo, hi)
        lo = space.end() if space else hi
    return lo, None


def _preceding(norm: str, cand: _Cand, floor: int) -> tuple[int, int] | None:
    lo = max(floor, cand.start - 300)
    left, delim = _clause_start(norm, lo, cand.start)
    span = _span(norm, left, cand.start, cand.kind)
    if delim and delim.group() == ",":
        short = span is None or len(norm[span[0]:span[1]].split()) < _SHORT_MEASURE_WORDS
        outer, outer_delim = _clause_start(norm, lo, delim.start())
        # "tổng số tiền bồi thường, hỗ trợ là 151 tỷ đồng": a comma inside a noun list, not a clause break.
        # Only when the wider clause is bounded by a delimiter, never by another figure.
        if outer_delim and (span is None or (short and cand.kind in _SUBJECT_KINDS)):
            wider = _span(norm, outer, cand.start, cand.kind)
            if wider:
                return wider
    return span


def _shares_clause(norm: str, prev: _Cand, cand: _Cand) -> bool:
    """Whether a figure with nothing measurable before it takes the previous figure's subject: only linking
    words between them ("2.472 tỷ đồng, đạt 19%"), or a list of the same kind ("3 chương trình ... và 10 chương
    trình"), within one sentence."""
    between = norm[prev.end:cand.start]
    if _STRONG_DELIM_RE.search(between):
        return False
    if prev.kind == cand.kind:
        return True
    return all(w.strip(_PUNCT_STRIP).lower() in _LINK_WORDS for w in between.split() if w.strip(_PUNCT_STRIP))


def _assign_measures(norm: str, cands: list[_Cand]) -> None:
    prev: _Cand | None = None
    for k, cand in enumerate(cands):
        floor = prev.end if prev else 0
        limit = cands[k + 1].start if k + 1 < len(cands) else len(norm)
        if cand.measures and cand.measures[0] == -1:
            document = prev if prev and prev.kind == "document" else None
            cand.measures = (document.measures[0] if document.measures else document.start,
                             document.end) if document else None
        elif cand.kind == "document":
            cand.measures = _document_type(norm, cand, floor)
        elif cand.kind == "percent" and (span := _following_percent_phrase(norm, cand, limit)):
            cand.measures = span
        else:
            cand.measures = _preceding(norm, cand, floor)
            if cand.measures is None and prev and prev.measures and _shares_clause(norm, prev, cand):
                cand.measures = prev.measures
        prev = cand


# ---------------------------------------------------------------------------------------------------------------
# Public API.

def extract_figures(text: str, base: int = 0, published: str = "", context: str = "") -> list[Figure]:
    """Typed figures in text, sorted by start and non-overlapping; offsets index text (plus base).

    NFC and NFD input are both read; offsets always index the string given, so
    text[f.start - base:f.end - base] == f.text and f.measures is a substring of text.
    ``published`` (the article's ISO publication date) and ``context`` (the text ``text`` stands in, at offset
    ``base``, such as the document text) date a day and month printed without a year: "6/9" is in the
    publication year, "30/4 năm sau" the year after, "18/3 cùng năm" in the year the paragraph named before.
    """
    norm, mapping = _nfc_with_map(text)
    if not _FIGURE_HINT_RE.search(norm):
        return []  # most sentences: no digit, number word or ordinal/quarter word, nothing to read
    cands = _collect(norm)
    cands = _date_years(norm, cands, YearFrame.of(published, context, base))
    _assign_measures(norm, cands)

    def orig(i: int) -> int:
        return mapping[i] if mapping is not None else i

    figures = []
    for c in cands:
        start, end = orig(c.start), orig(c.end)
        measures = text[orig(c.measures[0]):orig(c.measures[1])] if c.measures else ""
        figures.append(Figure(text=text[start:end], start=start + base, end=end + base, value=c.value,
                              unit=c.unit, kind=c.kind, measures=measures, total=c.total, date=c.date,
                              part=c.part))
    return figures


def figure_context(text: str, fig: Figure, base: int = 0, narrow: bool = False) -> str:
    """The clause a figure stands in: text between the nearest ; : . ! ? or line break on either side
    (also commas when narrow=True). The result is an exact substring of text, stripped of spaces."""
    start = max(0, min(len(text), fig.start - base))
    end = max(start, min(len(text), fig.end - base))
    pattern = _NARROW_CONTEXT_DELIM_RE if narrow else _CONTEXT_DELIM_RE
    left = _last_delim(pattern, text, 0, start)
    lo = left.end() if left else 0
    right = pattern.search(text, end)
    hi = right.start() if right else len(text)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return text[lo:hi]
