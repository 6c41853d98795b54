"""The chat page in a real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, desktop and phone."""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

from pathlib import Path  # noqa: E402
from typing import Any, Iterator  # noqa: E402

import pytest  # noqa: E402

from ui_helpers import INJECTION, FakeAssistant, running_app, write_article  # noqa: E402
from ui.typeface import FAMILY  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = {"desktop": DESKTOP, "phone": PHONE}
AFTER_ANSWER_SCROLLS_MS = 800
"""Longer than the page waits after an answer before scrolling the chat to it (300 ms in ui.style.PANEL_JS)."""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium "
                       "(apt-get install -y chromium)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def output_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = Path(os.environ.get("HOIDAP_TEST_OUTPUT") or "test-output")
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def real_url(hash_assistant: Any) -> Iterator[str]:
    """The bundled article with the fast fake embedder: the real answer layer, the real page."""
    with running_app(hash_assistant) as url:
        yield url


def open_page(browser: Any, url: str, size: str, locale: str = "vi-VN") -> Any:
    page = browser.new_page(viewport=SIZES[size], locale=locale)
    page.goto(url)
    page.wait_for_selector("#hd-article .hd-article", timeout=30_000)
    return page


def ask(page: Any, question: str) -> None:
    box = page.locator("#hd-question textarea")
    box.fill(question)
    box.press("Enter")


def shot(page: Any, output_dir: Path, name: str) -> None:
    page.screenshot(path=str(output_dir / f"{name}.png"), full_page=False)


def scrolled_into_view(page: Any, selector: str, timeout_ms: int = 5000) -> bool:
    """Whether the element comes into view within the timeout (smooth scrolling takes longer on a loaded machine)."""
    waited = 0
    while not in_viewport(page, selector):
        if waited >= timeout_ms:
            return False
        page.wait_for_timeout(100)
        waited += 100
    return True


def in_viewport(page: Any, selector: str) -> bool:
    """Whether the (last) element's centre is on screen and not hidden by a scrolling box around it."""
    return page.evaluate(
        """(sel) => {
          const all = document.querySelectorAll(sel);
          const el = all[all.length - 1];
          if (!el) return false;
          const r = el.getBoundingClientRect();
          const y = r.top + Math.min(r.height, 40) / 2, x = r.left + Math.min(r.width, 40) / 2;
          if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) return false;
          const hit = document.elementFromPoint(x, y);
          return !!hit && (hit === el || el.contains(hit) || hit.contains(el));
        }""",
        selector,
    )


def used_fonts(page: Any, selector: str) -> set[str]:
    """The typefaces Chromium really drew an element's text with (DevTools' platform fonts)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {f["familyName"] for f in fonts}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_citation_tap_shows_the_highlighted_passage(browser: Any, real_url: str, output_dir: Path,
                                                    size: str) -> None:
    page = open_page(browser, real_url, size)
    ask(page, "Thu ngân sách trên địa bàn quý I đạt bao nhiêu?")
    page.wait_for_selector("#hd-article mark.hd-cite#cite-1-1", timeout=30_000)
    # tapped the moment the answer shows, while the page's own scrolls after an answer are still due
    page.locator("#hd-chat .hd-reply a.cite-link").first.click()
    assert scrolled_into_view(page, "#hd-article mark#cite-1-1")
    page.wait_for_timeout(AFTER_ANSWER_SCROLLS_MS)  # and those scrolls do not undo the tap
    assert in_viewport(page, "#hd-article mark#cite-1-1")
    assert page.url.rstrip("/") == real_url.rstrip("/")  # scrolls, never navigates away
    shot(page, output_dir, f"{size}-citation")
    reply = page.locator("#hd-chat .hd-reply").last
    assert reply.locator(".hd-direct").inner_text() == "2.472 tỷ đồng"
    assert page.locator("#hd-chat table.hd-figures").count() == 1
    assert page.locator("#hd-article mark.hd-cite").count() >= 1
    assert page.locator("#hd-article mark.hd-cite[data-marker]:not([data-marker='1'])").count() == 0
    box = page.locator("#hd-chat table.hd-figures").bounding_box()
    chat = page.locator("#hd-chat").bounding_box()
    assert box["x"] + box["width"] <= chat["x"] + chat["width"] + 1  # the table fits in the chat
    page.evaluate("document.getElementById('hd-chat').scrollIntoView({block: 'start', behavior: 'instant'})")
    shot(page, output_dir, f"{size}-answer")
    page.close()


# Taps [1] in the first frame where the answer and its highlighted passage are both on the page: the earliest a
# reader can tap, before the page's own scrolls after an answer (which once undid the tap on a phone) are due.
TAP_AS_SOON_AS_SHOWN_JS = """() => new Promise((done) => {
  const tap = () => {
    const link = document.querySelector('#hd-chat .hd-reply a.cite-link');
    if (link && document.querySelector('#hd-article mark#cite-1-1')) { link.click(); done(performance.now()); }
    else requestAnimationFrame(tap);
  };
  tap();
})"""


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_tap_the_moment_the_answer_shows_is_not_undone(browser: Any, real_url: str, size: str) -> None:
    page = open_page(browser, real_url, size)
    ask(page, "Thu ngân sách trên địa bàn quý I đạt bao nhiêu?")
    page.evaluate(TAP_AS_SOON_AS_SHOWN_JS)
    assert scrolled_into_view(page, "#hd-article mark#cite-1-1")
    page.wait_for_timeout(AFTER_ANSWER_SCROLLS_MS)
    assert in_viewport(page, "#hd-article mark#cite-1-1")
    page.close()


FIRST_Q, SECOND_Q = "Thu ngân sách trên địa bàn quý I đạt bao nhiêu?", "Chi ngân sách nhà nước quý I là bao nhiêu?"

# The text of the highlighted passage a citation scrolled to, read where it is drawn: the element at the centre of
# the anchored mark's first line must be that mark (on screen, not covered), then every piece of the same passage.
PASSAGE_IN_VIEW_JS = """(id) => {
  const mark = document.getElementById(id);
  if (!mark) return null;
  const r = mark.getClientRects()[0];
  if (!r) return null;
  const x = r.left + Math.min(r.width, 40) / 2, y = r.top + r.height / 2;
  if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) return null;
  const hit = document.elementFromPoint(x, y);
  if (!hit || !(hit === mark || mark.contains(hit))) return null;
  const article = mark.closest('article');
  const pieces = article.querySelectorAll('mark.hd-cite[data-marker="' + mark.dataset.marker + '"]');
  return Array.from(pieces).map((m) => m.textContent).join('');
}"""


def quoted(page: Any, reply: int) -> tuple[str, str]:
    """The supporting sentence of the chat's reply number ``reply`` and the anchor its [1] link points to."""
    quote = page.locator("#hd-chat .hd-reply").nth(reply).locator(".hd-quote")
    text = quote.inner_text().strip()
    sentence = text[text.index("“") + 1:text.rindex("”")]
    href = quote.locator("a.cite-link").first.get_attribute("href")
    return sentence, href[1:]


def passage_in_view(page: Any, anchor: str, timeout_ms: int = 15_000) -> str | None:
    """The passage text under ``anchor`` once it is scrolled into view (None when it never is)."""
    waited = 0
    while waited <= timeout_ms:
        text = page.evaluate(PASSAGE_IN_VIEW_JS, anchor)
        if text:
            return text
        page.wait_for_timeout(100)
        waited += 100
    return None


def ask_and_wait(page: Any, question: str, replies: int) -> None:
    """Ask, then wait until the chat holds ``replies`` replies and the panel highlights the latest one."""
    ask(page, question)
    page.wait_for_function("(n) => document.querySelectorAll('#hd-chat .hd-reply').length >= n", arg=replies,
                           timeout=30_000)
    page.wait_for_function(
        """() => { const r = document.querySelectorAll('#hd-chat .hd-reply'); const a = r[r.length - 1]
               .querySelector('a.cite-link'); return a && document.getElementById(a.getAttribute('href').slice(1)); }""",
        timeout=30_000)
    page.wait_for_timeout(AFTER_ANSWER_SCROLLS_MS)  # the page's own scrolls after an answer are done


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_an_older_answers_citation_shows_that_answers_own_passage(browser: Any, real_url: str, output_dir: Path,
                                                                  size: str) -> None:
    page = open_page(browser, real_url, size)
    ask_and_wait(page, FIRST_Q, 1)
    ask_and_wait(page, SECOND_Q, 2)
    first, first_anchor = quoted(page, 0)
    second, second_anchor = quoted(page, 1)
    assert first != second and first_anchor != second_anchor  # two answers resting on different sentences
    assert page.locator(f"#hd-article [id='{first_anchor}']").count() == 0  # the panel shows the latest answer
    page.locator("#hd-chat .hd-reply").first.locator(".hd-quote a.cite-link").click()
    assert passage_in_view(page, first_anchor) == first  # the first answer's sentence, not the second's
    page.wait_for_timeout(AFTER_ANSWER_SCROLLS_MS)
    assert page.evaluate(PASSAGE_IN_VIEW_JS, first_anchor) == first  # and nothing scrolled it away
    assert page.url.rstrip("/") == real_url.rstrip("/")
    shot(page, output_dir, f"{size}-older-citation")
    page.locator("#hd-chat .hd-reply").nth(1).locator(".hd-quote a.cite-link").click()
    assert passage_in_view(page, second_anchor) == second  # and back to the latest answer's own passage
    page.close()


def test_an_older_citation_after_a_reload_shows_its_own_passage(browser: Any, real_url: str) -> None:
    page = open_page(browser, real_url, "desktop")
    ask_and_wait(page, FIRST_Q, 1)
    ask_and_wait(page, SECOND_Q, 2)
    page.reload()  # the chat comes back from the browser, the panel without highlights
    page.wait_for_function("document.querySelectorAll('#hd-chat .hd-reply').length >= 2", timeout=30_000)
    first, first_anchor = quoted(page, 0)
    page.locator("#hd-chat .hd-reply").first.locator(".hd-quote a.cite-link").click()
    assert passage_in_view(page, first_anchor) == first
    page.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_one_typeface_for_title_and_bold_words(browser: Any, real_url: str, size: str) -> None:
    page = open_page(browser, real_url, size)
    page.wait_for_timeout(500)
    title_family = page.evaluate("getComputedStyle(document.querySelector('.hd-title')).fontFamily")
    assert title_family.split(",")[0].strip("\"' ") == FAMILY
    assert used_fonts(page, "#hd-article .hd-title") == {"Noto Sans"}  # bold Vietnamese: every glyph one face
    assert used_fonts(page, "#hd-article h3") == {"Noto Sans"}
    assert used_fonts(page, ".hd-header h1") == {"Noto Sans"}
    page.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_upload_ask_and_refusal(browser: Any, hash_assistant: Any, tmp_path: Path, output_dir: Path,
                                size: str) -> None:
    article = write_article(tmp_path / "can-ho-dich-vu.txt")
    empty = tmp_path / "trong.txt"
    empty.write_text("", encoding="utf-8")
    with running_app(hash_assistant) as url:
        page = open_page(browser, url, size)
        page.locator("#hd-own").click()
        page.locator("#hd-upload input[type=file]").set_input_files([str(article), str(empty)])
        page.wait_for_selector("#hd-status:has-text('Đã thêm 1 bài')", timeout=60_000)
        assert "«trong.txt»" in page.locator("#hd-status").inner_text()
        assert page.locator("#hd-article .hd-title").inner_text() == "Thị trường căn hộ dịch vụ hồi phục"
        examples = page.locator("#hd-examples button:visible")
        assert examples.count() >= 1
        shot(page, output_dir, f"{size}-uploaded")
        examples.first.click()
        page.wait_for_selector("#hd-article mark.hd-cite", timeout=30_000)
        assert page.locator("#hd-chat .hd-abstain").count() == 0
        ask(page, "Ai là tác giả Truyện Kiều?")
        page.wait_for_selector("#hd-chat .hd-abstain", timeout=30_000)
        refusal = page.locator("#hd-chat .hd-abstain").last
        assert refusal.inner_text().startswith("Bài viết không") and refusal.inner_text().endswith(".")
        assert scrolled_into_view(page, "#hd-chat .hd-abstain")  # the chat came back into view to show it
        shot(page, output_dir, f"{size}-refusal")
        page.close()


def test_long_question_stays_in_the_box_and_clear_resets_the_panel(browser: Any) -> None:
    with running_app(FakeAssistant(), examples=["Thu ngân sách quý I đạt bao nhiêu?"]) as url:
        page = open_page(browser, url, "desktop")
        page.locator("#hd-examples button", has_text="Thu ngân sách quý I").click()
        page.wait_for_selector("#hd-article mark#cite-1-1", timeout=30_000)
        long_question = "Thu ngân sách " + "rất " * 600
        ask(page, long_question)
        page.wait_for_selector("#hd-chat .hd-notice", timeout=30_000)
        assert page.locator("#hd-question textarea").input_value() == long_question
        assert "Câu hỏi dài quá" in page.locator("#hd-chat .hd-notice").last.inner_text()
        assert page.locator("[data-testid='toast-body']").count() == 0  # no English "Warning" pop-up
        page.evaluate("document.querySelector('.hd-panel').scrollTop = 400")
        page.locator("#hd-clear").click()
        page.wait_for_selector("#hd-article mark", state="detached", timeout=10_000)
        assert page.locator("#hd-chat .hd-reply").count() == 0
        assert page.evaluate("document.querySelector('.hd-panel').scrollTop") == 0
        page.close()


def test_chat_survives_a_reload(browser: Any) -> None:
    with running_app(FakeAssistant()) as url:
        page = open_page(browser, url, "desktop")
        ask(page, "Thu ngân sách quý I đạt bao nhiêu?")
        page.wait_for_selector("#hd-chat .hd-reply", timeout=30_000)
        page.wait_for_timeout(500)
        page.reload()
        page.wait_for_selector("#hd-chat .hd-reply", timeout=30_000)
        assert "2.472 tỷ đồng" in page.locator("#hd-chat .hd-direct").first.inner_text()
        ask(page, "Còn chi ngân sách thì sao?")  # the restored history still carries the follow-up
        page.wait_for_function("document.querySelectorAll('#hd-chat .hd-reply').length >= 2", timeout=30_000)
        page.close()


def test_gradio_strings_follow_the_browser_language(browser: Any, output_dir: Path) -> None:
    with running_app(FakeAssistant()) as url:
        vi = open_page(browser, url, "desktop", locale="vi-VN")
        vi.wait_for_selector("footer :text('Dùng qua API')", timeout=15_000)
        assert vi.locator("#hd-ask").inner_text() == "Hỏi"
        vi.close()
        en = open_page(browser, url, "desktop", locale="en-US")
        en.wait_for_selector("footer :text('Use via API')", timeout=15_000)
        assert en.locator("#hd-ask").inner_text() == "Ask"
        shot(en, output_dir, "desktop-english")
        en.close()


def test_thumbs_up_is_recorded_with_question_and_citations(browser: Any, tmp_path: Path) -> None:
    from ui.feedback import FeedbackLog

    log = FeedbackLog(tmp_path / "feedback.jsonl")
    with running_app(FakeAssistant(), feedback=log) as url:
        page = open_page(browser, url, "desktop")
        ask(page, "Thu ngân sách quý I đạt bao nhiêu?")
        page.wait_for_selector("#hd-chat .hd-reply", timeout=30_000)
        page.locator("#hd-chat button[aria-label='Hữu ích'], #hd-chat button[aria-label='Like']").last.click()
        for _ in range(50):
            if log.read():
                break
            page.wait_for_timeout(200)
        page.close()
    [entry] = log.read()
    assert entry["liked"] is True and entry["question"] == "Thu ngân sách quý I đạt bao nhiêu?"
    assert "2.472 tỷ đồng" in entry["answer"]["citations"][0]["text"]


def test_injected_html_is_literal_text_in_the_page(browser: Any, output_dir: Path) -> None:
    with running_app(FakeAssistant()) as url:
        page = open_page(browser, url, "desktop")
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        ask(page, INJECTION)
        page.wait_for_selector("#hd-chat .hd-reply", timeout=30_000)
        page.wait_for_timeout(300)
        assert "<img src=x onerror=alert(1)>" in page.locator("#hd-chat .hd-q").last.inner_text()
        assert page.locator("#hd-chat img, #hd-article img").count() == 0
        assert "<b>Long Biên</b>" in page.locator("#hd-article .hd-title").inner_text()
        assert dialogs == []
        page.close()


def test_two_uploaded_articles_picker_switches_the_panel(browser: Any, hash_assistant: Any, tmp_path: Path,
                                                         output_dir: Path) -> None:
    first = write_article(tmp_path / "can-ho-dich-vu.txt")
    second = tmp_path / "bao-lu.txt"
    second.write_text("Bão số 4 gây mưa lớn ở miền Trung\n\nLượng mưa phổ biến 200 mm, có nơi trên 500 mm.\n",
                      encoding="utf-8")
    with running_app(hash_assistant) as url:
        page = open_page(browser, url, "desktop")
        page.locator("#hd-own").click()
        page.locator("#hd-upload input[type=file]").set_input_files([str(first), str(second)])
        page.wait_for_selector("#hd-status:has-text('Đã thêm 2 bài')", timeout=60_000)
        assert page.locator("#hd-picker").is_visible() and page.locator("#hd-scope").is_visible()
        page.locator("#hd-picker input").click()
        page.get_by_role("option", name="Bão số 4 gây mưa lớn ở miền Trung").click()
        page.wait_for_selector("#hd-article .hd-title:has-text('Bão số 4')", timeout=15_000)
        ask(page, "Tỷ lệ lấp đầy là bao nhiêu?")  # asked of all: the panel turns to the article that answers
        page.wait_for_selector("#hd-article mark.hd-cite", timeout=30_000)
        assert page.locator("#hd-article .hd-title").inner_text() == "Thị trường căn hộ dịch vụ hồi phục"
        shot(page, output_dir, "desktop-two-articles")
        page.close()


def test_archive_filters_show_over_an_archive_and_not_over_a_file(browser: Any, hash_assistant: Any, real_url: str,
                                                                  tmp_path: Path, output_dir: Path) -> None:
    from archive_helpers import build_archive, sample_records

    from index.embedder import HashEmbedder
    from qa import Assistant

    records = sample_records()
    archive = Assistant(build_archive(tmp_path, records).corpus(HashEmbedder()))
    outlets = {r["id"]: r["outlet"] for r in records}
    with running_app(archive, examples=[], archive=True) as url:
        page = browser.new_page(viewport=DESKTOP, locale="vi-VN")
        page.goto(url)
        page.wait_for_selector("#hd-filters #hd-outlet", state="visible", timeout=30_000)
        placeholder = page.locator("#hd-chat").inner_text()  # the empty chat promises no suggested questions here
        assert "Lọc bài trong kho" in placeholder and "gợi ý" not in placeholder
        assert not page.locator("#hd-examples-heading").is_visible()
        assert page.locator("#hd-since input, #hd-since textarea").is_visible()
        assert page.locator("#hd-until input, #hd-until textarea").is_visible()
        assert page.locator("#hd-article-filter").is_visible()
        page.locator("#hd-outlet input").click()
        page.get_by_role("option", name="Thanh Niên").click()
        ask(page, records[0]["paragraphs"][0][:120])  # a VnExpress sentence, asked of Thanh Niên only
        page.wait_for_selector("#hd-article article.hd-article", timeout=30_000)
        shown = page.eval_on_selector_all("#hd-article article.hd-article", "els => els.map((e) => e.dataset.doc)")
        assert shown and {outlets[d] for d in shown} == {"Thanh Niên"}
        page.screenshot(path=str(output_dir / "desktop-archive-filters.png"), full_page=True)
        page.locator("#hd-since input, #hd-since textarea").first.fill("15/04/2024")
        question = "Giá thuê nhà trọ ở Hà Nội là bao nhiêu?"
        ask(page, question)
        page.wait_for_selector("#hd-chat .hd-notice:has-text('YYYY-MM-DD')", timeout=30_000)
        assert page.locator("#hd-question textarea").input_value() == question
        assert scrolled_into_view(page, "#hd-chat .hd-notice")  # the chat came down to the message
        shot(page, output_dir, "desktop-archive-bad-date")
        page.close()
    page = open_page(browser, real_url, "desktop")  # the bundled article, a file
    page.wait_for_timeout(300)
    page.wait_for_selector("#hd-examples button:visible", timeout=15_000)
    assert "«Câu hỏi gợi ý»" in page.locator("#hd-chat").inner_text()  # which are shown over a file
    assert not page.locator("#hd-filters").is_visible() and not page.locator("#hd-outlet").is_visible()
    page.close()
