"""What callers pass to the public API, checked: the question, the retrieval mode and k."""

from __future__ import annotations

import unicodedata

from index.config import MODES
from index.text import clean
from qa.errors import QueryError

MAX_QUERY_CHARS = 2000


def validate_retrieval(mode: object, k: object) -> None:
    """QueryError unless mode is one of MODES and k a positive whole number."""
    if mode not in MODES:
        raise QueryError(f"mode {mode!r} is not one of {', '.join(MODES)}")
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise QueryError(f"k must be a positive whole number, not {k!r}")


def validate_query(query: object) -> str:
    """The cleaned query, or QueryError when it is not a usable question."""
    if not isinstance(query, str):
        raise QueryError(f"the question must be text, not {type(query).__name__}")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the question is {len(query):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    # Control characters (NUL, ESC, BEL...) separate words; deleted, they would glue "ngân\x00sách" into one.
    query = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in query)
    cleaned = " ".join(clean(query).split())
    if not any(ch.isalnum() for ch in cleaned):
        raise QueryError("the question is empty; type a question in Vietnamese or English")
    return cleaned
