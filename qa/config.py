"""Every weight, threshold and rule switch of answer selection and abstention, in one configuration object."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class AnswerConfig:
    """How candidates are gathered, scored and accepted; the eval varies these to measure each part.

    ``abstain_below`` was chosen on the cross-article development set (``hoidap eval news --curve``): the most
    accurate threshold that refuses at most 5 % of its answerable questions (README, "How answers are chosen").
    """

    candidates: int = 20            # fused search hits considered as answer sentences
    neighbours_of: int = 8          # the previous and next sentence of this many top hits are candidates too
    abstain_below: float = 0.10     # calibrated probability that the chosen sentence answers; below it, refuse
    max_related: int = 3            # closest passages shown with a refusal
    # Rules kept because each measured gain across articles (README, "Hand rules and what they earn"):
    contrasts: bool = True          # a clause about the opposite (thu/chi, tăng/giảm) does not answer
    fronted_topic: bool = True      # "Đối với X, ..." frames every figure of its sentence
    claimed_phrase: bool = True     # words trailing another figure ("19% so với dự toán") are that figure's
    office_titles: bool = True      # a person answer holds the asked office title (Phó Bí thư is not Bí thư)
    min_topic_coverage: float = 0.5  # a Vietnamese question whose topic words (idf-weighted) the articles mostly
                                     # never use is refused before any sentence is scored; 0 switches it off

    def with_(self, **changes: object) -> "AnswerConfig":
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return asdict(self)
