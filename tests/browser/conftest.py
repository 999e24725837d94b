"""Browser fixtures: the demo site built once, served on loopback, and Debian's Chromium driven
by Playwright (no browser download: `executable_path` points at /usr/bin/chromium).

Every page records the requests it makes, so tests can prove that nothing leaves the site.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, Page, Request, sync_playwright

from bench import loopback
from tests.browser.sample import sample_item_files
from tests.conftest import REPO, write_tree

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

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # As on a real host, a missing page gets the site's own 404 page.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def build_demo(
    root: Path, extra_files: dict[str, str | bytes] | None = None, extra_config: str = ""
) -> Path:
    """The demo site as `make build` makes it (the repository's mkdocs.yml, content and theme),
    built under `root`, plus optional files and mkdocs.yml lines; returns the site folder."""
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "mkdocs.yml").read_text("utf-8") + extra_config
    write_tree(root, {"mkdocs.yml": config, **(extra_files or {})})
    build(load_config(str(root / "mkdocs.yml")))
    return root / "site"


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A static server for `directory` on a free loopback port; yields its base URL."""
    with loopback.serve(directory, _QuietHandler) as url:
        yield url


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("browser-demo"))


@pytest.fixture(scope="session")
def site_url(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


# The accessibility, privacy, phone and print checks run on the demo plus a published sample
# item (documents, an image, a table) and a footer line, so every kind of content is on a page.
CHECKED_FOOTER = "\ncopyright: เนื้อหาสาธิต เผยแพร่เพื่อการทดสอบ\n"


# A year's ITA result as year.yml holds it (test data, not the demo agency's real result), so
# that the home, year and scores pages show their result block to every check.
CHECKED_RESULT = """scores_round: 2567
result:
  round: 2568
  total: 96.12
  grade: ผ่านดีเยี่ยม
  iit: 97.5
  eit: 95.88
  oit: 95.4
  source: https://itas.example.go.th/result/2568
"""


def checked_files() -> dict[str, str | bytes]:
    year = (REPO / "content/ita/2568/year.yml").read_text("utf-8")
    return {
        **sample_item_files(REPO / "content"),
        "content/ita/2568/year.yml": year + CHECKED_RESULT,
    }


@pytest.fixture(scope="session")
def checked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser-checked")
    return build_demo(root, checked_files(), CHECKED_FOOTER)


@pytest.fixture(scope="session")
def checked_url(checked_site: Path) -> Iterator[str]:
    with serve(checked_site) as url:
        yield url


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
