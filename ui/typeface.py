"""The page's one typeface: Noto Sans (OFL), shipped under ui/fonts with full Vietnamese glyphs, served locally."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from urllib.parse import quote

FAMILY = "Hoidap Noto Sans"
STACK = (FAMILY, "ui-sans-serif", "system-ui", "sans-serif")

# (file, CSS weight range, style): one real Regular and one real Bold cover every weight, so no weight is
# synthesised from, or fallen back to, another typeface.
FACES = (
    ("NotoSans-Regular.woff2", "100 500", "normal"),
    ("NotoSans-Bold.woff2", "600 900", "normal"),
    ("NotoSans-Italic.woff2", "100 500", "italic"),
    ("NotoSans-BoldItalic.woff2", "600 900", "italic"),
)


def font_dir() -> Path:
    """The folder of the shipped font files (package data)."""
    return Path(str(resources.files("ui") / "fonts"))


def font_url(name: str) -> str:
    """The page-relative URL under which Gradio serves a shipped font file (the folder is in allowed_paths)."""
    return "gradio_api/file=" + quote(str(font_dir() / name))


def font_face_css() -> str:
    """@font-face rules for the shipped faces, and the family applied to the whole page."""
    faces = "".join(
        f'@font-face {{ font-family: "{FAMILY}"; src: url("{font_url(name)}") format("woff2"); '
        f"font-weight: {weight}; font-style: {style}; font-display: swap; }}\n"
        for name, weight, style in FACES
    )
    stack = ", ".join(f'"{f}"' if " " in f else f for f in STACK)
    return faces + f":root, body, .gradio-container {{ --font: {stack}; font-family: {stack}; }}\n"
