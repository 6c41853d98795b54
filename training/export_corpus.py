"""Copy the unlabeled corpus articles that the training questions are written on into training/articles/."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Page dumps as the outlets print them (title, date line, paragraphs, VnExpress byline last) and a few articles of
# other outlets from news.jsonl, rendered the same way, so that training covers more than two layouts.
PAGE_IDS = [p.strip() for p in (HERE / "page_ids.txt").read_text("utf-8").split() if p.strip()]
JSONL_IDS = [p.strip() for p in (HERE / "jsonl_ids.txt").read_text("utf-8").split() if p.strip()]


def _date_line(row: dict) -> str:
    if row.get("date_line"):
        return row["date_line"]
    published = row.get("published") or ""
    if len(published) >= 10:
        y, m, d = published[:10].split("-")
        return f"{d}/{m}/{y}"
    return ""


def render(row: dict) -> str:
    """An article of news.jsonl as a page dump: title, date line, paragraphs, byline last when the source has one."""
    blocks = [row["title"], _date_line(row), *row["paragraphs"]]
    author = row.get("author")
    if author and row["paragraphs"][-1].strip() != author.strip():
        blocks.append(author)
    return "\n\n".join(b for b in blocks if b) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path, help="the corpus folder (with news.jsonl and pages/)")
    args = parser.parse_args()
    out = HERE / "articles"
    out.mkdir(exist_ok=True)
    for pid in PAGE_IDS:
        shutil.copyfile(args.corpus / "pages" / f"{pid}.txt", out / f"{pid}.txt")
    wanted = set(JSONL_IDS)
    with open(args.corpus / "news.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] in wanted:
                (out / f"{row['id']}.txt").write_text(render(row), encoding="utf-8")
                wanted.discard(row["id"])
    if wanted:
        raise SystemExit(f"not in the corpus: {', '.join(sorted(wanted))}")
    print(f"{len(PAGE_IDS) + len(JSONL_IDS)} articles in {out}")


if __name__ == "__main__":
    main()
