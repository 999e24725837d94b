"""The Thai damage of text extraction, repaired and reported: unit cases and a whole report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.importer import import_report
from site_builder.importer.thai_repair import mark_placement_repair, repair_text
from tests.test_importer import NONGBUA, load_records, run_cli

# damaged text (as extraction gives it) → (repaired text, kinds of the repairs made)
CASES: dict[str, tuple[str, str, list[str]]] = {
    "SARA AM doubled": ("ดำาเนินการ", "ดำเนินการ", ["sara-am"]),
    "SARA AM as NIKHAHIT + SARA AA": ("ดําเนินการ", "ดำเนินการ", ["sara-am"]),
    "tone mark inside a split SARA AM": ("น\u0e4d\u0e49\u0e32", "น\u0e49\u0e33", ["sara-am"]),
    "tone mark before the upper vowel": ("ท\u0e48\u0e35", "ที่", ["mark-order"]),
    "tone mark before the lower vowel": ("ผ\u0e49\u0e39", "ผู้", ["mark-order"]),
    # Windows PUA: shifted-down MAI THO (F70B) and MAI EK (F70A), shifted-left SARA I (F701).
    "PUA shifted-down tone marks": ("เจ\uf70bาหน\uf70bาที\uf70a", "เจ้าหน้าที่", ["pua"] * 3),
    "PUA shifted-left vowel": ("ป\uf701ด", "ปิด", ["pua"]),
    "PUA down-left tone on an ascender": ("ป\uf705า", "ป่า", ["pua"]),
    "PUA descender-less YO YING and THO THAN": ("\uf70fา\uf700าน", "ญาฐาน", ["pua", "pua"]),
    "Mac PUA": ("ก\uf88bอน", "ก่อน", ["pua"]),
    "SARA UU read as MAI THO": ("ผ้้รับผิดชอบ", "ผู้รับผิดชอบ", ["mark-doubled"]),
    "SARA U read as MAI THO": ("ก้้ง", "กุ้ง", ["mark-doubled"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_kind_of_damage_is_repaired_and_reported(name: str) -> None:
    damaged, expected, kinds = CASES[name]
    text, repairs = repair_text(f"มี{damaged} แล้ว")
    assert text == f"มี{expected} แล้ว"
    assert [repair.kind for repair in repairs] == kinds
    assert all(repair.routine for repair in repairs)
    assert all(repair.before != repair.after for repair in repairs)


def test_clean_text_is_left_alone() -> None:
    for text in ("ดำเนินการ ผู้รับผิดชอบ เจ้าหน้าที่ ๑๐๐", "E-Service o10", "ที่ มท ๐๘๐๘.๒/ว ๑๒๓๔"):
        assert repair_text(text) == (text, [])


def test_a_doubled_mark_no_vowel_repairs_is_left_to_a_person() -> None:
    text, [repair] = repair_text("ฮ้้")
    assert text == "ฮ้้"
    assert repair.kind == "mark-doubled-unsure" and not repair.routine
    assert "โปรดแก้เอง" in repair.thai


@dataclass
class Glyph:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


def test_a_mark_drawn_after_later_letters_goes_back_over_its_letter() -> None:
    # As LibreOffice draws "ฤทธิ์ในการ": the THANTHAKHAT comes last, positioned over ธ.
    line = [
        Glyph("ฤ", 738.8, 166.9, 743.2, 174.1),
        Glyph("ท", 744.5, 166.9, 749.3, 172.2),
        Glyph("ธ", 750.6, 166.9, 755.1, 172.2),
        Glyph("ิ", 750.2, 164.3, 754.2, 166.3),
        Glyph("ใ", 755.0, 163.0, 758.5, 172.2),
        Glyph("น", 759.0, 166.9, 764.7, 172.2),
        Glyph(" ", 779.0, 172.2, 779.0, 172.2),
        Glyph("์", 753.1, 160.5, 756.0, 163.3),
    ]
    moved, [repair] = mark_placement_repair(line, page=3)
    assert "".join(glyph.text for glyph in moved) == "ฤทธิ์ใน "
    assert repair.kind == "mark-placement" and repair.page == 3
    # Marks over the letter just before them stay where they are.
    again, none = mark_placement_repair(moved, page=3)
    assert again == moved and none == []


# --- a whole report with the damage, through the command line ---------------------------------

DAMAGE = {
    "ดำเนินการ": "ดำาเนินการ",
    "ผู้รับผิดชอบ": "ผ้้รับผิดชอบ",
    "ที่": "ท\u0e48\u0e35",
    # Windows PUA: MAI THO shifted down.
    "ให้": "ให\uf70b",
    "ได้": "ได\uf70b",
}


def test_a_damaged_report_gives_the_clean_records_and_counts_each_repair(tmp_path: Path) -> None:
    text = NONGBUA.read_text("utf-8")
    damaged = text
    for clean, broken in DAMAGE.items():
        damaged = damaged.replace(clean, broken)
    assert damaged != text
    (tmp_path / "damaged.txt").write_text(damaged, "utf-8")
    import_report(NONGBUA, 2568, tmp_path / "clean")
    result = import_report(tmp_path / "damaged.txt", 2568, tmp_path / "repaired")

    clean, repaired = load_records(tmp_path / "clean"), load_records(tmp_path / "repaired")
    assert repaired.keys() == clean.keys()
    for key, (_, record, body) in clean.items():
        assert repaired[key][1] == record, key
        assert repaired[key][2] == body, key
    expected = sum(damaged.count(broken) for broken in DAMAGE.values())
    assert len(result.repairs) >= expected > 0
    damaged_lines = damaged.split("\n")
    for repair in result.repairs:
        # Each repair names the report line it was made on.
        assert any(
            re.sub(r"\s", "", piece) in re.sub(r"\s", "", damaged_lines[repair.line - 1])
            for piece in [repair.before[:3]]
        ), repair

    run = run_cli("import", "damaged.txt", "--year", "2568", "--out", "cli", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    summary = run.stderr.splitlines()[-1]
    assert summary.startswith("damaged.txt: ซ่อมตามปกติ ")
    assert "สระอำซ้ำหรือแยกเป็นสองตัว" in summary and "รหัส PUA" in summary
    verbose = run_cli(
        "import", "damaged.txt", "--year", "2568", "--out", "cli2", "--verbose", cwd=tmp_path
    )
    listed = [line for line in verbose.stderr.splitlines() if "ผ้้รับผิด" in line]
    assert len(listed) == damaged.count("ผ้้รับผิดชอบ")
    for line in listed:
        assert re.match(r"damaged\.txt:[0-9]+: คำเตือน: เครื่องหมายซ้ำ", line), line
        assert "ผู้รับผิด" in line, line
