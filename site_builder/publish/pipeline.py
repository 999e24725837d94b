"""Publish a commit as the live site without ever taking the site down; roll back; install hooks.

Layout of a publish target (e.g. /var/www/ita; the web server's document root is `current`):

    DIR/.lock                           flock: one publish or rollback at a time
    DIR/releases/<time>-<commit>/       one complete, checked build per publish
    DIR/releases/<name>.partial/        a build in progress (or left by a killed one: removed
                                        by the next publish)
    DIR/.work/<name>/                   the commit's files, exported with `git archive`
    DIR/current  -> releases/<name>     the live site: a symlink, replaced with os.replace
    DIR/previous -> releases/<name>     the release before it, for `rollback`

A publish exports the commit, checks the content, builds it with `mkdocs build --strict` into a
fresh `.partial` folder (SOURCE_DATE_EPOCH = the commit time, so the same commit gives the same
bytes), verifies the result (every contract URL of every fiscal year, the open data files, no
broken internal link, no missing attachment), renames it to its release name and only then
switches `current`. Any failure removes the partial build and leaves `current` untouched.

Which commit: the tip of `ref` read while holding the lock, so when pushes race, the last
publish to get the lock builds the newest tip and nothing ever goes backwards. An explicit
`commit` that is an ancestor of the live one is skipped for the same reason.

Fault injection for tests (never set it on a server): SITE_BUILDER_FAULT=kill-build sends
SIGKILL to the build half-way; SITE_BUILDER_FAULT=kill-publish kills publish itself after the
build, before the switch.
"""

from __future__ import annotations

import contextlib
import fcntl
import filecmp
import functools
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from site_builder import urls
from site_builder.publish.errors import PublishError
from site_builder.records.content import Content
from site_builder.records.problems import display_path
from site_builder.rules.check import run_check
from site_builder.site.opendata import DATA_FILES
from site_builder.site.plans import plan_site

RELEASES = "releases"
CURRENT = "current"
PREVIOUS = "previous"
LOCK = ".lock"
WORK = ".work"
PARTIAL = ".partial"
DEFAULT_KEEP = 5
RELEASE_NAME = re.compile(
    r"^(?P<stamp>[0-9]{8}T[0-9]{6}(?:\.[0-9]{3})?Z)-(?P<commit>[0-9a-f]{40,64})(?:-[0-9]+)?$"
)
FAULT_ENV = "SITE_BUILDER_FAULT"
HOOKS = ("pre-receive", "post-receive")
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

Say = Callable[[str], None]


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _out(message: str) -> None:
    print(message, flush=True)


@dataclass(frozen=True)
class Release:
    name: str
    commit: str

    @classmethod
    def parse(cls, name: str) -> Release | None:
        match = RELEASE_NAME.match(name)
        return cls(name, match["commit"]) if match else None


@dataclass(frozen=True)
class Outcome:
    status: str  # "published", "unchanged" or "skipped"
    commit: str
    release: str | None = None


# --- git ----------------------------------------------------------------------------------------


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in GIT_HOOK_VARS}
    env["LC_ALL"] = "C"
    return env


def git(repo: Path, *args: str, stdout: int | None = subprocess.PIPE) -> str:
    # --git-dir works for bare repositories and for work trees (via rev-parse below).
    proc = subprocess.run(
        ["git", "--git-dir", str(git_dir(repo)), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=_git_env(),
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
        env=_git_env(),
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
        env=_git_env(),
        check=False,
    )
    return proc.returncode == 0


def export_commit(repo: Path, commit: str, dest: Path) -> None:
    """The commit's files in `dest`, as `git archive` gives them (no .git, nothing uncommitted)."""
    dest.mkdir(parents=True)
    proc = subprocess.Popen(
        ["git", "--git-dir", str(git_dir(repo)), "archive", "--format=tar", commit],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_git_env(),
    )
    assert proc.stdout is not None
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|") as archive:
            # "data": no absolute paths, no links that leave dest, no device files.
            archive.extractall(dest, filter="data")
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


# --- the lock and the symlinks ------------------------------------------------------------------


@contextlib.contextmanager
def locked(target: Path, say: Say = _err) -> Iterator[None]:
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


def _link_target(link: Path) -> str | None:
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
    dest = _link_target(target / link)
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
    os.symlink(dest, tmp)
    os.replace(tmp, link)
    _sync_dir(link.parent)


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def switch(target: Path, name: str) -> None:
    """`current` → the new release; `previous` → what was live (if it is another release)."""
    old = _link_target(target / CURRENT)
    new = f"{RELEASES}/{name}"
    if old is not None and old != new and (target / old).is_dir():
        point(target / PREVIOUS, old)
    point(target / CURRENT, new)


def releases(target: Path) -> list[Release]:
    """Complete releases, oldest first (the name starts with the UTC time of the publish)."""
    folder = target / RELEASES
    if not folder.is_dir():
        return []
    found = (Release.parse(entry.name) for entry in folder.iterdir() if entry.is_dir())
    return sorted((release for release in found if release), key=lambda r: r.name)


def prune(target: Path, keep: int) -> list[str]:
    """Remove releases beyond the `keep` newest; the live and the previous one always stay."""
    protected = {
        posixpath.basename(dest)
        for dest in (_link_target(target / CURRENT), _link_target(target / PREVIOUS))
        if dest
    }
    removed = []
    for release in releases(target)[: -keep or None]:
        if release.name not in protected:
            try:
                shutil.rmtree(target / RELEASES / release.name)
            except OSError as exc:  # the new release is live already: warn, do not fail
                _err(f"ลบรุ่นเก่า {release.name} ไม่ได้ (cannot remove an old release: {exc})")
                continue
            removed.append(release.name)
    return removed


def _remove_leftovers(target: Path) -> None:
    """Partial builds and exports of publishes that were killed (we hold the lock: none runs)."""
    for leftover in [*(target / RELEASES).glob(f"*{PARTIAL}"), *(target / WORK).glob("*")]:
        shutil.rmtree(leftover, ignore_errors=True)


# --- checking a built site ----------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def _site_files(site: Path) -> set[str]:
    files = set()
    for folder, _dirs, names in os.walk(site):
        base = Path(folder).relative_to(site).as_posix()
        for name in names:
            files.add(name if base == "." else f"{base}/{name}")
    return files


def _internal_path(link: str, page: str, site_url: str | None) -> str | None:
    """The file inside the site that `link` on `page` points at; None when it is external."""
    link = link.strip()
    if site_url and link.startswith(site_url.rstrip("/") + "/"):
        link = "/" + link[len(site_url.rstrip("/")) + 1 :]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # http:, mailto:, data:, //host, or "#anchor" / "?query" on the same page
    path = unquote(parts.path)
    if path.startswith("/"):
        prefix = urlsplit(site_url).path.rstrip("/") if site_url else ""
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            path = path[len(prefix) :]
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    folder_link = path.endswith("/") or path in (".", "..")
    normal = posixpath.normpath(joined) if joined else "."
    if normal == ".." or normal.startswith("../"):
        return normal  # leaves the site: never exists
    if normal == ".":
        return "index.html"
    return f"{normal}/index.html" if folder_link else normal


def broken_links(site: Path, site_url: str | None = None) -> list[tuple[str, str]]:
    """(page, link) for every href/src in the built HTML that points at a missing file."""
    files = _site_files(site)
    folders = {posixpath.dirname(name) for name in files}
    broken = []
    for page in sorted(name for name in files if name.endswith(".html")):
        parser = _Links()
        parser.feed((site / page).read_text("utf-8", errors="replace"))
        for link in parser.links:
            path = _internal_path(link, page, site_url)
            if path is None or path in files:
                continue
            if path in folders and f"{path}/index.html" in files:
                continue  # a link to a folder without the trailing slash
            broken.append((page, link))
    return broken


def _page_source(page: str, docs: Path, root: Path | None) -> str:
    """The Markdown file behind a built page, as users name it (`content/index.md`)."""
    folder = posixpath.dirname(page) if page.endswith("/index.html") or page == "index.html" else ""
    if page == "index.html":
        candidates = ["index.md", "README.md"]
    elif folder:
        candidates = [f"{folder}.md", f"{folder}/index.md", f"{folder}/README.md"]
    else:
        candidates = []
    for candidate in candidates:
        if (docs / candidate).is_file():
            return display_path(docs / candidate, root)
    return "/" + (f"{folder}/" if folder else page)


def verify_site(
    site: Path, content: Content, site_url: str | None = None, root: Path | None = None
) -> list[str]:
    """Everything that is wrong with a built site, one line each (empty when it is fine)."""
    problems: list[str] = []

    def need(url_path: str, what: str) -> Path:
        path = site / url_path
        if not path.is_file() or path.stat().st_size == 0:
            problems.append(f"/{url_path}: ไม่พบ{what}ในเว็บไซต์ที่สร้าง (missing from the build)")
        return path

    need("index.html", "หน้าแรก")
    for plan in plan_site(content):
        need(urls.src_uri(plan.url).removesuffix(".md") + ".html", "หน้า")
    for year, fiscal_year in sorted(content.years.items()):
        for name in DATA_FILES:
            path = need(urls.data_url(year, name), "ไฟล์ข้อมูลเปิด")
            if not path.is_file():
                continue
            if name.endswith(".json"):
                try:
                    data = json.loads(path.read_text("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    problems.append(f"/{urls.data_url(year, name)}: JSON อ่านไม่ได้ ({exc})")
                    continue
                if not isinstance(data, dict) or data.get("fiscal_year") != year:
                    problems.append(
                        f"/{urls.data_url(year, name)}: ไม่มี fiscal_year {year} (no fiscal_year)"
                    )
        for code, disclosure in sorted(fiscal_year.disclosures.items()):
            for name, attachment in sorted(disclosure.files.items()):
                url_path = f"{urls.item_url(year, code)}{name}"
                published = site / url_path
                if not published.is_file():
                    problems.append(f"/{url_path}: ไม่พบไฟล์แนบ (attachment missing)")
                elif not filecmp.cmp(attachment.path, published, shallow=False):
                    problems.append(f"/{url_path}: ไฟล์แนบไม่ตรงกับต้นฉบับ (attachment differs)")
    for page, link in broken_links(site, site_url):
        source = _page_source(page, content.root, root)
        problems.append(f'{source}: ลิงก์ "{link}" ชี้ไปที่ไฟล์ที่ไม่มีในเว็บไซต์ (broken link on /{page})')
    return problems


# --- mkdocs.yml ---------------------------------------------------------------------------------


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` or `!ENV` tags; we only need plain settings."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_settings(config_file: Path) -> tuple[Path, tuple[Path, ...], str | None]:
    """(docs_dir, extra catalogue folders of the ita plugin, site_url) from mkdocs.yml."""
    try:
        data = yaml.load(config_file.read_text("utf-8"), Loader=_AnyTagLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PublishError(
            "อ่าน mkdocs.yml ไม่ได้", f"cannot read mkdocs.yml: {exc}", (str(config_file),)
        ) from exc
    if not isinstance(data, dict):
        raise PublishError("mkdocs.yml ไม่ถูกรูปแบบ", "mkdocs.yml is not a mapping")
    root = config_file.parent
    docs = root / str(data.get("docs_dir") or "docs")
    catalogues: tuple[Path, ...] = ()
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("ita"), dict):
            extra = plugin["ita"].get("catalogues")
            if extra:
                catalogues = (root / str(extra),)
    site_url = data.get("site_url")
    return docs, catalogues, str(site_url) if site_url else None


# --- building -----------------------------------------------------------------------------------


def build_env(epoch: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in GIT_HOOK_VARS and k != FAULT_ENV}
    env["SOURCE_DATE_EPOCH"] = str(epoch)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def build(source: Path, site_dir: Path, epoch: int, fault: str | None = None) -> None:
    """`mkdocs build --strict` of `source`'s mkdocs.yml into `site_dir`, in a subprocess."""
    command = [
        sys.executable,
        "-P",  # the installed site_builder, not a copy that the commit may carry
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(source / "mkdocs.yml"),
        "--site-dir",
        str(site_dir),
    ]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            command,
            cwd=source,
            env=build_env(epoch),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        if fault == "kill-build":
            _kill_half_way(proc, site_dir)
        returncode = proc.wait()
        log.seek(0)
        output = log.read().decode("utf-8", "replace").splitlines()
    if fault == "kill-build" and returncode == 0:
        returncode = -signal.SIGKILL  # the build won the race: fail all the same
    if returncode < 0:
        raise PublishError(
            f"การสร้างเว็บไซต์ถูกหยุดกลางคัน (สัญญาณ {-returncode})",
            f"the build was killed by signal {-returncode}",
            tuple(output[-40:]),
        )
    if returncode != 0:
        raise PublishError(
            "สร้างเว็บไซต์ไม่สำเร็จ", "mkdocs build failed", tuple(_interesting(output)[-40:])
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
        proc.send_signal(signal.SIGKILL)


# --- publish and rollback -----------------------------------------------------------------------


def publish(
    target: Path,
    repo: Path,
    ref: str = "HEAD",
    commit: str | None = None,
    keep: int = DEFAULT_KEEP,
    force: bool = False,
    say: Say = _out,
) -> Outcome:
    """Build, check and switch to the tip of `ref` (or to `commit`); see the module docstring."""
    if keep < 1:
        raise PublishError("--keep ต้องเป็นอย่างน้อย 1", "--keep must be at least 1")
    target = Path(os.path.abspath(target))
    repo = Path(os.path.abspath(repo))
    fault = os.environ.get(FAULT_ENV) or None
    with locked(target, _err):
        (target / RELEASES).mkdir(exist_ok=True)
        _remove_leftovers(target)
        # Read the tip only now, holding the lock: the last publish to get it builds the newest.
        sha = resolve_commit(repo, commit or ref)
        live = live_release(target)
        if live is not None and live.commit == sha and not force:
            say(f"เว็บไซต์เป็นรุ่น {sha[:12]} อยู่แล้ว (already live: {live.name})")
            return Outcome("unchanged", sha, live.name)
        explicit = commit is not None and not force
        if explicit and live is not None and is_ancestor(repo, sha, live.commit):
            say(
                f"ข้าม: รุ่นที่เผยแพร่อยู่ ({live.commit[:12]}) ใหม่กว่า {sha[:12]} "
                f"(skipped: the live release is newer; use rollback to go back)"
            )
            return Outcome("skipped", sha, live.name)
        name = _new_name(target, sha)
        partial = target / RELEASES / f"{name}{PARTIAL}"
        work = target / WORK / name
        try:
            export_commit(repo, sha, work)
            _check_and_build(work, partial, commit_time(repo, sha), fault)
            if fault == "kill-publish":
                os.kill(os.getpid(), signal.SIGKILL)
            os.rename(partial, target / RELEASES / name)
            switch(target, name)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
        removed = prune(target, keep)
    say(f"เผยแพร่แล้ว: {sha[:12]} → {target / RELEASES / name} (published)")
    if removed:
        say(f"ลบรุ่นเก่า {len(removed)} รุ่น (removed {len(removed)} old releases)")
    return Outcome("published", sha, name)


def _new_name(target: Path, sha: str) -> str:
    now = datetime.now(UTC)  # to the millisecond, so that names sort in publishing order
    stamp = now.strftime("%Y%m%dT%H%M%S.") + f"{now.microsecond // 1000:03d}Z"
    name, number = f"{stamp}-{sha}", 1
    while (target / RELEASES / name).exists() or (target / RELEASES / f"{name}{PARTIAL}").exists():
        number += 1
        name = f"{stamp}-{sha}-{number}"
    return name


def _check_and_build(source: Path, partial: Path, epoch: int, fault: str | None) -> None:
    config = source / "mkdocs.yml"
    if not config.is_file():
        raise PublishError("ไม่พบ mkdocs.yml ใน commit นี้", "mkdocs.yml not found in the commit")
    docs, catalogues, site_url = site_settings(config)
    result = run_check(docs, source, catalogues)
    if result.failed():
        raise PublishError(
            f"เนื้อหามีข้อผิดพลาด {len(result.problems.errors)} รายการ ไม่ได้เผยแพร่",
            f"the content has {len(result.problems.errors)} errors; nothing was published",
            tuple(str(problem) for problem in result.problems.errors),
        )
    build(source, partial, epoch, fault)
    problems = verify_site(partial, result.content, site_url, source)
    if problems:
        raise PublishError(
            f"เว็บไซต์ที่สร้างมีปัญหา {len(problems)} รายการ ไม่ได้เผยแพร่",
            f"the built site has {len(problems)} problem(s); nothing was published",
            tuple(problems),
        )


def rollback(target: Path, say: Say = _out) -> Release:
    """Swap `current` and `previous`: the release before goes live again (twice = undo)."""
    target = Path(os.path.abspath(target))
    if not (target / RELEASES).is_dir():
        raise PublishError(f"{target} ไม่ใช่โฟลเดอร์เผยแพร่", f"{target} is not a publish folder")
    with locked(target, _err):
        current = _link_target(target / CURRENT)
        previous = _link_target(target / PREVIOUS)
        if previous is None or not (target / previous / "index.html").is_file():
            raise PublishError(
                "ไม่มีรุ่นก่อนหน้าให้ย้อนกลับ", f"no previous release to roll back to in {target}"
            )
        point(target / CURRENT, previous)
        if current is not None and (target / current).is_dir():
            point(target / PREVIOUS, current)
    release = Release.parse(posixpath.basename(previous)) or Release(previous, "")
    say(f"ย้อนกลับแล้ว: เว็บไซต์เป็นรุ่น {release.name} (rolled back)")
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
    say: Say = _out,
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
