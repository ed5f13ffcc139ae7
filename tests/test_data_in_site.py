"""The data reaches the site: templates see it as `data`, and a data mistake
stops the build before anything is written."""

from conftest import PROJECT

FUND_2019 = """\
- unit: khoi-cq
  year: 2019
  opening: 425_000_000
  raised: 186_400_000
  disbursed: 172_300_000
  closing: 439_100_000
"""


def _with_data_template(site):
    site.write("data/units.yaml", (PROJECT / "data" / "units.yaml").read_text(encoding="utf-8"))
    site.write("theme/templates/du-lieu-thu.html", """
        {%- set fund = data.get("funds", "khoi-cq", 2019)[0] -%}
        {%- set org = data.get("organisation", "khoi-cq", 2018)[0] -%}
        <p id="quy">{{ fund.closing | vi_money }}</p>
        <p id="hoi-vien">{{ org.members.qualifier }} {{ org.members | vi_number }}</p>
        <p id="don-vi">{{ data.units["khoi-cq"].short_name }}</p>
        """)
    site.article("a.md", title="Thử dữ liệu", extra="template: du-lieu-thu\n")


def test_templates_see_the_data(site):
    _with_data_template(site)
    site.write("data/funds.yaml", FUND_2019)
    site.write("data/organisation.yaml", "- unit: khoi-cq\n  year: 2018\n  members: hơn 8000\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    html = site.html("thu-du-lieu/index.html")
    assert '<p id="quy">439.100.000\u00a0đồng</p>' in html
    assert '<p id="hoi-vien">hơn 8.000</p>' in html
    assert '<p id="don-vi">Hội Khuyến học Khối</p>' in html


def test_a_data_mistake_stops_the_build_and_keeps_the_old_site(site):
    _with_data_template(site)
    site.write("data/funds.yaml", FUND_2019)
    site.write("data/organisation.yaml", "- unit: khoi-cq\n  year: 2018\n  members: 8240\n")
    assert site.build().returncode == 0
    before = site.html("thu-du-lieu/index.html")

    site.write("data/funds.yaml", FUND_2019.replace("raised", "rasied"))
    result = site.build()
    assert result.returncode == 1
    assert "KHÔNG DỰNG ĐƯỢC TRANG: 2 lỗi" in result.stderr
    assert ('data/funds.yaml, dòng 4, cột 3: trường "funds[0].rasied": trường không có '
            'trong danh sách (gặp: rasied). Cách sửa: có phải ý bạn là "raised"? '
            'Sửa tên trường\n') in result.stderr
    assert ('data/funds.yaml, dòng 1, cột 3: trường "funds[0].raised": thiếu trường bắt '
            'buộc. Cách sửa: thêm dòng `raised: ...` (Huy động trong năm (đồng)) vào bản '
            'ghi này\n') in result.stderr
    assert "Traceback" not in result.stderr
    assert site.html("thu-du-lieu/index.html") == before
