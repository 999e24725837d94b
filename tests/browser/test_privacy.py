"""No request leaves the site: every kind of page at phone and desktop size, the search open, and
the Thai font served by the site itself (no Google Fonts, nothing to tell anyone who reads)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Request

from tests.browser.page_checks import search_with_results
from tests.browser.site_pages import one_page_per_kind

VIEWPORTS = ({"width": 360, "height": 740}, {"width": 1280, "height": 900})


@pytest.fixture
def logged_context(browser: Browser) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A context whose every request is logged, workers' included (the search index is
    fetched by a web worker, which a page-level listener would not see)."""
    context = browser.new_context(locale="th-TH")
    requests: list[str] = []

    def remember(request: Request) -> None:
        requests.append(request.url)

    context.on("request", remember)
    try:
        yield context, requests
    finally:
        context.close()


def _foreign(requests: list[str], site_url: str) -> list[str]:
    own = urlparse(site_url).netloc
    return [url for url in requests if urlparse(url).netloc != own and not url.startswith("data:")]


def test_no_page_requests_another_host(
    logged_context: tuple[BrowserContext, list[str]], checked_site: Path, checked_url: str
) -> None:
    context, requests = logged_context
    page = context.new_page()
    for viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        for site_page in one_page_per_kind(checked_site):
            # A request is logged when it starts, so waiting for "load" is enough here.
            page.goto(checked_url + site_page.path)
    # Then the search, with time for what it loads late (its index, in a worker).
    page.goto(checked_url, wait_until="networkidle")
    search_with_results(page, ("มาตรการ",))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert len(requests) > 30
    assert _foreign(requests, checked_url) == []


def test_the_thai_font_is_served_by_the_site(
    logged_context: tuple[BrowserContext, list[str]], checked_url: str
) -> None:
    context, requests = logged_context
    page = context.new_page()
    page.goto(checked_url + "ita/2568/report/", wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    fonts = [url for url in requests if url.endswith(".woff2")]
    assert fonts, "no web font was loaded"
    assert all(url.startswith(checked_url + "assets/fonts/sarabun-") for url in fonts), fonts
    # Both weights of the Thai subset are in use on the report (text and headings/bold).
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded')"
        ".map(f => `${f.family.replaceAll('\"', '')} ${f.weight}`)"
    )
    assert {"Sarabun 400", "Sarabun 700"} <= set(loaded)
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ก')")


def test_pages_name_no_other_host_in_what_they_load(checked_site: Path) -> None:
    """The HTML itself: no stylesheet, script, font or frame from elsewhere, and no generator
    footer line pointing at the theme's site."""
    for file in checked_site.rglob("*.html"):
        html = file.read_text("utf-8")
        for needle in ("fonts.googleapis", "fonts.gstatic", "<iframe", 'src="http', "Made with"):
            assert needle not in html, (file, needle)
