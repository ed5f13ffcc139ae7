"""Nothing private reaches the public site (issue 17, point 1).

Drafts are written by the development build only, marked as drafts; the
production build leaves them out, and no build puts a draft or a hidden
article in the search index. From content/ only the kinds of file the site
publishes are copied; any other, and any link that leads out of the
project, stops the build with its name, and nothing reaches output/.
"""

import subprocess

import pytest

from conftest import TEST_CATEGORIES, write_association
from last_good_site import LastGoodSite, assert_refused

DRAFT_WORD, HIDDEN_WORD = "bímậtnháp", "bímậtẩn"


def secrets_in(folder):
    """Every file of the built site holding a draft's or hidden article's words."""
    found = subprocess.run(["grep", "-rl", "-e", DRAFT_WORD, "-e", HIDDEN_WORD, "."],
                           cwd=folder, capture_output=True, text=True).stdout
    return sorted(found.split())


@pytest.fixture
def drafted(site):
    site.article("cong-khai.md", title="Bài công khai", body="Chữ công khai.")
    # The only article of its author, category and tag: none of them has a page.
    # (The categories are the association's, hoi.yaml, as every article's must be.)
    write_association(site.root, categories=TEST_CATEGORIES + ("Chuyên mục nháp",
                                                               "Chuyên mục ẩn"))
    site.article("nhap.md", title="Bài nháp", category="Chuyên mục nháp",
                 body=f"Nội dung {DRAFT_WORD}.",
                 extra="status: draft\nauthor: Người Viết Nháp\ntags: [thẻ nháp]\n")
    site.article("an.md", title="Bài ẩn", category="Chuyên mục ẩn", body=f"Nội dung {HIDDEN_WORD}.",
                 extra="status: hidden\nauthor: Người Viết Ẩn\n")
    return site


def test_the_production_build_writes_no_draft_and_indexes_no_hidden_article(drafted):
    result = drafted.build("publishconf.py")
    assert result.returncode == 0, result.stderr
    assert not (drafted.output / "drafts").exists()
    # The hidden article keeps its own page (that is what hidden means: a page
    # shared by its address, in no list), not searchable, not for search engines.
    assert secrets_in(drafted.output) == ["./bai-an/index.html"]
    hidden = drafted.html("bai-an/index.html")
    assert '<meta name="robots" content="noindex">' in hidden
    assert "data-search-body" not in hidden
    assert "bai-an" not in drafted.html("sitemap.xml")


def test_the_development_build_shows_a_draft_marked_and_indexes_neither(drafted):
    result = drafted.build()
    assert result.returncode == 0, result.stderr
    assert secrets_in(drafted.output) == ["./bai-an/index.html", "./drafts/bai-nhap.html"]
    draft = drafted.html("drafts/bai-nhap.html")
    assert ('<p class="draft-notice" role="note">Bản nháp: trang này chỉ có trong bản xem '
            "trước, không được đăng lên trang web.</p>") in draft
    # The author, category and tag have no page of their own: named, not linked.
    assert "Tác giả: Người Viết Nháp</span>" in draft
    assert "tac-gia/nguoi-viet-nhap" not in draft
    assert '<span class="tag">thẻ nháp</span>' in draft


def test_settings_that_do_not_say_show_no_draft(drafted):
    conf = drafted.root / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace("SHOW_DRAFTS = True", ""),
                    encoding="utf-8")
    assert drafted.build().returncode == 0
    assert not (drafted.output / "drafts").exists()


# --- Files of content/ --------------------------------------------------------------

FIX_STRAY = ("xoá tệp này khỏi thư mục (hoặc chuyển ra ngoài content/); trong images/ chỉ "
             "đặt ảnh (.png, .jpg, .gif, .webp) và tài liệu để tải về (.pdf, .docx, .xlsx)")
FIX_LINK = "chép tệp thật vào chỗ này thay cho lối tắt, hoặc xoá lối tắt"
OUTSIDE = ("lối tắt (symbolic link) trỏ ra ngoài thư mục dự án: tệp ngoài dự án không được "
           "đăng lên trang web")


@pytest.fixture(scope="module")
def last_good(tmp_path_factory):
    from conftest import make_site
    site = make_site(tmp_path_factory.mktemp("last-good-content-files"))
    site.article("bai.md", title="Bài có ảnh", body="![Tủ sách]({static}/images/anh.png)")
    site.write("content/images/anh.png", b"\x89PNG\r\n\x1a\n")
    site.write("content/images/bao-cao.pdf", b"%PDF-1.4\n")
    return LastGoodSite(site)


def test_stray_files_in_images_are_refused_and_nothing_is_copied(last_good):
    refusal = last_good.refuse({
        "content/images/.env": "SECRET_KEY=abc\n",
        "content/images/~$bao-cao.xlsx": b"lock",
        "content/images/Thumbs.db": b"\x00",
        "content/images/.DS_Store": b"\x00",
        "content/images/bai-viet.md": "---\ntitle: Nháp riêng\n---\n",
    })
    assert_refused(refusal, [
        f"content/images/.DS_Store: tệp ẩn không được đăng lên trang web (gặp: .DS_Store). "
        f"Cách sửa: {FIX_STRAY}",
        f"content/images/.env: tệp ẩn không được đăng lên trang web (gặp: .env). "
        f"Cách sửa: {FIX_STRAY}",
        "content/images/Thumbs.db: loại tệp này không được đăng lên trang web (gặp: "
        f"Thumbs.db). Cách sửa: {FIX_STRAY}",
        "content/images/bai-viet.md: loại tệp này không được đăng lên trang web (gặp: "
        f"bai-viet.md). Cách sửa: {FIX_STRAY}",
        "content/images/~$bao-cao.xlsx: tệp tạm của Word, Excel hay trình soạn thảo không "
        f"được đăng lên trang web (gặp: ~$bao-cao.xlsx). Cách sửa: {FIX_STRAY}",
    ], last_good)


@pytest.fixture
def linked(last_good, tmp_path):
    """Make symbolic links under content/ for one test, removed after it."""
    made = []

    def link(relative, target):
        path = last_good.root / relative
        path.symlink_to(target)
        made.append(path)
        return path

    yield link
    for path in made:
        path.unlink()


def test_a_link_to_a_file_outside_the_project_is_refused(last_good, linked, tmp_path):
    secret = tmp_path / "id_ed25519"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    outside_article = tmp_path / "bai-ngoai.md"
    outside_article.write_text('---\ntitle: "Ngoài"\ndate: 2020-01-01\ncategory: Tin\n---\nx\n')
    linked("content/images/anh-2.png", secret)
    linked("content/articles/bai-ngoai.md", outside_article)
    linked("content/images/passwd.png", "/etc/passwd")
    refusal = last_good.build_in_process()
    assert_refused(refusal, [
        f"content/articles/bai-ngoai.md: {OUTSIDE} (gặp: {outside_article}). Cách sửa: {FIX_LINK}",
        f"content/images/anh-2.png: {OUTSIDE} (gặp: {secret}). Cách sửa: {FIX_LINK}",
        f"content/images/passwd.png: {OUTSIDE} (gặp: /etc/passwd). Cách sửa: {FIX_LINK}",
    ], last_good)


def test_a_link_to_a_folder_outside_is_refused_and_not_walked_into(last_good, linked, tmp_path):
    (tmp_path / "ngoai").mkdir()
    (tmp_path / "ngoai" / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    linked("content/images/ngoai", tmp_path / "ngoai")
    assert_refused(last_good.build_in_process(), [
        f"content/images/ngoai: {OUTSIDE} (gặp: {tmp_path / 'ngoai'}). Cách sửa: {FIX_LINK}",
    ], last_good)


def test_a_link_inside_the_project_is_accepted(site):
    site.article("bai.md", title="Bài có ảnh", body="![Tủ sách]({static}/images/anh-cung.png)")
    site.write("anh-chung/anh.png", b"\x89PNG\r\n\x1a\n")
    (site.root / "content/images/anh-cung.png").symlink_to(site.root / "anh-chung/anh.png")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert (site.output / "images/anh-cung.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
