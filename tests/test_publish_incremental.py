"""Incremental publish (publish/incremental.py): a push that edits records builds only their
fiscal year and takes every other file from the live release as a hard link; the result is
byte for byte what a full build of the same commit gives. Real pushes through the hooks."""

from __future__ import annotations

import os
from pathlib import Path

from tests.test_publish import MEASURES, Site, env, seed, server, site, tree

__all__ = ["env", "seed", "server", "site"]  # fixtures used below


def _linked(release: Path) -> int:
    """How many files of `release` share their bytes with another release (hard links)."""
    return sum(1 for path in release.rglob("*") if path.is_file() and os.stat(path).st_nlink > 1)


def _written(release: Path) -> dict[str, int]:
    """When each file of `release` was last written."""
    return {
        path.relative_to(release).as_posix(): path.stat().st_mtime_ns
        for path in release.rglob("*")
        if path.is_file()
    }


def _edit_title(site: Site, name: str, title: str) -> Path:
    record = site.work / MEASURES / name
    text = record.read_text("utf-8")
    start = text.index("\ntitle:") + 1
    end = text.index("\n", start)
    record.write_text(f"{text[:start]}title: {title}{text[end:]}", "utf-8")
    return record


def _full_build(site: Site, commit: str, folder: Path) -> dict[str, bytes]:
    out = site.cli(
        "publish", "--target", str(folder), "--repo-dir", str(site.bare), "--commit", commit
    )
    assert out.returncode == 0, out.stderr
    assert _linked(folder / "current") == 0  # a first publish builds everything
    return tree(folder / "current")


def test_a_record_edit_is_published_incrementally_with_the_bytes_of_a_full_build(
    server: Site, tmp_path: Path
) -> None:
    title = "จัดทำคู่มือการปฏิบัติงานฉบับแก้ไขเพื่อทดสอบ"
    _edit_title(server, "asset-borrowing-manual.md", title)
    commit = server.commit_all("แก้ชื่อมาตรการ")
    pushed = server.push()
    assert pushed.returncode == 0, pushed.stderr
    assert server.live_commit() == commit
    page = server.target / "current/ita/2568/measures/asset-borrowing-manual/index.html"
    assert title in page.read_text("utf-8")
    # Incremental: most files are the previous release's own (hard links); the edited year's
    # pages are new.
    live = server.target / "current"
    assert _linked(live) > len(tree(live)) // 2
    assert os.stat(page).st_nlink == 1
    full = _full_build(server, commit, tmp_path / "full")
    incremental = tree(live)
    assert sorted(incremental) == sorted(full)
    assert [path for path in full if full[path] != incremental[path]] == []
    # The release it reused from is untouched: it still shows the old title.
    previous = server.target / "previous/ita/2568/measures/asset-borrowing-manual/index.html"
    assert title not in previous.read_text("utf-8")


def test_a_change_beyond_records_builds_everything(server: Site, tmp_path: Path) -> None:
    # The home page is a free page: a full build (nothing linked from the live release).
    commit = server.commit("หน้าแรกแก้ไข")
    pushed = server.push()
    assert pushed.returncode == 0, pushed.stderr
    assert server.live_commit() == commit
    assert _linked(server.target / "current") == 0
    # And a record edit right after it is incremental again, from that full build's state.
    _edit_title(server, "complaint-guidelines.md", "แนวทางการจัดการเรื่องร้องเรียนฉบับทดสอบ")
    commit = server.commit_all("แก้มาตรการ")
    pushed = server.push()
    assert pushed.returncode == 0, pushed.stderr
    assert _linked(server.target / "current") > 0
    full = _full_build(server, commit, tmp_path / "full")
    assert tree(server.target / "current") == full


def test_an_incremental_publish_never_writes_into_the_live_release(server: Site) -> None:
    # A withdrawn measure: publish writes its page and adds it to the year's open data, after
    # the build. In an incremental build that open data file is the live release's own (a
    # hard link): it must be replaced, never written into.
    (server.work / MEASURES / "complaint-guidelines.md").unlink()
    server.commit_all("ถอนมาตรการ")
    assert server.push().returncode == 0
    live = server.target / "current"
    before, written = tree(live), _written(live)
    _edit_title(server, "asset-borrowing-manual.md", "คู่มือการยืมทรัพย์สินฉบับทดสอบ")
    server.commit_all("แก้มาตรการ")
    assert server.push().returncode == 0
    assert _linked(live) > 0
    assert tree(server.target / "previous") == before
    assert _written(server.target / "previous") == written  # not even rewritten in place
    incremental = tree(live)
    data = incremental["ita/2568/data/measures.json"].decode("utf-8")
    assert "complaint-guidelines" in data and '"withdrawn"' in data
    # A full build of the same commit on the same target (--force) gives the same bytes.
    out = server.cli("publish", "--target", str(server.target), "--repo-dir", str(server.bare),
                     "--force")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert _linked(live) == 0  # the same commit again: a full build
    assert tree(live) == incremental
