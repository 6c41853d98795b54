"""HTML for the chat page: replies, figure tables, citation messages and the highlighted article, all escaped."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

# Markdown/LaTeX syntax characters, written as entities so Gradio's Markdown pass treats them as plain text.
_MARKDOWN_ENTITIES = {
    "*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;", "#": "&#35;", "|": "&#124;",
    "~": "&#126;", "$": "&#36;", "\\": "&#92;", "!": "&#33;", "(": "&#40;", ")": "&#41;", "{": "&#123;",
    "}": "&#125;",
}
_MARKDOWN_RE = re.compile("[" + re.escape("".join(_MARKDOWN_ENTITIES)) + "]")
_MARKER_RE = re.compile(r"&#91;(\d{1,3})&#93;")
SKIPPED_BLOCKS = frozenset({"image", "footer"})

Message = dict[str, Any]


def esc(text: object) -> str:
    """Escape text for HTML and neutralise Markdown syntax; newlines become <br> so a message stays one HTML block."""
    escaped = html.escape(str(text), quote=True)
    escaped = _MARKDOWN_RE.sub(lambda m: _MARKDOWN_ENTITIES[m.group(0)], escaped)
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def link_markers(escaped: str, prefix: str = "cite") -> str:
    """Turn escaped [N] markers into links that scroll the article to passage N (prefix "cite" or "rel")."""
    return _MARKER_RE.sub(
        lambda m: f'<a class="cite-link" href="#{prefix}-{m.group(1)}" data-cite="{m.group(1)}">[{m.group(1)}]</a>',
        escaped,
    )


def referenced_markers(text: str) -> set[int]:
    """The citation numbers a reply refers to with [N]."""
    return {int(n) for n in re.findall(r"\[(\d{1,3})\]", text)}


def format_published(published: str | None) -> str:
    """ISO "2024-04-15T07:25" → "15/04/2024 07:25" (Vietnamese day-first); other strings unchanged."""
    if not published:
        return ""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}))?.*", published)
    if not match:
        return published
    year, month, day, clock = match.groups()
    return f"{day}/{month}/{year}" + (f" {clock}" if clock else "")


def user_message(question: str) -> Message:
    """The user's bubble: their question as literal text."""
    return {"role": "user", "content": f'<div class="hd-q">{esc(question)}</div>'}


def notice_message(text: str) -> Message:
    """An assistant bubble with a plain notice (refusal, friendly error)."""
    return {"role": "assistant", "content": f'<div class="hd-notice">{esc(text)}</div>'}


# The core's unit names that are not words a reader would write; everything else is shown as the core gives it.
UNIT_LABELS = {"date": "ngày", "quarter": "quý", "year": "năm", "period": "giai đoạn", "document": "số văn bản",
               "ordinal": "thứ tự"}


def unit_label(unit: object) -> str:
    """A unit as a Vietnamese reader would name it."""
    text = str(unit or "")
    return UNIT_LABELS.get(text, text)


def _figure_row(figure: Mapping[str, Any], *, main: bool) -> str:
    cells = (figure.get("text", ""), figure.get("display") or figure.get("value", ""),
             unit_label(figure.get("unit")), figure.get("measures") or "")
    css = ' class="hd-main"' if main else ""
    return f"<tr{css}>" + "".join(f"<td>{esc(cell)}</td>" for cell in cells) + "</tr>"


def figures_table(figures: Sequence[Mapping[str, Any]]) -> str:
    """The figures of an answer as a small table: as written, value, unit, what it measures."""
    if not figures:
        return ""
    rows = "".join(_figure_row(f, main=i == 0) for i, f in enumerate(figures))
    head = "<tr><th>Trong bài</th><th>Giá trị</th><th>Đơn vị</th><th>Đo gì</th></tr>"
    return f'<table class="hd-figures"><caption>Số liệu</caption><thead>{head}</thead><tbody>{rows}</tbody></table>'


def _body_lines(answer: Mapping[str, Any]) -> list[str]:
    """The reply's lines, without a first line that only repeats the direct answer."""
    lines = [line for line in str(answer.get("text", "")).splitlines() if line.strip()]
    direct = str(answer.get("direct") or "").strip()
    if lines and direct and lines[0].strip() == direct:
        lines = lines[1:]
    return lines


def reply_message(answer: Mapping[str, Any]) -> Message:
    """The main reply: the direct answer (or a plain "not in the article"), the reply text, the figures table."""
    parts: list[str] = []
    lines = _body_lines(answer)
    if answer.get("abstained"):
        headline = lines[0] if lines else "Bài viết không có thông tin để trả lời câu hỏi này."
        parts.append(f'<p class="hd-abstain">{esc(headline)}</p>')
        if answer.get("related"):
            parts.append('<p class="hd-hint">Những đoạn gần nhất (không phải câu trả lời) được gạch nét đứt '
                         "trong bài và liệt kê bên dưới, mục «Có thể liên quan».</p>")
    else:
        if answer.get("direct"):
            parts.append(f'<p class="hd-direct">{esc(answer["direct"])}</p>')
        if lines:
            parts.append('<p class="hd-text">' + "<br>".join(link_markers(esc(line)) for line in lines) + "</p>")
        parts.append(figures_table(answer.get("figures") or []))
    return {"role": "assistant", "content": '<div class="hd-reply">' + "".join(parts) + "</div>"}


def article_line(article: Mapping[str, Any] | None) -> str:
    """``Title · Outlet · 15/04/2024`` of a cited article, the title linking to the article's address (escaped)."""
    if not article:
        return ""
    title = esc(article.get("title") or article.get("doc_id") or "")
    url = str(article.get("url") or "")
    if url.startswith(("http://", "https://")):
        title = f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    parts = [title, esc(article.get("outlet") or ""), esc(format_published(article.get("published")))]
    return " · ".join(p for p in parts if p)


def passage_message(citation: Mapping[str, Any], *, related: bool, article: Mapping[str, Any] | None = None) -> Message:
    """One citation (or related passage) as a collapsible message: the exact passage, its section and article."""
    marker = int(citation.get("marker") or 0)
    section = str(citation.get("section") or "")
    label = "Có thể liên quan" if related else "Trích dẫn"
    named = (article or {}).get("title") or ""
    title = f"{label} [{marker}]" + (f" · {named}" if named else f" · {section}" if section else "")
    anchor = f"rel-{marker}" if related else f"cite-{marker}"
    css = "hd-passage hd-related" if related else "hd-passage"
    source = f'<p class="hd-meta">Bài: {article_line(article)}</p>' if article else ""
    body = (
        f'<div class="{css}"><blockquote>{esc(citation.get("text", ""))}</blockquote>{source}'
        f'<p class="hd-meta">Mục: {esc(section or "—")} · '
        f'<a class="cite-link" href="#{anchor}" data-cite="{anchor}">Xem trong bài</a></p></div>'
    )
    return {"role": "assistant", "content": body, "metadata": {"title": esc(title), "status": "done"}}


def answer_messages(answer: Mapping[str, Any]) -> list[Message]:
    """All assistant messages for one answer: the reply, then its citations or related passages."""
    messages = [reply_message(answer)]
    articles = answer.get("articles") or {}
    messages += [passage_message(c, related=False, article=articles.get(c.get("doc_id")))
                 for c in answer.get("citations") or []]
    if answer.get("abstained"):
        messages += [passage_message(c, related=True, article=articles.get(c.get("doc_id")))
                     for c in answer.get("related") or []]
    return messages


@dataclass(frozen=True)
class Span:
    """A highlighted range of a document: citation marker N, answer or merely related."""

    start: int
    end: int
    marker: int
    related: bool
    main: bool = True

    @property
    def anchor(self) -> str:
        return f"rel-{self.marker}" if self.related else f"cite-{self.marker}"


def spans_for(answer: Mapping[str, Any] | None, doc_id: str) -> list[Span]:
    """The ranges of doc_id to highlight for an answer (citations, or related passages when it abstained)."""
    if not answer:
        return []
    referenced = referenced_markers(str(answer.get("text", ""))) or {1}
    spans = [Span(int(c["start"]), int(c["end"]), int(c["marker"]), False, int(c["marker"]) in referenced)
             for c in answer.get("citations") or [] if c.get("doc_id") == doc_id]
    if answer.get("abstained"):
        spans += [Span(int(c["start"]), int(c["end"]), int(c["marker"]), True)
                  for c in answer.get("related") or [] if c.get("doc_id") == doc_id]
    return spans


def highlight(text: str, offset: int, spans: Iterable[Span], opened: set[str]) -> str:
    """Escape text (which starts at offset in its document) and wrap the parts covered by spans."""
    end = offset + len(text)
    inside = [s for s in spans if s.start < end and s.end > offset]
    cuts = sorted({offset, end, *(max(offset, min(end, p)) for s in inside for p in (s.start, s.end))})
    out: list[str] = []
    for left, right in zip(cuts, cuts[1:]):
        piece = esc(text[left - offset:right - offset])
        covering = [s for s in inside if s.start <= left and s.end >= right]
        if not covering:
            out.append(piece)
            continue
        span = min(covering, key=lambda s: (s.related, not s.main, s.marker))
        ident = ""
        if span.anchor not in opened:
            opened.add(span.anchor)
            ident = f' id="{span.anchor}"'
        if span.related:
            out.append(f'<span class="hd-related-mark" data-marker="{span.marker}"{ident}>{piece}</span>')
        else:
            css = "hd-cite" if span.main else "hd-cite hd-cite-minor"
            out.append(f'<mark class="{css}" data-marker="{span.marker}"{ident}>{piece}</mark>')
    return "".join(out)


def _block_html(kind: str, inner: str) -> str:
    if kind == "section":
        return f'<p class="hd-kicker">{inner}</p>'
    if kind == "title":
        return f'<h2 class="hd-title">{inner}</h2>'
    if kind == "byline":
        return f'<p class="hd-byline-raw">{inner}</p>'
    if kind == "heading":
        return f"<h3>{inner}</h3>"
    if kind == "caption":
        return f'<p class="hd-caption">{inner}</p>'
    return f"<p>{inner}</p>"


def _byline(doc: Any) -> str:
    bits = [b for b in (getattr(doc, "author", ""), format_published(getattr(doc, "published", "")),
                        getattr(doc, "publisher", "")) if b]
    return f'<p class="hd-byline">{" · ".join(esc(b) for b in bits)}</p>' if bits else ""


def document_html(doc: Any, answer: Mapping[str, Any] | None = None) -> str:
    """One article with its metadata, headings and paragraphs, the latest answer's passages highlighted."""
    spans = spans_for(answer, doc.doc_id)
    opened: set[str] = set()
    blocks = list(getattr(doc, "blocks", None) or [])
    kinds = {b.kind for b in blocks}
    out = [f'<article class="hd-article" data-doc="{esc(doc.doc_id)}">']
    if "section" not in kinds and getattr(doc, "section", ""):
        out.append(f'<p class="hd-kicker">{esc(doc.section)}</p>')
    if "title" not in kinds and getattr(doc, "title", ""):
        out.append(f'<h2 class="hd-title">{esc(doc.title)}</h2>')
    if not blocks:
        out.append(_byline(doc))
        out.append(f"<p>{highlight(doc.text, 0, spans, opened)}</p>")
    for block in blocks:
        if block.kind in SKIPPED_BLOCKS:
            continue
        if block.kind == "byline":
            out.append(_byline(doc))
            continue
        text = doc.text[block.start:block.end]
        out.append(_block_html(block.kind, highlight(text, block.start, spans, opened)))
        if block.kind == "title" and "byline" not in kinds:
            out.append(_byline(doc))
    out.append("</article>")
    return "".join(out)


def article_panel(docs: Sequence[Any], answer: Mapping[str, Any] | None = None) -> str:
    """The article column: every loaded article (those cited by the answer first), with a legend."""
    cited = {c.get("doc_id") for c in (answer or {}).get("citations") or []}
    cited |= {c.get("doc_id") for c in (answer or {}).get("related") or []}
    ordered = sorted(docs, key=lambda d: d.doc_id not in cited)
    legend = ""
    if answer and answer.get("abstained") and answer.get("related"):
        legend = ('<p class="hd-legend"><span class="hd-related-mark">Nét đứt</span>: đoạn có thể liên quan, '
                  "không phải câu trả lời.</p>")
    elif answer and answer.get("citations"):
        legend = ('<p class="hd-legend"><mark class="hd-cite">Tô vàng</mark>: đoạn trả lời; '
                  '<mark class="hd-cite hd-cite-minor">tô nhạt</mark>: các trích dẫn khác.</p>')
    body = "".join(document_html(d, answer) for d in ordered)
    return f'<div class="hd-panel">{legend}{body}</div>'
