"""Which pages the site has: one plan per generated page, from the records alone.

Plain Python, no MkDocs: the MkDocs plugin turns each plan into a generated file, and another
engine could do the same. Record pages carry their Markdown body; index pages have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from site_builder import urls
from site_builder.records.content import Content, FiscalYear


class Kind(Enum):
    YEAR = "year"
    ITEM = "item"
    MEASURES = "measures"
    MEASURE = "measure"
    REPORT = "report"
    SCORES = "scores"
    READINESS = "readiness"


@dataclass(frozen=True)
class PageKind:
    """What a kind of generated page is, in one place: its template, how it is laid out, and
    what it is to the navigation and to the search."""

    template: str
    wide: bool
    """Tables and reports use the whole width: Material's side navigation and toc are hidden."""
    search_code: str | None
    """One letter in the search index (theme/assets/ita-search.js names them); None: unsearched."""
    outline: bool = False
    """Pages that repeat other pages' text index only their titles and headings."""
    webmaster_only: bool = False
    """Out of the navigation, the search and search engines (noindex)."""


PAGE_KINDS: dict[Kind, PageKind] = {
    Kind.YEAR: PageKind("year.html", wide=True, search_code="y", outline=True),
    Kind.ITEM: PageKind("item.html", wide=False, search_code="i"),
    Kind.MEASURES: PageKind("measures.html", wide=False, search_code="l", outline=True),
    Kind.MEASURE: PageKind("measure.html", wide=False, search_code="m"),
    Kind.REPORT: PageKind("report.html", wide=True, search_code="r", outline=True),
    Kind.SCORES: PageKind("scores.html", wide=True, search_code="s"),
    Kind.READINESS: PageKind("readiness.html", wide=True, search_code=None, webmaster_only=True),
}


@dataclass(frozen=True)
class PagePlan:
    kind: Kind
    fiscal_year: int
    url: str
    title: str
    key: str = ""
    markdown: str = ""
    in_nav: bool = False

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


def plan_year(year: FiscalYear) -> list[PagePlan]:
    fy = year.year
    plans = [
        PagePlan(Kind.YEAR, fy, urls.year_url(fy), f"ข้อมูลสาธารณะ (OIT) ปี {fy}", in_nav=True),
        PagePlan(
            Kind.MEASURES, fy, urls.measures_url(fy), f"มาตรการส่งเสริมคุณธรรม ปี {fy}", in_nav=True
        ),
        PagePlan(Kind.REPORT, fy, urls.report_url(fy), f"รายงานผลการดำเนินการ ปี {fy}", in_nav=True),
        PagePlan(Kind.SCORES, fy, urls.scores_url(fy), f"ผลคะแนน ITA ปี {fy}", in_nav=True),
    ]
    for item in year.catalogue.items:
        disclosure = year.disclosures.get(item.code)
        plans.append(
            PagePlan(
                Kind.ITEM,
                fy,
                urls.item_url(fy, item.code),
                f"{item.code} {item.title}",
                key=item.code,
                markdown=disclosure.body if disclosure else "",
            )
        )
    for measure in year.measures:
        plans.append(
            PagePlan(
                Kind.MEASURE,
                fy,
                urls.measure_url(fy, measure.id),
                measure.record.title,
                key=measure.id,
                markdown=measure.body,
            )
        )
    return plans


def plan_readiness(year: FiscalYear) -> PagePlan:
    """The webmaster's readiness page of a year; never in the navigation."""
    fy = year.year
    return PagePlan(Kind.READINESS, fy, urls.readiness_url(fy), f"ความพร้อมรับการประเมิน ปี {fy}")


def plan_site(content: Content) -> list[PagePlan]:
    return [plan for year in content.years.values() for plan in plan_year(year)]


def click_paths(year: FiscalYear) -> dict[str, str]:
    """Each item's path from the home page, as assessors are told to click it: the year's
    section of the navigation, its OIT table, then the item."""
    year_title = next(plan.title for plan in plan_year(year) if plan.kind is Kind.YEAR)
    steps = ("หน้าแรก", f"ปีงบประมาณ {year.year}", year_title)
    return {
        item.code: " › ".join((*steps, f"{item.code} {item.title}"))
        for item in year.catalogue.items
    }
