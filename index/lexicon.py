"""Vietnamese and English word lists and question cues, as data, each in the form it is matched in."""

from __future__ import annotations

# Each name ends with the form its entries are matched in, and tests/test_lexicon.py holds every list to it:
#   *_FOLDED    accent-folded lower case (index.text.fold): "dung khong", never "đung khong";
#   *_ACCENTED  lower-case NFC with the tone mark where index.text places it ("hòa", not "hoà");
#   *_ENGLISH   lower-case ASCII English.
# Cue patterns are regular expressions; the others are plain words or phrases.

# --- Question analysis (qa.question) -------------------------------------------------------------------------

# Expected answer type, tried in this order (most specific first) on the folded question without punctuation.
TYPE_CUES_FOLDED: tuple[tuple[str, str], ...] = (
    ("ordinal", r"\b(lan|khoa|ky) thu (may|bao nhieu)\b|\bthu may\b|\bwhich (time|edition|session)\b|\bwhat number\b"),
    ("percent", r"\b(bao nhieu|may) phan tram\b|\bty le\b|\bphan tram\b|\bpercent(age)?\b|\bwhat share\b"),
    ("period", r"\b(giai doan|nhiem ky|thoi ky|khoang thoi gian) nao\b|\bwhich (period|term)\b|\bwhat period\b"),
    ("date", r"\b(khi nao|(?<!da )(?<!tung )(?<!chua )bao gio(?! (chua|khong)\b)|luc nao|hom nao|ngay nao"
     r"|ngay bao nhieu|ngay may|thang nao|thang may|thang bao nhieu|nam nao|nam bao nhieu|nam may"
     r"|thoi gian nao|thoi diem nao|when|what date|which date|what day|what year|which year)\b"),
    ("quantity", r"\b(bao nhieu|bao xa|bao lau|so luong|tong so|how (much|many|far|long)|what (amount|number)"
     r"|how large|how big)\b"
     r"|\bwhat (is|was|are|were) the (total |average |maximum |minimum )?(amount|number|total|price|cost|value|area"
     r"|length|size|rate|budget|population|revenue|profit|capacity|investment|height|width|depth|temperature"
     r"|salary|fee|fine|speed)\b"
     r"|\bmay (?!tinh|bay|moc)\w+|^(so|tong) (?!voi\b|sanh\b)\w+"),
    ("person", r"(^|\s)(ai|nguoi nao|vi nao|ong nao|ba nao|who|whom)(\s|$|\?)"),
    ("place", r"\b(o dau|tai dau|noi nao|dia diem nao|cho nao|where)\b"),
    ("list", r"\b(nhung|cac) \w+( \w+)? nao\b|\bliet ke\b|\bgom nhung\b|\bnhung gi\b|\bwhich\b.*\b\w+s\b"),
    ("yesno", r"\bco\b.+\bkhong\s*\??$|\bbao gio (chua|khong)\b|\b(da|tung|chua) bao gio\b"  # "ever?", not "when?"
     r"|\bphai khong\b|\bdung khong\b|^(is|are|does|do|did|was|were|has|have)\b"),
    ("fact", r"\b(la gi|gi|nao|the nao|ra sao|nhu the nao|what|which|how)\b"),
)
# "X tên là gì?" asks a name; it asks a person's name when X, the phrase before the cue (or after "tên ... của"),
# starts with a word for a person. English: "What is the name of the <person>".
NAME_ASK_FOLDED = r"\b(co |mang )?(ho )?ten (that |goi )?(la )?gi\b|\bho ten\b|\bten (that )?cua\b"
NAME_ASK_ENGLISH = r"\bwhat (?:is|was|are|were) (?:the )?names? of (?:the |a |an |this |that )?(\w+)"  # 1: the noun
PERSON_NOUNS_ACCENTED: tuple[str, ...] = (
    "người", "ông", "bà", "anh", "chị", "cô", "thầy", "em", "bé", "cậu", "cháu", "mẹ", "cha", "bố", "vợ", "chồng",
    "vợ chồng", "con trai", "con gái", "bạn", "nữ sinh", "nam sinh", "học sinh", "học viên", "sinh viên", "thí sinh",
    "giáo viên", "cô giáo", "thầy giáo", "hiệu trưởng", "bác sĩ", "bệnh nhân", "nạn nhân", "thai phụ", "sản phụ",
    "nghi phạm", "nghi can", "tài xế", "ca sĩ", "nghệ sĩ", "cầu thủ", "vận động viên", "huấn luyện viên", "tỷ phú",
    "tỉ phú", "doanh nhân", "nhà khoa học", "nhà nghiên cứu", "nhà thám hiểm", "nhà báo", "phóng viên", "chiến sĩ",
    "lãnh đạo", "giám đốc", "chủ tịch", "bí thư", "tác giả", "tân binh", "cựu binh", "cụ",
)
PERSON_NOUNS_AMBIGUOUS_FOLDED: tuple[str, ...] = ("co", "ba", "chi", "bo", "cu")  # also "có", "ba", "chi", "bộ", "cũ"
PERSON_NOUNS_ENGLISH: tuple[str, ...] = tuple(
    "person man woman boy girl child lecturer teacher student pupil doctor patient victim suspect driver singer "
    "player mother father wife husband son daughter founder director chairman leader scientist researcher official "
    "officer minister president principal author reporter coach soldier".split()
)
# Words before the subject noun that do not name it ("hai vợ chồng", "các em").
SUBJECT_LEAD_FOLDED: tuple[str, ...] = ("hai", "ba", "cac", "nhung", "mot", "vi")
# A name the subject gives to something ("gọi … bằng cái tên gì", "đặt tên gì"): not the subject's own name.
NAME_GIVEN_FOLDED = r"\b(goi|dat ten|dat cho|cai ten)\b"
# A quantity cue that asks a number by itself; "số lượng" next to another question word ("sân bay nào") does not.
STRONG_QUANTITY_FOLDED = r"\b(bao nhieu|how (much|many))\b|\bmay (?!tinh|bay|moc)\w+"
OTHER_WH_FOLDED = r"\b\w+ nao\b|\b(gi|ai|o dau)\b"
# Date questions: the grain of the date asked.
DAY_CUE_FOLDED = r"\b(ngay nao|ngay bao nhieu|ngay may|hom nao|what date|which date|what day|which day)\b"
YEAR_CUE_FOLDED = r"\b(nam nao|nam bao nhieu|nam may|what year|which year)\b"

# Words hinting at the figure kind a quantity question asks for: matched as written on an accented question and
# folded on an unaccented one ("tiền" is money, "tiến độ" is not).
KIND_HINTS_ACCENTED: tuple[tuple[str, tuple[str, ...]], ...] = (
    # "đồng" only as an amount's unit: alone it is also "hội đồng", "cộng đồng", "đồng ý", folded "lao động"
    ("money", ("tiền", "ngân sách", "kinh phí", "vốn", "tỷ đồng", "tỉ đồng", "triệu đồng", "nghìn đồng", "ngàn đồng",
               "bao nhiêu đồng", "mấy đồng", "chi phí", "doanh thu", "thu nhập",
               "giá trị", "bồi thường", "money", "budget", "revenue", "cost", "spend", "spent", "fund", "funds",
               "compensation", "vnd", "usd", "investment", "price", "prices", "salary", "fee", "fees", "profit")),
    ("area", ("diện tích", "m2", "m²", "mét vuông", "km2", "km²", "hecta", "héc-ta", "hécta", "ha", "area", "square")),
    ("volume", ("mét khối", "m3", "m³", "thể tích", "volume")),
    ("length", ("chiều dài", "dài bao nhiêu", "km", "mét", "length")),
    ("percent", ("phần trăm", "tỷ lệ", "tỉ lệ", "percent", "percentage")),
)
# Hint words that an unaccented question spells like a common name: folded "ha" (hecta) is also "Hà" (Hà Nội, Hà
# Giang), so it hints nothing there.
KIND_HINTS_NOT_FOLDED: frozenset[str] = frozenset({"ha"})
# A time unit after the question word: "dài bao nhiêu phút" asks a duration, not a length.
DURATION_ASKED_FOLDED = r"\b(?:bao nhieu|may) (?:giay|phut|tieng|gio|ngay|tuan|thang|nam)\b"
# The same in an English question: "By how much did export revenue grow?" may be answered by a share.
CHANGE_ENGLISH: tuple[str, ...] = ("increase", "increased", "decrease", "decreased", "rise", "rose", "risen",
                                  "fall", "fell", "fallen", "grow", "grew", "grown", "growth", "drop",
                                  "dropped", "change", "changed", "cut", "reduce", "reduced", "compared")
# How long or how far: a duration or a distance, whatever amount words the question also holds ("tiền nhiệm").
HOW_LONG_OR_FAR_FOLDED = r"\b(?:bao lau|bao xa|how long|how far)\b"
# Scale words of an amount ("bao nhiêu tỷ", "mấy triệu").
SCALE_WORDS_FOLDED = r"ty|ti|trieu|nghin|ngan|million|billion|thousand"
# "Giá" (price) asks money where the question asks the price itself ("Giá mỗi mét khối cát là bao nhiêu?", "mua
# điện với giá bao nhiêu"); with a word of change it may ask a share or a ratio ("tăng giá thuê bao nhiêu").
PRICE_CUE_ACCENTED = r"(?<!đánh )(?<!tỷ )(?<!tỉ )(?<!\w)giá(?!\w)(?! trị)"
PRICE_CHANGE_ACCENTED: tuple[str, ...] = ("tăng", "giảm", "lên", "xuống", "chênh", "thay đổi", "biến động", "gấp",
                                          "lần", "so với")
# Nouns a single capital letter names a class or part of ("hạng C", "nhóm B", "khu A", "tòa nhà D").
LETTER_CLASS_NOUNS_ACCENTED: tuple[str, ...] = ("hạng", "nhóm", "loại", "khu", "phân khu", "tòa", "tòa nhà", "lô",
                                                "block", "khối", "tổ", "đội", "cấp", "bảng", "phương án", "gói")
# What a price is counted per ("mỗi mét khối", "một m2", "/tấn"): a unit there is no kind the question asks for.
PER_UNIT_ACCENTED: tuple[str, ...] = ("mỗi", "một", "1", "trên", "per", "each", "a")
# A unit named right after the question word ("bao nhiêu km", "mấy tỷ đồng"): the answer must be of its kind.
UNIT_ASKED_FOLDED: tuple[tuple[str, str], ...] = (
    ("money", r"(ty|trieu|nghin|ngan) dong|dong|usd|vnd|do la|euro|yen"),
    ("area", r"hecta|hec ta|ha|m2|km2|met vuong|ki lo met vuong"),
    ("volume", r"m3|met khoi"),
    ("length", r"km|ki lo met|kilomet|met|m|cm|mm"),
)
# A question asking why, and the words a sentence gives a cause or a purpose by.
REASON_CUE_FOLDED = r"\b(vi sao|tai sao|vi dau|do dau|nho dau|nho vao dau|ly do|li do|nguyen nhan|de lam gi|muc dich|why)\b"
REASON_WORDS_ACCENTED: tuple[str, ...] = ("vì", "do", "bởi", "nhờ", "để", "nên", "khiến", "nguyên nhân", "lý do",
                                          "lí do", "dẫn đến", "dẫn tới", "nhằm", "mục đích", "because", "due to",
                                          "so that", "in order to")
# Words a place is said after ("nằm tại đồi Sainte-Geneviève", "chuyển về Oise"): a where-question's answer.
LOCATIVE_WORDS_ACCENTED: tuple[str, ...] = ("ở", "tại", "thuộc", "nằm", "về", "trên", "gần", "quanh", "giữa", "sang",
                                            "đến", "tới", "qua", "từ", "in", "at", "near")
COMPARISON_FOLDED = r"\bso voi\b|\bcompared\b"  # "so với", "compared with"
MONEY_UNIT_FOLDED = r"\b(tien|dong|ty dong|trieu dong|usd|vnd|money)\b"

# Questions about the article itself: only when the question names the article.
ABOUT_ARTICLE_FOLDED = r"\b(bai|bai viet|bai bao|tin bai|article|story|report|tac gia|author|newspaper)\b"
META_CUES_FOLDED: tuple[tuple[str, str], ...] = (
    ("author", r"\b(tac gia|nguoi viet|ai viet|but danh|phong vien nao|author|who wrote|written by)\b"),
    ("section", r"\b(chuyen muc|muc nao|section|category)\b"),
    ("publisher", r"\b(bao nao|to bao|co quan bao|tren bao|nguon bai|newspaper|publisher|which paper|published by)\b"),
    ("published", r"\b(dang|dang tai|xuat ban|cong bo|phat hanh|viet)\b.*"
     r"\b(ngay nao|khi nao|luc nao|bao gio|luc may gio|thoi gian nao)\b"
     r"|\b(when was|date of|published on|publication date|when did)\b"),
    ("title", r"\b(tieu de|ten bai|title|headline)\b"),
)
# "Tác giả" or "author" followed by another work than the article ("tác giả nghiên cứu", "tác giả của bức tranh", "the
# author of the study", "who wrote the book"), or by what the author says ("Theo tác giả, quy định …"), asks about
# what the article says, not about its byline.
OTHER_WORK_AUTHOR_FOLDED = (
    r"\b(tac gia(\s+cua)?|author(\s+of)?(\s+(the|this|that))?|who wrote(\s+(the|this|that))?)\s+"
    r"(?!(bai|tin|nay|do|la|duoc|cua|nao|article|story|piece|report|post|news|is|was|of|the|this|that|it)\b)[a-z]"
)

# Question and function words that carry no topic: never required in the answer sentence.
FUNCTION_WORDS_ACCENTED: tuple[str, ...] = tuple(
    """bao nhiêu mấy gì nào ai đâu khi sao thế như chưa không có phải hay hoặc là thì vậy còn mà à hả nhỉ nhé
    được bị của cho với và các những một trong trên tại từ đến về để theo bởi vào ra này đó kia ấy
    đã đang sẽ vẫn cũng rất quá lắm hơn nhất thuộc nhiều ít tất cả hiện từng lượng tổng""".split()
)
# Folded function words that are also common content words once folded ("số", "đề", "tổ", "an", "bản", "năm").
FUNCTION_WORDS_KEPT_FOLDED: tuple[str, ...] = ("so", "de", "to", "an", "ban", "nam")
FUNCTION_WORDS_ENGLISH: tuple[str, ...] = tuple(
    """what which who whom whose when where why how much many is are was were do does did the a an of in on at to for
    by and or with from about as into its it this that these those be been has have had there their they
    number amount total""".split()
)
# A question is English when enough of its words are these.
ENGLISH_MARKERS_ENGLISH: tuple[str, ...] = tuple(
    "the what which who how much many is are was were did does do of in to for and when where why".split()
)
# Unaccented Vietnamese function and question words that are not English: two of them make a question Vietnamese
# even when it is full of names and codes ("tau nordana sophie bi chim gan cang nao").
VIETNAMESE_MARKERS_FOLDED: tuple[str, ...] = tuple(
    "bao nhieu nao gi cua duoc khong nhung cac trong voi cho tai sao bi mot la co nam ngay thang nguoi ai dau tren".split()
)
ENGLISH_VERBS_ENGLISH: tuple[str, ...] = tuple(
    "are were is was do does did have has had will can could be been being get got".split()
)
# Words after "bao nhiêu" that end the counted noun, besides the function words.
COUNTED_STOP_ACCENTED: tuple[str, ...] = ("phần", "trăm", "lần", "cụ", "thể", "mỗi")  # "bao nhiêu mỗi kg" is a rate
# Function words that are also counted nouns: "an" (an ninh), "tổ", "độ".
COUNTED_NOT_STOP_FOLDED: tuple[str, ...] = ("an", "to", "do")
# What precedes the counted noun ("bao nhiêu dự án", "số lượng đảng viên"): the noun is the captured group.
# "bao nhiêu" is tried before "mấy", which also means "a few" ("Mấy ngày gần đây, ... bao nhiêu độ?").
COUNTED_CUES_ACCENTED: tuple[str, ...] = (
    r"(?:\bbao nhiêu|\bhow many)\s+([\w ,]+)",
    r"\bmấy\s+([\w ,]+)",
    r"(?:\bsố lượng|\btổng số|^số)\s+([\w ,]+)",
)
COUNTED_CUES_FOLDED: tuple[str, ...] = (
    r"(?:\bbao nhieu|\bhow many)\s+([a-z0-9 ,]+)",
    r"\bmay(?! (?:tinh|bay|moc)\b)\s+([a-z0-9 ,]+)",
    r"(?:\bso luong|\btong so|^so)\s+([a-z0-9 ,]+)",
)
# Units of measure a counted noun may be ("bao nhiêu MW", "mấy triệu tấn gạo"): the answer's figure is in that unit;
# written with capitals after a number they are still units ("450 MW"), not the start of a name.
MEASURE_UNITS_FOLDED: tuple[str, ...] = ("mw", "kw", "gw", "mwp", "kwp", "kwh", "mwh", "gwh", "tan", "kg", "lit", "mm")
MULTIPLIERS_FOLDED: tuple[str, ...] = ("nghin", "ngan", "trieu", "ty", "ti")
# A question leaning on the previous one: "Còn chi ngân sách?", "… thì sao?", "So với cùng kỳ?".
FOLLOWUP_CUE_FOLDED = (
    r"^(con|the con|vay con|con ve|con doi voi|con nam|and|what about|how about)\b|\bthi sao\b|\bthe nao\b\s*\??$"
    r"|^so voi\b"
)

# --- Search tokens (index.text) -------------------------------------------------------------------------------

# Words after which a Roman numeral is a number: quý II, khóa XV, thế kỷ XIV, thế chiến II, lần thứ V.
ROMAN_AFTER_ACCENTED: tuple[str, ...] = ("quý", "khóa", "thứ", "kỳ", "kỷ", "kỉ", "phần", "chương", "chiến", "đại", "hội")

# --- Follow-ups (qa.followup) ----------------------------------------------------------------------------------

# The words of a follow-up cue, which are not the follow-up's own topic.
FOLLOWUP_WORDS_FOLDED: tuple[str, ...] = ("con", "sao", "the", "vay", "ve", "about", "what", "how", "and")

# --- Names and titles in answer sentences (qa.spans) -----------------------------------------------------------

# Lower-case particles inside foreign names: "Honoré de Balzac", "Gabriel Nicolas de La Reynie".
NAME_PARTICLES: tuple[str, ...] = tuple("de du des la le van von der den da di del dos".split())
# First syllables of organisations, titles and events, capitalised like names but not people ("Ủy ban", "Bí thư").
NOT_NAME_START_ACCENTED: tuple[str, ...] = tuple(
    """ban bộ sở phòng cục vụ viện hội đảng quận huyện thành tỉnh xã phường ủy chủ bí phó
    giám tổng trung đại chi đoàn mặt tiểu thường tổ ngày tháng năm kế chỉ nghị thông chương cuộc đề quyết
    luật công trường bệnh báo đài nhà thủ chính quốc việt hà long học tư""".split()
)
# Office titles, longest first, as written in articles (a name often follows one).
OFFICES: tuple[str, ...] = (
    "Tổng Bí thư", "Bí thư", "Chủ tịch", "Tổng giám đốc", "Giám đốc", "Trưởng ban", "Trưởng phòng",
    "Bộ trưởng", "Thứ trưởng", "Thủ tướng", "Chủ nhiệm", "Hiệu trưởng",
)
# Forms of address and ranks before a name, besides the offices (as written).
ADDRESS_WORDS: tuple[str, ...] = ("ông", "bà", "anh", "chị", "đồng chí")
RANKS: tuple[str, ...] = ("Đại tá", "Thiếu tướng", "Trung tướng")

# Words before a credit ("Ảnh: Hiếu Lương", "Đồ họa: Minh Anh"): the name there made the picture, it answers nothing.
CREDIT_WORDS_ACCENTED: tuple[str, ...] = ("ảnh", "ảnh minh họa", "đồ họa", "video", "clip", "nguồn ảnh", "photo")

# --- Provinces and cities (qa.places) ----------------------------------------------------------------------------

# The 63 provinces and centrally run cities as articles write them (before and after the 2025 mergers the names are
# the same), each with its other spellings; "|" separates the spellings of one place.
PLACES: tuple[str, ...] = tuple(
    """An Giang;Bà Rịa - Vũng Tàu|Bà Rịa|Vũng Tàu|BR-VT;Bạc Liêu;Bắc Giang;Bắc Kạn|Bắc Cạn;Bắc Ninh;Bến Tre;
    Bình Dương;Bình Định;Bình Phước;Bình Thuận;Cà Mau;Cao Bằng;Cần Thơ;Đà Nẵng;Đắk Lắk|Đắc Lắc|Daklak;
    Đắk Nông|Đắc Nông;Điện Biên;Đồng Nai;Đồng Tháp;Gia Lai;Hà Giang;Hà Nam;Hà Nội|Hanoi;Hà Tĩnh;Hải Dương;
    Hải Phòng;Hậu Giang;Hòa Bình;Hưng Yên;Khánh Hòa;Kiên Giang;Kon Tum|Kontum;Lai Châu;Lạng Sơn;Lào Cai;
    Lâm Đồng;Long An;Nam Định;Nghệ An;Ninh Bình;Ninh Thuận;Phú Thọ;Phú Yên;Quảng Bình;Quảng Nam;Quảng Ngãi;
    Quảng Ninh;Quảng Trị;Sóc Trăng;Sơn La;Tây Ninh;Thái Bình;Thái Nguyên;Thanh Hóa;Thừa Thiên Huế|Huế;
    Hồ Chí Minh|HCM|TPHCM|HCMC|Sài Gòn|Saigon;Tiền Giang;Trà Vinh;Tuyên Quang;Vĩnh Long;Vĩnh Phúc;Yên Bái"""
    .replace("\n", "").split(";")
)
# Countries, each with the other spellings articles use ("Hoa Kỳ" is also "Mỹ"): a question naming one the articles
# never write is not about them; only provinces count for a sentence being about another place (a capitalised
# "Anh" or "Đức" opening a sentence is a person as often as a country).
COUNTRIES: tuple[str, ...] = tuple(
    """Úc|Australia|Ô-xtrây-li-a;Hoa Kỳ|Hoa Kì|Mỹ|USA|United States|America;Trung Quốc|Trung Hoa|China;
    Nhật Bản|Nhật|Japan;Hàn Quốc|Nam Hàn|Korea;Triều Tiên|Bắc Hàn|North Korea;Thái Lan|Thailand;
    Campuchia|Cam-pu-chia|Cambodia;Lào|Laos;Singapore|Singapo|Xin-ga-po;Malaysia|Malaixia|Ma-lai-xi-a;
    Indonesia|Inđônêxia|In-đô-nê-xi-a;Philippines|Philippin|Philippine|Phi-líp-pin;Myanmar|Miến Điện;
    Ấn Độ|India;Nga|Liên bang Nga|Russia;Anh|Vương quốc Anh|Britain|England|UK;Pháp|France;Đức|Germany;
    Italia|Ý|Italy;Tây Ban Nha|Spain;Bồ Đào Nha|Portugal;Hà Lan|Netherlands|Holland;Thụy Sĩ|Thụy Sỹ|Switzerland;
    Thụy Điển|Sweden;Na Uy|Norway;Đan Mạch|Denmark;Phần Lan|Finland;Ba Lan|Poland;Ukraine|Ukraina;
    Canada|Ca-na-đa;Brazil|Braxin;Argentina|Ác-hen-ti-na;Mexico|Mê-hi-cô;Ai Cập|Egypt;Thổ Nhĩ Kỳ|Turkey|Türkiye;
    Israel|Ixraen;Iran;Iraq|I-rắc;Ả Rập Xê Út|Saudi Arabia;New Zealand|Niu Di-lân;Cuba|Cu-ba;Nam Phi|South Africa;
    Hy Lạp|Greece"""
    .replace("\n", "").replace("    ", "").split(";")
)
# Longer names that hold a province's name but are something else: the Pacific, a street and battle.
NOT_PLACES: tuple[str, ...] = ("Thái Bình Dương", "Điện Biên Phủ")

# --- English to Vietnamese (qa.glossary) -----------------------------------------------------------------------

# English phrase (lower case) = Vietnamese as articles write it; longest phrases are matched first.
GLOSSARY = """
state budget=ngân sách nhà nước|budget revenue=thu ngân sách|budget spending=chi ngân sách|budget expenditure=chi ngân sách
|budget=ngân sách|revenue=thu|revenues=thu|collect=thu|collected=thu|spend=chi|spent=chi|spending=chi|expenditure=chi
|estimate=dự toán|estimated=ước|same period last year=cùng kỳ năm trước|same period=cùng kỳ|last year=năm trước
|previous year=năm trước|this year=năm nay|first quarter=quý I|second quarter=quý II|third quarter=quý III
|fourth quarter=quý IV|quarter=quý|first half=6 tháng đầu năm|beginning of the year=đầu năm|year=năm|years=năm
|month=tháng|months=tháng|day=ngày|week=tuần|century=thế kỷ|decade=thập niên|period=giai đoạn|term=nhiệm kỳ
|date=ngày|time=thời gian|billion=tỷ|million=triệu|thousand=nghìn|dong=đồng|vnd=đồng|percent=phần trăm
|percentage=tỷ lệ|rate=tỷ lệ|ratio=tỷ lệ|share=tỷ lệ|increase=tăng|increased=tăng|grow=tăng|growth=tăng trưởng
|decrease=giảm|decreased=giảm|fall=giảm|reduce=giảm|total=tổng|amount=số|number=số|figure=số liệu
|square meters=m2|square metres=m2|square meter=m2|square metre=m2|hectare=ha|hectares=ha|kilometer=km|kilometers=km
|kilometre=km|kilometres=km|meter=mét|meters=mét|area=diện tích|length=chiều dài|land=đất|site clearance=giải phóng mặt bằng
|compensation=bồi thường|support=hỗ trợ|recover=thu hồi|recovered=thu hồi|reclaimed=thu hồi|acquired=thu hồi
|plan=kế hoạch|plans=kế hoạch|program=chương trình|programme=chương trình|project=dự án|projects=dự án
|scheme=đề án|option=phương án|options=phương án|resolution=nghị quyết|directive=chỉ thị|decision=quyết định
|conclusion=kết luận|regulation=quy định|law=luật|document=văn bản|documents=văn bản|report=báo cáo
|administrative procedures=thủ tục hành chính|administrative procedure=thủ tục hành chính|procedure=thủ tục
|target=chỉ tiêu|targets=chỉ tiêu|indicator=chỉ tiêu|task=nhiệm vụ|tasks=nhiệm vụ|goal=mục tiêu|objective=mục tiêu
|model=mô hình|models=mô hình|registered=đăng ký|register=đăng ký|theme=chủ đề|topic=chủ đề|slogan=khẩu hiệu
|completed=hoàn thành|complete=hoàn thành|finished=hoàn thành|started=khởi công|start=khởi công|commenced=khởi công
|construction=xây dựng|build=xây dựng|built=xây dựng|approved=phê duyệt|approve=phê duyệt|implemented=thực hiện
|implement=thực hiện|carried out=thực hiện|issued=ban hành|issue=ban hành|signed=ký|held=tổ chức|organised=tổ chức
|organized=tổ chức|launched=phát động|achieved=đạt|reached=đạt|result=kết quả|results=kết quả|progress=tiến độ
|on schedule=đúng tiến độ|schedule=tiến độ|party committee=Đảng bộ|party secretary=Bí thư|secretary=Bí thư
|standing committee=Ban Thường vụ|people's committee=Ủy ban nhân dân|people's council=Hội đồng nhân dân
|committee=ủy ban|party=Đảng|party members=đảng viên|party member=đảng viên|chairman=Chủ tịch|chairwoman=Chủ tịch
|president=Chủ tịch|vice chairman=Phó Chủ tịch|deputy=Phó|director=Giám đốc|head=trưởng|leader=lãnh đạo
|congress=Đại hội|meeting=hội nghị|conference=hội nghị|session=kỳ họp|officials=cán bộ|official=cán bộ|cadres=cán bộ
|civil servants=công chức|staff=cán bộ|people=người|person=người|residents=người dân|citizens=người dân
|population=dân số|households=hộ|household=hộ|poor households=hộ nghèo|workers=người lao động|students=học sinh
|pupils=học sinh|teachers=giáo viên|patients=bệnh nhân|businesses=doanh nghiệp|enterprises=doanh nghiệp
|company=công ty|district=quận|districts=quận|rural district=huyện|ward=phường|wards=phường|commune=xã|communes=xã
|city=thành phố|capital=thủ đô|province=tỉnh|country=nước|nation=quốc gia|village=làng|street=phố|road=đường
|bridge=cầu|bridges=cầu|river=sông|lake=hồ|school=trường học|schools=trường học|university=trường đại học
|hospital=bệnh viện|hospitals=bệnh viện|market=chợ|park=công viên|airport=sân bay|station=ga|museum=bảo tàng
|church=nhà thờ|temple=đền|pagoda=chùa|island=đảo|islands=quần đảo|mountain=núi|sea=biển|border=biên giới
|north=bắc|south=nam|east=đông|west=tây|environment=môi trường|landscape=cảnh quan|urban=đô thị
|digital transformation=chuyển đổi số|digital signature=chữ ký số|digital=số|education=giáo dục|health=y tế
|culture=văn hóa|economy=kinh tế|economic=kinh tế|tourism=du lịch|tourists=du khách|visitors=du khách
|traffic=giao thông|transport=giao thông|security=an ninh|order=trật tự|defence=quốc phòng|defense=quốc phòng
|war=chiến tranh|army=quân đội|soldiers=binh sĩ|king=vua|queen=nữ hoàng|emperor=hoàng đế|revolution=cách mạng
|independence=độc lập|language=ngôn ngữ|languages=ngôn ngữ|religion=tôn giáo|history=lịch sử|founded=thành lập
|established=thành lập|newspaper=báo|article=bài viết|author=tác giả|wrote=viết|written=viết|published=đăng
|section=chuyên mục|title=tiêu đề|contest=cuộc thi|competition=cuộc thi|award=giải thưởng|prize=giải
|online=trực tuyến|training=bồi dưỡng|inspection=kiểm tra|supervision=giám sát|discipline=kỷ luật
|corruption=tham nhũng|waste=lãng phí|investment=đầu tư|invest=đầu tư|capital investment=vốn đầu tư|fund=quỹ
|funds=kinh phí|cost=chi phí|price=giá|tax=thuế|income=thu nhập|export=xuất khẩu|exports=xuất khẩu
|import=nhập khẩu|imports=nhập khẩu|trade=thương mại|industry=công nghiệp|agriculture=nông nghiệp|housing=nhà ở
|apartment=căn hộ|house=nhà|houses=nhà|vehicles=phương tiện|cars=ô tô|motorbikes=xe máy|new=mới|largest=lớn nhất
|biggest=lớn nhất|highest=cao nhất|lowest=thấp nhất|main=chính|key=trọng điểm|important=quan trọng
|first=đầu tiên|second=thứ hai|third=thứ ba|fourth=thứ tư|fifth=thứ năm|last=cuối
|hanoi=Hà Nội|ha noi=Hà Nội|vietnam=Việt Nam|viet nam=Việt Nam|ho chi minh city=Thành phố Hồ Chí Minh
|saigon=Sài Gòn|france=Pháp|french=Pháp|paris=Paris|canada=Canada|england=Anh|britain=Anh|english=tiếng Anh
|united states=Hoa Kỳ|america=Mỹ|american=Mỹ|china=Trung Quốc|chinese=Trung Quốc|japan=Nhật Bản|europe=châu Âu
|european=châu Âu|asia=châu Á|world=thế giới|cite=nêu
|storm=bão|typhoon=bão|super typhoon=siêu bão|tropical depression=áp thấp nhiệt đới|tropical storm=bão|
low pressure=áp thấp|low pressure area=vùng áp thấp|landfall=đổ bộ|flood=lũ|flooding=ngập lụt|flash flood=lũ quét|
inundation=ngập|landslide=sạt lở|erosion=sạt lở|rainfall=lượng mưa|rain=mưa|heavy rain=mưa lớn|downpour=mưa lớn|
thunderstorm=dông|lightning=sét|tornado=lốc xoáy|hail=mưa đá|temperature=nhiệt độ|heat wave=nắng nóng|
heatwave=nắng nóng|heat=nắng nóng|cold spell=rét đậm|cold air=không khí lạnh|cold=rét|forecast=dự báo|
weather=thời tiết|weather forecast=dự báo thời tiết|wind=gió|strong wind=gió mạnh|gust=gió giật|level=cấp|
wave=sóng|high tide=triều cường|drought=hạn hán|saltwater intrusion=xâm nhập mặn|salinity=độ mặn|el nino=El Nino|
la nina=La Nina|climate change=biến đổi khí hậu|climate=khí hậu|disaster=thiên tai|natural disaster=thiên tai|
disaster prevention=phòng chống thiên tai|earthquake=động đất|water level=mực nước|alarm level=báo động|
hydrometeorological=khí tượng thủy văn|meteorological=khí tượng|
national center for hydro meteorological forecasting=Trung tâm Dự báo khí tượng thủy văn quốc gia|evacuate=sơ tán|
evacuation=sơ tán|rescue=cứu hộ|search and rescue=tìm kiếm cứu nạn|missing=mất tích|dead=tử vong|death=tử vong|
died=tử vong|killed=thiệt mạng|injured=bị thương|injury=chấn thương|victim=nạn nhân|casualties=thương vong|
damage=thiệt hại|damaged=hư hỏng|destroyed=bị phá hủy|collapse=sập|boat=tàu|fishing boat=tàu cá|fishermen=ngư dân|
reservoir=hồ chứa|hydropower=thủy điện|hydropower plant=nhà máy thủy điện|dam=đập|dyke=đê|dike=đê|discharge=xả lũ|
flood discharge=xả lũ|isolated=bị cô lập|power outage=mất điện|blackout=mất điện|wildfire=cháy rừng|
forest fire=cháy rừng|fire=cháy|explosion=nổ|fire prevention=phòng cháy chữa cháy|patient=bệnh nhân|disease=bệnh|
infection=nhiễm trùng|infected=mắc|bacteria=vi khuẩn|virus=virus|strain=chủng|variant=biến chủng|
treatment=điều trị|treat=điều trị|doctor=bác sĩ|nurse=điều dưỡng|medical staff=nhân viên y tế|symptom=triệu chứng|
vaccine=vaccine|vaccination=tiêm chủng|vaccinated=tiêm vaccine|dose=mũi|doses=liều|injection=tiêm|
emergency=cấp cứu|emergency department=khoa Cấp cứu|intensive care unit=khoa Hồi sức tích cực|
children's hospital=Bệnh viện Nhi|infectious diseases=bệnh nhiệt đới|
tropical diseases hospital=Bệnh viện Bệnh nhiệt đới|general hospital=Bệnh viện đa khoa|surgery=phẫu thuật|
transplant=ghép|kidney=thận|liver=gan|heart=tim|lung=phổi|blood=máu|stroke=đột quỵ|cancer=ung thư|tumor=khối u|
diabetes=tiểu đường|dengue=sốt xuất huyết|dengue fever=sốt xuất huyết|fever=sốt|measles=sởi|flu=cúm|influenza=cúm|
covid=Covid-19|pandemic=đại dịch|epidemic=dịch|outbreak=ổ dịch|rabies=bệnh dại|food poisoning=ngộ độc thực phẩm|
poisoning=ngộ độc|poison=chất độc|toxic=độc|admit=tiếp nhận|admitted=nhập viện|hospitalized=nhập viện|
discharged=xuất viện|receive=tiếp nhận|examine=khám|examination=khám|medical examination=khám bệnh|
diagnosis=chẩn đoán|detect=phát hiện|discover=phát hiện|found=phát hiện|test=xét nghiệm|positive=dương tính|
negative=âm tính|medicine=thuốc|drugs=ma túy|condition=tình trạng|critical condition=nguy kịch|recovery=hồi phục|
survived=qua khỏi|ministry of health=Bộ Y tế|department of health=Sở Y tế|medical facility=cơ sở y tế|
health insurance=bảo hiểm y tế|clinic=phòng khám|arrest=bắt|arrested=bắt giữ|detention=tạm giam|
temporary detention=tạm giam|indictment=cáo trạng|charged=khởi tố|crime=tội phạm|criminal=tội phạm|
defendant=bị cáo|accused=bị can|suspect=nghi phạm|investigation=điều tra|investigate=điều tra|
investigation agency=Cơ quan điều tra|police=công an|police station=công an|provincial police=Công an tỉnh|
ministry of public security=Bộ Công an|criminal police=Cảnh sát hình sự|traffic police=Cảnh sát giao thông|
prosecutor=viện kiểm sát|procuracy=Viện kiểm sát|people's procuracy=Viện kiểm sát nhân dân|
supreme people's procuracy=Viện kiểm sát nhân dân tối cao|court=tòa án|people's court=Tòa án nhân dân|
supreme people's court=Tòa án nhân dân tối cao|trial=xét xử|first instance=sơ thẩm|appeal=phúc thẩm|
judge=thẩm phán|trial panel=hội đồng xét xử|lawyer=luật sư|verdict=bản án|sentence=tuyên án|sentenced=tuyên phạt|
prison=tù|imprisonment=tù|jail=tù|life imprisonment=tù chung thân|death penalty=tử hình|suspended sentence=án treo|
fine=phạt|fined=xử phạt|penalty=xử phạt|administrative fine=xử phạt hành chính|violation=vi phạm|bribery=hối lộ|
bribe=hối lộ|taking bribes=nhận hối lộ|abuse of power=lợi dụng chức vụ quyền hạn|embezzlement=tham ô|fraud=lừa đảo|
scam=lừa đảo|fraudulent=lừa đảo|appropriated=chiếm đoạt|money laundering=rửa tiền|smuggling=buôn lậu|
drug trafficking=mua bán trái phép chất ma túy|human trafficking=mua bán người|murder=giết người|robbery=cướp|
theft=trộm cắp|stolen=trộm|gambling=đánh bạc|illegal=trái phép|illegally=trái phép|counterfeit=giả|fake=giả|
fake goods=hàng giả|confession=lời khai|evidence=chứng cứ|assets=tài sản|property=tài sản|wanted=truy nã|
fled=bỏ trốn|incident=vụ việc|case=vụ án|criminal case=vụ án hình sự|lawsuit=vụ kiện|complaint=đơn|denounce=tố cáo|
accident=tai nạn|traffic accident=tai nạn giao thông|collision=va chạm|driver=tài xế|truck=xe tải|
passenger=hành khách|licence=giấy phép|license=giấy phép|ministry=Bộ|minister=Bộ trưởng|deputy minister=Thứ trưởng|
ministry of finance=Bộ Tài chính|ministry of industry and trade=Bộ Công Thương|industry and trade=Công Thương|
ministry of education and training=Bộ Giáo dục và Đào tạo|ministry of education=Bộ Giáo dục và Đào tạo|
ministry of planning and investment=Bộ Kế hoạch và Đầu tư|planning and investment=Kế hoạch và Đầu tư|
ministry of transport=Bộ Giao thông vận tải|ministry of construction=Bộ Xây dựng|
ministry of agriculture and rural development=Bộ Nông nghiệp và Phát triển nông thôn|
ministry of agriculture=Bộ Nông nghiệp và Phát triển nông thôn|
ministry of natural resources and environment=Bộ Tài nguyên và Môi trường|
ministry of agriculture and environment=Bộ Nông nghiệp và Môi trường|
ministry of labour invalids and social affairs=Bộ Lao động Thương binh và Xã hội|
ministry of home affairs=Bộ Nội vụ|ministry of justice=Bộ Tư pháp|ministry of foreign affairs=Bộ Ngoại giao|
foreign affairs=ngoại giao|ministry of national defence=Bộ Quốc phòng|
ministry of culture sports and tourism=Bộ Văn hóa Thể thao và Du lịch|
ministry of information and communications=Bộ Thông tin và Truyền thông|
ministry of science and technology=Bộ Khoa học và Công nghệ|science and technology=khoa học và công nghệ|
state bank=Ngân hàng Nhà nước|central bank=Ngân hàng Nhà nước|government inspectorate=Thanh tra Chính phủ|
inspector=thanh tra|state audit=Kiểm toán Nhà nước|audit=kiểm toán|national assembly=Quốc hội|parliament=Quốc hội|
delegate=đại biểu|national assembly standing committee=Ủy ban Thường vụ Quốc hội|politburo=Bộ Chính trị|
central committee=Ban Chấp hành Trung ương|general secretary=Tổng Bí thư|government=Chính phủ|
prime minister=Thủ tướng|deputy prime minister=Phó Thủ tướng|state president=Chủ tịch nước|agency=cơ quan|
unit=đơn vị|organisation=tổ chức|organization=tổ chức|department of=Sở|department of finance=Sở Tài chính|
department of education and training=Sở Giáo dục và Đào tạo|department of education=Sở Giáo dục và Đào tạo|
department of transport=Sở Giao thông vận tải|department of construction=Sở Xây dựng|
department of industry and trade=Sở Công Thương|department of planning and investment=Sở Kế hoạch và Đầu tư|
department of natural resources and environment=Sở Tài nguyên và Môi trường|general department=Tổng cục|
general statistics office=Tổng cục Thống kê|customs=hải quan|decree=nghị định|circular=thông tư|draft=dự thảo|
amend=sửa đổi|amendment=sửa đổi|proposal=đề xuất|propose=đề xuất|submission=tờ trình|submit=trình|vote=biểu quyết|
election=bầu cử|elect=bầu|appoint=bổ nhiệm|appointment=bổ nhiệm|dismiss=cách chức|resign=từ chức|policy=chính sách|
policies=chính sách|guidance=hướng dẫn|request=đề nghị|require=yêu cầu|ban=cấm|permit=giấy phép|
effective=có hiệu lực|merger=sáp nhập|merge=sáp nhập|restructuring=tái cơ cấu|
administrative unit=đơn vị hành chính|provincial=tỉnh|local=địa phương|locality=địa phương|nationwide=cả nước|
chairman of the people's committee=Chủ tịch UBND|market price=giá thị trường|selling price=giá bán|
price increase=tăng giá|shares=cổ phiếu|share price=giá cổ phiếu|stock=cổ phiếu|
stock market=thị trường chứng khoán|stock exchange=Sở Giao dịch chứng khoán|securities=chứng khoán|ticker=mã|
shareholder=cổ đông|dividend=cổ tức|listed=niêm yết|listing=niêm yết|charter capital=vốn điều lệ|
market capitalization=vốn hóa|market cap=vốn hóa|bond=trái phiếu|net revenue=doanh thu thuần|sales=doanh số|
turnover=doanh thu|profit=lợi nhuận|net profit=lợi nhuận sau thuế|profit after tax=lợi nhuận sau thuế|
profit before tax=lợi nhuận trước thuế|loss=lỗ|acquisition=mua lại|acquire=mua lại|stake=cổ phần|ownership=sở hữu|
owned=sở hữu|owner=chủ sở hữu|owners=chủ|investor=nhà đầu tư|foreign investor=nhà đầu tư nước ngoài|
foreign investment=đầu tư nước ngoài|fdi=FDI|state owned=nhà nước|corporation=tổng công ty|group=tập đoàn|
firm=công ty|brand=thương hiệu|bank=ngân hàng|loan=khoản vay|loans=vốn vay|credit=tín dụng|debt=nợ|
interest rate=lãi suất|exchange rate=tỷ giá|inflation=lạm phát|consumer price index=chỉ số giá tiêu dùng|gdp=GDP|
gold=vàng|gold price=giá vàng|petrol=xăng|fuel=xăng dầu|oil=dầu|usd=USD|export turnover=kim ngạch xuất khẩu|
tariff=thuế|vat=VAT|rice=lúa gạo|rice export=xuất khẩu gạo|farmer=nông dân|yield=năng suất|productivity=năng suất|
output=sản lượng|production=sản xuất|produce=sản xuất|harvest=thu hoạch|crop=vụ|coffee=cà phê|fruit=trái cây|
durian=sầu riêng|seafood=thủy sản|shrimp=tôm|livestock=chăn nuôi|pig=lợn|rent=giá thuê|supply=nguồn cung|
demand=nhu cầu|occupancy=công suất|real estate=bất động sản|social housing=nhà ở xã hội|land price=giá đất|
land use rights=quyền sử dụng đất|developer=chủ đầu tư|buyer=người mua|sell=bán|sold=bán|buy=mua|bought=mua|
consumer=người tiêu dùng|customer=khách hàng|goods=hàng hóa|product=sản phẩm|retail=bán lẻ|supermarket=siêu thị|
store=cửa hàng|e commerce=thương mại điện tử|infrastructure=hạ tầng|canal=kênh|embankment=kè|contractor=nhà thầu|
bidding=đấu thầu|bidding package=gói thầu|package=gói thầu|contract=hợp đồng|expressway=cao tốc|highway=quốc lộ|
national highway=quốc lộ|ring road=đường vành đai|tunnel=hầm|lane=làn xe|route=tuyến|line=tuyến|railway=đường sắt|
high speed railway=đường sắt tốc độ cao|metro=metro|urban railway=đường sắt đô thị|train=tàu|terminal=nhà ga|
runway=đường băng|port=cảng|investment capital=vốn đầu tư|total investment=tổng vốn đầu tư|
public investment=đầu tư công|disbursement=giải ngân|disburse=giải ngân|allocate=phân bổ|groundbreaking=khởi công|
inauguration=khánh thành|opened to traffic=thông xe|put into operation=đưa vào vận hành|operation=vận hành|
handed over=bàn giao|delay=chậm|delayed=chậm tiến độ|behind schedule=chậm tiến độ|suspend=tạm dừng|
upgrade=nâng cấp|renovation=cải tạo|renovate=cải tạo|renovated=cải tạo|repair=sửa chữa|maintenance=bảo trì|expand=mở rộng|capacity=công suất|water supply=cấp nước|
clean water=nước sạch|wastewater=nước thải|pollution=ô nhiễm|industrial park=khu công nghiệp|
economic zone=khu kinh tế|urban area=khu đô thị|resettlement=tái định cư|bomb=bom|mine=mìn|mines=bom mìn|
landmine=mìn|landmines=bom mìn|unexploded ordnance=bom mìn vật nổ|uxo=bom mìn vật nổ|ordnance=vật nổ|
explosive=vật liệu nổ|ammunition=đạn dược|clearance=rà phá|mine clearance=rà phá bom mìn|soldier=bộ đội|
troops=bộ đội|military=quân sự|engineer=công binh|military region=Quân khu|military command=Bộ Chỉ huy Quân sự|
border guard=Bộ đội Biên phòng|navy=Hải quân|officer=sĩ quan|martyr=liệt sĩ|veteran=cựu chiến binh|
student=học sinh|university students=sinh viên|teacher=giáo viên|professor=giáo sư|principal=hiệu trưởng|
exam=kỳ thi|high school graduation exam=kỳ thi tốt nghiệp THPT|admissions=tuyển sinh|enrollment=tuyển sinh|
benchmark score=điểm chuẩn|score=điểm|candidate=thí sinh|graduate=tốt nghiệp|graduation=tốt nghiệp|
high school=trung học phổ thông|secondary school=trung học cơ sở|primary school=tiểu học|kindergarten=mầm non|
tuition=học phí|scholarship=học bổng|medal=huy chương|sport=thể thao|football=bóng đá|national team=đội tuyển|
team=đội|club=câu lạc bộ|player=cầu thủ|athlete=vận động viên|coach=huấn luyện viên|match=trận đấu|scored=ghi bàn|
win=thắng|won=giành|defeat=thua|draw=hòa|champion=vô địch|tournament=giải đấu|league=giải|final=chung kết|
stadium=sân vận động|ranking=bảng xếp hạng|international visitors=khách quốc tế|visit=thăm|travel=du lịch|
destination=điểm đến|hotel=khách sạn|resort=khu nghỉ dưỡng|festival=lễ hội|heritage=di sản|ticket=vé|
flight=chuyến bay|airline=hãng hàng không|aircraft=máy bay|plane=máy bay|technology=công nghệ|
artificial intelligence=trí tuệ nhân tạo|app=ứng dụng|software=phần mềm|internet=Internet|network=mạng|
data=dữ liệu|cyber security=an ninh mạng|social media=mạng xã hội|website=website|startup=khởi nghiệp|
electric vehicle=xe điện|payment=thanh toán|pay=trả|paid=trả|energy=năng lượng|solar power=điện mặt trời|
solar=điện mặt trời|rooftop solar=điện mặt trời mái nhà|wind power=điện gió|renewable energy=năng lượng tái tạo|
electricity=điện|power=điện|power plant=nhà máy điện|thermal power=nhiệt điện|coal=than|
nuclear power=điện hạt nhân|grid=lưới điện|power grid=lưới điện|electricity price=giá điện|evn=EVN|
vietnam electricity=Tập đoàn Điện lực Việt Nam|power supply=cung ứng điện|consumption=tiêu thụ|warn=cảnh báo|
expect=dự kiến|rise=tăng|rose=tăng|drop=giảm|dropped=giảm|decline=giảm|fell=giảm|cut=cắt giảm|earn=thu|
extend=gia hạn|postpone=hoãn|announce=công bố|confirm=xác nhận|resolve=giải quyết|prevent=ngăn chặn|donate=ủng hộ|
relief=cứu trợ|took place=diễn ra|cause=nguyên nhân|caused=gây|reason=lý do|lead to=dẫn đến|affect=ảnh hưởng|
impact=tác động|shortage=thiếu|founder=người sáng lập|ceo=Tổng giám đốc|general director=Tổng giám đốc|
chairman of the board=Chủ tịch HĐQT|board of directors=Hội đồng quản trị|spokesman=người phát ngôn|
representative=đại diện|expert=chuyên gia|scientist=nhà khoa học|research=nghiên cứu|survey=khảo sát|
children=trẻ em|women=phụ nữ|elderly=người cao tuổi|salary=lương|insurance=bảo hiểm|lunar new year=Tết Nguyên đán|
average=trung bình|record=kỷ lục|peak=đỉnh|quantity=số lượng|number of=số lượng|value=giá trị|coastal=ven biển|
mountainous=miền núi|central highlands=Tây Nguyên|mekong delta=Đồng bằng sông Cửu Long|
red river delta=Đồng bằng sông Hồng|central region=miền Trung|east sea=Biển Đông|south china sea=Biển Đông|
paracel=Hoàng Sa|spratly=Trường Sa|offshore=ngoài khơi|region=vùng|hamlet=thôn|department=Sở|
hospital department=khoa|new cases=ca mắc mới|dredge=nạo vét|occupancy rate=công suất phòng|
electricity tariff=giá điện|cutting=cắt giảm
"""
# English words that carry no content: left out of an English question's rendering.
STOP_WORDS_ENGLISH: tuple[str, ...] = tuple(
    """a an the of in on at to for by from with about as into onto and or but is are was were be been being do does
    did has have had will would can could should may might must shall this that these those it its they their them
    he she his her we our you your i me my what which who whom whose when where why how much many there here than
    then so such not no any some all each every other another more most very also just only still yet up down out
    over under again further once same own both either neither nor too during before after above below between
    through until while against among per via did done get got make made""".split()
)
# Endings tried off an unknown English word ("schools" → "school", "studies" → "study").
ENGLISH_SUFFIXES: tuple[str, ...] = ("ies", "es", "s", "ed", "ing")


def glossary_entries() -> dict[tuple[str, ...], str]:
    """The glossary as English word tuples → Vietnamese."""
    out: dict[tuple[str, ...], str] = {}
    for item in GLOSSARY.replace("\n", "").split("|"):
        if item.strip():
            english, vietnamese = item.split("=")
            out[tuple(english.split())] = vietnamese
    return out
