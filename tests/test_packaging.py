"""A plain `pip install .` (not editable) carries everything the tool reads at run time: the
hooks (package data of site_builder.publish), the catalogues and the page templates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOOD_MEASURE, REPO, YEAR_YML, write_tree


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("installed")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--target", str(target), str(REPO)],
        check=True,
        timeout=300,
    )  # fmt: skip
    return target


def run(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The installed copy first on the path, run from a folder that is not this repository.
    env = {**os.environ, "PYTHONPATH": str(installed)}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_installed_package_is_the_one_run(installed: Path, tmp_path: Path) -> None:
    found = run(installed, tmp_path, "-c", "import site_builder; print(site_builder.__file__)")
    assert found.stdout.strip().startswith(str(installed))


def test_hooks_install_from_the_installed_package(installed: Path, tmp_path: Path) -> None:
    bare = tmp_path / "site.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    done = run(installed, tmp_path, "-m", "site_builder", "install-hooks", "--bare", str(bare),
               "--target", str(tmp_path / "www"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    for hook in ("pre-receive", "post-receive"):
        shipped = installed / "site_builder" / "publish" / "hooks" / hook
        assert (bare / "hooks" / hook).read_bytes() == shipped.read_bytes()
    clone = tmp_path / "clone"
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    done = run(
        installed, tmp_path, "-m", "site_builder", "install-pre-commit", "--repo", str(clone)
    )
    assert done.returncode == 0, done.stderr
    assert (clone / ".git/hooks/pre-commit").is_file()


def test_check_reads_the_installed_catalogue(installed: Path, tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "content/ita/2568/year.yml": YEAR_YML,
            "content/ita/2568/measures/manual.md": GOOD_MEASURE,
        },
    )
    done = run(installed, tmp_path, "-m", "site_builder", "check")
    assert (done.returncode, done.stdout) == (0, ""), done.stderr
