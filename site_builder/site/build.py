"""One build of the site, from read content to every generated file, in plain Python.

`SiteBuild` holds the build's state: the page plans, each page's sanitized body as it is
rendered, the search index and the open data. An engine (today MkDocs, through
`site_builder.engine.plugin`) feeds it the HTML of each page's Markdown and places what it
returns; `render_all` does the same with Python-Markdown alone, so the site's pages, open data
and search can be made (and tested) without any engine.

The flow is one way, as Pelican's is: every body of a year is known before the pages that show
other pages' bodies (the report) are made, and the open data is made from the sanitized bodies.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from site_builder import urls
from site_builder.labels import Digits, year_section
from site_builder.records.content import Content
from site_builder.records.layout import Kind as FileKind
from site_builder.site.opendata import DATA_FILES, year_files
from site_builder.site.plans import PAGE_KINDS, Kind, PagePlan, plan_readiness, plan_site
from site_builder.site.render import Renderer, SiteInfo
from site_builder.site.sanitize import html_to_text, sanitize
from site_builder.site.search import SearchIndex, role_of
from site_builder.site.search.index import SITE_CHUNK, IndexedPage
from site_builder.site.search.roles import PageRole
from site_builder.site.search.segment import Segmenter
from site_builder.site.state import PreviousBuild

RECORD_KINDS = frozenset({FileKind.YEAR_FILE, FileKind.MEASURE, FileKind.DISCLOSURE})


@dataclass(frozen=True)
class BuildOptions:
    agency: str
    site_url: str | None = None
    readiness_page: bool = False
    search: bool = True
    digits: Digits = field(default_factory=Digits)
    """One digit style for every generated text (plugin option `digits`)."""
    show_needs: bool = False
    """Show the catalogue's "what this item needs" hint on public item pages."""
    segmenter: Segmenter | None = None
    """Thai word cuts for the search index (with the engine's cache folder); None: the default."""


@dataclass
class SiteBuild:
    content: Content
    options: BuildOptions
    plans: dict[str, PagePlan] = field(init=False)
    bodies: dict[int, dict[str, str]] = field(init=False)
    """Each year's sanitized measure bodies, by id: the report and the open data show them."""
    search: SearchIndex | None = field(init=False)

    def __post_init__(self) -> None:
        options = self.options
        site = SiteInfo(options.agency, options.site_url, options.digits, options.show_needs)
        self.renderer = Renderer(self.content, site)
        plans = plan_site(self.content, options.digits)
        if options.readiness_page:
            years = self.content.years.values()
            plans += [plan_readiness(year, options.digits) for year in years]
        self.plans = {plan.src_uri: plan for plan in plans}
        self.bodies = {year: {} for year in self.content.years}
        self.search = SearchIndex(self.options.segmenter) if self.options.search else None
        self.search_roles: dict[str, PageRole | None] = {}
        # Asked once per file of the site: the set is made once, not once per question.
        layout = self.content.layout
        self.published_sources = layout.published() if layout is not None else frozenset()

    @property
    def search_pages(self) -> dict[str, IndexedPage]:
        return self.search.pages if self.search is not None else {}

    def carry_over(self, previous: SiteBuild | PreviousBuild) -> None:
        """A partial rebuild (serve mode, or an incremental publish with the live release's
        state) renders only the pages an edit changed: every other page's body and search entry
        is the previous build's (rendered pages replace them)."""
        for year, bodies in previous.bodies.items():
            if year in self.bodies:
                self.bodies[year] = dict(bodies)
        if self.search is not None:
            self.search.pages = dict(previous.search_pages)

    # --- what the engine asks before rendering ------------------------------------------------

    def is_record_source(self, src_uri: str) -> bool:
        """Year files and records are data: they become generated pages, never pages of their own."""
        layout = self.content.layout
        file = layout.files.get(src_uri) if layout is not None else None
        return file is not None and file.kind in RECORD_KINDS

    def is_published_source(self, src_uri: str) -> bool:
        """Only what the gate classified reaches the site (records.layout)."""
        return src_uri in self.published_sources

    def nav_plans(self) -> dict[int, list[PagePlan]]:
        """The few pages in the navigation, by fiscal year, newest year first."""
        found: dict[int, list[PagePlan]] = {year: [] for year in sorted(self.bodies, reverse=True)}
        for plan in self.plans.values():
            if plan.in_nav:
                found[plan.fiscal_year].append(plan)
        return found

    def nav_section_title(self, year: int) -> str:
        return year_section(year, self.options.digits)

    def page_title(self, plan: PagePlan) -> Markup:
        # Titles are record text: escaped once here, so no template can print them raw.
        return escape(plan.title)

    def page_meta(self, src_uri: str) -> dict[str, Any]:
        """The page's front matter as the theme reads it (layout, search, robots)."""
        plan = self.plans.get(src_uri)
        if plan is not None:
            kind = PAGE_KINDS[plan.kind]
            meta: dict[str, Any] = {"hide": ["toc", "navigation"] if kind.wide else ["toc"]}
            if kind.webmaster_only:
                meta.update(search={"exclude": True}, robots="noindex")
            return meta
        free = self.content.pages.get(src_uri)
        if free is None:
            return {}
        meta = {"hide": list(free.hide)}
        if free.title is not None:
            meta["title"] = escape(free.title)
        if free.description is not None:
            meta["description"] = escape(free.description)
        return meta

    # --- what the engine hands over as it renders ----------------------------------------------

    def accept_body(self, src_uri: str, body_html: str, is_home: bool, url: str) -> str:
        """The HTML of a page's Markdown, sanitized; a measure's is kept for the report."""
        clean = sanitize(body_html)
        plan = self.plans.get(src_uri)
        if plan is not None and plan.kind is Kind.MEASURE:
            self.bodies[plan.fiscal_year][plan.key] = clean
        if is_home:
            clean = self.renderer.home(url, clean)
        return clean

    def article(self, src_uri: str, body_html: str) -> str:
        """The page's content: a generated page's whole article, or a free page's body as is.
        Call once every body of the page's year has been accepted."""
        plan = self.plans.get(src_uri)
        if plan is None:
            return body_html
        return self.renderer.page(plan, body_html, self.bodies[plan.fiscal_year])

    def take_search_role(self, src_uri: str, meta: Mapping[str, Any]) -> None:
        """Note what the page is to our search before the theme's own search is told to skip it."""
        if self.search is not None:
            self.search_roles[src_uri] = role_of(self.plans.get(src_uri), self.content, meta)

    def index_page(self, src_uri: str, url: str, title: str, content_html: str) -> None:
        role = self.search_roles.pop(src_uri, None)
        if self.search is not None and role is not None:
            # Titles were escaped for the templates; the index holds text.
            self.search.add(url, html.unescape(title), content_html, role)

    # --- what the build writes at the end ------------------------------------------------------

    def data_sources(self) -> list[str]:
        return [
            urls.data_url(year, name) for year in sorted(self.content.years) for name in DATA_FILES
        ]

    def data_files(self, years: Iterable[int] | None = None) -> dict[str, bytes]:
        """The open data files (src_uri → bytes), made from the sanitized bodies."""
        chosen = set(self.content.years if years is None else years)
        files: dict[str, bytes] = {}
        for year, view in self.renderer.views.items():
            if year not in chosen:
                continue
            steps = {key: html_to_text(body) for key, body in self.bodies[year].items()}
            for name, text in year_files(view, self.options.site_url, steps).items():
                files[urls.data_url(year, name)] = text.encode("utf-8")
        return files

    def search_chunks(self) -> list[str]:
        """The index chunks, newest year first: theme/partials/search.html lists them."""
        if self.search is None:
            return []
        return [str(year) for year in sorted(self.content.years, reverse=True)] + [SITE_CHUNK]

    def search_files(self, years: Iterable[int] | None = None) -> dict[str, bytes]:
        if self.search is None:
            return {}
        only = None if years is None else {str(year) for year in years} | {SITE_CHUNK}
        return self.search.files(only)

    # --- without an engine ---------------------------------------------------------------------

    def render_all(self, markdown: Callable[[str], str]) -> BuiltSite:
        """Every generated page, the open data and the search chunks, with `markdown` turning
        a body into HTML (e.g. Python-Markdown with the site's extensions)."""
        bodies: dict[str, str] = {}
        for plan in self.plans.values():
            bodies[plan.src_uri] = self.accept_body(plan.src_uri, markdown(plan.markdown), False, "")
        pages: dict[str, str] = {}
        for plan in self.plans.values():
            self.take_search_role(plan.src_uri, self.page_meta(plan.src_uri))
            pages[plan.url] = self.article(plan.src_uri, bodies[plan.src_uri])
            self.index_page(plan.src_uri, plan.url, str(self.page_title(plan)), pages[plan.url])
        return BuiltSite(pages, self.data_files(), self.search_files())


@dataclass(frozen=True)
class BuiltSite:
    pages: dict[str, str]
    """URL → the page's article HTML."""
    data: dict[str, bytes]
    search: dict[str, bytes]
