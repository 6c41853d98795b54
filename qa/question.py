"""Question analysis: expected answer type, focus words and article-metadata questions, with or without diacritics."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.text import clean, fold, has_diacritics, syllables, tokenize
from qa.glossary import to_vietnamese

# Cue patterns run on folded text, so accents are optional; order matters (most specific first).
_TYPE_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("ordinal", re.compile(r"\b(lan|khoa|ky) thu (may|bao nhieu|may)\b|\bthu may\b|\bwhich (time|edition|session)\b|\bwhat number\b")),
    ("percent", re.compile(r"\b(bao nhieu|may) phan tram\b|\bty le\b|\bphan tram\b|\bpercent(age)?\b|\bwhat share\b")),
    ("period", re.compile(r"\b(giai doan|nhiem ky|thoi ky|khoang thoi gian) nao\b|\bwhich (period|term)\b|\bwhat period\b")),
    ("date", re.compile(r"\b(khi nao|bao gio|luc nao|hom nao|ngay nao|ngay bao nhieu|ngay may|thang nao|thang may|thang bao nhieu|nam nao|nam bao nhieu|nam may|thoi gian nao|thoi diem nao|when|what date|which date|what day|what year|which year)\b")),
    ("quantity", re.compile(r"\b(bao nhieu|so luong|tong so|how (much|many)|what (amount|number)|how large|how big)\b|\bmay (?!tinh|bay|moc)\w+|^(so|tong) (?!voi\b|sanh\b)\w+")),
    ("person", re.compile(r"(^|\s)(ai|nguoi nao|vi nao|ong nao|ba nao|who|whom)(\s|$|\?)")),
    ("place", re.compile(r"\b(o dau|tai dau|noi nao|dia diem nao|cho nao|where)\b")),
    ("list", re.compile(r"\b(nhung|cac) \w+( \w+)? nao\b|\bliet ke\b|\bgom nhung\b|\bnhung gi\b|\bwhich\b.*\b\w+s\b")),
    ("yesno", re.compile(r"\bco\b.+\bkhong\s*\??$|\bphai khong\b|\bđung khong\b|^(is|are|does|do|did|was|were|has|have)\b")),
    ("fact", re.compile(r"\b(la gi|gi|nao|the nao|ra sao|nhu the nao|what|which|how)\b")),
]

# Kinds of figure that answer each expected type.
FIGURE_KINDS: dict[str, frozenset[str]] = {
    "quantity": frozenset({"money", "count", "number", "fraction", "area", "length", "percent", "duration"}),
    "percent": frozenset({"percent", "fraction"}),
    "date": frozenset({"date", "year", "quarter"}),
    "period": frozenset({"period", "year", "duration"}),
    "ordinal": frozenset({"ordinal"}),
}

# Words that hint at a particular figure kind in a quantity question.
# Written with diacritics; an unaccented question is matched against the folded form ("tiền" is money, "tiến độ" is not).
_KIND_HINT_WORDS: list[tuple[str, str]] = [
    ("money", r"tiền|ngân sách|kinh phí|vốn|đồng|tỷ đồng|chi phí|doanh thu|thu nhập|giá trị|bồi thường|money|budget|revenue|cost|spend|spent|funds?|compensation|vnd|usd"),
    ("area", r"diện tích|m2|m²|mét vuông|km2|km²|hecta|héc-ta|hécta|ha|area|square"),
    ("length", r"chiều dài|dài bao nhiêu|km|length"),
    ("percent", r"phần trăm|tỷ lệ|tỉ lệ|percent|percentage"),
]
_KIND_HINTS = [(n, re.compile(rf"\b({w})\b")) for n, w in _KIND_HINT_WORDS]
_KIND_HINTS_FOLDED = [(n, re.compile(rf"\b({fold(w)})\b")) for n, w in _KIND_HINT_WORDS]
COMPARISON_RE = re.compile(r"\bso voi\b|\bcompared\b")  # on folded text: "so với", "compared with"
_MONEY_UNIT = re.compile(r"\b(tien|dong|ty dong|trieu dong|usd|vnd|money)\b")

_META_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("author", re.compile(r"\b(tac gia|nguoi viet|ai viet|but danh|phong vien nao|author|who wrote|written by)\b")),
    ("section", re.compile(r"\b(chuyen muc|muc nao|section|category)\b")),
    ("publisher", re.compile(r"\b(bao nao|to bao|co quan bao|tren bao|nguon bai|newspaper|publisher|which paper|published by)\b")),
    ("published", re.compile(r"\b(dang|dang tai|xuat ban|cong bo|phat hanh|viet)\b.*\b(ngay nao|khi nao|luc nao|bao gio|luc may gio|thoi gian nao)\b|\b(when was|date of|published on|publication date|when did)\b")),
    ("title", re.compile(r"\b(tieu de|ten bai|title|headline)\b")),
]
_ABOUT_ARTICLE = re.compile(r"\b(bai|bai viet|bai bao|tin bai|article|story|report|tac gia|author|newspaper)\b")

# Question and function words that carry no topic: never required in the answer sentence. Vietnamese ones are
# matched with their diacritics when the question has them (so "giả" in "tác giả" is kept), folded otherwise.
_VI_FUNCTION_WORDS = frozenset(
    """bao nhiêu mấy gì nào ai đâu khi sao thế như chưa không có phải hay hoặc là thì vậy còn mà à hả nhỉ nhé
    được bị của cho với và các những một trong trên tại từ đến về để theo bởi vào ra này đó kia ấy
    đã đang sẽ vẫn cũng rất quá lắm hơn nhất thuộc nhiều ít tất cả hiện từng lượng tổng""".split()
)
_VI_FUNCTION_FOLDED = frozenset(fold(w) for w in _VI_FUNCTION_WORDS) - {"so", "de", "to", "an", "ban", "nam"}
_EN_FUNCTION_WORDS = frozenset(
    """what which who whom whose when where why how much many is are was were do does did the a an of in on at to for
    by and or with from about as into its it this that these those be been has have had there their they
    number amount total""".split()
)
_FOLLOWUP_CUE = re.compile(r"^(con|the con|vay con|con ve|con doi voi|con nam|and|what about|how about)\b|\bthi sao\b|\bthe nao\b\s*\??$|^so voi\b")


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


_ENGLISH_WORDS = frozenset("the what which who how much many is are was were did does do of in to for and when where why".split())


def is_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    if not words or has_diacritics(text):
        return False
    return sum(w in _ENGLISH_WORDS for w in words) >= max(2, len(words) // 4)


def content_words(text: str) -> list[str]:
    """Folded syllables of a text that are not question or function words."""
    sylls = syllables(text)
    if is_english(text):
        return [fold(s) for s in sylls if s not in _EN_FUNCTION_WORDS]
    if has_diacritics(text):
        return [fold(s) for s in sylls if s not in _VI_FUNCTION_WORDS]
    return [s for s in (fold(t) for t in sylls) if s not in _VI_FUNCTION_FOLDED]


_NOUN_STOP = (_VI_FUNCTION_FOLDED | _EN_FUNCTION_WORDS | {"phan", "tram", "lan", "cu", "the"}) - {"an", "to", "do"}
# With diacritics the stop words are matched as written: "đảng viên" is a noun, "đang" is not.
_NOUN_STOP_ACCENTED = (_VI_FUNCTION_WORDS | _EN_FUNCTION_WORDS | {"phần", "trăm", "lần", "cụ", "thể"}) - {"an", "to", "do"}
_COUNTED_CUES = {
    True: [r"(?:\bbao nhiêu|\bmấy|\bhow many)\s+([\w ,]+)", r"(?:\bsố lượng|\btổng số|^số)\s+([\w ,]+)"],
    False: [r"(?:\bbao nhieu|\bmay(?! (?:tinh|bay|moc)\b)|\bhow many)\s+([a-z0-9 ,]+)",
            r"(?:\bso luong|\btong so|^so)\s+([a-z0-9 ,]+)"],
}


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


_EN_VERBS = frozenset("are were is was do does did have has had will can could be been being get got".split())


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


_DAY_CUE = re.compile(r"\b(ngay nao|ngay bao nhieu|ngay may|hom nao|what date|which date|what day|which day)\b")
_YEAR_CUE = re.compile(r"\b(nam nao|nam bao nhieu|nam may|what year|which year)\b")
_YEAR_RANGE_RE = re.compile(r"(\d{3,4})[-–](\d{3,4})")
_SPECIFIC_RE = re.compile(r"^\d|^[A-ZĐ]{2,}$")  # "2024", "202-KH/QU", "UBND"; not units such as "m2"


def specific_tokens(text: str) -> tuple[str, ...]:
    """Numbers, dates, codes and acronyms in a text, folded: things an answer cannot do without."""
    cleaned = clean(text)
    toks = tokenize(cleaned)
    sylls = syllables(cleaned)  # same tokens, with "quý II" read as "quý 2"
    out = [fold(s) for t, s in zip(toks, sylls) if _SPECIFIC_RE.search(cleaned[t.start : t.end]) or _SPECIFIC_RE.search(s)]
    # A range names its ends, which a passage may write apart: "1996-2009" is "từ 1996 đến 2009".
    return tuple(dict.fromkeys(end for s in out for end in range_ends(s)))


def range_ends(token: str) -> list[str]:
    """The two years of a range token ("1996-2009" → ["1996", "2009"]); any other token alone."""
    m = _YEAR_RANGE_RE.fullmatch(token)
    return list(m.groups()) if m else [token]


_STRONG_QUANTITY = re.compile(r"\b(bao nhieu|how (much|many))\b|\bmay (?!tinh|bay|moc)\w+")
_OTHER_WH = re.compile(r"\b\w+ nao\b|\b(gi|ai|o dau)\b")


def expected_type(folded: str) -> str:
    for name, pat in _TYPE_CUES:
        if pat.search(folded):
            # "Sân bay nào có số lượng phi cơ lớn nhất?" asks which airport: "số lượng" alone does not ask a number.
            if name == "quantity" and not _STRONG_QUANTITY.search(folded) and _OTHER_WH.search(folded):
                continue
            return name
    return "fact"


def analyse(question: str) -> Question:
    """Expected type, focus words and metadata intent of a standalone question."""
    text = " ".join(clean(question).split())
    folded = fold(text).strip()
    folded_q = re.sub(r"[?!.,;:]+", " ", folded).strip()
    meta = None
    if _ABOUT_ARTICLE.search(folded_q):
        meta = next((name for name, pat in _META_CUES if pat.search(folded_q)), None)
    expected = expected_type(folded_q)
    accented = has_diacritics(text)
    hint_text, hint_pats = (text.lower(), _KIND_HINTS) if accented else (folded_q, _KIND_HINTS_FOLDED)
    hint = next((name for name, pat in hint_pats if pat.search(hint_text)), None)
    if expected == "percent":
        hint = "percent"
    elif hint == "money" and COMPARISON_RE.search(folded_q) and not _MONEY_UNIT.search(folded_q):
        hint = None  # "Thu ngân sách so với cùng kỳ đạt bao nhiêu?" may ask the ratio: let the measured phrase decide
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
        lowered = re.sub(r"[?!.;:]+", " ", text.lower() if accented else folded)
        counted = _counted_nouns(" ".join(lowered.split()), accented)
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
    )


def looks_elliptical(q: Question) -> bool:
    """A question that leans on the previous one: a follow-up cue, or almost no topic words of its own."""
    folded = fold(q.text).strip().rstrip("?!. ")
    if q.meta:
        return False
    return bool(_FOLLOWUP_CUE.search(folded)) or len(q.focus) <= 2
