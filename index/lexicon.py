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
    ("date", r"\b(khi nao|bao gio|luc nao|hom nao|ngay nao|ngay bao nhieu|ngay may|thang nao|thang may"
     r"|thang bao nhieu|nam nao|nam bao nhieu|nam may|thoi gian nao|thoi diem nao"
     r"|when|what date|which date|what day|what year|which year)\b"),
    ("quantity", r"\b(bao nhieu|so luong|tong so|how (much|many)|what (amount|number)|how large|how big)\b"
     r"|\bmay (?!tinh|bay|moc)\w+|^(so|tong) (?!voi\b|sanh\b)\w+"),
    ("person", r"(^|\s)(ai|nguoi nao|vi nao|ong nao|ba nao|who|whom)(\s|$|\?)"),
    ("place", r"\b(o dau|tai dau|noi nao|dia diem nao|cho nao|where)\b"),
    ("list", r"\b(nhung|cac) \w+( \w+)? nao\b|\bliet ke\b|\bgom nhung\b|\bnhung gi\b|\bwhich\b.*\b\w+s\b"),
    ("yesno", r"\bco\b.+\bkhong\s*\??$|\bphai khong\b|\bdung khong\b|^(is|are|does|do|did|was|were|has|have)\b"),
    ("fact", r"\b(la gi|gi|nao|the nao|ra sao|nhu the nao|what|which|how)\b"),
)
# A quantity cue that asks a number by itself; "số lượng" next to another question word ("sân bay nào") does not.
STRONG_QUANTITY_FOLDED = r"\b(bao nhieu|how (much|many))\b|\bmay (?!tinh|bay|moc)\w+"
OTHER_WH_FOLDED = r"\b\w+ nao\b|\b(gi|ai|o dau)\b"
# Date questions: the grain of the date asked.
DAY_CUE_FOLDED = r"\b(ngay nao|ngay bao nhieu|ngay may|hom nao|what date|which date|what day|which day)\b"
YEAR_CUE_FOLDED = r"\b(nam nao|nam bao nhieu|nam may|what year|which year)\b"

# Words hinting at the figure kind a quantity question asks for: matched as written on an accented question and
# folded on an unaccented one ("tiền" is money, "tiến độ" is not).
KIND_HINTS_ACCENTED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("money", ("tiền", "ngân sách", "kinh phí", "vốn", "đồng", "tỷ đồng", "chi phí", "doanh thu", "thu nhập",
               "giá trị", "bồi thường", "money", "budget", "revenue", "cost", "spend", "spent", "fund", "funds",
               "compensation", "vnd", "usd")),
    ("area", ("diện tích", "m2", "m²", "mét vuông", "km2", "km²", "hecta", "héc-ta", "hécta", "ha", "area", "square")),
    ("length", ("chiều dài", "dài bao nhiêu", "km", "length")),
    ("percent", ("phần trăm", "tỷ lệ", "tỉ lệ", "percent", "percentage")),
)
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
ENGLISH_VERBS_ENGLISH: tuple[str, ...] = tuple(
    "are were is was do does did have has had will can could be been being get got".split()
)
# Words after "bao nhiêu" that end the counted noun, besides the function words.
COUNTED_STOP_ACCENTED: tuple[str, ...] = ("phần", "trăm", "lần", "cụ", "thể")
# Function words that are also counted nouns: "an" (an ninh), "tổ", "độ".
COUNTED_NOT_STOP_FOLDED: tuple[str, ...] = ("an", "to", "do")
# What precedes the counted noun ("bao nhiêu dự án", "số lượng đảng viên"): the noun is the captured group.
COUNTED_CUES_ACCENTED: tuple[str, ...] = (
    r"(?:\bbao nhiêu|\bmấy|\bhow many)\s+([\w ,]+)",
    r"(?:\bsố lượng|\btổng số|^số)\s+([\w ,]+)",
)
COUNTED_CUES_FOLDED: tuple[str, ...] = (
    r"(?:\bbao nhieu|\bmay(?! (?:tinh|bay|moc)\b)|\bhow many)\s+([a-z0-9 ,]+)",
    r"(?:\bso luong|\btong so|^so)\s+([a-z0-9 ,]+)",
)
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
|european=châu Âu|asia=châu Á|world=thế giới
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
