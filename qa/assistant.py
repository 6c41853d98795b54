"""The Assistant: the public entry point that loads articles, searches and answers questions."""

from __future__ import annotations

import logging
import os
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from index.archive_filter import ArticleFilter, ArticleRef
from index.article import Document, load_article
from index.config import IndexConfig
from index.corpus import Corpus
from index.embedder import Embedder, default_embedder
from index.hybrid import Hit
from index.store import default_cache_dir
from qa.answer import Answer, Composer
from qa.config import AnswerConfig
from qa.errors import ArticleError, NoArticlesError, QueryError
from qa.followup import resolve
from qa.question import Question
from qa.selector import AnswerModels
from qa.validation import validate_query, validate_retrieval

log = logging.getLogger(__name__)

BUNDLED_ARTICLE = "long-bien-2024-04-15.txt"
Filterable = str | Sequence[str] | None
DateLike = str | date | None


def bundled_article_path() -> Path:
    """Path of the sample article shipped with hoidap."""
    return Path(str(resources.files("index") / "data" / BUNDLED_ARTICLE))


class Assistant:
    """Answers questions about a set of Vietnamese articles by quoting them."""

    def __init__(self, corpus: Corpus, skipped: Sequence[ArticleError] = (), config: AnswerConfig | None = None,
                 models: AnswerModels | None = None) -> None:
        self.corpus = corpus
        self.skipped = list(skipped)
        self.composer = Composer(corpus, config, models)

    # --- construction ---------------------------------------------------------------------

    @classmethod
    def default(cls, embedder: Embedder | None = None, cache_dir: str | os.PathLike[str] | None = None,
                config: IndexConfig | None = None, progress: Callable | None = None, answer_config: AnswerConfig | None = None,
                   models: AnswerModels | None = None) -> "Assistant":
        """The bundled Long Biên article with the embedded default model."""
        return cls.from_files([bundled_article_path()], embedder=embedder, cache_dir=cache_dir, config=config,
                              progress=progress, answer_config=answer_config, models=models)

    @classmethod
    def from_files(cls, paths: Iterable[str | os.PathLike[str]], embedder: Embedder | None = None,
                   cache_dir: str | os.PathLike[str] | None = None, config: IndexConfig | None = None,
                   progress: Callable | None = None, answer_config: AnswerConfig | None = None,
                   models: AnswerModels | None = None) -> "Assistant":
        """Articles from .txt or .html files. Bad files are skipped and reported in ``skipped``; none good is an error."""
        paths = list(paths)
        if not paths:
            raise NoArticlesError("no article files given; pass at least one .txt or .html file")
        docs: list[Document] = []
        skipped: list[ArticleError] = []
        used: set[str] = set()
        iterator = progress(paths, len(paths), "reading") if progress else paths
        for p in iterator:
            try:
                doc = load_article(p)
            except ArticleError as exc:
                log.warning("skipping %s", exc)
                skipped.append(exc)
                continue
            base, n = doc.doc_id, 2
            while doc.doc_id in used:
                doc.doc_id = f"{base}-{n}"
                n += 1
            used.add(doc.doc_id)
            docs.append(doc)
        if not docs:
            reasons = "; ".join(str(e) for e in skipped)
            raise NoArticlesError(f"none of the files could be used: {reasons}")
        assistant = cls.from_documents(docs, embedder=embedder, cache_dir=cache_dir, config=config, progress=progress,
                                       answer_config=answer_config, models=models)
        assistant.skipped = skipped
        return assistant

    @classmethod
    def from_documents(cls, documents: Sequence[Document], embedder: Embedder | None = None,
                       cache_dir: str | os.PathLike[str] | None = None, config: IndexConfig | None = None,
                       progress: Callable | None = None, answer_config: AnswerConfig | None = None,
                   models: AnswerModels | None = None) -> "Assistant":
        """Already-parsed documents (see ``index.article.document_from_paragraphs``)."""
        if not documents:
            raise NoArticlesError("no documents given")
        ids = [d.doc_id for d in documents]
        if len(set(ids)) != len(ids):
            raise NoArticlesError("two documents share a doc_id; give each a unique one")
        embedder = embedder or default_embedder()
        config = config or IndexConfig()
        cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        kwargs: dict[str, Any] = {"progress": progress} if progress else {}
        corpus = Corpus.load_or_build(list(documents), embedder, config, cache, **kwargs)
        return cls(corpus, config=answer_config, models=models)

    @classmethod
    def from_archive(cls, name: str | os.PathLike[str] | None = None, embedder: Embedder | None = None,
                     cache_dir: str | os.PathLike[str] | None = None, config: IndexConfig | None = None,
                     engine: str | None = None, answer_config: AnswerConfig | None = None,
                     models: AnswerModels | None = None) -> "Assistant":
        """A named archive built with ``hoidap index --archive NAME`` (``default`` when not named).

        ``engine``: ``None`` searches in this process; a URI such as ``milvus:FILE.db`` or ``milvus:http://HOST:19530``
        searches the same archive through that engine (``index.engine``).
        """
        from index.archive import Archive, archive_root

        embedder = embedder or default_embedder()
        corpus = Archive(archive_root(name, cache_dir)).corpus(embedder, config)
        if engine:
            from index.engine import engine_corpus

            corpus = engine_corpus(corpus, engine)
        return cls(corpus, config=answer_config, models=models)

    # --- queries --------------------------------------------------------------------------

    @property
    def documents(self) -> list[Document]:
        return list(self.corpus.documents.values())

    def document(self, doc_id: str) -> Document:
        try:
            return self.corpus.documents[doc_id]
        except KeyError:
            known = ", ".join(self.corpus.documents) or "none"
            raise QueryError(f"no document {doc_id!r}; known documents: {known}") from None

    def article(self, doc_id: str) -> ArticleRef:
        """What a citation names of its article: title, outlet, date and address."""
        self.document(doc_id)  # QueryError for an unknown id
        return self.corpus.article(doc_id)

    def search(self, query: str, k: int = 5, mode: str = "hybrid", *, outlet: Filterable = None,
               since: DateLike = None, until: DateLike = None, article: Filterable = None) -> list[Hit]:
        """Scored chunks for a query: ``mode`` is ``bm25``, ``dense`` or ``hybrid``; filters as in ``ask``."""
        where = ArticleFilter.of(outlet, since, until, article)
        text = validate_query(query)
        validate_retrieval(mode, k)
        return self.corpus.search(text, k=k, mode=mode, where=where)

    def ask(self, question: str, history: Any = None, mode: str = "hybrid", k: int = 5, *, outlet: Filterable = None,
            since: DateLike = None, until: DateLike = None, article: Filterable = None) -> Answer:
        """Answer a question (history: Gradio-style [{"role", "content"}, ...] of the chat so far).

        Filters keep only some articles: ``outlet`` (a name or names), ``since``/``until`` (published dates,
        ``YYYY-MM-DD``, inclusive), ``article`` (an id or ids).
        """
        where = ArticleFilter.of(outlet, since, until, article)
        text = validate_query(question)
        validate_retrieval(mode, k)
        q = resolve(text, history)
        return self.composer.compose(question, q, self.retrieve(q, k, mode, where), k, mode)

    def retrieve(self, q: Question, k: int = 5, mode: str = "hybrid", where: ArticleFilter | None = None) -> list[Hit]:
        """The passages an analysed question's answer is chosen from, best first (``where``: articles to keep)."""
        # English: BM25 and the multilingual embedding both read the question followed by its Vietnamese rendering.
        n = max(k, self.composer.config.candidates)
        return self.corpus.search(q.retrieval_text, k=n, mode=mode, where=where)
