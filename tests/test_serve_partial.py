"""`mkdocs serve` rebuilds only what a record edit changes (site_builder/engine/serve.py), and the
site it then serves is byte for byte the site a full `mkdocs build` makes of the same content.
A real server on a loopback port, real edits, a real full build to compare with."""

from __future__ import annotations

import filecmp
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_serve import _free_port, _wait_for

# sitemap.xml.gz carries the time it was written; everything else must be identical.
TIMESTAMPED = {"sitemap.xml.gz"}


def _tree(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def _differences(served: Path, built: Path) -> list[str]:
    a, b = _tree(served), _tree(built)
    problems = [f"only in serve: {name}" for name in sorted(a.keys() - b.keys())]
    problems += [f"only in build: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys() - TIMESTAMPED):
        if not filecmp.cmp(a[name], b[name], shallow=False):
            problems.append(f"differs: {name}")
    return problems


def _log_has(log: Path, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text("utf-8", "replace"):
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def served(tmp_path: Path):
    """The demo site under `mkdocs serve`, its temporary output folder findable (TMPDIR)."""
    root = tmp_path / "repo"
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield root, f"http://127.0.0.1:{port}/", temp, log
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def test_a_record_edit_rebuilds_part_of_the_site_and_serves_what_a_full_build_makes(
    served: tuple[Path, str, Path, Path], tmp_path: Path
) -> None:
    root, url, temp, log = served
    measure_url = url + "ita/2568/measures/staff-manual/"
    assert _wait_for(measure_url, "จัดทำคู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่", 90), log.read_text()

    # A measure: its page, the report and the open data change.
    record = root / "content/ita/2568/measures/staff-manual.md"
    record.write_text(record.read_text("utf-8").replace("title: ", "title: แก้ไขแล้ว ", 1), "utf-8")
    assert _wait_for(measure_url, "แก้ไขแล้ว จัดทำคู่มือ", 60), log.read_text()
    assert _wait_for(url + "ita/2568/report/", "แก้ไขแล้ว จัดทำคู่มือ", 10)
    assert _log_has(log, "partial rebuild of", 5), log.read_text()

    # A disclosure: its item page and the year's table.
    disclosure = root / "content/ita/2568/o1/index.md"
    text = disclosure.read_text("utf-8")
    assert text.count("\n---\n") >= 1
    disclosure.write_text(text + "\nข้อความเพิ่มเพื่อทดสอบการสร้างบางส่วน\n", "utf-8")
    assert _wait_for(url + "ita/2568/o1/", "ข้อความเพิ่มเพื่อทดสอบการสร้างบางส่วน", 60), log.read_text()
    assert log.read_text("utf-8").count("partial rebuild of") == 2

    served_sites = list(temp.glob("mkdocs_*"))
    assert len(served_sites) == 1
    snapshot = tmp_path / "served"
    shutil.copytree(served_sites[0], snapshot)

    # The same content built from scratch, with the address the server gave the site.
    (root / "full.yml").write_text(
        f"INHERIT: mkdocs.yml\nsite_dir: full-site\nsite_url: {url}\n", "utf-8"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", "full.yml"]
    subprocess.run(build, cwd=root, env=env, check=True, timeout=300)
    assert _differences(snapshot, root / "full-site") == []
