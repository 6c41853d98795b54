"""`hoidap chat` as a user runs it: a real process, its output lines and exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.ports import free_port

READY = "hoidap: chat page ready at "


def hoidap(*args: str) -> list[str]:
    return [sys.executable, "-m", "qa", *args]


def env() -> dict[str, str]:
    out = dict(os.environ, HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False", PYTHONUNBUFFERED="1")
    out.pop("HOIDAP_AUTH", None)
    return out


def run_quick(*args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(hoidap(*args), capture_output=True, text=True, env={**env(), **(extra_env or {})},
                          timeout=300)


def test_missing_file_is_one_error_line_and_exit_1(tmp_path: Path) -> None:
    result = run_quick("chat", "--file", str(tmp_path / "khong-co.txt"), "--port", str(free_port()))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("hoidap: error: ") and "khong-co.txt" in lines[-1]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_bad_auth_is_refused() -> None:
    result = run_quick("chat", "--port", str(free_port()), extra_env={"HOIDAP_AUTH": "no-colon"})
    assert result.returncode == 1
    assert result.stderr.strip().startswith("hoidap: error: --auth / HOIDAP_AUTH")


def test_public_host_without_auth_warns(tmp_path: Path) -> None:
    result = run_quick("chat", "--host", "0.0.0.0", "--file", str(tmp_path / "khong-co.txt"))
    assert "hoidap: warning: serving on 0.0.0.0 without --auth" in result.stderr


@pytest.mark.slow
def test_chat_serves_the_bundled_article() -> None:
    from gradio_client import Client

    port = free_port()
    proc = subprocess.Popen(hoidap("chat", "--port", str(port)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env())
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == f"{READY}http://127.0.0.1:{port}", line
        result = Client(line[len(READY):].strip(), verbose=False).predict("Thu ngân sách quý I đạt bao nhiêu?",
                                                                          api_name="/ask")
        assert any(f["text"] == "2.472 tỷ đồng" for f in result["figures"])
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert proc.stderr is not None
    assert "warning" not in proc.stderr.read()
