"""Incremental publish (publish/incremental.py): a push that edits records builds only their
fiscal year and takes every other file from the live release as a hard link; the result is
byte for byte what a full build of the same commit gives. Real pushes through the hooks."""

from __future__ import annotations

import json
import os
import re
import shutil
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


def _add_year(site: Site, year: int) -> None:
    """The demo's measures once more, one fiscal year earlier: every year in them moved back."""
    source, folder = site.work / MEASURES, site.work / f"content/ita/{year}"
    (folder / "measures").mkdir(parents=True)
    shutil.copyfile(source.parent / "year.yml", folder / "year.yml")
    arabic, thai = "0123456789", "๐๑๒๓๔๕๖๗๘๙"

    def earlier(match: re.Match[str]) -> str:
        number = str(int(match.group(0).translate(str.maketrans(thai, arabic))) - 1)
        return number if match.group(0).isascii() else number.translate(str.maketrans(arabic, thai))

    for record in source.glob("*.md"):
        text = re.sub(r"25[5-6][0-9]|๒๕[๕-๖][๐-๙]", earlier, record.read_text("utf-8"))
        (folder / "measures" / record.name).write_text(text, "utf-8")


def _state(target: Path) -> dict[str, object]:
    """The live release's state (site.state), each file's JSON with its pages in URL order."""
    release = os.readlink(target / "current").rpartition("/")[2]
    found: dict[str, object] = {}
    for path in sorted((target / ".state" / release).glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        if isinstance(data, dict) and "search" in data:
            data["search"] = sorted(data["search"])
        found[path.name] = data
    return found


def test_edits_of_one_year_then_another_keep_the_bytes_and_state_of_a_full_build(
    server: Site, tmp_path: Path
) -> None:
    _add_year(server, 2567)
    server.commit_all("ปีงบประมาณ 2567")
    assert server.push().returncode == 0
    # An edit in 2568 (2567's state is carried as it was), then one in 2567 (read from it).
    _edit_title(server, "asset-borrowing-manual.md", "คู่มือการยืมพัสดุฉบับปีสองพันห้าร้อยหกสิบแปด")
    server.commit_all("แก้ 2568")
    assert server.push().returncode == 0
    record = server.work / "content/ita/2567/measures/asset-borrowing-manual.md"
    text = record.read_text("utf-8")
    start = text.index("\ntitle:") + 1
    title = "คู่มือการยืมพัสดุฉบับปีสองพันห้าร้อยหกสิบเจ็ด"
    record.write_text(f"{text[:start]}title: {title}{text[text.index(chr(10), start) :]}", "utf-8")
    commit = server.commit_all("แก้ 2567")
    pushed = server.push()
    assert pushed.returncode == 0, pushed.stderr
    live = server.target / "current"
    page = live / "ita/2567/measures/asset-borrowing-manual/index.html"
    assert title in page.read_text("utf-8")
    assert os.stat(live / "ita/2568/index.html").st_nlink > 1  # the other year was reused
    full = _full_build(server, commit, tmp_path / "full")
    incremental = tree(live)
    assert sorted(incremental) == sorted(full)
    assert [path for path in full if full[path] != incremental[path]] == []
    assert _state(server.target) == _state(tmp_path / "full")
