"""Install the pre-commit hook (hooks/pre-commit) into a working clone.

The personal-data tripwire must run before a commit exists: once pushed, a national ID number is
in the server's history even if the push is refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from site_builder.publish.errors import PublishError

HOOK = "pre-commit"


def install_pre_commit(repo: Path, python: str | None = None) -> Path:
    """Copy hooks/pre-commit into the clone's hooks folder; record the interpreter to use."""
    source = Path(__file__).resolve().parent / "hooks" / HOOK
    if not source.is_file():
        raise PublishError("ไม่พบไฟล์ hooks/pre-commit", "hooks/pre-commit not found")
    run = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--git-path", "hooks"],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise PublishError(
            f"{repo} ไม่ใช่ที่เก็บ git (ใช้ git clone หรือ git init ก่อน)",
            f"{repo} is not a git repository",
        )
    hooks = Path(repo) / run.stdout.strip()
    hooks.mkdir(parents=True, exist_ok=True)
    tmp = hooks / f".{HOOK}.tmp"
    shutil.copyfile(source, tmp)
    tmp.chmod(0o755)
    os.replace(tmp, hooks / HOOK)
    # sys.executable as it is: resolving the symlink would leave the virtual environment.
    interpreter = python or os.path.abspath(sys.executable)
    subprocess.run(["git", "-C", str(repo), "config", "ita.python", interpreter], check=True)
    return hooks / HOOK
