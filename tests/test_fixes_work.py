"""Every "Cách sửa" that names what to write is right: applied as it is
written, the next build accepts it (issue 17, point 5).

A fix that gives a value the next build refuses sends the officer round in
circles ("186.400.000 đ" → "viết 186.400.000" was refused as a number with
thousands dots). Each case below makes one mistake, reads the fix from the
build's own message, applies it the way an officer would (the first value
offered, in place of what was found, on the line named), and builds again.
Fixes that only describe ("viết ngày có thật theo dạng 2018-12-26") give no
value to apply and are not among them.
"""

import re
import shutil

import pytest

from conftest import PROJECT, make_site
from last_good_site import LastGoodSite

FUNDS, ORGANISATION, LEARNING = "data/funds.yaml", "data/organisation.yaml", "data/learning_models.yaml"
ARTICLE = "content/articles/2021-05-04-bai-thu.md"


def project(relative):
    return (PROJECT / relative).read_text(encoding="utf-8")


def edit(relative, old, new):
    text = project(relative)
    assert old in text, old
    return {relative: text.replace(old, new, 1)}


def article(extra="", body="Nội dung bài thử."):
    return {ARTICLE: f'---\ntitle: "Bài thử"\ndate: 2021-05-04 08:00\ncategory: Tin hoạt động\n'
                     f"{extra}---\n{body}\n"}


CASES = [
    ("thousands-dots", edit(ORGANISATION, "members: 8240", "members: 8.240")),
    ("thousands-dots-with-a-qualifier", edit(ORGANISATION, "  members: hơn 8000\n",
                                             "  members: hơn 8.000\n")),
    ("leading-zero", edit(ORGANISATION, "branches: 71", "branches: 071")),
    ("thousands-commas", edit(ORGANISATION, "members: 8240", "members: 8,240")),
    ("decimal-comma", edit(LEARNING, "target_achieved: 90", "target_achieved: 87,5")),
    ("percent-sign", edit(LEARNING, "target_achieved: 90", 'target_achieved: "90%"')),
    ("currency-word", edit(FUNDS, "raised: 186_400_000", "raised: 186400000 đồng")),
    ("currency-with-thousands-dots", edit(FUNDS, "raised: 186_400_000",
                                          "raised: 186.400.000 đ")),
    ("millions-in-words", edit(FUNDS, "raised: 186_400_000", "raised: 186,4 triệu")),
    ("ledger-that-does-not-add-up", edit(FUNDS, "closing: 439_100_000",
                                         "closing: 439_000_000")),
    ("misspelt-field", edit(ORGANISATION, "  branches: 71", "  brnaches: 71")),
    ("data-file-ending-in-yml", {"data/funds.yml": project(FUNDS), FUNDS: None}),
    ("slug-with-capitals", article('slug: "Bài Thử Mới"\n')),
    ("slug-leading-out", article("slug: ../../bai-thu\n")),
    ("misspelt-template", article("template: artcle\n")),
    ("misspelt-front-matter-field", article("sumary: Tóm tắt.\n")),
    ("image-linked-with-filename", article(
        body="![Tủ sách]({filename}/images/tu-sach.png)")),
    ("misspelt-image", article(body="![Tủ sách]({static}/images/tu-sach.jpg)")),
]


@pytest.fixture(scope="module")
def last_good(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("fixes"))
    shutil.rmtree(site.root / "data")
    shutil.copytree(PROJECT / "data", site.root / "data")
    shutil.copy(PROJECT / "content/images/tu-sach.png", site.root / "content/images/tu-sach.png")
    site.write("content/articles/khac.md", "---\ntitle: Bài khác\ndate: 2020-01-01\n"
                                           "category: Tin hoạt động\n---\nx\n")
    return LastGoodSite(site)


MESSAGE = re.compile(r"^1\. (?P<file>[^,:]+)(?:, dòng (?P<line>\d+))?.*?"
                     r"(?:\(gặp: (?P<found>.*?)\))?\. Cách sửa: (?P<fix>.*)$", re.M)


def apply(root, message):
    """The officer applying the fix of ``message`` to the file it names."""
    found = MESSAGE.search(message)
    assert found, message
    path = root / found["file"]
    line = int(found["line"] or 0)
    seen, fix = found["found"], found["fix"]
    if (renamed := re.match(r"(?:chép các bản ghi vào data/|đổi tên tệp thành )(\S+)", fix)):
        path.rename(path.with_name(renamed[1]))
        return path.with_name(renamed[1])
    lines = path.read_text(encoding="utf-8").split("\n")
    current = lines[line - 1]
    if (whole := re.search(r"(?:viết|ý bạn là) `([^`]+)`", fix)):
        indent = current[:len(current) - len(current.lstrip())]
        lines[line - 1] = indent + whole[1]
    elif (name := re.search(r'có phải ý bạn là "([^"]+)"\? Sửa tên trường', fix)):
        lines[line - 1] = current.replace(seen, name[1], 1)
    elif (link := re.search(r"(?:có phải ý bạn là |viết )(\{\w+\}/[^\s?]+?)(?:\?|\.?(?:\s|$))",
                            fix)):
        lines[line - 1] = current.replace(seen, link[1], 1)
    elif (value := re.search(r"sửa \w+ thành (\S+?),", fix)):
        key = current.split(":")[0]
        lines[line - 1] = f"{key}: {value[1]}"
    elif (value := re.search(r"viết (.+?)(?: hoặc | \(|;|$)", fix)):
        key = current.split(":")[0]
        lines[line - 1] = f"{key}: {value[1]}"
    else:
        pytest.fail(f"no value to apply in: {fix}")
    path.write_text("\n".join(lines), encoding="utf-8")
    return None


@pytest.mark.parametrize("files", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_the_fix_of_the_message_is_accepted_by_the_next_build(last_good, files):
    removed = [relative for relative, text in files.items() if text is None]
    written = {relative: text for relative, text in files.items() if text is not None}
    kept = {relative: (last_good.root / relative).read_text(encoding="utf-8")
            for relative in removed}
    kept.update({relative: (last_good.root / relative).read_text(encoding="utf-8")
                 for relative in written if (last_good.root / relative).exists()})
    made = None
    try:
        for relative in removed:
            (last_good.root / relative).unlink()
        for relative, text in written.items():
            (last_good.root / relative).write_text(text, encoding="utf-8")
        refusal = last_good.build_in_process()
        assert refusal.code == 1 and refusal.count == 1, refusal.text
        made = apply(last_good.root, refusal.text)
        accepted = last_good.build_in_process()
        assert accepted.code == 0, refusal.messages[0] + "\n\n" + accepted.text
    finally:
        # Back as it was: the files written or made go, the others come back.
        for relative in written:
            (last_good.root / relative).unlink(missing_ok=True)
        if made is not None:
            made.unlink(missing_ok=True)
        for relative, text in kept.items():
            (last_good.root / relative).write_text(text, encoding="utf-8")
