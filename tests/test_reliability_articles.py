"""Reliability of article input: HTML pages, oversize, unreadable and special files, one bad file among good ones."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from index.article import load_article
from index.embedder import HashEmbedder
from index.errors import ArticleError, NoArticlesError
from index.reader import MAX_ARTICLE_BYTES, read_article_bytes
from qa import Assistant

HTML_PAGE = """<!doctype html>
<html lang="vi"><head>
<meta charset="utf-8"><title>Long Biên: kết quả quý I</title>
<style>.budget::after { content: "Thu ngân sách quý I đạt 9.999 tỷ đồng"; } body { color: red }</style>
<script>var tin = "Thu ngân sách quý I đạt 8.888 tỷ đồng"; document.write(tin);</script>
<script type="application/ld+json">{"headline": "Thu ngân sách quý I đạt 7.777 tỷ đồng"}</script>
</head>
<body>
<header><a href="/">Trang chủ</a> | <a href="/thoi-su">Thời sự</a></header>
<nav>Chính trị · Kinh tế · Xã hội</nav>
<article>
<h1>Quận Long Biên đạt nhiều kết quả trong quý I</h1>
<p>Trong quý I, thu cân đối ngân sách trên địa bàn quận ước thực hiện <b>2.472 tỷ đồng</b>, đạt 19% dự toán.</p>
<noscript>Thu ngân sách quý I đạt 6.666 tỷ đồng (noscript)</noscript>
<h2>Đầu tư công</h2>
<p>Chi ngân sách nhà nước ước thực hiện 478 tỷ đồng, đạt 21% dự toán chi đầu năm.</p>
<script>window.onload = function () { alert("Thu ngân sách quý I đạt 5.555 tỷ đồng"); };</script>
</article>
<footer>© Báo Hànộimới. Không sao chép khi chưa được phép.</footer>
</body></html>
"""

FAKE_FIGURES = ("9.999", "8.888", "7.777", "6.666", "5.555")
PLAIN_ARTICLE = (
    "Hà Nội mở rộng đường vành đai\n\n"
    "Thành phố đầu tư 1,5 tỷ đồng cho công trình đường vành đai. Công trình hoàn thành năm 2025.\n\n"
    "Người dân đồng tình với dự án."
)


def _assistant(paths: list[Path], cache: Path) -> Assistant:
    return Assistant.from_files(paths, embedder=HashEmbedder(), cache_dir=cache)


# --- HTML -----------------------------------------------------------------------------------------


def test_html_page_answers_from_body_text_never_from_script_or_style(tmp_path: Path) -> None:
    page = tmp_path / "long-bien.html"
    page.write_text(HTML_PAGE, "utf-8")
    a = _assistant([page], tmp_path / "cache")
    doc = a.documents[0]
    for fake in FAKE_FIGURES + ("document.write", "alert(", "color: red", "Trang chủ", "Chính trị · Kinh tế"):
        assert fake not in doc.text, fake
        assert not any(fake in c.text for c in a.corpus.chunks), fake
    ans = a.ask("Thu ngân sách trên địa bàn quận quý I là bao nhiêu?")
    assert not ans.abstained, ans.text
    assert "2.472 tỷ đồng" in ans.citations[0].text
    for c in ans.citations + ans.related:
        assert a.document(c.doc_id).text[c.start : c.end] == c.text
    assert not any(fake in ans.text for fake in FAKE_FIGURES)


def test_html_page_with_only_scripts_and_styles_is_skipped_as_empty(tmp_path: Path) -> None:
    only_chrome = tmp_path / "chrome.html"
    only_chrome.write_text("<html><head><script>alert(1)</script><style>p{}</style></head><body>"
                           "<nav>Trang chủ</nav><script>var a=1</script></body></html>", "utf-8")
    with pytest.raises(NoArticlesError, match="chrome.html"):
        _assistant([only_chrome], tmp_path / "cache")


# --- size limit -------------------------------------------------------------------------------------


def test_file_one_byte_over_the_documented_limit_is_skipped_with_the_limit_named(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # sparse: instant to create
        fh.truncate(MAX_ARTICLE_BYTES + 1)
    good = tmp_path / "good.txt"
    good.write_text(PLAIN_ARTICLE, "utf-8")
    a = _assistant([good, big], tmp_path / "cache")
    assert [d.source for d in a.documents] == [str(good)]
    assert len(a.skipped) == 1 and a.skipped[0].path == str(big)
    assert f"{MAX_ARTICLE_BYTES:,}-byte limit" in a.skipped[0].reason


def test_file_exactly_at_the_limit_is_read_in_full(tmp_path: Path) -> None:
    edge = tmp_path / "edge.txt"
    edge.write_bytes(b"a" * MAX_ARTICLE_BYTES)
    assert len(read_article_bytes(edge)) == MAX_ARTICLE_BYTES


def test_file_that_grows_past_the_limit_after_stat_is_still_refused(tmp_path: Path, monkeypatch) -> None:
    grown = tmp_path / "grown.txt"
    grown.write_bytes(b"a" * (MAX_ARTICLE_BYTES + 10))
    real_stat = pathlib.Path.stat

    def small_stat(self: pathlib.Path, *args, **kwargs):  # the size seen before the file grew
        st = real_stat(self, *args, **kwargs)
        if self == grown:
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 100,
                                   st.st_atime, st.st_mtime, st.st_ctime))
        return st

    monkeypatch.setattr(pathlib.Path, "stat", small_stat)
    with pytest.raises(ArticleError, match="limit"):
        read_article_bytes(grown)


# --- paths that cannot be read ----------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads chmod 000 files")
def test_chmod_000_file_is_refused_as_permission_denied(tmp_path: Path) -> None:
    p = tmp_path / "locked.txt"
    p.write_text(PLAIN_ARTICLE, "utf-8")
    p.chmod(0)
    try:
        with pytest.raises(ArticleError, match="permission denied"):
            load_article(p)
    finally:
        p.chmod(0o644)


def test_file_in_a_folder_that_cannot_be_entered_is_refused_not_crashed(tmp_path: Path, monkeypatch) -> None:
    # As root chmod cannot produce EACCES, so inject it where the OS would raise it: stat() of the path.
    p = tmp_path / "locked" / "a.txt"
    p.parent.mkdir()
    p.write_text(PLAIN_ARTICLE, "utf-8")
    real_stat = pathlib.Path.stat

    def denied(self: pathlib.Path, *args, **kwargs):
        if self == p:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "stat", denied)
    with pytest.raises(ArticleError, match="permission denied") as err:
        load_article(p)
    assert err.value.path == str(p)


def test_file_whose_read_fails_with_an_io_error_is_refused() -> None:
    # /proc/self/mem is a regular file that opens but whose first read fails (EIO), even for root.
    mem = Path("/proc/self/mem")
    if not mem.exists():
        pytest.skip("no /proc")
    with pytest.raises(ArticleError, match="cannot read the file"):
        read_article_bytes(mem)


def test_fifo_without_a_writer_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException | bytes] = []

    def attempt() -> None:
        try:
            outcome.append(read_article_bytes(fifo))
        except BaseException as exc:  # noqa: BLE001 - recorded for the assertion
            outcome.append(exc)

    t = threading.Thread(target=attempt, daemon=True)
    t.start()
    t.join(timeout=5)
    if t.is_alive():
        # unblock the reader so the thread ends, then fail
        with open(fifo, "wb"):
            pass
        t.join(timeout=5)
        pytest.fail("reading a FIFO with no writer blocked")
    assert isinstance(outcome[0], ArticleError), outcome
    assert "not a regular file" in str(outcome[0])


def test_device_file_is_refused_as_not_a_regular_file() -> None:
    with pytest.raises(ArticleError, match="not a regular file"):
        read_article_bytes("/dev/zero")


def test_broken_symlink_and_symlink_loop_are_refused_as_missing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    for p in (broken, loop):
        with pytest.raises(ArticleError, match="no such file") as err:
            load_article(p)
        assert err.value.path == str(p)


def test_path_with_a_nul_byte_is_refused_as_missing(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        load_article(str(tmp_path / "a\x00b.txt"))


# --- several files, one bad -------------------------------------------------------------------------


def _bad_files(tmp_path: Path) -> list[Path]:
    pdf = tmp_path / "bad.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    return [pdf, empty, folder, fifo, tmp_path / "missing.txt"]


def test_good_files_are_indexed_and_each_bad_one_is_reported(tmp_path: Path, article_path: Path) -> None:
    good2 = tmp_path / "plain.txt"
    good2.write_text(PLAIN_ARTICLE, "utf-8")
    bad = _bad_files(tmp_path)
    a = _assistant([bad[0], article_path, *bad[1:], good2], tmp_path / "cache")
    assert sorted(d.source for d in a.documents) == sorted([str(article_path), str(good2)])
    assert [e.path for e in a.skipped] == [str(p) for p in bad]
    assert all(isinstance(e, ArticleError) and e.reason for e in a.skipped)
    ans = a.ask("Thu ngân sách trên địa bàn quý I đạt bao nhiêu?")
    assert not ans.abstained and "2.472 tỷ đồng" in ans.citations[0].text
    assert a.corpus.loaded_from is not None and (a.corpus.loaded_from / "manifest.json").is_file()


def test_only_bad_files_is_one_error_naming_every_file(tmp_path: Path) -> None:
    bad = _bad_files(tmp_path)
    with pytest.raises(NoArticlesError) as err:
        _assistant(bad, tmp_path / "cache")
    for p in bad:
        assert str(p) in str(err.value)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
    return subprocess.run([sys.executable, "-m", "qa", *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=120)


def test_cli_index_prints_the_skipped_file_exits_nonzero_and_keeps_the_good_one(tmp_path: Path, article_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(article_path.read_bytes())
    pdf = tmp_path / "bad.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    cache = tmp_path / "cli-cache"
    result = _cli("index", str(good), str(pdf), "--embedder", "hash", "--cache-dir", str(cache), cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    skipped = [ln for ln in result.stderr.splitlines() if ln.startswith("hoidap: skipped ")]
    assert len(skipped) == 1 and str(pdf) in skipped[0] and "PDF" in skipped[0], result.stderr
    assert result.stdout.startswith("indexed 1 article(s)"), result.stdout
    # the good article was added to the default archive and is answered from there by the next command
    assert (cache / "archives" / "default" / "catalog.json").is_file()
    ask = _cli("ask", "Thu ngân sách quý I đạt bao nhiêu?", "--archive", "default", "--embedder", "hash",
               "--cache-dir", str(cache), "--json", cwd=tmp_path)
    assert ask.returncode == 0, ask.stderr
    assert "2.472 tỷ đồng" in ask.stdout


def test_cli_index_with_only_bad_files_is_one_error_line(tmp_path: Path) -> None:
    pdf = tmp_path / "bad.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    result = _cli("index", str(pdf), str(tmp_path / "missing.txt"), "--embedder", "hash",
                  "--cache-dir", str(tmp_path / "c"), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("hoidap: error: ") and "bad.pdf" in lines[-1] and "missing.txt" in lines[-1]
    assert "Traceback" not in result.stderr and result.stdout == ""
