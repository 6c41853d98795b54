"""The hoidap command, run for real: ask, search, index, errors (with the fast hashing embedder)."""

import json
import subprocess
import sys

import pytest


def hoidap(*args, cache, check=True):
    proc = subprocess.run(
        [sys.executable, "-m", "qa", *args, "--embedder", "hash", "--cache-dir", str(cache)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_ask_prints_the_answer_and_numbered_citations_with_sections(tmp_path):
    out = hoidap("ask", "Thu ngân sách trên địa bàn quý I đạt bao nhiêu?", cache=tmp_path).stdout
    lines = out.splitlines()
    assert lines[0] == "2.472 tỷ đồng (= 2 472 000 000 000 đồng)"
    assert "Trích dẫn:" in lines
    assert "  [1] long-bien-2024-04-15 · Thực hiện hiệu quả các chương trình công tác · ký tự 2097–2286" in lines


def test_ask_json_is_the_answer_dict(tmp_path):
    d = json.loads(hoidap("ask", "Tổng diện tích đất thu hồi là bao nhiêu?", "--json", cache=tmp_path).stdout)
    assert d["abstained"] is False and d["figures"][0]["value"] == 42092 and d["citations"][0]["section"]


def test_ask_with_history_resolves_a_follow_up(tmp_path):
    out = hoidap("ask", "Còn chi ngân sách thì sao?", "--history", "Thu ngân sách quý I đạt bao nhiêu?", cache=tmp_path).stdout
    assert out.startswith("478 tỷ đồng")


def test_search_lists_scored_passages(tmp_path):
    out = hoidap("search", "chi ngân sách nhà nước", "--k", "2", "--mode", "bm25", cache=tmp_path).stdout
    assert out.startswith("1. [") and "Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng" in out
    assert "\n2. [" in out and "\n3. [" not in out


def test_index_many_files_shows_progress_and_reports_counts(tmp_path, article_text):
    files = []
    for i in range(5):
        p = tmp_path / f"bai-{i}.txt"
        p.write_text(article_text.replace("Long Biên", f"Long Biên {i}"), "utf-8")
        files.append(str(p))
    proc = hoidap("index", *files, cache=tmp_path / "c")
    assert proc.stdout.startswith("indexed 5 article(s), ")
    assert "reading" in proc.stderr and "100%" in proc.stderr  # the progress bar


@pytest.mark.parametrize(
    "args,message",
    [
        (("ask", "   "), "the question is empty"),
        (("ask", "x" * 2001), "limit is 2,000"),
        (("ask", "Thu ngân sách?", "--file", "/no/such/file.txt"), "no such file"),
        (("ask", "Thu ngân sách?", "--k", "0"), "k must be a positive whole number"),
    ],
)
def test_errors_are_one_line_and_exit_non_zero(tmp_path, args, message):
    proc = hoidap(*args, cache=tmp_path, check=False)
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("hoidap: error: ") and message in last
    assert "Traceback" not in proc.stderr


def test_help_lists_plugged_in_commands():
    out = subprocess.run([sys.executable, "-m", "qa", "--help"], capture_output=True, text=True, check=True).stdout
    for cmd in ("ask", "search", "index", "chat", "eval"):
        assert cmd in out
