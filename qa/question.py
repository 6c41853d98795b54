"""Question analysis: expected answer type, focus words and article-metadata questions, with or without diacritics."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from index import lexicon as L
from index.text import canonical_tones, clean, fold, has_diacritics, is_folded_syllable, syllables, tokenize
from qa.glossary import to_vietnamese
from qa.validation import MAX_QUERY_CHARS

# Cue patterns run on folded text, so accents are optional; order matters (most specific first).
_TYPE_CUES: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(cue)) for name, cue in L.TYPE_CUES_FOLDED]

# Kinds of figure that answer each expected type.
FIGURE_KINDS: dict[str, frozenset[str]] = {
    "quantity": frozenset({"money", "count", "number", "fraction", "area", "length", "volume", "percent", "duration"}),
    "percent": frozenset({"percent", "fraction"}),
    "date": frozenset({"date", "year", "quarter"}),
    "period": frozenset({"period", "year", "duration"}),
    "ordinal": frozenset({"ordinal"}),
}

# Hints with diacritics on an accented question; on an unaccented one the folded form is matched.
_KIND_HINTS = [(n, re.compile(rf"\b({'|'.join(ws)})\b")) for n, ws in L.KIND_HINTS_ACCENTED]
_KIND_HINTS_FOLDED = [(n, re.compile(rf"\b({'|'.join(fold(w) for w in ws if fold(w) not in L.KIND_HINTS_NOT_FOLDED)})\b"))
                      for n, ws in L.KIND_HINTS_ACCENTED]
_DURATION_ASKED = re.compile(L.DURATION_ASKED_FOLDED)
_HOW_LONG_OR_FAR = re.compile(L.HOW_LONG_OR_FAR_FOLDED)
COMPARISON_RE = re.compile(L.COMPARISON_FOLDED)
_MEASURE_WORDS = sorted({w for n, ws in L.KIND_HINTS_ACCENTED if n in ("area", "volume", "length") for w in ws}, key=len,
                        reverse=True)


def _per_unit(spell: Callable[[str], str]) -> re.Pattern[str]:
    """"mỗi m2", "một mét khối", "/km": a unit a figure is counted per, spelled as ``spell`` writes words."""
    per, units = "|".join(map(spell, L.PER_UNIT_ACCENTED)), "|".join(re.escape(spell(w)) for w in _MEASURE_WORDS)
    return re.compile(rf"(\b(?:{per})\s+|/\s*)(?:{units})\b")


_PER_UNIT, _PER_UNIT_FOLDED = _per_unit(str), _per_unit(fold)
_MONEY_UNIT = re.compile(L.MONEY_UNIT_FOLDED)

_META_CUES: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(cue)) for name, cue in L.META_CUES_FOLDED]
_ABOUT_ARTICLE = re.compile(L.ABOUT_ARTICLE_FOLDED)
_NATIONALITY_RE = re.compile(r"\b[Vv]iệt\b")
_OTHER_WORK_AUTHOR = re.compile(L.OTHER_WORK_AUTHOR_FOLDED)

# Question and function words that carry no topic: never required in the answer sentence. Vietnamese ones are
# matched with their diacritics when the question has them (so "giả" in "tác giả" is kept), folded otherwise.
_VI_FUNCTION_WORDS = frozenset(L.FUNCTION_WORDS_ACCENTED)
_VI_FUNCTION_FOLDED = frozenset(fold(w) for w in _VI_FUNCTION_WORDS) - set(L.FUNCTION_WORDS_KEPT_FOLDED)
_EN_FUNCTION_WORDS = frozenset(L.FUNCTION_WORDS_ENGLISH)
_FOLLOWUP_CUE = re.compile(L.FOLLOWUP_CUE_FOLDED)


@dataclass(frozen=True)
class Question:
    """A question as analysed for retrieval and answer selection."""

    text: str                      # cleaned question
    expected: str                  # quantity, percent, date, period, person, place, ordinal, list, yesno, fact
    focus: tuple[str, ...]         # folded content syllables the answer sentence should contain
    meta: str | None = None        # author, published, section, publisher, title: a question about the article itself
    kind_hint: str | None = None   # money, area, length, percent: the figure kind a quantity question asks for
    counted: tuple[str, ...] = ()  # folded nouns after "bao nhiêu"/"mấy" (("du an",) in "bao nhiêu dự án")
    accented: bool = True
    english: bool = False
    search_text: str = ""          # what retrieval is run on (a follow-up's resolved query)
    followup_of: str | None = None
    must: tuple[str, ...] = field(default_factory=tuple)  # folded syllables the answer sentence must hold (follow-ups)
    specifics: tuple[str, ...] = ()  # numbers, codes and acronyms the answer's passage must mention ("2024", "ubnd")
    date_grain: str = ""           # date questions: "day" (ngày nào), "year" (năm nào) or "any" (khi nào)
    unit_asked: str | None = None  # money, area, length: the kind of a unit named after "bao nhiêu" ("bao nhiêu km")

    @property
    def retrieval_text(self) -> str:
        """What search and the dense features read: the resolved query, or the question alone when a merged
        follow-up outgrows the query limit (one text, so the question is embedded once)."""
        return self.search_text if len(self.search_text) <= MAX_QUERY_CHARS else self.text

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "expected": self.expected,
            "focus": list(self.focus),
            "meta": self.meta,
            "kind_hint": self.kind_hint,
            "counted": list(self.counted),
            "search_text": self.search_text,
            "followup_of": self.followup_of,
        }


_ENGLISH_WORDS = frozenset(L.ENGLISH_MARKERS_ENGLISH)
_VI_MARKERS = frozenset(L.VIETNAMESE_MARKERS_FOLDED)


def is_english(text: str) -> bool:
    """An English question: no diacritics, and English question words, or words no Vietnamese syllable is spelled
    like ("Which hospital received these patients?") in a sentence asked as a question, beside an English function
    word and without Vietnamese question words."""
    words = re.findall(r"[a-z]+", text.lower())
    if not words or has_diacritics(text):
        return False
    if sum(w in _ENGLISH_WORDS for w in words) >= max(2, len(words) // 4):
        return True
    if sum(w in _VI_MARKERS for w in words) >= 2:
        return False
    foreign = sum(not is_folded_syllable(w) for w in words)
    # ... and asked as a question: markup and code ("<img src=x>", "' UNION SELECT ...") are not one
    asked = text.rstrip().endswith("?") or words[0] in _ENGLISH_WORDS
    return foreign >= 2 and foreign >= 0.3 * len(words) and asked and any(w in _EN_FUNCTION_WORDS for w in words)


def content_words(text: str) -> list[str]:
    """Folded syllables of a text that are not question or function words."""
    sylls = syllables(text)
    if is_english(text):
        return [fold(s) for s in sylls if s not in _EN_FUNCTION_WORDS]
    if has_diacritics(text):
        return [fold(s) for s in sylls if s not in _VI_FUNCTION_WORDS]
    return [s for s in (fold(t) for t in sylls) if s not in _VI_FUNCTION_FOLDED]


_COUNTED_STOP_FOLDED = frozenset(fold(w) for w in L.COUNTED_STOP_ACCENTED)
_NOUN_STOP = (_VI_FUNCTION_FOLDED | _EN_FUNCTION_WORDS | _COUNTED_STOP_FOLDED) - set(L.COUNTED_NOT_STOP_FOLDED)
# With diacritics the stop words are matched as written: "đảng viên" is a noun, "đang" is not.
_NOUN_STOP_ACCENTED = (_VI_FUNCTION_WORDS | _EN_FUNCTION_WORDS | set(L.COUNTED_STOP_ACCENTED)) - set(
    L.COUNTED_NOT_STOP_FOLDED
)
_UNIT_ASKED = [(kind, re.compile(rf"\b(?:bao nhieu|may) (?:{units})\b")) for kind, units in L.UNIT_ASKED_FOLDED]
_COUNTED_CUES = {True: L.COUNTED_CUES_ACCENTED, False: L.COUNTED_CUES_FOLDED}


def _counted_nouns(text: str, accented: bool) -> tuple[str, ...]:
    """Nouns counted by the question, folded: "bao nhiêu chỉ tiêu và nhiệm vụ" -> ("chi tieu", "nhiem vu")."""
    m = next((m for cue in _COUNTED_CUES[accented] if (m := re.search(cue, text))), None)
    if not m:
        return ()
    stop = _NOUN_STOP_ACCENTED if accented else _NOUN_STOP
    nouns: list[str] = []
    for part in re.split(r"\s*,\s*|\s+(?:và|va|and)\s+", m.group(1)):
        words: list[str] = []
        for w in part.split():
            if w in stop:
                break
            words.append(w)
        if not words:
            break
        nouns.append(fold(" ".join(words[:3])))
    return tuple(nouns)


def _counted_in(text: str, accented: bool) -> tuple[str, ...]:
    """The nouns a Vietnamese question counts, read off its words without punctuation."""
    spelled = re.sub(r"[?!.;:]+", " ", text.lower() if accented else fold(text).strip())
    return _counted_nouns(" ".join(spelled.split()), accented)


_EN_VERBS = frozenset(L.ENGLISH_VERBS_ENGLISH)


def _english_counted(folded: str) -> tuple[str, ...]:
    """"How many registered models are ..." counts "mô hình": the head is the last word before the verb."""
    m = re.search(r"\bhow many ((?:[a-z0-9']+ ?)+)", folded)
    if not m:
        return ()
    phrase: list[str] = []
    for w in m.group(1).split():
        if w in _EN_VERBS or w in ("of", "in", "on", "at", "for", "from", "with", "by", "that", "which", "who"):
            break
        phrase.append(w)
    if not phrase:
        return ()
    head = to_vietnamese(phrase[-1]).vietnamese
    return (fold(head).lower(),) if head else ()


_DAY_CUE = re.compile(L.DAY_CUE_FOLDED)
_YEAR_CUE = re.compile(L.YEAR_CUE_FOLDED)
# A range of years, decimals or percents ("1996-2009", "4.0-5.5", "20-25%"); "17-9" stays whole: a day and month.
_RANGE_RE = re.compile(r"(?P<a>\d+(?:[.,]\d+)?)[-–](?P<b>\d+(?:[.,]\d+)?)(?P<pct>%?)")
_YEARS_RE = re.compile(r"\d{3,4}")
_SPECIFIC_RE = re.compile(r"^\d|^[A-ZĐ]{2,}$")  # "2024", "202-KH/QU", "UBND"; not units such as "m2"
# A class named by one capital letter ("hạng C", "nhóm B", "khu A"): the answer's passage names it too.
_LETTER_CLASS_RE = re.compile(rf"\b(?i:{'|'.join(L.LETTER_CLASS_NOUNS_ACCENTED)})\s+([A-ZĐ])(?![\w.-])")


_INITIALS_RE = re.compile(r"(?<![\w.])(?:[A-ZĐ]\.){1,4}[A-ZĐ](?![\w])")


def specific_tokens(text: str) -> tuple[str, ...]:
    """Numbers, dates, codes and acronyms in a text, folded: things an answer cannot do without."""
    cleaned = clean(text)
    toks = tokenize(cleaned)
    sylls = syllables(cleaned)  # same tokens, with "quý II" read as "quý 2"
    out = [fold(s) for t, s in zip(toks, sylls) if _SPECIFIC_RE.search(cleaned[t.start : t.end]) or _SPECIFIC_RE.search(s)]
    out += [fold(m.group(1)) for m in _LETTER_CLASS_RE.finditer(canonical_tones(cleaned))]
    # Initials that stand for a person ("bệnh nhân T.V.L."): its letters as the adjacent pairs a passage's term set
    # holds ("t_v", "v_l"), since single letters are in nearly every passage.
    for m in _INITIALS_RE.finditer(cleaned):
        letters = [fold(ch).lower() for ch in m.group(0) if ch.isalpha()]
        out += [f"{a}_{b}" for a, b in zip(letters, letters[1:])]
    # A range names its ends, which a passage may write apart: "1996-2009" is "từ 1996 đến 2009".
    return tuple(dict.fromkeys(end for s in out for end in range_ends(s)))


def range_ends(token: str) -> list[str]:
    """The two ends of a range token ("1996-2009" → ["1996", "2009"], "20-25%" → ["20%", "25%"]); any other token
    alone."""
    m = _RANGE_RE.fullmatch(token)
    if m is None:
        return [token]
    a, b, pct = m["a"], m["b"], m["pct"]
    decimals = not (a + b).isdigit()
    years = bool(_YEARS_RE.fullmatch(a) and _YEARS_RE.fullmatch(b))
    return [a + pct, b + pct] if pct or decimals or years else [token]


_STRONG_QUANTITY = re.compile(L.STRONG_QUANTITY_FOLDED)
_OTHER_WH = re.compile(L.OTHER_WH_FOLDED)


def expected_type(folded: str) -> str:
    for name, pat in _TYPE_CUES:
        if pat.search(folded):
            # "Sân bay nào có số lượng phi cơ lớn nhất?" asks which airport: "số lượng" alone does not ask a number.
            if name == "quantity" and not _STRONG_QUANTITY.search(folded) and _OTHER_WH.search(folded):
                continue
            return name
    return "fact"


_PRICE_CUE = re.compile(L.PRICE_CUE_ACCENTED)
_PRICE_CHANGE = re.compile(rf"\b({'|'.join(L.PRICE_CHANGE_ACCENTED)})\b")
_NAME_ASK = re.compile(L.NAME_ASK_FOLDED)
_NAME_ASK_EN = re.compile(L.NAME_ASK_ENGLISH)
_PERSON_NOUNS = {True: [tuple(w.split()) for w in L.PERSON_NOUNS_ACCENTED],
                 False: [tuple(fold(w).split()) for w in L.PERSON_NOUNS_ACCENTED
                         if fold(w) not in L.PERSON_NOUNS_AMBIGUOUS_FOLDED]}
_PERSON_NOUNS_EN = frozenset(L.PERSON_NOUNS_ENGLISH)
_SUBJECT_LEAD = frozenset(L.SUBJECT_LEAD_FOLDED)
_NAME_GIVEN = re.compile(L.NAME_GIVEN_FOLDED)


def asks_person_name(text: str, folded_q: str, accented: bool) -> bool:
    """Whether a question asks the name of a person: "Người thai phụ tên là gì?", "Tên thật của ca sĩ Y là gì?",
    "What is the name of the lecturer …?"; not "Ngôi làng có tên là gì?"."""
    if m := _NAME_ASK_EN.search(folded_q):
        return m.group(1) in _PERSON_NOUNS_EN
    m = _NAME_ASK.search(folded_q)
    if not m or _NAME_GIVEN.search(folded_q):
        return False
    words = (canonical_tones(_unpunctuated(text.lower())) if accented else folded_q).split()
    at = len(folded_q[: m.start()].split())
    subject = words[at + len(m.group(0).split()):] if at == 0 or m.group(0).endswith("cua") else words[:at]
    while len(subject) > 1 and fold(subject[0]) in _SUBJECT_LEAD:
        subject = subject[1:]
    return any(tuple(subject[: len(p)]) == p for p in _PERSON_NOUNS[accented])


def unshout(text: str) -> str:
    """A question typed in capitals ("THU NGÂN SÁCH QUÝ I ĐẠT BAO NHIÊU") read as if typed normally: capitals
    would otherwise be taken for acronyms and names. Roman numerals and one-word acronyms stay."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(text.split()) < 3 or sum(ch.isupper() for ch in letters) < 0.8 * max(1, len(letters)):
        return text
    return " ".join(w if _ROMAN_WORD.fullmatch(w.strip("?!.,;:")) else w.lower() for w in text.split())


_ROMAN_WORD = re.compile(r"[IVX]{1,4}")


def _not_may(text: str, folded: str) -> str:
    """The folded question without its "may" when the accented text writes no "mấy" (how many): "Người may trang
    phục ở đâu" (sew) and "máy" (machine) ask no number."""
    return folded if "mấy" in text.lower() else re.sub(r"\bmay\b", "~", folded)


def _unpunctuated(folded: str) -> str:
    """A folded question with its punctuation read as spaces: what the cue patterns run on."""
    return re.sub(r"[?!.,;:]+", " ", folded).strip()


def analyse(question: str) -> Question:
    """Expected type, focus words and metadata intent of a standalone question."""
    text = unshout(" ".join(clean(question).split()))
    folded = fold(text).strip()
    folded_q = _unpunctuated(folded)
    accented = has_diacritics(text)
    # Folded, "người Việt" (Vietnamese people) reads as "người viết" (the writer): where the question is accented,
    # the nationality is no cue.
    meta_q = _unpunctuated(fold(_NATIONALITY_RE.sub("~", text))) if accented else folded_q
    meta = None
    if _ABOUT_ARTICLE.search(meta_q):
        meta = next((name for name, pat in _META_CUES if pat.search(meta_q)), None)
        if meta == "author" and _OTHER_WORK_AUTHOR.search(meta_q):
            meta = None
    expected = expected_type(_not_may(text, folded_q) if accented else folded_q)
    if expected == "fact" and asks_person_name(text, folded_q, accented):
        expected = "person"
    lowered = text.lower()
    hint_text, hint_pats = (lowered, _KIND_HINTS) if accented else (folded_q, _KIND_HINTS_FOLDED)
    # "Giá mỗi mét khối cát là bao nhiêu?" asks a price: the unit it is counted per hints nothing.
    hint_text = (_PER_UNIT if accented else _PER_UNIT_FOLDED).sub(r"\1", hint_text)
    hint = next((name for name, pat in hint_pats if pat.search(hint_text)), None)
    unit = next((kind for kind, pat in _UNIT_ASKED if pat.search(folded_q)), None) if expected == "quantity" else None
    if hint == "length" and _DURATION_ASKED.search(folded_q):
        hint = None
    if expected == "percent":
        hint = "percent"
    elif unit:
        hint = unit  # "Chi phí làm đường dài bao nhiêu km?" names the unit it asks in; "chi phí" only hints
    elif hint == "money" and COMPARISON_RE.search(folded_q) and not _MONEY_UNIT.search(folded_q):
        hint = None  # "Thu ngân sách so với cùng kỳ đạt bao nhiêu?" may ask the ratio: let the measured phrase decide
    elif hint is None and expected == "quantity" and accented and _PRICE_CUE.search(lowered) \
            and not _PRICE_CHANGE.search(lowered):
        hint = "money"
    english = is_english(text)
    focus, search_text = tuple(content_words(text)), text
    if english:
        # Searched and judged in the article's language too: "spend from the state budget" is "chi ngân sách nhà nước".
        rendering = to_vietnamese(text)
        focus = tuple(content_words(rendering.vietnamese)) + tuple(fold(w) for w in rendering.unknown)
        search_text = f"{text} {rendering.vietnamese}".strip()
    if expected == "quantity" and hint is None and english:
        counted = _english_counted(folded_q)
    elif expected == "quantity" and hint is None:
        counted = _counted_in(text, accented)
    else:
        counted = ()
    grain = ""
    if expected == "date":
        grain = "day" if _DAY_CUE.search(folded_q) else "year" if _YEAR_CUE.search(folded_q) else "any"
    return Question(
        text=text,
        expected=expected,
        focus=focus,
        meta=meta,
        kind_hint=hint if expected in ("quantity", "percent") else None,
        counted=counted,
        accented=accented,
        english=english,
        search_text=search_text,
        specifics=specific_tokens(text) if meta is None else (),
        date_grain=grain,
        unit_asked=unit,
    )


_CHANGE_FOLDED = re.compile(rf"\b({'|'.join([fold(w) for w in L.PRICE_CHANGE_ACCENTED] + list(L.CHANGE_ENGLISH))})\b")
AMOUNT_KINDS = ("money", "area", "volume", "length")
# What a how-much question may count and still ask an amount: "bao nhiêu tiền", "bao nhiêu tỷ đồng", "mấy ha".
_AMOUNT_COUNTED = re.compile(r"^(?:" + "|".join(
    [re.escape(fold(w)) for n, ws in L.KIND_HINTS_ACCENTED if n in AMOUNT_KINDS for w in ws]
    + [units for kind, units in L.UNIT_ASKED_FOLDED if kind in AMOUNT_KINDS] + [L.SCALE_WORDS_FOLDED]) + r")\b")


def amount_kind_asked(q: Question) -> str | None:
    """The kind of amount a how-much question asks ("Tổng vốn đầu tư là bao nhiêu?": money), where only a figure of
    that kind answers it. None where a change may be given as a share ("cắt giảm được bao nhiêu chi phí": 20-25 %),
    where it asks how long or how far, or where it counts something else ("bao nhiêu người ăn lương từ ngân sách":
    the hint word only qualifies what is counted)."""
    folded = fold(q.text)
    if q.kind_hint not in AMOUNT_KINDS or _CHANGE_FOLDED.search(folded) or _HOW_LONG_OR_FAR.search(folded):
        return None
    counted = _english_counted(folded) if q.english else _counted_in(q.text, q.accented)
    if counted and not _AMOUNT_COUNTED.match(counted[0]):
        return None
    return q.kind_hint


def looks_elliptical(q: Question) -> bool:
    """A question that leans on the previous one: a follow-up cue, or almost no topic words of its own."""
    folded = fold(q.text).strip().rstrip("?!. ")
    if q.meta:
        return False
    # Two topic words of its own ("Quận có bao nhiêu phường?") make a question stand alone: merged with the
    # previous one it would ask about neither.
    # "Hoàn thành bao nhiêu?" asks how many without saying of what: that it takes from the previous question.
    unnamed_count = q.expected in ("quantity", "percent") and not q.counted and not q.kind_hint
    # "Bao nhiêu nhiệm vụ?" names what it counts and nothing it is counted of: that is the previous question's.
    only_counted = bool(q.counted) and set(q.focus) <= {w for noun in q.counted for w in noun.split()}
    return bool(_FOLLOWUP_CUE.search(folded)) or len(q.focus) <= 1 or (len(q.focus) <= 2 and unnamed_count) \
        or only_counted
