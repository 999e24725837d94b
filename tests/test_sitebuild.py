"""`SiteBuild` without an engine: one year's pages, open data and search entries made with
Python-Markdown alone, and the same articles as the real MkDocs build places in its pages."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO, write_tree
from tests.plain_build import article, render_without_engine
from tests.sitebuild import build_site
from tests.test_site import FIXTURE


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tree(tmp_path_factory.mktemp("sitebuild"), FIXTURE)


def test_a_year_is_built_without_mkdocs_imported(fixture_root: Path) -> None:
    """In a fresh interpreter: render everything, and MkDocs and Material are never imported."""
    script = textwrap.dedent(
        f"""
        import json, sys
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        from tests.plain_build import render_without_engine
        built = render_without_engine(Path({str(fixture_root)!r}))
        engines = sorted(m for m in sys.modules if m.split(".")[0] in ("mkdocs", "material"))
        print(json.dumps({{"engines": engines, "pages": sorted(built.pages),
                          "data": sorted(built.data), "search": sorted(built.search)}}))
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=REPO
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert found["engines"] == []
    assert "ita/2568/o1/" in found["pages"] and "ita/2568/report/" in found["pages"]
    assert len([url for url in found["pages"] if url.startswith("ita/2568/o")]) == 35
    assert "ita/2568/data/measures.json" in found["data"]
    assert found["search"] == ["search/ita-2567.js", "search/ita-2568.js"]


def test_pages_open_data_and_search_of_a_year(fixture_root: Path) -> None:
    built = render_without_engine(fixture_root)
    o1 = built.pages["ita/2568/o1/"]
    assert "แผนผังโครงสร้าง" in o1 and 'href="chart.pdf"' in o1
    assert "<script>" not in o1
    report = built.pages["ita/2568/report/"]
    # The report shows the steps of every measure of the year: all bodies were known first.
    assert report.count("จัดทำคู่มือและเผยแพร่") == 2
    measures = json.loads(built.data["ita/2568/data/measures.json"])
    assert sorted(m["id"] for m in measures["measures"]) == ["hostile", "staff-manual"]
    assert {m["steps"] for m in measures["measures"]} == {"จัดทำคู่มือและเผยแพร่"}
    oit = json.loads(built.data["ita/2568/data/oit.json"])
    assert [i["status"] for i in oit["items"] if i["code"] == "o1"] == ["published"]
    chunk = built.search["search/ita-2568.js"].decode()
    assert "ita/2568/measures/staff-manual/" in chunk and "คู่มือ" in chunk


def test_every_article_is_the_one_mkdocs_places(fixture_root: Path, tmp_path: Path) -> None:
    """The engine only places what SiteBuild makes: for every generated page, the article of
    the real MkDocs build is byte-equal to the one made without MkDocs."""
    site, _ = build_site(tmp_path, FIXTURE)
    built = render_without_engine(fixture_root)
    assert len(built.pages) == 2 * (35 + 4) + 3
    for url, html in built.pages.items():
        assert article((site / url / "index.html").read_text("utf-8")) == html.strip(), url
