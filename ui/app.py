"""The Gradio chat page: chat column, article column, example questions, options, and the `ask` API endpoint."""

from __future__ import annotations

import logging
from typing import Any, Sequence

import gradio as gr

from qa.validation import MAX_QUERY_CHARS
from ui import render
from ui.examples import example_questions
from ui.service import MAX_K, MODES, UNEXPECTED, AskService, AssistantLike, UserFacingError
from ui.style import JS_ON_LOAD

log = logging.getLogger("hoidap.ui")

Turns = list[dict[str, str]]
Display = list[dict[str, Any]]

TITLE = "hoidap — Hỏi đáp bài báo"
HEADER = (
    "# Hỏi đáp bài báo\n"
    "Trả lời bằng cách **trích nguyên văn** bài viết, kèm số liệu và nguồn. "
    "Bấm vào số trích dẫn như [1] để xem đoạn đó trong bài."
)
MODE_CHOICES = [("Kết hợp (hybrid)", "hybrid"), ("Từ khóa (BM25)", "bm25"), ("Ngữ nghĩa (dense)", "dense")]


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + " …"


FILTERS = ("outlet", "since", "until", "article")


def make_respond(service: AskService) -> Any:
    """The chat handler: one question in (and the archive filters, when shown); the chat (shown and kept),
    history, article panel, textbox out."""

    def respond(question: str, turns: Turns, display: Display, mode: str, k: float, *filters: Any) -> tuple[Any, ...]:
        turns, display = list(turns or []), list(display or [])
        if not (question or "").strip():
            return display, display, turns, gr.skip(), ""
        try:
            answer = service.ask(question, turns, mode, int(k), dict(zip(FILTERS, filters)))
        except UserFacingError as exc:
            gr.Warning(str(exc))
            display += [render.user_message(_shorten(question)), render.notice_message(str(exc))]
            return display, display, turns, gr.skip(), question if len(question) <= MAX_QUERY_CHARS else ""
        except Exception:  # a bug, not a user error: full traceback to the log, a plain sentence to the user
            log.exception("hoidap: unexpected error answering %r", _shorten(question, 120))
            gr.Warning(UNEXPECTED)
            display += [render.user_message(_shorten(question)), render.notice_message(UNEXPECTED)]
            return display, display, turns, gr.skip(), question
        display += [render.user_message(question), *render.answer_messages(answer)]
        turns += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.get("text", "")}]
        return display, display, turns, render.article_panel(service.documents_for(answer), answer), ""

    return respond


def make_api(service: AskService, default_mode: str, default_k: int) -> Any:
    """The `ask` endpoint: the same service.ask as the chat, returning answer.to_dict()."""

    def ask(question: str, history: list[dict[str, str]] | str | None = None, mode: str = default_mode,
            k: int = default_k) -> dict[str, Any]:
        """Answer a question about the loaded articles; history is a list (or JSON list) of {"role","content"}."""
        try:
            return service.ask(question, history, mode, k)
        except UserFacingError as exc:
            raise gr.Error(str(exc), print_exception=False) from exc

    return ask


def _chat_column(examples: Sequence[str], default_mode: str, default_k: int, outlets: Sequence[str] = ()) -> dict[str, Any]:
    ui: dict[str, Any] = {}
    ui["chatbot"] = gr.Chatbot(
        value=[], label="Trò chuyện", height=620, sanitize_html=True, render_markdown=True,
        latex_delimiters=[], feedback_options=None, buttons=["copy"], elem_id="hd-chat",
        placeholder="Hỏi về bài báo bên cạnh — ví dụ: *Thu ngân sách quý I đạt bao nhiêu?*",
    )
    with gr.Row():
        ui["question"] = gr.Textbox(
            show_label=False, placeholder="Nhập câu hỏi rồi nhấn Enter…", lines=1, max_lines=5, scale=6,
            elem_id="hd-question", autofocus=True,
        )
        ui["ask"] = gr.Button("Hỏi", variant="primary", scale=1, min_width=100, elem_id="hd-ask")
        ui["clear"] = gr.Button("Xóa chat", variant="secondary", scale=1, min_width=100, elem_id="hd-clear")
    gr.Markdown("**Câu hỏi gợi ý**")
    with gr.Row(elem_id="hd-examples"):
        ui["examples"] = [gr.Button(q, size="sm", variant="secondary") for q in examples]
    with gr.Accordion("Nâng cao", open=False):
        ui["mode"] = gr.Radio(MODE_CHOICES, value=default_mode, label="Cách tìm đoạn văn")
        ui["k"] = gr.Slider(1, MAX_K, value=default_k, step=1, label="Số đoạn xét (k)")
        ui["filters"] = []
        if outlets:  # an archive: which articles to search
            ui["filters"] = [
                gr.Dropdown(list(outlets), multiselect=True, label="Báo", elem_id="hd-outlet"),
                gr.Textbox(label="Từ ngày (YYYY-MM-DD)", max_lines=1, elem_id="hd-since"),
                gr.Textbox(label="Đến ngày (YYYY-MM-DD)", max_lines=1, elem_id="hd-until"),
                gr.Textbox(label="Mã bài", max_lines=1, elem_id="hd-article-id"),
            ]
    return ui


def build_app(assistant: AssistantLike, *, default_mode: str = "hybrid", default_k: int = 5,
              examples: Sequence[str] | None = None) -> gr.Blocks:
    """Build the chat page for an assistant (see qa.Assistant); launch it with ui.server.launch."""
    if default_mode not in MODES:
        raise ValueError(f"default_mode must be one of {MODES}, not {default_mode!r}")
    service = AskService(assistant)
    questions = list(examples) if examples is not None else example_questions(service.documents)
    respond = make_respond(service)
    with gr.Blocks(title=TITLE, fill_width=True) as demo:
        gr.Markdown(HEADER, elem_classes=["hd-header"])
        turns = gr.State([])
        display = gr.State([])
        with gr.Row(equal_height=False):
            with gr.Column(scale=5, min_width=360):
                ui = _chat_column(questions, default_mode, default_k, service.outlets if service.is_archive else ())
            with gr.Column(scale=4, min_width=320):
                article = gr.HTML(render.article_panel(service.documents), js_on_load=JS_ON_LOAD,
                                  elem_id="hd-article", label="Bài báo")
        outputs = [ui["chatbot"], display, turns, article, ui["question"]]
        options = [turns, display, ui["mode"], ui["k"], *ui["filters"]]
        for trigger in (ui["question"].submit, ui["ask"].click):
            trigger(respond, inputs=[ui["question"], *options], outputs=outputs, api_visibility="private",
                    show_progress="minimal")
        for button in ui["examples"]:
            button.click(respond, inputs=[button, *options], outputs=outputs, api_visibility="private",
                         show_progress="minimal")
        ui["clear"].click(
            lambda: ([], [], [], render.article_panel(service.documents), ""),
            outputs=[ui["chatbot"], turns, display, article, ui["question"]], api_visibility="private",
        )
        gr.api(make_api(service, default_mode, default_k), api_name="ask")
    demo.queue(default_concurrency_limit=2)
    return demo
