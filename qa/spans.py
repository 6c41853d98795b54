"""Short answers inside a sentence: personal names, quoted titles, and the folded words of a span."""

from __future__ import annotations

import functools
import re

from index import lexicon as L
from index.text import LETTERS_RE, canonical_tones, fold, has_diacritics, is_folded_syllable, syllables
from qa.question import Question


@functools.lru_cache(maxsize=4096)
def words(text: str) -> frozenset[str]:
    """Folded syllables of a text (article sentences and clauses recur across questions, so cached)."""
    return frozenset(fold(s) for s in syllables(text))


_ROMAN_RE = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{1,3}|V)")
_NAME_PARTICLES = frozenset(L.NAME_PARTICLES)
@functools.lru_cache(maxsize=8192)
def _is_foreign(word: str) -> bool:
    """A capitalised word that is not a Vietnamese syllable is a foreign name ("Haussmann", "Oise")."""
    return len(word) > 2 and not is_folded_syllable(word.lower())


_LETTER = r"[^\W\d_]"
_UPPER = "[" + "".join(re.escape(c) for c in map(chr, range(0x10000)) if c.isupper() and re.fullmatch(_LETTER, c)) + "]"
# Stretches where a name can stand: a capitalised word, then words joined to it by a space or hyphen that are
# capitalised, a particle or a regnal number. Any other word ends a run, so the word-by-word reading below only
# needs these stretches (most of a news paragraph is lower-case).
_STRETCH_RE = re.compile(
    rf"(?<!{_LETTER}){_UPPER}{_LETTER}*(?:[ -](?:{_UPPER}{_LETTER}*|(?i:{'|'.join(L.NAME_PARTICLES)})(?!{_LETTER})))*"
)


def capitalised_runs(text: str) -> list[list[re.Match[str]]]:
    """Name candidates: runs of Capitalised words joined by a space or hyphen ("Jean-Baptiste Colbert"), with
    a regnal number ("Clovis I") and name particles inside ("Honoré de Balzac"); a lone word only if foreign."""
    runs: list[list[re.Match[str]]] = []
    for stretch in _STRETCH_RE.finditer(text):
        w = stretch.group(0)
        if " " not in w and "-" not in w:  # one word, the common case ("Theo", "UBND")
            if not w.isupper() and len(w) > 1:
                runs.append([stretch])
        else:
            _read_runs(text, stretch.start(), stretch.end(), runs)
    return [r for r in runs if len(r) >= 2 or _is_foreign(r[0].group(0))]


def _read_runs(text: str, start: int, end: int, runs: list[list[re.Match[str]]]) -> None:
    """Append the runs of one stretch of ``text``, word by word."""
    current: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []  # particles waiting for a capitalised word
    for m in LETTERS_RE.finditer(text, start, end):
        w = m.group(0)
        gap = text[(pending or current)[-1].end() : m.start()] if (pending or current) else ""
        joined = bool(current) and gap in (" ", "-")
        if joined and w.lower() in _NAME_PARTICLES:
            pending.append(m)
            continue
        if joined and _ROMAN_RE.fullmatch(w) and not pending:
            current.append(m)
        elif w[0].isupper() and not w.isupper() and len(w) > 1:
            if joined:
                current += pending + [m]
            else:
                if current:
                    runs.append(current)
                current = [m]
            pending = []
            continue
        if current:
            runs.append(current)
        current, pending = [], []
    if current:
        runs.append(current)


_QUOTE_RE = re.compile(r"“([^”]{3,300})”|\"([^\"]{3,300})\"")
_NOT_NAME_START = frozenset(L.NOT_NAME_START_ACCENTED)
_NOT_NAME_START_FOLDED = frozenset(fold(w) for w in _NOT_NAME_START)
# A name often follows an office title, a form of address or a rank; an asked title must stand in the answer's sentence.
_ROLE_RE = re.compile(
    r"(?:" + "|".join(L.ADDRESS_WORDS) + r"|(?:Phó )?(?:" + "|".join(L.OFFICES) + r")|" + "|".join(L.RANKS)
    + r"|PGS\.?|TS\.?|GS\.?)",
)
_CREDIT_RE = re.compile(rf"(?<!\w)(?i:{'|'.join(L.CREDIT_WORDS_ACCENTED)})\s*:\s*\Z")


def person_name(q: Question, text: str, df: dict[str, int] | None = None) -> str:
    """The personal name in a sentence nearest the words the question asked about."""
    qwords = set(q.focus)
    asked = [m for m in re.finditer(r"\w+", text) if fold(m.group(0)) in qwords]
    anchors = [m.end() for m in asked] + [m.end() for m in _ROLE_RE.finditer(text)]
    after = [m.start() for m in asked]  # a subject stands right before the asked words ("Clovis I lấy Paris ...")
    best, best_d = "", 10**9
    accented = has_diacritics(text)
    for run in capitalised_runs(text):
        words = [fold(m.group(0)) for m in run]
        starts = [
            canonical_tones(m.group(0).lower()) in _NOT_NAME_START if accented else w in _NOT_NAME_START_FOLDED
            for m, w in zip(run, words)
        ]
        # "quận Long Biên Đường Hoài Nam": the name is the longest tail free of places, titles and asked words.
        tail = next(
            (
                i
                for i in range(len(run))
                if not starts[i]
                and (len(run) - i >= 2 or _is_foreign(run[i].group(0)))
                and not any(w in qwords for w in words[i:])
                # not the second half of a recurring place or body name ("Long Biên")
                and not (i and (df or {}).get(f"{words[i - 1]}_{words[i]}", 0) >= 2)
            ),
            None,
        )
        if tail is None or len(run) - tail > 5:
            continue
        start, name = run[tail].start(), text[run[tail].start() : run[-1].end()]
        if _CREDIT_RE.search(text, max(0, start - 24), start):
            continue
        end = run[-1].end()
        near = [start - a for a in anchors if a <= start] + [a - end for a in after if a >= end]
        d = min(near) if near else 500 + start
        if d < best_d:
            best, best_d = name, d
    return best


def initialisms(text: str) -> set[str]:
    """Acronyms a text spells out, folded: "Paris Saint-Germain" gives "psg"; particles and regnal numbers are not
    spelled ("Parc des Princes" gives "pp")."""
    out: set[str] = set()
    for stretch in _STRETCH_RE.finditer(text):
        w = stretch.group(0)
        if " " in w or "-" in w:  # a one-word stretch is a run of one word: it spells nothing
            out |= _stretch_initialisms(w)
    return out


@functools.lru_cache(maxsize=16384)
def _stretch_initialisms(stretch: str) -> frozenset[str]:
    """The acronyms one stretch of capitalised words spells: its runs are read from its own words and the gaps
    between them, so they do not depend on the text around it (the same names recur: cached)."""
    runs: list[list[re.Match[str]]] = []
    _read_runs(stretch, 0, len(stretch), runs)
    out: set[str] = set()
    for run in runs:
        if len(run) < 2:
            continue
        caps = [m.group(0) for m in run if m.group(0)[0].isupper() and not _ROMAN_RE.fullmatch(m.group(0))]
        for i in range(len(caps)):
            for j in range(i + 2, min(len(caps), i + 6) + 1):
                out.add(fold("".join(w[0] for w in caps[i:j])).lower())
    return frozenset(out)


def quoted(text: str) -> list[re.Match[str]]:
    return list(_QUOTE_RE.finditer(text))


def best_quote(q: Question, text: str) -> str:
    """The quoted title the question points at: not the one it names, the one whose surroundings it shares most."""
    focus = set(q.focus)
    quotes = [m for m in quoted(text) if len(words(m.group(0)) & focus) < 0.6 * max(1, len(words(m.group(0))))]
    if len(quotes) == 1:
        return quotes[0].group(0)
    scored = []
    for i, m in enumerate(quotes):
        lead_in = words(text[max(quotes[i - 1].end() if i else 0, m.start() - 80) : m.start()])
        lead_out = words(text[m.end() : min(quotes[i + 1].start() if i + 1 < len(quotes) else len(text), m.end() + 60)])
        scored.append((len(focus & lead_in) + len(focus & lead_out), m.group(0)))
    scored.sort(key=lambda t: -t[0])
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return ""
