"""Synthetic bulletins for the benchmark: ten or more years of a busy association.

Articles are written fresh from sentence patterns (never copied from real
bulletins) and have the shape of the real ones: long Vietnamese prose with
inline figures, headings, numbered task lists, tables, photo captions and
references to legal documents. Lengths are spread between 300 and 1,500
words. Everything is drawn from a seeded generator, so a size always gives
the same site.

The same articles are written twice: with our YAML front matter, and with
Pelican's own ``Key: value`` metadata for the bare-Pelican baseline.
"""

import datetime
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from bench import units as unit_list

FIRST_YEAR = 2006
YEARS = 20
MIN_WORDS, MAX_WORDS = 300, 1500

CATEGORIES = ["Tin hoạt động", "Gương học tập", "Văn bản - Hướng dẫn", "Quỹ khuyến học",
              "Xây dựng xã hội học tập"]
AUTHORS = ["Nguyễn Văn Thành", "Lê Thị Minh Hằng", "Trần Quốc Huy", "Phạm Thu Trang",
           "Hoàng Đức Long", "Vũ Thị Ngọc Ánh", "Đặng Minh Khôi", "Bùi Thanh Hương",
           "Đỗ Quang Vinh", "Ngô Thị Lan", "Mai Xuân Sơn", "Trịnh Hoài Nam"]
TAGS = ["tổng kết", "quỹ khuyến học", "xã hội học tập", "đơn vị học tập", "gia đình học tập",
        "dòng họ học tập", "cộng đồng học tập", "công dân học tập", "khen thưởng",
        "học bổng", "học sinh giỏi", "tấm gương", "ống tiết kiệm", "tủ sách", "đoàn thanh niên",
        "hội phụ nữ", "chuyển đổi số", "học tập suốt đời", "sơ kết", "hội nghị",
        "kỷ niệm chương", "bằng khen", "giấy khen", "quyết định 387", "thông tư 22",
        "vượt khó", "đại hội", "kiện toàn tổ chức", "tuyên truyền", "thi đua"]
DOCUMENTS = ["Quyết định 387/QĐ-TTg ngày 25/3/2022", "Quyết định 281/QĐ-TTg ngày 20/2/2014",
             "Thông tư 22/2020/TT-BGDĐT", "Chỉ thị 11-CT/TW ngày 13/4/2007",
             "Kết luận 49-KL/TW ngày 10/5/2019", "Quyết định 1373/QĐ-TTg ngày 30/7/2021"]
MODELS = ["Gia đình học tập", "Dòng họ học tập", "Cộng đồng học tập", "Đơn vị học tập",
          "Công dân học tập"]
EVENTS = ["Hội nghị tổng kết công tác khuyến học", "Hội nghị sơ kết sáu tháng",
          "Lễ trao thưởng cho con cán bộ, hội viên", "Lễ ra mắt Chi hội Khuyến học",
          "Hội thảo xây dựng xã hội học tập", "Lễ phát động Tháng khuyến học",
          "Buổi tập huấn nghiệp vụ công tác Hội", "Lễ trao học bổng Ươm mầm tài năng"]
PEOPLE = ["em Nguyễn Thị Hà My", "em Lê Hoàng Nam", "chị Trần Thu Hiền", "anh Phạm Văn Quyết",
          "em Đỗ Minh Châu", "cô Lương Thị Thảo", "thầy Cao Văn Bình", "em Hà Gia Bảo",
          "anh Lò Văn Tính", "chị Vi Thị Hồng"]
SUBJECTS = ["Toán", "Ngữ văn", "Tiếng Anh", "Tin học", "Vật lý", "Hóa học", "Sinh học",
            "Lịch sử", "Địa lý"]

HEADLINES = [
    "{unit} tổng kết công tác khuyến học năm {year}",
    "Quỹ khuyến học {unit} huy động {money} trong năm {year}",
    "{event} năm {year}",
    "{unit} trao {count} suất học bổng cho học sinh vượt khó",
    "Xây dựng “{model}” ở {unit}: kết quả năm {year}",
    "Triển khai {document}",
    "Tấm gương vừa làm vừa học ở {unit}",
    "{person_title} đạt giải {rank} môn {subject} cấp quốc gia năm {year}",
    "{unit} ra mắt tủ sách khuyến học",
    "Hướng dẫn xét khen thưởng công tác khuyến học năm {year}",
    "Mô hình “Ống tiết kiệm khuyến học” ở {unit}",
    "{unit} đón nhận Bằng khen của Trung ương Hội Khuyến học Việt Nam",
]

HEADINGS = [
    "Kết quả nổi bật", "Tổ chức Hội tiếp tục phát triển", "Quỹ khuyến học tăng trưởng",
    "Phong trào học tập trong cán bộ, hội viên", "Những mặt còn hạn chế",
    "Phương hướng, nhiệm vụ năm {next_year}", "Cách làm hay ở cơ sở", "Khen thưởng kịp thời",
    "Xây dựng các mô hình học tập", "Chuyển đổi số trong công tác Hội",
    "Ý kiến tại hội nghị", "Những con số ấn tượng",
]

SENTENCES = [
    "Trong năm {year}, Quỹ khuyến học của {unit} huy động được {raised_ref}.",
    "Đến cuối năm {year}, {unit} có {members_ref} hội viên.",
    "Năm {year}, {unit} có {count} hội viên sinh hoạt tại {small} chi hội, tăng {small} chi hội so với năm trước.",
    "Quỹ khuyến học của {unit} huy động được {money}, chi {money2} cho khen thưởng và học bổng.",
    "Số dư quỹ đến ngày 31/12/{year} là {money}, được công khai hằng quý tại hội nghị cơ quan.",
    "Ban Thường vụ đánh giá phong trào “{model}” có bước tiến rõ rệt, với {pct}% đơn vị đăng ký và {pct2}% đạt danh hiệu.",
    "Thực hiện {document}, các cơ sở Hội đã xây dựng kế hoạch cụ thể, giao chỉ tiêu đến từng chi hội.",
    "Nhiều cán bộ, hội viên theo học sau đại học, lý luận chính trị cao cấp, bồi dưỡng ngoại ngữ và kỹ năng số.",
    "Đến dự có đại diện Thường trực Hội Khuyến học tỉnh, lãnh đạo {unit} cùng hơn {small2} đại biểu.",
    "Phát biểu tại hội nghị, đồng chí {author} ghi nhận sự cố gắng của các chi hội trong điều kiện còn nhiều khó khăn.",
    "Mô hình “Ống tiết kiệm khuyến học” với mức đóng góp tự nguyện ít nhất 10.000 đồng/người/tháng được duy trì đều đặn.",
    "Hội đã trao {count2} suất quà, {count} quyển vở và {small2} bộ sách giáo khoa cho học sinh có hoàn cảnh khó khăn.",
    "{person} là con của cán bộ {unit}, nhiều năm liền đạt danh hiệu học sinh giỏi và giành giải {rank} môn {subject}.",
    "Gia đình {person} có ba thế hệ cùng học: ông bà đọc sách, bố mẹ học thêm ngoại ngữ, các cháu chăm chỉ học hành.",
    "Việc đánh giá “Đơn vị học tập” được thực hiện theo thang điểm 100, với các mức Tốt, Khá và Trung bình.",
    "Một số chi hội còn chậm gửi báo cáo, số liệu giữa các kỳ chưa thống nhất, cần được chấn chỉnh trong năm {next_year}.",
    "Hội nghị thống nhất phấn đấu 100% cán bộ, công chức, viên chức đăng ký ít nhất một hình thức học tập.",
    "Qua {small} năm triển khai, tủ sách của {unit} đã có hơn {count} đầu sách, phục vụ {count2} lượt bạn đọc.",
    "Các chi hội đã phối hợp với công đoàn, đoàn thanh niên và hội phụ nữ để vận động, tuyên truyền sâu rộng.",
    "Theo báo cáo, tỷ lệ gia đình cán bộ đạt danh hiệu “Gia đình học tập” năm {year} là {pct}%.",
    "Ban biên tập Bản tin xin giới thiệu một số cách làm hay để các cơ sở Hội tham khảo, vận dụng.",
    "Trong năm, Hội Khuyến học Khối đã tổ chức {small} lớp tập huấn nghiệp vụ cho {small2} cán bộ chi hội.",
    "Tổng giá trị học bổng và phần thưởng đã trao trong năm là {money}, cao hơn năm {prev_year}.",
    "Nhân dịp này, {small} tập thể và {small2} cá nhân được nhận Giấy khen của Hội Khuyến học tỉnh.",
    "Việc quản lý, sử dụng quỹ được thực hiện đúng quy chế, có sổ sách, chứng từ đầy đủ và được kiểm tra định kỳ.",
    "Nhiều cơ quan đã đưa tiêu chí học tập vào bình xét thi đua cuối năm, tạo động lực cho cán bộ tự học.",
    "Hội thường xuyên cập nhật số liệu hội viên, quỹ và danh hiệu học tập trên phần mềm quản lý dùng chung.",
    "Từ nguồn quỹ, {unit} đã hỗ trợ {small} sinh viên mồ côi tiếp tục việc học với mức {money2} mỗi năm.",
    "Kết quả này có được nhờ sự quan tâm của cấp ủy, thủ trưởng cơ quan và sự đồng lòng của hội viên.",
    "Với những thành tích đó, {unit} vinh dự được Trung ương Hội Khuyến học Việt Nam tặng Bằng khen.",
]

LIST_ITEMS = [
    "Tiếp tục tuyên truyền, quán triệt {document}.",
    "Phấn đấu {pct}% cơ quan, đơn vị đăng ký xây dựng “Đơn vị học tập”.",
    "Củng cố, kiện toàn tổ chức Hội; thành lập chi hội ở những đơn vị còn lại.",
    "Duy trì và nhân rộng mô hình “Ống tiết kiệm khuyến học”.",
    "Quản lý, sử dụng quỹ đúng quy chế; công khai thu chi hằng quý.",
    "Chuẩn hóa chế độ thông tin, báo cáo; ứng dụng công nghệ số trong quản lý hội viên.",
    "Làm tốt công tác thi đua, khen thưởng; kịp thời biểu dương tập thể, cá nhân tiêu biểu.",
    "Phối hợp với các đoàn thể vận động nguồn lực cho học sinh, sinh viên khó khăn.",
    "Tổ chức Tháng khuyến học và các hoạt động hưởng ứng Ngày sách và Văn hóa đọc.",
]

CAPTIONS = [
    "*Ảnh: Quang cảnh {event_lower}.*",
    "*Ảnh: Lãnh đạo {unit} trao thưởng cho học sinh tiêu biểu.*",
    "*Ảnh: Các đại biểu tham quan tủ sách khuyến học của {unit}.*",
]


# Fifty charts, referenced in turn by every second article: ten units, five
# kinds (docs/figures.md). Bare Pelican shows the same text unchanged.
CHART_KINDS = (
    "biểu đồ cột: funds/{unit}/{first}-{last} closing",
    "biểu đồ cột nhóm: funds/{unit}/{middle}-{last} raised disbursed",
    "biểu đồ đường: organisation/{unit}/* members",
    "biểu đồ cột chồng: support/{unit}/{middle}-{last} value theo=item",
    "biểu đồ cột nhóm: learning_models/{unit}/{middle}-{last} registered achieved "
    'model="Gia đình học tập"',
)


def charts(data_years=YEARS):
    last = FIRST_YEAR + data_years - 1
    years = {"first": FIRST_YEAR, "middle": max(FIRST_YEAR, last - 9), "last": last}
    return ["[[" + kind.format(unit=unit.id, **years) + "]]"
            for unit in unit_list.UNITS[:10] for kind in CHART_KINDS]


@dataclass
class Article:
    number: int
    title: str
    date: datetime.datetime
    category: str
    tags: list
    author: str
    summary: str
    body: str
    cover: str | None = None
    featured: bool = False
    charts: list = field(default_factory=list)

    @property
    def filename(self):
        return f"{self.date:%Y-%m-%d}-bai-{self.number:05d}.md"

    def words(self):
        return len(self.body.split())


class Writer:
    """Fills sentence patterns with the figures of one article."""

    def __init__(self, rng, year, data_years=YEARS):
        self.rng = rng
        self.year = year
        # The year whose figures the article cites: its own, when data/ has it.
        self.data_year = min(year, FIRST_YEAR + data_years - 1)

    def fill(self, pattern):
        rng = self.rng
        unit = rng.choice(unit_list.UNITS)
        values = {
            "raised_ref": f"[[funds/{unit.id}/{self.data_year}/raised]]",
            "members_ref": f"[[organisation/{unit.id}/{self.data_year}/members tròn=100]]",
            "unit": unit.name,
            "year": self.year,
            "prev_year": self.year - 1,
            "next_year": self.year + 1,
            "count": f"{rng.randint(1, 9)}.{rng.randint(0, 999):03d}",
            "count2": rng.randint(30, 900),
            "small": rng.randint(2, 12),
            "small2": rng.randint(20, 150),
            "money": f"{rng.randint(40, 990)}.{rng.choice(['000', '500', '200'])}.000 đồng",
            "money2": f"{rng.randint(2, 39)}.000.000 đồng",
            "pct": rng.randint(60, 100),
            "pct2": rng.randint(50, 95),
            "model": rng.choice(MODELS),
            "document": rng.choice(DOCUMENTS),
            "author": rng.choice(AUTHORS),
            "person": rng.choice(PEOPLE),
            "person_title": rng.choice(PEOPLE).capitalize(),
            "rank": rng.choice(["Nhất", "Nhì", "Ba", "Khuyến khích"]),
            "subject": rng.choice(SUBJECTS),
            "event": rng.choice(EVENTS),
            "event_lower": rng.choice(EVENTS).lower(),
        }
        return pattern.format(**values)

    def paragraph(self):
        count = self.rng.randint(3, 6)
        return " ".join(_capitalised(self.fill(s)) for s in self.rng.sample(SENTENCES, count))

    def task_list(self):
        items = self.rng.sample(LIST_ITEMS, self.rng.randint(3, 6))
        # Bulletins number their tasks "1- ..."; half use a Markdown list.
        if self.rng.random() < 0.5:
            return "\n\n".join(f"{i}- {self.fill(item)}" for i, item in enumerate(items, 1))
        return "\n".join(f"{i}. {self.fill(item)}" for i, item in enumerate(items, 1))

    def data_table(self):
        unit = self.rng.choice(unit_list.UNITS)
        first = max(FIRST_YEAR, self.data_year - 1)
        return (f"[[bảng: funds/{unit.id}/{first}-{self.data_year} "
                "opening raised disbursed closing]]")

    def table(self):
        rows = self.rng.sample(unit_list.UNITS, self.rng.randint(3, 8))
        lines = ["| Đơn vị | Hội viên | Huy động quỹ (đồng) | Đã chi (đồng) |",
                 "|---|---:|---:|---:|"]
        for unit in rows:
            raised = self.rng.randint(5, 90) * 1_000_000
            spent = raised * self.rng.randint(50, 100) // 100
            lines.append(f"| {unit.name} | {self.rng.randint(40, 900)} | "
                         f"{_grouped(raised)} | {_grouped(spent)} |")
        return "\n".join(lines)


def _capitalised(sentence):
    return sentence[:1].upper() + sentence[1:]


def _grouped(amount):
    """425000000 -> '425.000.000', as Vietnamese reports write it."""
    return f"{amount:,}".replace(",", ".")


def generate(n, seed=2006, data_years=YEARS):
    """N articles spread over twenty years, oldest first.

    Every second article shows one of the fifty charts, in turn, so that
    the first hundred articles already show them all; about one in five has
    a table from the data, and the prose cites figures from data/.
    """
    rng = random.Random(seed)
    chart_list = charts(data_years)
    start = datetime.datetime(FIRST_YEAR, 1, 1, 7, 0)
    span = datetime.datetime(FIRST_YEAR + YEARS, 1, 1) - start
    titles = set()
    articles = []
    for number in range(1, n + 1):
        date = start + span * (number - 0.5) / n
        date = date.replace(hour=rng.randint(7, 17), minute=rng.choice([0, 15, 30, 45]),
                            second=0, microsecond=0)
        writer = Writer(rng, date.year, data_years)
        title = _unique(writer.fill(rng.choice(HEADLINES)), titles)
        chart = chart_list[(number // 2 - 1) % len(chart_list)] if number % 2 == 0 else None
        body = _body(writer, rng, chart)
        articles.append(Article(
            number=number,
            title=title,
            date=date,
            category=rng.choice(CATEGORIES),
            tags=rng.sample(TAGS, rng.randint(1, 4)),
            author=rng.choice(AUTHORS),
            summary=writer.fill(rng.choice(SENTENCES)),
            body=body,
            cover=f"images/anh-{rng.randint(1, 6)}.png" if rng.random() < 0.3 else None,
            featured=rng.random() < 0.02,
            charts=[chart] if chart else [],
        ))
    return articles


def _unique(title, seen):
    candidate, suffix = title, 2
    while candidate in seen:
        candidate = f"{title} (kỳ {suffix})"
        suffix += 1
    seen.add(candidate)
    return candidate


def _body(writer, rng, figure_text):
    target = int(rng.triangular(MIN_WORDS, MAX_WORDS, 500))
    blocks = [writer.paragraph()]
    words = len(blocks[0].split())
    headings = rng.sample(HEADINGS, len(HEADINGS))
    extras = ["list", "table", "caption", "figure"] + (["data"] if rng.random() < 0.2 else [])
    rng.shuffle(extras)
    while words < target:
        heading = headings.pop() if headings else "Thông tin thêm"
        section = [f"## {writer.fill(heading)}", writer.paragraph()]
        extra = extras.pop() if extras else None
        if extra == "list":
            section += ["Hội nghị thống nhất các nhiệm vụ trọng tâm:", writer.task_list()]
        elif extra == "table":
            section += ["Số liệu của một số chi hội tiêu biểu:", writer.table()]
        elif extra == "caption":
            section.append(writer.fill(rng.choice(CAPTIONS)))
        elif extra == "figure" and figure_text:
            section.append(figure_text)
        elif extra == "data":
            section += ["Số liệu quỹ khuyến học của một chi hội:", writer.data_table()]
        section.append(writer.paragraph())
        section_words = sum(len(b.split()) for b in section)
        if words + section_words > target and words >= MIN_WORDS:
            break
        blocks += section
        words += section_words
    if figure_text and figure_text not in blocks:
        blocks.append(figure_text)
    blocks.append(f"**{rng.choice(AUTHORS)}**")
    return "\n\n".join(blocks) + "\n"


def yaml_text(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ours(article):
    """The article as the officer writes it: YAML front matter, then Markdown."""
    lines = ["---",
             f"title: {yaml_text(article.title)}",
             f"date: {article.date:%Y-%m-%d %H:%M}",
             f"category: {article.category}",
             "tags: [" + ", ".join(article.tags) + "]",
             f"author: {article.author}",
             f"summary: {yaml_text(article.summary)}"]
    if article.cover:
        lines.append(f"cover: {article.cover}")
        lines.append('cover_caption: "Ảnh: Ban biên tập."')
    if article.featured:
        lines.append("featured: true")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + article.body


def bare(article):
    """The same article with Pelican's own metadata lines, for bare Pelican."""
    lines = [f"Title: {article.title}",
             f"Date: {article.date:%Y-%m-%d %H:%M}",
             f"Category: {article.category}",
             "Tags: " + ", ".join(article.tags),
             f"Author: {article.author}",
             f"Summary: {article.summary}"]
    return "\n".join(lines) + "\n\n" + article.body


PAGES = {
    "gioi-thieu.md": ("Giới thiệu", "Hội Khuyến học Khối được thành lập để vận động cán bộ, "
                      "hội viên học tập suốt đời và chăm lo cho con em học tập. " * 20),
    "lien-he.md": ("Liên hệ", "Mọi thông tin xin gửi về Ban biên tập Bản tin. " * 10),
}


def write_content(root, articles, flavour):
    """Write content/ of a site: articles, two pages and six cover pictures."""
    root = Path(root)
    articles_dir = root / "content" / "articles"
    pages_dir = root / "content" / "pages"
    for folder in (articles_dir, pages_dir, root / "content" / "images"):
        folder.mkdir(parents=True, exist_ok=True)
    render = ours if flavour == "ours" else bare
    for article in articles:
        (articles_dir / article.filename).write_text(render(article), encoding="utf-8")
    for name, (title, text) in PAGES.items():
        front = (f"---\ntitle: {title}\n---\n" if flavour == "ours" else f"Title: {title}\n")
        (pages_dir / name).write_text(front + "\n" + text.strip() + "\n", encoding="utf-8")
    _pictures(root / "content" / "images")


def _pictures(folder):
    from PIL import Image, ImageDraw

    for number in range(1, 7):
        path = folder / f"anh-{number}.png"
        if path.exists():
            continue
        picture = Image.new("RGB", (960, 540), (30 * number, 120, 200 - 20 * number))
        draw = ImageDraw.Draw(picture)
        for step in range(0, 960, 24):
            draw.line([(step, 0), (960 - step, 540)], fill=(250, 220 - step // 8, 90), width=3)
        picture.save(path, optimize=True)


EDIT_MARK = re.compile(r"\n\nCập nhật lúc [^\n]*\n$")


def edit(path, token):
    """Change one article as an officer would: a new last line, saved in place."""
    text = Path(path).read_text(encoding="utf-8")
    text = EDIT_MARK.sub("\n", text)
    text = text.rstrip("\n") + f"\n\nCập nhật lúc {token}.\n"
    Path(path).write_text(text, encoding="utf-8")
