"""`check` on real files: one precise message per mistake, all mistakes in one run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.records.problems import Severity
from site_builder.rules.check import run_check
from tests.conftest import GOOD_MEASURE, REPO

M = "content/ita/2568/measures"

# name → (files, expected problem "path:line: message"), one mistake each.
CASES: dict[str, tuple[dict[str, str | bytes], str]] = {
    "yaml syntax error": (
        {f"{M}/a.md": "---\ntitle: [ไม่ปิด\narea: 1\n---\n"},
        f"{M}/a.md:3: รูปแบบ YAML ไม่ถูกต้อง ต่อเนื่องจากบรรทัด 2 "
        "(YAML syntax error: expected ',' or ']', but got ':' (started at line 2))",
    ),
    "tab indent": (
        {f"{M}/a.md": GOOD_MEASURE.replace("  - มีคู่มือ", "\t- มีคู่มือ")},
        f"{M}/a.md:7: ใช้แท็บ (Tab) ย่อหน้าไม่ได้ ให้ใช้ช่องว่างแทน (tab used for indentation; use spaces)",
    ),
    "unquoted colon": (
        {f"{M}/a.md": GOOD_MEASURE.replace("responsible: สำนักปลัดเทศบาล", "responsible: กอง: คลัง")},
        f'{M}/a.md:5: ค่ามีเครื่องหมาย ": " อยู่ข้างใน ให้ครอบค่านั้นด้วยเครื่องหมายคำพูด "..." '
        '(a value contains ": "; put the value in quotes)',
    ),
    "duplicate key": (
        {f"{M}/a.md": GOOD_MEASURE.replace("area: 1\n", "area: 1\narea: 2\n")},
        f'{M}/a.md:4: คีย์ "area" ซ้ำกับบรรทัด 3 (duplicate key "area" (first at line 3))',
    ),
    "unknown key": (
        {f"{M}/a.md": GOOD_MEASURE.replace("title:", "tittle:")},
        f'{M}/a.md:2: ไม่รู้จักคีย์ "tittle" หมายถึง "title" หรือไม่ '
        '(unknown key "tittle", did you mean "title"?)',
    ),
    "missing key": (
        {f"{M}/a.md": GOOD_MEASURE.replace("responsible: สำนักปลัดเทศบาล\n", "")},
        f'{M}/a.md:2: ขาดคีย์ที่ต้องมี "responsible" (missing required key "responsible")',
    ),
    "wrong type": (
        {f"{M}/a.md": GOOD_MEASURE.replace("title: จัดทำคู่มือการปฏิบัติงาน", "title:\n  - ก\n  - ข")},
        f"{M}/a.md:2: title: ต้องเป็นข้อความ (title: must be text)",
    ),
    "unknown indicator": (
        {f"{M}/a.md": GOOD_MEASURE.replace("indicator: o10", "indicator: o99")},
        f"{M}/a.md:9: outcomes[1].indicator: ไม่มีตัวชี้วัด o99 ในเกณฑ์ ita-2568 "
        "(outcomes[1].indicator: o99 is not in catalogue ita-2568)",
    ),
    "unknown area": (
        {f"{M}/a.md": GOOD_MEASURE.replace("area: 1", "area: ๙")},
        f"{M}/a.md:3: area: ไม่มีประเด็นที่ 9 ในเกณฑ์ ita-2568 (มี 1, 2, 3, 4, 5, 6, 7) "
        "(area: no area 9 in catalogue ita-2568 (known: 1, 2, 3, 4, 5, 6, 7))",
    ),
    "impossible date": (
        {
            "content/ita/2568/o5/index.md": (
                "---\ndocuments:\n  - title: ข่าว\n    url: https://example.go.th/a\n"
                "    date: 31 ก.พ. 2568\n---\nข่าว\n"
            )
        },
        "content/ita/2568/o5/index.md:5: documents[1].date: ",
    ),
    "conflicting scores": (
        {
            f"{M}/a.md": GOOD_MEASURE,
            f"{M}/b.md": GOOD_MEASURE.replace("score: 100", "score: ๙๙.๕"),
        },
        f"{M}/b.md:10: outcomes[1].score: คะแนน o10 = 99.5 ขัดกับ 100 ที่ {M}/a.md:9 "
        f"(outcomes[1].score: o10 scored 99.5 here but 100 in {M}/a.md:9)",
    ),
    "missing attachment": (
        {
            "content/ita/2568/o1/index.md": (
                "---\ndocuments:\n  - title: แผนผัง\n    file: chart.pdf\n---\nโครงสร้าง\n"
            )
        },
        'content/ita/2568/o1/index.md:4: documents[1].file: ไม่พบไฟล์แนบ "chart.pdf" '
        '(documents[1].file: attachment "chart.pdf" not found)',
    ),
    "alias": (
        {
            f"{M}/a.md": GOOD_MEASURE.replace("title: จัดทำ", "title: &t จัดทำ").replace(
                "responsible: สำนักปลัดเทศบาล", "responsible: *t"
            )
        },
        f"{M}/a.md:2: ไม่รองรับ anchor (&) (anchors (&) are not allowed)",
    ),
    "alias only": (
        {f"{M}/a.md": GOOD_MEASURE.replace("responsible: สำนักปลัดเทศบาล", "responsible: *t")},
        f"{M}/a.md:5: ",
    ),
    "not utf-8": (
        {f"{M}/a.md": GOOD_MEASURE.encode("cp874")},
        f"{M}/a.md:2: ไฟล์ไม่ได้บันทึกเป็น UTF-8 (น่าจะบันทึกเป็น TIS-620 / Windows-874 (Thai Windows)) "
        "ให้บันทึกใหม่เป็น UTF-8 (file is not UTF-8, probably TIS-620 / Windows-874; save it as UTF-8)",
    ),
}


def _lines(root: Path) -> list[str]:
    result = run_check(root / "content", root)
    return [str(problem) for problem in result.problems]


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_gives_exactly_one_message(site, name: str) -> None:
    files, expected = CASES[name]
    lines = _lines(site(files))
    assert len(lines) == 1, lines
    assert lines[0].startswith(expected), (lines[0], expected)


def test_all_mistakes_in_one_run(site) -> None:
    # Each case in its own file (ids a0, a1, ...; items o1, o5 once each), all checked together.
    files: dict[str, str | bytes] = {}
    expected: list[str] = []
    for number, (name, (case_files, line)) in enumerate(CASES.items()):
        if name in {"missing attachment", "impossible date"}:
            files.update(case_files)
            expected.append(line)
            continue
        renames = {f"{M}/a.md": f"{M}/a{number}.md", f"{M}/b.md": f"{M}/b{number}.md"}
        for path, data in case_files.items():
            files[renames[path]] = data
        for old, new in renames.items():
            line = line.replace(old, new)
        expected.append(line)
    lines = _lines(site(files))
    # The conflicting-score case now conflicts with every other good o10 = 100 too: one message.
    assert len(lines) == len(expected), "\n".join(lines)
    for prefix in expected:
        assert any(line.startswith(prefix) for line in lines), prefix


def test_values_stay_text(site) -> None:
    measure = GOOD_MEASURE.replace("title: จัดทำคู่มือการปฏิบัติงาน", "title: no").replace(
        "responsible: สำนักปลัดเทศบาล", "responsible:\n  - 010\n  - '12:30'\n  - 12:30\n  - off"
    )
    root = site({f"{M}/a.md": measure})
    result = run_check(root / "content", root)
    assert [str(p) for p in result.problems] == []
    record = result.content.years[2568].measures[0].record
    assert record.title == "no"
    assert record.responsible == ["010", "12:30", "12:30", "off"]


def test_bom_and_crlf_read_like_lf(site) -> None:
    crlf = "\ufeff" + GOOD_MEASURE.replace("\n", "\r\n")
    cr = GOOD_MEASURE.replace("\n", "\r")
    root = site({f"{M}/a.md": GOOD_MEASURE, f"{M}/b.md": crlf, f"{M}/c.md": cr})
    result = run_check(root / "content", root)
    measures = result.content.years[2568].measures
    assert [m.id for m in measures] == ["a", "b", "c"]
    assert measures[0].record == measures[1].record == measures[2].record
    assert measures[0].body == measures[1].body == measures[2].body


def test_period_outside_fiscal_year_is_a_warning(site) -> None:
    root = site({f"{M}/a.md": GOOD_MEASURE.replace("ม.ค. - มี.ค. ๒๕๖๘", "ม.ค. - มี.ค. ๒๕๖๙")})
    problems = run_check(root / "content", root).problems
    assert [(p.severity, p.line) for p in problems] == [(Severity.WARNING, 4)]
    assert "อยู่นอกปีงบประมาณ 2568" in str(problems.items[0])


def test_cli_exit_codes_and_output(site) -> None:
    root = site({f"{M}/a.md": GOOD_MEASURE.replace("title:", "tittle:")})
    run = subprocess.run(
        [sys.executable, "-m", "site_builder", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        f'{M}/a.md:2: ไม่รู้จักคีย์ "tittle" หมายถึง "title" หรือไม่ '
        '(unknown key "tittle", did you mean "title"?)'
    ]
    assert "ข้อผิดพลาด 1 รายการ" in run.stderr
    assert "Traceback" not in run.stderr


def test_demo_content_passes_check() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "site_builder", "check", "--strict"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert run.stdout == ""
    assert run.returncode == 0, run.stderr
    result = run_check(REPO / "content", REPO)
    assert len(result.content.years[2568].measures) == 19
