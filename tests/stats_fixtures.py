"""Small data files for the tests of figures, tables, charts and statistics pages.

The figures are those of the sample bulletins (Hội Khuyến học Khối, 2018-2019)
plus one unit whose names hold HTML, quotes and dollar signs, to prove they
are shown as text everywhere.
"""

UNITS = """\
- id: hoi-kh-tinh
  name: Hội Khuyến học tỉnh Thanh Hóa
  short_name: Hội Khuyến học tỉnh
  level: tỉnh

- id: khoi-cq
  name: Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa
  short_name: Hội Khuyến học Khối
  level: khối
  parent: hoi-kh-tinh

- id: so-a
  name: "Chi hội <b>Sở A</b> & \\"B\\""
  short_name: "Chi hội <i>A</i> & $5$"
  level: cơ sở
  parent: khoi-cq
"""

FUNDS = """\
- unit: khoi-cq
  year: 2018
  opening: 559_500_000
  raised: 164_000_000
  disbursed: 298_500_000
  closing: 425_000_000

- unit: khoi-cq
  year: 2019
  opening: 425_000_000
  raised: 186_400_000
  disbursed: 172_300_000
  closing: 439_100_000

- unit: khoi-cq
  year: 2020
  opening: 439_100_000
  raised: 152_750_000
  disbursed: 160_200_000
  closing: 431_650_000

- unit: so-a
  year: 2019
  opening: 10_000_000
  raised: 5_000_000
  disbursed: 3_000_000
  closing: 12_000_000
"""

ORGANISATION = """\
- unit: khoi-cq
  year: 2018
  branches: 70
  members: hơn 8000

- unit: khoi-cq
  year: 2019
  branches: 71
  members: 8240
"""

AWARDS = """\
- unit: khoi-cq
  year: 2018
  issuer: hoi-kh-tinh
  kind: Giấy khen
  recipient: tập thể
  count: 7

- unit: khoi-cq
  year: 2018
  issuer: hoi-kh-tinh
  kind: Giấy khen
  recipient: cá nhân
  count: 8

- unit: khoi-cq
  year: 2018
  issuer: khoi-cq
  kind: Giấy khen
  recipient: tập thể
  count: 6

- unit: khoi-cq
  year: 2019
  issuer: khoi-cq
  kind: Giấy khen
  recipient: tập thể
  count: 7
"""

LEARNING_MODELS = """\
- unit: khoi-cq
  year: 2024
  model: Đơn vị học tập
  total: 75
  registered: 75
  achieved: 66
  target_registered: 100
  target_achieved: 85

- unit: khoi-cq
  year: 2024
  model: Gia đình học tập
  target_registered: 100
  target_achieved: 90
"""

DATA = {
    "units": UNITS,
    "funds": FUNDS,
    "organisation": ORGANISATION,
    "awards": AWARDS,
    "learning_models": LEARNING_MODELS,
}


def write_data(site):
    for name, text in DATA.items():
        site.write(f"data/{name}.yaml", text)
