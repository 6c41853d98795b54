"""Archives: add, skip unchanged, replace, remove, resume after a kill, filters, preferences and citations."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from archive_helpers import PER_OUTLET, sample_records, write_format_1, write_jsonl

from index import store
from index.archive import COMPILED, FORMAT_VERSION, SEGMENTS, Archive, archive_root
from index.archive_records import DOCUMENTS, PASSAGES
from index.archive_filter import ArticleFilter
from index.archive_input import document_from_record, read_inputs
from index.config import IndexConfig
from index.corpus import Corpus
from index.embedder import HashEmbedder
from index.errors import ArchiveError, ArchiveFormatError, FilterError, IndexStoreError
from index.text import syllables
from qa import Assistant
from qa.evidence import Evidence

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return sample_records()


@pytest.fixture(scope="module")
def built(tmp_path_factory, records) -> Path:
    """An archive of the records, built once; tests copy it before changing it."""
    root = tmp_path_factory.mktemp("archive") / "a"
    src = write_jsonl(root.parent / "news.jsonl", records)
    Archive(root).add(read_inputs([src]), HashEmbedder())
    return root


@pytest.fixture
def archive(built, tmp_path) -> Archive:
    shutil.copytree(built, tmp_path / "a")
    return Archive(tmp_path / "a")


def chunk_ids(corpus: Corpus, query: str, **kw) -> list[str]:
    return [h.chunk_id for h in corpus.search(query, k=10, **kw)]


def test_a_records_copyright_notice_is_not_read_as_article_text():
    body = "Lễ hội thu hút đông đảo người dân tới theo dõi. " * 10
    joined = document_from_record({"id": "a", "title": "Lễ hội", "paragraphs": [
        body + "® VnExpress giữ bản quyền nội dung trên website này"]})
    apart = document_from_record({"id": "b", "title": "Lễ hội", "paragraphs": [
        body, "Bản quyền thuộc về Báo VietNamNet."]})
    for doc in (joined, apart):
        assert "bản quyền" not in doc.text.lower() and doc.text.rstrip().endswith("tới theo dõi.")
    only = document_from_record({"id": "c", "title": "Bản quyền tác giả", "paragraphs": ["Bản quyền tác giả là gì?"]})
    assert "Bản quyền tác giả là gì?" in only.text  # a lone paragraph is the article, whatever it says


def test_adding_the_same_articles_again_skips_every_one_and_keeps_the_index(archive, records, tmp_path):
    before = archive.corpus(HashEmbedder())
    src = write_jsonl(tmp_path / "again.jsonl", records)
    report = archive.add(read_inputs([src]), HashEmbedder())
    assert report.added == [] and report.replaced == [] and len(report.unchanged) == len(records)
    after = archive.corpus(HashEmbedder())
    assert after.loaded_from == before.loaded_from
    assert chunk_ids(after, "giá vàng tăng") == chunk_ids(before, "giá vàng tăng")


def test_a_changed_article_is_replaced_and_answers_from_its_new_text(archive, records, tmp_path):
    changed = dict(records[0], paragraphs=["Quỹ đặc biệt của tỉnh Zanthia đạt 777 tỷ đồng trong năm 2024."])
    report = archive.add(read_inputs([write_jsonl(tmp_path / "c.jsonl", [changed])]), HashEmbedder())
    assert report.replaced == [records[0]["id"]] and report.added == []
    corpus = archive.corpus(HashEmbedder())
    assert len(corpus.documents) == len(records)
    assert "Zanthia" in corpus.documents[records[0]["id"]].text
    ans = Assistant(corpus).ask("Quỹ đặc biệt của tỉnh Zanthia đạt bao nhiêu?")
    assert not ans.abstained and "777 tỷ đồng" in ans.text and ans.citations[0].doc_id == records[0]["id"]


def test_removed_articles_are_no_longer_searched_and_their_segments_go_when_empty(archive, records):
    gone = [r["id"] for r in records[:PER_OUTLET]]
    assert archive.remove(gone + ["no-such-id"], HashEmbedder()) == gone
    corpus = archive.corpus(HashEmbedder())
    assert set(corpus.documents) == {r["id"] for r in records[PER_OUTLET:]}
    assert not {h.doc_id for h in corpus.search(records[0]["title"], k=20)} & set(gone)
    catalog = json.loads((archive.root / "catalog.json").read_text("utf-8"))
    assert sorted(p.name for p in (archive.root / SEGMENTS).iterdir()) == sorted(catalog["segments"])


def test_the_archive_searches_like_one_in_memory_corpus_of_the_same_articles(archive, records):
    docs = [document_from_record(r) for r in records]
    memory = Corpus.build(docs, HashEmbedder(), IndexConfig())
    saved = archive.corpus(HashEmbedder())
    for q in ("giá vàng tăng bao nhiêu", "thi tot nghiep", "Hà Nội"):
        for mode in ("bm25", "dense", "hybrid"):
            assert [(h.chunk_id, round(h.score, 6)) for h in saved.search(q, k=8, mode=mode)] == [
                (h.chunk_id, round(h.score, 6)) for h in memory.search(q, k=8, mode=mode)
            ]
    assert saved.term_df("ha_noi") == memory.term_df("ha_noi") > 0
    i = saved.chunk_index(saved.chunks[17].chunk_id)
    assert i == 17 and saved.figures[i] == memory.figures[17]


def test_passages_and_figures_read_on_demand_equal_the_in_memory_ones_in_any_order(archive, records):
    memory = Corpus.build([document_from_record(r) for r in records], HashEmbedder(), IndexConfig())
    saved = archive.corpus(HashEmbedder())
    order = list(range(len(memory.chunks)))[::-7] + list(range(len(memory.chunks)))  # some articles half-read first
    for i in order:
        assert saved.chunks[i] == memory.chunks[i] and saved.figures[i] == memory.figures[i]
    assert saved.chunks[-1] == memory.chunks[-1]
    assert {d: saved.documents[d] for d in memory.documents} == memory.documents
    assert {d: saved.text_length(d) for d in memory.documents} == {d: len(doc.text) for d, doc in memory.documents.items()}


def test_the_answer_layer_reads_stored_syllables_and_answers_as_over_the_articles_in_memory(archive, records,
                                                                                       monkeypatch):
    memory = Corpus.build([document_from_record(r) for r in records], HashEmbedder(), IndexConfig())
    saved = archive.corpus(HashEmbedder())
    questions = ("Giá vàng tăng bao nhiêu?", "thu ngan sach quy I dat bao nhieu", "Ai là chủ tịch tỉnh?")
    in_memory = [Assistant(memory).ask(q).to_dict() for q in questions]
    ev_memory = Evidence(memory)
    expected = [(ev_memory.sentence(i), ev_memory.paragraph(i), ev_memory.context(i)) for i in range(len(memory.chunks))]

    def no_tokenising(text):
        raise AssertionError("an archive's passage was tokenised again")

    monkeypatch.setattr("index.corpus.syllables", no_tokenising)
    titles = {d.title for d in memory.documents.values() if d.title}
    tokenise = syllables

    def no_titles(text):
        if text in titles:
            raise AssertionError("an archive's title was tokenised again")
        return tokenise(text)

    monkeypatch.setattr("qa.evidence.syllables", no_titles)
    ev_saved = Evidence(saved)
    assert [(ev_saved.sentence(i), ev_saved.paragraph(i), ev_saved.context(i)) for i in range(len(saved.chunks))] == expected
    assert [Assistant(saved).ask(q).to_dict() for q in questions] == in_memory


def test_a_damaged_stored_passage_is_reported_never_misread(archive):
    seg = sorted((archive.root / SEGMENTS).iterdir())[0] / PASSAGES
    data = bytearray(seg.read_bytes())
    data[len(data) // 2] ^= 0x01
    seg.write_bytes(bytes(data))
    corpus = archive.corpus(HashEmbedder())
    with pytest.raises(IndexStoreError, match="a passage of segment .* damaged"):
        [corpus.syllables(i) for i in range(len(corpus.chunks))]
    shutil.rmtree(archive.root / COMPILED)
    with pytest.raises(IndexStoreError, match="passages of an article .* damaged"):  # and compiling from them is refused
        archive.corpus(HashEmbedder())


def test_an_index_compiled_without_the_passage_locations_is_compiled_again(archive, monkeypatch, caplog):
    shutil.rmtree(archive.root / COMPILED)
    save = store.save

    def older_layout(target, key, name, payload, arrays, *rest):
        return save(target, key, name, payload, {k: v for k, v in arrays.items() if not k.startswith("passage.")}, *rest)

    with monkeypatch.context() as m:
        m.setattr(store, "save", older_layout)
        archive.add([], HashEmbedder())
    corpus = archive.corpus(HashEmbedder())
    assert "recompiling" in caplog.text and "passage locations" in caplog.text
    assert [corpus.syllables(i) for i in range(len(corpus.chunks))] == [syllables(c.text) for c in corpus.chunks]


def test_an_archive_of_this_format_keeps_each_passage_apart_from_its_article_s_document(archive):
    catalog = json.loads((archive.root / "catalog.json").read_text("utf-8"))
    assert catalog["format_version"] == FORMAT_VERSION == 2
    for seg in (archive.root / SEGMENTS).iterdir():
        assert sorted(p.name for p in seg.iterdir()) == sorted([DOCUMENTS, PASSAGES, "vectors.npy"])
    corpus = archive.corpus(HashEmbedder())
    lines = b"".join(p.read_bytes() for p in sorted((archive.root / SEGMENTS).glob(f"*/{PASSAGES}"))).splitlines()
    assert len(lines) == len(corpus.chunks) == sum(e["chunks"] for e in catalog["articles"].values())


def test_an_archive_of_format_1_is_refused_with_the_command_that_upgrades_it_which_answers_as_a_new_one(
        archive, records, tmp_path):
    old = Archive(write_format_1(tmp_path / "old", records))
    with pytest.raises(ArchiveFormatError, match=rf"archive format 1 is older than this hoidap's \(2\); upgrade it "
                                                 rf"in place with `hoidap index --archive {old.root} --upgrade`"):
        old.corpus(HashEmbedder())
    with pytest.raises(ArchiveFormatError):
        old.add([], HashEmbedder())
    assert old.upgrade(HashEmbedder()) == len(records)
    assert old.upgrade(HashEmbedder()) == 0  # in this format already
    assert sorted(p.name for p in (old.root / SEGMENTS).iterdir()) == ["seg-000002"]  # the old segment is gone
    upgraded, new = old.corpus(HashEmbedder()), archive.corpus(HashEmbedder())
    assert upgraded.syllables_current
    assert dict(upgraded.documents) == dict(new.documents)
    assert list(upgraded.chunks) == list(new.chunks) and list(upgraded.figures) == list(new.figures)
    assert [upgraded.syllables(i) for i in range(len(new.chunks))] == [new.syllables(i) for i in range(len(new.chunks))]
    questions = ("Giá vàng tăng bao nhiêu?", "thu ngan sach quy I dat bao nhieu")
    assert [Assistant(upgraded).ask(q).to_dict() for q in questions] == [Assistant(new).ask(q).to_dict() for q in questions]
    report = old.add(read_inputs([write_jsonl(tmp_path / "again.jsonl", records)]), HashEmbedder())
    assert len(report.unchanged) == len(records)  # the articles' hashes came along


def test_an_upgrade_killed_before_its_commit_leaves_format_1_and_runs_again(tmp_path, records, monkeypatch):
    old = Archive(write_format_1(tmp_path / "old", records[:4]))
    commit = Archive._commit
    calls = []

    def killed(self, cat):
        calls.append(cat["format_version"])
        if cat["format_version"] == FORMAT_VERSION:
            raise KeyboardInterrupt  # killed at the commit point
        commit(self, cat)

    with monkeypatch.context() as m:
        m.setattr(Archive, "_commit", killed)
        with pytest.raises(KeyboardInterrupt):
            old.upgrade(HashEmbedder())
    assert calls == [1, FORMAT_VERSION]
    assert json.loads((old.root / "catalog.json").read_text("utf-8"))["format_version"] == 1
    with pytest.raises(ArchiveFormatError):
        old.corpus(HashEmbedder())
    assert old.upgrade(HashEmbedder()) == 4
    assert len(old.corpus(HashEmbedder()).documents) == 4 and len(list((old.root / SEGMENTS).iterdir())) == 1


def test_the_upgrade_command_rewrites_an_archive_of_format_1(tmp_path, records):
    old = write_format_1(tmp_path / "old", records[:3])
    refused = _cli("ask", "Giá vàng tăng bao nhiêu?", "--archive", str(old), "--embedder", "hash", cache=tmp_path / "c")
    assert refused.returncode == 1 and f"hoidap index --archive {old} --upgrade" in refused.stderr
    done = _cli("index", "--archive", str(old), "--upgrade", "--embedder", "hash", cache=tmp_path / "c")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"archive {old}: 3 article(s) rewritten")
    assert _cli("ask", "Giá vàng tăng bao nhiêu?", "--archive", str(old), "--embedder", "hash",
                cache=tmp_path / "c").returncode == 0


def test_articles_read_by_an_earlier_text_pipeline_are_named_with_what_to_do(archive, records, monkeypatch, caplog,
                                                                              tmp_path):
    archive.corpus(HashEmbedder())
    assert "earlier version" not in caplog.text
    monkeypatch.setattr(store, "pipeline_fingerprint", lambda: "a-newer-pipeline")
    archive.corpus(HashEmbedder())
    assert f"{len(records)} of {len(records)} articles" in caplog.text and "hoidap index --archive" in caplog.text
    caplog.clear()
    report = archive.add(read_inputs([write_jsonl(tmp_path / "again.jsonl", records)]), HashEmbedder())
    assert len(report.replaced) == len(records)  # indexing them again re-reads every one
    archive.corpus(HashEmbedder())
    assert "earlier version" not in caplog.text


def test_passage_words_from_stored_syllables_equal_the_words_of_their_text_and_stale_ones_are_not_used(archive,
                                                                                                     monkeypatch):
    from qa.spans import words

    current = archive.corpus(HashEmbedder())
    monkeypatch.setattr(store, "pipeline_fingerprint", lambda: "a-newer-pipeline")
    stale = archive.corpus(HashEmbedder())
    assert current.syllables_current and not stale.syllables_current
    for corpus in (current, stale):
        ev = Evidence(corpus)
        assert [ev.words(i) for i in range(len(corpus.chunks))] == [words(c.text) for c in corpus.chunks]
    monkeypatch.setattr(stale, "passage_syllables", [["not", "its", "text"]] * len(stale.chunks))
    assert Evidence(stale).words(0) == words(stale.chunks[0].text)  # a stale archive's passages are read again


def test_a_compiled_index_with_a_flipped_bit_is_refused_and_compiled_again_from_the_segments(archive, caplog):
    q = "Giá vàng tăng bao nhiêu?"
    before = chunk_ids(archive.corpus(HashEmbedder()), q)
    (index_dir,) = (archive.root / COMPILED).iterdir()
    arrays = index_dir / store.ARRAYS_FILE
    data = bytearray(arrays.read_bytes())
    data[len(data) // 2] ^= 0x04
    arrays.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="index.archive"):
        after = archive.corpus(HashEmbedder())
    assert "recompiling" in caplog.text and "arrays.bin does not match its checksum" in caplog.text
    assert chunk_ids(after, q) == before


def test_an_index_compiled_in_the_previous_format_is_compiled_again_and_removed(archive, monkeypatch, caplog):
    q = "thu ngan sach quy I dat bao nhieu"
    before = chunk_ids(archive.corpus(HashEmbedder()), q)
    shutil.rmtree(archive.root / COMPILED)
    with monkeypatch.context() as m:  # format 2: SHA-256 digests, no checksum named
        m.setattr(store, "FORMAT_VERSION", store.FORMAT_VERSION - 1)
        m.setattr(store, "CHECKSUM", None)
        m.setattr(store, "checksum", lambda data: hashlib.sha256(data).hexdigest())
        archive.add([], HashEmbedder())
    (old,) = (archive.root / COMPILED).iterdir()
    with caplog.at_level(logging.WARNING, logger="index.archive"):
        corpus = archive.corpus(HashEmbedder())
    assert "recompiling" in caplog.text
    assert chunk_ids(corpus, q) == before
    assert not old.exists() and [p.name for p in (archive.root / COMPILED).iterdir()] == [corpus.loaded_from.name]


def test_paragraph_members_are_the_passages_of_each_group_in_order(archive):
    corpus = archive.corpus(HashEmbedder())
    walked: dict[int, list[int]] = {}
    for i, g in enumerate(corpus.group.tolist()):
        walked.setdefault(g, []).append(i)
    assert all(corpus.members([g]).tolist() == ids for g, ids in walked.items())
    assert corpus.members([2, 0]).tolist() == walked[2] + walked[0]
    assert corpus.members([]).tolist() == []


@pytest.mark.parametrize("group", [[0, 0, 1, 2, 2, 2], [1, 0, 1, 2, 0, 2]], ids=["in-group-order", "interleaved"])
def test_paragraph_members_are_found_whether_or_not_passages_come_in_group_order(archive, group):
    corpus = archive.corpus(HashEmbedder())
    corpus.group, corpus.group_vectors = np.array(group), np.zeros((3, 2), np.float32)
    walked = {g: [i for i, x in enumerate(group) if x == g] for g in range(3)}
    assert [corpus.members([g]).tolist() for g in range(3)] == [walked[0], walked[1], walked[2]]
    assert corpus.members([2, 0]).tolist() == walked[2] + walked[0]


def test_filters_keep_only_the_chosen_outlet_dates_and_articles(archive, records):
    corpus = archive.corpus(HashEmbedder())
    by_id = {r["id"]: r for r in records}
    hits = corpus.search("năm 2021", k=20, where=ArticleFilter.of(outlet="dân trí"))
    assert hits and {by_id[h.doc_id]["outlet"] for h in hits} == {"Dân trí"}
    day = sorted(r["published"][:10] for r in records)[len(records) // 2]
    hits = corpus.search("năm", k=30, mode="bm25", where=ArticleFilter.of(since=day))
    assert hits and all(by_id[h.doc_id]["published"][:10] >= day for h in hits)
    hits = corpus.search("năm", k=30, mode="dense", where=ArticleFilter.of(until=day))
    assert hits and all(by_id[h.doc_id]["published"][:10] <= day for h in hits)
    one = records[3]["id"]
    assert {h.doc_id for h in corpus.search("năm", k=10, where=ArticleFilter.of(article=one))} == {one}


def test_unknown_outlets_articles_and_malformed_dates_are_clear_errors(archive):
    a = Assistant(archive.corpus(HashEmbedder()))
    with pytest.raises(FilterError, match="outlets here: .*VnExpress"):
        a.ask("Giá vàng?", outlet="Le Monde")
    with pytest.raises(FilterError, match="no article 'x-1'"):
        a.ask("Giá vàng?", article="x-1")
    with pytest.raises(FilterError, match="YYYY-MM-DD"):
        a.ask("Giá vàng?", since="hôm qua")
    with pytest.raises(FilterError, match="swap"):
        a.ask("Giá vàng?", since="2024-02-01", until="2024-01-01")


def test_every_citation_names_its_article(archive, records):
    a = Assistant(archive.corpus(HashEmbedder()))
    by_id = {r["id"]: r for r in records}
    ans = a.ask(records[0]["paragraphs"][0][:120])
    cites = ans.related if ans.abstained else ans.citations
    assert cites
    for c in cites:
        ref, r = a.article(c.doc_id), by_id[c.doc_id]
        assert (ref.title, ref.outlet, ref.published, ref.url) == (r["title"] or "", r["outlet"], r["published"], r["url"])
        assert a.document(c.doc_id).text[c.start:c.end] == c.text


def test_a_question_naming_an_outlet_or_a_year_prefers_its_articles(tmp_path):
    text = "Thu ngân sách của tỉnh đạt 1.200 tỷ đồng trong quý I, tăng 12% so với cùng kỳ."
    recs = [{"id": f"a{i}", "outlet": outlet, "published": f"{year}-04-15", "title": f"Ngân sách quý I ({outlet})",
             "url": f"https://example.vn/{i}", "paragraphs": [text, "Tỉnh cũng hoàn thành 5 dự án giao thông."]}
            for i, (outlet, year) in enumerate([("Dân trí", 2023), ("Thanh Niên", 2024), ("VnExpress", 2025)])]
    archive = Archive(tmp_path / "a")
    archive.add(read_inputs([write_jsonl(tmp_path / "n.jsonl", recs)]), HashEmbedder())
    corpus = archive.corpus(HashEmbedder())

    def first(question: str, mode: str) -> str:  # of the three copies of the same sentence
        return next(h.doc_id for h in corpus.search(question, k=6, mode=mode) if h.text == text)

    for mode in ("bm25", "dense", "hybrid"):
        assert first("Thu ngân sách quý I của tỉnh năm 2024 là bao nhiêu?", mode) == "a1"
        assert first("Thu ngân sách quý I của tỉnh theo VnExpress?", mode) == "a2"
        assert first("theo dan tri, thu ngan sach quy I cua tinh", mode) == "a0"


def test_a_damaged_article_record_is_reported_never_misread(archive):
    corpus = archive.corpus(HashEmbedder())
    seg = sorted((archive.root / SEGMENTS).iterdir())[0] / "articles.jsonl"
    data = bytearray(seg.read_bytes())
    data[len(data) // 3] ^= 0x01
    seg.write_bytes(bytes(data))
    fresh = archive.corpus(HashEmbedder())
    with pytest.raises(IndexStoreError, match="damaged"):
        [fresh.documents[d] for d in list(corpus.documents)]


def test_another_embedder_is_refused_with_what_to_do(archive):
    with pytest.raises(ArchiveError, match="same --embedder"):
        archive.corpus(HashEmbedder(dim=64))


def test_archive_names_are_folders_under_the_cache(tmp_path):
    assert archive_root("tin-2024", tmp_path) == tmp_path / "archives" / "tin-2024"
    assert archive_root(None, tmp_path) == tmp_path / "archives" / "default"
    with pytest.raises(ArchiveError, match="letters, digits"):
        archive_root("a b", tmp_path)


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    import index.archive as A
    from index.archive_input import read_inputs
    from index.embedder import HashEmbedder

    root, src, when = sys.argv[1], sys.argv[2], sys.argv[3]
    A.SEGMENT_ARTICLES = 4
    stored = A.Archive._store_segment
    real_write = A.store._write
    count = {"n": 0}

    def store_segment(self, cat, segment):
        count["n"] += 1
        if when == "mid-segment" and count["n"] == 3:
            def write(path, data):
                real_write(path, data)
                os.kill(os.getpid(), signal.SIGKILL)  # one file of the third segment is on disk
            A.store._write = write
        stored(self, cat, segment)
        if when == "after-segment" and count["n"] == 2:
            os.kill(os.getpid(), signal.SIGKILL)

    A.Archive._store_segment = store_segment
    A.Archive(root).add(read_inputs([src]), HashEmbedder())
    """
)


@pytest.mark.parametrize("when", ["after-segment", "mid-segment"])
def test_a_killed_run_resumes_where_it_stopped_without_corruption(tmp_path, records, when):
    root = tmp_path / "a"
    src = write_jsonl(tmp_path / "news.jsonl", records)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-c", KILLER, str(root), str(src), when], env=env, capture_output=True, timeout=300)
    assert proc.returncode == -9, proc.stderr.decode()
    committed = json.loads((root / "catalog.json").read_text("utf-8"))["articles"]
    assert list(committed) == [r["id"] for r in records[:8]]  # two segments of four made it
    report = Archive(root).add(read_inputs([src]), HashEmbedder())
    assert report.unchanged == [r["id"] for r in records[:8]]
    assert report.added == [r["id"] for r in records[8:]]
    corpus = Archive(root).corpus(HashEmbedder())
    assert set(corpus.documents) == {r["id"] for r in records}
    assert not [p for p in (root / SEGMENTS).iterdir() if p.name.startswith(".")]  # the half-written one is gone
    memory = Corpus.build([document_from_record(r) for r in records], HashEmbedder(), IndexConfig())
    assert chunk_ids(corpus, "giá vàng") == chunk_ids(memory, "giá vàng")


def _cli(*args: str, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), HOIDAP_CACHE_DIR=str(cache), HF_HUB_OFFLINE="1")
    return subprocess.run([sys.executable, "-m", "qa", *args], env=env, capture_output=True, text=True, timeout=300)


def test_cli_indexes_news_jsonl_then_answers_across_the_archive_with_filters(tmp_path, records):
    src = write_jsonl(tmp_path / "news.jsonl", records)
    first = _cli("index", str(src), "--archive", "tin", "--embedder", "hash", cache=tmp_path / "c")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"indexed {len(records)} article(s), ") and "article/s" in first.stderr
    again = _cli("index", str(src), "--archive", "tin", "--embedder", "hash", cache=tmp_path / "c")
    assert f"0 added, 0 replaced, {len(records)} unchanged" in again.stdout
    r = records[PER_OUTLET]  # the first Dân trí article
    ask = _cli("ask", r["paragraphs"][0][:100], "--archive", "tin", "--embedder", "hash", "--outlet", "Dân trí",
               "--json", cache=tmp_path / "c")
    assert ask.returncode == 0, ask.stderr
    out = json.loads(ask.stdout)
    cited = out["citations"] or out["related"]
    assert cited and all(out["articles"][c["doc_id"]]["outlet"] == "Dân trí" for c in cited)
    text = _cli("ask", r["paragraphs"][0][:100], "--archive", "tin", "--embedder", "hash", cache=tmp_path / "c")
    assert f"Dân trí · {r['published'][:10]}" in text.stdout
    bad = _cli("ask", "Giá vàng?", "--archive", "tin", "--embedder", "hash", "--since", "mai", cache=tmp_path / "c")
    assert bad.returncode == 1 and bad.stderr.strip().splitlines()[-1].startswith("hoidap: error: ")
    removed = _cli("index", "--archive", "tin", "--remove", r["id"], "--embedder", "hash", cache=tmp_path / "c")
    assert removed.stdout.startswith("removed 1 article(s)")
