"""`check` on real files: one precise message per mistake, all mistakes in one run."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from site_builder.records.problems import Severity
from site_builder.rules.check import run_check
from tests.conftest import GOOD_MEASURE, REPO
from tests.hostile.pdf import make_pdf

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
        f"{M}/a.md:9: ผลลัพธ์ลำดับที่ 1 ช่อง indicator: ไม่มีตัวชี้วัด o99 ในเกณฑ์ ita-2568 "
        "(outcome 1, field indicator: o99 is not in catalogue ita-2568)",
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
        "content/ita/2568/o5/index.md:5: เอกสารลำดับที่ 1 ช่อง date: ",
    ),
    "conflicting scores": (
        {
            f"{M}/a.md": GOOD_MEASURE,
            f"{M}/b.md": GOOD_MEASURE.replace("score: 100", "score: ๙๙.๕"),
        },
        f"{M}/b.md:10: ผลลัพธ์ลำดับที่ 1 ช่อง score: คะแนน o10 = 99.5 ขัดกับ 100 ที่ {M}/a.md:9 "
        f"(outcome 1, field score: o10 scored 99.5 here but 100 in {M}/a.md:9)",
    ),
    "missing attachment": (
        {
            "content/ita/2568/o1/index.md": (
                "---\ndocuments:\n  - title: แผนผัง\n    file: chart.pdf\n---\nโครงสร้าง\n"
            )
        },
        'content/ita/2568/o1/index.md:4: เอกสารลำดับที่ 1 ช่อง file: ไม่พบไฟล์แนบ "chart.pdf" '
        '(document 1, field file: attachment "chart.pdf" not found)',
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
    "indentation": (
        {
            "content/ita/2568/o6/index.md": (
                "---\ndocuments:\n  - title: ข่าว\n     url: https://example.go.th/a\n---\nข่าว\n"
            )
        },
        'content/ita/2568/o6/index.md:4: ย่อหน้าไม่ตรงกัน: "url" ต้องเริ่มตรงกับ "title" '
        "ในบรรทัด 3 (เว้นวรรคหน้า 4 ช่อง) ใช้ช่องว่างเท่านั้น ไม่ใช้แท็บ "
        '(indentation: "url" must line up with "title" on line 3 (4 spaces before it; '
        "spaces only, no tabs))",
    ),
    "missing colon": (
        {f"{M}/a.md": GOOD_MEASURE.replace("area: 1", "area 1")},
        f'{M}/a.md:3: บรรทัดนี้ไม่มีเครื่องหมาย ":" หลังชื่อคีย์ "area" ให้เขียนเป็น area: 1 '
        '(no ":" after the key "area"; write it as area: 1)',
    ),
    "full-width colon": (
        {f"{M}/a.md": GOOD_MEASURE.replace("area: 1", "area： 1")},
        f'{M}/a.md:3: เครื่องหมาย "：" เป็นโคลอนแบบเต็มความกว้าง ให้ลบแล้วพิมพ์ ":" '
        'ของแป้นภาษาอังกฤษ เช่น area: 1 (a full-width colon "："; type the ASCII ":" instead: '
        "area: 1)",
    ),
    "quotes inside": (
        {
            f"{M}/a.md": GOOD_MEASURE.replace(
                "title: จัดทำคู่มือการปฏิบัติงาน", 'title: "โครงการ "ใสสะอาด" ปี 2568"'
            )
        },
        f'{M}/a.md:2: ค่านี้ขึ้นต้นด้วยเครื่องหมายคำพูด " จึงจบที่เครื่องหมาย " ตัวถัดไป '
        "ข้อความหลังจากนั้นจึงผิดรูปแบบ ถ้าต้องการเครื่องหมายคำพูดในข้อความ "
        "ให้ครอบทั้งค่าด้วย ' แทน เช่น title: 'โครงการ \"ใสสะอาด\" ปี 2568' "
        '(the value starts with ", so it ends at the next "; to keep quotes inside the text, '
        "wrap the whole value in ' instead: title: 'โครงการ \"ใสสะอาด\" ปี 2568')",
    ),
    "missing key in a list entry": (
        {
            "content/ita/2568/o9/index.md": (
                "---\ndocuments:\n  - url: https://example.go.th/a\n---\nข่าว\n"
            )
        },
        'content/ita/2568/o9/index.md:3: เอกสารลำดับที่ 1 ขาดคีย์ที่ต้องมี "title" '
        '(missing required key "title" in document 1)',
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
        if name in {
            "missing attachment",
            "impossible date",
            "indentation",
            "missing key in a list entry",
        }:
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


def test_mistyped_and_future_dates_are_warnings_on_their_lines(site, monkeypatch) -> None:
    # The commit's time: 1 May 2025 (2568), in Thailand's time zone.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1746057600")
    record = (
        "---\nupdated: 15 ต.ค. 2657\ndocuments:\n"
        "  - title: ข่าว\n    url: https://example.go.th/a\n    date: 5 เม.ย. 2658\n"
        "  - title: ข่าวเก่า\n    url: https://example.go.th/b\n    date: 1 ก.ย. 2565\n"
        "  - title: ข่าวหน้า\n    url: https://example.go.th/c\n    date: 2 พ.ค. 2568\n"
        "  - title: ข่าววันนี้\n    url: https://example.go.th/d\n    date: 1 พ.ค. 2568\n"
        "---\nข่าว\n"
    )
    root = site({"content/ita/2568/o5/index.md": record})
    result = run_check(root / "content", root)
    assert [str(p) for p in result.problems] == [
        "content/ita/2568/o5/index.md:2: คำเตือน: updated: วันที่ 15 ต.ค. 2657 เลยสิ้นปีงบประมาณ "
        "2568 ไปเกิน 1 ปี พิมพ์ปี พ.ศ. ผิดหรือไม่ (warning: updated: 2114-10-15 is more than 1 "
        "year after fiscal year 2568 ends; is the year mistyped?)",
        "content/ita/2568/o5/index.md:6: คำเตือน: เอกสารลำดับที่ 1 ช่อง date: วันที่ 5 เม.ย. 2658 "
        "เลยสิ้นปีงบประมาณ 2568 ไปเกิน 1 ปี พิมพ์ปี พ.ศ. ผิดหรือไม่ (warning: document 1, field "
        "date: 2115-04-05 is more than 1 year after fiscal year 2568 ends; is the year mistyped?)",
        "content/ita/2568/o5/index.md:9: คำเตือน: เอกสารลำดับที่ 2 ช่อง date: วันที่ 1 ก.ย. 2565 "
        "อยู่ก่อนเริ่มปีงบประมาณ 2568 เกิน 2 ปี พิมพ์ปี พ.ศ. ผิดหรือไม่ (warning: document 2, "
        "field date: 2022-09-01 is more than 2 years before fiscal year 2568 starts; "
        "is the year mistyped?)",
        "content/ita/2568/o5/index.md:12: คำเตือน: เอกสารลำดับที่ 3 ช่อง date: วันที่ 2 พ.ค. 2568 "
        "ยังไม่มาถึง (หลังเวลาของ commit 1 พ.ค. 2568) (warning: document 3, field date: "
        "2025-05-02 is after the commit's time (2025-05-01))",
    ]
    assert not result.failed() and result.failed(strict=True)


def test_old_dates_are_fine_where_evidence_is_not_of_one_year(site, monkeypatch) -> None:
    # A plan dated when its period starts; a code of ethics (period "any") years old. (An old
    # date on dated evidence, o5 news, warns: see the test above.)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1746057600")
    plan = (
        "---\ndocuments:\n  - title: แผนพัฒนา\n    url: https://example.go.th/plan\n"
        "    date: 30 ก.ย. 2563\n    period: ต.ค. 2563 - ก.ย. 2570\n---\nแผน\n"
    )
    ethics = plan.replace("แผนพัฒนา", "ประมวลจริยธรรม").replace(
        "    period: ต.ค. 2563 - ก.ย. 2570\n", ""
    )
    root = site({"content/ita/2568/o7/index.md": plan, "content/ita/2568/o20/index.md": ethics})
    assert [str(p) for p in run_check(root / "content", root).problems] == []


def test_the_commit_time_is_the_reference_without_source_date_epoch(site, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    record = (
        "---\ndocuments:\n  - title: ข่าว\n    url: https://example.go.th/a\n"
        "    date: 2 พ.ค. 2568\n---\nข่าว\n"
    )
    root = site({"content/ita/2568/o5/index.md": record})
    env = {
        "GIT_AUTHOR_DATE": "2025-05-01T12:00:00+07:00",
        "GIT_COMMITTER_DATE": "2025-05-01T12:00:00+07:00",
    }
    for command in (
        ["git", "init", "-q"],
        ["git", "add", "-A"],
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "x"],
    ):
        subprocess.run(command, cwd=root, check=True, env={**os.environ, **env})
    lines = [str(p) for p in run_check(root / "content", root).problems]
    assert len(lines) == 1 and "หลังเวลาของ commit 1 พ.ค. 2568" in lines[0]


def test_missing_attachment_names_the_file_with_other_letter_case(site) -> None:
    record = "---\ndocuments:\n  - title: แผนผัง\n    file: Structure-Chart.PDF\n---\nโครงสร้าง\n"
    root = site(
        {
            "content/ita/2568/o1/index.md": record,
            "content/ita/2568/o1/structure-chart.pdf": make_pdf("chart"),
        }
    )
    lines = [str(p) for p in run_check(root / "content", root).problems.errors]
    assert lines == [
        "content/ita/2568/o1/index.md:4: เอกสารลำดับที่ 1 ช่อง file: ไม่พบไฟล์แนบ "
        '"Structure-Chart.PDF" มีไฟล์ "structure-chart.pdf" หมายถึงไฟล์นี้หรือไม่ '
        "(ชื่อไฟล์ต้องตรงกันทุกตัวอักษร รวมตัวพิมพ์เล็กพิมพ์ใหญ่) (document 1, field file: "
        'attachment "Structure-Chart.PDF" not found; did you mean "structure-chart.pdf"? '
        "(names must match exactly, letter case too))"
    ]


def test_missing_attachment_names_the_file_in_another_unicode_form(site) -> None:
    # The name on disk has SARA AM typed as NIKHAHIT + SARA AA, and an NFD "é".
    on_disk = unicodedata.normalize("NFD", "ค\u0e4d\u0e32สั่งแต่งตั้ง-café.pdf")
    assert on_disk != "คำสั่งแต่งตั้ง-café.pdf"
    record = "---\ndocuments:\n  - title: คำสั่ง\n    file: คำสั่งแต่งตั้ง-café.pdf\n---\nโครงสร้าง\n"
    root = site(
        {
            "content/ita/2568/o1/index.md": record,
            f"content/ita/2568/o1/{on_disk}": make_pdf("order"),
        }
    )
    lines = [str(p) for p in run_check(root / "content", root).problems.errors]
    assert len(lines) == 1, lines
    # The same name written with other code points: the file is named, with the name to give it.
    assert f'ไฟล์ "{on_disk}" เขียนชื่อด้วยอักขระคนละรูปกับ "คำสั่งแต่งตั้ง-café.pdf"' in lines[0]
    assert 'ให้เปลี่ยนชื่อไฟล์เป็น "คำสั่งแต่งตั้ง-café.pdf"' in lines[0]
