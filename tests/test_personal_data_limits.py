"""Bounded cost for any input (issue 15): every attachment format read fully or refused, every
worst case through a real `check` in a child process, timed and with its peak memory measured,
and a property test of the normaliser."""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.records.personal_data import scan_text, valid_national_id
from site_builder.rules.check import run_check
from tests.conftest import GOOD_MEASURE, REPO, YEAR_YML, write_tree
from tests.hostile import formats as fx

MiB = 1024 * 1024


def _listed(files: dict[str, bytes]) -> dict[str, str | bytes]:
    documents = "".join(f"  - title: {name}\n    file: {name}\n" for name in files)
    return {
        "content/ita/2568/year.yml": YEAR_YML,
        "content/ita/2568/o5/index.md": f"---\ndocuments:\n{documents}---\nข่าว\n",
        **{f"content/ita/2568/o5/{name}": data for name, data in files.items()},
    }


def _many_entries() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(5_001):
            archive.writestr(f"x/{number}.xml", "<a/>")
    return buffer.getvalue()


DTD = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "1101700230708">]><w:document>&a;</w:document>'
JAVASCRIPT = fx.pdf(
    root_extra="/OpenAction 7 0 R", objects=(b"<< /S /JavaScript /JS (app.alert(1)) >>",)
)
EMBEDDED = fx.pdf(
    root_extra="/Names << /EmbeddedFiles << /Names [(a.txt) 7 0 R] >> >>",
    objects=(
        b"<< /Type /Filespec /F (a.txt) /EF << /F 8 0 R >> >>",
        fx.pdf_stream(b"x", "/Type /EmbeddedFile"),
    ),
)

# name, file, bytes, the start of the expected message after `เอกสารลำดับที่ 1 ช่อง file: `.
REFUSED = [
    ("legacy-doc", "old.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 60, 'ไม่รับไฟล์ Office รุ่นเก่า "old.doc"'),
    ("legacy-xls", "old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 60, 'ไม่รับไฟล์ Office รุ่นเก่า "old.xls"'),
    ("legacy-ppt", "old.ppt", b"\xd0\xcf\x11\xe0" + b"\x00" * 60, 'ไม่รับไฟล์ Office รุ่นเก่า "old.ppt"'),
    ("xlsx-bomb", "bomb.xlsx", fx.zip_bomb(800), 'ไฟล์ "bomb.xlsx" เมื่อคลายบีบอัดใหญ่ 800 MB'),
    (
        "xlsx-ratio",
        "ratio.xlsx",
        fx.zip_bomb(150),
        'ส่วน "xl/worksheets/sheet1.xml" ของไฟล์ "ratio.xlsx" บีบอัดไว้เกิน 100 เท่า',
    ),
    ("zip-entries", "many.docx", _many_entries(), 'ไฟล์ "many.docx" มีส่วนประกอบ 5,001 ส่วน'),
    (
        "docx-dtd-entity",
        "dtd.docx",
        fx.zip_package({"word/document.xml": DTD}),
        "ไฟล์ XML ประกาศ entity เอง",
    ),
    (
        "docx-broken-xml",
        "broken.docx",
        fx.zip_package({"word/document.xml": "<w:p>"}),
        'ส่วน "broken.docx/word/document.xml" ไม่ใช่ XML',
    ),
    ("pdf-javascript", "script.pdf", JAVASCRIPT, 'ไฟล์ PDF "script.pdf" มีสคริปต์ (JavaScript)'),
    ("pdf-embedded-file", "embedded.pdf", EMBEDDED, 'ไฟล์ PDF "embedded.pdf" มีไฟล์อื่นฝังอยู่ข้างใน'),
]


@pytest.mark.parametrize(("name", "file", "data", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_file_that_cannot_be_read_fully_is_refused(
    tmp_path: Path, name: str, file: str, data: bytes, message: str
) -> None:
    write_tree(tmp_path, _listed({file: data}))
    lines = [str(p) for p in run_check(tmp_path / "content", tmp_path).problems.errors]
    assert lines and lines[0].startswith(
        f"content/ita/2568/o5/index.md:4: เอกสารลำดับที่ 1 ช่อง file: {message}"
    ), lines
    assert len(lines) == 1, lines


def _measure(body: str) -> str:
    return GOOD_MEASURE.replace("จัดทำคู่มือและเผยแพร่", body)


# Each worst case: files, and the line `check` must print first.
WORST = {
    "one-letter-200k": ({"content/ita/2568/measures/a.md": _measure("a" * 200_000)}, None),
    "one-letter-1mib": ({"content/ita/2568/measures/a.md": _measure("a" * (MiB - 400))}, None),
    "at-signs-1mib": (
        {"content/ita/2568/measures/a.md": _measure("a@b." * ((MiB - 400) // 4))},
        "พบอีเมล",
    ),
    "digit-groups-1mib": (
        {"content/ita/2568/measures/a.md": _measure("1 " * ((MiB - 400) // 2))},
        None,
    ),
    "tags-1mib": ({"content/ita/2568/measures/a.md": _measure("<a " * ((MiB - 400) // 3))}, None),
    "entities-1mib": (
        {"content/ita/2568/measures/a.md": _measure("&#49;" * ((MiB - 400) // 5))},
        None,
    ),
    "open-brackets-40000": (
        {"content/ita/2568/measures/a.md": _measure("[" * 40_000)},
        "วงเล็บเหลี่ยม",
    ),
    "nested-lists-300": (
        {"content/deep.md": "".join("    " * i + "- ก\n" for i in range(300))},
        "รายการหรือข้อความอ้างอิงซ้อนกัน",
    ),
    "xlsx-bomb": (_listed({"bomb.xlsx": fx.zip_bomb(800)}), "content/ita/2568/o5/index.md:4"),
    "text-attachment-45mib": (
        _listed({"big.txt": ("ก" * 99 + "\n").encode() * (45 * MiB // 298)}),
        None,
    ),
}


@pytest.mark.parametrize("name", WORST, ids=list(WORST))
def test_each_worst_case_is_checked_fast_and_in_bounded_memory(tmp_path: Path, name: str) -> None:
    files, first = WORST[name]
    write_tree(tmp_path, {"content/ita/2568/year.yml": YEAR_YML, **files})
    size = sum(path.stat().st_size for path in (tmp_path / "content").rglob("*") if path.is_file())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(
        [sys.executable, "-m", "site_builder", "check", "--content", "content"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time of the child, not wall time: this machine is shared, the bound is about the work.
    seconds = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak_mb = after.ru_maxrss / 1024
    assert "Traceback" not in run.stderr + run.stdout
    if first is None:
        assert run.returncode == 0, run.stdout
    else:
        assert run.returncode == 1 and first in run.stdout.splitlines()[0], run.stdout[:500]
    # The bound is 2 s per MB; starting Python and importing (about 1 s) comes on top.
    # A quadratic pattern takes minutes here, not seconds.
    assert seconds < 2 * max(size / MiB, 1) + 1.5, (seconds, size)
    # ru_maxrss of children is the largest child so far: meaningful when it grew in this test.
    assert peak_mb < 300 or peak_mb <= before.ru_maxrss / 1024, peak_mb


def _written(digit: str, script: int, junk: str) -> str:
    return chr(script + int(digit)) + junk if script else digit + junk


ID_DIGITS = st.lists(st.integers(0, 9), min_size=12, max_size=12).filter(
    lambda d: d[0] in range(1, 9)
)
SCRIPTS = st.sampled_from([0, 0x0E50, 0x0660, 0x06F0, 0x0966, 0xFF10, 0x1D7CE, 0x1D7EC])
JUNK = st.sampled_from(["", "", "\u200b", "\u00ad", "\u2060", "<span></span>", "**", "\ufeff"])
SEPARATORS = st.sampled_from(["", "-", " ", "  ", " - ", "–", ".", "/", "-\n", "\u00a0"])
SURROUNDING = st.text(
    st.characters(categories=("Lo", "Zs", "Po"), exclude_characters="<>&@"), max_size=30
)


@given(ID_DIGITS, st.data(), SURROUNDING, SURROUNDING)
def test_any_written_form_of_an_id_the_normaliser_reads_is_flagged(
    digits, data, before, after
) -> None:
    first12 = "".join(map(str, digits))
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    number = first12 + str((11 - total % 11) % 10)
    assert valid_national_id(number)
    groups = [number[0], number[1:5], number[5:10], number[10:12], number[12]]
    written = ""
    for index, group in enumerate(groups):
        for digit in group:
            written += _written(digit, data.draw(SCRIPTS), data.draw(JUNK))
        if index < len(groups) - 1:
            written += data.draw(SEPARATORS)
    text = f"{before} {written} {after}"
    found = [f for f in scan_text(text) if f.kind_english == "national ID number"]
    assert [f.value for f in found] == [number], repr(text)


def test_every_document_href_is_percent_encoded(tmp_path: Path) -> None:
    """A real build: a Thai file name with a space, and an external URL with Thai in it."""
    from tests.sitebuild import build_site

    index = (
        "---\ndocuments:\n  - title: แผน\n    file: แผน งาน 100.txt\n"
        "  - title: ลิงก์\n    url: https://example.go.th/ข่าว?id=1\n---\nข่าว\n"
    )
    site, _ = build_site(
        tmp_path,
        {
            "content/ita/2568/year.yml": YEAR_YML,
            "content/ita/2568/o5/index.md": index,
            "content/ita/2568/o5/แผน งาน 100.txt": "แผนงาน\n",
        },
    )
    page = (site / "ita/2568/o5/index.html").read_text("utf-8")
    assert 'href="%E0%B9%81%E0%B8%9C%E0%B8%99%20%E0%B8%87%E0%B8%B2%E0%B8%99%20100.txt"' in page
    assert 'href="https://example.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7?id=1"' in page
    assert (site / "ita/2568/o5/แผน งาน 100.txt").is_file()
