"""Bad data files: each stops the whole build with its exact Vietnamese
message, file and line, exit code 1, no traceback, and the last good site
left exactly as it was. One case per rule of the data files (issue 3, see
docs/data.md), plus what goes wrong with any YAML file.
"""

import shutil

import pytest

from conftest import PROJECT, make_site
from last_good_site import LastGoodSite, assert_refused

FUNDS = "data/funds.yaml"
ORGANISATION = "data/organisation.yaml"
LEARNING = "data/learning_models.yaml"
AWARDS = "data/awards.yaml"
SUPPORT = "data/support.yaml"
UNITS = "data/units.yaml"

FUND_2018 = """\
- unit: khoi-cq
  year: 2018
  opening: 559_500_000
  raised: 164_000_000
  disbursed: 298_500_000
  closing: 425_000_000
"""

FIX_EXTRA_ZEROS = "kiểm tra lại số liệu; số này không thể vượt"
FIX_OVERRIDE = ("kiểm tra lại số liệu; nếu báo cáo gốc đúng là như vậy, thêm dòng "
                '`override_note: "lý do"` vào bản ghi để giữ nguyên số liệu')
DATA_FILES = ("các tệp số liệu: awards.yaml, contribution_norms.yaml, datapackage.yaml, "
              "fund_reports.yaml, funds.yaml, learning_models.yaml, learning_registration.yaml, "
              "organisation.yaml, support.yaml, training.yaml, units.yaml")
FIX_TAG = "xoá phần bắt đầu bằng dấu chấm than (!) và chỉ viết giá trị"


def organisation(members, extra=""):
    return f"- unit: khoi-cq\n  year: 2019\n  branches: 71\n  members: {members}\n{extra}"


def learning(**figures):
    lines = "".join(f"  {name}: {value}\n" for name, value in figures.items())
    return f"- unit: khoi-cq\n  year: 2024\n  model: Đơn vị học tập\n{lines}"


@pytest.fixture(scope="module")
def last_good(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("last-good-data"))
    shutil.rmtree(site.root / "data")
    shutil.copytree(PROJECT / "data", site.root / "data")
    site.article("2020-03-23-quy.md", title="Quỹ khuyến học năm 2019")
    return LastGoodSite(site)


CASES = [
    # --- any YAML file ---
    ("malformed-yaml", {ORGANISATION: "- unit: khoi-cq\n  year: 2019\n members: 8240\n"}, [
        "data/organisation.yaml, dòng 3, cột 2: thụt lề không thẳng hàng. Cách sửa: các trường "
        "của cùng một bản ghi phải thẳng cột với nhau (cùng số dấu cách ở đầu dòng)",
    ]),
    ("unclosed-quote", {ORGANISATION: organisation("8240", '  note: "Báo cáo năm\n')}, [
        "data/organisation.yaml, dòng 6, cột 1: tệp kết thúc khi một ngoặc kép chưa được "
        "đóng. Cách sửa: đóng ngoặc kép ở cuối giá trị",
    ]),
    # YAML 1.1's surprises and resource bombs (issue 17, point 3).
    ("time-in-a-number-field", {ORGANISATION: organisation("8:30")}, [
        'data/organisation.yaml, dòng 4, cột 12: trường "organisation[0].members": phải là '
        "một số nguyên, có thể kèm một từ ước lượng đứng trước (gặp: 8:30). Cách sửa: viết số, "
        "ví dụ 8240 hoặc 8_240; số ước lượng viết như: hơn 8000 (dùng một trong các từ: trên, "
        "hơn, gần, khoảng)",
    ]),
    ("billion-laughs", {ORGANISATION: (
        'a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]\n'
        + "".join(f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n"
                  for a, b in zip("abcdefgh", "bcdefghi")))}, [
        "data/organisation.yaml, dòng 2, cột 8: bí danh YAML (*a) không được dùng. Cách sửa: "
        "viết lại đầy đủ giá trị ở đây thay cho *a (và bỏ &a ở chỗ đặt tên)",
    ]),
    ("alias-of-a-record", {ORGANISATION: "- &ban-dau\n  unit: khoi-cq\n  year: 2019\n"
                                         "  branches: 71\n  members: 8240\n- *ban-dau\n"}, [
        "data/organisation.yaml, dòng 6, cột 3: bí danh YAML (*ban-dau) không được dùng. "
        "Cách sửa: viết lại đầy đủ giá trị ở đây thay cho *ban-dau (và bỏ &ban-dau ở chỗ "
        "đặt tên)",
    ]),
    ("nesting-twenty-thousand-deep", {ORGANISATION: "- unit: " + "[" * 20_000 + "]" * 20_000}, [
        "data/organisation.yaml, dòng 1, cột 57: dữ liệu lồng nhau quá sâu (hơn 50 tầng). "
        "Cách sửa: mỗi bản ghi chỉ cần vài tầng: kiểm tra các dấu [ và { chưa đóng và thụt "
        "lề từ dòng này",
    ]),
    # A file in data/ that no dataset reads: said, not skipped (issue 17, point 4).
    ("files-that-are-no-dataset", {
        "data/organisation-2025.yaml": organisation("8240"),
        "data/support.yml": "[]\n",
        "data/funds.yml": "[]\n",
        "data/bao-cao-2025.xlsx": b"PK\x03\x04",
        "data/bao-cao-2025.csv": "unit;year;members\nkhoi-cq;2025;8300\n",
        "data/ghi-chu.txt": "số liệu năm 2025\n",
        "data/cu/organisation.yaml": organisation("8240"),
    }, [
        # Spreadsheets are spreadsheet_records' to tell, once (issue 21).
        "data/bao-cao-2025.csv: tệp bảng tính không mang tên bộ số liệu nào nên không được "
        "đọc (gặp: bao-cao-2025.csv). Cách sửa: đặt tệp vào thư mục data/<tên bộ số liệu>/, "
        "ví dụ data/learning_registration/bao-cao-2025.csv; các bộ số liệu: units, funds, "
        "awards, organisation, support, learning_models, training, fund_reports, "
        "contribution_norms, learning_registration",
        "data/bao-cao-2025.xlsx: tệp bảng tính không mang tên bộ số liệu nào nên không được "
        "đọc (gặp: bao-cao-2025.xlsx). Cách sửa: đặt tệp vào thư mục data/<tên bộ số liệu>/, "
        "ví dụ data/learning_registration/bao-cao-2025.xlsx; các bộ số liệu: units, funds, "
        "awards, organisation, support, learning_models, training, fund_reports, "
        "contribution_norms, learning_registration",
        "data/cu: thư mục trong data/ không được đọc: số liệu trong đó không được dùng (gặp: "
        "cu). Cách sửa: chép số liệu vào tệp của bộ số liệu rồi chuyển thư mục ra khỏi data/ "
        f"({DATA_FILES})",
        "data/funds.yml: tên tệp số liệu phải có đuôi .yaml: tệp này không được đọc (gặp: "
        "funds.yml). Cách sửa: chép các bản ghi vào data/funds.yaml rồi xoá tệp này",
        "data/ghi-chu.txt: tệp này không phải bộ số liệu: data/ chỉ chứa các tệp số liệu "
        "(gặp: ghi-chu.txt). Cách sửa: chuyển tệp ra khỏi data/ "
        f"({DATA_FILES}; bảng tính .xlsx, .csv đặt tên theo bộ số liệu)",
        "data/organisation-2025.yaml: tệp này không phải bộ số liệu nào: số liệu trong đó "
        "không được dùng (gặp: organisation-2025.yaml). Cách sửa: mỗi bộ số liệu một tệp, "
        "mọi năm trong cùng tệp: chép các bản ghi vào data/organisation.yaml, rồi xoá tệp "
        f"này ({DATA_FILES})",
        "data/support.yml: tên tệp số liệu phải có đuôi .yaml: tệp này không được đọc (gặp: "
        "support.yml). Cách sửa: chép các bản ghi vào data/support.yaml rồi xoá tệp này",
    ]),
    ("tab-indentation", {ORGANISATION: "- unit: khoi-cq\n\tyear: 2019\n"}, [
        "data/organisation.yaml, dòng 2, cột 1: có ký tự Tab. Cách sửa: dùng dấu cách để thụt "
        "lề, không dùng phím Tab",
    ]),
    ("empty-file", {AWARDS: b""}, [
        "data/awards.yaml, dòng 1: tệp trống, không có bản ghi nào. Cách sửa: mỗi bản ghi bắt "
        "đầu bằng một dòng `- unit: ...` (xem docs/data.md); nếu chưa có số liệu, viết `[]`",
    ]),
    ("only-comments", {AWARDS: "# chưa có số liệu\n"}, [
        "data/awards.yaml, dòng 1: tệp trống, không có bản ghi nào. Cách sửa: mỗi bản ghi bắt "
        "đầu bằng một dòng `- unit: ...` (xem docs/data.md); nếu chưa có số liệu, viết `[]`",
    ]),
    ("not-utf8", {ORGANISATION: organisation("8240", "  note: Ghi chú\n").encode("cp1258", "replace")}, [
        "data/organisation.yaml, dòng 5: tệp không được lưu theo bảng mã UTF-8. Cách sửa: mở "
        "tệp trong trình soạn thảo, chọn Lưu với bảng mã (Encoding) UTF-8",
    ]),
    ("mapping-where-the-list-belongs", {ORGANISATION: "unit: khoi-cq\nyear: 2019\nmembers: 8240\n"}, [
        "data/organisation.yaml, dòng 1, cột 1: tệp phải là một danh sách bản ghi, mỗi bản ghi "
        "bắt đầu bằng dấu -. Cách sửa: viết dấu - và một dấu cách trước trường đầu tiên của "
        "mỗi bản ghi, ví dụ `- unit: khoi-cq`",
    ]),
    ("list-where-a-record-belongs", {ORGANISATION: "- [khoi-cq, 2019, 8240]\n"}, [
        'data/organisation.yaml, dòng 1, cột 3: trường "organisation[0]": mỗi bản ghi phải là '
        "các dòng `tên trường: giá trị` (gặp: danh sách [khoi-cq, 2019, 8240]). Cách sửa: viết "
        "mỗi trường trên một dòng, thụt lề thẳng hàng dưới dòng `- ...`; ví dụ "
        "`- unit: khoi-cq` rồi `  year: 2019`",
    ]),
    ("list-where-a-number-belongs", {ORGANISATION: organisation("[8000, 240]")}, [
        'data/organisation.yaml, dòng 4, cột 12: trường "organisation[0].members": phải là '
        "một số nguyên (số đếm được), không phải một danh sách (gặp: danh sách [8000, 240]). "
        "Cách sửa: viết một giá trị ngay sau dấu hai chấm, trên cùng dòng",
    ]),
    ("mapping-where-text-belongs", {UNITS: (PROJECT / UNITS).read_text(encoding="utf-8")
                                    + "\n- id: so-xd\n  name:\n    vi: Chi hội Sở Xây dựng\n"
                                      "  short_name: Sở Xây dựng\n  level: cơ sở\n"}, [
        'data/units.yaml, dòng 59, cột 5: trường "units[8].name": phải là một đoạn chữ, không '
        "phải một nhóm trường (gặp: nhóm trường {vi: Chi hội Sở Xây dựng}). Cách sửa: viết một "
        "giá trị ngay sau dấu hai chấm; kiểm tra thụt lề của các dòng bên dưới",
    ]),
    ("unknown-field", {ORGANISATION: organisation("8240", "  menbers: 8240\n")}, [
        'data/organisation.yaml, dòng 5, cột 3: trường "organisation[0].menbers": trường không '
        'có trong danh sách (gặp: menbers). Cách sửa: có phải ý bạn là "members"? Sửa tên '
        "trường",
    ]),
    ("field-twice", {ORGANISATION: organisation("8240", "  members: 8250\n")}, [
        'data/organisation.yaml, dòng 5, cột 3: trường "organisation[0].members": trường bị viết hai lần '
        "(lần đầu ở dòng 4). Cách sửa: giữ một dòng và xoá dòng còn lại",
    ]),
    ("missing-required-field", {FUNDS: FUND_2018.replace("  closing: 425_000_000\n", "")}, [
        'data/funds.yaml, dòng 1, cột 3: trường "funds[0].closing": thiếu trường bắt buộc. '
        "Cách sửa: thêm dòng `closing: ...` (Số dư cuối năm (đồng)) vào bản ghi này",
    ]),
    ("python-object-tag", {ORGANISATION: organisation('!!python/object/apply:os.system ["id"]')}, [
        'data/organisation.yaml, dòng 4, cột 12: trường "organisation[0].members": kiểu giá trị đặc biệt '
        f"của YAML không được phép (gặp: !!python/object/apply:os.system). Cách sửa: {FIX_TAG}",
    ]),
    # --- numbers ---
    ("vietnamese-thousands", {ORGANISATION: organisation("8.240")}, [
        'data/organisation.yaml, dòng 4, cột 12: trường "organisation[0].members": số viết có dấu chấm '
        "ngăn cách hàng nghìn sẽ bị đọc sai (gặp: 8.240). Cách sửa: viết 8240 hoặc 8_240 "
        "(không dùng dấu chấm ngăn cách hàng nghìn)",
    ]),
    ("thousands-inside-a-qualified-figure", {ORGANISATION: organisation("hơn 8.000")}, [
        'data/organisation.yaml, dòng 4, cột 12: trường "organisation[0].members": số viết có '
        "dấu ngăn cách hàng nghìn sẽ bị đọc sai (gặp: hơn 8.000). Cách sửa: viết hơn 8000 hoặc "
        "hơn 8_000 (không dùng dấu chấm, dấu phẩy ngăn cách hàng nghìn)",
    ]),
    ("leading-zero", {ORGANISATION: organisation("08240")}, [
        'data/organisation.yaml, dòng 4, cột 12: trường "organisation[0].members": số có chữ số 0 ở đầu '
        "sẽ bị đọc sai (gặp: 08240). Cách sửa: viết 8240 (bỏ số 0 ở đầu); nếu là mã số hay "
        'số điện thoại, đặt trong ngoặc kép: "08240"',
    ]),
    ("decimal-where-whole-number-belongs", {ORGANISATION: organisation("8240.5")}, [
        'data/organisation.yaml, dòng 4, cột 12: trường "organisation[0].members": phải là '
        "một số nguyên (số đếm được), không có phần lẻ (gặp: 8240.5). Cách sửa: viết số "
        "nguyên, ví dụ 8240 hoặc 8_240",
    ]),
    ("words-where-a-number-belongs", {ORGANISATION: organisation("tám nghìn")}, [
        'data/organisation.yaml, dòng 4, cột 12: trường "organisation[0].members": phải là '
        "một số nguyên, có thể kèm một từ ước lượng đứng trước (gặp: tám nghìn). Cách sửa: "
        "viết số, ví dụ 8240 hoặc 8_240; số ước lượng viết như: hơn 8000 (dùng một trong các "
        "từ: trên, hơn, gần, khoảng)",
    ]),
    ("money-in-words", {FUNDS: FUND_2018.replace("164_000_000", "164 triệu")}, [
        'data/funds.yaml, dòng 4, cột 11: trường "funds[0].raised": số phải viết đủ chữ số, '
        "không viết chữ triệu, tỷ, nghìn (gặp: 164 triệu). Cách sửa: viết 164000000 hoặc "
        "164_000_000",
    ]),
    ("money-with-currency", {FUNDS: FUND_2018.replace("164_000_000", "164000000 đồng")}, [
        'data/funds.yaml, dòng 4, cột 11: trường "funds[0].raised": chỉ viết con số, không '
        "viết đơn vị tiền (gặp: 164000000 đồng). Cách sửa: viết 164000000",
    ]),
    ("negative-money", {FUNDS: FUND_2018.replace("298_500_000", "-298_500_000")}, [
        'data/funds.yaml, dòng 5, cột 14: trường "funds[0].disbursed": không được là số âm '
        "(gặp: -298500000). Cách sửa: viết số không âm; khoản chi ghi vào trường chi, không "
        "ghi số âm",
    ]),
    ("money-too-large-to-be-true", {FUNDS: FUND_2018.replace("164_000_000", "164_000_000_000_000")}, [
        'data/funds.yaml, dòng 4, cột 11: trường "funds[0].raised": số quá lớn, có thể thừa '
        f"chữ số 0 (gặp: 164.000.000.000.000). Cách sửa: {FIX_EXTRA_ZEROS} "
        "100.000.000.000 đồng",
    ]),
    ("count-too-large-to-be-true", {ORGANISATION: organisation("824_000_000")}, [
        'data/organisation.yaml, dòng 4, cột 12: trường "organisation[0].members": số quá lớn, '
        f"có thể thừa chữ số 0 (gặp: 824.000.000). Cách sửa: {FIX_EXTRA_ZEROS} 100.000.000",
    ]),
    ("unknown-qualifier", {ORGANISATION: organisation("chừng 8000")}, [
        'data/organisation.yaml, dòng 4, cột 12: trường "organisation[0].members": từ ước '
        "lượng không hợp lệ (gặp: chừng 8000). Cách sửa: dùng một trong các từ: trên, hơn, "
        "gần, khoảng, ví dụ: hơn 8000",
    ]),
    ("qualifier-in-the-fund-ledger", {FUNDS: FUND_2018.replace("298_500_000", "gần 298500000")}, [
        'data/funds.yaml, dòng 5, cột 14: trường "funds[0].disbursed": số liệu sổ quỹ phải '
        "chính xác đến từng đồng, không dùng trên/hơn/gần/khoảng (gặp: gần 298500000). Cách "
        "sửa: viết số chính xác, ví dụ 298500000 hoặc 298_500_000; cách nói ước lượng (như "
        '"gần 300 triệu") để trong bài viết',
    ]),
    ("percent-above-100", {LEARNING: learning(target_achieved=185)}, [
        'data/learning_models.yaml, dòng 4, cột 20: trường "learning_models[0].target_achieved": '
        "tỷ lệ phần trăm phải từ 0 đến 100 (gặp: 185). Cách sửa: viết một số từ 0 đến 100, "
        "không kèm dấu %",
    ]),
    ("percent-with-sign", {LEARNING: learning(target_achieved="85%")}, [
        'data/learning_models.yaml, dòng 4, cột 20: trường "learning_models[0].target_achieved": '
        "chỉ viết con số, không kèm dấu % (gặp: 85%). Cách sửa: viết 85",
    ]),
    # --- years, dates, choices, lists ---
    ("school-year", {ORGANISATION: organisation("8240").replace("year: 2019", "year: 2018 - 2019")}, [
        'data/organisation.yaml, dòng 2, cột 9: trường "organisation[0].year": phải là một năm '
        "viết bằng bốn chữ số (gặp: 2018 - 2019). Cách sửa: viết năm, ví dụ 2019; với năm học "
        "2018 - 2019, ghi năm kết thúc 2019",
    ]),
    ("year-before-the-associations", {ORGANISATION: organisation("8240").replace("2019", "1919")}, [
        'data/organisation.yaml, dòng 2, cột 9: trường "organisation[0].year": năm phải từ '
        "1996 đến {NEXT_YEAR} (gặp: 1919). Cách sửa: kiểm tra lại năm, viết đủ bốn chữ số, ví "
        "dụ 2019",
    ]),
    ("value-outside-its-choices", {AWARDS: "- unit: khoi-cq\n  year: 2018\n  issuer: hoi-kh-tinh\n"
                                           "  kind: Bằng khen\n  recipient: hội viên\n  count: 3\n"}, [
        'data/awards.yaml, dòng 5, cột 14: trường "awards[0].recipient": giá trị không có '
        "trong danh sách (gặp: hội viên). Cách sửa: viết một trong các giá trị: tập thể, cá nhân",
    ]),
    ("names-not-a-list", {AWARDS: "- unit: khoi-cq\n  year: 2018\n  issuer: hoi-kh-tinh\n"
                                  "  kind: Giấy khen\n  recipient: cá nhân\n  count: 1\n"
                                  "  names: Nguyễn Văn An\n"}, [
        'data/awards.yaml, dòng 7, cột 10: trường "awards[0].names": phải là một danh sách '
        "(gặp: Nguyễn Văn An). Cách sửa: viết `names: [tên thứ nhất, tên thứ hai]` hoặc mỗi "
        "tên một dòng bắt đầu bằng dấu -",
    ]),
    ("date-that-is-not-a-date", {AWARDS: "- unit: khoi-cq\n  year: 2018\n  issuer: hoi-kh-tinh\n"
                                         "  kind: Giấy khen\n  recipient: cá nhân\n  count: 1\n"
                                         "  date: 25/12/2018\n"}, [
        'data/awards.yaml, dòng 7, cột 9: trường "awards[0].date": phải là một ngày theo dạng '
        "năm-tháng-ngày (gặp: 25/12/2018). Cách sửa: viết ngày theo dạng 2018-12-26",
    ]),
    ("date-that-does-not-exist", {AWARDS: "- unit: khoi-cq\n  year: 2018\n  issuer: hoi-kh-tinh\n"
                                          "  kind: Giấy khen\n  recipient: cá nhân\n  count: 1\n"
                                          "  date: 2018-02-30\n"}, [
        'data/awards.yaml, dòng 7, cột 9: trường "awards[0].date": ngày không hợp lệ (gặp: '
        "2018-02-30). Cách sửa: viết ngày có thật theo dạng 2018-12-26",
    ]),
    # --- units ---
    ("unit-id-with-diacritics", {UNITS: (PROJECT / UNITS).read_text(encoding="utf-8")
                                 + "\n- id: Sở Xây dựng\n  name: Chi hội Sở Xây dựng\n"
                                   "  short_name: Sở Xây dựng\n  level: cơ sở\n"}, [
        'data/units.yaml, dòng 57, cột 7: trường "units[8].id": mã đơn vị chỉ được gồm chữ '
        "thường không dấu, chữ số và dấu gạch nối (gặp: Sở Xây dựng). Cách sửa: viết "
        "`id: so-xay-dung` và sửa mã này ở các tệp khác nếu đã dùng",
    ]),
    ("units-whose-parents-loop", {UNITS: (PROJECT / UNITS).read_text(encoding="utf-8").replace(
        "  parent: hoi-khvn\n", "  parent: khoi-cq\n")}, [
        'data/units.yaml, dòng 15, cột 11: trường "units[1].parent": đơn vị cấp trên tạo thành '
        "vòng lặp: hoi-kh-tinh (dòng 11) → khoi-cq (dòng 17) → hoi-kh-tinh (gặp: khoi-cq). "
        "Cách sửa: sửa parent của một trong các đơn vị hoi-kh-tinh, khoi-cq thành đúng đơn vị "
        "cấp trên; đơn vị cao nhất (Hội cấp trên cùng) không có dòng parent",
    ]),
    ("unknown-unit", {ORGANISATION: organisation("8240").replace("khoi-cq", "khoi-qc")}, [
        'data/organisation.yaml, dòng 1, cột 9: trường "organisation[0].unit": mã đơn vị không '
        'có trong units.yaml (gặp: khoi-qc). Cách sửa: có phải ý bạn là "khoi-cq"? Nếu là đơn '
        "vị mới, thêm nó vào units.yaml",
    ]),
    # --- across records ---
    ("same-unit-and-year-twice", {ORGANISATION: organisation("8240") + "\n" + organisation("8250")}, [
        'data/organisation.yaml, dòng 6, cột 3: trường "organisation[1]": bản ghi trùng với bản '
        "ghi ở dòng 1 (gặp: unit: khoi-cq, year: 2019). Cách sửa: gộp hai bản ghi thành một, "
        "hoặc sửa lại đơn vị, năm cho đúng",
    ]),
    ("closing-does-not-add-up", {FUNDS: FUND_2018.replace("425_000_000", "452_000_000")}, [
        'data/funds.yaml, dòng 6, cột 12: trường "funds[0].closing": số dư cuối năm không khớp '
        "sổ quỹ: đầu năm 559.500.000 + huy động 164.000.000 − chi 298.500.000 = 425.000.000, "
        "nhưng closing ghi 452.000.000 (gặp: 452000000). Cách sửa: sửa closing thành "
        "425000000, hoặc sửa opening, raised, disbursed cho đúng sổ quỹ",
    ]),
    ("opening-is-not-last-years-closing", {FUNDS: FUND_2018 + "\n- unit: khoi-cq\n  year: 2019\n"
                                           "  opening: 452_000_000\n  raised: 186_400_000\n"
                                           "  disbursed: 172_300_000\n  closing: 466_100_000\n"}, [
        'data/funds.yaml, dòng 10, cột 12: trường "funds[1].opening": số dư đầu năm 2019 '
        "(452.000.000) khác số dư cuối năm 2018 (425.000.000, dòng 6) (gặp: 452000000). Cách "
        "sửa: số dư đầu năm phải bằng số dư cuối năm trước: sửa opening thành 425000000, hoặc "
        "sửa closing của năm 2018",
    ]),
    ("achieved-above-registered", {LEARNING: learning(total=75, registered=70, achieved=72)}, [
        'data/learning_models.yaml, dòng 6, cột 13: trường "learning_models[0].achieved": số '
        "đạt danh hiệu (achieved) lớn hơn số đăng ký (registered) (gặp: achieved: 72, "
        f"registered: 70). Cách sửa: {FIX_OVERRIDE}",
    ]),
    ("registered-above-total", {LEARNING: learning(total=75, registered=80, achieved=66)}, [
        'data/learning_models.yaml, dòng 5, cột 15: trường "learning_models[0].registered": số '
        "đăng ký (registered) lớn hơn tổng số (total) (gặp: registered: 80, total: 75). "
        f"Cách sửa: {FIX_OVERRIDE}",
    ]),
    ("ratings-above-achieved", {LEARNING: learning(total=75, registered=75, achieved=66,
                                                   rated_good=40, rated_fair=30)}, [
        'data/learning_models.yaml, dòng 7, cột 15: trường "learning_models[0].rated_good": '
        "tổng số xếp loại Tốt, Khá, Trung bình lớn hơn số đạt danh hiệu (achieved) (gặp: "
        f"40 + 30 = 70, achieved: 66). Cách sửa: {FIX_OVERRIDE}",
    ]),
]


def _expected(messages):
    import datetime
    next_year = datetime.date.today().year + 1
    return [m.replace("{NEXT_YEAR}", str(next_year)) for m in messages]


@pytest.mark.parametrize("files, messages", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_data_is_refused_and_the_site_kept(last_good, files, messages):
    assert_refused(last_good.refuse(files), _expected(messages), last_good)


def test_every_mistake_of_every_data_file_is_listed_together(last_good):
    refusal = last_good.refuse({
        ORGANISATION: organisation("8.240"),
        FUNDS: FUND_2018.replace("425_000_000", "452_000_000"),
    })
    assert refusal.code == 1
    assert [m.split(":")[0] for m in refusal.messages] == [
        "data/funds.yaml, dòng 6, cột 12",
        "data/organisation.yaml, dòng 4, cột 12",
    ]
    last_good.assert_untouched()


def test_command_line_refuses_bad_data_with_exit_code_1(last_good):
    refusal = last_good.refuse_on_command_line({ORGANISATION: "- unit: khoi-cq\n\tyear: 2019\n"})
    assert_refused(refusal, [
        "data/organisation.yaml, dòng 2, cột 1: có ký tự Tab. Cách sửa: dùng dấu cách để thụt "
        "lề, không dùng phím Tab",
    ], last_good)
