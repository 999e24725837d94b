"""The MkDocs plugin: wires MkDocs events to `site.build.SiteBuild`, and nothing more.

- on_config: read and check all content (`rules.check`, the same run as `site_builder check`);
  any error stops the build before MkDocs empties site/.
- on_files: only what the content gate classified is published; record sources give way to
  the generated pages and open data files of `SiteBuild`.
- on_nav: one section per fiscal year, newest first.
- on_page_*: each page's Markdown HTML goes to `SiteBuild`, which sanitizes it and returns the
  article; then to our Thai search index, which on_post_build writes.
- serve mode (on_startup, on_pre_build, on_build_error): `engine.serve.ServeSession`.
"""

from __future__ import annotations

import gc
import logging
import os
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

from site_builder.engine import identity as agency_identity
from site_builder.engine import navigation, serve_errors
from site_builder.engine.editor import EditorConfig, add_editor_files
from site_builder.engine.serve import PublishPartial, ServeSession
from site_builder.engine.theme import check_theme_shadowing
from site_builder.labels import DIGIT_STYLES, Digits
from site_builder.rules.check import run_check
from site_builder.site import state
from site_builder.site.build import BuildOptions, SiteBuild
from site_builder.site.markup_fixes import valid_markup
from site_builder.site.search.segment import Segmenter
from site_builder.site.search.segments import cache_folder

log = logging.getLogger("mkdocs.plugins.ita")


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
    digits = c.Choice(DIGIT_STYLES, default="arabic")
    """One digit style for all generated text: `arabic` (2568) or `thai` (๒๕๖๘)."""
    show_needs = c.Type(bool, default=False)
    """Show the catalogue's "what this item needs" hint on public item pages."""
    editor = c.SubConfig(EditorConfig)
    """The web editor at /admin/ (site_builder/engine/editor.py); off unless `enabled: true`."""
    identity = c.Type(dict, default={})
    """The agency: name, name_en, logo, favicon, colour, address, phone, office_hours, email,
    website, complaints, complaints_title (README: ตัวตนของหน่วยงาน)."""


class ItaPlugin(BasePlugin[ItaConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.build: SiteBuild | None = None
        self.serve: ServeSession | None = None
        """Kept between the rebuilds of one `mkdocs serve`; None in `mkdocs build`."""
        self.partial: PublishPartial | None = None
        """An incremental publish's build (engine.serve.PublishPartial); None otherwise."""
        self.data_files: dict[str, File] = {}
        self.serve_errors = serve_errors.ServeErrors()

    @property
    def search_chunks(self) -> list[str]:
        """The index chunks, newest year first: theme/partials/search.html lists them."""
        return self.build.search_chunks() if self.build is not None else []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup keeps this object alive across `mkdocs serve` rebuilds (MkDocs 1.4+).
        self.serve = ServeSession() if command == "serve" and not dirty else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        extra = (root / self.config.catalogues,) if self.config.catalogues else ()
        inputs = self.serve.inputs(config, extra) if self.serve is not None else {}
        result = run_check(Path(config.docs_dir), root, extra)
        # The content stays alive for the whole build: out of the cyclic collector's way until
        # on_post_build (each full collection would scan every record again).
        gc.freeze()
        # Fails `mkdocs build` on errors; under `serve`, the browser shows them (serve_errors).
        result = self.serve_errors.report(result, log, serving=self.serve is not None)
        agency, digits = self.config.agency or config.site_name, Digits(self.config.digits)
        years = list(result.content.years)
        agency_identity.install(config, self.config.identity, agency, digits, years)
        options = BuildOptions(
            agency=agency,
            site_url=config.site_url,
            readiness_page=self.config.readiness_page,
            search=self.config.search,
            digits=digits,
            show_needs=self.config.show_needs,
            segmenter=self._segmenter(root, config) if self.config.search else None,
        )
        self.build = SiteBuild(result.content, options)
        if self.serve is not None:
            self.serve.begin(inputs, config, self.build)
        else:
            self.partial = PublishPartial.from_environment()
            if self.partial is not None:
                self.partial.begin(self.build)
        return config

    @property
    def partial_years(self) -> set[int] | None:
        """The fiscal years a partial build (serve or publish) writes; None: all of them."""
        if self.serve is not None:
            return self.serve.years
        return self.partial.years if self.partial is not None else None

    def _segmenter(self, root: Path, config: MkDocsConfig) -> Segmenter:
        published = (Path(config.docs_dir), Path(config.site_dir))
        try:
            folder = cache_folder(root, self.config.search_cache, published=published)
            return Segmenter.shared(folder)
        except ValueError as error:
            raise PluginError(str(error)) from None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serve is not None:
            self.serve.set_aside(Path(config.site_dir))

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # docs_dir (content/) is watched by MkDocs itself; an extra catalogue folder is ours.
        if self.config.catalogues:
            server.watch(str(Path(config.config_file_path).parent / self.config.catalogues))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        docs = Path(config.docs_dir).resolve()
        for file in list(files):
            from_docs = Path(file.abs_src_path or "").resolve().is_relative_to(docs)
            if from_docs and not self.build.is_published_source(file.src_uri):
                files.remove(file)
        check_theme_shadowing(files, config, docs)
        for plan in self.build.plans.values():
            files.append(
                File.generated(
                    config, plan.src_uri, content=plan.markdown, inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
        # Open data files get their content in on_env, once every body is rendered.
        self.data_files = {src: File.generated(config, src, content=b"") for src in
                           self.build.data_sources()}  # fmt: skip
        for file in self.data_files.values():
            files.append(file)
        if self.partial is None:
            add_editor_files(files, config, self.build.content, self.config.editor)
        if self.serve is not None:
            self.serve.skip_unchanged(files, self.build.plans)
        if self.partial is not None:
            self.partial.skip_unchanged(files, self.build.plans)
        return files

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        assert self.build is not None
        if self.serve is not None:
            env.bytecode_cache = self.serve.live.templates
        # Material's navigation partial: rendered once per folder of pages (navigation.py).
        navigation.render_once_per_folder(env)
        for src, data in self.build.data_files(self.partial_years).items():
            self.data_files[src].content_bytes = data
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.build is not None
        items, pages = list(nav.items), list(nav.pages)
        for year, plans in self.build.nav_plans().items():
            children = []
            for plan in plans:
                file = files.get_file_from_path(plan.src_uri)
                assert file is not None
                # A partial rebuild does not read every page, but the navigation shows all.
                children.append(file.page or Page(escape(plan.title), file, config))
            section = Section(self.build.nav_section_title(year), children)
            for child in children:
                child.parent = section
            items.append(section)
            pages.extend(children)
        return Navigation(items, pages)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.build is not None
        plan = self.build.plans.get(page.file.src_uri)
        if plan is not None:
            page.title = self.build.page_title(plan)  # type: ignore[misc]
        page.meta = self.build.page_meta(page.file.src_uri)
        # A record body starting with "---" must not be read as front matter again.
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.build is not None
        if page.title is not None and not isinstance(page.title, Markup):
            page.title = escape(page.title)  # type: ignore[misc]
        return self.build.accept_body(page.file.src_uri, html, page.is_homepage, page.url)

    # Before the search plugin (priority 0) indexes page.content.
    @event_priority(50)
    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        assert self.build is not None
        # MkDocs has copied the open data files before building the first page: their bytes
        # (tens of MB at 20,000 records) need not stay in memory for the rest of the build.
        for file in self.data_files.values():
            file.content_bytes = b""
        # Every page's body is rendered by now, so the report can include all measures.
        page.content = self.build.article(page.file.src_uri, page.content or "")
        if self.build.search is not None:
            # Our Thai index replaces Material's, whose plugin stays only because Material's
            # header needs it: its index (95 MB at 5,000 pages, never downloaded) is left empty.
            self.build.take_search_role(page.file.src_uri, page.meta)
            page.meta = {**page.meta, "search": {"exclude": True}}
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        assert self.build is not None
        title = str(page.title or config.site_name)
        self.build.index_page(page.file.src_uri, page.url, title, page.content or "")
        # Nothing reads the article after this (Material's search took it in on_page_context,
        # ours just now): MkDocs would keep every page's until the end, a fifth of the memory.
        page.content = None
        return valid_markup(output)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # The 404 and website-policy pages (theme static templates) get the same fixes.
        return valid_markup(output_content)

    # After Material's search plugin (priority 0) has written its index: a partial rebuild
    # merges it with the previous one.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()
        assert self.build is not None
        for path, data in self.build.search_files(self.partial_years).items():
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        written = os.environ.get(state.WRITE)
        if self.partial is not None:
            self.partial.write_state(self.build)
        elif self.serve is None and written:
            # For the next publish's incremental build (site.state).
            state.write_state(Path(written), self.build.bodies, self.build.search_pages)
        if self.serve is not None:
            self.serve.finish(Path(config.site_dir))
            if self.serve_errors.finish(Path(config.site_dir)):
                self.serve.failed()  # the next build is a full one: no error page is kept

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        if self.serve is not None:
            self.serve.failed()


__all__ = ["ItaConfig", "ItaPlugin"]
