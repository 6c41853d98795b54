"""An article record read in parts gives what decoding the whole line gives."""

from __future__ import annotations

import json

import orjson
from hypothesis import given, settings, strategies as st

from index.archive import _decode, parse_article
from index.archive_input import document_from_record
from index.config import IndexConfig
from index.record_parts import RecordParts

# What a passage or a title may hold that looks like the markers between a record's parts.
TRICKY = st.sampled_from(['}, "chunks": [', '], "figures": [', '{"chunk_id": ', '"', "\\", '\\"', "]}", "\n", "ă", " "])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=8)), max_size=12).map("".join)


def _line(title: str, paragraphs: list[str]) -> bytes:
    doc = document_from_record({"id": "d1", "title": title, "paragraphs": paragraphs, "published": "2024-05-01"})
    return parse_article(doc, IndexConfig()).record_line()


def _same(line: bytes) -> None:
    whole = json.loads(line)
    parts = RecordParts(line, _decode)
    assert parts._whole is None  # read in parts, not decoded whole
    assert parts.document() == whole["document"]
    assert parts.figures() == whole["figures"]
    assert [parts.chunk(j) for j in range(len(whole["chunks"]))] == whole["chunks"]


@settings(max_examples=150, deadline=None)
@given(TEXT, st.lists(TEXT, max_size=5))
def test_record_parts_equal_the_whole_record_decoded_whatever_the_text_holds(title, sentences):
    line = _line("Tiêu đề " + title, ["Câu mở đầu có 3 người."] + sentences)
    _same(line)


def test_record_parts_of_an_article_with_figures_equal_the_whole_record_decoded():
    line = _line("Thu ngân sách quý I", ["Thu ngân sách quý I đạt 2.472 tỷ đồng, tăng 12 %.",
                                         "Năm 2023 có 170 dự án với 1.200 ha đất."])
    assert any(json.loads(line)["figures"]) and len(json.loads(line)["chunks"]) >= 3
    _same(line)


def test_a_line_laid_out_otherwise_is_decoded_whole():
    line = _line("Tiêu đề", ["Câu một có 12 người.", "Câu hai."])
    compact = orjson.dumps(json.loads(line)) + b"\n"  # no spaces after the separators: no marker matches
    parts = RecordParts(compact, _decode)
    whole = json.loads(line)
    assert parts.document() == whole["document"] and parts.figures() == whole["figures"]
    assert [parts.chunk(j) for j in range(len(whole["chunks"]))] == whole["chunks"]


def test_record_parts_decode_what_orjson_refuses_as_json_does():
    line = json.dumps({"document": {"doc_id": "d"}, "chunks": [{"chunk_id": "d#0", "text": "a"}],
                       "figures": [[{"value": float("nan")}]]}).encode() + b"\n"
    parts = RecordParts(line, _decode)
    assert parts.chunk(0) == {"chunk_id": "d#0", "text": "a"}
    assert str(parts.figures()) == str(json.loads(line)["figures"])
