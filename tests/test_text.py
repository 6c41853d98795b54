"""The Vietnamese text layer: NFC, tone placement, folding and tokens."""

import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from index.text import canonical_tones, clean, fold, has_diacritics, syllables, tokenize, with_bigrams

VI_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐÂ .,;:!?-/%“”\"'()0123456789\n\t\u0300\u0301\u0309\u0303\u0323\u0000\u200b"


def test_nfd_text_cleans_to_the_same_string_as_nfc():
    s = "Thu ngân sách quý I đạt 2.472 tỷ đồng"
    assert clean(unicodedata.normalize("NFD", s)) == s


@pytest.mark.parametrize(
    "old,new",
    [("hoà", "hòa"), ("uỷ", "ủy"), ("thuý", "thúy"), ("Hoà Bình", "Hòa Bình"), ("toạ đàm", "tọa đàm"), ("khoá", "khóa")],
)
def test_both_tone_mark_conventions_match_as_one(old, new):
    assert canonical_tones(old) == canonical_tones(new)
    assert syllables(old) == syllables(new)


@pytest.mark.parametrize("word", ["quả", "già", "hoàn", "người", "ngoài", "thuyết", "quyết", "giữa"])
def test_tone_placement_leaves_standard_spellings_alone(word):
    assert canonical_tones(word) == word


@pytest.mark.parametrize("i_spelling,y_spelling", [("thế kỉ", "thế kỷ"), ("tỉ lệ", "tỷ lệ"), ("lí do", "lý do"),
                                                    ("kĩ thuật", "kỹ thuật"), ("nước Mĩ", "nước Mỹ"),
                                                    ("hi vọng", "hy vọng"), ("quí I", "quý I"), ("the ki", "the ky")])
def test_i_and_y_spellings_of_one_syllable_are_one_token(i_spelling, y_spelling):
    assert syllables(i_spelling) == syllables(y_spelling)


@pytest.mark.parametrize("word", ["gì", "đi", "chi", "bí", "nghĩ", "tuy", "quyết", "khuya"])
def test_i_and_y_are_kept_where_they_are_not_spellings_of_one_vowel(word):
    assert syllables(word) == [word]


def test_folding_maps_d_stroke_explicitly():
    assert fold("Đường Hoài Nam đạt") == "duong hoai nam dat"


def test_folding_is_ambiguous_but_lowercase():
    assert fold("quý") == fold("quỹ") == "quy"


def test_has_diacritics_tells_typed_without_accents():
    assert not has_diacritics("thu ngan sach quy 1")
    assert has_diacritics("thu ngân sách")
    assert has_diacritics("dd đ")


@pytest.mark.parametrize(
    "text,token",
    [
        ("đạt 2.472 tỷ đồng", "2.472"),
        ("thu hồi 42.092m2 đất", "42.092m2"),
        ("Kế hoạch số 202-KH/QU ngày", "202-kh/qu"),
        ("chỉ đạo 14/14 phường", "14/14"),
        ("ngày 9-1-2024 về", "9-1-2024"),
        ("Chỉ thị số 03/CT-UBND ngày", "03/ct-ubnd"),
        ("Chương trình số 01-CTr/QU,", "01-ctr/qu"),
        ("đạt 19% so với", "19%"),
        ("1,5 tỷ", "1,5"),
    ],
)
def test_numbers_codes_and_dates_stay_whole(text, token):
    assert token in [t.text for t in tokenize(clean(text))]


def test_no_stop_words_are_dropped():
    toks = syllables("Năm 2024 ngày số đồng 19%")
    assert toks == ["năm", "2024", "ngày", "số", "đồng", "19%"]


def test_roman_quarter_reads_as_digit():
    assert syllables("quý I") == ["quý", "1"]
    assert [fold(t) for t in syllables("quý I")] == syllables("quy 1")


def test_control_characters_and_nul_are_removed():
    assert clean("Thu\x00 ngân\u200b sách\x07\r\nchi") == "Thu ngân sách\nchi"


def test_bigrams_follow_syllables():
    assert with_bigrams(["thu", "ngân", "sách"]) == ["thu", "ngân", "sách", "thu_ngân", "ngân_sách"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=VI_ALPHABET, max_size=80) | st.text(max_size=40))
def test_normalisation_is_idempotent_and_never_raises(s):
    c = clean(s)
    assert clean(c) == c
    assert fold(fold(c)) == fold(c)
    assert canonical_tones(canonical_tones(c)) == canonical_tones(c)


def _iy(folded: str) -> str:
    return folded.replace("i", "y")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=VI_ALPHABET, max_size=80))
def test_token_offsets_slice_back_to_the_text(s):
    c = clean(s)
    for t in tokenize(c):
        # the same text up to tone placement and the i/y spelling of a final vowel ("kỉ" is the token "kỷ")
        assert c[t.start : t.end].lower() == t.text or _iy(fold(c[t.start : t.end])) == _iy(fold(t.text))
