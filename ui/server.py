"""Launching the chat page locally: no share link, quiet, returns the local URL."""

from __future__ import annotations

import importlib.util
import ipaddress
import os
from typing import Any

from index.reader import MAX_ARTICLE_BYTES
from ui.strings import I18N
from ui.style import CSS, ON_LOAD_JS, theme
from ui.typeface import font_dir

# Gradio refuses larger uploads outright; smaller ones over the article limit get the reader's own message.
UPLOAD_LIMIT_BYTES = 2 * MAX_ARTICLE_BYTES

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """True when host only accepts connections from this machine."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """"USER:PASS" → (user, pass); None or "" → None. Raises ValueError on a malformed value."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ValueError("auth must look like USER:PASS (both non-empty)")
    return user, password


class McpUnavailableError(RuntimeError):
    """--mcp was asked for but Gradio's MCP support is not installed."""


def mcp_available() -> bool:
    """Whether Gradio's optional MCP support (the `mcp` package) is installed."""
    return importlib.util.find_spec("mcp") is not None


def launch(demo: Any, *, host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None,
           mcp: bool = False) -> str:
    """Start the server in the background (never a public share link) with the page's theme, CSS, fonts and
    translations; returns the local URL. With mcp=True the `ask` endpoint is also an MCP tool."""
    if mcp and not mcp_available():
        raise McpUnavailableError("MCP needs Gradio's MCP support: pip install 'hoidap[mcp]'")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    _, local_url, _ = demo.launch(
        server_name=host, server_port=port, share=False, auth=auth, prevent_thread_lock=True, quiet=True,
        show_error=False, footer_links=["api"], ssr_mode=False, pwa=False, mcp_server=mcp,
        auth_message="hoidap: đăng nhập để dùng trang hỏi đáp." if auth else None,
        theme=theme(), css=CSS, js=ON_LOAD_JS, i18n=I18N, allowed_paths=[str(font_dir())],
        max_file_size=UPLOAD_LIMIT_BYTES,
    )
    return str(local_url).rstrip("/")


def close(demo: Any) -> None:
    """Stop the server and delete every session's uploaded articles."""
    demo.close()
    page = getattr(demo, "hoidap_page", None)
    if page is not None:
        page.sessions.close_all()


def serve_forever(demo: Any) -> None:
    """Block the main thread until the server stops or the user presses Ctrl+C."""
    try:
        demo.block_thread()
    finally:
        close(demo)
