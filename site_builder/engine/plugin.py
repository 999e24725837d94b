"""The MkDocs plugin: wires MkDocs events to the plain modules beside it, and nothing more.

- on_config: read and check all content (the same run as `python -m site_builder check`); any
  error stops the build before MkDocs empties site/.
- on_files: drop the record sources and add a generated page per (fiscal year, item), per
  measure, and the year's table, measures, report and scores pages, plus the open data files.
  Record pages stay out of the navigation, which grows with years only, not with records.
- on_nav: one section per fiscal year, newest first.
- on_page_markdown / on_page_content / on_page_context: titles escaped, bodies sanitized, and
  each page's HTML made by `render.Renderer` once every body of the year is known.
- on_post_page / on_post_build: each page's final content goes to the Thai search index
  (`site_builder.site.search`), written as search/ita-<chunk>.js for theme/partials/search.html.
- on_startup / on_pre_build / on_build_error: under `mkdocs serve`, a rebuild after an edit of
  records only builds the pages of the edited year and keeps the rest of the previous output
  (`site_builder.engine.serve`); anything else rebuilds everything.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from site_builder import urls
from site_builder.engine import navigation, serve
from site_builder.records.content import Content
from site_builder.rules.check import run_check
from site_builder.rules.year_view import YearView
from site_builder.site.opendata import DATA_FILES, year_files
from site_builder.site.plans import Kind, PagePlan, plan_readiness, plan_site
from site_builder.site.render import Renderer, SiteInfo
from site_builder.site.sanitize import html_to_text, sanitize
from site_builder.site.search import SearchIndex, role_of
from site_builder.site.search.index import SITE_CHUNK
from site_builder.site.search.segment import Segmenter
from site_builder.site.search.segments import cache_folder

log = logging.getLogger("mkdocs.plugins.ita")
# Plugins whose output a partial `serve` rebuild knows how to complete (see serve.py).
PARTIAL_SAFE_PLUGINS = {"ita", "search", "material/search"}


class ItaConfig(base.Config):
    agency = c.Type(str, default="")
    """The agency's Thai name as pages and the report show it; defaults to `site_name`."""
    catalogues = c.Optional(c.Type(str))
    """An extra folder of catalogue files (`<id>.yml`), besides the built-in ones."""
    readiness_page = c.Type(bool, default=False)
    """Build /ita/<fy>/readiness/ for the webmaster (out of nav and search, noindex)."""
    search = c.Type(bool, default=True)
    """Write our Thai search index (search/ita-*.js), used by theme/partials/search.html."""
    search_cache = c.Type(str, default=".cache/search")
    """Where word segmentations are kept between builds, inside the project ("" for nowhere;
    the environment variable ITA_SEARCH_CACHE, set by a publishing server, wins)."""


def _is_record_source(src_uri: str) -> bool:
    # content/ita/<fy>/year.yml, measures/*.md and o<N>/index.md are data, not pages.
    parts = src_uri.split("/")
    if len(parts) < 3 or parts[0] != "ita":
        return False
    return (
        parts[2:] == ["year.yml"]
        or (len(parts) == 4 and parts[2] == "measures")
        or (len(parts) == 4 and parts[3] == "index.md")
    )


class ItaPlugin(BasePlugin[ItaConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.content: Content | None = None
        self.renderer: Renderer | None = None
        self.plans: dict[str, PagePlan] = {}
        self.bodies: dict[int, dict[str, str]] = {}
        self.data_files: dict[tuple[int, str], File] = {}
        self.search: SearchIndex | None = None
        self.search_chunks: list[str] = []
        """The index chunks, newest year first: theme/partials/search.html lists them."""
        self.search_roles: dict[str, Any] = {}
        """Each page's search role, taken before Material's search is told to skip the page."""
        self.live: serve.LiveState | None = None
        """Kept between the rebuilds of one `mkdocs serve`; None in `mkdocs build`."""
        self.partial: set[str] | None = None
        """In a partial rebuild, the generated pages to build (src_uri); None builds all."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup keeps this object alive across `mkdocs serve` rebuilds (MkDocs 1.4+),
        # so that a rebuild after a record edit builds only the pages the edit changes.
        self.live = serve.LiveState() if command == "serve" and not dirty else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        extra = (root / self.config.catalogues,) if self.config.catalogues else ()
        # Before reading: an edit made while this build runs is seen by the next one.
        inputs = self._inputs(config, extra) if self.live is not None else {}
        result = run_check(Path(config.docs_dir), root, extra)
        for problem in result.problems:
            (log.error if problem in result.problems.errors else log.warning)(str(problem))
        if result.failed():
            raise PluginError(
                f"พบข้อผิดพลาด {len(result.problems.errors)} รายการในเนื้อหา ไม่ได้สร้างเว็บไซต์ "
                f"(content has {len(result.problems.errors)} errors; nothing was built)"
            )
        self.content = result.content
        site = SiteInfo(agency=self.config.agency or config.site_name, site_url=config.site_url)
        self.renderer = Renderer(result.content, site)
        self.plans = {plan.src_uri: plan for plan in plan_site(result.content)}
        if self.config.readiness_page:
            for year in result.content.years.values():
                plan = plan_readiness(year)
                self.plans[plan.src_uri] = plan
        self.partial = None
        if self.live is not None:
            changes = self.live.begin(inputs, trusted=set(config.plugins) <= PARTIAL_SAFE_PLUGINS)
            if changes is not None:
                self.partial = serve.pages_to_build(self.plans.values(), changes)
                log.info(
                    f"แก้ไขเฉพาะระเบียน: สร้างใหม่ {len(self.partial)} หน้าของปีที่แก้ "
                    f"(records edited: partial rebuild of {len(self.partial)} pages)"
                )
        # A partial rebuild keeps the bodies and search entries of the pages it does not build.
        previous = self.bodies if self.partial is not None else {}
        self.bodies = {year: previous.get(year, {}) for year in result.content.years}
        self.search = self.search if self.partial is not None else None
        self.search_chunks = []
        if self.config.search:
            self.search = self.search or SearchIndex(self._segmenter(root, config))
            self.search_chunks = [str(y) for y in sorted(result.content.years, reverse=True)]
            self.search_chunks.append(SITE_CHUNK)
        return config

    def _segmenter(self, root: Path, config: MkDocsConfig) -> Segmenter:
        published = (Path(config.docs_dir), Path(config.site_dir))
        try:
            folder = cache_folder(root, self.config.search_cache, published=published)
            return Segmenter.shared(folder)
        except ValueError as error:
            raise PluginError(str(error)) from None

    def _inputs(self, config: MkDocsConfig, extra: tuple[Path, ...]) -> dict[str, Any]:
        others = [Path(config.config_file_path), *extra]
        if config.theme.custom_dir:
            others.append(Path(config.theme.custom_dir))
        return serve.snapshot(Path(config.docs_dir), others)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.live is not None and self.partial is not None:
            # MkDocs empties site_dir next: the previous output goes aside, and on_post_build
            # moves back every file this build does not write.
            self.live.set_aside(Path(config.site_dir))

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # docs_dir (content/) is watched by MkDocs itself; an extra catalogue folder is ours.
        if self.config.catalogues:
            server.watch(str(Path(config.config_file_path).parent / self.config.catalogues))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.content is not None and self.renderer is not None
        for file in list(files):
            if _is_record_source(file.src_uri):
                files.remove(file)
        for plan in self.plans.values():
            files.append(
                File.generated(
                    config, plan.src_uri, content=plan.markdown, inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
        # Open data files get their content in on_env, once every body is rendered.
        self.data_files = {}
        for view in self.renderer.views.values():
            for name in DATA_FILES:
                src = urls.data_url(view.fiscal_year, name)
                self.data_files[(view.fiscal_year, name)] = File.generated(config, src, content=b"")
                files.append(self.data_files[(view.fiscal_year, name)])
        if self.live is not None and self.live.changes is not None and self.partial is not None:
            self._skip_unchanged(files, self.live.changes, self.partial)
        return files

    def _skip_unchanged(self, files: Files, changes: serve.Changes, partial: set[str]) -> None:
        """A partial rebuild: MkDocs neither builds nor copies what the edit did not change."""
        assert self.live is not None
        data = {urls.data_url(year, name) for year in changes.years for name in DATA_FILES}
        copied = changes.paths | data
        for file in files:
            if file.src_uri in self.plans:
                build = file.src_uri in partial
            else:
                # Free pages are few and in the navigation: always built.
                build = file.is_documentation_page() or file.src_uri in copied
            if not build:
                file.inclusion = InclusionLevel.EXCLUDED
            elif file.is_documentation_page():
                # As Page.url (and so the search index) spells it: "" for the home page.
                self.live.rebuilt_urls.add("" if file.url in (".", "./") else file.url)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        assert self.renderer is not None
        if self.live is not None:
            env.bytecode_cache = self.live.templates
        # Material's navigation partial: rendered once per folder of pages (navigation.py).
        navigation.render_once_per_folder(env)
        changes = self.live.changes if self.live is not None and self.partial is not None else None
        for view in self.renderer.views.values():
            if changes is not None and view.fiscal_year not in changes.years:
                continue  # a partial rebuild keeps the other years' files
            steps = {key: html_to_text(html) for key, html in self.bodies[view.fiscal_year].items()}
            for name, text in year_files(view, config.site_url, steps).items():
                self.data_files[(view.fiscal_year, name)].content_bytes = text.encode("utf-8")
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        items = list(nav.items)
        pages = list(nav.pages)
        # The few plans in the navigation, picked once: there are as many plans as records.
        in_nav = [plan for plan in self.plans.values() if plan.in_nav]
        for year in sorted(self.bodies, reverse=True):
            children = []
            for plan in in_nav:
                if plan.fiscal_year == year:
                    file = files.get_file_from_path(plan.src_uri)
                    assert file is not None
                    # A partial rebuild does not read every page, but the navigation shows all.
                    page = file.page or Page(escape(plan.title), file, config)
                    children.append(page)
            section = Section(f"ปีงบประมาณ {year}", children)
            for child in children:
                child.parent = section
            items.append(section)
            pages.extend(children)
        return Navigation(items, pages)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.content is not None
        plan = self.plans.get(page.file.src_uri)
        if plan is not None:
            # Titles are record text: escaped once here, so no template can print them raw.
            page.title = escape(plan.title)  # type: ignore[misc]
            wide = plan.kind in (Kind.YEAR, Kind.REPORT, Kind.SCORES, Kind.READINESS)
            page.meta = {"hide": ["toc", "navigation"] if wide else ["toc"]}
            if plan.kind is Kind.READINESS:
                # For the webmaster only: Material's search skips it, theme/main.html adds noindex.
                page.meta.update(search={"exclude": True}, robots="noindex")
            # A body starting with "---" must not be read as front matter again.
            return markdown
        meta = self.content.pages.get(page.file.src_uri)
        page.meta = {}
        if meta is not None:
            page.meta = {"hide": list(meta.hide)}
            if meta.title is not None:
                page.meta["title"] = escape(meta.title)
            if meta.description is not None:
                page.meta["description"] = escape(meta.description)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.renderer is not None
        clean = sanitize(html)
        plan = self.plans.get(page.file.src_uri)
        if plan is not None and plan.kind is Kind.MEASURE:
            self.bodies[plan.fiscal_year][plan.key] = clean
        if plan is None and page.title is not None and not isinstance(page.title, Markup):
            page.title = escape(page.title)  # type: ignore[misc]
        if page.is_homepage:
            clean += self.renderer.home(page.url)
        return clean

    # Before the search plugin (priority 0) indexes page.content.
    @event_priority(50)
    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        assert self.renderer is not None
        plan = self.plans.get(page.file.src_uri)
        if plan is not None:
            # Every page's body is rendered by now, so the report can include all measures.
            page.content = self.renderer.page(
                plan, page.content or "", self.bodies[plan.fiscal_year]
            )
        if self.search is not None:
            # Our Thai index replaces Material's, whose plugin stays only because Material's
            # header needs it: its index (95 MB at 5,000 pages, never downloaded) is left empty.
            assert self.content is not None
            self.search_roles[page.file.src_uri] = role_of(plan, self.content, page.meta)
            page.meta = {**page.meta, "search": {"exclude": True}}
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        role = self.search_roles.pop(page.file.src_uri, None)
        if self.search is not None and role is not None:
            # Titles were escaped for the templates; the index holds text.
            title = html.unescape(str(page.title or config.site_name))
            self.search.add(page.url, title, page.content or "", role)
        return output

    # After Material's search plugin (priority 0) has written its index: a partial rebuild
    # merges it with the previous one.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        changed = None
        if self.live is not None and self.live.changes is not None and self.partial is not None:
            changed = {str(year) for year in self.live.changes.years} | {SITE_CHUNK}
        if self.search is not None:
            for path, data in self.search.files(changed).items():
                target = Path(config.site_dir) / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        if self.live is not None:
            self.live.finish(Path(config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        if self.live is not None:
            self.live.failed()


__all__ = ["ItaPlugin", "YearView"]
