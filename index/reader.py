"""Reading article files from disk: size limit, binary sniffing and encoding detection."""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from index.errors import ArticleError

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""Largest article file accepted (5 MiB); a news article is a few tens of KB."""

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
# Bytes that decode under cp1258 but never occur in real Vietnamese text.
_CP1258_SUSPECT = set(range(0x00, 0x09)) | {0x0B, 0x0C} | set(range(0x0E, 0x20)) | {0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D}
_VIETNAMESE_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)
_DETECT_BYTES = 64 * 1024    # enough text to tell the language of a legacy file
_VIETNAMESE_SHARE = 0.97     # of the letters of a Windows-1258 reading that must be Vietnamese letters
_LEGACY_NAMES = frozenset({"cp1258", "windows-1258", "windows_1258"})


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Vietnamese Windows-1258.

    A legacy file in another language's encoding (Chinese GB2312, Russian cp1251...) is refused, not misread."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8", path)
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", path)
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ArticleError(path, f"this is {what}, not a text article; give a .txt or .html file")
    if b"\x00" in data[:4096]:
        raise ArticleError(path, "this looks like a binary file (it contains NUL bytes), not a text article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _legacy(data, path)


def _legacy(data: bytes, path: str) -> str:
    """Windows-1258 when the bytes read as Vietnamese in it; other languages' encodings are refused by name."""
    guess = from_bytes(data[:_DETECT_BYTES]).best()
    if not any(b in _CP1258_SUSPECT for b in data):
        text = data.decode("cp1258")
        detected = guess is not None and (guess.encoding in _LEGACY_NAMES or guess.language == "Vietnamese")
        if detected or _vietnamese_share(text) >= _VIETNAMESE_SHARE:
            return text
    what = f" (it looks like {guess.language} text in {guess.encoding})" if guess and guess.language != "Unknown" else ""
    raise ArticleError(path, f"cannot decode the text as UTF-8, UTF-16 or Vietnamese Windows-1258{what}; "
                             "save it as UTF-8 and try again")


def _vietnamese_share(text: str) -> float:
    letters = [c for c in unicodedata.normalize("NFC", text).lower() if c.isalpha()]
    return sum(c in _VIETNAMESE_LETTERS for c in letters) / len(letters) if letters else 0.0


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleError(path, f"the file says it is {encoding.upper()} but byte {exc.start} is not valid {encoding.upper()}") from None


def read_article_bytes(path: str | os.PathLike[str], max_bytes: int = MAX_ARTICLE_BYTES) -> bytes:
    """The raw bytes of an article file, or an ArticleError naming the file and what is wrong."""
    p = Path(path)
    name = str(p)
    try:
        # Inside the try: stat() raises PermissionError when a parent folder cannot be entered.
        if not p.exists():
            raise ArticleError(name, "no such file")
        if p.is_dir():
            raise ArticleError(name, "this is a folder; give the article files inside it")
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):  # opening a FIFO with no writer would block forever
            raise ArticleError(name, "this is not a regular file (a pipe, socket or device); save the article to a file")
        size = st.st_size
        if size > max_bytes:
            raise ArticleError(name, f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit for one article; split it")
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise ArticleError(name, "permission denied; check that the file is readable") from None
    except OSError as exc:
        raise ArticleError(name, f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise ArticleError(name, f"the file is over the {max_bytes:,}-byte limit for one article; split it")
    if not data:
        raise ArticleError(name, "the file is empty")
    return data


def read_article_text(path: str | os.PathLike[str], max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """Decoded text of an article file (not yet cleaned)."""
    return decode_bytes(read_article_bytes(path, max_bytes), str(path))
