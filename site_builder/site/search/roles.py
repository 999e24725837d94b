"""What each page is to the search: its kind (shown with the result and used in ranking), its
fiscal year (which index chunk it goes to) and whether only its outline is indexed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from site_builder.records.content import Content
from site_builder.site.plans import PAGE_KINDS, Kind, PagePlan

OTHER_PAGE = "p"


@dataclass(frozen=True)
class PageRole:
    kind: str
    fiscal_year: int | None
    outline: bool


def role_of(plan: PagePlan | None, content: Content, meta: Mapping[str, Any]) -> PageRole | None:
    """The role of a generated page (`plan`) or of a free Markdown page (None); None for a page
    kept out of search (the webmaster's readiness page, `search: {exclude: true}` in its meta,
    as with Material's search)."""
    excluded = meta.get("search")
    if isinstance(excluded, Mapping) and excluded.get("exclude"):
        return None
    if plan is None:
        return PageRole(OTHER_PAGE, None, outline=False)
    kind = PAGE_KINDS[plan.kind]
    if kind.search_code is None:
        return None
    outline = kind.outline
    if plan.kind is Kind.ITEM:
        # o34 and o35 are made from the measures: the list of them, and the whole report.
        year = content.years.get(plan.fiscal_year)
        item = year.catalogue.item_by_code.get(plan.key) if year else None
        outline = item is not None and item.made_from is not None
    return PageRole(kind.search_code, plan.fiscal_year, outline)
