"""The command line in Thai: every subcommand's --help with an example, argparse's own words in
Thai, and `check --content` on a folder that is not a content tree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.cli.main import build_parser
from tests.conftest import GOOD_MEASURE, REPO

ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help message")


def _run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args], cwd=cwd, capture_output=True, text=True
    )


def _commands() -> list[list[str]]:
    """Every command and sub-command path, found from the parser itself."""
    found: list[list[str]] = []

    def walk(parser, path: list[str]) -> None:
        for action in parser._actions:
            choices = getattr(action, "choices", None)
            if isinstance(choices, dict):
                for name, child in choices.items():
                    found.append([*path, name])
                    walk(child, [*path, name])

    walk(build_parser(), [])
    return found


def test_the_command_list_is_complete() -> None:
    names = {" ".join(path) for path in _commands()}
    assert {"check", "import", "new", "new-year", "catalogue", "catalogue new"} <= names


@pytest.mark.parametrize("command", [" ".join(path) for path in _commands()])
def test_every_help_is_thai_with_an_example(command: str) -> None:
    run = _run(*command.split(), "--help")
    assert run.returncode == 0, run.stderr
    text = run.stdout
    assert text.startswith("วิธีใช้: python -m site_builder " + command)
    assert "ตัวเลือก:" in text and "แสดงวิธีใช้นี้แล้วจบ" in text
    for english in ARGPARSE_ENGLISH:
        assert english not in text, english
    if command != "catalogue":  # a group: its one action carries the example
        assert "ตัวอย่าง (example):" in text
        assert re.search(r"^  python -m site_builder " + re.escape(command), text, re.M), text
    # A Thai description of what the command does, beyond the one-line summary.
    description = text.split("\n\n")[1]
    assert re.search("[\u0e01-\u0e5b]", description), description


def test_top_level_help_lists_the_commands_in_thai() -> None:
    text = _run("--help").stdout
    assert text.startswith("วิธีใช้: python -m site_builder [-h] COMMAND ...")
    assert "คำสั่ง (commands):" in text and "new-year" in text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["import", "report.txt"],
            "python -m site_builder import: ผิดพลาด: ต้องระบุ --year (required: --year)",
        ),
        (
            ["import", "report.txt", "--year", "2568"],
            "python -m site_builder import: ผิดพลาด: ต้องระบุอย่างใดอย่างหนึ่ง: --out --into "
            "(one of --out --into is required)",
        ),
        (
            ["check", "--bogus"],
            "python -m site_builder: ผิดพลาด: ไม่รู้จัก --bogus (unrecognized: --bogus)",
        ),
        (
            ["new-year", "abc"],
            "python -m site_builder new-year: ผิดพลาด: FY: ปีงบประมาณต้องเป็นปี พ.ศ. 4 หลัก "
            "เช่น 2568 ได้ “abc” (fiscal year must be a BE year such as 2568)",
        ),
        (
            ["check", "--content"],
            "python -m site_builder check: ผิดพลาด: --content: ต้องมีค่าตามหลัง "
            "(--content expects a value)",
        ),
    ],
)
def test_argparse_errors_are_thai(args: list[str], expected: str) -> None:
    run = _run(*args)
    assert run.returncode == 2
    lines = run.stderr.splitlines()
    assert lines[0].startswith("วิธีใช้: ")
    assert lines[-1] == expected
    assert "error:" not in run.stderr and "usage:" not in run.stderr


def test_an_unknown_command_is_named_in_thai() -> None:
    last = _run("bogus").stderr.splitlines()[-1]
    assert last.startswith("python -m site_builder: ผิดพลาด: COMMAND: ไม่มีคำสั่งหรือค่า 'bogus'")
    assert last.endswith("(invalid choice 'bogus')")


def test_check_on_an_import_folder_says_so_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "imported"
    out.mkdir()
    for number in range(5):
        (out / f"measure-{number}.md").write_text(GOOD_MEASURE, "utf-8")
    run = _run("check", "--content", str(out), cwd=tmp_path)
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        f"{out}: ไม่ใช่โฟลเดอร์เนื้อหา: ดูเหมือนโฟลเดอร์ระเบียนมาตรการ (เช่น ที่ import เขียน) "
        "ให้ย้ายไฟล์ไปไว้ที่ content/ita/<ปี>/measures/ หรือนำเข้าด้วย "
        "--out content/ita/<ปี>/measures แล้วตรวจ content (not a content folder: it looks like "
        "a folder of measure records (an import's output): move them to "
        "content/ita/<fy>/measures/, then check content)"
    ]
    assert run.stderr == ""


def test_check_on_a_year_folder_points_at_the_content_folder() -> None:
    run = _run("check", "--content", "content/ita/2568")
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        "content/ita/2568: ไม่ใช่โฟลเดอร์เนื้อหา: นี่คือโฟลเดอร์ปีงบประมาณ "
        "ให้ตรวจโฟลเดอร์ที่มี ita/2568/ อยู่ข้างใน (not a content folder: this is a "
        "fiscal-year folder; check the folder that holds ita/<fy>/)"
    ]


def test_a_site_with_free_pages_only_is_still_checked(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/index.md").write_text("# หน้าแรก\n", "utf-8")
    run = _run("check", cwd=tmp_path)
    assert run.returncode == 0 and run.stdout == ""
