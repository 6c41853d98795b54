"""Suggested questions: built from an article's own figures and offered only when the assistant answers them."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from index.figures import extract_figures
from index.text import canonical_tones, fold

BUNDLED_NAME = "long-bien-2024-04-15"

BUNDLED_EXAMPLES = (
    "Thu ngân sách quý I đạt bao nhiêu?",
    "Chi ngân sách nhà nước quý I là bao nhiêu?",
    "Quận đã khởi công bao nhiêu dự án?",
    "Tổng diện tích đất thu hồi là bao nhiêu?",
    "Chủ đề công tác năm 2024 của quận là gì?",
)
LIMIT = 4
MAX_CANDIDATES = 8
MAX_WORDS = 7
ASKED_KINDS = ("money", "percent", "area", "length", "count")
# Nouns that name a quantity in news Vietnamese: a measured phrase opening with one names what is measured
# ("Giá thuê căn hộ dịch vụ trung bình", "Tỷ lệ lấp đầy"); other openings are verbs or connectors.
QUANTITY_NOUNS = tuple(canonical_tones(w).split() for w in (
    "tổng", "giá", "giá trị", "tỷ lệ", "tỉ lệ", "thu", "chi", "doanh thu", "lợi nhuận", "biên lợi nhuận", "diện tích",
    "chiều dài", "chiều rộng", "chiều cao", "độ sâu", "số", "số lượng", "nhiệt độ", "lượng mưa", "lượng", "công suất",
    "vốn", "tổng vốn", "kinh phí", "ngân sách", "dân số", "sản lượng", "mức", "tốc độ", "quy mô", "bán kính",
    "tiền", "thu nhập", "lương", "chi phí", "giá thuê", "giá bán", "kim ngạch", "tăng trưởng", "lãi suất", "thuế",
    "mức tăng", "mức giảm", "năng suất", "khối lượng", "trọng lượng", "dung tích", "tỷ trọng", "thị phần",
))
# Words that end a measured phrase without belonging to the quantity's name ("Số căn tiêu thụ đạt").
_TRAILING = frozenset(canonical_tones(w) for w in ("đạt", "được", "là", "ở", "có", "của", "và", "với", "tại", "cần"))

Ask = Callable[[str], dict[str, Any]]


def is_bundled(doc: Any) -> bool:
    """True for the article shipped with hoidap."""
    names = {Path(str(getattr(doc, "source", "") or "")).stem, str(getattr(doc, "doc_id", ""))}
    return any(BUNDLED_NAME in name for name in names)


def _phrase(measures: str) -> str:
    """The measured phrase when it opens with a quantity noun and reads as a noun phrase, else ""."""
    words = measures.split()
    while words and canonical_tones(words[-1].lower()) in _TRAILING:
        words.pop()
    lowered = [canonical_tones(w.lower()) for w in words]
    if not 2 <= len(words) <= MAX_WORDS or not any(lowered[: len(n)] == n for n in QUANTITY_NOUNS):
        return ""
    if any(ch.isdigit() for ch in measures) or any(ch in measures for ch in "()“”\"%:;"):
        return ""
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def candidates(doc: Any) -> list[tuple[str, int]]:
    """(question, offset of the figure it should find) for the figures whose measured phrase names a quantity."""
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    figures = sorted(extract_figures(doc.text), key=lambda f: (ASKED_KINDS.index(f.kind) if f.kind in ASKED_KINDS
                                                                else len(ASKED_KINDS), f.start))
    for fig in figures:
        if fig.kind not in ASKED_KINDS:
            continue
        phrase = _phrase(fig.measures)
        if not phrase or fold(phrase.lower()) in seen:
            continue
        seen.add(fold(phrase.lower()))
        out.append((f"{phrase} là bao nhiêu?", fig.start))
    return out[:MAX_CANDIDATES]


def _answers(answer: dict[str, Any], offset: int | None) -> bool:
    """The answer does not abstain and, when a figure is expected, quotes the sentence holding it."""
    if answer.get("abstained") or not answer.get("citations"):
        return False
    if offset is None:
        return True
    return any(c.get("start", 0) <= offset < c.get("end", 0) for c in answer["citations"][:1])


def verified(questions: Iterable[tuple[str, int | None]], ask: Ask, limit: int = LIMIT) -> list[str]:
    """The questions the assistant answers (with the expected sentence), asked in order until limit are found."""
    kept: list[str] = []
    for question, offset in questions:
        try:
            if _answers(ask(question), offset):
                kept.append(question)
        except Exception:  # a question the core refuses is simply not offered
            continue
        if len(kept) >= limit:
            break
    return kept


def example_questions(docs: Sequence[Any], ask: Ask | None = None, limit: int = LIMIT) -> list[str]:
    """The questions to offer under the chat: fixed ones for the bundled article, else built from the articles;
    with ask given, only those it answers."""
    if docs and all(is_bundled(d) for d in docs):
        pool: list[tuple[str, int | None]] = [(q, None) for q in BUNDLED_EXAMPLES]
    else:
        per_doc = [candidates(d) for d in docs]
        pool = [c for group in zip(*per_doc) for c in group] if len(per_doc) > 1 else (per_doc[0] if per_doc else [])
        pool += [c for group in per_doc for c in group if c not in pool]
    if ask is None:
        return [q for q, _ in pool[: len(BUNDLED_EXAMPLES) if pool and pool[0][1] is None else limit]]
    return verified(pool, ask, limit=len(BUNDLED_EXAMPLES) if docs and all(is_bundled(d) for d in docs) else limit)
