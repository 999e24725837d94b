"""What both search benchmarks share: building a site with either search engine, serving it
the way a static host does (gzip for text), and using a site's real search box in Debian's
Chromium through Playwright.

Engines:
- "material": Material's own search as the repository would have it without ours: Material's
  search partial and worker (`lang: th` from the theme), and the ita plugin's index turned off.
- "ours": the repository as it is (theme/partials/search.html + the ita plugin's index).
"""

from __future__ import annotations

import functools
import gzip
import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml
from playwright.sync_api import Browser, Page, sync_playwright

from bench import loopback

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # performance.memory with real numbers, not rounded buckets.
    "--enable-precise-memory-info",
]
ENGINES = ("material", "ours")
ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def write_site_config(root: Path, engine: str) -> Path:
    """root/mkdocs.yml from the repository's, for `engine`; the theme is copied beside it."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    theme = root / "theme"
    if theme.exists():
        shutil.rmtree(theme)
    shutil.copytree(REPO / "theme", theme)
    plugins = []
    for plugin in config.get("plugins", []):
        name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
        if name == "ita" and engine == "material":
            options = {**(options or {}), "search": False}
        plugins.append({name: options} if options else name)
    if engine == "material":
        (theme / "partials" / "search.html").unlink()
    config.update(plugins=plugins, docs_dir="content", site_dir="site")
    config["theme"]["custom_dir"] = "theme"
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def build(root: Path, engine: str) -> float:
    """Build root/content into root/site with `engine`; returns the seconds the build took."""
    config = write_site_config(root, engine)
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-f", str(config)],
        check=True,
        cwd=root,
        env={**os.environ, **ENV},
    )
    return time.perf_counter() - started


class _StaticHost(SimpleHTTPRequestHandler):
    """Serves files like a static host: text compressed with gzip when the browser asks."""

    compressible = (".html", ".js", ".json", ".css", ".svg", ".xml", ".txt", ".csv")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in self.compressible and path.is_file()):
            return super().send_head()
        data = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


@functools.lru_cache(maxsize=4096)
def _gzipped_cached(path: str, mtime: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def _gzipped(path: Path) -> bytes:
    return _gzipped_cached(str(path), path.stat().st_mtime)


def gzip_size(path: Path) -> int:
    return len(_gzipped(path))


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site on a free loopback port (bench.loopback), with this benchmark's handler."""
    with loopback.serve(site, _StaticHost) as url:
        yield url


@contextmanager
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        raise SystemExit(
            "ต้องมี /usr/bin/chromium (need Debian's chromium: apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass(frozen=True)
class SearchBox:
    """How to use one engine's search box and read its results."""

    input: str
    results: str
    done: str
    """JavaScript (an arrow function of the query) true once the results of that query show."""


MATERIAL_DONE = """q => {
  const meta = document.querySelector('.md-search-result__meta');
  const text = meta ? meta.textContent.trim() : '';
  return /^(ไม่พบเอกสารที่ตรงกัน|พบเอกสารที่ตรงกัน|พบ \\d+ เอกสารที่ตรงกัน)$/.test(text);
}"""
OURS_DONE = """q => {
  const list = document.getElementById('ita-search-results');
  return list && list.dataset.query === q && list.dataset.state === 'done';
}"""
BOXES = {
    "material": SearchBox(
        "[data-md-component=search-query]",
        ".md-search-result__list > li > a.md-search-result__link:first-child",
        MATERIAL_DONE,
    ),
    "ours": SearchBox(
        "[data-ita-search] .md-search__input", "#ita-search-results > li > a", OURS_DONE
    ),
}

# Records, inside the page, how long after the query is typed its first result shows, and its
# answer (the results, or the message that there are none) is complete.
WATCH = """([query, done]) => {
  const panel = document.querySelector('.md-search-result');
  const list = panel.querySelector('.md-search-result__list');
  const finished = eval(done);
  window.__firstResult = null;
  window.__answered = null;
  const started = performance.now();
  const observer = new MutationObserver(() => {
    const now = performance.now() - started;
    if (window.__firstResult === null && list.querySelector('li')) window.__firstResult = now;
    if (window.__answered === null && finished(query)) {
      window.__answered = now;
      observer.disconnect();
    }
  });
  const all = { childList: true, subtree: true, attributes: true, characterData: true };
  observer.observe(panel, all);
}"""


@dataclass
class Answer:
    urls: list[str]
    first_result_ms: float | None
    """From typing the query to its first result on screen (None: no result)."""
    answered_ms: float | None
    """From typing the query to its complete answer: the results, or "nothing found"."""


def page_path(href: str, base: str) -> str:
    """A result link as a page URL of the contract (`ita/2568/o14/`), without query or anchor."""
    path = unquote(urlparse(href).path)
    root = unquote(urlparse(base).path)
    if path.startswith(root):
        path = path[len(root) :]
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path.lstrip("/")


def ask(page: Page, engine: str, query: str, base: str, timeout_ms: float = 15000) -> Answer:
    """Type `query` into the site's search box (as a reader would) and read the top results."""
    box = BOXES[engine]
    field = page.locator(box.input)
    field.click()
    page.evaluate(WATCH, [query, box.done])
    field.fill(query)
    # Material searches on key-up (Thai typed by Playwright arrives as text, with no key events).
    field.press("End")
    page.wait_for_function(box.done, arg=query, timeout=timeout_ms, polling=20)
    page.wait_for_timeout(50)
    hrefs = page.eval_on_selector_all(box.results, "links => links.map(a => a.href)")
    urls = list(dict.fromkeys(page_path(href, base) for href in hrefs))
    times = page.evaluate("() => [window.__firstResult, window.__answered]")
    return Answer(urls, times[0], times[1])
