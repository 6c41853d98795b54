"""Benchmark the chat page: `hoidap chat` start to ready (median of runs), and through gradio_client the latency of
`ask` (the answer alone) and of the chat (the answer with the chat and the article panel rendered)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

from benchmarks.ports import free_port
from eval.metrics import percentile

QUESTIONS = (
    "Thu ngân sách quý I đạt bao nhiêu?",
    "Chi ngân sách nhà nước quý I là bao nhiêu?",
    "Quận đã khởi công bao nhiêu dự án?",
    "Tổng diện tích đất thu hồi là bao nhiêu?",
    "thu ngan sach quy 1 dat bao nhieu",
)
CHAT_TURNS = 5
"""Questions per chat when timing the chat endpoint (a fresh reader after that, so the chat does not grow)."""
READY = "hoidap: chat page ready at "
CHILD = (
    "import argparse, sys\n"
    "from ui.command import register\n"
    "parser = argparse.ArgumentParser(prog='hoidap')\n"
    "register(parser.add_subparsers())\n"
    "args = parser.parse_args(sys.argv[1:])\n"
    "sys.exit(args.func(args))\n"
)


def start_server(extra: list[str], timeout: float = 180.0) -> tuple[subprocess.Popen[str], str, float]:
    """Run `hoidap chat` in a child process; returns it, its URL and the seconds until it printed ready."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False", PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-c", CHILD, "chat", "--port", str(free_port()), *extra]
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    deadline = began + timeout
    for line in proc.stdout:
        if line.startswith(READY):
            return proc, line[len(READY):].strip(), time.perf_counter() - began
        if time.perf_counter() > deadline:
            break
    stop(proc)
    raise RuntimeError(f"`hoidap chat` did not become ready (exit code {proc.returncode})")


def stop(proc: subprocess.Popen[str]) -> None:
    """Stop a child server started here."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def time_questions(url: str, rounds: int) -> list[float]:
    """Seconds per `ask` call through gradio_client, after one warm-up call."""
    from gradio_client import Client

    client = Client(url, verbose=False, download_files=False)
    client.predict(QUESTIONS[0], api_name="/ask")
    timings: list[float] = []
    for i in range(rounds):
        began = time.perf_counter()
        client.predict(QUESTIONS[i % len(QUESTIONS)], api_name="/ask")
        timings.append(time.perf_counter() - began)
    client.close()
    return timings


def time_chat(url: str, rounds: int) -> list[float]:
    """Seconds per question typed in the chat (the `/chat` endpoint: answer, chat and panel), after one warm-up."""
    from gradio_client import Client

    def chat(client: Client, question: str) -> None:
        client.predict(question, "hybrid", 5, None, "all", "", "", "", "", api_name="/chat")

    client = Client(url, verbose=False, download_files=False)
    chat(client, QUESTIONS[0])
    timings: list[float] = []
    for i in range(rounds):
        if i % CHAT_TURNS == 0:
            client.close()
            client = Client(url, verbose=False, download_files=False)
        began = time.perf_counter()
        chat(client, QUESTIONS[i % len(QUESTIONS)])
        timings.append(time.perf_counter() - began)
    client.close()
    return timings


def _ms(timings: list[float]) -> dict[str, Any]:
    return {"p50": percentile(timings, 50) * 1000, "p95": percentile(timings, 95) * 1000, "n": len(timings)}


def run(starts: int, rounds: int, extra: list[str]) -> dict[str, Any]:
    """Measure start-up `starts` times and `rounds` questions of each endpoint on the last server."""
    startup: list[float] = []
    latencies: list[float] = []
    chats: list[float] = []
    for i in range(starts):
        proc, url, seconds = start_server(extra)
        startup.append(seconds)
        try:
            if i == starts - 1:
                latencies = time_questions(url, rounds)
                chats = time_chat(url, rounds)
        finally:
            stop(proc)
    return {
        "start_to_ready_s": {"median": statistics.median(startup), "runs": [round(s, 2) for s in startup]},
        "ask_ms": _ms(latencies),
        "chat_ms": _ms(chats),
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m benchmarks.chat_page [--starts 5] [--rounds 100] [--json] [-- extra chat args]."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.chat_page", description=__doc__)
    parser.add_argument("--starts", type=int, default=5, help="start-up runs (default 5)")
    parser.add_argument("--rounds", type=int, default=100, help="questions to time (default 100)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("extra", nargs="*", help="extra `hoidap chat` arguments, e.g. -- --file x.txt")
    args = parser.parse_args(argv)
    result = run(args.starts, args.rounds, args.extra)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    start, ask, chat = result["start_to_ready_s"], result["ask_ms"], result["chat_ms"]
    print(f"start to ready: median {start['median']:.2f} s over {len(start['runs'])} runs {start['runs']} "
          f"(target ≤ 10 s)")
    print(f"ask via gradio_client: p50 {ask['p50']:.0f} ms, p95 {ask['p95']:.0f} ms over {ask['n']} questions "
          f"(target p50 ≤ 150 ms)")
    print(f"chat via gradio_client: p50 {chat['p50']:.0f} ms, p95 {chat['p95']:.0f} ms over {chat['n']} questions "
          f"(chats of {CHAT_TURNS})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
