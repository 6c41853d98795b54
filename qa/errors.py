"""The exceptions the public API raises (all subclasses of HoidapError); the index's own are re-exported here."""

from index.errors import (ArchiveError, ArchiveFormatError, ArticleError, EmbedderError, FilterError, HoidapError,
                          IndexStoreError, NoArticlesError)


class QueryError(HoidapError):
    """A question or search query cannot be answered as given (empty, too long, bad parameter)."""


__all__ = ["ArchiveError", "ArchiveFormatError", "ArticleError", "EmbedderError", "FilterError", "HoidapError",
           "IndexStoreError", "NoArticlesError", "QueryError"]
