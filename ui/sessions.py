"""Each visitor's own articles: a temporary folder, the articles read into it and their index, dropped on leave."""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from index.article import Document
from ui.service import AskService, AssistantLike

Progress = Callable[..., Any]
Builder = Callable[[Sequence[Document], Path, "Progress | None"], AssistantLike]

IDLE_SECONDS = 3600
CAPACITY = 50


class Workspace:
    """One session's uploaded articles, held in a temporary folder that is removed on close()."""

    def __init__(self, builder: Builder) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="hoidap-session-")
        self.dir = Path(self._tmp.name)
        self._builder = builder
        self.documents: list[Document] = []
        self._all: AskService | None = None
        self._single: dict[str, AskService] = {}
        self.lock = threading.Lock()
        self.touched = time.monotonic()

    @property
    def uploads(self) -> Path:
        return self.dir / "files"

    def add(self, documents: Sequence[Document], progress: Progress | None = None) -> None:
        """Add articles and index the session's whole set (in the session's folder, never the shared cache)."""
        docs = [*self.documents, *documents]
        service = AskService(self._builder(docs, self.dir / "index", progress))
        self.documents, self._all, self._single = docs, service, {}

    def service(self, doc_id: str | None = None) -> AskService | None:
        """The service over all the session's articles, or over one of them (indexed on first use)."""
        if self._all is None:
            return None
        if doc_id is None or len(self.documents) == 1:
            return self._all
        if doc_id not in self._single:
            doc = next(d for d in self.documents if d.doc_id == doc_id)
            self._single[doc_id] = AskService(self._builder([doc], self.dir / "index", None))
        return self._single[doc_id]

    def close(self) -> None:
        self._all, self._single, self.documents = None, {}, []
        self._tmp.cleanup()


class Sessions:
    """Workspaces by Gradio session id; idle ones and the oldest beyond capacity are closed."""

    def __init__(self, builder: Builder, idle_seconds: float = IDLE_SECONDS, capacity: int = CAPACITY) -> None:
        self._builder = builder
        self._idle = idle_seconds
        self._capacity = capacity
        self._open: dict[str, Workspace] = {}
        self._lock = threading.Lock()

    def get(self, key: str | None) -> Workspace | None:
        with self._lock:
            space = self._open.get(key or "")
            if space is not None:
                space.touched = time.monotonic()
            return space

    def open(self, key: str) -> Workspace:
        """The session's workspace, created on first use."""
        with self._lock:
            self._expire()
            space = self._open.get(key)
            if space is None:
                space = self._open[key] = Workspace(self._builder)
            space.touched = time.monotonic()
            return space

    def drop(self, key: str | None) -> None:
        with self._lock:
            space = self._open.pop(key or "", None)
        if space is not None:
            space.close()

    def close_all(self) -> None:
        with self._lock:
            spaces, self._open = list(self._open.values()), {}
        for space in spaces:
            space.close()

    def __len__(self) -> int:
        return len(self._open)

    def _expire(self) -> None:
        now = time.monotonic()
        for key in [k for k, s in self._open.items() if now - s.touched > self._idle]:
            self._open.pop(key).close()
        while self._open and len(self._open) >= self._capacity:
            oldest = min(self._open, key=lambda k: self._open[k].touched)
            self._open.pop(oldest).close()
