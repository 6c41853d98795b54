"""Citation anchors: one id per answer and marker, the [N] links that point at them, and what a tapped link sends."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Mapping

CITE, RELATED = "cite", "rel"
ANCHOR_RE = re.compile(r"(cite|rel)-(\d{1,7})-(\d{1,3})")
"""An anchor id: ``cite-{turn}-{marker}`` (a citation of the answer) or ``rel-{turn}-{marker}`` (a related passage
of an answer that abstained). The turn is the answer's place in the chat, so two answers never share an anchor."""

MAX_OFFSET = 10**9


def anchor_id(turn: int, marker: int, related: bool = False) -> str:
    """The id of answer ``turn``'s passage ``marker`` in the article panel."""
    return f"{RELATED if related else CITE}-{int(turn)}-{int(marker)}"


def cite_link(marker: int, turn: int, passage: Mapping[str, Any] | None = None, *, related: bool = False,
              label: str = "") -> str:
    """An [N] link to answer ``turn``'s passage; it names the passage's article and range as well, so that the panel
    can still be turned to it when the answer itself is no longer kept (an old chat restored after a reload)."""
    anchor = anchor_id(turn, marker, related)
    where = ""
    if passage and passage.get("doc_id") is not None:
        where = (f' data-doc="{html.escape(str(passage["doc_id"]), quote=True)}"'
                 f' data-start="{int(passage.get("start") or 0)}" data-end="{int(passage.get("end") or 0)}"')
    text = label or f"[{int(marker)}]"
    return f'<a class="cite-link" href="#{anchor}" data-cite="{anchor}"{where}>{text}</a>'


@dataclass(frozen=True)
class Tap:
    """A tapped [N] link whose passage the panel did not hold: which answer and marker, and the passage it names."""

    turn: int
    marker: int
    related: bool
    doc_id: str = ""
    start: int = 0
    end: int = 0

    def as_answer(self) -> dict[str, Any]:
        """An answer holding the tapped passage alone (for when the answer itself is no longer kept)."""
        passage = {"marker": self.marker, "doc_id": self.doc_id, "start": self.start, "end": self.end,
                   "supporting": True}
        return {"abstained": True, "related": [passage]} if self.related else {"citations": [passage]}


def _bounded(value: Any, limit: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 <= number <= limit else None


def read_tap(data: Any) -> Tap | None:
    """What the page sent for a tap ({"anchor", "doc", "start", "end"}), checked since it comes from the browser;
    None when it does not name an anchor."""
    if not isinstance(data, Mapping):
        return None
    match = ANCHOR_RE.fullmatch(str(data.get("anchor") or ""))
    if not match:
        return None
    kind, turn, marker = match.group(1), int(match.group(2)), int(match.group(3))
    start, end = _bounded(data.get("start"), MAX_OFFSET), _bounded(data.get("end"), MAX_OFFSET)
    doc_id = data.get("doc") if isinstance(data.get("doc"), str) else ""
    if start is None or end is None or end <= start or not doc_id:
        doc_id, start, end = "", 0, 0
    return Tap(turn, marker, kind == RELATED, doc_id, start, end)
