"""The site's real search box in Chromium: Thai words found inside runs of Thai text, digits in
either form, English, a misspelling; used with the keyboard and on a phone; the words marked on
the page a result opens; and all of it from a copy on disk (file://)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from playwright.sync_api import Browser, Page, expect

BOX = "[data-ita-search] .md-search__input"
RESULTS = "#ita-search-results"
LINKS = "#ita-search-results > li > a"
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u007f]")

# Query → pages that must be among its first ten results.
EXPECTED = {
    "ร้องเรียน": {"ita/2568/o22/", "ita/2568/o23/", "ita/2568/o24/"},
    "จัดจ้าง": {"ita/2568/o14/", "ita/2568/o15/", "ita/2568/measures/procurement-plan/"},
    "ทุจริด": {"ita/2568/o22/", "ita/2568/o32/"},
    "No Gift": {"ita/2568/o26/", "ita/2568/o27/", "ita/2568/o28/"},
    "๙๙.๔๒": {"ita/2568/scores/"},
    "o1": {"ita/2568/o1/"},
}


def page_path(href: str, root: str) -> str:
    path, start = unquote(urlparse(href).path), unquote(urlparse(root).path)
    return path.removeprefix(start).removesuffix("index.html")


def search(page: Page, query: str) -> list[str]:
    """Type `query` into the search box and return the result links, once they are shown."""
    box = page.locator(BOX)
    box.click()
    box.fill("")
    box.press_sequentially(query)
    expect(page.locator(RESULTS)).to_have_attribute("data-query", query)
    expect(page.locator(RESULTS)).to_have_attribute("data-state", "done")
    return page.eval_on_selector_all(LINKS, "links => links.map(a => a.href)")


def test_thai_words_digits_english_and_a_misspelling(recorded_page, site_url: str) -> None:
    page = recorded_page.page
    page.goto(site_url + "ita/2568/o10/")
    for query, pages in EXPECTED.items():
        found = [page_path(href, site_url) for href in search(page, query)]
        assert pages <= set(found[:10]), (query, found[:10])
        if query == "o1":
            assert "ita/2568/o10/" not in found, "o1 must not find o10"
    status = page.locator("#ita-search-status").inner_text()
    assert status.startswith("พบ ")
    # The page about the thing first: the first result's title holds the match, marked.
    search(page, "ร้องเรียน")
    first = page.locator(f"{LINKS} .ita-search-result__title").first
    assert first.locator("mark").first.inner_text() == "ร้องเรียน"
    shown = page.locator(RESULTS).inner_text()
    assert "ร้องเรียน" in shown and not INVISIBLE.search(shown)
    # Only our own files; Material's worker and its index are never fetched.
    own = urlparse(site_url).netloc
    assert all(urlparse(url).netloc in (own, "") for url in recorded_page.requests)
    assert not [
        url for url in recorded_page.requests if "search_index.json" in url or "worker" in url
    ]
    # A misspelling is corrected, and the reader is told so, in Thai.
    search(page, "ทุจริด")
    assert "“ทุจริต” แทน “ทุจริด”" in page.locator("#ita-search-status").inner_text()
    search(page, "ภาษีโรงเรือนและที่ดินปี2599")
    expect(page.locator("#ita-search-status")).to_contain_text("ไม่พบผลการค้นหา")


def test_keyboard_and_the_marks_on_the_opened_page(recorded_page, site_url: str) -> None:
    page = recorded_page.page
    page.goto(site_url)
    page.keyboard.press("/")
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.type("จัดซื้อ")
    expect(page.locator(RESULTS)).to_have_attribute("data-query", "จัดซื้อ")
    expect(page.locator(RESULTS)).to_have_attribute("data-state", "done")
    page.keyboard.press("ArrowDown")
    expect(page.locator(LINKS).nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(LINKS).nth(1)).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(BOX)).to_be_focused()
    target = page.locator(LINKS).first.get_attribute("href") or ""
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?h="))
    assert page_path(page.url, site_url) == page_path(urljoin(site_url, target), site_url)
    marks = page.locator("article mark")
    expect(marks.first).to_have_text("จัดซื้อ")
    # Escape closes the search.
    page.keyboard.press("/")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_search_on_a_phone_opens_from_the_header(browser: Browser, site_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, locale="th-TH"
    )
    try:
        page = context.new_page()
        page.goto(site_url + "ita/2568/")
        page.locator("label.md-header__button[for=__search]").click()
        expect(page.locator(BOX)).to_be_visible()
        found = [page_path(href, site_url) for href in search(page, "E-Service")]
        assert {"ita/2568/o13/", "ita/2568/measures/e-service/"} <= set(found[:3])
        expect(page.locator(LINKS).first).to_be_in_viewport()
    finally:
        context.close()


def test_search_works_from_a_copy_on_disk(recorded_page, demo_site: Path) -> None:
    page = recorded_page.page
    page.goto((demo_site / "ita/2568/o14/index.html").as_uri())
    hrefs = search(page, "ร้องเรียน")
    assert hrefs and all(re.search(r"/index\.html(\?|#|$)", href) for href in hrefs)
    assert any(href.split("?")[0].endswith("ita/2568/o23/index.html") for href in hrefs[:5])
    assert all(url.startswith("file:") for url in recorded_page.requests)
    expect(page.locator(".ita-offline-note")).to_be_hidden()
    page.locator(LINKS).first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file:") and "/index.html" in page.url
    assert "ร้องเรียน" in page.locator("article h1").inner_text()
    expect(page.locator("article mark").first).to_have_text("ร้องเรียน")


# Query → the items one of which must be the first result: an item named exactly, by the
# beginning of its title, or with one letter missing, extra or wrong in a long word.
FIRST = {
    "คู่มือ": {"ita/2568/o10/", "ita/2568/o11/"},
    "จัดซื้อ": {"ita/2568/o14/", "ita/2568/o15/", "ita/2568/o16/", "ita/2568/o17/"},
    "โครงสร้าง": {"ita/2568/o1/"},
    "ประมวลจริยธรม": {"ita/2568/o20/"},  # one letter missing
    "ประมวลจริยธรรมม": {"ita/2568/o20/"},  # one letter extra
    "ประมวณจริยธรรม": {"ita/2568/o20/"},  # one letter wrong
}


def test_an_item_named_by_its_title_or_one_letter_off_comes_first(
    recorded_page, site_url: str
) -> None:
    page = recorded_page.page
    page.goto(site_url + "ita/2568/")
    firsts = {query: page_path(search(page, query)[0], site_url) for query in FIRST}
    assert {q: first for q, first in firsts.items() if first not in FIRST[q]} == {}
