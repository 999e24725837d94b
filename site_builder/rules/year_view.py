"""Facts derived from a fiscal year's records, shared by the pages and the open data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from site_builder.records.catalogue import Area, Item, Level
from site_builder.records.content import Disclosure, FiscalYear, Measure

PUBLISHED = "published"
MISSING = "missing"


@dataclass
class YearView:
    year: FiscalYear

    @property
    def fiscal_year(self) -> int:
        return self.year.year

    @cached_property
    def scores(self) -> dict[str, Decimal]:
        """Indicator → score; `check` guarantees one score per indicator."""
        found: dict[str, Decimal] = {}
        for measure in self.year.measures:
            for outcome in measure.record.outcomes:
                if outcome.score is not None:
                    found.setdefault(outcome.indicator, outcome.score)
        return found

    @cached_property
    def measures_by_indicator(self) -> dict[str, list[Measure]]:
        found: dict[str, list[Measure]] = {}
        for measure in self.year.measures:
            for code in dict.fromkeys(o.indicator for o in measure.record.outcomes):
                found.setdefault(code, []).append(measure)
        return found

    # Pages look measures up by id and by area: dictionaries made once per year, so that no
    # page walks all the measures of the year.
    @cached_property
    def measure_by_id(self) -> dict[str, Measure]:
        return {measure.id: measure for measure in self.year.measures}

    @cached_property
    def measures_by_area(self) -> dict[int, list[Measure]]:
        found: dict[int, list[Measure]] = {}
        for measure in self.year.measures:
            found.setdefault(measure.record.area, []).append(measure)
        return found

    def measures_in(self, area: Area) -> list[Measure]:
        return list(self.measures_by_area.get(area.number, ()))

    @property
    def areas_with_measures(self) -> list[tuple[Area, list[Measure]]]:
        pairs = [(area, self.measures_in(area)) for area in self.year.catalogue.areas]
        return [(area, measures) for area, measures in pairs if measures]

    def disclosure(self, code: str) -> Disclosure | None:
        return self.year.disclosures.get(code)

    def status(self, item: Item) -> str:
        if item.made_from is not None:
            return PUBLISHED if self.year.measures else MISSING
        disclosure = self.disclosure(item.code)
        if disclosure is None:
            return MISSING
        has_body = bool(disclosure.body.strip())
        # "Nothing to report" stated explicitly is a publication, not a gap.
        stated = disclosure.record.nothing_to_report is not None
        return PUBLISHED if has_body or disclosure.record.documents or stated else MISSING

    def updated(self, item: Item) -> date | None:
        disclosure = self.disclosure(item.code)
        if disclosure is None:
            return None
        dates = [d.date for d in disclosure.record.documents if d.date is not None]
        if disclosure.record.updated is not None:
            dates.append(disclosure.record.updated)
        return max(dates) if dates else None

    def item_score(self, item: Item) -> Decimal | None:
        """The item's own score, only while the item is published: a score beside "not
        published yet" would contradict the page."""
        if self.status(item) != PUBLISHED:
            return None
        return self.scores.get(item.code)

    def tool_scores(self, tool: str) -> list[tuple[str, str, Decimal]]:
        """(code, title, score) of every scored indicator of one tool, in catalogue order."""
        catalogue = self.year.catalogue
        if tool == "oit":
            codes = [(item.code, item.title) for item in catalogue.items]
        else:
            codes = [(item.code, item.text) for item in catalogue.survey if item.tool == tool]
        return [(code, title, self.scores[code]) for code, title in codes if code in self.scores]

    def level(self) -> Level | None:
        """The ITA level of the year's declared result, by the catalogue's thresholds."""
        result = self.year.config.result
        if result is None or result.total is None:
            return None
        tools = [score for score in (result.iit, result.eit, result.oit) if score is not None]
        for level in self.year.catalogue.levels:
            if result.total < level.min_total:
                continue
            if level.min_each_tool is not None and (
                len(tools) < 3 or min(tools) < level.min_each_tool
            ):
                continue
            return level
        return None
