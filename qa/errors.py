"""The exceptions the public API raises (all subclasses of HoidapError)."""

from index.errors import (
    ArticleError,
    EmbedderError,
    HoidapError,
    IndexStoreError,
    NoArticlesError,
    QueryError,
)

__all__ = ["ArticleError", "EmbedderError", "HoidapError", "IndexStoreError", "NoArticlesError", "QueryError"]
