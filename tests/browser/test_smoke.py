"""The simplest browser facts: pages open in Chromium, in Thai, with no request off the site."""

from __future__ import annotations

from urllib.parse import urlparse

PAGES = ["", "ita/2568/", "ita/2568/o10/", "ita/2568/measures/", "ita/2568/report/"]


def test_pages_open_in_thai_without_third_party_requests(recorded_page, site_url: str) -> None:
    page = recorded_page.page
    for path in PAGES:
        response = page.goto(site_url + path)
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == "th"
        assert page.locator("h1").first.inner_text().strip()
    own = urlparse(site_url).netloc
    foreign = [url for url in recorded_page.requests if urlparse(url).netloc not in (own, "")]
    assert foreign == []
