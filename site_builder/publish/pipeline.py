"""Publish a commit as the live site without ever taking the site down; roll back; install hooks.

A publish (holding DIR/.lock) exports the commit with `git archive`, reads its mkdocs.yml with
the one trusted reader (site_builder.engine.config: an allow-list, nothing of it runs) and writes
the accepted settings back over the copy, checks the content, builds it with
`mkdocs build --strict` in a sandbox (sandbox.py) into a fresh `.partial` folder
(SOURCE_DATE_EPOCH = the commit time, so the same commit gives the same bytes), verifies the
result (verify.py), renames it to its release name and only then switches `current`
(releases.py: the order of the symlink swaps, and how a killed switch is finished). Any failure
removes the partial build and leaves `current` untouched; a full disk is a Thai message.

Which commit: the tip of `ref` read while holding the lock, so when pushes race, the last
publish to get the lock builds the newest tip and nothing ever goes backwards. An explicit
`commit` that is an ancestor of the live one is skipped for the same reason.

A publish does not depend on the pusher's connection: SIGHUP is ignored, and when stdout or
stderr is gone (the pusher hung up while publish waited for the lock) the messages still go to
DIR/publish.log and the publish carries on.

Fault injection for tests (never set it on a server): SITE_BUILDER_FAULT=kill-build sends
SIGKILL to the build half-way; SITE_BUILDER_FAULT=kill-at:<step> kills publish itself right
after that step (`STEPS`); kill-publish is kill-at:verified; fill-at:<step> fills the target's
disk (bytes and inodes) after that step, so that the next write or symlink finds no room.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from site_builder.engine.config import CONFIG_NAME, ConfigError, SiteConfig, read_site_config
from site_builder.publish import releases as links
from site_builder.publish.archive import archived_years, carry_archived
from site_builder.publish.errors import NO_ROOM, PublishError, disk_full
from site_builder.publish.git import (
    blob_ids,
    commit_time,
    git,
    git_dir,
    is_ancestor,
    kept_export,
    resolve_commit,
)
from site_builder.publish.incremental import (
    CHECK_CACHE,
    changed_records,
    gzip_sitemap,
    mark_code,
    prune_states,
    reuse_live,
    state_folder,
    usable_state,
)
from site_builder.publish.releases import (
    CURRENT,
    DEFAULT_KEEP,
    EXPORT,
    PARTIAL,
    PREVIOUS,
    RELEASES,
    WORK,
    Release,
    live_release,
    locked,
    releases,
)
from site_builder.publish.sandbox import Limits, run_limited, sandbox_command
from site_builder.publish.verify import (
    broken_links,
    contract_files,
    lost_urls,
    planned_files,
    removed_years,
    verify_site,
)
from site_builder.publish.withdrawn import keep_withdrawn
from site_builder.records import cache as records_cache
from site_builder.rules.check import run_check
from site_builder.site import state
from site_builder.site.search.segments import ENVIRONMENT as SEARCH_CACHE_VARIABLE

__all__ = [
    "CURRENT",
    "PREVIOUS",
    "Outcome",
    "Release",
    "broken_links",
    "live_release",
    "publish",
    "releases",
    "rollback",
    "verify_site",
]

FAULT_ENV = "SITE_BUILDER_FAULT"
DEFAULT_LIMITS = Limits()
LOG = "publish.log"
HOOKS = ("pre-receive", "post-receive")
# Every step of a publish, in order; a test kills publish after each (kill-at:<step>).
STEPS = (
    "locked",
    "exported",
    "checked",
    "built",
    "verified",
    "renamed",
    "pending-written",
    "current-switched",
    "previous-switched",
    "pruned",
)
_DISK_FULL_TEXT = re.compile(r"No space left on device|Disk quota exceeded|File too large")


class Messages:
    """Where publish talks: the pusher's terminal while it is there, and DIR/publish.log always."""

    def __init__(self, target: Path, stream: TextIO) -> None:
        self.log = target / LOG
        self.stream: TextIO | None = stream

    def __call__(self, message: str) -> None:
        if self.stream is not None:
            try:
                print(message, file=self.stream, flush=True)
            except OSError:  # EPIPE: the pusher hung up; carry on without them
                self.stream = None
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        # A full disk must not stop the publish's own cleanup.
        with contextlib.suppress(OSError), self.log.open("a", encoding="utf-8") as log:
            log.write(f"{stamp} {message}\n")


@dataclass(frozen=True)
class Outcome:
    status: str  # "published", "unchanged" or "skipped"
    commit: str
    release: str | None = None


def _fault_step(fault: str | None, target: Path | None = None) -> links.Step:
    """Faults the tests inject through SITE_BUILDER_FAULT after a step (STEPS): `kill-at:STEP`
    kills publish there, `fill-at:STEP` takes every free byte and inode of the target's disk."""
    fault = fault or ""
    wanted = "verified" if fault == "kill-publish" else fault.partition(":")[2]

    def step(name: str) -> None:
        if name != wanted:
            return
        if fault.startswith("fill-at:") and target is not None:
            _fill_disk(target / ".ballast")
        else:
            os.kill(os.getpid(), signal.SIGKILL)

    return step


def _fill_disk(folder: Path) -> None:
    # Bytes first, then inodes (a short symlink needs no block, only an inode).
    folder.mkdir(exist_ok=True)
    with contextlib.suppress(OSError), (folder / "bytes").open("wb") as ballast:
        while True:
            ballast.write(bytes(1 << 20))
    number = 0
    with contextlib.suppress(OSError):
        while True:
            (folder / str(number)).touch()
            number += 1


# --- building -----------------------------------------------------------------------------------


# One cache of Thai word cuts per target, kept between publishes (site.search.segments).
SEARCH_CACHE = ".search-cache"


@dataclass(frozen=True)
class Incremental:
    """What a build leaves for the next publish, and what an incremental one is for."""

    state: Path
    """Where the build writes its state (site.state): target/.state/<release>/."""
    records: Path
    """The target's checked records, which the build may read (CHECK_CACHE)."""
    previous: Path | None = None
    """The live release's state, when the same code wrote it."""
    changed: tuple[str, ...] = ()
    """The record files edited since the live release: only their years are built."""
    tree: str = ""
    """The git tree of the commit: the build reads the load that check kept of it."""


def build_env(epoch: int) -> dict[str, str]:
    """A small, fixed environment: nothing of the server's (secrets, proxies) reaches the build."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "SOURCE_DATE_EPOCH": str(epoch),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def build(
    source: Path,
    site_dir: Path,
    epoch: int,
    fault: str | None = None,
    sandboxed: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    cache: Path | None = None,
    partial: Incremental | None = None,
) -> None:
    """`mkdocs build --strict` of `source`'s (trusted) mkdocs.yml into `site_dir`, sandboxed.
    `cache`: the target's one folder of search segmentations, the only other writable place
    (the exported commit is read-only in the sandbox). `partial`: where the build writes its
    state, the checked records it may read, and for an incremental build what it is for."""
    command = [
        sys.executable,
        "-P",  # the installed site_builder, not a copy that the commit may carry
        "-m",
        "site_builder.engine.publish_build",  # mkdocs build, without the teardown
        "build",
        "--strict",
        "--config-file",
        str(source / CONFIG_NAME),
        "--site-dir",
        str(site_dir),
    ]
    site_dir.mkdir()
    env = build_env(epoch)
    writable = [site_dir]
    if cache is not None:
        cache.mkdir(exist_ok=True)
        env[SEARCH_CACHE_VARIABLE] = str(cache)
        writable.append(cache)
    readonly = [source]
    if partial is not None:
        partial.state.mkdir(parents=True, exist_ok=True)
        writable.append(partial.state)
        env[state.WRITE] = str(partial.state)
        if partial.records.is_dir():
            readonly.append(partial.records)
            env[records_cache.ENVIRONMENT] = str(partial.records)
            if partial.tree:
                env[records_cache.TREE_ENVIRONMENT] = partial.tree
        if partial.changed:
            assert partial.previous is not None
            readonly.append(partial.previous)
            env[state.PREVIOUS] = str(partial.previous)
            env[state.CHANGED] = "\n".join(partial.changed)
    wrapped = sandbox_command(command, readonly, writable, source, required=sandboxed)
    started = (lambda proc: _kill_half_way(proc, site_dir)) if fault == "kill-build" else None
    run = run_limited(
        wrapped,
        cwd=source,
        env=env,
        output_dir=site_dir,
        limits=limits,
        started=started,
    )
    returncode = run.returncode
    if fault == "kill-build" and returncode == 0:
        returncode = -signal.SIGKILL  # the build won the race: fail all the same
    if run.exceeded == "time":
        raise PublishError(
            f"การสร้างเว็บไซต์ใช้เวลาเกิน {limits.seconds:g} วินาที จึงถูกหยุด",
            f"the build took longer than {limits.seconds:g} s and was stopped",
            tuple(run.output[-20:]),
        )
    if run.exceeded == "output":
        raise PublishError(
            f"เว็บไซต์ที่สร้างใหญ่เกิน {limits.output_bytes // (1024 * 1024)} MB จึงถูกหยุด",
            f"the build wrote more than {limits.output_bytes // (1024 * 1024)} MB and was stopped",
        )
    if returncode != 0 and any(_DISK_FULL_TEXT.search(line) for line in run.output):
        raise disk_full(site_dir.parent)
    if returncode < 0:
        raise PublishError(
            f"การสร้างเว็บไซต์ถูกหยุดกลางคัน (สัญญาณ {-returncode})",
            f"the build was killed by signal {-returncode}",
            tuple(run.output[-40:]),
        )
    if returncode != 0:
        raise PublishError(
            "สร้างเว็บไซต์ไม่สำเร็จ", "mkdocs build failed", tuple(_interesting(run.output)[-40:])
        )


def _interesting(lines: list[str]) -> list[str]:
    keep = [line for line in lines if not line.startswith("INFO")]
    return keep or lines


def _kill_half_way(proc: subprocess.Popen[bytes], site_dir: Path) -> None:
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if site_dir.is_dir() and any(path.is_file() for path in site_dir.rglob("*")):
            break
        time.sleep(0.005)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)


# --- publish and rollback -----------------------------------------------------------------------


def publish(
    target: Path,
    repo: Path,
    ref: str = "HEAD",
    commit: str | None = None,
    keep: int = DEFAULT_KEEP,
    force: bool = False,
    sandboxed: bool = True,
    say: links.Say | None = None,
) -> Outcome:
    """Build, check and switch to the tip of `ref` (or to `commit`); see the module docstring."""
    if keep < 1:
        raise PublishError("--keep ต้องเป็นอย่างน้อย 1", "--keep must be at least 1")
    target = Path(os.path.abspath(target))
    repo = Path(os.path.abspath(repo))
    _ignore_hangups()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PublishError(f"สร้างโฟลเดอร์ {target} ไม่ได้", f"cannot create {target}") from exc
    out = say or Messages(target, sys.stdout)
    err = say or Messages(target, sys.stderr)
    fault = os.environ.get(FAULT_ENV) or None
    step = _fault_step(fault, target)
    with locked(target, err):
        step("locked")
        try:
            (target / RELEASES).mkdir(exist_ok=True)
        except OSError as exc:
            if exc.errno in NO_ROOM:
                raise disk_full(target) from exc
            raise
        links.remove_leftovers(target)
        links.recover(target)
        # Read the tip only now, holding the lock: the last publish to get it builds the newest.
        sha = resolve_commit(repo, commit or ref)
        live = live_release(target)
        if live is not None and live.commit == sha and not force:
            out(f"เว็บไซต์เป็นรุ่น {sha[:12]} อยู่แล้ว (already live: {live.name})")
            return Outcome("unchanged", sha, live.name)
        explicit = commit is not None and not force
        if explicit and live is not None and is_ancestor(repo, sha, live.commit):
            out(
                f"ข้าม: รุ่นที่เผยแพร่อยู่ ({live.commit[:12]}) ใหม่กว่า {sha[:12]} "
                f"(skipped: the live release is newer; use rollback to go back)"
            )
            return Outcome("skipped", sha, live.name)
        name = _new_name(target, sha)
        partial = target / RELEASES / f"{name}{PARTIAL}"
        try:
            # The commit's files, brought up to date in place from the last publish's.
            with kept_export(repo, sha, target / EXPORT, target / WORK / name) as work:
                step("exported")
                live_site = target / CURRENT if live is not None else None
                epoch = commit_time(repo, sha)
                cache = target / SEARCH_CACHE
                plan = Incremental(
                    state_folder(target, name),
                    target / CHECK_CACHE,
                    previous=usable_state(target, live.name) if live is not None else None,
                    tree=git(repo, "rev-parse", f"{sha}^{{tree}}"),
                )
                blobs = blob_ids(repo, sha, work)
                with records_cache.disk_folder(plan.records, tree=plan.tree, blobs=blobs):
                    _check_and_build(
                        live_site, work, partial, epoch, fault, sandboxed, step, cache, target,
                        plan, (repo, live.commit if live is not None else None, sha),
                    )  # fmt: skip
            os.rename(partial, target / RELEASES / name)
            step("renamed")
            links.switch(target, f"{RELEASES}/{name}", step)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            shutil.rmtree(state_folder(target, name), ignore_errors=True)
            # Renamed but never switched to (no room for the symlink): nobody's release.
            if name not in links.named_releases(target):
                shutil.rmtree(target / RELEASES / name, ignore_errors=True)
            raise
        removed = links.prune(target, keep, err)
        prune_states(target)
        step("pruned")
    out(f"เผยแพร่แล้ว: {sha[:12]} → {target / RELEASES / name} (published)")
    if removed:
        out(f"ลบรุ่นเก่า {len(removed)} รุ่น (removed {len(removed)} old releases)")
    return Outcome("published", sha, name)


def _ignore_hangups() -> None:
    # The pusher's ssh session may end while publish waits or builds: keep going.
    with contextlib.suppress(ValueError):  # not the main thread (a test calling publish())
        signal.signal(signal.SIGHUP, signal.SIG_IGN)


def _new_name(target: Path, sha: str) -> str:
    now = datetime.now(UTC)  # to the millisecond, so that names sort in publishing order
    stamp = now.strftime("%Y%m%dT%H%M%S.") + f"{now.microsecond // 1000:03d}Z"
    name, number = f"{stamp}-{sha}", 1
    while (target / RELEASES / name).exists() or (target / RELEASES / f"{name}{PARTIAL}").exists():
        number += 1
        name = f"{stamp}-{sha}-{number}"
    return name


def trusted_config(source: Path) -> SiteConfig:
    """The commit's mkdocs.yml, accepted by the allow-list, written back as plain settings."""
    try:
        config = read_site_config(source / CONFIG_NAME, source)
    except ConfigError as exc:
        raise PublishError(
            "mkdocs.yml มีค่าที่ไม่อนุญาต ไม่ได้เผยแพร่",
            "mkdocs.yml has settings that are not allowed; nothing was published",
            tuple(exc.lines),
        ) from exc
    (source / CONFIG_NAME).unlink()
    (source / CONFIG_NAME).write_text(config.trusted_yaml(), "utf-8")
    return config


def _check_and_build(
    live: Path | None,
    source: Path,
    partial: Path,
    epoch: int,
    fault: str | None,
    sandboxed: bool,
    step: links.Step,
    cache: Path | None = None,
    target: Path | None = None,
    plan: Incremental | None = None,
    commits: tuple[Path, str | None, str] | None = None,
) -> None:
    config = trusted_config(source)
    archived = archived_years(target) if target is not None else []
    result = run_check(config.docs_dir, source, config.catalogues)
    if result.failed():
        raise PublishError(
            f"เนื้อหามีข้อผิดพลาด {len(result.problems.errors)} รายการ ไม่ได้เผยแพร่",
            f"the content has {len(result.problems.errors)} errors; nothing was published",
            tuple(str(problem) for problem in result.problems.errors),
        )
    # Published URLs stay: a push may not remove a fiscal year that the live release publishes,
    # nor a page of one (a catalogue without an o-item): known from the content, before building.
    if live is not None:
        planned = planned_files(result.content, live)
        _refuse_lost(
            removed_years(live, result.content, source, archived)
            + lost_urls(live, planned, result.content, source)
        )
    step("checked")
    if plan is not None and plan.previous is not None and commits is not None:
        repo, old, new = commits
        docs = os.path.relpath(config.docs_dir, source)
        changed = changed_records(repo, old, new, docs) if old is not None else None
        plan = dataclasses.replace(plan, changed=tuple(changed or ()))
    build(source, partial, epoch, fault, sandboxed, cache=cache, partial=plan)
    step("built")
    reused: set[str] = set()
    if plan is not None:
        if plan.changed and live is not None:
            # An incremental build: every file it left out is the live release's own.
            reused = reuse_live(live, partial, plan.state)
            gzip_sitemap(partial, epoch)
        mark_code(plan.state)
    if target is not None:
        carry_archived(target, partial)
    if live is not None:
        keep_withdrawn(live, partial, epoch)
        # And against what was really built, before the switch.
        _refuse_lost(lost_urls(live, contract_files(partial), result.content, source))
    problems = verify_site(partial, result.content, config.site_url, source, reused, live)
    if problems:
        raise PublishError(
            f"เว็บไซต์ที่สร้างมีปัญหา {len(problems)} รายการ ไม่ได้เผยแพร่",
            f"the built site has {len(problems)} problem(s); nothing was published",
            tuple(problems),
        )
    step("verified")


def _refuse_lost(problems: list[str]) -> None:
    if problems:
        raise PublishError(
            "URL ที่เผยแพร่แล้วจะหายไป ไม่ได้เผยแพร่",
            "published URLs would disappear; nothing was published",
            tuple(problems),
        )


def rollback(target: Path, say: links.Say | None = None) -> Release:
    """Swap `current` and `previous`: the release before goes live again (twice = undo)."""
    target = Path(os.path.abspath(target))
    if not (target / RELEASES).is_dir():
        raise PublishError(f"{target} ไม่ใช่โฟลเดอร์เผยแพร่", f"{target} is not a publish folder")
    out = say or Messages(target, sys.stdout)
    with locked(target, say or Messages(target, sys.stderr)):
        live = links.rollback_links(target, _fault_step(os.environ.get(FAULT_ENV)))
    release = Release.parse(os.path.basename(live)) or Release(live, "")
    out(f"ย้อนกลับแล้ว: เว็บไซต์เป็นรุ่น {release.name} (rolled back)")
    return release


# --- hooks of a self-hosted git server ----------------------------------------------------------


def hooks_source() -> Path:
    """The hooks, installed with the package (package data of site_builder.publish)."""
    folder = Path(__file__).resolve().parent / "hooks"
    if all((folder / hook).is_file() for hook in HOOKS):
        return folder
    raise PublishError(
        "ไม่พบโฟลเดอร์ hooks/ (pre-receive, post-receive)",
        "hooks/ with pre-receive and post-receive not found; run from the repository",
    )


def install_hooks(
    bare: Path,
    target: Path,
    branch: str = "main",
    keep: int = DEFAULT_KEEP,
    python: str | None = None,
    say: links.Say = print,
) -> None:
    """Copy the hooks into a bare repository and record target, branch and interpreter."""
    bare = Path(os.path.abspath(bare))
    target = Path(os.path.abspath(target))
    if git(bare, "rev-parse", "--is-bare-repository") != "true":
        raise PublishError(
            f"{bare} ไม่ใช่ที่เก็บ git แบบ bare (สร้างด้วย git init --bare)",
            f"{bare} is not a bare repository (create it with git init --bare)",
        )
    if keep < 1:
        raise PublishError("--keep ต้องเป็นอย่างน้อย 1", "--keep must be at least 1")
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", branch) or branch.startswith(("-", "/")):
        raise PublishError(f'ชื่อ branch "{branch}" ไม่ถูกต้อง', f'bad branch name "{branch}"')
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / RELEASES).mkdir(exist_ok=True)
    except OSError as exc:
        raise PublishError(
            f"สร้างโฟลเดอร์ {target} ไม่ได้", f"cannot create {target}: {exc.strerror}"
        ) from exc
    # sys.executable as it is: resolving the symlink would leave the virtual environment.
    interpreter = python or os.path.abspath(sys.executable)
    source = hooks_source()
    hooks = git_dir(bare) / "hooks"
    hooks.mkdir(exist_ok=True)
    for hook in HOOKS:
        tmp = hooks / f".{hook}.tmp"
        shutil.copyfile(source / hook, tmp)
        tmp.chmod(0o755)
        os.replace(tmp, hooks / hook)
    git(bare, "config", "ita.target", str(target))
    git(bare, "config", "ita.python", interpreter)
    git(bare, "config", "ita.branch", branch)
    git(bare, "config", "ita.keep", str(keep))
    say(f"ติดตั้ง hooks แล้วใน {hooks} (hooks installed)")
    say(f"  เผยแพร่ branch {branch} ไปที่ {target / CURRENT} (publishes {branch} there)")
    say(f"  ใช้ Python: {interpreter} (interpreter)")
