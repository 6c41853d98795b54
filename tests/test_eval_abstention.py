"""The abstention curve and the threshold chosen from it."""

from __future__ import annotations

from eval.abstention import CurvePoint, Scored, choose, curve


def _point(threshold: float, accuracy: float, answerable_refused: float, unanswerable_refused: float) -> CurvePoint:
    return CurvePoint(threshold, accuracy, answerable_refused, unanswerable_refused, None)


def test_the_curve_refuses_what_lies_below_each_threshold() -> None:
    items = [Scored(0.9, True, True), Scored(0.3, True, False), Scored(0.2, False, False), Scored(0.05, False, False)]
    by_t = {p.threshold: p for p in curve(items)}
    assert by_t[0.0].accuracy == 0.25 and by_t[0.0].unanswerable_refused == 0.0
    assert by_t[0.1].unanswerable_refused == 0.5 and by_t[0.1].answerable_refused == 0.0
    assert by_t[0.25].accuracy == 0.75 and by_t[0.25].precision == 1.0
    assert by_t[0.35].answerable_refused == 0.5


def test_the_most_accurate_threshold_within_the_budget_of_refused_answers_is_chosen() -> None:
    points = [_point(0.0, 0.80, 0.0, 0.0), _point(0.1, 0.90, 0.02, 0.6), _point(0.2, 0.95, 0.08, 0.9)]
    assert choose(points).threshold == 0.1


def test_between_equally_accurate_thresholds_the_one_refusing_fewer_answers_is_chosen() -> None:
    points = [_point(0.1, 0.914, 0.0, 0.676), _point(0.15, 0.914, 0.003, 0.691)]
    assert choose(points).threshold == 0.1


def test_the_curve_steps_finely_where_thresholds_are_chosen_and_coarsely_above() -> None:
    from eval.abstention import THRESHOLDS

    low = [t for t in THRESHOLDS if t <= 0.5]
    assert low[:3] == [0.0, 0.025, 0.05] and 0.125 in low and len(low) == 21
    assert [t for t in THRESHOLDS if t > 0.5] == [0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]
    assert list(THRESHOLDS) == sorted(set(THRESHOLDS))
