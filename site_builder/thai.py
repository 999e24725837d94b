"""Thai calendar text: Buddhist Era years, fiscal years, Thai digits, month names, periods.

ITA disclosures write dates and reporting periods the way Thai government reports do
("ม.ค. - มี.ค. ๒๕๖๘", "๑๕ มกราคม พ.ศ. ๒๕๖๘").  This module reads those forms into plain
`datetime.date` and `YearMonth` values and writes them back.  Years are kept in CE inside
Python; BE appears only in text.  Every reading error is a `ThaiDateError` carrying a Thai
and an English message, so callers can report it against the line it came from.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

__all__ = [
    "MONTHS",
    "THAI_DIGITS",
    "Month",
    "Period",
    "ThaiDateError",
    "YearMonth",
    "be_to_ce",
    "ce_to_be",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "format_date",
    "format_number",
    "format_period",
    "format_year_month",
    "normalize_thai",
    "parse_date",
    "parse_month",
    "parse_period",
    "to_arabic_digits",
    "to_thai_digits",
]

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

BE_OFFSET = 543
# A four-digit year at or above this is BE (BE 2400 = CE 1857); below it, CE.  No ITA
# document is dated before 1857 or after CE 2399, so the two ranges never meet in practice.
_BE_THRESHOLD = 2400

_SARA_AM = "\u0e33"
# SARA AM typed as NIKHAHIT + SARA AA, optionally with a tone mark on either side of the
# NIKHAHIT: looks identical on screen but never matches the single code point in searches.
_SPLIT_SARA_AM = re.compile("([\u0e48-\u0e4b]?)\u0e4d([\u0e48-\u0e4b]?)\u0e32")
# Zero-width characters pasted from Word/PDF: invisible, but they break every pattern below.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


class ThaiDateError(ValueError):
    """A date, month or period text that cannot be read; `thai` first, `english` in brackets."""

    def __init__(self, thai: str, english: str) -> None:
        # Both messages go to args so the exception pickles and compares like any other.
        super().__init__(thai, english)
        self.thai = thai
        self.english = english

    def __str__(self) -> str:
        return f"{self.thai} ({self.english})"


_THAI_DIGIT_RUN = re.compile("[\u0e50-\u0e59]+")


def to_arabic_digits(text: str) -> str:
    # str.translate looks up every character of a long Thai text in Python; a regex finds the
    # few digit runs in C and translates only them (six times faster on a record, and `check`
    # converts every record's text).
    return _THAI_DIGIT_RUN.sub(lambda run: run.group().translate(_TO_ARABIC), text)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def normalize_thai(text: str) -> str:
    """NFC, and SARA AM written as NIKHAHIT + SARA AA becomes the single U+0E33."""
    text = unicodedata.normalize("NFC", text)
    return _SPLIT_SARA_AM.sub(lambda m: m[1] + m[2] + _SARA_AM, text)


def be_to_ce(year: int) -> int:
    return year - BE_OFFSET


def ce_to_be(year: int) -> int:
    return year + BE_OFFSET


@dataclass(frozen=True)
class Month:
    number: int
    name: str
    abbr: str


_MONTH_TEXT = (
    ("มกราคม", "ม.ค.", "January"),
    ("กุมภาพันธ์", "ก.พ.", "February"),
    ("มีนาคม", "มี.ค.", "March"),
    ("เมษายน", "เม.ย.", "April"),
    ("พฤษภาคม", "พ.ค.", "May"),
    ("มิถุนายน", "มิ.ย.", "June"),
    ("กรกฎาคม", "ก.ค.", "July"),
    ("สิงหาคม", "ส.ค.", "August"),
    ("กันยายน", "ก.ย.", "September"),
    ("ตุลาคม", "ต.ค.", "October"),
    ("พฤศจิกายน", "พ.ย.", "November"),
    ("ธันวาคม", "ธ.ค.", "December"),
)
MONTHS: tuple[Month, ...] = tuple(
    Month(number, name, abbr) for number, (name, abbr, _) in enumerate(_MONTH_TEXT, start=1)
)
# English names for the English half of messages; calendar.month_name follows the locale.
_ENGLISH_MONTHS = tuple(english for _, _, english in _MONTH_TEXT)


def _clean(text: str) -> str:
    """The text as the parsers see it: normalised, Arabic digits, single spaces."""
    text = to_arabic_digits(normalize_thai(text).translate(_INVISIBLE))
    return " ".join(text.split())


def _month_key(text: str) -> str:
    # Dots and spaces are dropped so that "ม.ค.", "มค", "ม.ค" and "ม. ค." all meet.
    return re.sub(r"[\s.]", "", _clean(text))


_MONTH_LOOKUP = {_month_key(word): m.number for m in MONTHS for word in (m.name, m.abbr)}


def parse_month(text: str) -> int | None:
    """1..12 for a Thai month abbreviation (dots optional) or full name, else None."""
    return _MONTH_LOOKUP.get(_month_key(text))


def fiscal_year_of(d: date) -> int:
    """The BE fiscal year of a day: October to December belong to the next year's budget."""
    return ce_to_be(d.year) + (1 if d.month >= 10 else 0)


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """First and last day of BE fiscal year `fy` (2568 -> 2024-10-01, 2025-09-30)."""
    end_year = be_to_ce(fy)
    return date(end_year - 1, 10, 1), date(end_year, 9, 30)


@dataclass(frozen=True, order=True)
class YearMonth:
    year: int  # CE
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ThaiDateError(f"ไม่มีเดือนที่ {self.month}", f"there is no month {self.month}")

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def fiscal_year(self) -> int:
        return ce_to_be(self.year) + (1 if self.month >= 10 else 0)


@dataclass(frozen=True)
class Period:
    text: str
    start: YearMonth
    end: YearMonth

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ThaiDateError(
                f"เดือนเริ่มต้น {format_year_month(self.start)} "
                f"อยู่หลังเดือนสิ้นสุด {format_year_month(self.end)}",
                f"start month {_english(self.start)} is after end month {_english(self.end)}",
            )

    def within_fiscal_year(self, fy: int) -> bool:
        return self.start.fiscal_year() == fy and self.end.fiscal_year() == fy


def _english(ym: YearMonth) -> str:
    return f"{_ENGLISH_MONTHS[ym.month - 1]} {ym.year}"


def _quote(text: str) -> str:
    # Messages name the offending text, but a pasted paragraph should not flood the report,
    # and control or bidi characters are spelled out: invisible, they would hide the mistake.
    shown = text if len(text) <= 40 else text[:40] + "…"
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in shown)
    return f"“{shown}”"


def _year_to_ce(raw: str, *, be_marked: bool) -> int:
    """CE year from the digits as written: 2 digits are BE 25xx, 4 digits BE if >= 2400."""
    # Length is checked before int(): a run of thousands of digits must not reach int().
    if len(raw) == 2:
        return be_to_ce(2500 + int(raw))
    if len(raw) == 4:
        value = int(raw)
        if value >= _BE_THRESHOLD:
            return be_to_ce(value)
        if value >= 1 and not be_marked:
            return value
    raise ThaiDateError(
        f"ปี {_quote(raw)} ไม่ถูกต้อง ควรเป็น พ.ศ. 4 หลัก เช่น 2568 หรือ 2 หลัก เช่น 68",
        f"invalid year {_quote(raw)}: expected 4 BE digits such as 2568, or 2 such as 68",
    )


# Separators between the two ends of a period; hyphen-like characters all occur in pasted text.
_SEPARATOR = re.compile(r" ?(?:[-‐‑‒–—−]|(?:จน ?)?ถึง) ?")
# One end of a period: a month word, then optionally a year; the era "พ.ศ." is peeled off the
# word afterwards.  Greedy non-digit then digits keeps matching linear on hostile input.
_PERIOD_END = re.compile(r"(?P<word>[^0-9]*)(?P<year>[0-9]*)(?P<rest>.*)")
_ERA_SUFFIX = re.compile(r" ?พ\.? ?ศ\.? ?$")
_WHOLE_FISCAL_YEAR = re.compile(r"ตลอด ?ปี ?งบ ?ประมาณ ?(?P<rest>.*)")
_FISCAL_YEAR_NUMBER = re.compile(r"(?:พ\.? ?ศ\.? ?)?(?P<year>[0-9]+)")


def _split_era(word: str) -> tuple[str, bool]:
    match = _ERA_SUFFIX.search(word)
    if match is None:
        return word, False
    return word[: match.start()], True


def _unknown_month(word: str) -> ThaiDateError:
    return ThaiDateError(
        f"ไม่รู้จักชื่อเดือน {_quote(word.strip())} ใช้ชื่อย่อ เช่น ม.ค. หรือชื่อเต็ม เช่น มกราคม",
        f"unknown month {_quote(word.strip())}; write it as ม.ค. or มกราคม",
    )


def _parse_period_end(part: str) -> tuple[int, int | None]:
    """(month, CE year or None) of one end of a period."""
    if not part.strip():
        raise ThaiDateError(
            "ช่วงเวลาไม่ครบ: ขาดเดือนก่อนหรือหลังตัวคั่น",
            "incomplete period: a month is missing before or after the separator",
        )
    match = _PERIOD_END.fullmatch(part)
    assert match is not None  # every group may be empty, so the pattern matches any text
    word, be_marked = _split_era(match["word"])
    if not word.strip(" ."):
        raise ThaiDateError(
            f"ช่วงเวลาต้องขึ้นต้นด้วยชื่อเดือน แต่พบ {_quote(part)}",
            f"each end of a period must start with a month name, got {_quote(part)}",
        )
    month = parse_month(word)
    if month is None:
        raise _unknown_month(word)
    if match["rest"].strip():
        raise ThaiDateError(
            f"มีข้อความที่ไม่เข้าใจ {_quote(match['rest'].strip())} ใน {_quote(part)}",
            f"text not understood: {_quote(match['rest'].strip())} in {_quote(part)}",
        )
    if not match["year"]:
        if be_marked:
            raise ThaiDateError(
                f"มี พ.ศ. แต่ไม่มีตัวเลขปีใน {_quote(part)}", f"พ.ศ. without a year in {_quote(part)}"
            )
        return month, None
    return month, _year_to_ce(match["year"], be_marked=be_marked)


def _in_fiscal_year(month: int, fy: int) -> YearMonth:
    # October to December open the fiscal year, so they fall in the CE year before its end.
    end_year = be_to_ce(fy)
    return YearMonth(end_year - 1 if month >= 10 else end_year, month)


def _check_fiscal_year(fy: int) -> None:
    if isinstance(fy, bool) or not isinstance(fy, int):
        raise TypeError(f"fiscal_year must be an int (BE), got {fy!r}")
    if not _BE_THRESHOLD <= fy <= 9999:
        raise ThaiDateError(
            f"ปีงบประมาณ {fy} ไม่ถูกต้อง ต้องเป็นปี พ.ศ. เช่น 2568",
            f"fiscal year {fy} is invalid: it must be a BE year such as 2568",
        )


def _no_year(text: str) -> ThaiDateError:
    return ThaiDateError(
        f"ช่วงเวลา {_quote(text)} ไม่ระบุปี และไม่ทราบปีงบประมาณ กรุณาระบุปี เช่น ม.ค. - มี.ค. 2568",
        f"period {_quote(text)} has no year and no fiscal year was given; "
        "add a year, e.g. ม.ค. - มี.ค. 2568",
    )


def _parse_whole_fiscal_year(text: str, rest: str, fiscal_year: int | None) -> Period:
    if not rest:
        if fiscal_year is None:
            raise _no_year(text)
        fy = fiscal_year
    else:
        match = _FISCAL_YEAR_NUMBER.fullmatch(rest)
        if match is None:
            raise ThaiDateError(
                f"มีข้อความที่ไม่เข้าใจ {_quote(rest)} หลัง “ตลอดปีงบประมาณ”",
                f"text not understood after “ตลอดปีงบประมาณ”: {_quote(rest)}",
            )
        # A fiscal year is always a BE number; the CE detour only reuses the digit rules.
        fy = ce_to_be(_year_to_ce(match["year"], be_marked=True))
    return Period(text, _in_fiscal_year(10, fy), _in_fiscal_year(9, fy))


def parse_period(text: str, fiscal_year: int | None = None) -> Period:
    """A reporting period as written in Thai reports, e.g. "ต.ค. ๒๕๖๗ ถึง ก.ย. ๒๕๖๘".

    `fiscal_year` (BE) places the months of a period that names no year at all.
    """
    if not isinstance(text, str):
        raise TypeError(f"period text must be str, got {type(text).__name__}")
    if fiscal_year is not None:
        _check_fiscal_year(fiscal_year)
    source = text.strip()
    cleaned = _clean(text)
    if not cleaned:
        raise ThaiDateError("ไม่ได้ระบุช่วงเวลา", "the period is empty")

    whole = _WHOLE_FISCAL_YEAR.fullmatch(cleaned)
    if whole is not None:
        return _parse_whole_fiscal_year(source, whole["rest"], fiscal_year)

    parts = _SEPARATOR.split(cleaned)
    if len(parts) > 2:
        raise ThaiDateError(
            f"ช่วงเวลา {_quote(source)} มีตัวคั่นมากกว่าหนึ่งตัว ใช้ - หรือ ถึง เพียงครั้งเดียว",
            f"period {_quote(source)} has more than one separator; use - or ถึง once",
        )
    first_month, first_year = _parse_period_end(parts[0])
    last_month, last_year = _parse_period_end(parts[-1])

    # A year written on one end only applies to both; "ต.ค. - มี.ค. 2568" crosses New Year,
    # so when the months run backwards the year-less end lies in the neighbouring year.
    if first_year is None and last_year is not None:
        first_year = last_year - 1 if first_month > last_month else last_year
    elif last_year is None and first_year is not None:
        last_year = first_year + 1 if last_month < first_month else first_year

    if first_year is None or last_year is None:
        if fiscal_year is None:
            raise _no_year(source)
        start = _in_fiscal_year(first_month, fiscal_year)
        end = _in_fiscal_year(last_month, fiscal_year)
    else:
        start = YearMonth(first_year, first_month)
        end = YearMonth(last_year, last_month)
    return Period(source, start, end)


_ISO_DATE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})")
_NUMERIC_DATE = re.compile(
    r"(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<month>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4}|[0-9]{2})"
)
_WORDED_DATE = re.compile(
    r"(?:วันที่ ?)?(?P<day>[0-9]+) ?(?P<word>[^0-9]*)(?P<year>[0-9]*)(?P<rest>.*)"
)
_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")


def _unreadable_date(text: str) -> ThaiDateError:
    return ThaiDateError(
        f"อ่านวันที่ {_quote(text)} ไม่ออก รูปแบบที่ใช้ได้: 15 ม.ค. 2568, 2025-01-15, 15/01/2568",
        f"cannot read date {_quote(text)}; write it as 15 ม.ค. 2568, 2025-01-15 or 15/01/2568",
    )


def _make_date(year: int, month: int, day: int) -> date:
    """A date from CE year, month, day, with a Thai explanation of what is impossible."""
    if not 1 <= month <= 12:
        raise ThaiDateError(f"ไม่มีเดือนที่ {month}", f"there is no month {month}")
    if not 1 <= year <= 9999:
        raise ThaiDateError(f"ปี {year} อยู่นอกช่วงที่รองรับ", f"year {year} is out of range")
    last_day = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last_day:
        raise ThaiDateError(
            f"วันที่ {day} ไม่มีในเดือน{MONTHS[month - 1].name} พ.ศ. {ce_to_be(year)} ซึ่งมี {last_day} วัน",
            f"day {day} does not exist in {_ENGLISH_MONTHS[month - 1]} {year} "
            f"(BE {ce_to_be(year)}), which has {last_day} days",
        )
    return date(year, month, day)


def parse_date(text: str) -> date:
    """A day as Thai documents write it: "15 ม.ค. 2568", "2025-01-15", "15/01/2568", ...

    Raises only `ThaiDateError` for any str.
    """
    if not isinstance(text, str):
        raise TypeError(f"date text must be str, got {type(text).__name__}")
    cleaned = _clean(text)
    if not cleaned:
        raise ThaiDateError("ไม่ได้ระบุวันที่", "the date is empty")

    iso = _ISO_DATE.fullmatch(cleaned)
    if iso is not None:
        return _make_date(
            _year_to_ce(iso["year"], be_marked=False), int(iso["month"]), int(iso["day"])
        )
    numeric = _NUMERIC_DATE.fullmatch(cleaned)
    if numeric is not None:
        return _make_date(
            _year_to_ce(numeric["year"], be_marked=False),
            int(numeric["month"]),
            int(numeric["day"]),
        )

    worded = _WORDED_DATE.fullmatch(cleaned)
    if worded is None or len(worded["day"]) > 2:
        raise _unreadable_date(cleaned)
    word, be_marked = _split_era(worded["word"])
    month = parse_month(word)
    if month is None:
        # Only blame the month when there is a Thai word to blame; "15//2568" is just unreadable.
        raise _unknown_month(word) if _THAI_LETTER.search(word) else _unreadable_date(cleaned)
    if worded["rest"].strip():
        raise ThaiDateError(
            f"มีข้อความที่ไม่เข้าใจ {_quote(worded['rest'].strip())} ในวันที่ {_quote(cleaned)}",
            f"text not understood: {_quote(worded['rest'].strip())} in date {_quote(cleaned)}",
        )
    if not worded["year"]:
        raise ThaiDateError(
            f"วันที่ {_quote(cleaned)} ไม่ระบุปี เช่น 15 ม.ค. 2568",
            f"date {_quote(cleaned)} has no year; write e.g. 15 ม.ค. 2568",
        )
    year = _year_to_ce(worded["year"], be_marked=be_marked)
    return _make_date(year, month, int(worded["day"]))


def _digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def format_date(d: date, *, long: bool = False, thai_digits: bool = False) -> str:
    """`15 ม.ค. 2568`, or with `long` `15 มกราคม พ.ศ. 2568`."""
    month = MONTHS[d.month - 1]
    be = ce_to_be(d.year)
    text = f"{d.day} {month.name} พ.ศ. {be}" if long else f"{d.day} {month.abbr} {be}"
    return _digits(text, thai_digits)


def format_year_month(ym: YearMonth, *, thai_digits: bool = False) -> str:
    return _digits(f"{MONTHS[ym.month - 1].abbr} {ce_to_be(ym.year)}", thai_digits)


def format_period(p: Period, *, thai_digits: bool = False) -> str:
    """`ม.ค. – มี.ค. 2568`, `ต.ค. 2567 – ก.ย. 2568`, or `ต.ค. 2567` for a single month."""
    if p.start == p.end:
        return format_year_month(p.start, thai_digits=thai_digits)
    if p.start.year == p.end.year:
        text = f"{MONTHS[p.start.month - 1].abbr} – {format_year_month(p.end)}"
    else:
        text = f"{format_year_month(p.start)} – {format_year_month(p.end)}"
    return _digits(text, thai_digits)


def format_number(x: float | int | Decimal, *, thai_digits: bool = False) -> str:
    """Plain decimal text: 100 -> "100", 99.42 -> "99.42", Decimal("98.9650") -> "98.965"."""
    if isinstance(x, bool) or not isinstance(x, int | float | Decimal):
        raise TypeError(f"format_number needs int, float or Decimal, got {type(x).__name__}")
    if isinstance(x, int):
        return _digits(str(x), thai_digits)
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError(f"cannot format {x!r} as a number")
        # 15 significant digits is what a double holds exactly, so this drops only the noise
        # of binary arithmetic (0.1 + 0.2 -> 0.3) and keeps every digit anyone typed.
        value = Decimal(format(x, ".15g"))
    else:
        if not x.is_finite():
            raise ValueError(f"cannot format {x!r} as a number")
        value = x
    if value == 0:
        return _digits("0", thai_digits)
    # "f" never uses exponents; Decimal.normalize() is avoided since it rounds to 28 digits.
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return _digits(text, thai_digits)
