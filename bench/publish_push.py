"""Publish benchmark: how long a real `git push` takes to go live, first and after an edit.

    .venv/bin/python -m bench.publish_push [--sizes 3000,20000] [--edits 2] [--work DIR]
                                           [--out bench/publish-results.json]

For each size: a repository of synthetic Thai content (bench/synthetic.py) with this project's
mkdocs.yml and theme, a bare repository with the hooks installed (`install-hooks`, as
PUBLISHING.md says), and a publish target. It times, on the wall clock, `git push` from its
start until the edited measure's page in `<target>/current/` shows the new title: first the
first publish of everything, then `--edits` pushes that each change one measure's title (the
worst counts). Two times per edit: until the page is live (a thread watches the file in
`current/`: what issue 16 asks for), and until `git push` returns, which also waits for what
publish does after the switch (removing old releases); the file check after it makes sure the
page really is live.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.synthetic import REPO, load_pools, write_content

PY = sys.executable


def git_env(home: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": f"{Path(shutil.which('git') or '/usr/bin/git').parent}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
        "NO_MKDOCS_2_WARNING": "1",
    }


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def make_site(root: Path, size: int) -> tuple[Path, Path, Path, dict[str, str]]:
    """work repository, bare repository with hooks, target; the git environment."""
    if root.exists():
        shutil.rmtree(root)
    work, bare, target, home = root / "work", root / "site.git", root / "www", root / "home"
    for folder in (work, home):
        folder.mkdir(parents=True)
    env = git_env(home)
    shutil.copy2(REPO / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(REPO / "theme", work / "theme")
    write_content(work, size, load_pools())
    run(["git", "init", "-q", "-b", "main"], work, env)
    run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], root, env)
    run(["git", "remote", "add", "origin", str(bare)], work, env)
    hooks = [PY, "-m", "site_builder", "install-hooks", "--bare", str(bare)]
    hooks += ["--target", str(target)]
    run(hooks, work, env)
    run(["git", "add", "-A"], work, env)
    run(["git", "commit", "-q", "-m", "first"], work, env)
    return work, bare, target, env


def timed_push(work: Path, env: dict[str, str]) -> float:
    started = time.monotonic()
    run(["git", "push", "-q", "origin", "HEAD:refs/heads/main"], work, env)
    return time.monotonic() - started


def _shows(page: Path, title: str) -> bool:
    try:
        return title in page.read_text("utf-8")
    except (OSError, UnicodeDecodeError):  # not there yet, or `current` switching meanwhile
        return False


def timed_edit(work: Path, env: dict[str, str], page: Path, title: str) -> tuple[float, float]:
    """(seconds until `page` in current/ shows `title`, seconds until the push returned)."""
    seen: list[float] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if _shows(page, title):
                seen.append(time.monotonic())
                return
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    started = time.monotonic()
    watcher.start()
    try:
        pushed = timed_push(work, env)
    finally:
        done.set()
        watcher.join()
    if not seen and _shows(page, title):
        seen.append(time.monotonic())
    if not seen:
        raise SystemExit(f"{page} does not show the edit after the push")
    return seen[0] - started, pushed


def edit_title(record: Path, title: str) -> None:
    lines = record.read_text("utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith("title:"):
            lines[number] = f"title: {title}\n"
            break
    else:
        raise SystemExit(f"{record}: no title line")
    record.write_text("".join(lines), "utf-8")


def measure(root: Path, size: int, edits: int) -> dict[str, object]:
    work, _bare, target, env = make_site(root, size)
    first = timed_push(work, env)
    measures = sorted((work / "content" / "ita").glob("*/measures/*.md"))
    record = next(path for path in measures if path.name != "index.md")
    year = record.parent.parent.name
    page = target / "current" / "ita" / year / "measures" / record.stem / "index.html"
    live, pushes = [], []
    for number in range(edits):
        title = f"มาตรการที่แก้ไขครั้งที่ {number + 1} เพื่อวัดเวลา"
        edit_title(record, title)
        run(["git", "commit", "-q", "-am", f"edit {number + 1}"], work, env)
        until_live, until_returned = timed_edit(work, env, page, title)
        live.append(round(until_live, 2))
        pushes.append(round(until_returned, 2))
    log = (target / "publish.log").read_text("utf-8").splitlines()
    return {"size": size, "first_s": round(first, 2), "live_s": live, "edit_s": pushes,
            "median_live_s": round(statistics.median(live), 2) if live else None,
            "worst_live_s": max(live) if live else None,
            "worst_edit_s": max(pushes) if pushes else None, "log_tail": log[-6:]}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="3000,20000")
    parser.add_argument("--edits", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ita-publish-bench"))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    results = []
    for size in (int(size) for size in args.sizes.split(",")):
        result = measure(args.work / str(size), size, args.edits)
        results.append(result)
        print(f"{size:>6} records: first push {result['first_s']:.1f} s, one-record edits "
              f"live after {result['live_s']} s (median {result['median_live_s']} s), "
              f"push returned after {result['edit_s']} s", flush=True)  # fmt: skip
        targets = {3000: 5.0, 20000: 8.0}
        if size in targets and result["worst_live_s"] is not None:
            verdict = "PASS" if result["worst_live_s"] <= targets[size] else "FAIL"
            print(f"  one-record edit live ≤ {targets[size]:g} s: {verdict}", flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
