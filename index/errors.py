"""Exception classes for reading articles and building, saving and loading indexes."""

from __future__ import annotations


class HoidapError(Exception):
    """Base class: every error hoidap raises on purpose is one of these."""


class ArticleError(HoidapError):
    """An article file cannot be used (missing, unreadable, empty, binary, too large, undecodable)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class NoArticlesError(HoidapError):
    """None of the given files could be indexed."""


class IndexStoreError(HoidapError):
    """A saved index is damaged, from another format or another embedder, and cannot be used."""


class EmbedderError(HoidapError):
    """The embedding model cannot be loaded or used."""


class ArchiveError(HoidapError):
    """An archive cannot be used as asked (bad name, another embedder, not an archive, no articles)."""


class FilterError(HoidapError):
    """An article filter cannot be applied: an unknown outlet or article, or a malformed date range."""


class ArchiveFormatError(ArchiveError):
    """An archive's segments are laid out in another format than this hoidap's (its message says how to upgrade)."""
