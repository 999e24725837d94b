"""The public site as a citizen and an assessor meet it (issue 17), in Chromium: the click path
that readiness gives is walked link by link, the phone's compact OIT list, the agency's
identity in every footer, one digit style on every kind of page, and the report's print button."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from site_builder.labels import HOME, PATH_SEPARATOR
from tests.browser.conftest import CHECKED_FOOTER, build_demo, checked_files, serve
from tests.browser.site_pages import one_page_per_kind
from tests.conftest import REPO

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Item codes (o1, i15) are identifiers assessors type: ASCII in every digit style.
# The 404 page's "(404)" is the HTTP status code, an identifier too.
CODE = re.compile(r"\b[oie]\d{1,3}\b|\(404\)")
THAI_DIGIT = re.compile("[๐-๙]")
ARABIC_DIGIT = re.compile("[0-9]")
# Text the site writes itself (not the records' own text), on every kind of page: the title,
# the h1, the menu, meta lines, result block, counts, periods and dates.
GENERATED = (
    "article h1, .ita-meta, .ita-result, .ita-count, .ita-home-count, .ita-report__period,"
    " .ita-oit__date, .ita-readiness-summary, .md-nav__link, .ita-score-line"
)


def _context(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, locale="th-TH")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from _context(browser, PHONE)


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    yield from _context(browser, DESKTOP)


def test_the_readiness_click_path_is_walked_link_by_link_for_every_item(
    desktop: Page, site_url: str
) -> None:
    desktop.goto(site_url + "ita/2568/readiness/")
    rows = [line.split("\t") for line in desktop.locator("#itas-list").input_value().splitlines()]
    assert len(rows) == 35
    for code, url, path in rows:
        steps = path.split(PATH_SEPARATOR)
        assert steps[0] == HOME and len(steps) >= 3, path
        desktop.goto(site_url)
        for step in steps[1:]:
            # Each step is the exact text of a link on the page reached by the step before.
            link = desktop.get_by_role("link", name=step, exact=True).first
            assert link.is_visible(), (code, step, desktop.url)
            link.click()
            desktop.wait_for_load_state()
        assert desktop.url == site_url + url.lstrip("/"), (code, path)
        assert desktop.locator("article h1").inner_text().startswith(code)


def test_the_current_oit_table_is_one_tap_above_the_fold_on_a_phone(
    phone: Page, checked_url: str
) -> None:
    phone.goto(checked_url)
    link = phone.get_by_role("link", name="ข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2568", exact=True).first
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    # The result of the year leads the page, under the agency's h1.
    result = phone.locator(".ita-result").first.bounding_box()
    assert result is not None and result["y"] < box["y"]
    link.click()
    phone.wait_for_url(checked_url + "ita/2568/")


def test_the_phone_oit_list_is_one_compact_line_per_item_with_jump_links(
    phone: Page, checked_url: str
) -> None:
    phone.goto(checked_url + "ita/2568/")
    phone.evaluate("document.fonts.ready")
    rows = phone.evaluate(
        """() => [...document.querySelectorAll("table.ita-oit tbody tr")].map((tr) => ({
          height: tr.getBoundingClientRect().height,
          labels: [...tr.cells].map((td) => getComputedStyle(td, "::before").content),
          url: getComputedStyle(tr.querySelector(".ita-oit__url")).display,
          text: tr.innerText,
        }))"""
    )
    assert len(rows) == 35
    lines = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('td')).lineHeight)")
    for row in rows:
        # Code and title, then status and date: at most the title's wrap plus one line.
        assert row["height"] <= 4 * lines, row
        assert set(row["labels"]) <= {"none", "normal"}, row
        assert row["url"] == "none", row
        assert re.match(r"o\d+ ", row["text"]), row
    tables = phone.evaluate(
        "[...document.querySelectorAll('table.ita-oit')].reduce((sum, t) => "
        "sum + t.getBoundingClientRect().height, 0)"
    )
    # The cards were 8,647 px tall (about 12 screens); the list measured 2,606 px.
    assert tables < 3000, tables
    jump = phone.locator(".ita-groupnav a").nth(3)
    target = jump.get_attribute("href")
    jump.click()
    heading = phone.locator(f"h2{target}")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"] / 2, box


def test_every_footer_carries_the_agency_identity_and_the_policy_page(
    desktop: Page, checked_site: Path, checked_url: str
) -> None:
    identity = (
        "เทศบาลตำบลปลาไหล",
        "Pla Lai Subdistrict Municipality",
        "ที่อยู่:",
        "โทรศัพท์:",
        "เวลาทำการ:",
        "saraban@example.com",
    )
    for site_page in one_page_per_kind(checked_site):
        desktop.goto(checked_url + site_page.path)
        footer = desktop.locator("footer.md-footer").inner_text()
        for text in identity:
            assert text in footer, (site_page.kind, text)
        assert desktop.locator("footer a[href='https://example.com/']").count() == 1
        assert desktop.locator("footer a[href='https://www.nacc.go.th/']").count() == 1
        icon = desktop.locator("link[rel=icon]").get_attribute("href") or ""
        assert icon.endswith("assets/ita-seal.svg"), site_page.kind
        logo = desktop.locator(".md-header__button.md-logo img")
        assert logo.get_attribute("alt") == "ตราเทศบาลตำบลปลาไหล"
    desktop.goto(checked_url + "ita/2568/")
    seal = desktop.evaluate(
        "fetch(document.querySelector('link[rel=icon]').href).then((r) => r.status)"
    )
    assert seal == 200
    colour = desktop.evaluate(
        "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
    )
    assert colour == "rgb(26, 58, 107)"  # identity.colour #1a3a6b
    desktop.get_by_role("link", name="นโยบายเว็บไซต์และการคุ้มครองข้อมูลส่วนบุคคล").click()
    desktop.wait_for_url(checked_url + "policy.html")
    assert desktop.locator("article h1").inner_text().startswith("นโยบายเว็บไซต์")
    assert "ไม่ใช้คุกกี้" in desktop.locator("article").inner_text()
    assert desktop.title() == "นโยบายเว็บไซต์และการคุ้มครองข้อมูลส่วนบุคคล - เทศบาลตำบลปลาไหล"


@pytest.fixture(scope="module")
def thai_digit_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    assert "digits: arabic" in config
    config = config.replace("digits: arabic", "digits: thai") + CHECKED_FOOTER
    files = {**checked_files(), "mkdocs.yml": config}
    site = build_demo(tmp_path_factory.mktemp("thai-digits"), files)
    with serve(site) as url:
        yield site, url


def _generated_text(page: Page) -> str:
    texts = page.evaluate(
        "(selector) => [...document.querySelectorAll(selector)].map((el) => el.innerText)",
        GENERATED,
    )
    return CODE.sub("", " ".join([page.title(), *texts]))


def test_one_digit_style_on_every_kind_of_page(
    desktop: Page,
    checked_site: Path,
    checked_url: str,
    thai_digit_site: tuple[Path, str],
) -> None:
    thai_site, thai_url = thai_digit_site
    for site, url, wrong, right in (
        (checked_site, checked_url, THAI_DIGIT, ARABIC_DIGIT),
        (thai_site, thai_url, ARABIC_DIGIT, THAI_DIGIT),
    ):
        for site_page in one_page_per_kind(site):
            desktop.goto(url + site_page.path)
            text = _generated_text(desktop)
            # Pages of a year show at least their year: the check has digits to judge.
            if site_page.path.startswith("ita/"):
                assert right.search(text), (url, site_page.kind, text[:200])
            assert not wrong.search(text), (url, site_page.kind, wrong.findall(text), text[:300])
    # Data files keep ASCII digits and ISO dates whatever the pages show.
    for name in ("oit.json", "measures.json"):
        data = (thai_site / "ita/2568/data" / name).read_text("utf-8")
        assert json.loads(data)["fiscal_year"] == 2568
    measures = json.loads((thai_site / "ita/2568/data/measures.json").read_text("utf-8"))
    for measure in measures["measures"]:
        assert re.fullmatch(r"\d{4}-\d{2}", measure["period"]["start"]), measure["period"]


def test_the_report_prints_from_its_button_with_readable_columns(
    desktop: Page, checked_url: str
) -> None:
    desktop.goto(checked_url + "ita/2568/report/")
    # A function is what evaluate() calls: this one replaces the print dialog with a counter.
    desktop.evaluate(
        "() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }"
    )
    button = desktop.get_by_role("button", name="พิมพ์รายงาน หรือบันทึกเป็น PDF")
    assert button.is_visible()
    button.click()
    assert desktop.evaluate("window.__printed") == 1
    desktop.emulate_media(media="print")
    # The period column: a period such as "ต.ค. 2567 – ก.ย. 2568" takes at most two lines.
    # A cell is as tall as its row: count the lines of its text, not its height.
    periods = desktop.evaluate(
        """() => [...document.querySelectorAll("td.ita-report__period")].map((td) => {
          const range = document.createRange();
          range.selectNodeContents(td);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          return {text: td.innerText, lines: tops.size};
        })"""
    )
    assert periods and all(p["lines"] <= 2 for p in periods), periods
    assert not button.is_visible()
    desktop.emulate_media(media="screen")
    desktop.goto(checked_url + "ita/2568/scores/")
    aligned = desktop.evaluate(
        "[...document.querySelectorAll('table.ita-scores th[scope=row]')]"
        ".map((th) => getComputedStyle(th).textAlign)"
    )
    assert aligned and set(aligned) <= {"left", "start"}, set(aligned)


def test_printed_urls_never_break_before_their_final_slash(desktop: Page, checked_url: str) -> None:
    desktop.set_viewport_size({"width": 360, "height": 740})
    desktop.goto(checked_url + "ita/2568/readiness/")
    desktop.emulate_media(media="print")
    broken = desktop.evaluate(
        """() => [...document.querySelectorAll("code.ita-url")].flatMap((code) => {
          const text = code.textContent;
          const node = [...code.childNodes].filter((n) => n.nodeType === 3).pop();
          const range = document.createRange();
          range.setStart(node, node.length - 1);
          range.setEnd(node, node.length);
          const slash = range.getBoundingClientRect();
          range.setStart(node, Math.max(0, node.length - 2));
          range.setEnd(node, node.length - 1);
          const before = range.getBoundingClientRect();
          return Math.abs(slash.top - before.top) > 1 ? [text] : [];
        })"""
    )
    assert broken == []
