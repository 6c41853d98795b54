"""HTML for the chat page: replies, figure tables, citation messages and the highlighted article, all escaped."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from ui.anchors import anchor_id, cite_link

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


def link_markers(escaped: str, turn: int = 0, passages: Mapping[int, Mapping[str, Any]] | None = None) -> str:
    """Turn escaped [N] markers into links to answer ``turn``'s passage N (``passages``: its citations by marker)."""
    passages = passages or {}
    return _MARKER_RE.sub(lambda m: cite_link(int(m.group(1)), turn, passages.get(int(m.group(1)))), escaped)


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


# Figures that place the answer in time or name a document: shown as context, not as answers.
CONTEXT_KINDS = frozenset({"period", "year", "quarter", "date", "document"})
_DIGIT_SPACE_RE = re.compile(r"(?<=\d) (?=\d)")


_CONVERSION_RE = re.compile(r"\s*\([≈=][^()]*\)\s*$")


def headline(direct: str) -> str:
    """The direct answer as written in the article: a conversion the core appends ("(= … đồng)", "(≈ …)") is left
    to the figures table, where it is shown once and marked "≈" only when rounded."""
    return _CONVERSION_RE.sub("", direct).strip() or direct


def keep_numbers_whole(text: str) -> str:
    """No line break inside a number written with spaces between thousands ("2 472 000 000 000 đồng")."""
    return _DIGIT_SPACE_RE.sub("\u00a0", text)


def is_supporting(citation: Mapping[str, Any], index: int) -> bool:
    """Whether a citation supports the answer (the core marks it; the first one when it does not say)."""
    return bool(citation.get("supporting", index == 0))


def split_citations(answer: Mapping[str, Any]) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """(supporting, other) citations of an answer, best first."""
    cites = list(answer.get("citations") or [])
    flags = [is_supporting(c, i) for i, c in enumerate(cites)]
    return [c for c, f in zip(cites, flags) if f], [c for c, f in zip(cites, flags) if not f]


def is_context(figure: Mapping[str, Any], answer_type: str) -> bool:
    """A period, year, quarter, date or document code is context, unless the question asked for a date."""
    return figure.get("kind") in CONTEXT_KINDS and not (answer_type == "date" and figure.get("kind") != "document")


def is_rounded(figure: Mapping[str, Any]) -> bool:
    """Whether the normalised value shown was rounded (only then is it written with "≈")."""
    value = figure.get("value")
    return isinstance(value, float) and round(value, 6) != value


def _squeeze(text: str) -> str:
    return re.sub(r"[\s.\u00a0]", "", text).lower()


def converted(figure: Mapping[str, Any]) -> str:
    """The normalised value when it says more than the figure as written ("2 472 000 000 000 đồng"), else ""."""
    display = str(figure.get("display") or "")
    if not display or _squeeze(display) in _squeeze(str(figure.get("text", ""))):
        return ""
    return ("≈ " if is_rounded(figure) else "") + display


def _figure_row(figure: Mapping[str, Any], *, main: bool) -> str:
    value = esc(figure.get("text", ""))
    extra = converted(figure)
    if extra:
        value += f'<span class="hd-value">{esc(keep_numbers_whole(extra))}</span>'
    css = ' class="hd-main"' if main else ""
    return f"<tr{css}><td>{value}</td><td>{esc(figure.get('measures') or '')}</td></tr>"


def figures_table(figures: Sequence[Mapping[str, Any]], answer_type: str = "") -> str:
    """The answer's figures once: one table (as written, its value when that adds something, what it measures),
    then the time and document context on one line."""
    facts = [f for f in figures if not is_context(f, answer_type)]
    context = [f for f in figures if is_context(f, answer_type)]
    out = ""
    if facts:
        rows = "".join(_figure_row(f, main=i == 0) for i, f in enumerate(facts))
        out += ('<div class="hd-table-box"><table class="hd-figures"><caption>Số liệu trong câu</caption>'
                f"<thead><tr><th>Số liệu</th><th>Đo gì</th></tr></thead><tbody>{rows}</tbody></table></div>")
    if context:
        seen = list(dict.fromkeys(str(f.get("text", "")) for f in context))
        out += f'<p class="hd-context">Bối cảnh: {esc(" · ".join(seen))}</p>'
    return out


def doc_title(doc: Any) -> str:
    """An article's title, or its id when it has none."""
    return str(getattr(doc, "title", "") or getattr(doc, "doc_id", ""))


def _quote(citation: Mapping[str, Any], turn: int) -> str:
    link = cite_link(int(citation.get("marker") or 0), turn, citation)
    return f'<blockquote class="hd-quote">“{esc(citation.get("text", ""))}” {link}</blockquote>'


def reply_message(answer: Mapping[str, Any], turn: int = 0) -> Message:
    """The main reply: the direct answer, the supporting sentence with its marker (a link to this answer's passage:
    ``turn`` is its place in the chat), the figures once; or, when the article does not say, one sentence that
    says so."""
    parts: list[str] = []
    if answer.get("abstained"):
        lines = [line for line in str(answer.get("text", "")).splitlines() if line.strip()]
        sentence = lines[0] if lines else "Bài viết không nói về điều bạn hỏi."
        parts.append(f'<p class="hd-abstain">{esc(sentence)}</p>')
        if answer.get("related"):
            parts.append('<p class="hd-hint">Các đoạn gần nhất (không phải câu trả lời) ở bên dưới.</p>')
    else:
        supporting, _ = split_citations(answer)
        if answer.get("direct"):
            parts.append(f'<p class="hd-direct">{esc(keep_numbers_whole(headline(str(answer["direct"]))))}</p>')
        parts += [_quote(c, turn) for c in supporting]
        if not supporting and answer.get("text"):
            cites = {int(c.get("marker") or 0): c for c in answer.get("citations") or []}
            parts.append(f'<p class="hd-text">{link_markers(esc(answer["text"]), turn, cites)}</p>')
        parts.append(figures_table(answer.get("figures") or [], str(answer.get("answer_type") or "")))
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


def _passage(citation: Mapping[str, Any], turn: int, related: bool, titles: set[str],
             article: Mapping[str, Any] | None = None) -> str:
    marker = int(citation.get("marker") or 0)
    section = str(citation.get("section") or "")
    where = f" · {esc(section)}" if section and section not in titles else ""
    link = cite_link(marker, turn, citation, related=related, label=f"[{marker}] Xem trong bài")
    return (f'<div class="hd-passage"><blockquote>{esc(citation.get("text", ""))}</blockquote>'
            f'<p class="hd-meta">{link}{where}</p>'
            + (f'<p class="hd-meta hd-source">Bài: {article_line(article)}</p>' if article else "") + "</div>")


def passages_message(citations: Sequence[Mapping[str, Any]], *, title: str, turn: int = 0, related: bool = False,
                     titles: set[str] = frozenset(), articles: Mapping[str, Any] | None = None) -> Message:
    """Several passages of answer ``turn`` as one collapsed message: each exact passage, its section and a link into
    the article (and, over an archive, the article it comes from: ``articles`` maps doc_id to title, outlet, date,
    url); ``related``: the related passages of an answer that abstained."""
    articles = articles or {}
    body = "".join(_passage(c, turn, related, set(titles), articles.get(c.get("doc_id"))) for c in citations)
    return {"role": "assistant", "content": f'<div class="hd-passages">{body}</div>',
            "metadata": {"title": esc(title), "status": "done"}}


def answer_messages(answer: Mapping[str, Any], titles: set[str] = frozenset(), turn: int = 0) -> list[Message]:
    """All assistant messages for one answer (``turn``: its place in the chat, in its links): the reply, then the
    supporting passages, then the others apart."""
    messages = [reply_message(answer, turn)]
    supporting, others = split_citations(answer)
    articles = answer.get("articles")
    if supporting:
        label = "Trích dẫn " + " ".join(f"[{int(c.get('marker') or 0)}]" for c in supporting)
        messages.append(passages_message(supporting, title=label, turn=turn, titles=titles, articles=articles))
    if others:
        messages.append(passages_message(others, title=f"Có thể liên quan ({len(others)} đoạn)", turn=turn,
                                         titles=titles, articles=articles))
    if answer.get("abstained") and answer.get("related"):
        related = answer["related"]
        messages.append(passages_message(related, title=f"Có thể liên quan ({len(related)} đoạn)", turn=turn,
                                         related=True, titles=titles, articles=articles))
    return messages


@dataclass(frozen=True)
class Span:
    """A range of a document tied to citation marker N of answer ``turn``: the supporting passage, another retrieved
    one, or (when the answer abstains) a related one."""

    start: int
    end: int
    marker: int
    related: bool
    main: bool = True
    turn: int = 0

    @property
    def anchor(self) -> str:
        return anchor_id(self.turn, self.marker, self.related)


def spans_for(answer: Mapping[str, Any] | None, doc_id: str, turn: int = 0) -> list[Span]:
    """The ranges of doc_id answer ``turn`` points to: its citations (main when supporting), or related passages."""
    if not answer:
        return []
    spans = [Span(int(c["start"]), int(c["end"]), int(c["marker"]), False, is_supporting(c, i), turn)
             for i, c in enumerate(answer.get("citations") or []) if c.get("doc_id") == doc_id]
    if answer.get("abstained"):
        spans += [Span(int(c["start"]), int(c["end"]), int(c["marker"]), True, turn=turn)
                  for c in answer.get("related") or [] if c.get("doc_id") == doc_id]
    return spans


def highlight(text: str, offset: int, spans: Iterable[Span], opened: set[str]) -> str:
    """Escape text (which starts at offset in its document); mark supporting passages, anchor the others."""
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
        span = min(covering, key=lambda s: (not s.main, s.related, s.marker))
        ident = ""
        if span.anchor not in opened:
            opened.add(span.anchor)
            ident = f' id="{span.anchor}"'
        if span.related:
            out.append(f'<span class="hd-related-mark" data-marker="{span.marker}"{ident}>{piece}</span>')
        elif span.main:
            out.append(f'<mark class="hd-cite" data-marker="{span.marker}"{ident}>{piece}</mark>')
        else:
            out.append(f'<span class="hd-maybe" data-marker="{span.marker}"{ident}>{piece}</span>')
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


def document_html(doc: Any, answer: Mapping[str, Any] | None = None, turn: int = 0) -> str:
    """One article with its metadata, headings and paragraphs, the passages of answer ``turn`` highlighted."""
    spans = spans_for(answer, doc.doc_id, turn)
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


def cited_doc(answer: Mapping[str, Any] | None) -> str | None:
    """The article an answer rests on: that of its first supporting citation, else of its first related passage."""
    supporting, _ = split_citations(answer or {})
    first = (supporting or list((answer or {}).get("related") or []))[:1]
    return str(first[0].get("doc_id")) if first else None


EMPTY_PANEL = "Bài báo có đoạn được trích dẫn sẽ hiện ở đây."


def article_panel(docs: Sequence[Any], answer: Mapping[str, Any] | None = None, shown: str | None = None,
                  turn: int = 0) -> str:
    """The article column: the article shown (or every article, those the answer cites first), with a legend;
    the passages of answer ``turn`` (its place in the chat) are highlighted and anchored under that turn."""
    cited = {c.get("doc_id") for c in (answer or {}).get("citations") or []}
    cited |= {c.get("doc_id") for c in (answer or {}).get("related") or []}
    chosen = [d for d in docs if d.doc_id == shown] if shown else []
    ordered = chosen or sorted(docs, key=lambda d: d.doc_id not in cited)
    legend = ""
    if answer and answer.get("abstained") and answer.get("related"):
        legend = ('<p class="hd-legend"><span class="hd-related-mark">Nét đứt</span>: đoạn có thể liên quan, '
                  "không phải câu trả lời.</p>")
    elif answer and answer.get("citations"):
        legend = '<p class="hd-legend"><mark class="hd-cite">Tô vàng</mark>: câu trả lời.</p>'
    if not ordered:
        legend = f'<p class="hd-legend">{esc(EMPTY_PANEL)}</p>'
    body = "".join(document_html(d, answer, turn) for d in ordered)
    data = f' data-turn="{int(turn)}"' if answer else ""
    return f'<div class="hd-panel"{data}>{legend}{body}</div>'
