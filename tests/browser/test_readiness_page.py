"""The demo's readiness page in Chromium: noindex, the items at risk, a copy-ready URL list."""

from __future__ import annotations

from urllib.parse import urlparse


def test_demo_readiness_page(recorded_page, site_url: str) -> None:
    page = recorded_page.page
    response = page.goto(site_url + "ita/2568/readiness/")
    assert response is not None and response.status == 200
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    rows = page.locator("table.ita-readiness tbody tr")
    assert [rows.nth(i).get_attribute("id") for i in range(rows.count())] == [
        "r-o11",
        "r-o26",
        "r-o27",
    ]
    listing = page.locator("#itas-list").input_value().splitlines()
    assert len(listing) == 35
    assert listing[4].split("\t")[:2] == ["o5", "/ita/2568/o5/"]
    # The item link of a finding leads to the page the assessors will open.
    page.locator("#r-o26 a").click()
    page.wait_for_url(site_url + "ita/2568/o26/")
    assert "o26" in page.locator("h1").first.inner_text()
    own = urlparse(site_url).netloc
    assert [url for url in recorded_page.requests if urlparse(url).netloc not in (own, "")] == []
