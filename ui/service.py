"""The one function behind both the chat and the `ask` API: validate, call the assistant under a lock, return a dict."""

from __future__ import annotations

import json
import threading
from typing import Any, Protocol

from index.archive_filter import ArticleRef
from index.config import MODES
from qa.errors import HoidapError
from qa.validation import MAX_QUERY_CHARS

MAX_K = 20  # passages the page lets a user ask for
PANEL_ARTICLES = 12
"""Up to this many articles the panel shows them all; an archive's panel shows the articles an answer cites."""

TOO_LONG = f"Câu hỏi dài quá {MAX_QUERY_CHARS:,} ký tự; vui lòng hỏi ngắn gọn hơn.".replace(",", ".")
EMPTY = "Vui lòng nhập câu hỏi."
UNEXPECTED = "Xin lỗi, đã có lỗi ngoài dự kiến khi trả lời. Vui lòng thử lại hoặc hỏi cách khác."


class UserFacingError(ValueError):
    """A problem with the user's input or the core's answer, with a Vietnamese message ready to show."""


class AssistantLike(Protocol):
    """What the UI needs from qa.Assistant."""

    documents: Any

    def ask(self, question: str, history: list[dict[str, str]] | None = ..., mode: str = ..., k: int = ...) -> Any:
        ...

    def document(self, doc_id: str) -> Any:
        ...


def friendly(error: HoidapError) -> str:
    """A Vietnamese sentence for an error the core raised on purpose."""
    return f"Không trả lời được câu hỏi này: {error}"


def parse_history(history: Any) -> list[dict[str, str]]:
    """Accept None, a JSON string or a list of {"role","content"}; keep user/assistant turns with plain-text content."""
    if history is None or history == "":
        return []
    if isinstance(history, str):
        try:
            history = json.loads(history)
        except json.JSONDecodeError as exc:
            raise UserFacingError("Lịch sử hội thoại không phải JSON hợp lệ.") from exc
    if not isinstance(history, list):
        raise UserFacingError("Lịch sử hội thoại phải là danh sách các {\"role\", \"content\"}.")
    turns: list[dict[str, str]] = []
    for item in history:
        if not isinstance(item, dict) or item.get("role") not in ("user", "assistant"):
            raise UserFacingError("Mỗi lượt trong lịch sử cần có role (user/assistant) và content.")
        content = item.get("content")
        if isinstance(content, str):
            turns.append({"role": item["role"], "content": content})
    return turns


def check_question(question: Any) -> str:
    """The question as a string, or a UserFacingError when empty or over the length limit."""
    if not isinstance(question, str) or not question.strip():
        raise UserFacingError(EMPTY)
    if len(question) > MAX_QUERY_CHARS:
        raise UserFacingError(TOO_LONG)
    return question


def check_options(mode: Any, k: Any) -> tuple[str, int]:
    """Retrieval mode and k, validated."""
    mode = mode or "hybrid"
    if mode not in MODES:
        raise UserFacingError(f"Chế độ tìm kiếm «{mode}» không hợp lệ; chọn một trong: {', '.join(MODES)}.")
    try:
        k_int = int(k)
    except (TypeError, ValueError) as exc:
        raise UserFacingError("k phải là một số nguyên.") from exc
    if not 1 <= k_int <= MAX_K:
        raise UserFacingError(f"k phải nằm trong khoảng 1–{MAX_K}.")
    return mode, k_int


class AskService:
    """Thread-safe wrapper: one assistant, one lock, one ask() used by the chat and the API alike."""

    def __init__(self, assistant: AssistantLike, archive: bool | None = None) -> None:
        self.assistant = assistant
        self._archive = archive
        self._lock = threading.Lock()

    @property
    def is_archive(self) -> bool:
        """Whether the page runs over an archive (said by its maker; else guessed from the number of articles)."""
        if self._archive is not None:
            return self._archive
        corpus = getattr(self.assistant, "corpus", None)
        return corpus is not None and len(corpus.documents) > PANEL_ARTICLES

    @property
    def documents(self) -> list[Any]:
        """The articles the panel starts with: all of a few, none of an archive (its answers bring theirs)."""
        return [] if self.is_archive else list(self.assistant.documents)

    @property
    def _table(self) -> Any:
        return getattr(getattr(self.assistant, "corpus", None), "articles", None)

    @property
    def outlets(self) -> list[str]:
        return list(getattr(self._table, "outlets", None) or [])

    @property
    def articles(self) -> list[ArticleRef]:
        """Every article searched, as citations name them (title, outlet, date, address)."""
        return list(getattr(self._table, "refs", None) or [])

    def documents_for(self, answer: dict[str, Any]) -> list[Any]:
        """The articles to show next to an answer."""
        if not self.is_archive:
            return self.documents
        ids = dict.fromkeys(c.get("doc_id") for c in [*(answer.get("citations") or []), *(answer.get("related") or [])])
        return [self.assistant.document(i) for i in ids if i]

    def ask(self, question: Any, history: Any = None, mode: Any = "hybrid", k: Any = 5,
            filters: dict[str, Any] | None = None) -> dict[str, Any]:
        """Answer a question; returns answer.to_dict() with the cited articles named under "articles".
        ``filters``: outlet, since, until, article as ``Assistant.ask`` takes them. Raises UserFacingError."""
        question = check_question(question)
        turns = parse_history(history)
        mode, k_int = check_options(mode, k)
        where = {key: v for key, v in (filters or {}).items() if v}
        try:
            with self._lock:
                answer = self.assistant.ask(question, history=turns, mode=mode, k=k_int, **where)
                out = answer.to_dict()
                article = getattr(self.assistant, "article", None)
                if article is not None:
                    cited = dict.fromkeys(c["doc_id"] for c in [*out["citations"], *out["related"]])
                    out["articles"] = {d: article(d).to_dict() for d in cited}
        except HoidapError as exc:
            raise UserFacingError(friendly(exc)) from exc
        return out
