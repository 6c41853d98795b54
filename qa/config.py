"""Every weight, threshold and rule switch of answer selection and abstention, in one configuration object."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class AnswerConfig:
    """How candidates are gathered, scored and accepted; the eval varies these to measure each part.

    ``abstain_below`` was chosen on the development sets together (``hoidap eval news long-bien seed-dev
    eval/gold/corpus-dev --curve``): the most accurate threshold that refuses at most 5 % of their answerable
    questions (README, "How answers are chosen").
    """

    candidates: int = 20            # fused search hits considered as answer sentences
    neighbours_of: int = 8          # the previous and next sentence of this many top hits are candidates too
    abstain_below: float = 0.15     # calibrated probability that the chosen sentence answers; below it, refuse
    max_related: int = 3            # closest passages shown with a refusal
    paragraph_reach: int = 4        # a paragraph longer than 3 blocks of this many sentences (a page without breaks)
                                    # is read, for each candidate, as its block and the blocks either side
    # Rules kept because each measured a gain across articles (README, Evaluation: "What each remaining rule earns"):
    needs_figure: bool = True       # "bao nhiêu", "mấy phần trăm" are answered by a sentence with such a figure
    needs_unit: bool = True         # "dài bao nhiêu km?" is answered by a sentence with a length, not a price
    needs_kind: bool = True         # "Tổng vốn đầu tư là bao nhiêu?" (money hinted) is answered by a sentence with money
    needs_time: bool = True         # "khi nào", "ngày nào" are answered by a sentence that says when
    date_clash: bool = True         # a sentence about another day, quarter or year than the asked one ("ngày 17/9",
                                    # "quý I" for "quý II", "năm 2020")
    needs_place: bool = True        # a question naming a province, city or country the articles never name is refused
    place_clash: bool = True        # ... and so is a sentence, or a sentence in a paragraph, about another province
                                    # ("Hà Giang còn 77.900 ha" for a question about Lạng Sơn)
    running_place: bool = True      # ... and a sentence naming none is about the province its paragraph named last
                                    # before it ("Trong đó, 5 dự án …" after "… thị trường TP HCM …")
    # An input guard, not an answer rule: the highest floor that changes no answer of the news, Long Biên or UIT-ViQuAD
    # sets. A Vietnamese question almost none of whose words (idf-weighted) the articles use ("<img src=x
    # onerror=…>", "{{7*7}}") is refused unscored; 0 switches it off.
    min_topic_coverage: float = 0.3

    def with_(self, **changes: object) -> "AnswerConfig":
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return asdict(self)
