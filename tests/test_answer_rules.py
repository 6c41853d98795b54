"""The hand rules that refuse a chosen sentence: a unit the sentence has no figure in, a when-question it cannot answer."""

from __future__ import annotations

import pytest

from qa.answer import Composer
from qa.config import AnswerConfig
from qa.features import says_when
from qa.figure_choice import fitting_figures
from qa.followup import resolve


def _chunk(assistant, words: str) -> int:
    return next(i for i, c in enumerate(assistant.corpus.chunks) if words in c.text)


def _refused(assistant, question: str, words: str, **config: object) -> bool:
    q = resolve(question)
    idx = _chunk(assistant, words)
    composer = Composer(assistant.corpus, AnswerConfig().with_(**config))
    return composer._unfit(q, idx, fitting_figures(q, list(assistant.corpus.figures[idx])))


SPENDING = "Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng"


def test_a_unit_named_after_bao_nhieu_refuses_a_sentence_without_a_figure_of_its_kind(hash_assistant) -> None:
    assert _refused(hash_assistant, "Chi ngân sách nhà nước dài bao nhiêu km?", SPENDING)
    assert not _refused(hash_assistant, "Chi ngân sách nhà nước dài bao nhiêu km?", SPENDING, needs_unit=False)


def test_a_unit_the_sentence_has_a_figure_of_keeps_it(hash_assistant) -> None:
    assert not _refused(hash_assistant, "Chi ngân sách nhà nước đạt bao nhiêu tỷ đồng?", SPENDING)


def test_a_when_question_refuses_a_sentence_that_does_not_say_when(hash_assistant) -> None:
    question = "Khi nào chi ngân sách nhà nước được thực hiện?"
    assert _refused(hash_assistant, question, SPENDING)
    assert not _refused(hash_assistant, question, SPENDING, needs_time=False)


def test_a_when_question_keeps_a_sentence_with_a_date(hash_assistant) -> None:
    assert not _refused(hash_assistant, "Kế hoạch 202-KH/QU được triển khai khi nào?", "Kế hoạch số 202-KH/QU ngày 9-1-2024")


@pytest.mark.parametrize("question", ["Người này đã từng bị áp-xe bao giờ chưa?", "Anh đã bao giờ đến Hà Nội không?"])
def test_ever_questions_are_not_when_questions(question: str) -> None:
    assert resolve(question).expected == "yesno"


@pytest.mark.parametrize("sentence", ["Kể từ khi Pháp lập một thuộc địa trên quần đảo.", "Dưới triều vua François Đệ nhất.",
                                      "Ngày 9-1-2024, quận ban hành kế hoạch.", "Vào thế kỷ 19, Paris thu hút danh họa."])
def test_a_date_or_an_event_clause_says_when(sentence: str) -> None:
    assert says_when(sentence)


def test_a_sentence_without_a_time_does_not_say_when() -> None:
    assert not says_when("Chính phủ trình Quốc hội ban hành nghị quyết trên phạm vi toàn quốc.")


def _scored(assistant, question: str, **config: object):
    q = resolve(question)
    composer = Composer(assistant.corpus, AnswerConfig().with_(**config))
    return composer, q, composer.score(q, assistant.retrieve(q), "hybrid")


def test_a_question_whose_names_the_article_never_writes_is_refused(hash_assistant) -> None:
    composer, q, scored = _scored(hash_assistant, "Thu ngân sách của Đà Nẵng quý I đạt bao nhiêu?")
    assert composer._unknown_names(q, scored)
    composer, q, scored = _scored(hash_assistant, "Thu ngân sách của Đà Nẵng quý I đạt bao nhiêu?", unknown_names=False)
    assert not composer._unknown_names(q, scored)


@pytest.mark.parametrize("question", [
    "Thu ngân sách của quận Long Biên quý I đạt bao nhiêu?",  # a name the article writes
    "Quý I quận thu ngân sách được bao nhiêu tiền?",  # "Quý I" is read as the index reads it, "quý 1"
    "Chương trình 01-CTr/QU có bao nhiêu chỉ tiêu?",  # "CTr" belongs to a code, it is no name
    "What is the budget revenue of Da Nang?",  # English questions name things in English: left to the models
])
def test_names_the_article_writes_codes_and_english_questions_are_not_refused_for_names(hash_assistant,
                                                                                          question: str) -> None:
    composer, q, scored = _scored(hash_assistant, question)
    assert not composer._unknown_names(q, scored)
