"""Record pages as HTML fragments, from Jinja templates with autoescaping on.

MkDocs' own Jinja environment does not autoescape, so no record value ever reaches it: the page
content is rendered here, where every value is escaped unless it is markup we made ourselves
(the sanitized body). The MkDocs plugin only places the fragment into Material's page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from site_builder import urls
from site_builder.records import attachments
from site_builder.records.content import Content
from site_builder.rules import readiness
from site_builder.rules.year_view import PUBLISHED, YearView
from site_builder import labels
from site_builder.site.headings import nest_headings
from site_builder.labels import Digits
from site_builder.site.plans import PAGE_KINDS, Kind, PagePlan

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class SiteInfo:
    agency: str
    site_url: str | None = None
    digits: Digits = field(default_factory=Digits)
    # The catalogue's "what this item needs" hint is for the webmaster; shown only on request.
    show_needs: bool = False


@dataclass(frozen=True)
class DocumentLink:
    title: str
    href: str
    kind: str
    size: str
    date: date | None


def url_with_breaks(url: str) -> Markup:
    """A URL shown as text may wrap only after a "/" that a name follows: never inside a name,
    between "//", or before the final "/" (assessors copy these from paper and screen)."""
    return Markup(re.sub(r"/(?=[^/])", "/<wbr>", str(escape(url))))


def template_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["urls"] = urls
    env.globals["labels"] = labels
    env.globals["url_text"] = url_with_breaks
    return env


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
        self.env = template_environment()
        self.views = {fy: YearView(year) for fy, year in content.years.items()}
        self.nested_bodies: dict[int, NestedBodies] = {}
        self._context = {
            Kind.YEAR: self._year,
            Kind.ITEM: self._item,
            Kind.MEASURES: self._nothing,
            Kind.MEASURE: self._measure,
            Kind.REPORT: self._nothing,
            Kind.SCORES: self._scores,
            Kind.READINESS: self._readiness,
        }

    def _render(self, template: str, url: str, **context: object) -> str:
        return self.env.get_template(template).render(
            link=partial(urls.relative, url),
            public=partial(urls.public, site_url=self.site.site_url),
            # Every number, year, date and period a template prints goes through these, so the
            # site has one digit style (plugin option `digits`).
            number=self.site.digits.number,
            digits=self.site.digits.text,
            date=self.site.digits.date,
            period=self.site.digits.period,
            agency=self.site.agency,
            show_needs=self.site.show_needs,
            page_title=self.page_title,
            scores_round=self.scores_round,
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
        extra = self._context[plan.kind](plan, view)
        return self._render(PAGE_KINDS[plan.kind].template, plan.url, **common, **extra)

    # What each kind of page shows besides the year view and the bodies.
    def _year(self, plan: PagePlan, view: YearView) -> dict[str, object]:
        published = sum(view.status(item) == PUBLISHED for item in view.year.catalogue.items)
        return {"published": published}

    def _nothing(self, plan: PagePlan, view: YearView) -> dict[str, object]:
        return {}

    def _scores(self, plan: PagePlan, view: YearView) -> dict[str, object]:
        return {"result": view.year.config.result, "level": view.level()}

    def _readiness(self, plan: PagePlan, view: YearView) -> dict[str, object]:
        report = readiness.assess_year(view.year, self.site.site_url, self.site.digits)
        return {"report": report, "Status": readiness.Status}

    def _measure(self, plan: PagePlan, view: YearView) -> dict[str, object]:
        measure = view.measure_by_id[plan.key]
        area = view.year.catalogue.area_by_number.get(measure.record.area)
        items = [
            view.year.catalogue.item_by_code[code]
            for code in dict.fromkeys(o.indicator for o in measure.record.outcomes)
            if code in view.year.catalogue.item_by_code
        ]
        return {
            "measure": measure,
            "area_number": measure.record.area,
            "area_title": area.title if area else "",
            "items": items,
        }

    def _item(self, plan: PagePlan, view: YearView) -> dict[str, object]:
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
        return {
            "item": item,
            "disclosure": disclosure,
            "status": view.status(item),
            "updated": view.updated(item),
            "documents": documents,
            "measures": view.measures_by_indicator.get(item.code, []),
            "score": view.item_score(item),
        }

    def page_title(self, kind: str, fiscal_year: int) -> str:
        return labels.year_page_title(kind, fiscal_year, self.site.digits)

    def scores_round(self, view: YearView) -> str:
        """Which round the measures' indicator scores come from, as the pages label them."""
        round_ = view.year.config.scores_round
        if round_ is None:
            return "ตามที่ระบุในรายงานผลการดำเนินการ (ไม่ได้ระบุรอบการประเมิน)"
        return f"จากผลการประเมิน ITA รอบปี พ.ศ. {self.site.digits.text(round_)}"

    def home(self, url: str, own_text: str = "") -> str:
        """The home page: the latest year's result and the way to its OIT table first (above
        the fold on a phone), then the page's own text, then every year."""
        years = [self.views[fy] for fy in sorted(self.views, reverse=True)]
        latest = years[0] if years else None
        published = (
            sum(latest.status(item) == PUBLISHED for item in latest.year.catalogue.items)
            if latest
            else 0
        )
        # The page's own h1 stays first; the rest of its text follows the lead block.
        heading, rest = "", own_text
        match = re.match(r"\s*<h1\b.*?</h1>", own_text, re.DOTALL)
        if match:
            heading, rest = match.group(), own_text[match.end() :]
        return self._render(
            "home.html",
            url,
            years=years,
            latest=latest,
            published=published,
            own_heading=Markup(heading),
            own_text=Markup(rest),
        )
