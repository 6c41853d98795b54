"""`hoidap chat`: build or load the index, then serve the chat page locally."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from index.config import MODES


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `chat` subcommand to hoidap's argparse subparsers."""
    parser = subparsers.add_parser(
        "chat",
        help="open the chat page (Gradio) in your browser",
        description="Serve a Vietnamese chat page that answers questions about an article by quoting it.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=7860, help="port (default: 7860)")
    parser.add_argument("--file", dest="files", action="append", default=[], metavar="PATH",
                        help="article to load (.txt or .html); repeat for several. Default: the bundled article")
    parser.add_argument("--archive", metavar="NAME", default=None,
                        help="answer over a named archive built by `hoidap index --archive NAME`")
    parser.add_argument("--engine", metavar="URI", default=None,
                        help="search the archive through an engine: milvus:FILE.db, milvus:http://HOST:19530, qdrant:DIR")
    parser.add_argument("--auth", metavar="USER:PASS", default=None,
                        help="require this login (or set HOIDAP_AUTH=USER:PASS)")
    parser.add_argument("--mode", choices=MODES, default="hybrid", help="default retrieval mode (default: hybrid)")
    parser.add_argument("--k", type=int, default=5, help="default number of passages to consider (default: 5)")
    parser.add_argument("--feedback", metavar="PATH", default=None,
                        help="JSON Lines file for readers' thumbs up/down (default: HOIDAP_FEEDBACK, else "
                             "feedback.jsonl in the user's data folder)")
    parser.add_argument("--mcp", action="store_true",
                        help="also serve the ask endpoint as an MCP tool (needs: pip install 'hoidap[mcp]')")
    parser.set_defaults(func=run)
    return parser


def _error(message: str) -> int:
    print(f"hoidap: error: {message}", file=sys.stderr)
    return 1


def _load_assistant(files: list[str], archive: str | None = None, engine: str | None = None) -> Any:
    """Build or load the index now, so the first question is fast."""
    from qa import Assistant

    if archive or engine:
        assistant = Assistant.from_archive(archive, engine=engine)
    else:
        assistant = Assistant.from_files(files) if files else Assistant.default()
    assistant.search("khởi động", k=1, mode="hybrid")  # warm the embedder and the index before serving
    return assistant


def run(args: argparse.Namespace) -> int:
    """Serve the chat page until Ctrl+C; returns the exit code."""
    from qa.errors import HoidapError
    from ui.server import McpUnavailableError, is_loopback, launch, parse_auth, serve_forever
    from ui.service import MAX_K

    try:
        auth = parse_auth(args.auth if args.auth is not None else os.environ.get("HOIDAP_AUTH"))
    except ValueError as exc:
        return _error(f"--auth / HOIDAP_AUTH: {exc}")
    if not 1 <= args.k <= MAX_K:
        return _error(f"--k must be between 1 and {MAX_K}, not {args.k}")
    if not is_loopback(args.host) and auth is None:
        print(f"hoidap: warning: serving on {args.host} without --auth; anyone who can reach this machine "
              "can use the chat page", file=sys.stderr)
    try:
        if args.files and (args.archive or args.engine):
            return _error("give either --archive or --file, not both")
        assistant = _load_assistant(list(args.files), args.archive, args.engine)
    except HoidapError as exc:
        return _error(str(exc))

    from ui.app import build_app
    from ui.feedback import FeedbackLog

    demo = build_app(assistant, default_mode=args.mode, default_k=args.k, feedback=FeedbackLog(args.feedback),
                     archive=bool(args.archive or args.engine))
    try:
        url = launch(demo, host=args.host, port=args.port, auth=auth, mcp=args.mcp)
    except McpUnavailableError as exc:
        return _error(str(exc))
    except OSError as exc:
        return _error(f"cannot serve on {args.host}:{args.port}: {exc}")
    print(f"hoidap: chat page ready at {url}", flush=True)
    serve_forever(demo)
    return 0
