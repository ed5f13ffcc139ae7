"""Vietnamese formats: exact outputs, edge cases included."""

import datetime
from decimal import Decimal

import pytest
from babel.numbers import format_decimal

from khuyenhoc.vietnamese import formats

NBSP = "\u00a0"


@pytest.mark.parametrize("value, expected", [
    (0, "0"),
    (7, "7"),
    (1230, "1.230"),
    (425_000_000, "425.000.000"),
    (-1_500, "-1.500"),
    (10**15, "1.000.000.000.000.000"),
    (1586.3, "1.586,3"),
])
def test_number(value, expected):
    assert formats.number(value) == expected


@pytest.mark.parametrize("value, places, expected", [
    (2.5, 1, "2,5"),
    (3.0, 1, "3"),
    (0.05, 1, "0,1"),     # half-up, where Babel would give 0
    (1.25, 1, "1,3"),     # half-up, where Babel would give 1,2
    (-1.25, 1, "-1,3"),
])
def test_number_rounding(value, places, expected):
    assert formats.number(value, places) == expected


def test_rounded_numbers_are_written_as_babel_writes_vietnamese():
    # number(v, places) groups and separates without Babel; Babel is the reference.
    values = [0, 0.05, -0.049, 1.005, 2.5, 999.95, 1586.25, -1586.3, 999999.999,
              12345678.9, 10 ** 12 + 0.5, Decimal("425.15"), Decimal("-0.1")]
    values += [n / 7 for n in range(-2000, 2000, 37)] + [n * 1234.5678 for n in range(60)]
    for value in values:
        for places in (0, 1, 2, 3):
            rounded = formats._round_half_up(value, places)
            rounded = rounded.normalize() if rounded != rounded.to_integral() \
                else rounded.to_integral()
            assert formats.number(value, places) == format_decimal(
                rounded, locale="vi", decimal_quantization=False), (value, places)


@pytest.mark.parametrize("value, expected", [
    (0, "0 đồng"),
    (425_000_000, "425.000.000 đồng"),
    (-5_000, "-5.000 đồng"),
])
def test_money(value, expected):
    assert formats.money(value) == expected.replace(" ", NBSP)


@pytest.mark.parametrize("value, expected", [
    (0, "0 đồng"),
    (10_000, "10.000 đồng"),
    (999_999, "999.999 đồng"),
    (999_999.5, "1 triệu đồng"),
    (1_000_000, "1 triệu đồng"),
    (1_050_000, "1,1 triệu đồng"),
    (164_000_000, "164 triệu đồng"),
    (186_400_000, "186,4 triệu đồng"),
    (298_450_000, "298,5 triệu đồng"),
    (425_000_000, "425 triệu đồng"),
    (950_000_000, "950 triệu đồng"),
    (999_940_000, "999,9 triệu đồng"),
    (999_950_000, "1 tỷ đồng"),
    (999_960_000, "1 tỷ đồng"),
    (1_200_000_000, "1,2 tỷ đồng"),
    (1_249_999_999, "1,2 tỷ đồng"),
    (1_250_000_000, "1,3 tỷ đồng"),
    (1_234_567_000_000, "1.234,6 tỷ đồng"),
    (-425_000_000, "-425 triệu đồng"),
    (-0.4, "0 đồng"),
])
def test_money_short(value, expected):
    assert formats.money_short(value) == expected.replace(" ", NBSP)


@pytest.mark.parametrize("value, expected", [
    (0, "0%"), (85, "85%"), (100, "100%"), (85.25, "85,3%"), (12.5, "12,5%"),
])
def test_percent(value, expected):
    assert formats.percent(value) == expected


def test_ratio_percent():
    assert formats.ratio_percent(66, 75) == "88%"
    assert formats.ratio_percent(2, 3) == "66,7%"
    assert formats.ratio_percent(5, 0) == ""


@pytest.mark.parametrize("form, expected", [
    ("full", "Thứ Hai, 23/03/2020"),
    ("short", "23/03/2020"),
    ("long", "ngày 23 tháng 3 năm 2020"),
    ("month", "tháng 3/2020"),
    ("year", "2020"),
])
def test_date_forms(form, expected):
    assert formats.date(datetime.date(2020, 3, 23), form) == expected


def test_date_every_weekday_and_datetime():
    names = [formats.date(datetime.datetime(2020, 3, 23 + i, 8, 30)).split(",")[0]
             for i in range(7)]
    assert names == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def test_date_unknown_form_says_which_exist():
    with pytest.raises(ValueError, match="use one of short, full, long"):
        formats.date(datetime.date(2020, 1, 1), "fancy")


def test_none_gives_empty_text():
    for function in (formats.number, formats.money, formats.money_short,
                     formats.percent, formats.date, formats.isodate):
        assert function(None) == ""
