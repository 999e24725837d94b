"""Material's navigation partial, rendered once per folder of pages instead of once per page.

Every page of a Material site renders `partials/nav.html`, the whole menu, although it differs
between pages only in the active entry and in the relative links (`../../ita/2568/`). Record
pages are not in the menu, so no entry of it is ever active on them, and pages in one folder
(every measure of a year is in `ita/<fy>/measures/`, every item page in `ita/<fy>/`) see every
menu link at the same relative URL: a relative link depends only on the page's folder when the
link does not lead into the page itself. So those pages share one rendering per folder, made
by Material's own template the first time; menu pages (and any page a menu link leads into) are
rendered as before. The output is the same bytes (tests/test_navigation.py compares whole
builds with and without it).

How: the Jinja loader answers `partials/nav.html` with a one-line template that calls
`_Navigation`, which renders the real partial (the project's override or Material's, under
another name) exactly as `{% include %}` would, and keeps the result for the folder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.runtime import Context

PARTIAL = "partials/nav.html"
ORIGINAL = "ita-original/" + PARTIAL
CALL = "ita_navigation"
CALL_SOURCE = "{{ ita_navigation() }}"


class _Loader(jinja2.BaseLoader):
    """The theme's loader, but for the navigation partial: that calls `_Navigation`."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template == PARTIAL:
            return CALL_SOURCE, None, lambda: True
        if template == ORIGINAL:
            return self.inner.get_source(environment, PARTIAL)
        return self.inner.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


class _Navigation:
    def __init__(self, environment: jinja2.Environment) -> None:
        self.environment = environment
        self.by_folder: dict[tuple[bool, str], str] = {}
        self.menu_urls: frozenset[str] | None = None
        self.renders = 0
        """How often Material's partial was rendered (the pages minus the reuses)."""

    @jinja2.pass_context
    def __call__(self, context: Context) -> str:
        key = self._folder_key(context)
        if key is not None and key in self.by_folder:
            return self.by_folder[key]
        self.renders += 1
        template = self.environment.get_template(ORIGINAL)
        # What `{% include %}` does: the partial sees everything the including template sees.
        rendered = "".join(template.root_render_func(template.new_context(context.get_all(), True)))
        if key is not None:
            self.by_folder[key] = rendered
        return rendered

    def _folder_key(self, context: Context) -> tuple[bool, str] | None:
        """The folder whose pages all render this menu alike; None to render it for this page."""
        page, nav = context.get("page"), context.get("nav")
        url = getattr(page, "url", None)
        if not isinstance(url, str) or nav is None:
            return None
        if self.menu_urls is None:
            self.menu_urls = frozenset(_urls(nav.items))
        # A menu page has an active entry; a page that menu links lead into sees them as "./..".
        if url in self.menu_urls or any(link.startswith(url) for link in self.menu_urls):
            return None
        # MkDocs makes links relative to the page's folder: "a/b/x/" is the folder "a/b/x",
        # whose siblings share "a/b"; "a/b/x.html" lies in "a/b" itself. Keyed by both.
        directory_url = url.endswith("/")
        return directory_url, posixpath.dirname(url.rstrip("/") if directory_url else url)


def _urls(items: Any) -> list[str]:
    """The URL of every page and link of the menu, sections opened."""
    found: list[str] = []
    for item in items:
        if isinstance(getattr(item, "url", None), str):
            found.append(item.url)
        found += _urls(getattr(item, "children", None) or ())
    return found


def render_once_per_folder(environment: jinja2.Environment) -> None:
    """Make `environment` (a fresh one per build) render the navigation once per folder."""
    assert environment.loader is not None
    environment.loader = _Loader(environment.loader)
    environment.globals[CALL] = _Navigation(environment)


__all__ = ["render_once_per_folder"]
