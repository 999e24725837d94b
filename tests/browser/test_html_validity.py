"""The W3C Nu Html Checker (npm vnu-jar, run with Java) finds no error on any page of the demo:
every kind of page, the 404 and the website-policy page included. Material's invalid markup
is corrected by site_builder/site/markup_fixes.py and theme/partials/toc.html."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.site_pages import EXPECTED_KINDS, all_pages
from tests.conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _errors(files: list[Path]) -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail(
            "ต้องมี Java และ vnu-jar: `make test` ติดตั้งให้ (need java + npm vnu-jar: make test)"
        )
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}" for m in messages
    ]


def test_no_page_of_the_demo_has_an_html_error(checked_site: Path) -> None:
    kinds = {page.kind for page in all_pages(checked_site)}
    assert set(EXPECTED_KINDS) <= kinds | {"not-found"}
    files = sorted(checked_site.rglob("*.html"))
    assert checked_site / "404.html" in files and checked_site / "policy.html" in files
    assert len(files) > 60
    assert _errors(files) == []


def test_the_checker_reports_what_material_writes_unfixed(tmp_path: Path) -> None:
    """The checker must be able to fail: Material's own toggles and labels, unfixed."""
    page = tmp_path / "material.html"
    page.write_text(
        '<!doctype html><html lang="th"><head><title>t</title></head><body>'
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<label class="md-nav__link" for="x" tabindex="">ก</label></body></html>',
        "utf-8",
    )
    errors = "\n".join(_errors([page]))
    assert "autocomplete" in errors and "tabindex" in errors and "for" in errors
