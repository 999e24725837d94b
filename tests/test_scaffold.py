"""`new`, `new-year` and `catalogue new` on fresh folders, followed by a real `check` and build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, env=ENV
    )


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    # pyproject lists packages by hand (the theme sits outside site_builder/): a new sub-package
    # that is not listed would be missing from the installed tool.
    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(path.parent.relative_to(REPO).parts)
        for path in (REPO / "site_builder").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert found | {"site_builder.theme"} == listed


def test_new_project_checks_and_builds_with_this_installation(tmp_path: Path) -> None:
    made = _run(
        "site_builder",
        "new",
        "ita-site",
        "--agency",
        "เทศบาลตำบลทดลอง [หนึ่ง] *ตัวอย่าง*",
        "--site-url",
        "https://ita.example.go.th",
        "--year",
        "2570",
        cwd=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    project = tmp_path / "ita-site"
    names = set(_files(project))
    assert {
        "mkdocs.yml",
        "README.md",
        ".gitignore",
        "requirements.txt",
        ".github/workflows/site.yml",
        ".gitlab-ci.yml",
        "content/index.md",
        "content/ita/2570/year.yml",
        "ita-2570-checklist.md",
    } <= names
    # Content and configuration only: no copy of the tool, which is one pinned requirement.
    assert not [name for name in names if name.endswith(".py") or name.startswith("theme/")]
    requirements = (project / "requirements.txt").read_text("utf-8").splitlines()
    tool_lines = [line for line in requirements if line.startswith("site-builder")]
    assert len(tool_lines) == 1 and ("@" in tool_lines[0] or "==" in tool_lines[0])
    assert "mkdocs==1.6.1" in requirements and "mkdocs-material==9.8.1" in requirements
    assert 'site_url: "https://ita.example.go.th/"' in (project / "mkdocs.yml").read_text()

    checked = _run("site_builder", "check", "--strict", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""
    built = _run("mkdocs", "build", "--strict", cwd=project)
    assert built.returncode == 0, built.stderr
    site = project / "site"
    table = (site / "ita/2570/index.html").read_text("utf-8")
    assert "โครงสร้าง" in table and "o35" in table
    home = (site / "index.html").read_text("utf-8")
    # The name is text on the home page (no Markdown made of it); the ita theme's search is on.
    assert '<h1 id="_1">เทศบาลตำบลทดลอง [หนึ่ง] *ตัวอย่าง*</h1>' in home
    assert "data-ita-search" in home
    assert (site / "assets/ita.css").is_file() and (site / "assets/fonts").is_dir()
    for page in site.rglob("*.html"):
        assert "fonts.googleapis" not in page.read_text("utf-8"), page


def test_new_refuses_markup_in_the_agency_name(tmp_path: Path) -> None:
    # Material prints site_name unescaped, so the name must never carry markup.
    run = _run("site_builder", "new", "x", "--agency", "อบต.<b>ตัวอย่าง</b>", cwd=tmp_path)
    assert run.returncode == 1 and "--agency ต้องเป็นชื่อหน่วยงานหนึ่งบรรทัด" in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old/notes.txt").write_text("ของเดิม", "utf-8")
    run = _run("site_builder", "new", "old", "--agency", "อบต.ตัวอย่าง", cwd=tmp_path)
    assert run.returncode == 1
    assert "โฟลเดอร์นี้มีไฟล์อยู่แล้ว" in run.stderr and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old"]
    assert [p.name for p in (tmp_path / "old").iterdir()] == ["notes.txt"]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path


def test_new_year_carries_forward_and_checks_clean(demo: Path) -> None:
    before = _files(demo / "content")
    run = _run("site_builder", "new-year", "2569", cwd=demo)
    assert run.returncode == 0, run.stderr
    year = demo / "content/ita/2569"
    assert (year / "year.yml").read_text("utf-8").endswith("catalogue: ita-2568\n")
    # Marked carry_forward in the catalogue: copied with attachments; dated items start empty.
    assert (year / "o1/structure-chart.pdf").read_bytes() == (
        demo / "content/ita/2568/o1/structure-chart.pdf"
    ).read_bytes()
    assert (year / "o4/index.md").is_file()
    assert not (year / "o14").exists() and not (year / "measures").exists()
    checklist = (demo / "ita-2569-checklist.md").read_text("utf-8")
    assert "- [ ] **o14** รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ" in checklist
    assert "**o1** โครงสร้าง" in checklist.split("## ต้องกรอก")[0]
    # Nothing of 2568 changed.
    after = _files(demo / "content")
    assert {k: v for k, v in after.items() if not k.startswith("ita/2569/")} == before

    checked = _run("site_builder", "check", "--strict", cwd=demo)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "ปีงบประมาณ 2568, 2569" in checked.stderr

    # A second run overwrites nothing and says so.
    snapshot = _files(demo)
    again = _run("site_builder", "new-year", "2569", cwd=demo)
    assert again.returncode == 1 and "ไม่เขียนทับ" in again.stderr
    assert _files(demo) == snapshot


def test_new_year_without_the_previous_year_names_the_years_there(demo: Path) -> None:
    run = _run("site_builder", "new-year", "2571", cwd=demo)
    assert run.returncode == 1
    assert "ไม่พบปีงบประมาณต้นทาง 2570 (มี 2568)" in run.stderr
    assert not (demo / "content/ita/2571").exists()


def test_catalogue_new_writes_a_valid_catalogue_a_year_can_use(demo: Path) -> None:
    run = _run("site_builder", "catalogue", "new", "ita-2570", "--from", "ita-2568", cwd=demo)
    assert run.returncode == 0, run.stderr
    written = (demo / "catalogues/ita-2570.yml").read_text("utf-8")
    assert "\nid: ita-2570\n" in written and "ปีงบประมาณ พ.ศ. 2570" in written
    assert [p.name for p in (demo / "catalogues").iterdir()] == ["ita-2570.yml"]
    started = _run(
        "site_builder", "new-year", "2570", "--from", "2568", "--catalogue", "ita-2570", cwd=demo
    )
    assert started.returncode == 0, started.stderr
    checked = _run("site_builder", "check", cwd=demo)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    again = _run("site_builder", "catalogue", "new", "ita-2570", "--from", "ita-2568", cwd=demo)
    assert again.returncode == 1 and "ไม่เขียนทับ" in again.stderr


def test_catalogue_new_refuses_a_source_that_does_not_validate(demo: Path) -> None:
    broken = demo / "mine"
    broken.mkdir()
    text = (REPO / "site_builder/records/catalogues/ita-2568.yml").read_text("utf-8")
    (broken / "broken.yml").write_text(text.replace("  - code: o2\n", "  - code: o1\n"), "utf-8")
    run = _run(
        "site_builder",
        "catalogue",
        "new",
        "x-2570",
        "--from",
        "broken",
        "--catalogues",
        "mine",
        cwd=demo,
    )
    assert run.returncode == 1
    assert "รหัส o1 ซ้ำ" in run.stderr and "Traceback" not in run.stderr
    assert not (demo / "catalogues").exists() or not list((demo / "catalogues").iterdir())
