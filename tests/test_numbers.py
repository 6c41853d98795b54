"""Reading and writing Vietnamese numbers: digits, number words, Roman numerals, display."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.numbers import (
    format_number,
    format_vi,
    parse_number,
    parse_number_words,
    parse_roman,
    roman,
    scale_of,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2.472", 2472, id="dot-groups-thousands"),
        pytest.param("42.092", 42092, id="dot-groups-thousands-area"),
        pytest.param("1.000.000", 1_000_000, id="several-thousand-groups"),
        pytest.param("1,5", 1.5, id="comma-is-decimal-mark"),
        pytest.param("0,5", 0.5, id="leading-zero-decimal"),
        pytest.param("9.850,5", 9850.5, id="groups-and-decimal-comma"),
        pytest.param("15", 15, id="plain-integer"),
        pytest.param("1.5", 1.5, id="ambiguous-dot-without-three-digits-is-decimal"),
        pytest.param("1.50", 1.5, id="dot-with-two-digits-is-decimal"),
        pytest.param("2,0", 2, id="integral-decimal-becomes-int"),
        pytest.param("  478 ", 478, id="surrounding-spaces-ignored"),
        pytest.param("2 472 000", 2_472_000, id="space-groups-as-format-vi-writes"),
        pytest.param("-3", -3, id="negative-sign"),
        pytest.param("007", 7, id="leading-zeros"),
    ],
)
def test_parse_number_reads_vietnamese_notation(text: str, expected: float | int) -> None:
    result = parse_number(text)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("abc", id="letters"),
        pytest.param("1.2.3", id="dots-not-thousand-groups"),
        pytest.param("1,2,3", id="two-decimal-commas"),
        pytest.param("12.34.567", id="irregular-groups"),
        pytest.param("١٢", id="non-ascii-digits"),
        pytest.param("1,", id="comma-without-decimals"),
    ],
)
def test_parse_number_rejects_malformed_text(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param("một", 1, id="one"),
        pytest.param("mười", 10, id="ten"),
        pytest.param("mười hai", 12, id="twelve"),
        pytest.param("mười lăm", 15, id="lam-after-muoi"),
        pytest.param("hai mươi lăm", 25, id="twenty-five"),
        pytest.param("hai mươi mốt", 21, id="mot-after-muoi"),
        pytest.param("ba mươi tư", 34, id="tu-after-muoi"),
        pytest.param("tư", 4, id="tu-alone-as-in-ordinals"),
        pytest.param("một trăm linh năm", 105, id="linh-marks-zero-tens"),
        pytest.param("hai nghìn", 2000, id="nghin-scale"),
        pytest.param("ba ngàn", 3000, id="ngan-scale"),
        pytest.param("một triệu hai trăm nghìn", 1_200_000, id="million-and-thousands"),
        pytest.param("hai tỷ ba trăm triệu", 2_300_000_000, id="billion-and-millions"),
        pytest.param("năm tỉ", 5_000_000_000, id="ti-spelling"),
        pytest.param("một nghìn tỷ", 10**12, id="scale-of-scale"),
        pytest.param("Hai Mươi", 20, id="case-insensitive"),
        pytest.param("triệu rưỡi", 1_500_000, id="a-million-and-a-half"),
        pytest.param("hai tỷ rưỡi", 2_500_000_000, id="two-and-a-half-billion"),
        pytest.param("một trăm rưởi", 150, id="hundred-and-a-half"),
    ],
)
def test_parse_number_words(words: str, expected: int) -> None:
    assert parse_number_words(words) == expected


@pytest.mark.parametrize(
    "words",
    [
        pytest.param("", id="empty"),
        pytest.param("tư năm", id="two-digits-in-a-row"),
        pytest.param("mười mười", id="ten-twice"),
        pytest.param("mươi", id="tens-without-digit"),
        pytest.param("dự án", id="not-number-words"),
        pytest.param("rưỡi", id="half-without-a-scale"),
        pytest.param("hai rưỡi", id="half-after-a-digit"),
    ],
)
def test_parse_number_words_rejects_ill_formed(words: str) -> None:
    with pytest.raises(ValueError):
        parse_number_words(words)


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [
        pytest.param("I", 1, id="one"),
        pytest.param("IV", 4, id="subtractive-four"),
        pytest.param("V", 5, id="five"),
        pytest.param("XIV", 14, id="fourteen"),
        pytest.param("XIII", 13, id="thirteen"),
        pytest.param("MMXXIV", 2024, id="year"),
        pytest.param("xv", 15, id="lowercase-accepted"),
    ],
)
def test_parse_roman(numeral: str, expected: int) -> None:
    assert parse_roman(numeral) == expected


@pytest.mark.parametrize(
    "numeral",
    [
        pytest.param("", id="empty"),
        pytest.param("IIII", id="four-ones"),
        pytest.param("VX", id="bad-subtraction"),
        pytest.param("ABC", id="not-roman-letters"),
        pytest.param("IC", id="skipped-subtraction"),
        pytest.param("12", id="digits"),
    ],
)
def test_parse_roman_rejects_non_roman(numeral: str) -> None:
    with pytest.raises(ValueError):
        parse_roman(numeral)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("nghìn", 10**3), ("ngàn", 10**3), ("triệu", 10**6), ("tỷ", 10**9), ("tỉ", 10**9), ("Tỷ", 10**9)],
)
def test_scale_words(word: str, expected: int) -> None:
    assert scale_of(word) == expected


def test_scale_of_rejects_other_words() -> None:
    with pytest.raises(ValueError, match="not a scale word"):
        scale_of("trăm")


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        pytest.param(2_472_000_000_000, "đồng", "2 472 000 000 000 đồng", id="money-spaces-group-thousands"),
        pytest.param(1.5e9, "đồng", "1 500 000 000 đồng", id="integral-float-written-as-int"),
        pytest.param(42092, "m²", "42 092 m²", id="area"),
        pytest.param(19, "%", "19%", id="percent-without-space"),
        pytest.param(1.5, "%", "1,5%", id="decimal-percent"),
        pytest.param(9850.5, "", "9 850,5", id="decimal-comma"),
        pytest.param(0.1 + 0.2, "", "0,3", id="float-noise-rounded"),
        pytest.param(-1234, "", "-1 234", id="negative"),
        pytest.param(7, "dự án", "7 dự án", id="count-with-noun"),
        pytest.param("2024-01-09", "date", "9/1/2024", id="iso-date-day-first"),
        pytest.param(dt.date(2024, 4, 15), "date", "15/4/2024", id="date-object"),
        pytest.param("2024-04", "date", "4/2024", id="month-date"),
        pytest.param("--03-20", "date", "20/3", id="day-month-without-year"),
        pytest.param("2024-Q1", "quarter", "quý I/2024", id="quarter-with-year"),
        pytest.param("Q2", "quarter", "quý II", id="quarter-without-year"),
        pytest.param(2024, "year", "2024", id="year-not-grouped"),
        pytest.param("2020-2025", "period", "2020-2025", id="period-as-is"),
        pytest.param(5, "ordinal", "thứ 5", id="ordinal"),
        pytest.param("202-KH/QU", "document", "202-KH/QU", id="document-code-as-is"),
    ],
)
def test_format_vi(value: object, unit: str, expected: str) -> None:
    assert format_vi(value, unit) == expected  # type: ignore[arg-type]


def test_roman_writes_quarters() -> None:
    assert [roman(n) for n in (1, 2, 3, 4, 14)] == ["I", "II", "III", "IV", "XIV"]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_round_trip_through_format_and_parse(n: int) -> None:
    assert parse_number(format_number(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_dot_grouped_integers_parse_back(n: int) -> None:
    dotted = f"{n:,}".replace(",", ".")
    assert parse_number(dotted) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_decimal_comma_round_trip(whole: int, hundredths: int) -> None:
    value = whole + hundredths / 100
    assert parse_number(format_number(value)) == pytest.approx(value)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n: int) -> None:
    assert parse_roman(roman(n)) == n
