# ruff: noqa: F811
"""Publish under faults: killed at every step, the pusher hanging up, a really full disk."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.publish.pipeline import STEPS

# The fixtures of test_publish.py, imported by name for pytest (hence F401/F811).
from tests.test_publish import Site, env, run, seed, server, site, snapshot  # noqa: F401

PY = sys.executable


def _link(target: Path, name: str) -> str:
    return os.readlink(target / name)


def _complete(target: Path, link: str) -> bool:
    return (target / link / "index.html").is_file()


def test_a_publish_killed_at_any_step_leaves_current_and_rollback_meaningful(site: Site) -> None:
    target = str(site.target)
    for marker in ("A", "B"):
        site.commit(marker)
        assert site.cli("publish", "--target", target, "--keep", "2").returncode == 0
    for number, step in enumerate(STEPS):
        live_before, previous_before = _link(site.target, "current"), _link(site.target, "previous")
        new = site.commit(f"C{number}")
        killed = site.cli(
            "publish", "--target", target, "--keep", "2", SITE_BUILDER_FAULT=f"kill-at:{step}"
        )
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        current, previous = _link(site.target, "current"), _link(site.target, "previous")
        assert _complete(site.target, current) and _complete(site.target, previous), step
        assert current != previous, step
        switched = STEPS.index(step) >= STEPS.index("current-switched")
        assert (site.live_commit() == new) is switched, step
        assert current == (current if switched else live_before)
        # rollback goes to the release live before the switch (or the old previous one).
        expected = live_before if switched else previous_before
        rolled = site.cli("rollback", "--target", target)
        assert rolled.returncode == 0, (step, rolled.stderr)
        assert _link(site.target, "current") == expected, step
        assert site.cli("rollback", "--target", target).returncode == 0
        assert _link(site.target, "current") == current, step
        # The next publish cleans up; pruning keeps what current and previous name.
        again = site.cli("publish", "--target", target, "--keep", "2", "--force")
        assert again.returncode == 0, (step, again.stderr)
        assert not list((site.target / "releases").glob("*.partial"))
        assert not (site.target / ".pending-previous").exists()
        for link in ("current", "previous"):
            assert _complete(site.target, _link(site.target, link)), (step, link)
        assert len(list((site.target / "releases").iterdir())) <= 3


def test_a_publish_survives_the_pusher_hanging_up(server: Site) -> None:
    new = server.commit("B")
    log = server.target / "publish.log"
    with (server.target / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        push = subprocess.Popen(
            ["git", "push", "origin", "HEAD:refs/heads/main"],
            cwd=server.work,
            env=server.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # the push, receive-pack and the hooks: one group, as ssh's
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if log.is_file() and "waiting for another publish" in log.read_text("utf-8"):
                break
            time.sleep(0.05)
        # The pusher's connection ends: SIGHUP to the whole group, and their pipes are closed.
        os.killpg(push.pid, signal.SIGHUP)
        push.communicate(timeout=60)
    deadline = time.monotonic() + 300
    while server.live_commit() != new and time.monotonic() < deadline:
        time.sleep(0.2)
    assert server.live_commit() == new
    assert "(published)" in log.read_text("utf-8")


DISK_SCENARIO = r"""
import json, os, shutil, subprocess, sys
target, repo, free = sys.argv[1], sys.argv[2], int(sys.argv[3])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", target], check=True)
def publish(ref):
    return subprocess.run([sys.executable, "-m", "site_builder", "publish", "--target", target,
                           "--repo-dir", repo, "--ref", ref], capture_output=True, text=True)
first = publish(sys.argv[4])
def tree():
    live = os.path.join(target, "current")
    found = {}
    for folder, _, names in os.walk(live, followlinks=False):
        for name in names:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, live)] = open(path, "rb").read().hex()[:64]
    return os.readlink(live), found
before = tree()
stat = os.statvfs(target)
if sys.argv[6] == "export":  # no export kept from the first publish: the whole commit is written
    shutil.rmtree(os.path.join(target, ".export"))
ballast = stat.f_bavail * stat.f_frsize - free
with open(os.path.join(target, "ballast"), "wb") as handle:
    handle.write(b"0" * ballast)
second = publish(sys.argv[5])
after = tree()
leftovers = [name for name in os.listdir(os.path.join(target, "releases")) if "partial" in name]
work = os.path.join(target, ".work")
leftovers += os.listdir(work) if os.path.isdir(work) else []
print(json.dumps({"first": first.returncode, "second": second.returncode,
                  "stderr": second.stderr, "same": before == after, "leftovers": leftovers}))
"""


@pytest.mark.parametrize(("free", "stage"), [(64 * 1024, "export"), (2 * 1024 * 1024, "build")])
def test_a_full_disk_keeps_the_live_site_and_says_so(site: Site, free: int, stage: str) -> None:
    """A real full disk: a 24 MB tmpfs in a private mount namespace, filled but for `free`."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare(1) to mount a size-limited tmpfs (CI runs as root)")
    first, second = site.commit("A"), site.commit("B")
    site.target.mkdir()
    command = [
        "unshare",
        "-m",
        "--propagation",
        "private",
        PY,
        "-c",
        DISK_SCENARIO,
        str(site.target),
        str(site.work),
        str(free),
        first,
        second,
        stage,
    ]
    proc = run(command, site.work, {**site.env, "PATH": os.environ["PATH"]}, check=False)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["first"] == 0
    assert result["second"] == 1, result
    assert "ดิสก์เต็ม" in result["stderr"] and "(the disk is full" in result["stderr"], result
    assert "Traceback" not in result["stderr"]
    assert result["same"] and result["leftovers"] == []


FILL_SCENARIO = r"""
import json, os, shutil, subprocess, sys
target, repo, steps = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
# Few inodes as well as few bytes: a short symlink takes an inode and no block.
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m,nr_inodes=8000", "tmpfs", target],
               check=True)
def publish(*extra, fault=None):
    env = dict(os.environ)
    if fault:
        env["SITE_BUILDER_FAULT"] = fault
    return subprocess.run([sys.executable, "-m", "site_builder", "publish", "--target", target,
                           "--repo-dir", repo, "--keep", "2", *extra],
                          capture_output=True, text=True, env=env)
def tree():
    live = os.path.join(target, "current")
    found = {}
    for folder, _, names in os.walk(live, followlinks=False):
        for name in names:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, live)] = open(path, "rb").read().hex()[:64]
    return os.readlink(live), found
results = {"first": publish().returncode}
assert publish("--force").returncode == 0  # a previous release, for rollback
for step in steps:
    before, existing = tree(), set(os.listdir(os.path.join(target, "releases")))
    full = publish("--force", fault=f"fill-at:{step}")
    after = tree()
    leftovers = [n for n in os.listdir(os.path.join(target, "releases")) if "partial" in n]
    work = os.path.join(target, ".work")
    leftovers += os.listdir(work) if os.path.isdir(work) else []
    leftovers += sorted(set(os.listdir(os.path.join(target, "releases"))) - existing)
    shutil.rmtree(os.path.join(target, ".ballast"), ignore_errors=True)
    links = [os.readlink(os.path.join(target, n)) for n in ("current", "previous")]
    complete = all(os.path.isfile(os.path.join(target, n, "index.html")) for n in links)
    rolled = subprocess.run([sys.executable, "-m", "site_builder", "rollback", "--target",
                             target], capture_output=True, text=True)
    rolled_to = os.readlink(os.path.join(target, "current"))
    again = publish("--force")
    results[step] = {"rc": full.returncode, "stderr": full.stderr, "same": before == after,
                     "leftovers": leftovers, "distinct": links[0] != links[1],
                     "complete": complete, "rollback": rolled.returncode,
                     "rolled_to_previous": rolled_to == links[1], "again": again.returncode,
                     "again_stderr": again.stderr}
print(json.dumps(results))
"""


def test_a_full_disk_at_the_switch_keeps_the_live_site_and_says_so(site: Site) -> None:
    """The disk fills up after the build, before each symlink of the switch is made."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare(1) to mount a size-limited tmpfs (CI runs as root)")
    site.commit("A")
    site.target.mkdir()
    steps = ("verified", "renamed", "pending-written")
    command = ["unshare", "-m", "--propagation", "private", PY, "-c", FILL_SCENARIO]
    command += [str(site.target), str(site.work), ",".join(steps)]
    proc = run(command, site.work, {**site.env, "PATH": os.environ["PATH"]}, check=False)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert results["first"] == 0
    for step in steps:
        result = results[step]
        assert result["rc"] == 1, (step, result)
        assert "ดิสก์เต็ม" in result["stderr"] and "Traceback" not in result["stderr"], result
        assert result["same"] and result["leftovers"] == [], (step, result)
        assert result["distinct"] and result["complete"], (step, result)
        assert result["rollback"] == 0 and result["rolled_to_previous"], (step, result)
        assert result["again"] == 0, (step, result["again_stderr"])
