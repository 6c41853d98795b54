"""`hoidap chat --mcp`: the ask endpoint as an MCP tool, through Gradio's optional MCP support."""

from __future__ import annotations

import importlib.util
import json
import urllib.request

import pytest

from ui_helpers import FakeAssistant, running_app

needs_mcp = pytest.mark.skipif(importlib.util.find_spec("mcp") is None,
                               reason="needs Gradio's MCP support: pip install 'hoidap[mcp]'")


@needs_mcp
def test_mcp_server_lists_the_ask_tool_with_its_parameters() -> None:
    with running_app(FakeAssistant(), mcp=True) as url:
        with urllib.request.urlopen(f"{url}/gradio_api/mcp/schema", timeout=30) as response:
            tools = json.load(response)
    ask = next(t for t in tools if t["name"].endswith("ask"))
    assert "quoting" in ask["description"]
    assert {"question", "history", "mode", "k"} <= set(ask["inputSchema"]["properties"])
    assert not any(t["name"].endswith(("respond", "upload", "like")) for t in tools)


def test_mcp_without_gradio_mcp_support_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import server

    monkeypatch.setattr(server, "mcp_available", lambda: False)
    with pytest.raises(server.McpUnavailableError, match=r"pip install 'hoidap\[mcp\]'"):
        server.launch(object(), mcp=True)
