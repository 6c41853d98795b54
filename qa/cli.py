"""The hoidap command line: ask, search and index, plus commands other packages plug in (chat, eval)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from importlib.metadata import entry_points
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Sequence

from index.config import MODES
from index.embedder import EMBEDDER_NAMES, embedder_named
from qa.errors import HoidapError

PROGRESS_MIN_ITEMS = 4


def progress_bar(it: Iterable, total: int, desc: str) -> Iterable:
    """A tqdm bar on stderr when there is enough work to watch."""
    if total < PROGRESS_MIN_ITEMS:
        return it
    from tqdm import tqdm

    return tqdm(it, total=total, desc=desc, unit="file" if desc == "reading" else "batch", file=sys.stderr)


def load_assistant(args: argparse.Namespace):
    """The Assistant for the command's --archive or --file arguments (or the bundled article)."""
    from qa.assistant import Assistant

    embedder = embedder_named(getattr(args, "embedder", None))
    cache = getattr(args, "cache_dir", None)
    if getattr(args, "archive", None) or getattr(args, "engine", None):
        if getattr(args, "file", None):
            raise HoidapError("give either --archive or --file, not both")
        return Assistant.from_archive(args.archive, embedder=embedder, cache_dir=cache, engine=args.engine)
    if getattr(args, "file", None):
        a = Assistant.from_files(args.file, embedder=embedder, cache_dir=cache, progress=progress_bar)
        for err in a.skipped:
            print(f"hoidap: skipped {err}", file=sys.stderr)
        return a
    return Assistant.default(embedder=embedder, cache_dir=cache, progress=progress_bar)


def add_corpus_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--archive", metavar="NAME", help="answer over a named archive built by `hoidap index --archive NAME`")
    p.add_argument("--engine", metavar="URI", help="search the archive through an engine, e.g. milvus:FILE.db or milvus:http://HOST:19530")
    p.add_argument("--file", "-f", action="append", metavar="PATH", help="article file (.txt or .html); repeat for several; default: the bundled article")
    p.add_argument("--cache-dir", metavar="DIR", help="where built indexes are kept (default: $HOIDAP_CACHE_DIR or the user cache dir)")
    p.add_argument("--embedder", metavar="NAME", default=None, help=EMBEDDER_NAMES)


def add_retrieval_options(p: argparse.ArgumentParser, k: int = 5) -> None:
    p.add_argument("--mode", choices=MODES, default="hybrid", help="retrieval mode (default: hybrid)")
    p.add_argument("--k", type=int, default=k, help=f"number of passages (default: {k})")
    p.add_argument("--outlet", action="append", metavar="NAME", help="only articles of this outlet (repeatable)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only articles published on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only articles published on or before this day")
    p.add_argument("--article", action="append", metavar="ID", help="only this article (repeatable)")


def _filters(args: argparse.Namespace) -> dict:
    return {"outlet": args.outlet, "since": args.since, "until": args.until, "article": args.article}


def _article_line(assistant, doc_id: str) -> str:
    ref = assistant.article(doc_id)
    return ref.label() + (f" · {ref.url}" if ref.url else "")


def format_answer(ans, assistant=None) -> str:
    lines = [ans.text, ""]
    cites = ans.related if ans.abstained else ans.citations
    if cites:
        lines.append("Có thể liên quan:" if ans.abstained else "Trích dẫn:")
        for c in cites:
            lines.append(f"  [{c.marker}] {c.doc_id} · {c.section or '—'} · ký tự {c.start}–{c.end}")
            if assistant is not None:
                lines.append(f"      {_article_line(assistant, c.doc_id)}")
            lines.append(f"      “{c.text}”")
    return "\n".join(lines).rstrip()


def answer_dict(ans, assistant) -> dict:
    """The answer as JSON, with the article (title, outlet, date, url) of every citation."""
    d = ans.to_dict()
    ids = dict.fromkeys(c.doc_id for c in [*ans.citations, *ans.related])
    d["articles"] = {i: assistant.article(i).to_dict() for i in ids}
    return d


def cmd_ask(args: argparse.Namespace) -> int:
    a = load_assistant(args)
    ans = a.ask(args.question, history=_history(args.history), mode=args.mode, k=args.k, **_filters(args))
    print(json.dumps(answer_dict(ans, a), ensure_ascii=False, indent=2) if args.json else format_answer(ans, a))
    return 0


def _history(items: Sequence[str] | None) -> list[dict]:
    out: list[dict] = []
    for q in items or []:
        out.append({"role": "user", "content": q})
    return out


def cmd_search(args: argparse.Namespace) -> int:
    a = load_assistant(args)
    hits = a.search(args.query, k=args.k, mode=args.mode, **_filters(args))
    if args.json:
        print(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("Không tìm thấy đoạn nào.")
    for i, h in enumerate(hits, 1):
        print(f"{i}. [{h.score:.4f}] {h.doc_id} · {h.section or '—'} · ký tự {h.start}–{h.end}")
        print(f"   {_article_line(a, h.doc_id)}")
        print(f"   {h.text}")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from index.archive import Archive, archive_root
    from index.archive_input import count_inputs, read_inputs
    from index.errors import NoArticlesError

    if not args.files and not args.remove and not args.upgrade:
        raise HoidapError("give article files, folders or .jsonl files to add, --remove ID or --upgrade")
    embedder = embedder_named(args.embedder)
    archive = Archive(archive_root(args.archive, args.cache_dir))
    name = args.archive or "default"
    if args.upgrade:
        n = archive.upgrade(embedder)
        print(f"archive {name}: {n} article(s) rewritten in this hoidap's format" if n else
              f"archive {name} is in this hoidap's format already")
    if args.remove:
        gone = archive.remove(args.remove, embedder)
        for doc_id in args.remove:
            if doc_id not in gone:
                print(f"hoidap: no article {doc_id!r} in archive {name}", file=sys.stderr)
        print(f"removed {len(gone)} article(s) from archive {name}")
    if not args.files:
        return 0
    total = count_inputs(args.files)
    with add_progress(total) as progress:
        report = archive.add(read_inputs(args.files), embedder, progress=progress, total=total)
    for err in report.skipped:
        print(f"hoidap: skipped {err}", file=sys.stderr)
    n = len(report.added) + len(report.replaced) + len(report.unchanged)
    if n == 0:
        reasons = "; ".join(str(e) for e in report.skipped[:5])
        raise NoArticlesError(f"none of the inputs could be used: {reasons}")
    summary = archive.summary()
    print(f"indexed {n} article(s), {report.sentences} new passages ({len(report.added)} added, "
          f"{len(report.replaced)} replaced, {len(report.unchanged)} unchanged); archive {name}: "
          f"{summary['articles']} articles, {summary['passages']} passages in {archive.root}")
    return 1 if report.skipped else 0


@contextmanager
def add_progress(total: int) -> Iterator[Callable[[int, int, int], None] | None]:
    """A tqdm bar over articles showing articles/s, sentences/s and the time left (when there is enough to watch)."""
    if total < PROGRESS_MIN_ITEMS:
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(total=total, desc="reading", unit="article", file=sys.stderr)

    def update(done: int, _total: int, sentences: int) -> None:
        bar.update(done - bar.n)
        elapsed = bar.format_dict["elapsed"] or 1e-9
        bar.set_postfix_str(f"{sentences / elapsed:.0f} sentences/s")

    try:
        yield update
    finally:
        bar.close()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hoidap", description="Ask Vietnamese news articles questions; answers quote the article.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens (index builds, cache reuse)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ask", help="answer a question with cited passages")
    p.add_argument("question")
    p.add_argument("--history", action="append", metavar="QUESTION", help="an earlier question of the same conversation (repeatable, oldest first)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    add_corpus_options(p)
    add_retrieval_options(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("search", help="show the best-scoring passages for a query")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    add_corpus_options(p)
    add_retrieval_options(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("index", help="add articles to an archive (files, folders, news.jsonl); unchanged ones are skipped")
    p.add_argument("files", nargs="*", metavar="FILE", help="article files (.txt, .html), folders of them, or .jsonl news records")
    p.add_argument("--archive", metavar="NAME", help="archive name (default: default) or folder path")
    p.add_argument("--remove", action="append", metavar="ID", help="drop this article from the archive (repeatable)")
    p.add_argument("--upgrade", action="store_true",
                   help="rewrite an archive of an older format in this one (nothing is parsed or embedded again)")
    p.add_argument("--cache-dir", metavar="DIR")
    p.add_argument("--embedder", metavar="NAME", default=None)
    p.set_defaults(func=cmd_index)

    for ep in entry_points(group="hoidap.commands"):
        try:
            register: Callable = ep.load()
        except ImportError as exc:
            print(f"hoidap: command {ep.name!r} is unavailable ({exc})", file=sys.stderr)
            continue
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # a question pasted with undecodable bytes must still print, not crash the reply
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="hoidap: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except HoidapError as exc:
        print(f"hoidap: error: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # bad settings such as an unknown tokenizer
        print(f"hoidap: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("hoidap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader (head, less) went away: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
