"""Saved indexes: save, load and search again with the same result; leftovers of interrupted saves are swept."""

import os
import time

from index.embedder import HashEmbedder
from index.store import sweep_leftovers
from qa import Assistant


def test_search_save_load_search_gives_the_same_results(tmp_path, article_path):
    built = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path)
    loaded = Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path)
    assert built.corpus.loaded_from == loaded.corpus.loaded_from
    for mode in ("bm25", "dense", "hybrid"):
        a = [(h.chunk_id, round(h.score, 6)) for h in built.search("thu ngân sách quý I", k=5, mode=mode)]
        b = [(h.chunk_id, round(h.score, 6)) for h in loaded.search("thu ngân sách quý I", k=5, mode=mode)]
        assert a == b
    assert loaded.ask("Chi ngân sách nhà nước quý I là bao nhiêu?").to_dict() == built.ask(
        "Chi ngân sách nhà nước quý I là bao nhiêu?"
    ).to_dict()


def test_old_leftovers_of_killed_saves_are_swept_and_fresh_ones_kept(tmp_path):
    old_tmp = tmp_path / ".abc.tmp-123-deadbeef"
    old_tmp.mkdir()
    (old_tmp / "corpus.json").write_text("{}")
    old_bad = tmp_path / ".abc.bad-0badc0de"
    old_bad.write_text("x")
    fresh = tmp_path / ".abc.tmp-456-cafebabe"  # another process may be writing it right now
    fresh.mkdir()
    index = tmp_path / "abc"
    index.mkdir()
    hour_ago = time.time() - 7200
    for p in (old_tmp, old_bad):
        os.utime(p, (hour_ago, hour_ago))
    removed = sweep_leftovers(tmp_path)
    assert sorted(p.name for p in removed) == sorted([old_tmp.name, old_bad.name])
    assert fresh.exists() and index.exists() and not old_tmp.exists() and not old_bad.exists()


def test_saving_sweeps_old_leftovers(tmp_path, article_path):
    leftover = tmp_path / ".k.tmp-1-00000000"
    leftover.mkdir()
    os.utime(leftover, (time.time() - 7200, time.time() - 7200))
    Assistant.from_files([article_path], embedder=HashEmbedder(), cache_dir=tmp_path)
    assert not leftover.exists()
