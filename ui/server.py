"""Launching the chat page locally: no share link, quiet, returns the local URL."""

from __future__ import annotations

import ipaddress
import os
from typing import Any

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


def launch(demo: Any, *, host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None,
           block: bool = True) -> str:
    """Start the server (never a public share link); returns the local URL. With block=True, serves until Ctrl+C."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    _, local_url, _ = demo.launch(
        server_name=host, server_port=port, share=False, auth=auth, prevent_thread_lock=True, quiet=True,
        show_error=False, footer_links=["api"], ssr_mode=False, pwa=False, mcp_server=False,
        auth_message="hoidap: đăng nhập để dùng trang hỏi đáp." if auth else None,
    )
    return str(local_url).rstrip("/")


def serve_forever(demo: Any) -> None:
    """Block the main thread until the server stops or the user presses Ctrl+C."""
    try:
        demo.block_thread()
    finally:
        demo.close()
