"""What the chat page does: answer, take the reader's articles, switch articles, clear, restore, record feedback."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Callable, Sequence

import gradio as gr

from qa.errors import HoidapError
from ui import render
from ui.anchors import read_tap
from ui.examples import example_questions
from ui.feedback import Feedback, FeedbackLog
from ui.filters import ALL, Filters, article_choices, read_filters
from ui.service import UNEXPECTED, AskService, AssistantLike, UserFacingError
from ui.sessions import Builder, Sessions, Workspace
from ui.strings import t
from ui.uploads import MAX_ARTICLES, read_uploads

log = logging.getLogger("hoidap.ui")

Turns = list[dict[str, str]]
Display = list[dict[str, Any]]
Records = list[dict[str, Any]]

EXAMPLE_SLOTS = 5
SCOPE_ONE, SCOPE_ALL = "one", "all"
# upload and reset update: status, files, pasted text, picker, scope, article, chat, display, turns, records,
# the examples' heading and buttons, the upload box (folded once the articles are in) and the archive filters
# (hidden meanwhile)
UPLOAD_OUTPUTS = 13 + EXAMPLE_SLOTS
SAVED_RECORDS = 20
ARCHIVE_CHAT = "archive"
"""What a chat saved over an archive is about (its history holds across reloads, whatever was indexed since)."""
PROGRESS_VI = {"embedding": "Đang lập chỉ mục bài báo", "reading": "Đang đọc bài"}
LOST_UPLOADS = ("Bài bạn tải lên không được giữ khi tải lại trang; cuộc trò chuyện cũ ở trên, "
                "hãy tải bài lên lại để hỏi tiếp.")


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + " …"


def _key(request: gr.Request | None) -> str:
    return str(getattr(request, "session_hash", "") or "")


def article_set(docs: Sequence[Any]) -> list[str]:
    """An article set's identity, saved with the chat so a restored chat knows which articles it was about."""
    return [d.content_hash for d in docs]


def default_builder(base: AssistantLike) -> Builder:
    """Index a reader's articles with the embedder the page already loaded (none loaded: the default one)."""
    embedder = getattr(getattr(base, "corpus", None), "embedder", None)

    def build(docs: Sequence[Any], cache_dir: Path, progress: Callable | None) -> AssistantLike:
        from qa import Assistant

        return Assistant.from_documents(list(docs), embedder=embedder, cache_dir=cache_dir, progress=progress)

    return build


def _progress(progress: gr.Progress | None) -> Callable | None:
    if progress is None:
        return None
    return lambda items, total, desc: progress.tqdm(items, total=total, desc=PROGRESS_VI.get(desc, desc))


def _status(lines: Sequence[str]) -> Any:
    """The upload status line(s), hidden when there is nothing to say."""
    return gr.update(value="\n\n".join(render.esc(line) for line in lines), visible=bool(lines))


def example_updates(questions: Sequence[str]) -> list[Any]:
    """The examples' heading (shown only over some) and the buttons showing these questions (the spare ones
    hidden)."""
    buttons = [gr.update(value=q, visible=True) if i < len(questions) else gr.update(value="", visible=False)
               for i, q in enumerate([*questions, *[""] * EXAMPLE_SLOTS][:EXAMPLE_SLOTS])]
    return [gr.update(visible=bool(questions)), *buttons]


def placeholder(questions: Sequence[str], archive: bool) -> object:
    """What the empty chat invites to ask: the suggested questions when some are shown, else the archive's
    filters over an archive, else any question about the article."""
    if questions:
        return t("chat_placeholder")
    return t("chat_placeholder_archive") if archive else t("chat_placeholder_plain")


def empty_chat(questions: Sequence[str], archive: bool) -> Any:
    """The chat emptied, its placeholder saying what there is to ask."""
    return gr.update(value=[], placeholder=placeholder(questions, archive))


class ChatPage:
    """The page's handlers over one shared assistant and the per-session workspaces of uploaded articles."""

    def __init__(self, assistant: AssistantLike, builder: Builder | None = None,
                 examples: Sequence[str] | None = None, feedback: FeedbackLog | None = None,
                 archive: bool | None = None) -> None:
        self.base = AskService(assistant, archive)
        self.sessions = Sessions(builder or default_builder(assistant))
        self.feedback = feedback
        self._examples = list(examples)[:EXAMPLE_SLOTS] if examples is not None else None
        # The page's own suggested questions are checked by asking them, in the background so that the server is
        # up meanwhile; the first page view waits for the check (under a second).
        self._checking = threading.Thread(target=self._check_examples, name="hoidap-examples", daemon=True)
        if self._examples is None:
            self._checking.start()

    def _check_examples(self) -> None:
        try:
            found = example_questions(self.base.documents, ask=self.base.ask)
        except Exception:  # suggestions are a convenience: none rather than a broken page
            log.exception("hoidap: checking the suggested questions failed")
            found = []
        self._examples = found[:EXAMPLE_SLOTS]

    @property
    def examples(self) -> list[str]:
        """The page's own suggested questions, each answered by the assistant."""
        if self._checking.ident is not None:  # started: wait for it (returns at once when done)
            self._checking.join()
        return list(self._examples or [])

    # --- which articles a request sees --------------------------------------------------------------

    def _space(self, request: gr.Request | None) -> Workspace | None:
        space = self.sessions.get(_key(request))
        return space if space is not None and space.documents else None

    def documents(self, request: gr.Request | None) -> list[Any]:
        space = self._space(request)
        return list(space.documents) if space else self.base.documents

    def service(self, request: gr.Request | None, shown: str | None = None, scope: str = SCOPE_ALL) -> AskService:
        space = self._space(request)
        if space is None:
            return self.base
        found = space.service(shown if scope == SCOPE_ONE and shown else None)
        return found or self.base

    def over_archive(self, request: gr.Request | None) -> bool:
        """Whether this request's questions go to the page's archive (not to the reader's own articles)."""
        return self._space(request) is None and self.base.is_archive

    def about(self, request: gr.Request | None) -> list[str]:
        """What a chat saved in the browser is about: these articles, or the page's archive."""
        return [ARCHIVE_CHAT] if self.over_archive(request) else article_set(self.documents(request))

    def filters(self, request: gr.Request | None, outlet: Any = "", since: Any = "", until: Any = "",
                article: Any = "") -> Filters:
        """The archive filters a question goes through, checked (UserFacingError in Vietnamese)."""
        return read_filters(outlet, since, until, article, self.service(request).articles or None)

    def panel(self, docs: Sequence[Any], answer: dict[str, Any] | None = None, shown: str | None = None,
              turn: int = 0) -> str:
        if len(docs) <= 1:
            return render.article_panel(docs, answer, turn=turn)
        ids = {d.doc_id for d in docs}
        return render.article_panel(docs, answer, shown=shown if shown in ids else docs[0].doc_id, turn=turn)

    def picker(self, docs: Sequence[Any], value: str | None = None) -> Any:
        choices = [(render.doc_title(d), d.doc_id) for d in docs]
        ids = [d.doc_id for d in docs]
        return gr.update(choices=choices, value=value if value in ids else (ids[0] if ids else None),
                         visible=len(docs) > 1)

    # --- the chat ---------------------------------------------------------------------------------------

    def respond(self, question: str, turns: Turns, display: Display, records: Records, mode: str, k: float,
                shown: str | None, scope: str, outlet: str, since: str, until: str, article: str,
                request: gr.Request) -> tuple[Any, ...]:
        """One question in; the chat, history, feedback records, article panel, question box, picker, saved chat.
        Over an archive, outlet, since, until and article filter the articles it goes to.

        A refused question (or a malformed filter) gets its reason in the chat (no pop-up) and stays in the box."""
        turns, display, records = list(turns or []), list(display or []), list(records or [])
        if not (question or "").strip():
            return (display, display, turns, records, *(gr.skip(),) * 4)
        archive = self.over_archive(request)
        docs = self.documents(request)
        try:
            where = self.filters(request, outlet, since, until, article) if archive else Filters()
            answer = self.service(request, shown, scope).ask(question, turns, mode, int(k), where.as_kwargs())
            refusal = ""
        except UserFacingError as exc:
            refusal = str(exc)
        except Exception:  # a bug, not a user error: full traceback to the log, a plain sentence to the user
            log.exception("hoidap: unexpected error answering %r", _shorten(question, 120))
            refusal = UNEXPECTED
        if refusal:
            display += [render.user_message(_shorten(question)), render.notice_message(refusal)]
            return (display, display, turns, records, gr.skip(), question, gr.skip(), gr.skip())
        if archive:
            docs = self.base.documents_for(answer)  # an archive's panel holds the articles this answer cites
        titles = {render.doc_title(d) for d in docs}
        display.append(render.user_message(question))
        turn = len(display)  # where the answer starts in the chat: its anchors' turn, its record's index
        records.append({"index": turn, "question": question, "answer": answer})
        display += render.answer_messages(answer, titles, turn)
        turns += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.get("text", "")}]
        if archive:  # every cited article, one after the other, so that each citation's link finds its passage
            panel, picker = render.article_panel(docs, answer, turn=turn), gr.skip()
        else:
            focus = render.cited_doc(answer) or shown
            panel = self.panel(docs, answer, focus, turn)
            picker = self.picker(docs, focus) if len(docs) > 1 else gr.skip()
        saved = {"articles": self.about(request), "display": display, "turns": turns,
                 "records": records[-SAVED_RECORDS:]}
        return display, display, turns, records, panel, "", picker, saved

    def open_citation(self, records: Records, shown: str | None, event: gr.EventData,
                      request: gr.Request) -> tuple[Any, Any]:
        """A tap on [N] of an answer whose passage the panel does not hold (an older answer, or another article):
        the panel (and picker) turned to that answer, on the article of the tapped passage. When the answer is no
        longer kept (a long chat restored after a reload), the passage the link names is highlighted alone."""
        tap = read_tap(getattr(event, "_data", None))
        if tap is None:
            return gr.skip(), gr.skip()
        kept = next((r["answer"] for r in records or [] if r.get("index") == tap.turn), None)
        answer = kept or (tap.as_answer() if tap.doc_id else None)
        archive = self.over_archive(request)
        try:
            docs = self.base.documents_for(answer) if archive and answer else self.documents(request)
        except HoidapError:  # the link names an article the archive does not hold
            return gr.skip(), gr.skip()
        named = next((d for d in docs if d.doc_id == tap.doc_id), None)
        if answer is None or (kept is None and (named is None or tap.end > len(named.text))):
            return gr.skip(), gr.skip()
        if archive:
            return render.article_panel(docs, answer, turn=tap.turn), gr.skip()
        focus = named.doc_id if named is not None else render.cited_doc(answer) or shown
        picker = self.picker(docs, focus) if len(docs) > 1 else gr.skip()
        return self.panel(docs, answer, focus, tap.turn), picker

    def clear(self, shown: str | None, request: gr.Request) -> tuple[Any, ...]:
        """Empty chat, history and records; the article panel unhighlighted (its scroll reset by the page)."""
        docs = self.documents(request)
        return [], [], [], [], self.panel(docs, None, shown), "", {"articles": self.about(request)}

    def articles_of(self, outlet: str, current: str) -> Any:
        """The article filter's choices once an outlet is chosen (the article kept when it is that outlet's)."""
        choices = article_choices(self.base.articles, outlet)
        return gr.update(choices=choices, value=current if current in {v for _, v in choices} else ALL)

    def show(self, shown: str | None, request: gr.Request) -> str:
        """The picker chose another article for the panel."""
        return self.panel(self.documents(request), None, shown)

    def restore(self, saved: dict[str, Any] | None, request: gr.Request) -> tuple[Any, ...]:
        """After a reload: the chat saved in this browser, with its history when it was about these articles."""
        saved = saved or {}
        display = list(saved.get("display") or [])
        if not display:
            return (gr.skip(),) * 4
        if saved.get("articles") == self.about(request):
            return display, display, list(saved.get("turns") or []), list(saved.get("records") or [])
        display.append(render.notice_message(LOST_UPLOADS))
        return display, display, [], []

    # --- the reader's own articles -------------------------------------------------------------------------

    def upload(self, files: Sequence[str] | None, pasted: str, request: gr.Request,
               progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:
        """Read uploaded files and pasted text into the session's workspace, index them, show the first one;
        the chat starts afresh on the new articles."""
        paths = [str(getattr(f, "name", f)) for f in files or []]
        if not paths and not (pasted or "").strip():
            return (_status(["Chọn tệp .txt/.html hoặc dán nội dung bài trước."]),
                    *(gr.skip(),) * (UPLOAD_OUTPUTS - 1))
        space = self.sessions.open(_key(request))
        with space.lock:
            taken = [d.doc_id for d in space.documents]
            loaded = read_uploads(paths, pasted, space.uploads, taken, room=MAX_ARTICLES - len(taken), consume=True)
            lines = list(loaded.problems)
            if loaded.documents:
                if progress is not None:
                    progress(0, desc=PROGRESS_VI["embedding"])
                try:
                    space.add(loaded.documents, _progress(progress))
                except Exception:
                    log.exception("hoidap: indexing uploaded articles failed")
                    lines.append(UNEXPECTED)
                    loaded.documents = []
            if loaded.documents:
                names = ", ".join(f"«{render.doc_title(d)}»" for d in loaded.documents)
                lines.insert(0, f"Đã thêm {len(loaded.documents)} bài: {names}. Hãy đặt câu hỏi về bài.")
                if progress is not None:
                    progress(0.95, desc="Đang chọn câu hỏi gợi ý")
                service = space.service()
                questions = example_questions(space.documents, ask=service.ask) if service else []
        status = _status(lines)
        if not loaded.documents:
            return (status, None, *(gr.skip(),) * (UPLOAD_OUTPUTS - 2))
        docs, first = space.documents, loaded.documents[0].doc_id
        scope = gr.update(visible=len(docs) > 1)
        return (status, None, "", self.picker(docs, first), scope, self.panel(docs, None, first),
                empty_chat(questions, False), [], [], [], *example_updates(questions), gr.update(open=False),
                gr.update(visible=False))

    def reset(self, request: gr.Request) -> tuple[Any, ...]:
        """Back to the page's own articles: the session's uploads are deleted."""
        self.sessions.drop(_key(request))
        docs = self.base.documents
        examples = self.examples
        return (_status([]), None, "", self.picker(docs), gr.update(visible=False), self.panel(docs),
                empty_chat(examples, self.base.is_archive), [], [], [], *example_updates(examples),
                gr.update(open=False), gr.update(visible=self.base.is_archive))

    def intro(self) -> list[Any]:
        """On page load: the page's suggested questions, and the chat's placeholder that goes with them."""
        examples = self.examples
        return [gr.update(placeholder=placeholder(examples, self.base.is_archive)), *example_updates(examples)]

    def unload(self, request: gr.Request) -> None:
        """The reader closed or reloaded the page: their uploads go."""
        self.sessions.drop(_key(request))

    # --- feedback and the API ---------------------------------------------------------------------------------

    def like(self, records: Records, data: gr.LikeData, request: gr.Request) -> None:
        """A thumb on an answer: appended with its question, answer and citations to the feedback file."""
        if self.feedback is None:
            return
        index = data.index[0] if isinstance(data.index, (list, tuple)) else int(data.index)
        before = [r for r in records or [] if r["index"] <= index]
        if not before:
            return
        record = before[-1]
        self.feedback.append(Feedback(liked=data.liked is True, question=record["question"], answer=record["answer"],
                                      articles=[d.doc_id for d in self.documents(request)]))

    def answer_api(self, request: gr.Request | None, question: Any, history: Any, mode: Any, k: Any,
                   filters: Filters = Filters()) -> dict[str, Any]:
        """What the API endpoints return: the answer dict, or a gr.Error with the Vietnamese message."""
        try:
            return self.service(request).ask(question, history, mode, k, filters.as_kwargs())
        except UserFacingError as exc:
            raise gr.Error(str(exc), print_exception=False) from exc

    def api(self, default_mode: str, default_k: int) -> Callable[..., dict[str, Any]]:
        """The `ask` endpoint: the same service as the chat (the session's articles when it uploaded some)."""

        def ask(question: str, history: list[dict[str, str]] | str | None = None, mode: str = default_mode,
                k: int = default_k, request: gr.Request = None) -> dict[str, Any]:  # type: ignore[assignment]
            """Answer a question about the loaded articles by quoting them; history is a list (or JSON list) of
            {"role", "content"} turns. Returns the answer: text, direct answer, citations with exact offsets, figures."""
            return self.answer_api(request, question, history, mode, k)

        return ask

    def archive_api(self, default_mode: str, default_k: int) -> Callable[..., dict[str, Any]]:
        """The `ask_archive` endpoint: `ask` with the archive's filters (apart, so that `ask` keeps its four inputs
        for clients that post them over plain HTTP)."""

        def ask_archive(question: str, history: list[dict[str, str]] | str | None = None, mode: str = default_mode,
                        k: int = default_k, outlet: str | None = None, since: str | None = None,
                        until: str | None = None, article: str | None = None,
                        request: gr.Request = None) -> dict[str, Any]:  # type: ignore[assignment]
            """Answer a question about the archive's articles by quoting them, as `ask` does; outlet, since/until
            (YYYY-MM-DD, inclusive) and article (an id) keep only some articles."""
            try:
                where = self.filters(request, outlet, since, until, article)
            except UserFacingError as exc:
                raise gr.Error(str(exc), print_exception=False) from exc
            return self.answer_api(request, question, history, mode, k, where)

        return ask_archive
