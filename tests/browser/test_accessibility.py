"""WCAG 2.1 AA in a real browser: axe-core on every kind of page at phone and desktop size, with
the search open, and the checks axe leaves to people (alt text, link text, document links,
headings, language) on every page of the site."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.page_checks import axe_violations, page_problems, search_with_results
from tests.browser.sample import sample_item_path
from tests.browser.site_pages import (
    EXPECTED_KINDS,
    MISSING_PATH,
    SitePage,
    all_pages,
    one_page_per_kind,
)
from tests.conftest import REPO

VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def _sample_item() -> SitePage:
    return SitePage("item-published", sample_item_path(REPO / "content"))


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="th-TH")
    try:
        yield context.new_page()
    finally:
        context.close()


def test_every_expected_kind_of_page_is_found(checked_site: Path) -> None:
    kinds = {page.kind for page in one_page_per_kind(checked_site)}
    assert set(EXPECTED_KINDS) <= kinds, set(EXPECTED_KINDS) - kinds


def test_axe_finds_no_violation_on_any_kind_of_page(
    sized_page: Page, checked_site: Path, checked_url: str
) -> None:
    pages = [*one_page_per_kind(checked_site), _sample_item()]
    found = {}
    for site_page in pages:
        sized_page.goto(checked_url + site_page.path)
        violations = axe_violations(sized_page)
        if violations:
            found[f"{site_page.kind} /{site_page.path}"] = violations
    assert found == {}


def test_axe_finds_no_violation_with_search_open(sized_page: Page, checked_url: str) -> None:
    sized_page.goto(checked_url)
    # Results must be on screen to be checked: a Thai query first, then a Latin one in case
    # the search finds nothing for it.
    if not search_with_results(sized_page, ("มาตรการ", "ITA")):
        pytest.skip("หน้านี้ไม่มีช่องค้นหา (the page has no search box)")
    assert axe_violations(sized_page) == []


def test_every_page_passes_the_checks_axe_leaves_to_people(
    recorded_page, checked_site: Path, checked_url: str
) -> None:
    page = recorded_page.page
    found = {}
    # Every page of the demo; of the sample's year (mostly missing items, one template) one
    # page of each kind.
    sample_year = sample_item_path(REPO / "content").split("/")[1]
    pages = [each for each in all_pages(checked_site) if f"/{sample_year}/" not in f"/{each.path}"]
    pages += [each for each in one_page_per_kind(checked_site) if each not in pages]
    pages.append(_sample_item())
    assert len(pages) > 40
    for site_page in pages:
        page.goto(checked_url + site_page.path, wait_until="domcontentloaded")
        problems = page_problems(page)
        if problems:
            found["/" + site_page.path] = problems
    assert found == {}


def test_the_sample_item_shows_its_image_and_documents(recorded_page, checked_url: str) -> None:
    """The checks above pass only if they see something: here is what they judged."""
    page = recorded_page.page
    page.goto(checked_url + _sample_item().path)
    image = page.locator("article img")
    assert image.count() == 1
    assert image.evaluate("img => img.complete && img.naturalWidth") == 480
    documents = page.locator(".ita-documents li")
    assert documents.count() == 3
    assert re.search(r"\(PDF, 1 KB, 15 ม\.ค\. \d{4}\)", documents.first.inner_text())
    assert page.locator(".md-copyright").inner_text().strip()


def test_a_missing_page_says_so_in_thai_with_the_way_back(recorded_page, checked_url: str) -> None:
    page = recorded_page.page
    response = page.goto(checked_url + MISSING_PATH)
    assert response is not None and response.status == 404
    assert page.locator("article h1").inner_text().startswith("ไม่พบหน้านี้")
    page.locator("article a", has_text="กลับไปหน้าแรก").click()
    assert page.url == checked_url


BAD_PAGE = """<!doctype html><html lang="en"><body>
<h1>หน้าทดสอบ</h1><h3>ข้ามระดับ</h3><h1>h1 ที่สอง</h1>
<img src="a.png"><img src="chart.png" alt="chart.png"><img src="b.png" alt="IMG_2031">
<p><a href="/ita/2568/o1/">คลิกที่นี่</a> <a href="/ita/2568/o2/">/ita/2568/o2/</a>
<a href="/x/"></a> <a href="report.pdf">รายงานประจำปี</a> (PDF)
<a href="data.csv">ข้อมูล</a></p>
<p style="color:#aaa;background:#fff">ตัวอักษรจาง</p>
</body></html>"""


def test_the_checks_catch_what_they_look_for(recorded_page, checked_url: str) -> None:
    """Each check, shown a page with the fault it looks for, reports it (so a pass means it)."""
    page = recorded_page.page
    page.goto(checked_url)
    page.set_content(BAD_PAGE)
    problems = "\n".join(page_problems(page))
    for expected in (
        "lang=",
        "no alt text): a.png",
        "alt is a file name): chart.png",
        "alt is a file name): IMG_2031",
        'vague link text): "คลิกที่นี่"',
        'URL as link text): "/ita/2568/o2/"',
        "link without text): /x/",
        "size not named): report.pdf",
        "type not named): data.csv",
        "2 h1 headings",
        "h1 → h3",
    ):
        assert expected in problems, (expected, problems)
    assert "type not named): report.pdf" not in problems
    assert any(line.startswith("color-contrast") for line in axe_violations(page))
