"""`mkdocs serve` with a content error: every page answers at once with a Thai error page naming
file:line, and the open page shows the site again by itself once the file is fixed (a real
server on a loopback port, a real browser)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import ARTIFACTS
from tests.conftest import REPO
from tests.test_serve import _free_port

RECORD = "content/ita/2568/measures/staff-manual.md"
TITLE = "จัดทำคู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่"
ERROR_TEXT = 'ไม่รู้จักคีย์ "tittle" หมายถึง "title" หรือไม่'
ERROR_LINE = f"{RECORD}:2: {ERROR_TEXT}"


def _get(url: str) -> tuple[int, str]:
    """Status and text of a page; a server that does not answer in 5 s fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(url: str, text: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)[1]
        except OSError:
            last = ""
        if text in last:
            return last
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}; last answer: {last[:300]!r}")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@contextlib.contextmanager
def _serve(root: Path) -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _break(root: Path) -> str:
    record = root / RECORD
    good = record.read_text("utf-8")
    record.write_text(good.replace("title:", "tittle:", 1), "utf-8")
    return good


def test_error_page_on_every_url_then_the_site_again_by_itself(
    project: Path, browser: Browser
) -> None:
    with _serve(project) as base:
        page_url = f"{base}/ita/2568/measures/staff-manual/"
        _wait_for(page_url, TITLE, 90)
        good = _break(project)
        error = _wait_for(page_url, ERROR_TEXT, 60)
        assert '<html lang="th">' in error and f"<code>{RECORD}:2</code>" in error
        # Every other URL answers at once (no waiting server), with the same page.
        for path in ("/", "/ita/2568/o1/", "/ita/2568/", "/no-such-page/"):
            started = time.monotonic()
            _, text = _get(base + path)
            assert ERROR_TEXT in text and f"{RECORD}:2" in text, path
            assert time.monotonic() - started < 5

        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_url)
        heading = page.locator("h1")
        assert "เนื้อหามีข้อผิดพลาด 1 รายการ" in heading.inner_text()
        assert ERROR_LINE in page.locator("li").first.inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "serve-error-page.png"), full_page=True)

        # Fixed while the page is open: it shows the site again with nobody clicking.
        (project / RECORD).write_text(good, "utf-8")
        page.wait_for_function(
            f"document.body && document.body.innerText.includes({TITLE!r})", timeout=60_000
        )
        assert all(url.startswith(base) for url in requests), requests
        page.close()
        # The full site is back, not only the page that was open.
        assert TITLE in _get(page_url)[1]
        assert "เนื้อหามีข้อผิดพลาด" not in _get(f"{base}/ita/2568/o1/")[1]


def test_serve_starts_with_a_broken_record_and_shows_it(project: Path) -> None:
    _break(project)
    with _serve(project) as base:
        text = _wait_for(f"{base}/ita/2568/measures/staff-manual/", ERROR_TEXT, 90)
        assert f"<code>{RECORD}:2</code>" in text


def test_mkdocs_build_still_fails_on_the_same_error(project: Path) -> None:
    _break(project)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode != 0
    assert ERROR_LINE in run.stderr
    assert "พบข้อผิดพลาด 1 รายการในเนื้อหา ไม่ได้สร้างเว็บไซต์" in run.stderr
