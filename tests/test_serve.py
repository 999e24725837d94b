"""`mkdocs serve` rebuilds when a record changes (a real server on a loopback port)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import REPO


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if text in _fetch(url):
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_reloads_after_a_record_changes(tmp_path: Path) -> None:
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/ita/2568/measures/staff-manual/"
        assert _wait_for(url, "จัดทำคู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่", 60)
        record = tmp_path / "content/ita/2568/measures/staff-manual.md"
        text = record.read_text("utf-8")
        record.write_text(text.replace("title: ", "title: แก้ไขแล้ว ", 1), "utf-8")
        assert _wait_for(url, "แก้ไขแล้ว จัดทำคู่มือ", 30)
    finally:
        server.terminate()
        server.wait(timeout=10)
