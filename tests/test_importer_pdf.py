"""`import` on real PDFs: the sample as a .docx saved as PDF by LibreOffice, a scan, a letter.

The PDFs are made here, as a webmaster makes them: python-docx writes the report (the sample's
text, one table per page of the original, a Thai font), LibreOffice's headless Writer saves it as
PDF (`make office-deps` installs Debian's libreoffice-writer-nogui when missing).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw

from site_builder.importer import ReportError, import_report
from site_builder.importer.table import read_lines
from tests.test_importer import (
    HEADERS,
    NONGBUA,
    SAMPLE,
    load_records,
    needs_sample,
    run_cli,
    squeeze,
)

# A Thai font of Debian's fonts-thai-tlwg (installed with the browser tests' dependencies).
THAI_FONT = "Garuda"


def _document() -> docx.Document:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    normal = document.styles["Normal"]
    normal.font.name = THAI_FONT
    normal.font.size = Pt(9)
    # Thai is "complex script" text to Word: its font and size are the w:cs ones.
    fonts = normal.element.rPr.rFonts
    fonts.set(qn("w:cs"), THAI_FONT)
    fonts.set(qn("w:eastAsia"), THAI_FONT)
    size = OxmlElement("w:szCs")
    size.set(qn("w:val"), "18")
    normal.element.rPr.append(size)
    return document


def report_docx(text: str, path: Path) -> Path:
    """The report's text as a .docx: a line without tabs is a paragraph, lines with tabs are
    table rows, and each run of them is one ruled table (a page of the original)."""
    document = _document()
    table = None
    for line in text.split("\n"):
        if "\t" not in line:
            table = None
            if line.strip():
                document.add_paragraph(line)
            continue
        if table is None:
            table = document.add_table(rows=0, cols=6)
            table.style = "Table Grid"
        cells = table.add_row().cells
        for cell, value in zip(cells, line.split("\t"), strict=False):
            cell.text = value
    document.save(str(path))
    return path


def to_pdf(source: Path) -> Path:
    """`source` saved as PDF by LibreOffice, beside it."""
    soffice = shutil.which("soffice")
    assert soffice, (
        "LibreOffice is needed: make office-deps (apt-get install libreoffice-writer-nogui)"
    )
    # A profile of its own, so that parallel runs and a desktop LibreOffice never collide.
    profile = source.parent / ".libreoffice-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(source.parent),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = source.with_suffix(".pdf")
    assert pdf.is_file(), f"LibreOffice wrote no {pdf.name}"
    return pdf


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SAMPLE.is_file():
        pytest.skip(f"sample report not at {SAMPLE}")
    folder = tmp_path_factory.mktemp("sample-pdf")
    return to_pdf(report_docx(SAMPLE.read_text("utf-8"), folder / "integrity-report-2568.docx"))


# --- the sample, through Word's format and LibreOffice's PDF ------------------------------------


@needs_sample
def test_pdf_gives_the_same_measures_codes_and_scores_as_the_text(
    sample_pdf: Path, tmp_path: Path
) -> None:
    from_text = import_report(SAMPLE, 2568, tmp_path / "text")
    from_pdf = import_report(sample_pdf, 2568, tmp_path / "pdf")
    assert len(from_pdf.measures) == len(from_text.measures) == 19
    assert from_pdf.outcome_count == from_text.outcome_count == 61

    text_records, pdf_records = load_records(tmp_path / "text"), load_records(tmp_path / "pdf")
    assert sorted(pdf_records) == sorted(text_records)
    for key, (record_id, expected, _) in text_records.items():
        got_id, got, _ = pdf_records[key]
        assert got_id == record_id
        assert [(o.indicator, o.score) for o in got.outcomes] == [
            (o.indicator, o.score) for o in expected.outcomes
        ], key
        # Thai text is compared without spaces: the PDF wraps cells where the text had none.
        assert squeeze(got.title) == squeeze(expected.title), key
        assert (got.period.start, got.period.end) == (expected.period.start, expected.period.end)
        assert [squeeze(unit) for unit in got.responsible] == [
            squeeze(unit) for unit in expected.responsible
        ], key

    # The same codes were repaired or contradicted, and only line 63's needs a person.
    def codes(result: object) -> list[tuple[str | None, str | None, bool]]:
        return sorted(
            (w.written, w.indicator, w.routine is None)
            for w in result.warnings  # type: ignore[attr-defined]
        )

    assert codes(from_pdf) == codes(from_text)
    person = [w for w in from_pdf.warnings if w.routine is None]
    assert len(person) == 1 and "o20" in person[0].english
    # A PDF's messages name the page: the block number alone is hard to find in a PDF.
    assert all(re.match(r"หน้า [0-9]+: ", w.thai) for w in from_pdf.warnings)
    assert person[0].thai.startswith("หน้า 10: ")


@needs_sample
def test_thai_marks_libreoffice_draws_out_of_order_are_put_back(
    sample_pdf: Path, tmp_path: Path
) -> None:
    result = import_report(sample_pdf, 2568, tmp_path / "pdf")
    moved = [repair for repair in result.repairs if repair.kind == "mark-placement"]
    # The THANTHAKHAT of ผลสัมฤทธิ์ in every header row is drawn after the next words.
    assert moved, "LibreOffice's PDF draws some marks late; they must be reported"
    assert all(repair.routine and repair.page for repair in moved)
    assert any("ฤทธิในการ ์" in repair.before and "ฤทธิ์ในการ" in repair.after for repair in moved)
    text = "".join(path.read_text("utf-8") for path in (tmp_path / "pdf").glob("*.md"))
    # The cells as PDFium reads them: no doubled SARA AM, no SARA UU read as MAI THO.
    assert "ดำเนินการ" in text and "ดำาเนินการ" not in text
    assert "เจ้าหน้าที่" in text and "เจูาหนูาที่" not in text and "ค่้มือ" not in text
    assert not re.search(r"\s[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", text), "a dangling mark"


@needs_sample
def test_cli_reads_the_pdf_into_a_project_and_check_passes(
    sample_pdf: Path, tmp_path: Path
) -> None:
    project = tmp_path / "site"
    (project / "content").mkdir(parents=True)
    shutil.copy(sample_pdf, tmp_path / "report.pdf")
    run = run_cli("import", "report.pdf", "--year", "2568", "--into", "site", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    assert re.match(r"report\.pdf:[0-9]+: คำเตือน: หน้า 10: รหัส “๐๑๖” ", lines[0]), lines
    assert lines[-1].startswith("report.pdf: ซ่อมตามปกติ ")
    assert len(lines) == 2
    measures = project / "content" / "ita" / "2568" / "measures"
    assert len(list(measures.glob("*.md"))) == 19
    assert (
        (project / "content" / "ita" / "2568" / "year.yml")
        .read_text("utf-8")
        .endswith("catalogue: ita-2568\n")
    )
    check = run_cli("check", "--strict", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == ""


def test_into_refuses_a_folder_that_is_not_a_project(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    run = run_cli("import", NONGBUA, "--year", "2568", "--into", "elsewhere", cwd=tmp_path)
    assert run.returncode == 1
    assert "ไม่ใช่โฟลเดอร์โครงการเว็บไซต์" in run.stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_into_keeps_an_existing_year_file(tmp_path: Path) -> None:
    year = tmp_path / "site" / "content" / "ita" / "2568"
    year.mkdir(parents=True)
    (year / "year.yml").write_text("catalogue: ita-2568\n# mine\n", "utf-8")
    run = run_cli("import", NONGBUA, "--year", "2568", "--into", "site", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (year / "year.yml").read_text("utf-8") == "catalogue: ita-2568\n# mine\n"
    assert len(list((year / "measures").glob("*.md"))) == 4


# --- PDFs that are not a text report -------------------------------------------------------------


def test_a_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    # A "scan": a page image with dark lines where the text was, and no text at all.
    page = Image.new("L", (1240, 1754), 255)
    drawing = ImageDraw.Draw(page)
    for top in range(200, 1500, 40):
        drawing.rectangle((150, top, 1090, top + 14), fill=40)
    page.save(tmp_path / "scan.pdf", "PDF", resolution=150)
    run = run_cli("import", "scan.pdf", "--year", "2568", "--out", "out", cwd=tmp_path)
    assert run.returncode == 1
    first = run.stderr.splitlines()[0]
    assert first.startswith("scan.pdf:1: ไฟล์ PDF นี้เป็นภาพสแกน"), first
    assert "OCR" in first and "(this PDF is a scan" in first
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()


def test_a_pdf_that_is_not_the_report_is_refused(tmp_path: Path) -> None:
    document = _document()
    document.add_paragraph("ที่ มท ๐๘๐๘.๒/ว ๑๒๓๔")
    document.add_paragraph("เรื่อง ขอเชิญประชุมคณะกรรมการ")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for row, values in zip(
        table.rows,
        [("ลำดับ", "รายการ", "จำนวน"), ("๑", "โต๊ะ", "๒"), ("๒", "เก้าอี้", "๘")],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.save(str(tmp_path / "letter.docx"))
    pdf = to_pdf(tmp_path / "letter.docx")
    run = run_cli("import", pdf.name, "--year", "2568", "--out", "out", cwd=tmp_path)
    assert run.returncode == 1
    first = run.stderr.splitlines()[0]
    assert "ไม่ใช่รายงานการดำเนินการตามแบบ 6 คอลัมน์ของสำนักงาน ป.ป.ช." in first, first
    assert "(this document is not the NACC six-column report" in first
    assert "ไม่ได้เขียนไฟล์ใด" in run.stderr
    assert not (tmp_path / "out").exists()


def test_a_header_cut_from_its_rows_by_the_page_break(tmp_path: Path) -> None:
    # The table's header is the last thing on a page and its row starts the next (no header
    # repeated): the row is a measure of its own, not more text of the header.
    document = _document()
    document.add_paragraph("๑) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ")
    # Enough paragraphs to fill a page and a little of the next (measured with LibreOffice 7.4).
    for _ in range(27):
        document.add_paragraph("ข้อความนำ")
    table = document.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    values = (
        "จัดทำคู่มือการปฏิบัติงาน",
        "\n".join(["รวบรวมขั้นตอนงาน"] * 12),
        "ม.ค. - มี.ค. ๒๕๖๘",
        "สำนักปลัด",
        "มีคู่มือ ๕ เรื่อง",
        "o10 คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่ ผลคะแนน ๑๐๐",
    )
    for cell, header in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = header
    for cell, value in zip(table.rows[1].cells, values, strict=True):
        cell.text = value
    # Keep the data row whole, so that it moves to page 2 below its header on page 1.
    properties = table.rows[1]._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    document.save(str(tmp_path / "report.docx"))
    pdf = to_pdf(tmp_path / "report.docx")
    rows = [line for line in read_lines(pdf) if line.is_row]
    header, row = rows
    assert header.page is not None and row.page == header.page + 1, "break between the rows"
    result = import_report(pdf, 2568, tmp_path / "out")
    [measure] = result.measures
    assert measure.title == "จัดทำคู่มือการปฏิบัติงาน"
    assert [(o.indicator, o.score) for o in measure.outcomes] == [("o10", "100")]


def test_a_damaged_pdf_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n")
    with pytest.raises(ReportError) as caught:
        import_report(path, 2568, tmp_path / "out")
    assert "อ่านไฟล์ PDF ไม่ได้" in caught.value.thai
    assert not (tmp_path / "out").exists()


# --- bounded cost (issue 15: a 442 KB .docx made the importer peak at 861 MB) ------------------


def test_a_docx_that_unpacks_to_far_more_than_a_report_is_refused_early(tmp_path: Path) -> None:
    small = tmp_path / "small.docx"
    report_docx(NONGBUA.read_text("utf-8"), small)
    bomb = tmp_path / "report.docx"
    # The same package with a document.xml of 20 MB of one repeated paragraph: under 300 KB
    # zipped, written in pieces so that the test itself stays small in memory.
    paragraph = b"<w:p><w:r><w:t>" + "ดำเนินการตามแผน ".encode() * 20 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            if entry.filename != "word/document.xml":
                out.writestr(entry, source.read(entry))
                continue
            xml = source.read(entry)
            head, tail = xml.split(b"<w:body>")
            with out.open("word/document.xml", "w", force_zip64=True) as stream:
                stream.write(head + b"<w:body>")
                for _ in range(20 * 1024 * 1024 // len(paragraph)):
                    stream.write(paragraph)
                stream.write(tail)
    assert bomb.stat().st_size < 200 * 1024
    started = time.monotonic()
    with pytest.raises(ReportError) as caught:
        import_report(bomb, 2568, tmp_path / "out")
    assert time.monotonic() - started < 10
    assert "เนื้อหาของไฟล์ .docx ใหญ่เกินไป" in caught.value.thai
    assert not (tmp_path / "out").exists()
