"""Passage term sets: built from each passage's syllables, exactly as tokenising the joined texts would build them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.text import syllables
from qa.evidence import Evidence, joined, joined_terms, terms

# Words that exercise every rule of ``syllables`` at a text's edges: Roman numerals after the words that make them
# numbers, grouped thousands, ranges of years, document codes, capitals and unaccented spellings.
WORDS = ["quý", "Quý", "khóa", "thứ", "I", "II", "iv", "Vi", "vi", "phạm", "X", "ngân", "sách", "2.472", "40.000",
         "1996-2009", "202-KH/QU", "19%", "42.092m2", "Hà", "Nội", "ha", "noi", "năm", "2024", "PSG", "đạt", "."]
texts = st.lists(st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join), max_size=5)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_joining_the_syllables_of_texts_reads_them_as_tokenising_the_joined_text_does(parts: list[str]) -> None:
    assert joined([syllables(t) for t in parts]) == syllables(" ".join(parts))


def test_a_roman_numeral_opening_a_text_is_read_after_the_word_closing_the_one_before() -> None:
    pieces = [syllables("Thu ngân sách quý"), syllables("I đạt 2.472 tỷ đồng")]
    assert pieces[1][0] == "i"
    assert joined(pieces)[3:5] == ["quý", "1"] and "quy_1" in terms(joined(pieces))


def test_terms_hold_folded_syllables_their_pairs_and_the_years_of_a_range() -> None:
    assert terms(syllables("Giai đoạn 1996-2009")) == {
        "giai", "doan", "1996-2009", "1996", "2009", "giai_doan", "doan_1996-2009"}


def test_a_document_numbered_within_a_year_also_gives_its_number() -> None:
    assert {"170", "170/2024", "quyet_170/2024"} <= terms(syllables("Nghị quyết 170/2024/QH15"))
    assert "14" not in terms(syllables("14/14 phường")) and "17" not in terms(syllables("ngày 17/9"))


def _reference(corpus, idx: int) -> tuple[set[str], set[str], set[str]]:
    """Sentence, paragraph and context term sets as defined: the passages' texts tokenised whole."""
    from qa.spans import initialisms

    def of(texts: list[str]) -> set[str]:
        return terms(syllables(" ".join(texts)))

    c = corpus.chunks[idx]
    doc = corpus.documents[c.doc_id]
    members = [j for j in range(len(corpus.chunks)) if corpus.group[j] == corpus.group[idx]]
    para = [doc.title, c.section, *([doc.published[:4]] if doc.published else [])] + [corpus.chunks[j].text for j in members]
    ctx = [doc.title, c.section] + [corpus.chunks[j].text for j in members if j < idx]
    return of([c.text]), of(para) | initialisms(" ".join(para)), of(ctx)


def test_every_passage_of_an_article_gets_the_term_sets_of_its_tokenised_texts(hash_assistant) -> None:
    corpus = hash_assistant.corpus
    ev = Evidence(corpus)
    for idx in range(len(corpus.chunks)):
        assert (ev.sentence(idx), ev.paragraph(idx), ev.context(idx)) == _reference(corpus, idx)


def test_passage_words_from_its_syllables_equal_the_words_of_its_text(hash_assistant) -> None:
    from qa.spans import words

    corpus = hash_assistant.corpus
    ev = Evidence(corpus)
    assert [ev.words(i) for i in range(len(corpus.chunks))] == [words(c.text) for c in corpus.chunks]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_terms_of_texts_one_after_another_are_their_own_terms_and_the_pairs_across_their_edges(parts: list[str]) -> None:
    pieces = [(syllables(t), terms(syllables(t))) for t in parts]
    assert joined_terms(pieces) == terms(syllables(" ".join(parts)))



_NUMBERS = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]


def test_a_paragraph_of_a_page_without_breaks_is_read_around_each_passage(tmp_path) -> None:
    from index.embedder import HashEmbedder
    from qa import Assistant

    sentences = [f"Đoạn {n} nói về kho số {i} của tỉnh." for i, n in enumerate(_NUMBERS * 3)]
    page = tmp_path / "trang.txt"
    page.write_text("Kho hàng của tỉnh\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
    corpus = Assistant.from_files([page], embedder=HashEmbedder(), cache_dir=tmp_path / "c").corpus
    ev = Evidence(corpus, reach=4)
    idx = next(i for i, c in enumerate(corpus.chunks) if "kho số 15 " in c.text)
    members = ev.members(idx)
    assert len(members) == len(sentences)  # one paragraph
    para = ev.paragraph(idx)
    assert {"12", "15", "19"} <= para and not {"0", "7", "29"} & para  # its block of 4 and one either side
    assert "11" in ev.context(idx) and "16" not in ev.context(idx)
    assert Evidence(corpus, reach=10).paragraph(idx) >= {"0", "29"}  # short enough to be read whole


def test_on_a_page_without_breaks_only_the_first_block_of_sentences_is_the_lead(tmp_path) -> None:
    from index.embedder import HashEmbedder
    from qa import Assistant

    sentences = [f"Đoạn {n} nói về kho số {i} của tỉnh." for i, n in enumerate(_NUMBERS * 3)]
    glued = tmp_path / "trang.txt"
    glued.write_text("Kho hàng của tỉnh\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
    broken = tmp_path / "doan.txt"
    broken.write_text("Kho hàng của tỉnh\n\n" + " ".join(sentences[:6]) + "\n\n" + " ".join(sentences[6:]) + "\n",
                      encoding="utf-8")
    for page, lead in ((glued, 4), (broken, 6)):
        corpus = Assistant.from_files([page], embedder=HashEmbedder(), cache_dir=tmp_path / page.stem).corpus
        ev = Evidence(corpus, reach=4)
        body = [i for i, c in enumerate(corpus.chunks) if c.text in sentences]
        assert [ev.is_lead(i) for i in body] == [True] * lead + [False] * (len(sentences) - lead), page.name
