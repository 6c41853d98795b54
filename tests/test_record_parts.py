"""An article's stored parts, its document line and a line per passage, read back what was written whatever the
text holds, and a damaged part is refused."""

from __future__ import annotations

import dataclasses
import json
import zlib

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from index.archive import Archive, Segment, parse_article
from index.archive_input import document_from_record
from index.archive_records import (DOCUMENTS, PASSAGES, PassageLocations, SegmentReader, decode, passage_line,
                                   split_passages)
from index.chunk import Chunk
from index.config import IndexConfig
from index.errors import IndexStoreError
from index.figures import Figure

TRICKY = st.sampled_from(['"', "\\", '\\"', "]}", "\n", "\r", "\u2028", "ă", " ", "\x00", "}, ["])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=8)), max_size=12).map("".join)


def _written(tmp_path, paragraph_sets: list[list[str]]):
    """Articles of these paragraphs stored as one segment in ``tmp_path``: the parsed articles, their catalog
    entries, and a reader of the stored parts."""
    arts = [parse_article(document_from_record({"id": f"d{i}", "title": f"Tiêu đề {i}", "paragraphs": ps,
                                                "published": "2024-05-01"}), IndexConfig())
            for i, ps in enumerate(paragraph_sets)]
    n = sum(len(a.chunks) for a in arts)
    folder = tmp_path / "segments" / "seg-000001"
    folder.mkdir(parents=True, exist_ok=True)
    entries = Archive._write_segment_files(folder, "seg-000001", Segment(arts, np.zeros((n, 4), np.float32)))
    offsets, lengths, crcs, article_of = [], [], [], []
    block = (folder / PASSAGES).read_bytes()
    for a, e in enumerate(entries.values()):
        piece = block[e["passages"] : e["passages"] + e["passages_length"]]
        assert zlib.crc32(piece) == e["passages_crc"]
        lines, at = split_passages(piece, e["passages"])
        offsets += at.tolist()
        lengths += [len(x) for x in lines]
        crcs += [zlib.crc32(x) for x in lines]
        article_of += [a] * len(lines)
    where = PassageLocations(np.array(offsets, np.int64), np.array(lengths, np.int32), np.array(crcs, np.uint32))
    docs = [("seg-000001", e["offset"], e["length"], e["crc"]) for e in entries.values()]
    lengths = np.array([len(a.document.text) for a in arts], np.int64)
    return arts, entries, SegmentReader(tmp_path, docs, where, np.array(article_of, np.int64), lengths)


def _same(arts, reader) -> None:
    i = 0
    for a, art in enumerate(arts):
        assert reader.document(a) == art.document
        for chunk, figs, joined in zip(art.chunks, art.figures, art.syllables):
            p = reader.passage(i)
            assert p.chunk() == chunk and p.figures() == figs and p.syllables() == joined.split()
            i += 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(TEXT, min_size=1, max_size=4), min_size=1, max_size=3))
def test_stored_parts_read_back_what_was_written_whatever_the_text_holds(tmp_path_factory, paragraph_sets):
    arts, _, reader = _written(tmp_path_factory.mktemp("seg"), [["Câu mở đầu có 3 người."] + ps for ps in paragraph_sets])
    _same(arts, reader)


def test_stored_parts_of_articles_with_figures_read_back_in_any_order(tmp_path):
    arts, entries, reader = _written(tmp_path, [
        ["Thu ngân sách quý I đạt 2.472 tỷ đồng, tăng 12 %.", "Năm 2023 có 170 dự án với 1.200 ha đất."],
        ["Giá vàng tăng 1,5 triệu đồng một lượng.", "Không có con số."]])
    assert any(f for a in arts for f in a.figures)
    n = sum(len(a.chunks) for a in arts)
    assert [reader.passage(i).chunk() for i in reversed(range(n))] == [c for a in arts for c in a.chunks][::-1]
    _same(arts, reader)
    assert not (tmp_path / "segments" / "seg-000001" / "syllables.jsonl").exists()


@pytest.mark.parametrize("name, what", [(PASSAGES, "a passage"), (DOCUMENTS, "an article")])
def test_a_flipped_bit_in_a_stored_part_is_refused_never_misread(tmp_path, name, what):
    arts, _, reader = _written(tmp_path, [["Câu một có 12 người.", "Câu hai có 5 xe."]])
    path = tmp_path / "segments" / "seg-000001" / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x02
    path.write_bytes(bytes(data))
    with pytest.raises(IndexStoreError, match=f"{what} of segment seg-000001 is damaged; re-index it"):
        _same(arts, reader)


def test_a_passage_line_with_what_orjson_refuses_is_decoded_as_json_does():
    chunk = Chunk("d#0", "d", "a", 0, 1, "", 1)
    fig = dataclasses.replace(_any_figure(), value=float("nan"))
    line = passage_line(chunk, [fig], "a")
    got = decode(line)
    assert Chunk.from_dict(got[0]) == chunk and str(got[1]) == str(json.loads(line)[1]) and got[2] == "a"


def _any_figure() -> Figure:
    art = parse_article(document_from_record({"id": "d", "title": "T", "paragraphs": ["Có 12 người."]}), IndexConfig())
    return next(f for fs in art.figures for f in fs)
