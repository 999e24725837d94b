"""Golden output: the article of a few key pages (what our plugin places in Material's page,
not the page frame around it) and one open data file, pinned from a real MkDocs build.

Any change of our templates, rendering or sanitizing shows here as a diff to review. After
reviewing, rewrite the files with: UPDATE_GOLDEN=1 make test
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.plain_build import article
from tests.sitebuild import build_site
from tests.test_site import FIXTURE

GOLDEN = Path(__file__).parent / "golden"
PAGES = {
    "oit-table.html": "ita/2568/index.html",
    "item-o1.html": "ita/2568/o1/index.html",
    "item-o2-missing.html": "ita/2568/o2/index.html",
    "measure.html": "ita/2568/measures/staff-manual/index.html",
    "report.html": "ita/2568/report/index.html",
    "measures.json": "ita/2568/data/measures.json",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built, _ = build_site(tmp_path_factory.mktemp("golden"), FIXTURE)
    return built


@pytest.mark.parametrize("name", list(PAGES))
def test_page_matches_golden(site: Path, name: str) -> None:
    actual = (site / PAGES[name]).read_text("utf-8")
    if name.endswith(".html"):
        actual = article(actual) + "\n"
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, "utf-8")
    assert golden.is_file(), f"no golden file {golden}; run UPDATE_GOLDEN=1 make test"
    assert actual == golden.read_text("utf-8"), f"{name} differs from {golden}; review the diff"
