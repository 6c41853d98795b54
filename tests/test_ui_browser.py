"""The chat page in a real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright."""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

from pathlib import Path  # noqa: E402
from typing import Any, Iterator  # noqa: E402

import pytest  # noqa: E402

from ui_helpers import INJECTION, FakeAssistant, running_app  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]

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


@pytest.fixture()
def output_dir(tmp_path: Path) -> Path:
    out = Path(os.environ.get("HOIDAP_TEST_OUTPUT") or tmp_path) / "test-output"
    out.mkdir(parents=True, exist_ok=True)
    return out


def ask(page: Any, question: str) -> None:
    box = page.locator("#hd-question textarea")
    box.fill(question)
    box.press("Enter")


@pytest.mark.slow
def test_question_shows_figure_and_highlights_article(browser: Any, output_dir: Path) -> None:
    from qa import Assistant

    with running_app(Assistant.default()) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        page.goto(url)
        ask(page, "Thu ngân sách quý I đạt bao nhiêu?")
        page.wait_for_selector("#hd-article mark.hd-cite#cite-1", timeout=30_000)
        reply = page.locator("#hd-chat .hd-reply").last
        assert "2.472 tỷ đồng" in reply.inner_text()
        assert "2.472 tỷ đồng" in page.locator("#hd-chat table.hd-figures").last.inner_text()
        assert "2.472 tỷ đồng" in page.locator("#hd-article mark#cite-1").inner_text()
        page.locator("#hd-chat a.cite-link").first.click()  # scrolls the article, must not navigate away
        assert page.url.rstrip("/") == url.rstrip("/")
        page.wait_for_timeout(600)
        page.screenshot(path=str(output_dir / "chat-figure.png"), full_page=True)
        page.close()


def test_injected_html_is_literal_text_in_the_page(browser: Any, output_dir: Path) -> None:
    with running_app(FakeAssistant()) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        ask(page, INJECTION)
        page.wait_for_selector("#hd-chat .hd-reply", timeout=30_000)
        page.wait_for_timeout(300)
        assert "<img src=x onerror=alert(1)>" in page.locator("#hd-chat .hd-q").last.inner_text()
        assert page.locator("#hd-chat img, #hd-article img").count() == 0
        assert "<b>Long Biên</b>" in page.locator("#hd-article .hd-title").inner_text()
        assert dialogs == []
        page.screenshot(path=str(output_dir / "chat-injection.png"), full_page=True)
        page.close()


def test_abstention_shows_related_passage_dashed(browser: Any) -> None:
    with running_app(FakeAssistant()) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        ask(page, "Dân số của quận là bao nhiêu người?")
        page.wait_for_selector("#hd-article .hd-related-mark#rel-1", timeout=30_000)
        assert "không có thông tin" in page.locator("#hd-chat .hd-reply").last.inner_text()
        assert page.locator("#hd-article mark").count() == 0
        assert "Có thể liên quan" in page.locator("#hd-chat").inner_text()
        page.close()


def test_example_button_and_clear(browser: Any) -> None:
    with running_app(FakeAssistant(), examples=["Thu ngân sách quý I đạt bao nhiêu?"]) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.locator("#hd-examples button", has_text="Thu ngân sách quý I").click()
        page.wait_for_selector("#hd-article mark#cite-1", timeout=30_000)
        page.locator("#hd-clear").click()
        page.wait_for_selector("#hd-article mark", state="detached", timeout=10_000)
        assert page.locator("#hd-chat .hd-reply").count() == 0
        page.close()
