"""HTML news pages: the visible main content (found by trafilatura) as typed blocks, and the page's metadata."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from index.byline import parse_byline
from index.caption import is_caption
from index.chrome import is_chrome, is_footer, publisher_in
from index.dateline import parse_dateline

__all__ = ["HtmlPage", "read_html"]

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "nav", "header", "aside", "form", "iframe",
                        "head", "button", "select", "option", "textarea", "input", "label", "canvas", "video",
                        "audio", "object", "embed", "map", "dialog"})
_BLOCK_TAGS = frozenset({"p", "div", "li", "section", "article", "blockquote", "td", "th", "tr", "figure", "ul", "ol",
                         "dl", "dt", "dd", "table", "main", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "pre",
                         "address", "footer", "body", "caption", "time"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HIDDEN_STYLE_RE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.IGNORECASE)
_CSS_RULE_RE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR_RE = re.compile(r"^\s*([a-z0-9]*)([.#])([\w-]+)\s*$", re.IGNORECASE)
_LEAD_ATTR_RE = re.compile(r"sapo|lead|summary|chapeau|description|excerpt|intro|abstract|teaser", re.IGNORECASE)
_DATE_ATTR_RE = re.compile(r"date|time|publish|pubdate|ngay", re.IGNORECASE)
_AUTHOR_ATTR_RE = re.compile(r"author|byline|writer|reporter|tac-?gia|creator", re.IGNORECASE)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_SITE_SUFFIX_RE = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
_NON_WORD_RE = re.compile(r"[\W_]+")
_MIN_MATCH_CHARS = 20    # a shorter block is kept only when trafilatura kept exactly that text
_SAPO_WORDS = 25         # an <h2> longer than this is a lead paragraph set in bold, not a sub-heading
_META_KEYS = {
    "og:title": "title", "twitter:title": "title", "dc.title": "title",
    "author": "author", "article:author": "author", "dc.creator": "author", "byl": "author",
    "article:published_time": "published", "og:published_time": "published", "pubdate": "published",
    "publishdate": "published", "datepublished": "published", "dc.date": "published", "date": "published",
    "og:site_name": "publisher", "article:section": "section",
}


@dataclass
class HtmlPage:
    """What an HTML page says: typed text parts in reading order and its metadata."""

    parts: list[tuple[str, str]] = field(default_factory=list)
    title: str = ""
    author: str = ""
    published: str = ""
    section: str = ""
    publisher: str = ""


@dataclass
class _Part:
    kind: str
    text: str
    lead: bool = False      # marked as the sapo by its class or role
    hint: str = ""          # "date" / "author" when its element is marked as one


def _attrs(el: etree._Element) -> str:
    return " ".join(str(el.get(a, "")) for a in ("class", "id", "itemprop", "data-role", "rel", "role", "name"))


def _hidden_selectors(tree: etree._Element) -> list[tuple[str, str, str]]:
    """(tag, "." or "#", name) of simple CSS rules in the page's <style> that hide what they select."""
    out = []
    for style in tree.iter("style"):
        for selectors, body in _CSS_RULE_RE.findall(style.text or ""):
            if not _HIDDEN_STYLE_RE.search(body.replace("\n", " ")):
                continue
            for sel in selectors.split(","):
                if m := _SIMPLE_SELECTOR_RE.match(sel):
                    out.append((m.group(1).lower(), m.group(2), m.group(3)))
    return out


def _is_hidden(el: etree._Element, rules: list[tuple[str, str, str]]) -> bool:
    if el.get("hidden") is not None or str(el.get("aria-hidden", "")).lower() == "true":
        return True
    if el.tag == "input" and str(el.get("type", "")).lower() == "hidden":
        return True
    if _HIDDEN_STYLE_RE.search(str(el.get("style", ""))):
        return True
    classes = str(el.get("class", "")).split()
    for tag, kind, name in rules:
        if tag and el.tag != tag:
            continue
        if (kind == "." and name in classes) or (kind == "#" and el.get("id") == name):
            return True
    return False


def _drop_hidden(tree: etree._Element) -> None:
    rules = _hidden_selectors(tree)
    doomed = [el for el in tree.iter() if isinstance(el.tag, str) and _is_hidden(el, rules)]
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()


def _json_ld(tree: etree._Element) -> dict[str, str]:
    """title, author, published, section, publisher from the page's JSON-LD article, where it has one."""
    out: dict[str, str] = {}
    for script in tree.iter("script"):
        if "ld+json" not in str(script.get("type", "")).lower():
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _ld_items(data):
            if not str(item.get("@type", "")).endswith(("Article", "NewsArticle", "BlogPosting", "Report")):
                continue
            _take(out, "title", item.get("headline"))
            _take(out, "published", item.get("datePublished"))
            _take(out, "section", item.get("articleSection"))
            _take(out, "author", _names(item.get("author")))
            _take(out, "publisher", _names(item.get("publisher")))
    return out


def _ld_items(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for x in data:
            yield from _ld_items(x)
    elif isinstance(data, dict):
        yield data
        yield from _ld_items(data.get("@graph", []))


def _names(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get("name", ""))
    if isinstance(value, list):
        return " - ".join(n for n in (_names(v) for v in value) if n)
    return ""


def _take(out: dict[str, str], key: str, value: object) -> None:
    if isinstance(value, list):
        value = value[0] if value else ""
    text = " ".join(str(value or "").split())
    if text and key not in out:
        out[key] = text


def _meta_tags(tree: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_KEYS:
            _take(out, _META_KEYS[key], meta.get("content"))
    for el in tree.iter("time"):
        if "pubdate" in (el.attrib or {}) or "datepublished" in str(el.get("itemprop", "")).lower():
            _take(out, "published", el.get("datetime"))
    return out


def _iso(value: str) -> str:
    """"2024-04-15T07:25:00+07:00" → "2024-04-15T07:25"; a date line → its ISO value; else ""."""
    if m := re.match(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ]([0-9]{2}:[0-9]{2}))?", value.strip()):
        return m.group(1) + (f"T{m.group(2)}" if m.group(2) else "")
    found = parse_dateline(value)
    return found.iso if found else ""


class _Walker:
    """Text parts of a cleaned page in reading order, each typed by the element it stands in."""

    def __init__(self) -> None:
        self.parts: list[_Part] = []
        self._buf: list[str] = []
        self._stack: list[_Part] = [_Part("paragraph", "")]

    def walk(self, el: etree._Element) -> None:
        if not isinstance(el.tag, str):  # comments and processing instructions
            self._text(el.tail)
            return
        tag = el.tag.lower()
        if tag in _SKIP_TAGS:
            self._text(el.tail)
            return
        # An inline element marked as the date or the author ("<span class=time>") is a part of its own.
        block = tag in _BLOCK_TAGS or bool(_DATE_ATTR_RE.search(_attrs(el)) or _AUTHOR_ATTR_RE.search(_attrs(el)))
        if block:
            self._flush()
            self._stack.append(self._context(tag, el))
        if tag == "br":
            self._flush()
        self._text(el.text)
        for child in el:
            self.walk(child)
        if block:
            self._flush()
            self._stack.pop()
        self._text(el.tail)

    def _context(self, tag: str, el: etree._Element) -> _Part:
        outer = self._stack[-1]
        attrs = _attrs(el)
        if tag == "figcaption" or outer.kind == "caption":
            kind = "caption"
        elif tag == "h1":
            kind = "title"
        elif tag in _HEADING_TAGS:
            kind = "heading"
        elif tag == "footer" or outer.kind == "footer":
            kind = "footer"
        else:
            kind = outer.kind if outer.kind in ("title", "heading") else "paragraph"
        hint = outer.hint
        if tag == "time" or _DATE_ATTR_RE.search(attrs):
            hint = "date"
        elif _AUTHOR_ATTR_RE.search(attrs):
            hint = "author"
        return _Part(kind, "", lead=outer.lead or bool(_LEAD_ATTR_RE.search(attrs)), hint=hint)

    def _text(self, text: str | None) -> None:
        if text:
            self._buf.append(text)

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        self._buf = []
        if text:
            ctx = self._stack[-1]
            self.parts.append(_Part(ctx.kind, text, ctx.lead, ctx.hint))


def _norm(text: str) -> str:
    """Letters and digits only, lower-cased: extractors differ in spacing around inline tags and punctuation."""
    return _NON_WORD_RE.sub("", text).lower()


def _main_texts(html: str) -> tuple[set[str], str, dict[str, str]]:
    """Trafilatura's main-content blocks (as a set and joined) and the metadata it read."""
    import trafilatura  # imported on the first HTML page: it costs half a second that plain-text articles need not pay

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                      include_images=True, favor_recall=True)
    if doc is None or doc.body is None:
        return set(), "", {}
    blocks = [_norm("".join(el.itertext())) for el in doc.body.iter() if el.tag in ("p", "head", "item", "cell", "quote")]
    blocks = [b for b in blocks if b]
    meta = {"title": doc.title or "", "author": doc.author or "", "published": doc.date or "",
            "publisher": doc.sitename or ""}
    return set(blocks), "\n".join(blocks), {k: v for k, v in meta.items() if v}


def _main_flags(parts: list[_Part], blocks: set[str], joined: str) -> list[bool]:
    """Which parts trafilatura took for main content. A long part must stand in its text; a short one must be
    one of its blocks, or stand in its text between two long parts that do (a short paragraph in the story); a
    caption or sub-heading between two kept long parts is kept."""
    norms = [_norm(p.text) for p in parts]
    # Long story paragraphs anchor the decision; captions and sub-headings between two kept anchors are kept.
    anchor: list[bool | None] = [
        (n in joined) if len(n) >= _MIN_MATCH_CHARS and p.kind not in ("caption", "heading") else None
        for p, n in zip(parts, norms)
    ]
    flags = []
    for i, n in enumerate(norms):
        before = next((anchor[j] for j in range(i - 1, -1, -1) if anchor[j] is not None), False)
        after = next((anchor[j] for j in range(i + 1, len(norms)) if anchor[j] is not None), None)
        inside = bool(before) and after is not False  # nothing after: the story's last short paragraph
        if anchor[i] is not None:
            flags.append(bool(anchor[i]))
        elif parts[i].kind in ("caption", "heading"):
            flags.append(bool(n) and (n in blocks or (len(n) >= _MIN_MATCH_CHARS and n in joined) or inside))
        else:
            flags.append(bool(n) and (n in blocks or (n in joined and inside)))
    return flags


def _kind(part: _Part, seen_title: bool) -> str:
    if part.kind == "title":
        return "heading" if seen_title else "title"
    if part.lead:
        return "paragraph"
    if part.kind == "heading" and (len(part.text.split()) > _SAPO_WORDS or part.text[-1] in ".!?…"):
        return "paragraph"  # the sapo set in an <h2>: a sentence, not a heading
    if part.kind == "paragraph" and is_caption(part.text):
        return "caption"
    return part.kind


def read_html(html: str) -> HtmlPage:
    """Read an HTML page: hidden elements and page chrome dropped, the main content typed, metadata from meta
    tags, JSON-LD and the visible date line and byline (then trafilatura's own reading)."""
    try:
        tree = lxml.html.fromstring(_XML_DECL_RE.sub("", html).strip() or "<html></html>")
    except (etree.ParserError, ValueError):
        return HtmlPage()  # nothing an HTML parser can read: no parts, and the caller reports an empty article
    ld, meta = _json_ld(tree), _meta_tags(tree)
    page_title = " ".join((tree.findtext(".//title") or "").split())
    _drop_hidden(tree)
    cleaned = lxml.html.tostring(tree, encoding="unicode")
    blocks, joined, extracted = _main_texts(cleaned)
    walker = _Walker()
    body = tree.find("body")
    walker.walk(body if body is not None else tree)
    page = HtmlPage()
    seen_title = False
    in_main = _main_flags(walker.parts, blocks, joined)
    for part, main in zip(walker.parts, in_main):
        if not page.published and (part.hint == "date" or len(part.text) <= 60) and (found := parse_dateline(part.text)):
            page.published = found.iso
            page.parts.append(("dateline", part.text))
            continue
        if not page.author and part.hint == "author" and (author := parse_byline(part.text)):
            page.author = author
            page.parts.append(("byline", part.text))
            continue
        if part.kind == "footer" or (part.kind == "paragraph" and is_footer(part.text) and not main):
            page.parts.append(("footer", part.text))
            continue
        keep = (part.kind == "title" and not seen_title) or part.lead or not blocks or main
        if not keep or is_chrome(part.text):
            continue
        kind = _kind(part, seen_title)
        seen_title = seen_title or kind == "title"
        page.parts.append((kind, part.text))
    if not page.author:
        _bottom_byline(page)
    page.title = next((t for k, t in page.parts if k == "title"), "") or meta.get("title") or ld.get("title") or \
        extracted.get("title") or _SITE_SUFFIX_RE.sub("", page_title)
    page.published = _iso(meta.get("published", "")) or _iso(ld.get("published", "")) or page.published or \
        _iso(extracted.get("published", ""))
    page.author = meta.get("author") or ld.get("author") or page.author or extracted.get("author", "")
    page.section = meta.get("section") or ld.get("section") or ""
    footer = next((p for kind, text in page.parts if kind == "footer" and (p := publisher_in(text))), "")
    page.publisher = meta.get("publisher") or ld.get("publisher") or footer or extracted.get("publisher", "")
    return page


def _bottom_byline(page: HtmlPage) -> None:
    """The author printed as the story's last paragraph ("<p><strong>Ngọc Diễm</strong></p>")."""
    content = [i for i, (kind, _) in enumerate(page.parts) if kind in ("paragraph", "heading", "caption")]
    if len(content) < 3 or page.parts[content[-1]][0] != "paragraph":
        return
    last = content[-1]
    if author := parse_byline(page.parts[last][1]):
        page.author = author
        page.parts[last] = ("byline", page.parts[last][1])
