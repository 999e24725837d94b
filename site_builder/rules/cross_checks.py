"""Checks across records of a fiscal year, after each record has been validated on its own."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from site_builder import thai
from site_builder.records.content import Content, FiscalYear
from site_builder.records.problems import Problems
from site_builder.records.validation import field_names

# How far a date may sit from its fiscal year before it looks mistyped (2657 for 2567).
YEARS_AFTER_END = 1
YEARS_BEFORE_START = 2
# Dates are Thai calendar days: the reference time is read in Thailand's time zone.
THAI_TIME = timezone(timedelta(hours=7))


def check_content(content: Content, problems: Problems, now: date | None = None) -> None:
    reference = now if now is not None else reference_date(content.root)
    for fiscal_year in content.years.values():
        check_year(fiscal_year, problems)
        check_covers(fiscal_year, problems)
        check_dates(fiscal_year, problems, reference)


def reference_date(content_dir: Path) -> date:
    """The day a date may not be after: the build's time, so a commit always checks the same.

    SOURCE_DATE_EPOCH when set (CI and `publish` set it to the commit time); else the last
    commit's time when the content has no uncommitted change; else today, because a webmaster
    who is adding this month's document has not committed it yet.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), THAI_TIME).date()
    folder = str(content_dir.resolve()) if content_dir.is_dir() else "."

    def git(*args: str) -> str | None:
        try:
            run = subprocess.run(
                ["git", "-C", folder, *args], capture_output=True, text=True, timeout=10
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        return run.stdout.strip() if run.returncode == 0 else None

    committed = git("log", "-1", "--format=%ct")
    if committed and committed.isdigit() and git("status", "--porcelain", "--", ".") == "":
        return datetime.fromtimestamp(int(committed), THAI_TIME).date()
    return datetime.now(UTC).astimezone(THAI_TIME).date()


# Items whose evidence belongs to a year (catalogue `period`): an old date there is a typo. A
# code of ethics or a multi-year plan ("any", "plan") may be years old and still be the one.
DATED_PERIODS = frozenset({"current", "previous", "first_half"})


def _date_warning(
    day: date, fiscal_year: int, reference: date, period: thai.Period | None, dated: bool
) -> tuple[str, str] | None:
    start, end = thai.fiscal_year_bounds(fiscal_year)
    if period is not None:
        # A multi-year plan is dated when it starts, years before the fiscal year it covers.
        start = min(start, date(period.start.year, period.start.month, 1))
    shown = thai.format_date(day)
    if day > end.replace(year=end.year + YEARS_AFTER_END):
        return (
            f"วันที่ {shown} เลยสิ้นปีงบประมาณ {fiscal_year} ไปเกิน {YEARS_AFTER_END} ปี พิมพ์ปี พ.ศ. ผิดหรือไม่",
            f"{day.isoformat()} is more than {YEARS_AFTER_END} year after fiscal year "
            f"{fiscal_year} ends; is the year mistyped?",
        )
    if dated and day < start.replace(year=start.year - YEARS_BEFORE_START):
        return (
            f"วันที่ {shown} อยู่ก่อนเริ่มปีงบประมาณ {fiscal_year} เกิน {YEARS_BEFORE_START} ปี "
            "พิมพ์ปี พ.ศ. ผิดหรือไม่",
            f"{day.isoformat()} is more than {YEARS_BEFORE_START} years before fiscal year "
            f"{fiscal_year} starts; is the year mistyped?",
        )
    if day > reference:
        return (
            f"วันที่ {shown} ยังไม่มาถึง (หลังเวลาของ commit {thai.format_date(reference)})",
            f"{day.isoformat()} is after the commit's time ({reference.isoformat()})",
        )
    return None


def check_dates(year: FiscalYear, problems: Problems, reference: date) -> None:
    """A warning, on its line, for each date of a disclosure that looks mistyped or is future."""
    for code, disclosure in year.disclosures.items():
        record = disclosure.record
        item_dated = year.catalogue.item_by_code[code].period in DATED_PERIODS
        dated: list[tuple[tuple[str | int, ...], date | None, thai.Period | None]] = [
            (("updated",), record.updated, None)
        ]
        dated += [
            (("documents", number, "date"), document.date, document.period)
            for number, document in enumerate(record.documents)
        ]
        for path, day, period in dated:
            found = (
                None
                if day is None
                else _date_warning(day, year.year, reference, period, item_dated)
            )
            if found is None:
                continue
            name, name_en = field_names(path)
            problems.warning(
                disclosure.source,
                disclosure.meta.line_of(path),
                f"{name}: {found[0]}",
                f"{name_en}: {found[1]}",
            )


def check_year(year: FiscalYear, problems: Problems) -> None:
    catalogue = year.catalogue
    # indicator → (score, file, line) of the first record that scored it.
    scored: dict[str, tuple[Decimal, str, int]] = {}
    for measure in year.measures:
        record = measure.record
        if record.area not in catalogue.area_by_number:
            known = ", ".join(str(number) for number in catalogue.area_by_number)
            problems.error(
                measure.source,
                measure.meta.line_of(("area",)),
                f"area: ไม่มีประเด็นที่ {record.area} ในเกณฑ์ {catalogue.id} (มี {known})",
                f"area: no area {record.area} in catalogue {catalogue.id} (known: {known})",
            )
        if not record.period.within_fiscal_year(year.year):
            problems.warning(
                measure.source,
                measure.meta.line_of(("period",)),
                f"period: ระยะเวลา {record.period.text} อยู่นอกปีงบประมาณ {year.year}",
                f"period: {record.period.text} is outside fiscal year {year.year}",
            )
        for number, outcome in enumerate(record.outcomes):
            line = measure.meta.line_of(("outcomes", number, "indicator"))
            name, name_en = field_names(("outcomes", number, "indicator"))
            if catalogue.indicator_title(outcome.indicator) is None:
                problems.error(
                    measure.source,
                    line,
                    f"{name}: ไม่มีตัวชี้วัด {outcome.indicator} ในเกณฑ์ {catalogue.id}",
                    f"{name_en}: {outcome.indicator} is not in catalogue {catalogue.id}",
                )
                continue
            if outcome.score is None:
                continue
            first = scored.setdefault(outcome.indicator, (outcome.score, measure.source, line))
            if first[0] != outcome.score:
                name, name_en = field_names(("outcomes", number, "score"))
                problems.error(
                    measure.source,
                    measure.meta.line_of(("outcomes", number, "score")),
                    f"{name}: คะแนน {outcome.indicator} = {outcome.score} "
                    f"ขัดกับ {first[0]} ที่ {first[1]}:{first[2]}",
                    f"{name_en}: {outcome.indicator} scored {outcome.score} here but "
                    f"{first[0]} in {first[1]}:{first[2]}",
                )


def check_covers(year: FiscalYear, problems: Problems) -> None:
    """`covers:` may only name elements that the year's catalogue defines for the item."""
    for code, disclosure in year.disclosures.items():
        item = year.catalogue.item_by_code[code]
        known = ", ".join(item.element_by_id) or "-"
        cited = [(("covers", n), element) for n, element in enumerate(disclosure.record.covers)]
        for number, document in enumerate(disclosure.record.documents):
            cited += [
                (("documents", number, "covers", n), element)
                for n, element in enumerate(document.covers)
            ]
        for path, element in cited:
            if element in item.element_by_id:
                continue
            name, name_en = field_names(path)
            problems.error(
                disclosure.source,
                disclosure.meta.line_of(path),
                f'{name}: ไม่มีองค์ประกอบ "{element}" ใน {code} ของเกณฑ์ {year.catalogue.id} '
                f"(มี {known})",
                f'{name_en}: {code} of catalogue {year.catalogue.id} has no element "{element}" '
                f"(known: {known})",
            )
