"""The publish folder: releases, the `current` and `previous` symlinks, the lock, pruning.

    DIR/.lock                           flock: one publish or rollback at a time
    DIR/releases/<time>-<commit>/       one complete, checked build per publish
    DIR/releases/<name>.partial/        a build in progress (removed by the next publish)
    DIR/current  -> releases/<name>     the live site (the web server's document root)
    DIR/previous -> releases/<name>     the release before it, for `rollback`
    DIR/.pending-previous               only between the steps of a switch (see `switch`)

Two symlinks cannot be replaced in one atomic step, so a switch is three: (1) the new value of
`previous` is written as `.pending-previous`; (2) `current` is replaced (the moment the site
changes); (3) `.pending-previous` is renamed over `previous`. Whatever kills publish between
them, `recover` (run under the lock before every publish, rollback and prune) finishes or undoes
the switch: if `current` no longer names what `.pending-previous` names, step 2 happened and
step 3 is done now; otherwise the switch never happened and the pending link is dropped. So
`current` is always a complete release, `previous` is always another one, and both (plus a
pending one) are protected from pruning.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import posixpath
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from site_builder.publish.errors import NO_ROOM, PublishError, disk_full

RELEASES = "releases"
CURRENT = "current"
PREVIOUS = "previous"
PENDING = ".pending-previous"
LOCK = ".lock"
WORK = ".work"
# The last publish's (or pre-receive's) export of a commit, brought up to date by the next.
EXPORT = ".export"
PARTIAL = ".partial"
DEFAULT_KEEP = 5
RELEASE_NAME = re.compile(
    r"^(?P<stamp>[0-9]{8}T[0-9]{6}(?:\.[0-9]{3})?Z)-(?P<commit>[0-9a-f]{40,64})(?:-[0-9]+)?$"
)

Say = Callable[[str], None]
# Called with a step's name between the steps of a switch (fault injection in tests).
Step = Callable[[str], None]


def _no_step(name: str) -> None:
    return None


@dataclass(frozen=True)
class Release:
    name: str
    commit: str

    @classmethod
    def parse(cls, name: str) -> Release | None:
        match = RELEASE_NAME.match(name)
        return cls(name, match["commit"]) if match else None


@contextlib.contextmanager
def locked(target: Path, say: Say) -> Iterator[None]:
    """Hold DIR/.lock exclusively; released by the kernel even if this process is killed."""
    target.mkdir(parents=True, exist_ok=True)
    fd = os.open(target / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("รอให้การเผยแพร่ครั้งก่อนเสร็จ (waiting for another publish to finish)")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def link_target(link: Path) -> str | None:
    try:
        return os.readlink(link)
    except FileNotFoundError:
        return None
    except OSError as exc:  # EINVAL: a real folder or file where the symlink should be
        raise PublishError(
            f"{link} ไม่ใช่ลิงก์สัญลักษณ์ ย้ายออกก่อนแล้วเผยแพร่ใหม่",
            f"{link} is not a symlink; move it away and publish again",
        ) from exc


def live_release(target: Path, link: str = CURRENT) -> Release | None:
    dest = link_target(target / link)
    if dest is None:
        return None
    return Release.parse(posixpath.basename(dest.rstrip("/")))


def point(link: Path, dest: str) -> None:
    """Make `link` a symlink to `dest` atomically: a new symlink renamed over the old one."""
    if link.exists() and not link.is_symlink():
        raise PublishError(
            f"{link} เป็นโฟลเดอร์ ไม่ใช่ลิงก์สัญลักษณ์ ย้ายออกก่อนแล้วเผยแพร่ใหม่",
            f"{link} is a folder, not a symlink; move it away and publish again",
        )
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.symlink(dest, tmp)
        os.replace(tmp, link)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if exc.errno in NO_ROOM:
            raise disk_full(link.parent) from exc
        raise
    sync_dir(link.parent)


def sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _is_release(target: Path, dest: str | None) -> bool:
    return dest is not None and (target / dest / "index.html").is_file()


def recover(target: Path) -> None:
    """Finish or undo a switch that was interrupted (see the module docstring)."""
    pending = link_target(target / PENDING)
    if pending is None:
        return
    current = link_target(target / CURRENT)
    if current != pending and _is_release(target, pending):
        os.replace(target / PENDING, target / PREVIOUS)  # step 2 happened: do step 3
    else:
        (target / PENDING).unlink()  # the switch never happened
    sync_dir(target)


def switch(target: Path, dest: str, step: Step = _no_step) -> None:
    """`current` → `dest`; `previous` → what was live (when it is another complete release)."""
    old = link_target(target / CURRENT)
    keep_old = old != dest and _is_release(target, old)
    if keep_old:
        assert old is not None
        point(target / PENDING, old)
        step("pending-written")
    try:
        point(target / CURRENT, dest)
    except BaseException:
        recover(target)  # undoes step 1: `current` did not move
        raise
    step("current-switched")
    if keep_old:
        os.replace(target / PENDING, target / PREVIOUS)
        sync_dir(target)
        step("previous-switched")


def releases(target: Path) -> list[Release]:
    """Complete releases, oldest first (the name starts with the UTC time of the publish)."""
    folder = target / RELEASES
    if not folder.is_dir():
        return []
    found = (Release.parse(entry.name) for entry in folder.iterdir() if entry.is_dir())
    return sorted((release for release in found if release), key=lambda r: r.name)


def named_releases(target: Path) -> set[str]:
    """The releases `current`, `previous` and a pending `previous` name."""
    return {
        posixpath.basename(dest)
        for dest in (link_target(target / link) for link in (CURRENT, PREVIOUS, PENDING))
        if dest
    }


def prune(target: Path, keep: int, warn: Say) -> list[str]:
    """Remove releases beyond the `keep` newest; the live and the previous one always stay."""
    recover(target)
    protected = named_releases(target)
    removed = []
    for release in releases(target)[: -keep or None]:
        if release.name not in protected:
            try:
                shutil.rmtree(target / RELEASES / release.name)
            except OSError as exc:  # the new release is live already: warn, do not fail
                warn(f"ลบรุ่นเก่า {release.name} ไม่ได้ (cannot remove an old release: {exc})")
                continue
            removed.append(release.name)
    return removed


def remove_leftovers(target: Path) -> None:
    """Partial builds and exports of publishes that were killed (we hold the lock: none runs)."""
    for leftover in [*(target / RELEASES).glob(f"*{PARTIAL}"), *(target / WORK).glob("*")]:
        shutil.rmtree(leftover, ignore_errors=True)
    for stale in target.glob(".*.tmp"):  # a symlink of `point` that was never renamed
        with contextlib.suppress(OSError):
            stale.unlink()


def rollback_links(target: Path, step: Step = _no_step) -> str:
    """Swap `current` and `previous` (a switch to `previous`); returns what is live now."""
    recover(target)
    previous = link_target(target / PREVIOUS)
    if not _is_release(target, previous):
        raise PublishError(
            "ไม่มีรุ่นก่อนหน้าให้ย้อนกลับ", f"no previous release to roll back to in {target}"
        )
    assert previous is not None
    switch(target, previous, step)
    return previous
