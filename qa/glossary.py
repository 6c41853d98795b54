"""English words and phrases of news and public affairs in Vietnamese, so an English question is also searched in Vietnamese."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest phrases are matched first; single words are also tried without a plural or verb ending.
_ENTRIES = """
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
_GLOSSARY: dict[tuple[str, ...], str] = {}
for _item in _ENTRIES.replace("\n", "").split("|"):
    if _item.strip():
        _en, _vi = _item.split("=")
        _GLOSSARY[tuple(_en.split())] = _vi
_MAX_PHRASE = max(len(k) for k in _GLOSSARY)

_STOP = frozenset(
    """a an the of in on at to for by from with about as into onto and or but is are was were be been being do does
    did has have had will would can could should may might must shall this that these those it its they their them
    he she his her we our you your i me my what which who whom whose when where why how much many there here than
    then so such not no any some all each every other another more most very also just only still yet up down out
    over under again further once same own both either neither nor too during before after above below between
    through until while against among per via did done get got make made""".split()
)
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’]*|\d[\w./-]*")
_SUFFIXES = ("ies", "es", "s", "ed", "ing")


@dataclass(frozen=True)
class Rendering:
    """An English question's content words in Vietnamese, and the content words the glossary does not know."""

    vietnamese: str
    unknown: tuple[str, ...]


def _lookup(words: tuple[str, ...]) -> str | None:
    found = _GLOSSARY.get(words)
    if found is not None or len(words) != 1:
        return found
    word = words[0]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for candidate in (stem, stem + "e", stem + "y"):
                if (candidate,) in _GLOSSARY:
                    return _GLOSSARY[(candidate,)]
    return None


def to_vietnamese(text: str) -> Rendering:
    """Render an English question's content in Vietnamese: glossary phrases (longest first), names and numbers kept."""
    tokens = [m.group(0) for m in _TOKEN_RE.finditer(text)]
    lowers = [t.lower().replace("’", "'") for t in tokens]
    out: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(_MAX_PHRASE, len(tokens) - i), 0, -1):
            found = _lookup(tuple(lowers[i : i + n]))
            if found is not None:
                out.append(found)
                i += n
                break
        else:
            token, low = tokens[i], lowers[i]
            if token[0].isdigit() or (token[0].isupper() and i > 0) or token.isupper():
                out.append(token)  # numbers, codes and names are the same in both languages ("Long Bien", "202-KH/QU")
            elif low not in _STOP:
                unknown.append(low)
            i += 1
    return Rendering(" ".join(out), tuple(unknown))
