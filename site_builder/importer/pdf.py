"""A report's PDF as the importer's lines: table rows from the page's ruling lines, text in order.

Two libraries, each for what it does best (both come with pdfplumber):

- pdfplumber finds the tables from the lines and rectangles drawn on the page (the cell
  borders), so a cell is a cell however its text wraps, and a merged cell is one cell;
- PDFium (pypdfium2) reads the characters in the order the PDF draws them, with the Unicode
  values a Thai reader expects: pdfminer, under pdfplumber, sorts Thai marks by position and
  gives `ดำาเนินการ` and `เจูาหนูาที่` where PDFium gives `ดำเนินการ` and `เจ้าหน้าที่`.

Each character is put in the table cell that holds its centre; characters outside every table
are text lines. Blocks (text lines and table rows) are numbered from 1 in reading order, top to
bottom and page by page, and each remembers its page, which the warnings name. A row at the top
of a page with no header above it, after a page that ended inside a table, is the rest of a row
that the page break cut (Word and LibreOffice split long rows so): its cells are added to that
row. A PDF without any text is a scan and needs OCR first; that is said, and nothing is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from site_builder.importer.messages import ReportError
from site_builder.importer.table import SourceLine, is_header_row
from site_builder.importer.thai_repair import Repair, mark_placement_repair

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 300
# pdfplumber's table finder, told to use only drawn lines: the NACC template's tables are ruled,
# and guessing columns from text alignment would cut Thai cells at random.
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# A space PDFium made up (no space glyph in the PDF) where the font changes between Latin and
# Thai glyphs ("i ๑" for "i๑") is dropped when the gap is below this share of the font size.
GENERATED_GAP_EM = 0.5
_THAI = range(0x0E01, 0x0E60)


@dataclass
class _Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    generated: bool
    size: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass
class _Block:
    """A text line or a table row on one page, before it is numbered."""

    top: float
    cells: list[list[_Char]]
    is_row: bool
    bottom: float = 0.0

    def first_cell_runs_to_bottom(self) -> bool:
        """Whether the first cell's text reaches the row's foot (so it may go on overleaf)."""
        shown = [char for char in self.cells[0] if char.text.strip()] if self.cells else []
        if not shown:
            return False
        line_height = 1.8 * max(char.size for char in shown)
        return max(char.bottom for char in shown) >= self.bottom - line_height


def pdf_lines(path: Path) -> list[SourceLine]:
    """The report's blocks as SourceLines. Raises ReportError when the PDF cannot be read."""
    import pdfplumber
    import pypdfium2

    if path.stat().st_size > MAX_PDF_BYTES:
        raise ReportError(
            1,
            f"ไฟล์ PDF ใหญ่เกินไป (เกิน {MAX_PDF_BYTES // (1024 * 1024)} MB)",
            f"the PDF is too large (over {MAX_PDF_BYTES // (1024 * 1024)} MB)",
        )
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise _unreadable(exc) from None
    try:
        if len(document) > MAX_PDF_PAGES:
            raise ReportError(
                1,
                f"ไฟล์ PDF มี {len(document)} หน้า เกินกำหนด {MAX_PDF_PAGES} หน้า",
                f"the PDF has {len(document)} pages, more than {MAX_PDF_PAGES}",
            )
        with pdfplumber.open(str(path)) as plumber:
            return _read(plumber, document)
    except ReportError:
        raise
    # pdfminer raises many kinds of errors on a damaged file; all mean the same here.
    except Exception as exc:
        raise _unreadable(exc) from None
    finally:
        document.close()


def _unreadable(exc: Exception) -> ReportError:
    return ReportError(
        1,
        f"อ่านไฟล์ PDF ไม่ได้ ไฟล์อาจเสียหาย มีรหัสผ่าน หรือไม่ใช่ PDF ({type(exc).__name__})",
        f"cannot read the PDF; it may be damaged, password-protected or not a PDF "
        f"({type(exc).__name__})",
    )


def _read(plumber: object, document: object) -> list[SourceLine]:
    lines: list[SourceLine] = []
    text_pages = 0
    image_pages = 0
    # None: the last page did not end inside a table; else whether its last row's first
    # cell ran to the foot of the page (its text may go on overleaf).
    open_row: bool | None = None
    for number, (page, pdfium_page) in enumerate(_pages(plumber, document), start=1):
        chars = _page_chars(pdfium_page, page.height)
        if any(char.text.strip() for char in chars):
            text_pages += 1
        elif page.images:
            image_pages += 1
        tables = page.find_tables(TABLE_SETTINGS)
        blocks = _blocks(chars, tables)
        page.close()
        page_lines: list[SourceLine] = []
        last_row_full = False
        for block in blocks:
            repairs: list[Repair] = []
            cells = [_cell_text(cell, number, repairs) for cell in block.cells]
            if not block.is_row and not "".join(cells).strip():
                continue
            page_lines.append(SourceLine(0, tuple(cells), block.is_row, number, tuple(repairs)))
            last_row_full = block.is_row and block.first_cell_runs_to_bottom()
        _join_cut_row(lines, page_lines, open_row)
        open_row = last_row_full if page_lines and page_lines[-1].is_row else None
    if text_pages == 0:
        if image_pages:
            raise ReportError(
                1,
                "ไฟล์ PDF นี้เป็นภาพสแกน ไม่มีข้อความให้อ่าน ต้องแปลงเป็นข้อความด้วยโปรแกรม OCR ก่อน "
                "(เช่น ocrmypdf -l tha) หรือใช้ไฟล์ .docx ต้นฉบับ",
                "this PDF is a scan with no text; it needs OCR first (e.g. ocrmypdf -l tha), "
                "or use the original .docx",
            )
        raise ReportError(1, "ไฟล์ PDF ไม่มีข้อความ", "the PDF has no text")
    return [
        SourceLine(index, line.cells, line.is_row, line.page, line.repairs)
        for index, line in enumerate(lines, start=1)
    ]


def _pages(plumber: object, document: object) -> Iterator[tuple[object, object]]:
    for index, page in enumerate(plumber.pages):  # type: ignore[attr-defined]
        pdfium_page = document[index]  # type: ignore[index]
        try:
            yield page, pdfium_page
        finally:
            pdfium_page.close()


def _join_cut_row(
    lines: list[SourceLine], page_lines: list[SourceLine], open_row: bool | None
) -> None:
    """Append the page's lines; a row cut by the page break is joined to its first part.

    The page's first row, with no header above it, is the rest of the previous page's last row
    when its first cell is empty, or when that row's first cell ran to the foot of the page
    (a title cut in two); otherwise the break fell between two rows and it is a new measure.
    A header cut in two (its rest has an empty first cell) is joined the same way.
    """
    rows_before_header = 0
    for index, line in enumerate(page_lines):
        if line.is_row and is_header_row(line.cells):
            break
        if not line.is_row:
            break
        rows_before_header = index + 1
    start = 0
    if open_row is not None and rows_before_header and lines and lines[-1].is_row:
        above, first = lines[-1], page_lines[0]
        joined = tuple(
            _join_parts(top, rest) for top, rest in zip(above.cells, first.cells, strict=False)
        )
        rest_of_row = not first.cells[0].strip() or open_row
        if is_header_row(above.cells):
            # A header at the foot of a page precedes its rows, unless its rest is overleaf.
            # (The rest of a header is a few words: "ดำเนินการ" of its last column.)
            short = all(len(cell.strip()) <= 20 for cell in first.cells)
            rest_of_row = not first.cells[0].strip() and short and is_header_row(joined)
        if len(first.cells) == len(above.cells) and rest_of_row:
            repairs = above.repairs + first.repairs
            lines[-1] = SourceLine(above.line, joined, True, above.page, repairs)
            start = 1
    lines.extend(page_lines[start:])


def _join_parts(above: str, below: str) -> str:
    if not above.strip() or not below.strip():
        return above + below
    return _join_wrapped(above, below)


def _page_chars(pdfium_page: object, height: float) -> list[_Char]:
    import pypdfium2.raw as pdfium_c

    textpage = pdfium_page.get_textpage()  # type: ignore[attr-defined]
    try:
        chars: list[_Char] = []
        for index in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(textpage, index)
            left, bottom, right, top = textpage.get_charbox(index)
            chars.append(
                _Char(
                    _char_text(textpage, index, code),
                    left,
                    height - top,
                    right,
                    height - bottom,
                    bool(pdfium_c.FPDFText_IsGenerated(textpage, index)),
                    pdfium_c.FPDFText_GetFontSize(textpage, index),
                )
            )
        return chars
    finally:
        textpage.close()


def _blocks(chars: list[_Char], tables: list[object]) -> list[_Block]:
    """Table rows and text lines of one page, top to bottom."""
    blocks: list[_Block] = []
    rows: list[tuple[_Block, list[tuple[float, float, float, float] | None]]] = []
    for table in tables:
        for row in table.rows:  # type: ignore[attr-defined]
            boxes = list(row.cells)
            top = min(box[1] for box in boxes if box is not None)
            bottom = max(box[3] for box in boxes if box is not None)
            block = _Block(top, [[] for _ in boxes], is_row=True, bottom=bottom)
            rows.append((block, boxes))
            blocks.append(block)
    line: _Block | None = None
    for char in chars:
        x, y = char.centre
        cell = _cell_of(rows, x, y)
        if cell is not None:
            cell.append(char)
            line = None
            continue
        if char.text in "\r\n" or not char.text:
            line = None
            continue
        if line is None:
            line = _Block(char.top, [[]], is_row=False)
            blocks.append(line)
        line.cells[0].append(char)
    blocks.sort(key=lambda block: block.top)
    return blocks


def _cell_of(
    rows: list[tuple[_Block, list[tuple[float, float, float, float] | None]]], x: float, y: float
) -> list[_Char] | None:
    for block, boxes in rows:
        for index, box in enumerate(boxes):
            if box is not None and box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                return block.cells[index]
    return None


def _cell_text(chars: list[_Char], page: int, repairs: list[Repair]) -> str:
    """A cell's characters as text: its wrapped lines joined, made-up spaces dropped."""
    chars, moved = mark_placement_repair(chars, page)
    repairs.extend(moved)
    lines: list[str] = [""]
    for index, char in enumerate(chars):
        if char.text == "\n":
            lines.append("")
        elif not _dropped(chars, index):
            lines[-1] += char.text
    text = ""
    for piece in lines:
        text = _join_wrapped(text, piece) if text else piece
    return text.replace("\t", " ")


def _dropped(chars: list[_Char], index: int) -> bool:
    char = chars[index]
    if char.text in ("", "\r"):
        return True
    return char.text == " " and char.generated and _font_switch(chars, index)


def _font_switch(chars: list[_Char], index: int) -> bool:
    """A made-up space between a Latin and a Thai glyph that stand close together."""
    if index == 0 or index + 1 >= len(chars):
        return False
    before, after = chars[index - 1], chars[index + 1]
    if not before.text or not after.text:
        return False
    thai_before, thai_after = ord(before.text) in _THAI, ord(after.text) in _THAI
    if thai_before == thai_after:
        return False
    gap = after.x0 - before.x1
    return gap < GENERATED_GAP_EM * max(before.size, after.size, 1.0)


def _join_wrapped(left: str, right: str) -> str:
    """Two lines of one wrapped cell. Thai has no spaces between words, so a line wrapped
    between two Thai letters joins with none; a space the PDF kept at the end stays."""
    if not left or not right:
        return left + right
    if left[-1].isspace() or right[0].isspace():
        return left + right
    if ord(left[-1]) in _THAI and ord(right[0]) in _THAI:
        return left + right
    if left[-1] in "-/":
        return left + right
    return left + " " + right


def _char_text(textpage: object, index: int, code: int) -> str:
    import pypdfium2.raw as pdfium_c

    # PDFium reports a hyphen at the end of a line as U+0002 ("E-" + "Service").
    if pdfium_c.FPDFText_IsHyphen(textpage, index):
        return "-"
    return chr(code) if code else ""
