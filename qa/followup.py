"""Follow-up questions: resolve elliptical questions from the conversation history, without an LLM."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from index import lexicon as L
from index.figures import is_counted_noun
from index.text import fold
from qa.places import named_places, without_places
from qa.question import COMPARISON_RE, Question, analyse, content_words, looks_elliptical

MAX_TURNS = 6  # how far back an elliptical question may lean; older turns are not its topic
_CUE_WORDS = frozenset(L.FOLLOWUP_WORDS_FOLDED)
_YEAR_RE = re.compile(r"\b(19|20)\d{2}\b")


def user_turns(history: Any) -> list[str]:
    """The user's earlier questions, oldest first, from Gradio-style history (messages, pairs or plain strings)."""
    if not history:
        return []
    out: list[str] = []
    for item in history:
        if isinstance(item, dict):
            if item.get("role") == "user":
                content = item.get("content")
                if isinstance(content, list):  # Gradio multimodal content parts
                    content = " ".join(p.get("text", "") for p in content if isinstance(p, dict))
                if isinstance(content, str) and content.strip():
                    out.append(content)
        elif isinstance(item, (list, tuple)) and item and isinstance(item[0], str):
            out.append(item[0])
        elif isinstance(item, str):
            out.append(item)
    return out


def resolve(question: str, history: Any = None) -> Question:
    """The analysed question, completed from the previous user question when it is a follow-up."""
    q = analyse(question)
    turns = user_turns(history)[-MAX_TURNS:]
    if not turns or not looks_elliptical(q):
        return q
    prev = resolve(turns[-1], turns[:-1])
    # "so với" only marks a comparison: the passage may say "đạt 21% dự toán" without it.
    compared = bool(COMPARISON_RE.search(fold(q.text)))
    own = [w for w in content_words(q.text) if w not in _CUE_WORDS and not (compared and w == "so")]
    prev_topic = list(prev.focus)
    if _YEAR_RE.search(q.text):  # "Còn năm 2023?": the new year replaces the old one
        prev_topic = [w for w in prev_topic if not _YEAR_RE.fullmatch(w)]
    prev_search = prev.search_text
    asked_places = set(named_places(q.text))
    if asked_places:  # "Còn ở Hà Nội thì sao?" after a question on TP HCM: the new place replaces the old one
        prev_search, dropped = without_places(prev_search, asked_places)
        prev_topic = [w for w in prev_topic if w not in dropped]
    expected, hint, counted = q.expected, q.kind_hint, q.counted
    if expected == "fact":
        expected, hint, counted = prev.expected, prev.kind_hint, prev.counted
        if counted and is_counted_noun(" ".join(own)):
            counted = (" ".join(own),)  # "Thế còn nhiệm vụ?" after counting targets: now count the tasks
        if expected == "quantity" and compared:
            # "So với cùng kỳ thì sao?" after an amount asks for the comparison, a percentage
            expected, hint, counted = "percent", "percent", ()
    elif expected == prev.expected or expected == "quantity":
        counted = counted or prev.counted
        hint = hint or prev.kind_hint
    search = f"{q.text} {prev_search}"
    return replace(
        q,
        expected=expected,
        kind_hint=hint,
        counted=counted,
        focus=tuple(dict.fromkeys(own + prev_topic)),
        must=tuple(own),
        search_text=search,
        followup_of=prev.text,
    )


