"""A published fiscal year kept on the server so that a push may drop it: `archive-year`.

Published URLs stay (contracts.md): a push may not remove a published fiscal year. When an
agency no longer wants to keep a year's records in its repository, the server's administrator
runs `python -m site_builder archive-year --target DIR --year FY`. Holding the publish lock, it
keeps a snapshot of what the live release serves for that year in DIR/archive/<fy>/: every
file under /ita/<fy>/, and every file of the release those pages link to or style themselves
with (assets, search chunks), as hard links (release files are never rewritten).

From then on a push may remove the year from the content (pre-receive and publish accept it),
and every release built afterwards carries the snapshot: a file of the snapshot that the new
build does not have is linked into it before the release is verified and switched, so the
year's pages and their styles keep answering, also after an upgrade of the tool renamed its
assets. A year that is in the content again is built from the content: the new build wins.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from site_builder.publish.errors import NO_ROOM, PublishError, disk_full
from site_builder.publish.releases import CURRENT, Say, locked
from site_builder.publish.verify import internal_links, site_files

ARCHIVE = "archive"
# Files every page of a release uses without naming each one in a link (fonts from the CSS).
SHARED_FOLDERS = ("assets",)


def archived_years(target: Path) -> list[int]:
    """The fiscal years archived in the publish folder `target` (those with a snapshot)."""
    folder = target / ARCHIVE
    if not folder.is_dir():
        return []
    return sorted(
        int(entry.name)
        for entry in folder.iterdir()
        if entry.name.isascii()
        and entry.name.isdigit()
        and (entry / "ita" / entry.name / "index.html").is_file()
    )


def _snapshot_files(live: Path, year: int) -> set[str]:
    everything = site_files(live)
    prefix = f"ita/{year}/"
    wanted = {name for name in everything if name.startswith(prefix)}
    pages = sorted(name for name in wanted if name.endswith(".html"))
    wanted |= {path for path in internal_links(live, pages) if path in everything}
    wanted |= {
        name for name in everything if name.split("/", 1)[0] in SHARED_FOLDERS and "/" in name
    }
    return wanted


def _link_files(source: Path, dest: Path, names: set[str]) -> None:
    for name in sorted(names):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(source / name, dest / name)


def archive_year(target: Path, year: int, say: Say) -> Path:
    """Keep the live release's fiscal year `year` in `target`/archive/<year>/ (see above)."""
    target = Path(os.path.abspath(target))
    with locked(target, say):
        live = target / CURRENT
        if not (live / "ita" / str(year) / "index.html").is_file():
            raise PublishError(
                f"ปีงบประมาณ {year} ยังไม่ได้เผยแพร่ใน {target} ไม่มีอะไรให้เก็บเข้าคลัง",
                f"fiscal year {year} is not published in {target}; nothing to archive",
            )
        dest = target / ARCHIVE / str(year)
        if year in archived_years(target):
            say(f"ปีงบประมาณ {year} อยู่ในคลังแล้ว: {dest} (already archived)")
            return dest
        live = Path(os.path.realpath(live))
        partial = dest.with_name(f".{year}.partial")
        try:
            shutil.rmtree(partial, ignore_errors=True)
            shutil.rmtree(dest, ignore_errors=True)  # an unfinished one, without its index
            _link_files(live, partial, _snapshot_files(live, year))
            os.rename(partial, dest)
        except OSError as exc:
            shutil.rmtree(partial, ignore_errors=True)
            if exc.errno in NO_ROOM:
                raise disk_full(target) from exc
            raise PublishError(
                f"เก็บปีงบประมาณ {year} เข้าคลังไม่ได้: {exc.strerror}",
                f"cannot archive fiscal year {year}: {exc}",
            ) from exc
    say(
        f"เก็บปีงบประมาณ {year} เข้าคลังแล้ว: {dest} ต่อจากนี้ push ที่ลบปีนี้ออกจากเนื้อหาได้ "
        f"และทุกรุ่นจะมีหน้าของปีนี้ต่อไป (archived; a push may now remove the year, "
        f"its pages stay in every release)"
    )
    return dest


def carry_archived(target: Path, partial: Path) -> None:
    """Link every file of every archived year that the new build `partial` lacks into it."""
    for year in archived_years(target):
        snapshot = target / ARCHIVE / str(year)
        built = site_files(partial)
        _link_files(snapshot, partial, site_files(snapshot) - built)
