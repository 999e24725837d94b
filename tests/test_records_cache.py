"""The server's whole loads (records/cache.py Snapshots): a load of one git tree is kept and
read back by the next process of the same push, keyed by that tree; without a tree, or for
another tree, the files are read again. Real folders, real load_content."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_builder.records import cache
from site_builder.records.content import load_content
from tests.conftest import GOOD_MEASURE, YEAR_YML, write_tree

TREE = {
    "content/index.md": "# หน้าแรก\n",
    "content/ita/2568/year.yml": YEAR_YML,
    "content/ita/2568/measures/a.md": GOOD_MEASURE,
    "mkdocs.yml": "site_name: x\n",
}
EDITED = GOOD_MEASURE.replace("จัดทำคู่มือการปฏิบัติงาน", "ปรับปรุงคู่มือ")


def _title(root: Path) -> str:
    content, problems = load_content(root / "content", root)
    assert not problems.errors
    return content.years[2568].measures[0].record.title


def test_a_load_of_a_known_tree_is_kept_and_read_back(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "export", TREE)
    keep = tmp_path / "keep"
    with cache.disk_folder(keep, tree="tree-1"):
        assert _title(root) == "จัดทำคู่มือการปฏิบัติงาน"
    assert len(list((keep / cache.SNAPSHOTS).iterdir())) == 1
    # The same tree again: the kept load answers, not the files (changed here on purpose,
    # which a git tree never is, to see which one answered).
    (root / "content/ita/2568/measures/a.md").write_text(EDITED, "utf-8")
    with cache.disk_folder(keep, tree="tree-1"):
        assert _title(root) == "จัดทำคู่มือการปฏิบัติงาน"
    # Another tree, or no tree known: the files are read.
    with cache.disk_folder(keep, tree="tree-2"):
        assert _title(root) == "ปรับปรุงคู่มือ"
    with cache.disk_folder(keep):
        assert _title(root) == "ปรับปรุงคู่มือ"


def test_a_kept_load_is_valid_for_another_export_of_the_same_tree(tmp_path: Path) -> None:
    first = write_tree(tmp_path / "first", TREE)
    keep = tmp_path / "keep"
    with cache.disk_folder(keep, tree="tree-1"):
        load_content(first / "content", first)
    second = tmp_path / "second"
    shutil.copytree(first, second)
    shutil.rmtree(first)
    # Changed only to see that the kept load answers (a git tree never changes).
    (second / "content/ita/2568/measures/a.md").write_text(EDITED, "utf-8")
    with cache.disk_folder(keep, tree="tree-1"):
        content, _problems = load_content(second / "content", second)
    assert content.years[2568].measures[0].record.title == "จัดทำคู่มือการปฏิบัติงาน"
    # Paths in the kept load follow the export that reads it.
    assert content.root == second / "content"
    assert content.years[2568].measures[0].source.startswith("content/")


def test_only_the_newest_loads_are_kept(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "export", TREE)
    keep = tmp_path / "keep"
    for number in range(cache.KEEP_SNAPSHOTS + 3):
        with cache.disk_folder(keep, tree=f"tree-{number}"):
            load_content(root / "content", root)
    assert len(list((keep / cache.SNAPSHOTS).iterdir())) == cache.KEEP_SNAPSHOTS


def test_a_damaged_kept_load_is_ignored(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "export", TREE)
    keep = tmp_path / "keep"
    with cache.disk_folder(keep, tree="tree-1"):
        load_content(root / "content", root)
    for kept in (keep / cache.SNAPSHOTS).iterdir():
        kept.write_bytes(b"not a pickle")
    (root / "content/ita/2568/measures/a.md").write_text(EDITED, "utf-8")
    with cache.disk_folder(keep, tree="tree-1"):
        assert _title(root) == "ปรับปรุงคู่มือ"


def test_a_file_git_wrote_is_known_by_its_blob_without_being_read(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "export", TREE)
    record = root / "content/ita/2568/measures/a.md"
    keep = tmp_path / "keep"

    def blobs(blob: str, attributes: str = "none") -> cache.GitBlobs:
        return cache.GitBlobs({str(record): blob}, attributes)

    with cache.disk_folder(keep, blobs=blobs("1111")):
        assert _title(root) == "จัดทำคู่มือการปฏิบัติงาน"
    # The same blob: the record checked before answers, whatever the bytes on disk (git
    # wrote them; changed here only to see which one answered).
    record.write_text(EDITED, "utf-8")
    with cache.disk_folder(keep, blobs=blobs("1111")):
        assert _title(root) == "จัดทำคู่มือการปฏิบัติงาน"
    # Another blob, other .gitattributes, or no blobs known: the file is read. (Each time
    # from a new process's memory: this one remembers the record by its file's stamp.)
    for other in (blobs("2222"), blobs("1111", "crlf"), None):
        cache.RECORDS.entries.clear()
        with cache.disk_folder(keep, blobs=other):
            assert _title(root) == "ปรับปรุงคู่มือ", other
