"""Which pages the site has: one plan per generated page, from the records alone.

Plain Python, no MkDocs: the MkDocs plugin turns each plan into a generated file, and another
engine could do the same. Record pages carry their Markdown body; index pages have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from site_builder import urls
from site_builder.records.content import Content, FiscalYear
from site_builder.labels import Digits, item_link, year_page_title


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


# The year's index pages, in menu order, with their URLs.
INDEX_PAGES = (
    (Kind.YEAR, urls.year_url),
    (Kind.MEASURES, urls.measures_url),
    (Kind.REPORT, urls.report_url),
    (Kind.SCORES, urls.scores_url),
)


def plan_year(year: FiscalYear, digits: Digits | None = None) -> list[PagePlan]:
    fy = year.year
    digits = digits or Digits()
    plans = [
        PagePlan(kind, fy, url_of(fy), year_page_title(kind.value, fy, digits), in_nav=True)
        for kind, url_of in INDEX_PAGES
    ]
    for item in year.catalogue.items:
        disclosure = year.disclosures.get(item.code)
        plans.append(
            PagePlan(
                Kind.ITEM,
                fy,
                urls.item_url(fy, item.code),
                item_link(item.code, item.title),
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


def plan_readiness(year: FiscalYear, digits: Digits | None = None) -> PagePlan:
    """The webmaster's readiness page of a year; never in the navigation."""
    fy = year.year
    title = year_page_title(Kind.READINESS.value, fy, digits or Digits())
    return PagePlan(Kind.READINESS, fy, urls.readiness_url(fy), title)


def plan_site(content: Content, digits: Digits | None = None) -> list[PagePlan]:
    return [plan for year in content.years.values() for plan in plan_year(year, digits)]
