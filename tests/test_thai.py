"""Thai calendar text: digits, BE years, fiscal years, months, periods, dates and numbers."""

from __future__ import annotations

import pickle
from datetime import date, timedelta
from decimal import Decimal

import pytest

from site_builder.thai import (
    MONTHS,
    THAI_DIGITS,
    Month,
    Period,
    ThaiDateError,
    YearMonth,
    be_to_ce,
    ce_to_be,
    fiscal_year_bounds,
    fiscal_year_of,
    format_date,
    format_number,
    format_period,
    format_year_month,
    normalize_thai,
    parse_date,
    parse_month,
    parse_period,
    to_arabic_digits,
    to_thai_digits,
)

ABBRS = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
]
NAMES = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
]
# (number, word) for every abbreviation and every full name: 24 month words.
MONTH_WORDS = [(n, w) for n, w in enumerate(ABBRS, start=1)] + [
    (n, w) for n, w in enumerate(NAMES, start=1)
]


def span(p: Period) -> tuple[str, str]:
    return p.start.iso(), p.end.iso()


def assert_thai_error(exc: ThaiDateError) -> None:
    assert exc.thai.strip()
    assert exc.english.strip()
    assert str(exc) == f"{exc.thai} ({exc.english})"


# --- digits, normalisation, years -----------------------------------------------------------


def test_thai_digits_constant() -> None:
    assert THAI_DIGITS == "๐๑๒๓๔๕๖๗๘๙"


def test_to_thai_digits_changes_only_digits() -> None:
    assert to_thai_digits("0123456789") == "๐๑๒๓๔๕๖๗๘๙"
    assert to_thai_digits("15 ม.ค. 2568, ข้อ 3.5") == "๑๕ ม.ค. ๒๕๖๘, ข้อ ๓.๕"
    assert to_thai_digits("abc") == "abc"


def test_to_arabic_digits_changes_only_digits() -> None:
    assert to_arabic_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"
    assert to_arabic_digits("ปี ๒๕๖๘ (2568)") == "ปี 2568 (2568)"


def test_digit_conversions_round_trip() -> None:
    text = "๑๕ ม.ค. ๒๕๖๘ เวลา ๐๙:๓๐"
    assert to_thai_digits(to_arabic_digits(text)) == text


def test_normalize_thai_joins_split_sara_am() -> None:
    assert normalize_thai("น\u0e4d\u0e32") == "น\u0e33"
    assert normalize_thai("ก\u0e4d\u0e32หนด") == "กำหนด"


def test_normalize_thai_sara_am_with_tone_mark_between() -> None:
    assert normalize_thai("น\u0e4d\u0e49\u0e32") == "น้ำ"
    assert normalize_thai("น\u0e4d\u0e49\u0e32") == "น\u0e49\u0e33"


def test_normalize_thai_sara_am_with_tone_mark_before() -> None:
    assert normalize_thai("น\u0e49\u0e4d\u0e32") == "น้ำ"


def test_normalize_thai_leaves_correct_text_alone() -> None:
    assert normalize_thai("น้ำ กำหนด ตุลาคม") == "น้ำ กำหนด ตุลาคม"
    # A lone NIKHAHIT or SARA AA is not a SARA AM.
    assert normalize_thai("\u0e4dก\u0e32") == "\u0e4dก\u0e32"


def test_normalize_thai_applies_nfc() -> None:
    assert normalize_thai("e\u0301") == "\u00e9"


def test_be_ce_conversion() -> None:
    assert be_to_ce(2568) == 2025
    assert ce_to_be(2025) == 2568
    assert be_to_ce(ce_to_be(1999)) == 1999


# --- months ---------------------------------------------------------------------------------


def test_months_table() -> None:
    assert len(MONTHS) == 12
    assert MONTHS[0] == Month(1, "มกราคม", "ม.ค.")
    assert MONTHS[11] == Month(12, "ธันวาคม", "ธ.ค.")
    assert [m.number for m in MONTHS] == list(range(1, 13))
    assert [m.abbr for m in MONTHS] == ABBRS
    assert [m.name for m in MONTHS] == NAMES


def test_month_is_frozen() -> None:
    with pytest.raises(AttributeError):
        MONTHS[0].name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(("number", "word"), MONTH_WORDS)
def test_parse_month_every_word(number: int, word: str) -> None:
    assert parse_month(word) == number


@pytest.mark.parametrize(("number", "abbr"), list(enumerate(ABBRS, start=1)))
def test_parse_month_abbreviation_variants(number: int, abbr: str) -> None:
    assert parse_month(abbr.replace(".", "")) == number  # มค
    assert parse_month(abbr[:-1]) == number  # ม.ค
    assert parse_month(abbr.replace(".", ". ").strip()) == number  # ม. ค.
    assert parse_month(f"  {abbr}  ") == number


@pytest.mark.parametrize("text", ["", " ", "มกรา", "Jan", "ม.ค.ค.", "พ.ศ.", "13", "ตค.พย."])
def test_parse_month_unknown(text: str) -> None:
    assert parse_month(text) is None


# --- fiscal years ---------------------------------------------------------------------------


def test_fiscal_year_boundaries() -> None:
    assert fiscal_year_of(date(2025, 9, 30)) == 2568
    assert fiscal_year_of(date(2025, 10, 1)) == 2569
    assert fiscal_year_of(date(2024, 10, 1)) == 2568
    assert fiscal_year_of(date(2024, 9, 30)) == 2567
    assert fiscal_year_of(date(2025, 1, 1)) == 2568
    assert fiscal_year_of(date(2024, 12, 31)) == 2568


def test_fiscal_year_bounds_2568() -> None:
    assert fiscal_year_bounds(2568) == (date(2024, 10, 1), date(2025, 9, 30))
    assert fiscal_year_bounds(2569) == (date(2025, 10, 1), date(2026, 9, 30))


def test_fiscal_year_of_agrees_with_bounds_every_day() -> None:
    day = date(2023, 9, 1)
    while day <= date(2026, 10, 31):
        first, last = fiscal_year_bounds(fiscal_year_of(day))
        assert first <= day <= last
        day += timedelta(days=1)


def test_year_month_iso_and_fiscal_year() -> None:
    assert YearMonth(2025, 1).iso() == "2025-01"
    assert YearMonth(2024, 10).iso() == "2024-10"
    assert YearMonth(2025, 9).fiscal_year() == 2568
    assert YearMonth(2024, 10).fiscal_year() == 2568
    assert YearMonth(2025, 10).fiscal_year() == 2569


def test_year_month_orders_by_year_then_month() -> None:
    assert YearMonth(2024, 12) < YearMonth(2025, 1) < YearMonth(2025, 2)
    assert sorted([YearMonth(2025, 3), YearMonth(2024, 11)]) == [
        YearMonth(2024, 11),
        YearMonth(2025, 3),
    ]


@pytest.mark.parametrize("month", [0, 13])
def test_year_month_rejects_impossible_month(month: int) -> None:
    with pytest.raises(ThaiDateError):
        YearMonth(2025, month)


def test_period_within_fiscal_year() -> None:
    whole = parse_period("ต.ค. 2567 - ก.ย. 2568")
    assert whole.within_fiscal_year(2568)
    assert not whole.within_fiscal_year(2567)
    assert not whole.within_fiscal_year(2569)
    assert parse_period("ม.ค. - มี.ค. 2568").within_fiscal_year(2568)
    # Crossing 1 October leaves fiscal year 2568.
    assert not parse_period("ก.ย. - ต.ค. 2568").within_fiscal_year(2568)


def test_period_rejects_start_after_end() -> None:
    with pytest.raises(ThaiDateError):
        Period("x", YearMonth(2025, 3), YearMonth(2025, 1))


# --- parse_period ---------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "word"), MONTH_WORDS)
def test_parse_period_single_month_every_word_arabic(number: int, word: str) -> None:
    period = parse_period(f"{word} 2568")
    assert period.start == period.end == YearMonth(2025, number)


@pytest.mark.parametrize(("number", "word"), MONTH_WORDS)
def test_parse_period_single_month_every_word_thai_digits(number: int, word: str) -> None:
    period = parse_period(f"{word} ๒๕๖๘")
    assert period.start == period.end == YearMonth(2025, number)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ม.ค. - มี.ค. ๒๕๖๘", ("2025-01", "2025-03")),
        ("ต.ค. ๒๕๖๗ ถึง ก.ย. ๒๕๖๘", ("2024-10", "2025-09")),
        ("ต.ค. - ธ.ค. ๒๕๖๗", ("2024-10", "2024-12")),
        ("ต.ค. ๒๕๖๗", ("2024-10", "2024-10")),
        ("ต.ค. 67 - ก.ย. 68", ("2024-10", "2025-09")),
        ("มกราคม - มีนาคม 2568", ("2025-01", "2025-03")),
        ("ม.ค. - มี.ค. 2568", ("2025-01", "2025-03")),
        ("ต.ค. 2567 ถึง ก.ย. 2568", ("2024-10", "2025-09")),
        ("ตุลาคม ๒๕๖๗ - กันยายน ๒๕๖๘", ("2024-10", "2025-09")),
        ("ม.ค. - มี.ค. พ.ศ. ๒๕๖๘", ("2025-01", "2025-03")),
        ("ต.ค. พ.ศ. 2567 - ก.ย. พ.ศ. 2568", ("2024-10", "2025-09")),
        ("ม.ค. 2568 - มี.ค.", ("2025-01", "2025-03")),
        ("มค - มีค 68", ("2025-01", "2025-03")),
    ],
)
def test_parse_period_examples(text: str, expected: tuple[str, str]) -> None:
    period = parse_period(text)
    assert span(period) == expected
    assert period.text == text


@pytest.mark.parametrize("separator", ["-", "–", "—", "ถึง", "จนถึง"])
@pytest.mark.parametrize("spacing", ["", " ", "   "])
def test_parse_period_separators_and_spacing(separator: str, spacing: str) -> None:
    text = f"ม.ค.{spacing}{separator}{spacing}มี.ค.{spacing or ' '}๒๕๖๘"
    assert span(parse_period(text)) == ("2025-01", "2025-03")


def test_parse_period_tolerates_stray_whitespace_and_zero_width_space() -> None:
    assert span(parse_period("  ม. ค.\u00a0 -\tมี.ค.\u200b  ๒๕๖๘  ")) == ("2025-01", "2025-03")


def test_parse_period_compact_two_digit_years() -> None:
    assert span(parse_period("ต.ค.๖๗-ก.ย.๖๘")) == ("2024-10", "2025-09")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ต.ค. - มี.ค. ๒๕๖๘", ("2024-10", "2025-03")),
        ("พ.ย. – ก.พ. 2568", ("2024-11", "2025-02")),
        ("ธันวาคม - มกราคม 68", ("2024-12", "2025-01")),
        ("ก.ย. - ส.ค. 2568", ("2024-09", "2025-08")),
    ],
)
def test_parse_period_wraps_to_previous_year(text: str, expected: tuple[str, str]) -> None:
    assert span(parse_period(text)) == expected


def test_parse_period_start_year_only_wraps_forward() -> None:
    assert span(parse_period("ต.ค. 2567 - มี.ค.")) == ("2024-10", "2025-03")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ม.ค. - มี.ค.", ("2025-01", "2025-03")),
        ("ต.ค. - ธ.ค.", ("2024-10", "2024-12")),
        ("ต.ค. - มี.ค.", ("2024-10", "2025-03")),
        ("ต.ค. ถึง ก.ย.", ("2024-10", "2025-09")),
        ("ต.ค.", ("2024-10", "2024-10")),
        ("กันยายน", ("2025-09", "2025-09")),
    ],
)
def test_parse_period_without_year_uses_fiscal_year(text: str, expected: tuple[str, str]) -> None:
    assert span(parse_period(text, fiscal_year=2568)) == expected


@pytest.mark.parametrize("text", ["ม.ค. - มี.ค.", "ต.ค.", "ตลอดปีงบประมาณ"])
def test_parse_period_without_year_or_fiscal_year_raises(text: str) -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_period(text)
    assert_thai_error(info.value)
    assert "ไม่ระบุปี" in info.value.thai


def test_parse_period_fiscal_year_ignored_when_text_has_year() -> None:
    assert span(parse_period("ม.ค. - มี.ค. 2570", fiscal_year=2568)) == ("2027-01", "2027-03")


def test_parse_period_fiscal_year_must_be_be() -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_period("ม.ค.", fiscal_year=2025)
    assert_thai_error(info.value)


@pytest.mark.parametrize(
    ("text", "fiscal_year"),
    [
        ("ตลอดปีงบประมาณ", 2568),
        ("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘", None),
        ("ตลอดปีงบประมาณ พ.ศ.๒๕๖๘", None),
        ("ตลอดปีงบประมาณ 2568", None),
        ("ตลอดปีงบประมาณ ๖๘", None),
        ("ตลอดปีงบประมาณ 2568", 2570),
    ],
)
def test_parse_period_whole_fiscal_year(text: str, fiscal_year: int | None) -> None:
    period = parse_period(text, fiscal_year=fiscal_year)
    assert span(period) == ("2024-10", "2025-09")
    assert period.within_fiscal_year(2568)


@pytest.mark.parametrize(
    "text",
    [
        "มี.ค. 2568 - ม.ค. 2568",
        "ต.ค. 2568 - ก.ย. 2568",
        "ม.ค. 2569 - ธ.ค. 2568",
        "ม.ค. ๒๕๖๘ ถึง ธ.ค. ๒๕๖๗",
    ],
)
def test_parse_period_start_after_end(text: str) -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_period(text)
    assert_thai_error(info.value)
    assert "อยู่หลัง" in info.value.thai
    assert "is after" in info.value.english


def test_parse_period_start_after_end_within_fiscal_year() -> None:
    # Without a year, March and October both sit in fiscal year 2568: March 2025 is after
    # October 2024, so "มี.ค. - ต.ค." cannot be read as one period of that year.
    with pytest.raises(ThaiDateError) as info:
        parse_period("มี.ค. - ต.ค.", fiscal_year=2568)
    assert "มี.ค. 2568" in info.value.thai
    assert "ต.ค. 2567" in info.value.thai


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("มกรา - มีนา 2568", "มกรา"),
        ("ม.ค. - มีนา 2568", "มีนา"),
        ("Jan 2568", "Jan"),
        ("ไตรมาส 2568", "ไตรมาส"),
    ],
)
def test_parse_period_unknown_month_is_named(text: str, word: str) -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_period(text)
    assert_thai_error(info.value)
    assert "ไม่รู้จักชื่อเดือน" in info.value.thai
    assert f"“{word}”" in info.value.thai
    assert f"“{word}”" in info.value.english


@pytest.mark.parametrize(
    ("text", "leftover"),
    [
        ("ม.ค. - มี.ค. ๒๕๖๘ เป็นต้นไป", "เป็นต้นไป"),
        ("ต.ค. 2567 (ไตรมาส 1)", "(ไตรมาส 1)"),
        ("ต.ค. 2567 2568", "2568"),
    ],
)
def test_parse_period_leftover_text_is_named(text: str, leftover: str) -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_period(text)
    assert_thai_error(info.value)
    assert f"“{leftover}”" in info.value.thai


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "-",
        "ม.ค. -",
        "- มี.ค. 2568",
        "ม.ค. - ก.พ. - มี.ค. 2568",
        "2568",
        "ม.ค. 256",
        "ม.ค. 12345",
        "ม.ค. พ.ศ.",
        "ม.ค. พ.ศ. 2025",
        "ตลอดปีงบประมาณ ทั้งปี",
        "ตลอดปีงบประมาณ 2025",
    ],
)
def test_parse_period_malformed(text: str) -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_period(text)
    assert_thai_error(info.value)


def test_parse_period_given_a_date_asks_for_a_month() -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_period("15 ม.ค. 2568")
    assert info.value.thai == "ช่วงเวลาต้องขึ้นต้นด้วยชื่อเดือน แต่พบ “15 ม.ค. 2568”"


def test_error_messages_spell_out_invisible_characters() -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_period("\u202eม.ค. 2568")
    assert "“\\u202eม.ค.”" in info.value.thai
    with pytest.raises(ThaiDateError) as info:
        parse_date("15 ม.ค. 2568\x00")
    assert "\\u0000" in info.value.english


def test_error_messages_truncate_long_text() -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_period("ก" * 1000)
    assert "ก" * 40 + "…”" in info.value.thai
    assert "ก" * 41 not in info.value.thai


def test_parse_period_two_digit_years_are_be() -> None:
    assert span(parse_period("ม.ค. 00")) == ("1957-01", "1957-01")
    assert span(parse_period("ม.ค. 99")) == ("2056-01", "2056-01")


# --- parse_date -----------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "word"), MONTH_WORDS)
def test_parse_date_every_month_word_arabic(number: int, word: str) -> None:
    assert parse_date(f"15 {word} 2568") == date(2025, number, 15)


@pytest.mark.parametrize(("number", "word"), MONTH_WORDS)
def test_parse_date_every_month_word_thai_digits(number: int, word: str) -> None:
    assert parse_date(f"๑๕ {word} ๒๕๖๘") == date(2025, number, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 ม.ค. 2568", date(2025, 1, 15)),
        ("๑๕ มกราคม ๒๕๖๘", date(2025, 1, 15)),
        ("15 ม.ค. 68", date(2025, 1, 15)),
        ("2025-01-15", date(2025, 1, 15)),
        ("2568-01-15", date(2025, 1, 15)),
        ("๒๕๖๘-๐๑-๑๕", date(2025, 1, 15)),
        ("15/01/2568", date(2025, 1, 15)),
        ("15/01/2025", date(2025, 1, 15)),
        ("15/1/68", date(2025, 1, 15)),
        ("๑๕/๐๑/๒๕๖๘", date(2025, 1, 15)),
        ("15.01.2568", date(2025, 1, 15)),
        ("15 มกราคม พ.ศ. 2568", date(2025, 1, 15)),
        ("15 ม.ค.พ.ศ.2568", date(2025, 1, 15)),
        ("15ม.ค.2568", date(2025, 1, 15)),
        ("วันที่ 15 ม.ค. 2568", date(2025, 1, 15)),
        ("  1  ต.ค.  2567 ", date(2024, 10, 1)),
        ("1 ม.ค. 2025", date(2025, 1, 1)),
        ("29 ก.พ. 2567", date(2024, 2, 29)),
        ("2024-02-29", date(2024, 2, 29)),
        ("30 ก.ย. 2568", date(2025, 9, 30)),
    ],
)
def test_parse_date_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "thai_month", "english_month"),
    [
        ("31 ก.พ. 2568", "กุมภาพันธ์", "February"),
        ("2024-02-30", "กุมภาพันธ์", "February"),
        ("29 ก.พ. 2568", "กุมภาพันธ์", "February"),
        ("31 เม.ย. 2568", "เมษายน", "April"),
        ("31/06/2568", "มิถุนายน", "June"),
        ("0 ม.ค. 2568", "มกราคม", "January"),
    ],
)
def test_parse_date_impossible_day(text: str, thai_month: str, english_month: str) -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_date(text)
    assert_thai_error(info.value)
    assert "ไม่มีในเดือน" + thai_month in info.value.thai
    assert "does not exist in " + english_month in info.value.english


def test_parse_date_impossible_day_message() -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_date("31 ก.พ. 2568")
    assert info.value.thai == "วันที่ 31 ไม่มีในเดือนกุมภาพันธ์ พ.ศ. 2568 ซึ่งมี 28 วัน"
    assert info.value.english == (
        "day 31 does not exist in February 2025 (BE 2568), which has 28 days"
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "15 ม.ค.",
        "ม.ค. 2568",
        "15 มกรา 2568",
        "2025-13-01",
        "2025/01/15",
        "15/13/2568",
        "15 ม.ค. 2568 เวลา 10.00",
        "150 ม.ค. 2568",
        "15 ม.ค. 256",
        "15 ม.ค. พ.ศ. 2025",
        "0000-01-01",
        "2025-01-15T10:00",
    ],
)
def test_parse_date_unreadable(text: str) -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_date(text)
    assert_thai_error(info.value)


def test_parse_date_unknown_month_is_named() -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_date("15 มกรา 2568")
    assert "“มกรา”" in info.value.thai


def test_thai_date_error_is_value_error_and_pickles() -> None:
    error = ThaiDateError("ข้อความ", "message")
    assert isinstance(error, ValueError)
    assert str(error) == "ข้อความ (message)"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.thai, copy.english, str(copy)) == ("ข้อความ", "message", "ข้อความ (message)")


# --- formatting -----------------------------------------------------------------------------


def test_format_date_short_and_long() -> None:
    assert format_date(date(2025, 1, 15)) == "15 ม.ค. 2568"
    assert format_date(date(2025, 1, 15), long=True) == "15 มกราคม พ.ศ. 2568"
    assert format_date(date(2025, 1, 5), thai_digits=True) == "๕ ม.ค. ๒๕๖๘"
    assert format_date(date(2024, 10, 1), long=True, thai_digits=True) == "๑ ตุลาคม พ.ศ. ๒๕๖๗"


def test_format_year_month() -> None:
    assert format_year_month(YearMonth(2025, 1)) == "ม.ค. 2568"
    assert format_year_month(YearMonth(2024, 12), thai_digits=True) == "ธ.ค. ๒๕๖๗"


def test_format_period() -> None:
    assert format_period(parse_period("ม.ค. - มี.ค. 2568")) == "ม.ค. – มี.ค. 2568"
    assert format_period(parse_period("ต.ค. 67 - ก.ย. 68")) == "ต.ค. 2567 – ก.ย. 2568"
    assert format_period(parse_period("ต.ค. ๒๕๖๗")) == "ต.ค. 2567"
    assert format_period(parse_period("ต.ค. - ธ.ค. 2567"), thai_digits=True) == "ต.ค. – ธ.ค. ๒๕๖๗"
    assert (
        format_period(parse_period("ตลอดปีงบประมาณ 2568"), thai_digits=True)
        == "ต.ค. ๒๕๖๗ – ก.ย. ๒๕๖๘"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (100, "100"),
        (99.42, "99.42"),
        (98.965, "98.965"),
        (100.0, "100"),
        (0, "0"),
        (-0.0, "0"),
        (0.1 + 0.2, "0.3"),
        (-5.5, "-5.5"),
        (1e20, "100000000000000000000"),
        (1e-7, "0.0000001"),
        (Decimal("98.9650"), "98.965"),
        (Decimal("100.00"), "100"),
        (Decimal("1E+2"), "100"),
        (Decimal("-0.00"), "0"),
        (Decimal("12345678901234567890123456789012.5"), "12345678901234567890123456789012.5"),
    ],
)
def test_format_number(value: float | int | Decimal, expected: str) -> None:
    assert format_number(value) == expected


def test_format_number_thai_digits() -> None:
    assert format_number(98.965, thai_digits=True) == "๙๘.๙๖๕"
    assert format_number(100, thai_digits=True) == "๑๐๐"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN")])
def test_format_number_rejects_non_finite(value: float | Decimal) -> None:
    with pytest.raises(ValueError):
        format_number(value)


def test_format_number_rejects_bool() -> None:
    with pytest.raises(TypeError):
        format_number(True)


# --- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("long", [False, True])
@pytest.mark.parametrize("thai_digits", [False, True])
def test_date_round_trip(long: bool, thai_digits: bool) -> None:
    day = date(2023, 12, 25)
    while day <= date(2025, 3, 5):
        assert parse_date(format_date(day, long=long, thai_digits=thai_digits)) == day
        day += timedelta(days=1)


@pytest.mark.parametrize("thai_digits", [False, True])
@pytest.mark.parametrize(
    "text",
    [
        "ม.ค. - มี.ค. 2568",
        "ต.ค. 2567 - ก.ย. 2568",
        "ต.ค. - ธ.ค. 2567",
        "ต.ค. 2567",
        "ต.ค. - มี.ค. 2568",
        "ตลอดปีงบประมาณ 2568",
        "ธ.ค. 2566 - ม.ค. 2568",
    ],
)
def test_period_round_trip(text: str, thai_digits: bool) -> None:
    period = parse_period(text)
    again = parse_period(format_period(period, thai_digits=thai_digits))
    assert (again.start, again.end) == (period.start, period.end)


def test_every_single_month_round_trips() -> None:
    for year in (2024, 2025):
        for month in range(1, 13):
            ym = YearMonth(year, month)
            assert parse_period(format_year_month(ym, thai_digits=True)).start == ym


# --- fuzz: odd input raises ThaiDateError and nothing else ----------------------------------

ODD_STRINGS = [
    "",
    " ",
    "\x00",
    "\n\t\r",
    "\ud800",
    "\u200b",
    "\ufeff15 ม.ค. 2568",
    "\u202e15 ม.ค. 2568",
    "๐",
    "-",
    "–—",
    "ถึง",
    "ถึงถึง",
    "ม.ค. -",
    "- ม.ค.",
    "ม.ค.--มี.ค. 2568",
    ".",
    "...",
    "พ.ศ.",
    "พ.ศ. 2568",
    "ม.ค. พ.ศ.",
    "ตลอดปีงบประมาณ ๙",
    "ตลอดปีงบประมาณตลอดปีงบประมาณ",
    "\u0e4d\u0e32",
    "9" * 5000,
    "ก" * 10000,
    " " * 10000 + "x",
    "ม" + " " * 5000 + "ค 2568",
    "1" * 3 + "/" + "1" * 3,
    "99/99/9999",
    "31/12/0000",
    "0/0/00",
    "9999-99-99",
    "99999-01-01",
    "0000-00-00",
    "1-1-1",
    "2568-02-29",
    "1e10",
    "NaN",
    "None",
    "１５ ม.ค. ２５６８",
    "١٥ ม.ค. ٢٥٦٨",
    "15 ม.ค. ๒๕๖๘๒๕๖๘",
    "15 ม.ค. 0000",
    "15 ม.ค. 0001",
    "31 ธ.ค. 9999",
    "1 ม.ค. 2400",
    "32 ม.ค. 2568",
    "99 ม.ค. 68",
    "15 ม.ค. 68 - 16 ม.ค. 68",
    "ม.ค. 2568 - มี.ค. 2568 - พ.ค. 2568",
    "🙂 ม.ค. 2568",
    "ม.ค.🙂2568",
    "((ม.ค.))",
    "ม.ค./มี.ค. 2568",
    "ม.ค. ถึง",
    "วันที่",
    "วันที่ ",
    "15 วันที่ 2568",
    "ก.ย. -ต.ค. 2568",
]


@pytest.mark.parametrize("fiscal_year", [None, 2568])
def test_fuzz_only_thai_date_error(fiscal_year: int | None) -> None:
    for text in ODD_STRINGS:
        for call in (parse_date, lambda t: parse_period(t, fiscal_year=fiscal_year)):
            try:
                result = call(text)
            except ThaiDateError as exc:
                assert_thai_error(exc)
            else:
                assert isinstance(result, date | Period)
        month = parse_month(text)
        assert month is None or 1 <= month <= 12
