"""Checks across records of a fiscal year, after each record has been validated on its own."""

from __future__ import annotations

from decimal import Decimal

from site_builder.records.content import Content, FiscalYear
from site_builder.records.problems import Problems
from site_builder.records.validation import field_name


def check_content(content: Content, problems: Problems) -> None:
    for fiscal_year in content.years.values():
        check_year(fiscal_year, problems)
        check_covers(fiscal_year, problems)


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
            name = f"outcomes[{number + 1}]"
            if catalogue.indicator_title(outcome.indicator) is None:
                problems.error(
                    measure.source,
                    line,
                    f"{name}.indicator: ไม่มีตัวชี้วัด {outcome.indicator} ในเกณฑ์ {catalogue.id}",
                    f"{name}.indicator: {outcome.indicator} is not in catalogue {catalogue.id}",
                )
                continue
            if outcome.score is None:
                continue
            first = scored.setdefault(outcome.indicator, (outcome.score, measure.source, line))
            if first[0] != outcome.score:
                problems.error(
                    measure.source,
                    measure.meta.line_of(("outcomes", number, "score")),
                    f"{name}.score: คะแนน {outcome.indicator} = {outcome.score} "
                    f"ขัดกับ {first[0]} ที่ {first[1]}:{first[2]}",
                    f"{name}.score: {outcome.indicator} scored {outcome.score} here but "
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
            name = field_name(path)
            problems.error(
                disclosure.source,
                disclosure.meta.line_of(path),
                f'{name}: ไม่มีองค์ประกอบ "{element}" ใน {code} ของเกณฑ์ {year.catalogue.id} '
                f"(มี {known})",
                f'{name}: {code} of catalogue {year.catalogue.id} has no element "{element}" '
                f"(known: {known})",
            )
