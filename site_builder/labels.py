"""The Thai words of the public site that more than one place must repeat exactly: page titles,
menu entries and link texts, in the site's one digit style.

The assessor's click path (`rules.readiness`) is made from these same texts, and the templates
print them, so the path written in readiness is the path on the screen.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from site_builder import thai

HOME = "หน้าแรก"
PATH_SEPARATOR = " › "
# One digit style per site (plugin option `digits`); data files always keep ASCII digits.
DIGIT_STYLES = ("arabic", "thai")

# Page titles of a fiscal year's index pages, by plan kind value; `{fy}` is the year as shown.
YEAR_PAGE_TITLES = {
    "year": "ข้อมูลสาธารณะ (OIT) ปีงบประมาณ {fy}",
    "measures": "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {fy}",
    "report": "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {fy}",
    "scores": "ผลการประเมิน ITA ปีงบประมาณ {fy}",
    "readiness": "ความพร้อมรับการประเมิน ปีงบประมาณ {fy}",
}
YEAR_SECTION = "ปีงบประมาณ {fy}"


class Digits:
    """Numbers, years, dates and periods as the site shows them."""

    def __init__(self, style: str = "arabic") -> None:
        if style not in DIGIT_STYLES:
            raise ValueError(f"digits must be one of {DIGIT_STYLES}, got {style!r}")
        self.thai = style == "thai"

    def text(self, value: object) -> str:
        """Any generated text with its digits in the site's style."""
        text = str(value)
        return thai.to_thai_digits(text) if self.thai else thai.to_arabic_digits(text)

    def number(self, value: int | Decimal) -> str:
        return thai.format_number(value, thai_digits=self.thai)

    def date(self, value: date, long: bool = False) -> str:
        return thai.format_date(value, long=long, thai_digits=self.thai)

    def period(self, period: thai.Period) -> str:
        # As the webmaster wrote it (the report's wording), only the digits made uniform.
        return self.text(period.text)


def year_page_title(kind: str, fiscal_year: int, digits: Digits) -> str:
    return YEAR_PAGE_TITLES[kind].format(fy=digits.text(fiscal_year))


def year_section(fiscal_year: int, digits: Digits) -> str:
    return YEAR_SECTION.format(fy=digits.text(fiscal_year))


def item_link(code: str, title: str) -> str:
    """An item's link text in the OIT table, its page title and its menu-free name."""
    return f"{code} {title}"


def click_path(*steps: str) -> str:
    return PATH_SEPARATOR.join((HOME, *steps))
