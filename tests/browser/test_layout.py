"""On a phone (360×740) no page scrolls sideways, and the wide tables become cards that keep each
cell's column name; screenshots of every kind of page at phone and desktop size are written to
artifacts/screenshots/ for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import ARTIFACTS
from tests.browser.site_pages import one_page_per_kind

SCREENSHOTS = ARTIFACTS / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Tables that must turn into cards on a phone (the report's six columns cannot fit); the OIT
# table becomes a compact list instead (tests/browser/test_public_site.py); other tables scroll
# inside their own box.
CARD_TABLES = "table.ita-report"
# A screenshot of a long page is cut here: enough to judge the layout, small on disk.
MAX_SHOT_HEIGHT = 4000


def _page(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, locale="th-TH", device_scale_factor=1)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, PHONE)


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, DESKTOP)


def _shoot(page: Page, kind: str, size: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = kind.replace("page:", "").replace("/", "-").strip("-")
    height = min(MAX_SHOT_HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(
        path=SCREENSHOTS / f"{name}-{size}.png",
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
    )


def _wider_than_screen(page: Page) -> int:
    """How many pixels the page is wider than the screen (0 when nothing scrolls sideways)."""
    page.evaluate("document.fonts.ready")
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_no_page_scrolls_sideways_on_a_phone(
    phone: Page, checked_site: Path, checked_url: str
) -> None:
    too_wide = {}
    for site_page in one_page_per_kind(checked_site):
        phone.goto(checked_url + site_page.path)
        if (extra := _wider_than_screen(phone)) > 0:
            too_wide[site_page.kind] = extra
        _shoot(phone, site_page.kind, "phone")
    assert too_wide == {}


def test_wide_tables_become_readable_cards_on_a_phone(phone: Page, checked_url: str) -> None:
    for path in ("ita/2568/report/", "ita/2568/o35/"):
        phone.goto(checked_url + path)
        tables = phone.locator(CARD_TABLES)
        assert tables.count() > 0, path
        cards = phone.evaluate(
            """(selector) => [...document.querySelectorAll(selector)].flatMap((table) =>
              [...table.querySelectorAll("td")].map((td) => ({
                label: td.dataset.label || "",
                shown: getComputedStyle(td, "::before").content,
                width: td.getBoundingClientRect().width,
                right: td.getBoundingClientRect().right,
                font: parseFloat(getComputedStyle(td).fontSize),
                head: getComputedStyle(table.tHead).display,
              })))""",
            CARD_TABLES,
        )
        for cell in cards:
            # Each cell names its column, spans the card, and stays on screen at a readable size.
            assert cell["label"] and cell["shown"] == f'"{cell["label"]}"', (path, cell)
            assert cell["head"] == "none", path
            assert cell["width"] >= 280 and cell["right"] <= PHONE["width"], (path, cell)
            assert cell["font"] >= 12, (path, cell)


def test_wide_tables_stay_tables_on_a_desktop(desktop: Page, checked_url: str) -> None:
    desktop.goto(checked_url + "ita/2568/report/")
    assert desktop.locator("table.ita-report thead").first.is_visible()
    assert _wider_than_screen(desktop) <= 0


def test_desktop_screenshots_of_every_kind_of_page(
    desktop: Page, checked_site: Path, checked_url: str
) -> None:
    kinds = one_page_per_kind(checked_site)
    for site_page in kinds:
        desktop.goto(checked_url + site_page.path)
        assert _wider_than_screen(desktop) <= 0, site_page
        _shoot(desktop, site_page.kind, "desktop")
    shots = {path.name for path in SCREENSHOTS.glob("*-desktop.png")}
    assert len(shots) >= len(kinds)
