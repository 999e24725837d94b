"""Browser fixtures: the demo site built once, served on loopback, and Debian's Chromium driven
by Playwright (no browser download: `executable_path` points at /usr/bin/chromium).

Every page records the requests it makes, so tests can prove that nothing leaves the site.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

from tests.conftest import REPO
from tests.sitebuild import build_site

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a closed network: without them Chromium keeps calling Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "artifacts"


@dataclass
class RecordedPage:
    page: Page
    requests: list[str] = field(default_factory=list)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser-demo")
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    site, _ = build_site(root, {})
    return site


@pytest.fixture(scope="session")
def site_url(demo_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(demo_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            "ไม่พบ /usr/bin/chromium: ติดตั้งด้วย `apt-get install chromium fonts-thai-tlwg` "
            "(Debian's chromium is required for the browser tests)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def recorded_page(browser: Browser) -> Iterator[RecordedPage]:
    """A fresh desktop page whose every request URL is recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = context.new_page()
    recorded = RecordedPage(page)

    def remember(request: Request) -> None:
        recorded.requests.append(request.url)

    page.on("request", remember)
    try:
        yield recorded
    finally:
        context.close()
