"""The rules of partial `mkdocs serve` rebuilds (site_builder/serve.py), on real folders:
which edits may rebuild part of the site, which pages they rebuild, how the previous output is
put back. tests/test_serve_partial.py checks the whole thing against a full build."""

from __future__ import annotations

import json
import os
from pathlib import Path

from site_builder.engine import serve
from site_builder.records.content import load_content
from site_builder.site.plans import plan_site
from tests.conftest import GOOD_MEASURE, YEAR_YML, write_tree
from tests.hostile.pdf import make_pdf

TREE = {
    "content/index.md": "# หน้าแรก\n",
    "content/ita/2567/year.yml": YEAR_YML,
    "content/ita/2567/measures/a.md": GOOD_MEASURE.replace("๒๕๖๘", "๒๕๖๗"),
    "content/ita/2568/year.yml": YEAR_YML,
    "content/ita/2568/measures/a.md": GOOD_MEASURE,
    "content/ita/2568/measures/b.md": GOOD_MEASURE,
    "content/ita/2568/o1/index.md": "---\nupdated: 1 ต.ค. 2567\n---\nโครงสร้าง\n",
    "content/ita/2568/o1/chart.pdf": make_pdf("chart"),
    "mkdocs.yml": "site_name: x\n",
}


def _touch(path: Path, text: str | bytes) -> None:
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    info = path.stat()
    # A later time than any other file, whatever the clock's resolution.
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))


def _changes(tmp_path: Path, edit: str, text: str | bytes = "x") -> serve.Changes | None:
    root = write_tree(tmp_path, TREE)
    others = [root / "mkdocs.yml"]
    before = serve.snapshot(root / "content", others)
    path = root / edit
    if path.exists():
        _touch(path, text)
    else:
        path.write_text(text if isinstance(text, str) else "")
    return serve.record_changes(before, serve.snapshot(root / "content", others))


def test_editing_records_rebuilds_part_of_the_site(tmp_path: Path) -> None:
    changes = _changes(tmp_path, "content/ita/2568/measures/b.md", GOOD_MEASURE + "\nอีก\n")
    assert changes is not None
    assert changes.measures == {(2568, "b")} and changes.items == set()
    assert changes.years == {2568}


def test_an_attachment_is_part_of_its_item(tmp_path: Path) -> None:
    changes = _changes(tmp_path, "content/ita/2568/o1/chart.pdf", make_pdf("chart 2"))
    assert changes is not None and changes.items == {(2568, "o1")}


def test_other_edits_rebuild_everything(tmp_path: Path) -> None:
    for edit in (
        "content/ita/2568/year.yml",  # the year's catalogue
        "content/index.md",  # a free page
        "mkdocs.yml",  # the configuration
        "content/ita/2568/measures/c.md",  # a new record: a new page, a new menu of pages
    ):
        assert _changes(tmp_path / edit.replace("/", "_"), edit, "catalogue: ita-2568\n") is None
    # Editors' hidden swap files are not inputs, as MkDocs leaves them out too.
    changes = _changes(tmp_path / "swap", "content/ita/2568/measures/.a.md.swp", "x")
    assert changes is not None and changes.paths == set()
    # Without an earlier build there is nothing to keep.
    assert serve.record_changes(None, {}) is None


def test_an_edit_rebuilds_its_year_but_not_the_other_records(tmp_path: Path) -> None:
    root = write_tree(tmp_path, TREE)
    content, problems = load_content(root / "content", root)
    assert not problems.errors
    plans = plan_site(content)
    changes = serve.Changes(frozenset(), measures=frozenset({(2568, "b")}))
    pages = serve.pages_to_build(plans, changes)
    assert "ita/2568/measures/b/index.md" in pages
    assert "ita/2568/measures/a/index.md" not in pages
    assert {"ita/2568/index.md", "ita/2568/report/index.md", "ita/2568/o34/index.md"} <= pages
    assert not any(page.startswith("ita/2567/") for page in pages)


def test_the_previous_output_is_put_back_where_nothing_new_was_written(tmp_path: Path) -> None:
    site = write_tree(
        tmp_path / "site",
        {
            "index.html": "old home",
            "sitemap.xml": "old sitemap: every page",
            "ita/2567/index.html": "old 2567",
            "ita/2568/index.html": "old 2568",
            "ita/2568/measures/a/index.html": "old a",
        },
    )
    stash = serve.stash_output(site)
    assert list(site.iterdir()) == []
    write_tree(
        site,
        {
            "index.html": "new home",
            "sitemap.xml": "new sitemap: some pages",
            "ita/2568/index.html": "new 2568",
        },
    )
    serve.restore_output(stash, site)
    assert not stash.exists()
    got = {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("*") if p.is_file()}
    assert got == {
        "index.html": "new home",
        "sitemap.xml": "old sitemap: every page",
        "ita/2567/index.html": "old 2567",
        "ita/2568/index.html": "new 2568",
        "ita/2568/measures/a/index.html": "old a",
    }


def test_a_failed_partial_build_serves_the_previous_site(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"index.html": "old"})
    state = serve.LiveState(snapshot={})
    state.set_aside(site)
    (site / "index.html").write_text("half written")
    state.failed()
    assert (site / "index.html").read_text() == "old"
    assert state.snapshot is None  # so the next build is a full one


def test_material_search_index_keeps_the_entries_of_pages_not_rebuilt() -> None:
    def index(*docs: tuple[str, str]) -> bytes:
        entries = [{"location": location, "title": title, "text": ""} for location, title in docs]
        return json.dumps({"config": {"lang": ["th"]}, "docs": entries}).encode()

    before = index(("", "home"), ("a/", "a"), ("a/#x", "a x"), ("b/", "b"))
    old = serve.search_entries(before)
    assert old is not None and old.encode() == before.replace(b", ", b",").replace(b": ", b":")
    new = index(("", "home 2"), ("a/", "a 2"))
    merged = serve.merge_search_index(old, new, {"", "a/"})
    assert merged is not None
    docs = json.loads(merged.encode())["docs"]
    assert [(d["location"], d["title"]) for d in docs] == [
        ("", "home 2"),
        ("a/", "a 2"),
        ("b/", "b"),
    ]
    assert serve.search_entries(b"not json") is None
    assert serve.merge_search_index(old, b"{}", set()) is None
