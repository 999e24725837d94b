"""git for publishing: read commits of a (bare) repository, export one as plain files."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from site_builder.publish.errors import NO_ROOM, DiskFull, PublishError, disk_full
from site_builder.records.cache import GitBlobs

# Variables that git sets for hooks; they would point our own git calls at the wrong place.
GIT_HOOK_VARS = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_QUARANTINE_PATH",
    "GIT_PREFIX",
)


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in GIT_HOOK_VARS}
    env["LC_ALL"] = "C"
    return env


def git(repo: Path, *args: str, stdout: int | None = subprocess.PIPE) -> str:
    # --git-dir works for bare repositories and for work trees (via rev-parse below).
    proc = subprocess.run(
        ["git", "--git-dir", str(git_dir(repo)), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=git_env(),
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise PublishError(
            f"คำสั่ง git {args[0]} ไม่สำเร็จ",
            f"git {' '.join(args)} failed: {proc.stderr.strip()}",
        )
    return (proc.stdout or "").strip()


@functools.lru_cache(maxsize=16)
def git_dir(repo: Path) -> Path:
    """The git directory of a work tree (`repo/.git`) or of a bare repository (`repo`)."""
    proc = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--absolute-git-dir"],
        capture_output=True,
        env=git_env(),
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise PublishError(
            f"{repo} ไม่ใช่ที่เก็บ git", f"{repo} is not a git repository: {proc.stderr.strip()}"
        )
    return Path(proc.stdout.strip())


def resolve_commit(repo: Path, rev: str) -> str:
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except PublishError:
        raise PublishError(
            f'ไม่พบ commit หรือ branch "{rev}" ในที่เก็บ {repo}',
            f'no commit or ref "{rev}" in {repo}',
        ) from None


def commit_time(repo: Path, commit: str) -> int:
    return int(git(repo, "log", "-1", "--format=%ct", commit))


def is_ancestor(repo: Path, older: str, newer: str) -> bool:
    proc = subprocess.run(
        ["git", "--git-dir", str(git_dir(repo)), "merge-base", "--is-ancestor", older, newer],
        capture_output=True,
        env=git_env(),
        check=False,
    )
    return proc.returncode == 0


def export_commit(repo: Path, commit: str, dest: Path, env: dict[str, str] | None = None) -> None:
    """The commit's files in `dest` (no .git, nothing uncommitted), written by git itself.

    `env`: pre-receive passes git's own, whose quarantine variables show the pushed objects.
    git writes the files (`read-tree -u` into a private index, _write_tree), quicker than
    unpacking `git archive` with tarfile; kept_export writes only what changed. Git refuses paths
    with `..` or `.git` and never writes through a symlinked folder; a symlink that points
    out of the commit is refused once written (as tarfile's "data" filter did), one inside it
    stays a link and the content check names it.
    """
    env = {**(env or git_env()), "LC_ALL": "C"}
    dest.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="ita-index-") as scratch:
        _write_tree(repo, commit, dest, Path(scratch) / "index", env)
    _refuse_outside_links(repo, commit, dest, env)


def _write_tree(repo: Path, commit: str, dest: Path, index: Path, env: dict[str, str]) -> None:
    """Make `dest` hold exactly the commit's files, through `index` (git's record of what it
    wrote): `read-tree --reset -u` writes the files that differ from it, and also those changed
    on disk since (git compares size, times and inode), removes the ones the commit does not
    have; what git does not know of is removed after."""
    env = {**env, "GIT_INDEX_FILE": str(index)}
    base = ["git", "--git-dir", str(git_dir(repo)), "--work-tree", str(dest)]
    base += ["-c", "core.symlinks=true", "-c", "core.autocrlf=false"]
    steps = (["read-tree", "--reset", "-u", commit], ["ls-files", "-z", "--others", "--directory"])
    for args in steps:
        proc = subprocess.run(
            [*base, *args], cwd=dest, env=env, capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            if any(os.strerror(code) in proc.stderr for code in NO_ROOM):
                raise disk_full(dest)
            raise PublishError(
                "แตกไฟล์ของ commit ไม่ได้ (มีลิงก์หรือชื่อไฟล์ที่ไม่อนุญาต)",
                f"could not export the commit: git {args[0]}: {proc.stderr.strip()}",
            )
    for name in filter(None, proc.stdout.split("\0")):
        extra = dest / name
        if extra.is_dir() and not extra.is_symlink():
            shutil.rmtree(extra)
        else:
            extra.unlink()


@contextlib.contextmanager
def kept_export(
    repo: Path, commit: str, kept: Path | None, scratch: Path, env: dict[str, str] | None = None
) -> Iterator[Path]:
    """The commit's files, for as long as the block runs: in `kept`, a folder kept from one
    publish (or pre-receive) to the next and brought to this commit in place, so that a push
    writes only the files it changed (a full export of 3,000 records with their PDFs is
    seconds of disk writes); in `scratch`, exported whole and removed after, when there is no
    `kept`, another process holds it, or it cannot be brought up to date."""
    env = {**(env or git_env()), "LC_ALL": "C"}
    lock = -1
    if kept is not None:
        with contextlib.suppress(OSError):
            kept.mkdir(parents=True, exist_ok=True)
            lock = os.open(kept / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if kept is not None and lock >= 0 and _try_lock(lock):
            yield _bring_up_to_date(repo, commit, kept, env)
        else:
            try:
                export_commit(repo, commit, scratch, env)
                yield scratch
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
    finally:
        if lock >= 0:
            os.close(lock)


def _try_lock(handle: int) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _bring_up_to_date(repo: Path, commit: str, kept: Path, env: dict[str, str]) -> Path:
    try:
        return _write_kept(repo, commit, kept, env)
    except (PublishError, OSError) as error:
        # Whatever went wrong (a publish killed half way, a refused link), start again from
        # nothing: a kept folder in an unknown state is never built from.
        _forget(kept)
        if isinstance(error, DiskFull):
            raise
        if isinstance(error, OSError) and error.errno in NO_ROOM:
            raise disk_full(kept) from error
    try:
        return _write_kept(repo, commit, kept, env)
    except BaseException:
        _forget(kept)
        raise


def _write_kept(repo: Path, commit: str, kept: Path, env: dict[str, str]) -> Path:
    tree = kept / "tree"
    tree.mkdir(exist_ok=True)
    _write_tree(repo, commit, tree, kept / "index", env)
    _refuse_outside_links(repo, commit, tree, env)
    return tree


def _forget(kept: Path) -> None:
    shutil.rmtree(kept / "tree", ignore_errors=True)
    for name in ("index", "index.lock"):
        (kept / name).unlink(missing_ok=True)


def _tree_entries(repo: Path, commit: str, env: dict[str, str]) -> list[tuple[str, str, str]]:
    """(mode, object id, path) of every file and link of the commit."""
    listing = subprocess.run(
        ["git", "--git-dir", str(git_dir(repo)), "ls-tree", "-r", "-z", "--full-tree", commit],
        env=env,
        capture_output=True,
        check=False,
    )
    if listing.returncode != 0:
        raise PublishError(
            "git ls-tree ไม่สำเร็จ", f"git ls-tree failed: {listing.stderr.decode(errors='replace')}"
        )
    entries = []
    for entry in filter(None, listing.stdout.split(b"\0")):
        info, _tab, name = entry.partition(b"\t")
        mode, _kind, object_id = info.decode("ascii").split(" ")
        entries.append((mode, object_id, name.decode("utf-8", "surrogateescape")))
    return entries


def blob_ids(repo: Path, commit: str, root: Path, env: dict[str, str] | None = None) -> GitBlobs:
    """What an export of `commit` into `root` holds, as git knows it (records.cache.GitBlobs)."""
    entries = _tree_entries(repo, commit, {**(env or git_env()), "LC_ALL": "C"})
    attributes = hashlib.sha256()
    for _mode, object_id, name in entries:
        if name.rpartition("/")[2] == ".gitattributes":
            attributes.update(f"{name}\0{object_id}\0".encode("utf-8", "surrogateescape"))
    ids = {str(root / name): object_id for mode, object_id, name in entries if mode != "120000"}
    return GitBlobs(ids, attributes.hexdigest())


def _refuse_outside_links(repo: Path, commit: str, dest: Path, env: dict[str, str]) -> None:
    """A PublishError when a symlink of the exported commit resolves outside `dest` (followed
    on disk, so a chain of links that only leaves through another link is caught too)."""
    root = os.path.realpath(dest)
    for mode, _object_id, name in _tree_entries(repo, commit, env):
        if mode != "120000":
            continue
        resolved = os.path.realpath(dest / name)
        if resolved != root and not resolved.startswith(root + os.sep):
            raise PublishError(
                "แตกไฟล์ของ commit ไม่ได้ (มีลิงก์หรือชื่อไฟล์ที่ไม่อนุญาต)",
                f"could not export the commit: {name} links outside the commit",
            )
