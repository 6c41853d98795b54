"""SQuAD-style sets: JSON, JSON array and JSON Lines load the same; documents per title; hit@k and context recall."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from eval.errors import SquadFormatError
from eval.squad import build_documents, group_contexts, load_squad, paragraph_spans, run_squad

P1 = "Paris là thủ đô của Pháp. Thành phố nằm bên sông Seine."
P2 = "Tháp Eiffel cao 330 mét. Tháp được xây năm 1889."
C1 = "Canada là quốc gia rộng thứ hai thế giới."
RECORDS = [
    {"id": "q1", "title": "Paris", "context": P1, "question": "Paris nằm bên sông nào?",
     "answers": {"text": ["sông Seine"], "answer_start": [40]}, "is_impossible": False},
    {"id": "q2", "title": "Paris", "context": P2, "question": "Tháp Eiffel cao bao nhiêu?",
     "answers": {"text": ["330 mét"], "answer_start": [16]}, "is_impossible": False},
    {"id": "q3", "title": "Paris", "context": P1, "question": "Paris có bao nhiêu dân?",
     "answers": {"text": [], "answer_start": []}, "is_impossible": True, "plausible_answers": None},
    {"id": "q4", "title": "Canada", "context": C1, "question": "Canada rộng thứ mấy?",
     "answers": {"text": ["thứ hai"], "answer_start": [22]}, "is_impossible": False},
]


def test_jsonl_json_array_and_squad_json_load_the_same_questions(tmp_path):
    jl = tmp_path / "s.jsonl"
    jl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8")
    arr = tmp_path / "s.json"
    arr.write_text(json.dumps(RECORDS, ensure_ascii=False), encoding="utf-8")
    nested = {"version": "v2.0", "data": [
        {"title": "Paris", "paragraphs": [
            {"context": P1, "qas": [{"id": "q1", "question": RECORDS[0]["question"],
                                     "answers": [{"text": "sông Seine", "answer_start": 40}], "is_impossible": False},
                                    {"id": "q3", "question": RECORDS[2]["question"], "answers": [],
                                     "is_impossible": True}]},
            {"context": P2, "qas": [{"id": "q2", "question": RECORDS[1]["question"],
                                     "answers": [{"text": "330 mét", "answer_start": 16}], "is_impossible": False}]}]},
        {"title": "Canada", "paragraphs": [
            {"context": C1, "qas": [{"id": "q4", "question": RECORDS[3]["question"],
                                     "answers": [{"text": "thứ hai", "answer_start": 22}]}]}]}]}
    sq = tmp_path / "squad.json"
    sq.write_text(json.dumps(nested, ensure_ascii=False), encoding="utf-8")
    a, b, c = load_squad(jl), load_squad(arr), load_squad(sq)
    assert a == b
    assert sorted(a, key=lambda q: q.id) == sorted(c, key=lambda q: q.id)
    assert a[0].answers == ("sông Seine",) and a[2].is_impossible and a[2].answers == ()


def test_each_title_becomes_one_document_of_its_distinct_contexts_in_order(tmp_path):
    qs = load_squad(_write(tmp_path))
    assert group_contexts(qs) == {"Paris": [P1, P2], "Canada": [C1]}
    docs = build_documents(qs)
    assert [d.doc_id for d in docs] == ["Paris", "Canada"]
    assert docs[0].text == f"Paris\n\n{P1}\n\n{P2}"
    spans = paragraph_spans(docs, qs)
    s, e = spans[("Paris", P2)]
    assert docs[0].text[s:e] == P2


def test_squad_errors_name_the_file_and_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps(RECORDS[0], ensure_ascii=False) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(SquadFormatError, match=r"bad\.jsonl:2: not valid JSON"):
        load_squad(p)
    p.write_text(json.dumps({**RECORDS[0], "question": ""}, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(SquadFormatError, match=r"bad\.jsonl:1: missing or empty 'question'"):
        load_squad(p)
    p.write_text(json.dumps({**RECORDS[0], "answers": {"text": [], "answer_start": []}}) + "\n", encoding="utf-8")
    with pytest.raises(SquadFormatError, match="answerable question needs at least one answers.text"):
        load_squad(p)


@dataclass
class Cite:
    text: str


@dataclass
class Ans:
    text: str
    abstained: bool = False
    citations: list = field(default_factory=list)


@dataclass
class Hit:
    doc_id: str
    start: int
    end: int
    text: str = ""


class FakeAssistant:
    """Cites the paragraph's second sentence; retrieves a chunk of a chosen paragraph."""

    def __init__(self, docs):
        self.docs = {d.doc_id: d for d in docs}

    def ask(self, question, history=None, mode="hybrid", k=5):
        if "dân" in question:
            return Ans("Bài viết không có thông tin.", abstained=True)
        if "Seine" in question or "sông" in question:
            return Ans("x", citations=[Cite("Paris là thủ đô của Pháp."), Cite("Thành phố nằm bên SÔNG  SEINE.")])
        if "Eiffel" in question:
            return Ans("x", citations=[Cite("Tháp Eiffel cao 330 mét.")])
        return Ans("x", citations=[Cite("không liên quan")])

    def search(self, query, k=5, mode="hybrid"):
        paris = self.docs["Paris"]
        p1, p2 = [b for b in paris.blocks if b.kind == "paragraph"]
        if "Eiffel" in query:
            return [Hit("Paris", p1.start, p1.start + 10), Hit("Paris", p2.start, p2.start + 10)]
        if "Canada" in query:
            return [Hit("Paris", p1.start, p1.end)]  # the wrong article
        return [Hit("Paris", p1.start, p1.start + 10)]


def test_squad_metrics_hit_at_1_and_3_context_recall_and_abstention(tmp_path):
    qs = load_squad(_write(tmp_path))
    docs = build_documents(qs)
    run = run_squad(FakeAssistant(docs), qs, paragraph_spans(docs, qs), progress=False)
    m = run.metrics
    assert (m.n, m.answerable, m.impossible) == (4, 3, 1)
    assert m.hit_at_1 == pytest.approx(1 / 3)          # only q2's first citation holds its answer
    assert m.hit_at_3 == pytest.approx(2 / 3)          # q1's answer is in its second citation (case, spaces)
    assert m.context_recall == {1: pytest.approx(1 / 3), 3: pytest.approx(2 / 3), 5: pytest.approx(2 / 3)}
    assert m.abstention.precision == 1.0 and m.abstention.recall == 1.0
    assert m.accuracy == pytest.approx(3 / 4)
    assert [r.question.id for r in run.failures] == ["q4"]


def test_shared_viquad_sample_loads_as_three_articles(viquad_sample):
    qs = load_squad(viquad_sample)
    assert len(qs) == 776 and sum(q.is_impossible for q in qs) == 243
    assert {t: len(c) for t, c in group_contexts(qs).items()} == {"Paris": 91, "Nouvelle-Calédonie": 23, "Canada": 22}


def _write(tmp_path: Path) -> Path:
    p = tmp_path / "s.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8")
    return p


def test_sentence_choice_separates_finding_the_paragraph_from_choosing_its_sentence(tmp_path):
    from benchmarks.sentence_choice import measure
    from index.embedder import HashEmbedder
    from qa import Assistant

    questions = load_squad(_write(tmp_path))
    assistant = Assistant.from_documents(build_documents(questions), embedder=HashEmbedder(), cache_dir=tmp_path / "c")
    result = measure(assistant, questions)
    assert (result.questions, result.inside_questions) == (3, 3)  # the impossible question is left out
    # Each question shares its answer sentence's words, so BM25 picks that sentence inside the paragraph.
    assert result.inside["bm25"] == 1.0
    assert 0.0 <= result.inside["dense"] <= 1.0 and 0.0 <= result.inside["fused"] <= 1.0
    assert result.retrieved_first <= result.retrieved_top10 == 1.0
