"""hoidap: ask Vietnamese news articles questions and get cited passages with their figures read right."""

from qa.answer import Answer, Citation
from qa.assistant import Assistant
from qa.errors import (ArchiveError, ArchiveFormatError, ArticleError, EmbedderError, FilterError, HoidapError,
                       IndexStoreError, NoArticlesError, QueryError)

__all__ = [
    "Answer",
    "ArchiveError",
    "ArchiveFormatError",
    "ArticleError",
    "Assistant",
    "Citation",
    "EmbedderError",
    "FilterError",
    "HoidapError",
    "IndexStoreError",
    "NoArticlesError",
    "QueryError",
]
