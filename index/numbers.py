"""Vietnamese numbers: read digits ("2.472", "1,5"), number words, Roman numerals; write values the Vietnamese way."""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata

__all__ = [
    "SCALE_WORDS",
    "format_number",
    "format_vi",
    "parse_number",
    "parse_number_words",
    "parse_roman",
    "roman",
    "scale_of",
]

SCALE_WORDS: dict[str, int] = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}

_SPACES = "\u0020\u00a0\u202f\u2009"
_SIGN_RE = re.compile(r"[+\-\u2212]")
_GROUPED_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")          # 1.000.000
_SPACE_GROUPED_RE = re.compile(r"\d{1,3}(?: \d{3})+")       # 1 000 000 (what format_vi writes)
_PLAIN_RE = re.compile(r"\d+")
_DOT_DECIMAL_RE = re.compile(r"\d*\.\d+")                   # ambiguous "1.5": not a thousands group, so decimal
_ROMAN_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
_MONTH_DAY_RE = re.compile(r"--(\d{2})-(\d{2})")
_QUARTER_RE = re.compile(r"(?:(\d{4})-)?Q([1-4])")


def scale_of(word: str) -> int:
    """Multiplier of a scale word ("nghìn" → 1000, "tỷ" → 10**9); ValueError for anything else."""
    key = unicodedata.normalize("NFC", word).strip().lower()
    if key not in SCALE_WORDS:
        raise ValueError(f"{word!r} is not a scale word; expected one of {', '.join(SCALE_WORDS)}")
    return SCALE_WORDS[key]


def _integral(value: float | int) -> float | int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def parse_number(s: str) -> float | int:
    """Read a number written the Vietnamese way: "." groups thousands, "," is the decimal mark.

    "2.472" → 2472, "9.850,5" → 9850.5, "0,5" → 0.5; a dot not followed by exactly three digits is a
    decimal point ("1.5" → 1.5). Space-grouped digits ("2 472 000", as format_vi writes) are accepted.
    Returns an int when the value is integral; raises ValueError on anything else.
    """
    text = unicodedata.normalize("NFC", s).strip()
    for space in _SPACES[1:]:
        text = text.replace(space, " ")
    sign = 1
    if text[:1] and _SIGN_RE.fullmatch(text[:1]):
        sign = -1 if text[0] != "+" else 1
        text = text[1:].lstrip()
    if not text.isascii():
        raise ValueError(f"cannot read {s!r} as a number: only the digits 0-9 are read")
    whole, comma, frac = text.partition(",")
    if comma and not (frac.isdigit()):
        raise ValueError(f"cannot read {s!r} as a number: expected digits after the decimal comma")
    if _GROUPED_RE.fullmatch(whole) or _SPACE_GROUPED_RE.fullmatch(whole):
        digits = whole.replace(".", "").replace(" ", "")
    elif _PLAIN_RE.fullmatch(whole):
        digits = whole
    elif not comma and _DOT_DECIMAL_RE.fullmatch(whole):
        return sign * _integral(float(whole))
    else:
        raise ValueError(f"cannot read {s!r} as a number: use '.' for thousands and ',' for decimals, e.g. 9.850,5")
    if comma:
        return sign * _integral(float(f"{digits}.{frac}"))
    return sign * int(digits)


# Digit words. "lăm" and "mốt" only follow "mươi"; "tư" is 4 in ordinals and after "mươi"; "linh"/"lẻ" mark a zero tens.
_DIGIT_WORDS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
_ZERO_TENS = {"linh", "lẻ"}
_HALF_WORDS = {"rưỡi", "rưởi"}  # "triệu rưỡi": one and a half million; "trăm rưởi": one hundred and fifty


class _WordNumber:
    """Accumulator for parse_number_words: total (above 1000s), group (below 1000), pending digit."""

    def __init__(self) -> None:
        self.total = 0
        self.group = 0
        self.digit: int | None = None
        self.seen = False
        self.last_unit = 0  # the scale or hundred just read, which "rưỡi" halves

    def add_digit(self, word: str, value: int) -> None:
        if self.digit is not None:
            raise ValueError(f"two digit words in a row before {word!r}")
        self.digit = value
        self.seen = True
        self.last_unit = 0

    def add_tens(self, word: str) -> None:
        if word == "mười":
            if self.digit is not None or self.group % 100 >= 10:
                raise ValueError("'mười' cannot follow a digit word; use 'mươi' for tens")
            self.group += 10
        else:  # mươi / chục multiply the pending digit
            if self.digit is None:
                raise ValueError(f"{word!r} needs a digit word before it (e.g. 'hai {word}')")
            self.group += self.digit * 10
            self.digit = None
        self.seen = True
        self.last_unit = 0

    def add_hundreds(self) -> None:
        self.group += (1 if self.digit is None else self.digit) * 100
        self.digit = None
        self.seen = True
        self.last_unit = 100

    def add_half(self, word: str) -> None:
        if not self.last_unit or self.digit is not None:
            raise ValueError(f"{word!r} (a half) follows a scale word or 'trăm', e.g. 'triệu {word}'")
        if self.last_unit == 100:
            self.group += 50
        else:
            self.total += self.last_unit // 2
        self.last_unit = 0

    def add_scale(self, scale: int) -> None:
        chunk = self.group + (self.digit or 0)
        if chunk == 0 and not self.total:
            chunk = 1
        if self.total and self.total < scale:  # "một nghìn tỷ": the scale multiplies everything read so far
            self.total = (self.total + chunk) * scale
        else:
            self.total += chunk * scale
        self.group, self.digit = 0, None
        self.seen = True
        self.last_unit = scale

    def value(self) -> int:
        if not self.seen:
            raise ValueError("no number words found")
        return self.total + self.group + (self.digit or 0)


def parse_number_words(s: str) -> int:
    """Read Vietnamese number words: "mười hai" → 12, "hai mươi lăm" → 25, "một trăm linh năm" → 105,
    "hai tỷ ba trăm triệu" → 2_300_000_000, "tư" → 4, "một triệu rưỡi" → 1_500_000. Raises ValueError on unknown or ill-formed words."""
    words = unicodedata.normalize("NFC", s).lower().replace("-", " ").split()
    acc = _WordNumber()
    for word in words:
        if word in _DIGIT_WORDS:
            acc.add_digit(word, _DIGIT_WORDS[word])
        elif word in ("mười", "mươi", "chục"):
            acc.add_tens(word)
        elif word == "trăm":
            acc.add_hundreds()
        elif word in SCALE_WORDS:
            acc.add_scale(SCALE_WORDS[word])
        elif word in _HALF_WORDS:
            acc.add_half(word)
        elif word in _ZERO_TENS:
            continue
        else:
            raise ValueError(f"{word!r} is not a Vietnamese number word")
    return acc.value()


def parse_roman(s: str) -> int:
    """Read a Roman numeral ("XIV" → 14, "V" → 5); raises ValueError if it is not a well-formed numeral."""
    text = s.strip().upper()
    if not text or not _ROMAN_RE.fullmatch(text):
        raise ValueError(f"{s!r} is not a Roman numeral")
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def roman(n: int) -> str:
    """Write 1..3999 as a Roman numeral (4 → "IV"); used for quarters ("quý I")."""
    if not 0 < n < 4000:
        raise ValueError(f"{n} cannot be written as a Roman numeral; use 1..3999")
    out = []
    for value, symbol in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return " ".join(parts)


def format_number(value: float | int) -> str:
    """Digits with spaces between thousands and a decimal comma: 9850.5 → "9 850,5", 1.5e9 → "1 500 000 000"."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        value = _integral(round(value, 6))
    sign = "-" if value < 0 else ""
    if isinstance(value, int):
        return sign + _group_thousands(str(abs(value)))
    whole, _, frac = f"{abs(value):.6f}".rstrip("0").partition(".")
    text = _group_thousands(whole)
    return f"{sign}{text},{frac}" if frac else sign + text


def _format_date(value: str) -> str:
    if m := _ISO_DATE_RE.fullmatch(value):
        return f"{int(m[3])}/{int(m[2])}/{m[1]}"
    if m := _ISO_MONTH_RE.fullmatch(value):
        return f"{int(m[2])}/{m[1]}"
    if m := _MONTH_DAY_RE.fullmatch(value):
        return f"{int(m[2])}/{int(m[1])}"
    return value


def _format_quarter(value: str) -> str:
    m = _QUARTER_RE.fullmatch(value)
    if not m:
        return value
    text = f"quý {roman(int(m[2]))}"
    return f"{text}/{m[1]}" if m[1] else text


def format_vi(value: float | int | str | _dt.date, unit: str = "") -> str:
    """Write a value the Vietnamese way: 2472000000000, "đồng" → "2 472 000 000 000 đồng"; 19, "%" → "19%";
    "2024-01-09", "date" → "9/1/2024"; "2024-Q1", "quarter" → "quý I/2024"; 2024, "year" → "2024"."""
    if isinstance(value, _dt.date):
        value = value.isoformat()[:10]
    if unit == "date":
        return _format_date(str(value))
    if unit == "quarter":
        return _format_quarter(str(value))
    if unit in ("year", "period", "document"):
        return str(value)
    if unit == "ordinal":
        return f"thứ {value}"
    text = value if isinstance(value, str) else format_number(value)
    if not unit:
        return text
    if unit == "%":
        return text + "%"
    return f"{text} {unit}"
