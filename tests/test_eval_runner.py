"""The runner: follow-ups get the growing history, errors count as wrong, retrieval relevance from search."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from eval.ablations import ABLATIONS, run_ablations
from eval.errors import EvalError
from eval_fakes import Ans, Cite, Fig
from eval.gold import ExpectedFigure, GoldQuestion
from eval.runner import check_modes, run_gold, run_mode
from qa.errors import QueryError

SENT = "Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng, đạt 21% dự toán chi đầu năm."
OTHER = "Khởi công 7 dự án, hoàn thành 12 dự án, phê duyệt 9 dự án."


@dataclass
class Hit:
    text: str
    doc_id: str = "d"
    start: int = 0
    end: int = 0


class ScriptedAssistant:
    """Answers from a table keyed by question; records every call."""

    def __init__(self, config=None):
        self.config = config
        self.calls: list[tuple[str, list[dict], str]] = []
        self.searches: list[tuple[str, int, str]] = []

    def ask(self, question, history=None, mode="hybrid", k=5):
        self.calls.append((question, list(history or []), mode))
        if question == "boom":
            raise QueryError("question is empty")
        if "chi" in question.lower() or question.startswith("Đạt"):
            return Ans("Chi 478 tỷ đồng [1]", citations=[Cite(SENT)], figures=[Fig(478e9, "đồng")])
        if "khởi công" in question.lower():
            return Ans("Khởi công 7 dự án [1]", citations=[Cite(OTHER)], figures=[Fig(7, "dự án")])
        return Ans("Bài báo không nói.", abstained=True)

    def search(self, query, k=5, mode="hybrid"):
        self.searches.append((query, k, mode))
        return [Hit(OTHER), Hit(SENT)][:k]


FIG = GoldQuestion("f1", "Chi ngân sách bao nhiêu?", "figure", True, evidence=("478 tỷ đồng",),
                   figures=(ExpectedFigure(478e9, "đồng"),), source="a.jsonl")
FOLLOW = GoldQuestion("f2", "Đạt bao nhiêu phần trăm dự toán?", "followup", True,
                      history=("Quận khởi công bao nhiêu dự án?", "Còn chi ngân sách?"), evidence=("21%",),
                      figures=(ExpectedFigure(21, "%"),), source="a.jsonl")
UNANS = GoldQuestion("u1", "Dân số là bao nhiêu?", "unanswerable", False, source="a.jsonl")


def test_followups_are_asked_in_turn_with_the_growing_user_and_assistant_history():
    a = ScriptedAssistant()
    run_mode(a, [FOLLOW], "bm25", progress=False)
    assert [c[0] for c in a.calls] == [*FOLLOW.history, FOLLOW.question]
    assert a.calls[0][1] == []
    assert a.calls[1][1] == [{"role": "user", "content": FOLLOW.history[0]},
                             {"role": "assistant", "content": "Khởi công 7 dự án [1]"}]
    assert len(a.calls[2][1]) == 4 and a.calls[2][1][2] == {"role": "user", "content": "Còn chi ngân sách?"}
    assert all(c[2] == "bm25" for c in a.calls)


def test_retrieval_relevance_is_measured_by_search_for_questions_with_evidence_and_no_history():
    a = ScriptedAssistant()
    run = run_mode(a, [FIG, FOLLOW, UNANS], "dense", progress=False)
    assert a.searches == [(FIG.question, 10, "dense")]
    assert run.results[0].outcome.relevance == (False, True)
    assert run.metrics.retrieval.n == 1 and run.metrics.retrieval.mrr_at_10 == 0.5


def test_a_followup_is_searched_with_the_resolved_question_when_the_answer_has_one():
    class Resolving(ScriptedAssistant):
        def ask(self, question, history=None, mode="hybrid", k=5):
            ans = super().ask(question, history, mode, k)
            ans.resolved_question = "Chi ngân sách đạt bao nhiêu phần trăm dự toán?" if history else ""
            return ans

    a = Resolving()
    run = run_mode(a, [FOLLOW], "hybrid", progress=False)
    assert a.searches == [("Chi ngân sách đạt bao nhiêu phần trăm dự toán?", 10, "hybrid")]
    assert run.results[0].outcome.relevance == (False, True)


def test_a_run_judges_every_question_and_lists_failures():
    run = run_mode(ScriptedAssistant(), [FIG, FOLLOW, UNANS], "hybrid", progress=False)
    assert [r.judgement.lenient for r in run.results] == [True, False, True]
    assert [f.question.id for f in run.failures] == ["f2"]
    assert run.metrics.answers.lenient == pytest.approx(2 / 3)
    assert run.metrics.abstention.recall == 1.0
    assert run.results[0].answer.figures[0]["value"] == 478e9


def test_an_assistant_error_is_recorded_as_a_wrong_answer_not_raised():
    boom = GoldQuestion("e1", "boom", "fact", True, evidence=("x",))
    run = run_mode(ScriptedAssistant(), [boom], "hybrid", progress=False)
    r = run.results[0]
    assert not r.judgement.lenient and r.answer.error == "QueryError: question is empty"
    assert r.outcome.latency_ms is None


def test_run_gold_runs_once_per_mode_in_order():
    runs = run_gold(ScriptedAssistant(), [FIG], ["bm25", "hybrid", "bm25"], progress=False)
    assert [r.name for r in runs] == ["bm25", "hybrid"]


def test_unknown_modes_are_rejected_with_the_allowed_list():
    with pytest.raises(EvalError, match="unknown mode 'sparse'; use a comma-separated subset of bm25,dense,hybrid"):
        check_modes(["sparse"])


def test_ablations_build_a_fresh_assistant_per_configuration_and_use_each_mode():
    built = []

    def factory(config, answer=None):
        built.append(config)
        return ScriptedAssistant(config)

    runs = run_ablations(factory, [FIG], progress=False)
    assert [r.name for r in runs] == [a.name for a in ABLATIONS]
    assert [r.mode for r in runs] == ["bm25", "bm25", "dense", "hybrid", "hybrid"]
    assert {c.tokenizer for c in built} == {"whitespace", "vietnamese"}
    assert {c.fusion for c in built} == {"rrf", "weighted"}
    assert len(built) == 5  # fresh per run: no query-embedding cache shared between latency measurements
