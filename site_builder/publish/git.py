"""git for publishing: read commits of a (bare) repository, export one as plain files."""

from __future__ import annotations

import functools
import os
import subprocess
import tarfile
from pathlib import Path

from site_builder.publish.errors import NO_ROOM, PublishError, disk_full

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
    """The commit's files in `dest`, as `git archive` gives them (no .git, nothing uncommitted).

    `env`: pre-receive passes git's own, whose quarantine variables show the pushed objects.
    """
    dest.mkdir(parents=True)
    proc = subprocess.Popen(
        ["git", "--git-dir", str(git_dir(repo)), "archive", "--format=tar", commit],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env or git_env(),
    )
    assert proc.stdout is not None
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|") as archive:
            # "data": no absolute paths, no links that leave dest, no device files.
            archive.extractall(dest, filter="data")
    except OSError as exc:
        proc.kill()
        if exc.errno in NO_ROOM:
            raise disk_full(dest) from exc
        raise PublishError(
            "แตกไฟล์ของ commit ไม่ได้", f"could not export the commit: {exc.strerror}"
        ) from exc
    except tarfile.TarError as exc:
        proc.kill()
        raise PublishError(
            "แตกไฟล์ของ commit ไม่ได้ (มีลิงก์หรือชื่อไฟล์ที่ไม่อนุญาต)",
            f"could not export the commit: {exc}",
        ) from exc
    finally:
        proc.stdout.close()
        stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        proc.wait()
    if proc.returncode != 0:
        raise PublishError("git archive ไม่สำเร็จ", f"git archive failed: {stderr.strip()}")
