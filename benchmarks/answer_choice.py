"""Where answers are lost on an article set: candidates, the ranker's choice, the abstention probability, the figures.

    python -m benchmarks.answer_choice news [--out rows.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

import numpy as np


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set", help="an article-set folder, or 'news'")
    parser.add_argument("--out", help="write one JSON row per question here")
    parser.add_argument("--threshold", type=float, help="abstention threshold to report at (default: the config's)")
    args = parser.parse_args(argv)

    from eval.articleset import load_article_set, resolve_article_set
    from eval.runner import ask_in_turn
    from eval.scoring import contains_all, judge
    from qa import Assistant
    from qa.followup import resolve

    rows = []
    for pair in load_article_set(resolve_article_set(args.set)):
        a = Assistant.from_files([pair.article])
        for gq in pair.questions:
            q = resolve(gq.question, list(gq.history))
            hits = a.retrieve(q)
            scored = a.composer.score(q, hits, "hybrid") if not q.meta else None
            texts = [a.corpus.chunks[c.idx].text for c in scored.cands] if scored else []
            pos = [i for i, t in enumerate(texts) if gq.evidence and contains_all(t, gq.evidence)]
            best = scored.best if scored else -1
            answer, _ = ask_in_turn(a, gq, "hybrid")
            j = judge(gq, answer)
            rows.append({
                "id": gq.id, "kind": gq.kind, "answerable": gq.answerable, "question": gq.question,
                "meta": q.meta, "expected": q.expected, "in_candidates": bool(pos),
                "hit_rank": next((i for i, h in enumerate(hits) if gq.evidence and contains_all(h.text, gq.evidence)), None),
                "chosen_right": best in pos, "confidence": round(scored.confidence, 3) if scored else None,
                "abstained": answer.abstained, "lenient": j.lenient, "strict": j.strict, "reasons": list(j.reasons),
                "chosen": texts[best][:120] if best >= 0 else "",
                "figures": [f.text for f in answer.figures[:4]],
            })
    ans = [r for r in rows if r["answerable"] and not r["meta"]]
    print(f"answerable non-meta: {len(ans)}; gold sentence among candidates {sum(r['in_candidates'] for r in ans)}; "
          f"first hit {sum(r['hit_rank'] == 0 for r in ans)}; ranker's choice right {sum(r['chosen_right'] for r in ans)}")
    print(f"answered right (lenient) {sum(r['lenient'] for r in ans)}; abstained {sum(r['abstained'] for r in ans)}; "
          f"abstained though chosen right {sum(r['abstained'] and r['chosen_right'] for r in ans)}")
    un = [r for r in rows if not r["answerable"]]
    print(f"unanswerable: {len(un)}; abstained {sum(r['abstained'] for r in un)}")
    conf_ok = [r["confidence"] for r in ans if r["chosen_right"]]
    conf_bad = [r["confidence"] for r in ans if not r["chosen_right"]] + [r["confidence"] for r in un if r["confidence"] is not None]
    for t in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6):
        print(f"  threshold {t}: right answers kept {sum(c >= t for c in conf_ok)}/{len(conf_ok)}, "
              f"wrong or unanswerable refused {sum(c < t for c in conf_bad)}/{len(conf_bad)}")
    print("failure reasons:", Counter(r for x in rows if not x["lenient"] for r in x["reasons"][:1]).most_common(12))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
