"""Record pages as HTML fragments, from Jinja templates with autoescaping on.

MkDocs' own Jinja environment does not autoescape, so no record value ever reaches it: the page
content is rendered here, where every value is escaped unless it is markup we made ourselves
(the sanitized body). The MkDocs plugin only places the fragment into Material's page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from site_builder import thai, urls

from site_builder.records import attachments

from site_builder.rules import readiness
from site_builder.records.content import Content
from site_builder.site.headings import nest_headings
from site_builder.site.plans import Kind, PagePlan
from site_builder.rules.year_view import PUBLISHED, YearView

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class SiteInfo:
    agency: str
    site_url: str | None = None


@dataclass(frozen=True)
class DocumentLink:
    title: str
    href: str
    kind: str
    size: str
    date: date | None


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["urls"] = urls
    env.globals["date"] = thai.format_date
    return env


def _number(value: int | Decimal, thai_digits: bool = False) -> str:
    return thai.format_number(value, thai_digits=thai_digits)


class NestedBodies(Mapping[str, Markup]):
    """The sanitized bodies of a year's measures, by id, as markup whose headings sit under an
    h2 (the report's areas). Each is made on first use: most pages show no other record's body,
    and making all of them for every page made the build quadratic in the number of measures."""

    def __init__(self, bodies: Mapping[str, str]) -> None:
        self.bodies = bodies
        self.made: dict[str, tuple[str, Markup]] = {}

    def __getitem__(self, key: str) -> Markup:
        source = self.bodies[key]
        made = self.made.get(key)
        if made is None or made[0] is not source:
            made = self.made[key] = (source, Markup(nest_headings(source, 3)))
        return made[1]

    def __iter__(self) -> Iterator[str]:
        return iter(self.bodies)

    def __len__(self) -> int:
        return len(self.bodies)


class Renderer:
    """Renders each planned page; the bodies are rendered (and sanitized) by the caller."""

    def __init__(self, content: Content, site: SiteInfo) -> None:
        self.content = content
        self.site = site
        self.env = _environment()
        self.views = {fy: YearView(year) for fy, year in content.years.items()}
        self.nested_bodies: dict[int, NestedBodies] = {}

    def _render(self, template: str, url: str, **context: object) -> str:
        return self.env.get_template(template).render(
            link=partial(urls.relative, url),
            public=partial(urls.public, site_url=self.site.site_url),
            number=_number,
            agency=self.site.agency,
            **context,
        )

    def page(self, plan: PagePlan, body_html: str, bodies: dict[str, str]) -> str:
        """The page's HTML. `body_html` is the plan's own sanitized body; `bodies` holds the
        sanitized body of every measure of the year, by id (the report shows them all)."""
        view = self.views[plan.fiscal_year]
        # Bodies sit under the page's h1 (an item) or under an h2 (a measure's steps, the
        # report's areas): their headings continue from there.
        nested = self.nested_bodies.get(plan.fiscal_year)
        if nested is None or nested.bodies is not bodies:
            nested = self.nested_bodies[plan.fiscal_year] = NestedBodies(bodies)
        body = Markup(nest_headings(body_html, 3 if plan.kind is Kind.MEASURE else 2))
        common = {"view": view, "bodies": nested, "body": body}
        if plan.kind is Kind.YEAR:
            published = sum(view.status(item) == PUBLISHED for item in view.year.catalogue.items)
            return self._render("year.html", plan.url, published=published, **common)
        if plan.kind is Kind.MEASURES:
            return self._render("measures.html", plan.url, **common)
        if plan.kind is Kind.REPORT:
            return self._render("report.html", plan.url, **common)
        if plan.kind is Kind.SCORES:
            result = view.year.config.result
            return self._render(
                "scores.html", plan.url, result=result, level=view.level(), **common
            )
        if plan.kind is Kind.MEASURE:
            return self._measure(plan, view, common)
        if plan.kind is Kind.READINESS:
            report = readiness.assess_year(view.year, self.site.site_url)
            return self._render(
                "readiness.html", plan.url, report=report, Status=readiness.Status, **common
            )
        return self._item(plan, view, common)

    def _measure(self, plan: PagePlan, view: YearView, common: dict[str, object]) -> str:
        measure = view.measure_by_id[plan.key]
        area = view.year.catalogue.area_by_number.get(measure.record.area)
        items = [
            view.year.catalogue.item_by_code[code]
            for code in dict.fromkeys(o.indicator for o in measure.record.outcomes)
            if code in view.year.catalogue.item_by_code
        ]
        return self._render(
            "measure.html",
            plan.url,
            measure=measure,
            area_number=measure.record.area,
            area_title=area.title if area else "",
            items=items,
            **common,
        )

    def _item(self, plan: PagePlan, view: YearView, common: dict[str, object]) -> str:
        item = view.year.catalogue.item_by_code[plan.key]
        disclosure = view.disclosure(item.code)
        documents = []
        if disclosure is not None:
            for document in disclosure.record.documents:
                if document.file is not None:
                    attachment = disclosure.files.get(document.file)
                    size = attachments.human_size(attachment.size) if attachment else ""
                    href = urls.relative(plan.url, plan.url + urls.encoded(document.file))
                    kind = attachments.kind_of(document.file)
                else:
                    href, kind, size = urls.encoded(document.url or ""), "ลิงก์ภายนอก", ""
                documents.append(DocumentLink(document.title, href, kind, size, document.date))
        return self._render(
            "item.html",
            plan.url,
            item=item,
            disclosure=disclosure,
            status=view.status(item),
            updated=view.updated(item),
            documents=documents,
            measures=view.measures_by_indicator.get(item.code, []),
            score=view.scores.get(item.code),
            **common,
        )

    def home(self, url: str) -> str:
        """The summary placed under the home page's own text."""
        years = [self.views[fy] for fy in sorted(self.views, reverse=True)]
        latest = years[0] if years else None
        published = (
            sum(latest.status(item) == PUBLISHED for item in latest.year.catalogue.items)
            if latest
            else 0
        )
        return self._render("home.html", url, years=years, latest=latest, published=published)
