"""The Gradio chat page: chat column, the reader's own articles, the article column, and the `ask` API endpoint."""

from __future__ import annotations

from typing import Any, Sequence

import gradio as gr

from ui.chat import EXAMPLE_SLOTS, SCOPE_ALL, SCOPE_ONE, ChatPage
from ui.feedback import FeedbackLog
from ui.filters import ALL, article_choices, outlet_choices
from ui.service import MAX_K, MODES, AssistantLike
from ui.sessions import Builder
from ui.strings import t
from ui.style import PANEL_JS, RESET_PANEL_JS, SHOW_REFUSAL_JS
from ui.uploads import ARTICLE_SUFFIXES

TITLE = "hoidap — Hỏi đáp bài báo"
MODE_CHOICES = [("Kết hợp (hybrid)", "hybrid"), ("Từ khóa (BM25)", "bm25"), ("Ngữ nghĩa (dense)", "dense")]
SAVED_CHAT_KEY = "hoidap-chat"


def _chat_column(archive: bool) -> dict[str, Any]:
    ui: dict[str, Any] = {}
    ui["chatbot"] = gr.Chatbot(  # the placeholder is set again with the suggested questions, on page load
        value=[], show_label=False, height=620, sanitize_html=True, render_markdown=True, latex_delimiters=[],
        feedback_options=("Like", "Dislike"), buttons=["copy"], elem_id="hd-chat",
        placeholder=t("chat_placeholder_archive" if archive else "chat_placeholder"),
        autoscroll=False,  # the page scrolls to the latest question instead, so its answer is read from the top
    )
    with gr.Row():
        ui["question"] = gr.Textbox(show_label=False, placeholder=t("question_placeholder"), lines=1, max_lines=5,
                                    scale=6, elem_id="hd-question", autofocus=True)
        ui["ask"] = gr.Button(t("ask"), variant="primary", scale=1, min_width=90, elem_id="hd-ask")
        ui["clear"] = gr.Button(t("clear"), variant="secondary", scale=1, min_width=90, elem_id="hd-clear")
    return ui


def _filter_controls(page: ChatPage) -> dict[str, Any]:
    """Outlet, date range and article of an archive's questions; hidden when the page runs on files."""
    ui: dict[str, Any] = {}
    with gr.Accordion(t("filters"), open=True, visible=page.base.is_archive, elem_id="hd-filters") as ui["box"]:
        with gr.Row():
            ui["outlet"] = gr.Dropdown(outlet_choices(page.base.outlets), value=ALL, label=t("outlet"),
                                       elem_id="hd-outlet", scale=2, min_width=140)
            ui["since"] = gr.Textbox(label=t("since"), placeholder="YYYY-MM-DD", max_lines=1, elem_id="hd-since",
                                     scale=1, min_width=120)
            ui["until"] = gr.Textbox(label=t("until"), placeholder="YYYY-MM-DD", max_lines=1, elem_id="hd-until",
                                     scale=1, min_width=120)
        ui["article"] = gr.Dropdown(article_choices(page.base.articles), value=ALL, label=t("filter_article"),
                                    info=t("filter_article_info"), allow_custom_value=True, filterable=True,
                                    elem_id="hd-article-filter")
    return ui


def _examples_and_options(default_mode: str, default_k: int, archive: bool) -> dict[str, Any]:
    ui: dict[str, Any] = {}
    ui["examples_heading"] = gr.Markdown(t("examples"), visible=not archive, elem_id="hd-examples-heading")
    with gr.Row(elem_id="hd-examples"):
        ui["examples"] = [gr.Button("", size="sm", variant="secondary", visible=False) for _ in range(EXAMPLE_SLOTS)]
    with gr.Accordion(t("advanced"), open=False):
        ui["mode"] = gr.Radio(MODE_CHOICES, value=default_mode, label=t("mode"))
        ui["k"] = gr.Slider(1, MAX_K, value=default_k, step=1, label=t("k"))
    return ui


def _article_column(panel: str) -> dict[str, Any]:
    ui: dict[str, Any] = {}
    with gr.Accordion(t("own_article"), open=False, elem_id="hd-own") as ui["own"]:
        gr.Markdown(t("upload"), elem_classes=["hd-upload-label"])
        ui["files"] = gr.File(show_label=False, file_count="multiple", file_types=list(ARTICLE_SUFFIXES),
                              type="filepath", elem_id="hd-upload", height=120)
        ui["pasted"] = gr.Textbox(label=t("paste"), placeholder=t("paste_placeholder"), lines=3, max_lines=8,
                                  elem_id="hd-paste")
        with gr.Row():
            ui["use_paste"] = gr.Button(t("use_paste"), size="sm", elem_id="hd-use-paste")
            ui["reset"] = gr.Button(t("reset"), size="sm", variant="secondary", elem_id="hd-reset")
    ui["status"] = gr.Markdown("", elem_id="hd-status", elem_classes=["hd-status"], visible=False)
    with gr.Row():
        ui["picker"] = gr.Dropdown(choices=[], label=t("picker"), visible=False, elem_id="hd-picker", scale=3)
        ui["scope"] = gr.Radio([(t("scope_all"), SCOPE_ALL), (t("scope_one"), SCOPE_ONE)], value=SCOPE_ALL,
                               label=t("scope"), visible=False, elem_id="hd-scope", scale=2)
    ui["article"] = gr.HTML(panel, js_on_load=PANEL_JS, elem_id="hd-article")
    return ui


def build_app(assistant: AssistantLike, *, default_mode: str = "hybrid", default_k: int = 5,
              examples: Sequence[str] | None = None, builder: Builder | None = None,
              feedback: FeedbackLog | None = None, archive: bool | None = None) -> gr.Blocks:
    """Build the chat page for an assistant (see qa.Assistant); launch it with ui.server.launch.

    builder indexes a reader's uploaded articles (default: qa.Assistant.from_documents with the same embedder);
    feedback is where thumbs up/down go (None: no thumbs are recorded); archive says whether the assistant answers
    over an archive (filters shown, the panel holds the cited articles; None: guessed from its number of articles).
    """
    if default_mode not in MODES:
        raise ValueError(f"default_mode must be one of {MODES}, not {default_mode!r}")
    page = ChatPage(assistant, builder=builder, examples=examples, feedback=feedback, archive=archive)
    with gr.Blocks(title=TITLE, fill_width=True) as demo:
        gr.Markdown(t("header"), elem_classes=["hd-header"])
        turns, display, records = gr.State([]), gr.State([]), gr.State([])
        saved = gr.BrowserState({}, storage_key=SAVED_CHAT_KEY)
        with gr.Row(equal_height=False):
            with gr.Column(scale=5, min_width=340):
                chat = _chat_column(page.base.is_archive)
                where = _filter_controls(page)
                chat.update(_examples_and_options(default_mode, default_k, page.base.is_archive))
            with gr.Column(scale=4, min_width=320):
                art = _article_column(page.panel(page.base.documents))
        outputs = [chat["chatbot"], display, turns, records, art["article"], chat["question"], art["picker"], saved]
        options = [turns, display, records, chat["mode"], chat["k"], art["picker"], art["scope"],
                   where["outlet"], where["since"], where["until"], where["article"]]
        # the chat itself is callable (undocumented, like the upload) so that clients can drive the page as a reader
        asked = [chat["question"].submit(page.respond, inputs=[chat["question"], *options], outputs=outputs,
                                         api_name="chat", api_visibility="undocumented", show_progress="minimal"),
                 chat["ask"].click(page.respond, inputs=[chat["question"], *options], outputs=outputs,
                                   api_visibility="private", show_progress="minimal")]
        asked += [button.click(page.respond, inputs=[button, *options], outputs=outputs, api_visibility="private",
                               show_progress="minimal") for button in chat["examples"]]
        for event in asked:
            event.then(None, js=SHOW_REFUSAL_JS, api_visibility="private")
        chat["clear"].click(page.clear, inputs=[art["picker"]],
                            outputs=[chat["chatbot"], turns, display, records, art["article"], chat["question"], saved],
                            api_visibility="private", js=RESET_PANEL_JS)
        chat["chatbot"].like(page.like, inputs=[records], api_visibility="private")
        where["outlet"].input(page.articles_of, inputs=[where["outlet"], where["article"]], outputs=[where["article"]],
                              api_visibility="private")
        # a tap on [N] of an answer whose passages the panel does not show (sent by the panel's script, ui.style)
        art["article"].click(page.open_citation, inputs=[records, art["picker"]],
                             outputs=[art["article"], art["picker"]], api_visibility="private",
                             show_progress="hidden", trigger_mode="always_last")
        art["picker"].input(page.show, inputs=[art["picker"]], outputs=[art["article"]], api_visibility="private")
        changed = [art["status"], art["files"], art["pasted"], art["picker"], art["scope"], art["article"],
                   chat["chatbot"], display, turns, records, chat["examples_heading"], *chat["examples"], art["own"],
                   where["box"]]
        art["files"].upload(page.upload, inputs=[art["files"], art["pasted"]], outputs=changed, api_name="upload",
                            api_visibility="undocumented", show_progress="full")
        art["use_paste"].click(page.upload, inputs=[art["files"], art["pasted"]], outputs=changed,
                               api_visibility="private", show_progress="full")
        art["reset"].click(page.reset, outputs=changed, api_visibility="private")
        demo.load(page.intro, outputs=[chat["chatbot"], chat["examples_heading"], *chat["examples"]],
                  api_visibility="private")
        demo.load(page.restore, inputs=[saved], outputs=[chat["chatbot"], display, turns, records],
                  api_visibility="private")
        demo.unload(page.unload)
        gr.api(page.api(default_mode, default_k), api_name="ask")
        if page.base.is_archive:
            gr.api(page.archive_api(default_mode, default_k), api_name="ask_archive")
    demo.queue(default_concurrency_limit=2)
    demo.hoidap_page = page  # type: ignore[attr-defined]
    return demo
