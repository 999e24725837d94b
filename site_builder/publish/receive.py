"""pre-receive: check every commit a push brings, on every ref, before git accepts any of it.

git runs this (site_builder/publish/hooks/pre-receive) with one line per ref on stdin,
`<old> <new> <ref>`, and the pushed objects still in quarantine. For each ref (branches, tags,
anything) the commits it brings are the ones no existing ref reaches (`git rev-list NEW --not
--all`). Each of them must have an mkdocs.yml that the allow-list accepts (site_builder.engine.
config) and no personal data in the docs_dir that it names; the new tip of the published
branch must also pass the whole check. One problem anywhere refuses the whole push, each line
naming the commit, the file and the line. Nothing of the commit runs: it is read as data.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.engine.config import CONFIG_NAME, ConfigError, read_site_config
from site_builder.publish.archive import archived_years
from site_builder.publish.errors import PublishError
from site_builder.publish.git import blob_ids, kept_export
from site_builder.publish.incremental import CHECK_CACHE
from site_builder.publish.releases import CURRENT, EXPORT
from site_builder.publish.verify import lost_urls, planned_files, removed_years
from site_builder.records.cache import disk_folder
from site_builder.rules.check import run_check


@dataclass
class Verdict:
    lines: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    def refuse(self, commit: str, line: str) -> None:
        # The same finding in a run of commits is named once, at the commit that brought it.
        if line not in self.seen:
            self.seen.add(line)
            self.lines.append(f"commit {commit[:12]}: {line}")


def _git(*args: str) -> str:
    # git's own environment (GIT_DIR, the quarantine): the pushed objects are visible only so.
    proc = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise PublishError(f"git {args[0]} ไม่สำเร็จ", f"git {' '.join(args)}: {proc.stderr}")
    return proc.stdout.strip()


def _is_zero(sha: str) -> bool:
    return set(sha) == {"0"}


def _new_commits(new: str) -> list[str]:
    """Commits reachable from `new` that no ref reaches yet, oldest first."""
    return _git("rev-list", "--reverse", "--topo-order", new, "--not", "--all").split()


def _is_personal_data(english: str) -> bool:
    # The loader's personal-data findings are the problems that point to public_contacts
    # (records/content.py); a test pushes a national ID in a middle commit to keep this true.
    return "public_contacts" in english


def _target() -> Path | None:
    """The publish folder the hooks were installed for (ita.target)."""
    proc = subprocess.run(["git", "config", "--get", "ita.target"], capture_output=True, text=True)
    return Path(proc.stdout.strip()) if proc.stdout.strip() else None


def check_commit(commit: str, verdict: Verdict, whole: bool) -> None:
    """mkdocs.yml and personal data of one commit; every problem too when `whole` (the tip)."""
    target = _target()
    with contextlib.ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ita-receive-")))
        try:
            # The publish folder's kept export when it is free (publish then finds the tip
            # already written there), else a temporary one.
            kept = target / EXPORT if target is not None else None
            tree = stack.enter_context(
                kept_export(Path.cwd(), commit, kept, scratch / "tree", dict(os.environ))
            )
        except PublishError as exc:
            verdict.refuse(commit, str(exc))
            return
        try:
            config = read_site_config(tree / CONFIG_NAME, tree)
        except ConfigError as exc:
            for line in exc.lines:
                verdict.refuse(commit, line)
            return
        # Records known from an earlier push by their git blobs are not read again; the tip's
        # whole load is kept for publish and its build (records.cache.Snapshots).
        keep = (
            disk_folder(
                target / CHECK_CACHE,
                tree=_git("rev-parse", f"{commit}^{{tree}}") if whole else None,
                blobs=blob_ids(Path.cwd(), commit, tree, dict(os.environ)),
            )
            if target is not None
            else contextlib.nullcontext()
        )
        with keep:
            result = run_check(config.docs_dir, tree, config.catalogues)
        target = target if whole else None
        for problem in result.problems.errors:
            if whole or _is_personal_data(problem.english):
                verdict.refuse(commit, str(problem))
        live = target / CURRENT if target is not None else None
        if target is not None and live is not None and live.is_dir():
            archived = archived_years(target)
            planned = planned_files(result.content, live)
            for problem_line in removed_years(live, result.content, tree, archived) + lost_urls(
                live, planned, result.content, tree
            ):
                verdict.refuse(commit, problem_line)


def check_push(updates: list[tuple[str, str, str]], branch: str) -> Verdict:
    verdict = Verdict()
    published = f"refs/heads/{branch}"
    checked: set[str] = set()
    for _old, new, ref in updates:
        if _is_zero(new):
            if ref == published:
                verdict.lines.append(
                    f"ห้ามลบ branch {branch} ที่ใช้เผยแพร่เว็บไซต์ "
                    "(refusing to delete the published branch)"
                )
            continue
        kind = _git("cat-file", "-t", new)
        if kind not in ("commit", "tag"):
            verdict.lines.append(
                f"{ref}: ชี้ไปที่ {kind} ไม่ใช่ commit (a ref must point to a commit, not a {kind})"
            )
            continue
        try:
            tip = _git("rev-parse", "--verify", "--quiet", f"{new}^{{commit}}")
        except PublishError:
            verdict.lines.append(f"{ref}: แท็กไม่ได้ชี้ไปที่ commit (the tag is not of a commit)")
            continue
        print(f"กำลังตรวจ {ref} ({tip[:12]}) (checking every new commit)", flush=True)
        whole = ref == published
        for commit in _new_commits(tip):
            # The published tip is checked whole below: once is enough.
            if commit not in checked and not (whole and commit == tip):
                checked.add(commit)
                check_commit(commit, verdict, whole=False)
        if whole:
            check_commit(tip, verdict, whole=True)
    return verdict


def main() -> int:
    branch = sys.argv[1] if len(sys.argv) > 1 else "main"
    updates = []
    for line in sys.stdin:
        parts = line.split()
        if len(parts) == 3:
            updates.append((parts[0], parts[1], parts[2]))
    target = _target()
    # Records checked here are not read again by publish (records.cache.DiskRecords).
    records = target / CHECK_CACHE if target is not None else None
    try:
        with disk_folder(records) if records is not None else contextlib.nullcontext():
            verdict = check_push(updates, branch)
    except PublishError as exc:
        print(f"ผิดพลาด: {exc}", flush=True)
        return 1
    for line in verdict.lines:
        print(line, flush=True)
    return 1 if verdict.lines else 0


if __name__ == "__main__":
    code = main()
    # git waits for this process to end before it runs post-receive: at 20,000 records,
    # Python's teardown of the loaded content takes seconds that nothing needs (every file
    # this wrote is closed, the verdict printed).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
