"""Rows of an integrity report, from extracted PDF text or from a .docx.

Both inputs become a list of `SourceLine`s (a line number and its cells): a text line is split
at tabs, a .docx paragraph is one cell and a .docx table row is its cells. For a .docx the
"line" is the position of the paragraph or table row in the document, counted from 1.
`parse_report` then walks those lines the way the NACC template lays them out: area headings
`๑) ...`, tables of six columns whose header row repeats on every page, and continuation rows
(empty first cell) that carry on the measure above them across a page break.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from site_builder import thai
from site_builder.importer.messages import ReportError, ReportWarning
from site_builder.importer.thai_repair import Repair
from site_builder.records.sources import SourceError, read_text

MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024
# A .docx is a zip: what it unpacks to is bounded before python-docx parses it (lxml holds the
# whole document in memory, several times its XML's size). The sample report's document.xml
# is about 70 KB; Word writes a few times more markup for the same text.
MAX_DOCX_XML_BYTES = 16 * 1024 * 1024
MAX_DOCX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_DOCX_ENTRIES = 1000

# The six columns of the NACC template, in order: our name and the header the report prints.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "มาตรการ/โครงการ/กิจกรรม"),
    ("steps", "ขั้นตอน/วิธีการปฏิบัติ"),
    ("period", "ระยะเวลาดำเนินการ"),
    ("responsible", "หน่วยงานผู้รับผิดชอบ"),
    ("results", "ผลการดำเนินการ"),
    ("outcomes", "ผลลัพธ์หรือผลสัมฤทธิ์ในการดำเนินการ"),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)

AREA_HEADING = re.compile(
    r"^(?:ประเด็น(?:ที่)?\s*(?P<worded>[0-9๐-๙]{1,2})\s*[).:]?|(?P<number>[0-9๐-๙]{1,2})\s*[).])"
    r"\s*(?P<title>\S.*)$"
)
FISCAL_YEAR_LINE = re.compile(r"ปีงบประมาณ\s*(?:พ\s*\.?\s*ศ\s*\.?)?\s*(?P<year>[0-9๐-๙]{4})")


@dataclass(frozen=True)
class SourceLine:
    line: int
    cells: tuple[str, ...]
    # A .docx table row is a row even when it has a single cell; a text line only with tabs.
    is_row: bool = False
    # The page of a PDF the line is on (None for text and .docx), and the repairs the PDF
    # reader made from the glyphs' positions while reading it.
    page: int | None = None
    repairs: tuple[Repair, ...] = ()


@dataclass(frozen=True)
class Fragment:
    """Part of one cell of a measure, with the report line it was read from."""

    text: str
    line: int


@dataclass
class RawMeasure:
    area: int
    order: int
    line: int
    columns: dict[str, list[Fragment]] = field(default_factory=dict)

    def fragments(self, column: str) -> list[Fragment]:
        return self.columns.get(column, [])


@dataclass(frozen=True)
class AreaHeading:
    number: int
    title: str
    line: int


@dataclass
class ParsedReport:
    measures: list[RawMeasure] = field(default_factory=list)
    areas: list[AreaHeading] = field(default_factory=list)
    warnings: list[ReportWarning] = field(default_factory=list)


def _compact(text: str) -> str:
    """Text with every space removed: PDF extraction splits header words at random places."""
    return re.sub(r"\s+", "", thai.normalize_thai(text))


# --- reading the file -------------------------------------------------------------------------


def read_lines(path: Path) -> list[SourceLine]:
    """The report's lines and cells. Raises ReportError for anything that is not a report."""
    try:
        if not path.is_file():
            raise ReportError(1, "ไม่พบไฟล์รายงาน", "report file not found")
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise ReportError(
            1, f"เปิดไฟล์รายงานไม่ได้ ({exc.strerror})", f"cannot open the report ({exc.strerror})"
        ) from None
    if size == 0:
        raise ReportError(1, "ไฟล์รายงานว่างเปล่า", "the report file is empty")
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() == ".docx":
        if size > MAX_DOCX_BYTES:
            raise _too_large(size, MAX_DOCX_BYTES)
        return _docx_lines(path)
    if head.startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        from site_builder.importer.pdf import pdf_lines

        return pdf_lines(path)
    # UTF-16 text is full of NUL bytes too, but deserves the encoding hint rather than "binary".
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReportError(
            1,
            "ไฟล์นี้ไม่ใช่ข้อความ (เป็นไฟล์ไบนารี) ใช้ข้อความที่คัดจากรายงาน (.txt) หรือไฟล์ .docx",
            "this is a binary file, not text; use the report's extracted text (.txt) or a .docx",
        )
    if size > MAX_TEXT_BYTES:
        raise _too_large(size, MAX_TEXT_BYTES)
    try:
        # resolve(): read_text refuses symlinks, which guards content/ but not a report we read.
        text = read_text(path.resolve(), max_bytes=MAX_TEXT_BYTES)
    except SourceError as exc:
        raise ReportError(exc.line, exc.thai, exc.english) from None
    if not text.strip():
        raise ReportError(1, "ไฟล์รายงานไม่มีข้อความ", "the report has no text")
    return [
        SourceLine(number, tuple(line.split("\t")), is_row="\t" in line)
        for number, line in enumerate(text.split("\n"), start=1)
    ]


def _too_much_text(limit: int) -> ReportError:
    return ReportError(
        1,
        f"รายงานมีข้อความเกิน {limit:,} ไบต์ ซึ่งมากกว่ารายงานจริงมาก จึงไม่อ่านต่อ",
        f"the report holds more than {limit:,} bytes of text, far more than a real report",
        whole_document=True,
    )


def _too_large(size: int, limit: int) -> ReportError:
    return ReportError(
        1,
        f"ไฟล์รายงานใหญ่เกินไป ({size:,} ไบต์ เกินกำหนด {limit:,} ไบต์)",
        f"report file too large ({size:,} bytes, limit {limit:,})",
    )


def _check_docx_zip(path: Path) -> None:
    """Refuse a .docx that unpacks to far more than any report (a zip bomb, or not a report)."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # python-docx says it is damaged, below
    unpacked = sum(entry.file_size for entry in entries)
    xml = sum(entry.file_size for entry in entries if entry.filename == "word/document.xml")
    if len(entries) > MAX_DOCX_ENTRIES or unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise ReportError(
            1,
            f"ไฟล์ .docx นี้แตกออกมาใหญ่เกินไป ({len(entries):,} ไฟล์ย่อย {unpacked:,} ไบต์ "
            f"เกินกำหนด {MAX_DOCX_ENTRIES:,} ไฟล์ / {MAX_DOCX_UNPACKED_BYTES:,} ไบต์)",
            f"the .docx unpacks to too much ({len(entries):,} parts, {unpacked:,} bytes; "
            f"limits {MAX_DOCX_ENTRIES:,} parts, {MAX_DOCX_UNPACKED_BYTES:,} bytes)",
        )
    if xml > MAX_DOCX_XML_BYTES:
        raise ReportError(
            1,
            f"เนื้อหาของไฟล์ .docx ใหญ่เกินไป ({xml:,} ไบต์ เกินกำหนด {MAX_DOCX_XML_BYTES:,} ไบต์) "
            "รายงานจริงมีขนาดเล็กกว่านี้มาก",
            f"the .docx's document is too large ({xml:,} bytes, limit {MAX_DOCX_XML_BYTES:,})",
        )


def _docx_lines(path: Path) -> list[SourceLine]:
    import docx
    from docx.table import Table

    _check_docx_zip(path)
    try:
        document = docx.Document(str(path))
        lines: list[SourceLine] = []
        text_bytes = 0
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                found = [SourceLine(0, _docx_row_cells(row), is_row=True) for row in block.rows]
            else:
                found = [SourceLine(0, (block.text.replace("\t", " "),))]
            for line in found:
                lines.append(SourceLine(len(lines) + 1, line.cells, line.is_row))
                # The same bound on the text as for a .txt report, checked as it is read.
                text_bytes += sum(len(cell.encode("utf-8")) for cell in line.cells)
                if text_bytes > MAX_TEXT_BYTES:
                    raise _too_much_text(MAX_TEXT_BYTES)
    except ReportError:
        raise
    # python-docx and lxml raise many kinds of errors on a damaged file; all mean the same here.
    except Exception as exc:
        raise ReportError(
            1,
            f"อ่านไฟล์ .docx ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ .docx ({type(exc).__name__})",
            f"cannot read the .docx; it may be damaged or not a .docx ({type(exc).__name__})",
        ) from None
    if not any(cell.strip() for line in lines for cell in line.cells):
        raise ReportError(1, "ไฟล์รายงานไม่มีข้อความ", "the report has no text")
    return lines


def _docx_row_cells(row: object) -> tuple[str, ...]:
    """One string per grid column; merged cells count once, where they start.

    python-docx's `row.cells` repeats a vertically merged cell's text in every row it spans,
    which would turn the rows below into new measures with the same title. Here the rows below
    get an empty cell instead, which is exactly a continuation row of the template.
    """
    from docx.table import _Cell, _Row

    assert isinstance(row, _Row)
    cells = [""] * row.grid_cols_before
    for tc in row._tr.tc_lst:
        text = "" if tc.vMerge == "continue" else _Cell(tc, row.table).text
        cells.append(text.replace("\t", " "))
        cells.extend([""] * (tc.grid_span - 1))
    cells.extend([""] * row.grid_cols_after)
    return tuple(cells)


# --- the template's structure -----------------------------------------------------------------


def _header_column(cell: str) -> str | None:
    """Which template column a header cell names, if any (close matches allowed)."""
    text = _compact(cell)
    # Headers are short; a long cell is content, and comparing it would only cost time.
    if not text or len(text) > 60:
        return None
    for name, header in COLUMNS:
        if text == _compact(header):
            return name
    best = max(COLUMNS, key=lambda column: difflib.SequenceMatcher(None, text, column[1]).ratio())
    if difflib.SequenceMatcher(None, text, best[1]).ratio() >= 0.85:
        return best[0]
    return None


def is_header_row(cells: tuple[str, ...]) -> bool:
    """Whether a row is the template's header row (at least three of its columns named)."""
    named = [_header_column(cell) for cell in cells]
    return sum(name is not None for name in named) >= 3


def _check_header(cells: tuple[str, ...], line: int) -> None:
    named = [_header_column(cell) for cell in cells]
    if tuple(named) == COLUMN_NAMES:
        return
    headers = dict(COLUMNS)
    missing = [name for name in COLUMN_NAMES if name not in named]
    if missing:
        thai_names = ", ".join(f"“{headers[name]}”" for name in missing)
        raise ReportError(
            line,
            f"หัวตารางขาดคอลัมน์ {thai_names} (ตารางต้องมี 6 คอลัมน์ตามแบบของสำนักงาน ป.ป.ช.)",
            f"the table header lacks the column(s) {thai_names} (the NACC template has 6 columns)",
        )
    if None in named:
        extra = cells[named.index(None)].strip()
        raise ReportError(
            line,
            f"หัวตารางมีคอลัมน์ที่ไม่รู้จัก “{extra}” (ตารางต้องมี 6 คอลัมน์ตามแบบของสำนักงาน ป.ป.ช.)",
            f"the table header has an unknown column “{extra}” (the NACC template has 6 columns)",
        )
    order = " | ".join(headers[name] for name in COLUMN_NAMES)
    raise ReportError(
        line,
        f"คอลัมน์ในหัวตารางไม่เรียงตามแบบ ต้องเป็น {order}",
        "the header's columns are not in the template's order",
    )


def _area_heading(cells: tuple[str, ...], line: int) -> AreaHeading | None:
    # A heading is one piece of text: a line of its own, or a .docx table row merged across.
    if not cells[0].strip() or any(cell.strip() for cell in cells[1:]):
        return None
    text = " ".join(thai.normalize_thai(cells[0]).split())
    match = AREA_HEADING.match(text)
    if match is None:
        return None
    number = int(thai.to_arabic_digits(match["number"] or match["worded"]))
    return AreaHeading(number, match["title"].strip(), line)


def parse_report(lines: list[SourceLine], fiscal_year: int) -> ParsedReport:
    """Group the lines into measures. Raises ReportError if the template's shape is not there."""
    if not any(line.is_row and is_header_row(line.cells) for line in lines):
        raise _not_a_report()
    report = ParsedReport()
    area: AreaHeading | None = None
    header_seen = False
    orders: dict[int, int] = {}
    for source in lines:
        cells = source.cells
        # A tab at the end of a line (or an empty grid column in Word) is not a seventh column.
        while len(cells) > len(COLUMNS) and not cells[-1].strip():
            cells = cells[:-1]
        if not any(cell.strip() for cell in cells):
            continue
        heading = _area_heading(cells, source.line)
        if heading is not None:
            area = heading
            report.areas.append(heading)
            continue
        if not source.is_row:
            _free_text(report, source, fiscal_year, started=area is not None)
            continue
        if is_header_row(cells):
            _check_header(cells, source.line)
            header_seen = True
            continue
        if not header_seen:
            raise ReportError(
                source.line,
                "พบแถวตารางก่อนหัวตาราง (ต้องมีแถวหัวตาราง มาตรการ/โครงการ/กิจกรรม ... ก่อน)",
                "a table row before any table header (the header row must come first)",
            )
        if len(cells) != len(COLUMNS):
            raise ReportError(
                source.line,
                f"แถวนี้มี {len(cells)} ช่อง แต่ตารางมี {len(COLUMNS)} คอลัมน์ "
                "(ช่องอาจหายไปตอนแปลงไฟล์ หรือมีแท็บเกินในข้อความ)",
                f"this row has {len(cells)} cells but the table has {len(COLUMNS)} columns",
            )
        if area is None:
            raise ReportError(
                source.line,
                "พบมาตรการก่อนหัวข้อประเด็น (เช่น ๑) กระบวนการปฏิบัติงาน...)",
                "a measure before any area heading (such as ๑) ...)",
            )
        if cells[0].strip():
            orders[area.number] = orders.get(area.number, 0) + 1
            measure = RawMeasure(area.number, orders[area.number], source.line)
            report.measures.append(measure)
        else:
            measure = _continued(report, area, source.line)
        for name, cell in zip(COLUMN_NAMES, cells, strict=True):
            if cell.strip():
                measure.columns.setdefault(name, []).append(Fragment(cell, source.line))
    if not report.measures:
        raise ReportError(
            1,
            "ไม่พบมาตรการในตารางของรายงาน (ต้องมีหัวข้อประเด็น เช่น ๑) ... และแถวมาตรการใต้หัวตาราง)",
            "no measures in the report's tables (area headings and measure rows under the header)",
            whole_document=True,
        )
    return report


def _not_a_report() -> ReportError:
    header = " | ".join(text for _, text in COLUMNS)
    return ReportError(
        1,
        "เอกสารนี้ไม่ใช่รายงานการดำเนินการตามแบบ 6 คอลัมน์ของสำนักงาน ป.ป.ช. "
        f"(ไม่พบหัวตาราง {header}) จึงไม่ได้นำเข้า",
        "this document is not the NACC six-column report (no table header "
        "มาตรการ/โครงการ/กิจกรรม | ... was found); nothing was imported",
        whole_document=True,
    )


def _continued(report: ParsedReport, area: AreaHeading, line: int) -> RawMeasure:
    """The measure a continuation row (empty first cell) belongs to: the one above it."""
    if not report.measures:
        raise ReportError(
            line,
            "แถวต่อเนื่อง (ช่องมาตรการว่าง) ไม่มีมาตรการก่อนหน้าให้ต่อ",
            "a continuation row (empty first cell) with no measure above it",
        )
    measure = report.measures[-1]
    if measure.area != area.number:
        report.warnings.append(
            ReportWarning(
                line,
                f"แถวต่อเนื่องอยู่ใต้หัวข้อประเด็นที่ {area.number} "
                f"แต่นำไปต่อกับมาตรการก่อนหน้า (ประเด็นที่ {measure.area}) โปรดตรวจสอบ",
                f"continuation row under area {area.number} was joined to the measure above "
                f"(area {measure.area}); please check",
            )
        )
    return measure


def _free_text(report: ParsedReport, source: SourceLine, fiscal_year: int, started: bool) -> None:
    text = " ".join(" ".join(source.cells).split())
    if not started:
        # The cover text names the fiscal year; a different year means the wrong --year.
        match = FISCAL_YEAR_LINE.search(thai.normalize_thai(text))
        if match is not None:
            written = int(thai.to_arabic_digits(match["year"]))
            if written != fiscal_year:
                report.warnings.append(
                    ReportWarning(
                        source.line,
                        f"รายงานระบุปีงบประมาณ {written} แต่สั่งนำเข้าเป็นปี {fiscal_year} (--year)",
                        f"the report names fiscal year {written} but --year is {fiscal_year}",
                    )
                )
        return
    # Page numbers and footers between the tables: skipped, but never silently.
    shown = text if len(text) <= 40 else text[:40] + "…"
    report.warnings.append(
        ReportWarning(
            source.line,
            f"ข้ามบรรทัด “{shown}” เพราะไม่ใช่หัวข้อประเด็นหรือแถวของตาราง",
            f"skipped “{shown}”: neither an area heading nor a table row",
        )
    )
