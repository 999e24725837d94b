"""The yearly report printed to PDF by Chromium: A4, no menus or search, no measure cut between
two pages, and Thai text that copies as Thai."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from tests.browser.pdf_text import page_text

REPORT = "ita/2568/report/"
A4_POINTS = (595.28, 841.89)
REPORT_TITLE = "รายงานการดำเนินการเพื่อส่งเสริมคุณธรรม"
# Text of the screen's navigation and search, which print must leave out.
SCREEN_ONLY = ".md-header, .md-sidebar, .md-search, .md-skip, .ita-yearnav, .md-footer"


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def printed(browser, checked_url: str) -> tuple[list[str], list[tuple[float, float]], dict]:
    """The report's PDF (text per page and page sizes), and what the screen shows."""
    context = browser.new_context(locale="th-TH")
    page: Page = context.new_page()
    page.goto(checked_url + REPORT)
    page.evaluate("document.fonts.ready")
    screen = page.evaluate(
        """(selector) => ({
          labels: [...document.querySelectorAll(selector)].flatMap((el) =>
            [...el.querySelectorAll("a, label, [placeholder], .md-nav__title")].map((node) =>
              node.getAttribute("placeholder") || node.innerText)),
          article: document.querySelector("article").innerText,
          rows: [...document.querySelectorAll("table.ita-report tbody tr")].map((tr) =>
            [...tr.cells].map((td) => td.innerText)),
        })""",
        SCREEN_ONLY,
    )
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    context.close()
    reader = PdfReader(io.BytesIO(pdf))
    texts = [page_text(pdf_page) for pdf_page in reader.pages]
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    return texts, sizes, screen


def test_the_report_prints_on_a4(printed) -> None:
    _, sizes, _ = printed
    assert len(sizes) > 1
    for width, height in sizes:
        assert abs(width - A4_POINTS[0]) <= 1 and abs(height - A4_POINTS[1]) <= 1, sizes


def test_the_printed_text_is_thai_that_copies(printed) -> None:
    texts, _, screen = printed
    assert REPORT_TITLE in texts[0]
    everything = "".join(texts)
    titles = [row[0] for row in screen["rows"]]
    assert len(titles) > 10
    for title in titles:
        assert _squash(title) in everything, title


def test_no_menu_or_search_is_printed(printed) -> None:
    texts, _, screen = printed
    article = _squash(screen["article"])
    # Labels that the report itself also says (the agency's name) cannot tell anything.
    labels = {_squash(label) for label in screen["labels"]} - {""}
    labels = {label for label in labels if label not in article}
    assert len(labels) >= 3, labels
    everything = "".join(texts)
    assert [label for label in labels if label in everything] == []


def test_no_measure_is_cut_between_two_pages(printed) -> None:
    """Best effort: a measure's title and the end of each of its cells are on the same page
    (the end only, since list numbers printed by CSS are not in the page's text)."""
    texts, _, screen = printed
    cut = []
    for cells in screen["rows"]:
        pieces = [_squash(cells[0])] + [_squash(cell)[-12:] for cell in cells[1:]]
        pieces = [piece for piece in pieces if piece]
        if not any(all(piece in text for piece in pieces) for text in texts):
            cut.append(cells[0])
    assert cut == []
