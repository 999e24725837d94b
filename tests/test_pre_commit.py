"""The pre-commit hook refuses a commit that would publish personal data (real git, real hook)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import GOOD_MEASURE, REPO, YEAR_YML, write_tree

ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.go.th",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.go.th",
}


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=ENV, capture_output=True, text=True)


def test_pre_commit_refuses_a_national_id_and_accepts_clean_content(tmp_path: Path) -> None:
    repo = tmp_path / "clone"
    repo.mkdir()
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    install = subprocess.run(
        [sys.executable, "-m", "site_builder", "install-pre-commit", "--repo", str(repo)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    assert (repo / ".git/hooks/pre-commit").stat().st_mode & 0o111
    write_tree(
        repo,
        {
            "content/ita/2568/year.yml": YEAR_YML,
            "content/ita/2568/measures/a.md": GOOD_MEASURE,
        },
    )
    git(repo, "add", "-A")
    first = git(repo, "commit", "-q", "-m", "good")
    assert first.returncode == 0, first.stdout + first.stderr

    leaked = GOOD_MEASURE.replace("จัดทำคู่มือและเผยแพร่", "ผู้ร้องเรียน ๑-๑๐๑๗-๐๐๒๓๐-๗๐-๘")
    (repo / "content/ita/2568/measures/a.md").write_text(leaked, "utf-8")
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-q", "-m", "leak")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "content/ita/2568/measures/a.md:12: พบเลขประจำตัวประชาชน (11xxxxxxxxx08)" in output
    assert "1101700230708" not in output  # the check never repeats the number in full
    assert git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"

    # The staged version is what counts: fixing only the working tree is not enough.
    redacted = GOOD_MEASURE.replace("จัดทำคู่มือและเผยแพร่", "ผู้ร้องเรียน (ปกปิดข้อมูล)")
    (repo / "content/ita/2568/measures/a.md").write_text(redacted, "utf-8")
    assert git(repo, "commit", "-q", "-m", "still staged").returncode != 0
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "fixed").returncode == 0
