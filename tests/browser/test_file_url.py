"""The built site opened from disk (site/index.html in a file manager, a copy on a USB stick):
links lead to pages, not to folder listings, and a reader who cannot search is told why."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.page_checks import SEARCH_BOX

NOTE = ".ita-offline-note"


def _h1(page: Page) -> str:
    return page.locator("article h1").first.inner_text().strip()


def test_links_lead_to_pages_from_disk(recorded_page, checked_site: Path) -> None:
    page = recorded_page.page
    page.goto((checked_site / "index.html").as_uri())
    # Home → the year's OIT table (a link in the content) → an item → the home page again
    # (the header's logo link), each landing on a page, never on a folder listing.
    page.locator("article a", has_text="ข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2568").first.click()
    assert page.url.endswith("/ita/2568/index.html")
    assert _h1(page).startswith("ข้อมูลสาธารณะ (OIT)")
    page.locator("table.ita-oit a").first.click()
    assert page.url.endswith("/ita/2568/o1/index.html")
    assert _h1(page).startswith("o1")
    page.locator("a.md-nav__link", has_text="มาตรการส่งเสริมคุณธรรม").first.click()
    assert page.url.endswith("/ita/2568/measures/index.html")
    page.locator("article ol a").first.click()
    assert "/ita/2568/measures/" in page.url and page.url.endswith("/index.html")
    page.locator("a.md-header__button.md-logo").click()
    assert page.url == (checked_site / "index.html").as_uri()
    assert not page.get_by_text("Index of").count()


def test_a_reader_from_disk_can_search_or_is_told_why_not(
    recorded_page, checked_site: Path
) -> None:
    page = recorded_page.page
    page.goto((checked_site / "ita/2568/report/index.html").as_uri())
    page.wait_for_load_state("load")
    box = page.locator(SEARCH_BOX).first
    note = page.locator(NOTE)
    # Once the search has had its chance to start: either its box is usable, or the note says
    # that search works on the website only.
    page.wait_for_timeout(500)
    if box.count() and box.evaluate("b => b.closest('[hidden]') === null"):
        assert not note.is_visible()
    else:
        expect(note).to_be_visible()
        assert "การค้นหาใช้ได้เฉพาะเมื่อเปิดผ่านเว็บไซต์" in note.inner_text()


def test_the_disk_note_never_shows_on_the_website(recorded_page, checked_url: str) -> None:
    page = recorded_page.page
    page.goto(checked_url + "ita/2568/report/", wait_until="load")
    page.wait_for_timeout(300)
    assert page.locator(NOTE).count() == 0


def test_the_disk_note_appears_when_the_search_cannot_start(
    recorded_page, checked_site: Path
) -> None:
    """What the theme does when it finds the search index unreadable from disk: it hides the
    search box. The note must then appear, whatever the search shows now."""
    page = recorded_page.page
    page.goto((checked_site / "index.html").as_uri(), wait_until="load")
    box = page.locator(SEARCH_BOX).first
    if box.count() == 0:
        expect(page.locator(NOTE)).to_be_visible()
        return
    box.evaluate("b => { (b.closest('.md-search') || b).hidden = true; }")
    expect(page.locator(NOTE)).to_be_visible()
    assert page.locator(NOTE).get_attribute("role") == "note"
