"""Which articles a question is about: filters by outlet, date range and article id, and preferences it names."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

import numpy as np

from index.article import Document
from index.errors import FilterError
from index.text import fold

PREFER_LEXICAL = 0.3
"""Added to a passage's normalised BM25 score when its article has the outlet or year the question names."""
PREFER_DENSE = 0.02
"""Added to a passage's cosine for the same reason (cosines of related passages differ by a few hundredths)."""

_YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class ArticleRef:
    """What a citation says of its article."""

    doc_id: str
    title: str
    outlet: str
    published: str
    url: str

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "title": self.title, "outlet": self.outlet, "published": self.published, "url": self.url}

    def label(self) -> str:
        """``Title · Outlet · 2024-04-15`` with what is known."""
        return " · ".join(p for p in (self.title or self.doc_id, self.outlet, self.published[:10]) if p)


def _parse_day(value: str | date | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if len(str(value)) >= 10 else date(int(str(value)[:4]), 1, 1)
    except ValueError:
        raise FilterError(f"{name} {value!r} is not a date; write it as YYYY-MM-DD") from None


@dataclass(frozen=True)
class ArticleFilter:
    """Articles to search: by outlet names, a published date range (inclusive) and article ids; empty means all."""

    outlets: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    articles: tuple[str, ...] = ()

    @classmethod
    def of(cls, outlet: str | Iterable[str] | None = None, since: str | date | None = None,
           until: str | date | None = None, article: str | Iterable[str] | None = None) -> "ArticleFilter | None":
        """A filter from API or CLI arguments, or None when nothing is asked; FilterError on a malformed date."""
        outlets = (outlet,) if isinstance(outlet, str) else tuple(outlet or ())
        articles = (article,) if isinstance(article, str) else tuple(article or ())
        lo, hi = _parse_day(since, "since"), _parse_day(until, "until")
        if lo and hi and lo > hi:
            raise FilterError(f"since {lo} is after until {hi}; swap them")
        if not (outlets or articles or lo or hi):
            return None
        return cls(tuple(o for o in outlets if o), lo, hi, tuple(a for a in articles if a))


@functools.lru_cache(maxsize=16384)
def _day_and_year(day: str) -> tuple[int, int]:
    """Days since 0001-01-01 and the year of an ISO date (many articles share a day: parsed once), (-1, 0) when
    unknown."""
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return -1, 0
    return d.toordinal(), d.year


class ArticleTable:
    """Per-article metadata as arrays, and which article each passage belongs to."""

    def __init__(self, refs: Sequence[ArticleRef], chunk_article: np.ndarray) -> None:
        self.refs = list(refs)
        self.position = {r.doc_id: i for i, r in enumerate(self.refs)}
        self.chunk_article = chunk_article
        counts = np.bincount(chunk_article, minlength=len(self.refs)) if len(chunk_article) else np.zeros(len(self.refs), np.int64)
        self.first_chunk = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64) if len(self.refs) else np.zeros(0, np.int64)
        days = [_day_and_year(r.published[:10]) if isinstance(r.published, str) else (-1, 0) for r in self.refs]
        self.day = np.array([d for d, _ in days], dtype=np.int64)
        self.year = np.array([y for _, y in days], dtype=np.int64)
        self._outlet_names = sorted({r.outlet for r in self.refs if r.outlet})
        outlet_id = {o: i for i, o in enumerate(self._outlet_names)}
        self.outlet = np.array([outlet_id.get(r.outlet, -1) for r in self.refs], dtype=np.int64)

    @classmethod
    def of_refs(cls, refs: Sequence[ArticleRef], chunk_doc_ids: Sequence[str]) -> "ArticleTable":
        """The table of these articles; passages must come grouped by article, in the articles' order."""
        pos = {r.doc_id: i for i, r in enumerate(refs)}
        return cls(refs, np.array([pos[d] for d in chunk_doc_ids], dtype=np.int32))

    def to_saved(self) -> tuple[list[dict], dict[str, np.ndarray]]:
        return [r.to_dict() for r in self.refs], {"articles.chunk": self.chunk_article}

    @classmethod
    def from_saved(cls, refs: list[dict], arrays: dict[str, np.ndarray]) -> "ArticleTable":
        return cls([ArticleRef(**r) for r in refs], arrays["articles.chunk"])

    @property
    def outlets(self) -> list[str]:
        return list(self._outlet_names)

    def ref(self, doc_id: str) -> ArticleRef:
        return self.refs[self.position[doc_id]]

    def chunk_index(self, chunk_id: str) -> int:
        """Passage number of a chunk id ``doc#n`` (chunks of an article are stored together, in order)."""
        doc, _, n = chunk_id.rpartition("#")
        return int(self.first_chunk[self.position[doc]]) + int(n)

    def article_mask(self, where: ArticleFilter) -> np.ndarray:
        """Boolean mask over articles; FilterError when an outlet or article is unknown."""
        keep = np.ones(len(self.refs), dtype=bool)
        if where.outlets:
            folded = {fold(o): i for i, o in enumerate(self._outlet_names)}
            ids = []
            for o in where.outlets:
                if fold(o) not in folded:
                    known = ", ".join(self._outlet_names) or "none"
                    raise FilterError(f"no articles from outlet {o!r}; outlets here: {known}")
                ids.append(folded[fold(o)])
            keep &= np.isin(self.outlet, ids)
        if where.articles:
            missing = [a for a in where.articles if a not in self.position]
            if missing:
                raise FilterError(f"no article {missing[0]!r} here; `hoidap search` shows the ids of articles")
            keep &= np.isin(np.arange(len(self.refs)), [self.position[a] for a in where.articles])
        if where.since is not None:
            keep &= self.day >= where.since.toordinal()
        if where.until is not None:
            keep &= (self.day >= 0) & (self.day <= where.until.toordinal())
        return keep

    def chunk_mask(self, where: ArticleFilter | None) -> np.ndarray | None:
        """Boolean mask over passages, or None for no filter."""
        if where is None:
            return None
        return self.article_mask(where)[self.chunk_article]

    def preference(self, query: str) -> np.ndarray | None:
        """1.0 for passages of articles from an outlet or a year the question names, else 0; None when nothing applies."""
        folded = fold(query)
        prefer = np.zeros(len(self.refs), dtype=bool)
        for i, name in enumerate(self._outlet_names):
            if re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", folded):
                prefer |= self.outlet == i
        years = {int(y) for y in _YEAR_RE.findall(query)}
        if years:
            prefer |= np.isin(self.year, list(years))
        if not prefer.any() or prefer.all():
            return None  # nothing named, or every article fits: no article is preferred
        return prefer[self.chunk_article].astype(np.float32)


def ref_of(doc: Document) -> ArticleRef:
    """The citation line of a document (its ``source`` is the article's address when it is a URL)."""
    url = doc.source if doc.source.startswith(("http://", "https://")) else ""
    return ArticleRef(doc.doc_id, doc.title, doc.publisher, doc.published, url)
