"""Attachment fixtures built in the test, byte by byte or with the standard library: Office XML
packages (zipfile), PDFs (raw objects, as tests/hostile/pdf.py), JPEG and PNG with metadata."""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def zip_package(parts: dict[str, str | bytes], extra: dict[str, bytes] | None = None) -> bytes:
    """A zip with [Content_Types].xml and the given parts (text parts stored as UTF-8)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        for name, data in {**parts, **(extra or {})}.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()


def word_xml(body: str, root: str = "w:document") -> str:
    inner = f"<w:body>{body}</w:body>" if root == "w:document" else body
    return f'<?xml version="1.0" encoding="UTF-8"?><{root} {W}>{inner}</{root}>'


def paragraph(*runs: str) -> str:
    return "<w:p>" + "".join(f"<w:r><w:t>{run}</w:t></w:r>" for run in runs) + "</w:p>"


def docx(body: str = paragraph("ข้อความ"), **parts: str | bytes) -> bytes:
    return zip_package({"word/document.xml": word_xml(body), **parts})


def xlsx(shared: str = "", sheet: str = "", **parts: str | bytes) -> bytes:
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return zip_package(
        {
            "xl/workbook.xml": f"<workbook {main}/>",
            "xl/sharedStrings.xml": f"<sst {main}>{shared}</sst>",
            "xl/worksheets/sheet1.xml": f"<worksheet {main}><sheetData>{sheet}</sheetData>"
            "</worksheet>",
            **parts,
        }
    )


def odf(content: str, mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            f"<office:body><office:text>{content}</office:text></office:body>"
            "</office:document-content>",
        )
    return buffer.getvalue()


@functools.cache
def zip_bomb(megabytes: int = 800) -> bytes:
    """An .xlsx whose one sheet expands to `megabytes` MB of zeros (815 KB at 800, like the
    issue's 780 KB bomb). Made once per test session: deflating 800 MB takes seconds."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return buffer.getvalue()


def pdf(
    text: str = "report",
    info: str = "/Title (test)",
    root_extra: str = "",
    page_extra: str = "",
    objects: tuple[bytes, ...] = (),
) -> bytes:
    """A one-page PDF; `objects` are numbered from 7 on and can be referenced as `7 0 R`..."""

    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = f"BT /F1 12 Tf 72 720 Td ({escape(text)}) Tj ET".encode("latin-1")
    bodies = [
        f"<< /Type /Catalog /Pages 2 0 R {root_extra} >>".encode("latin-1"),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R " + page_extra.encode() + b">>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< {info} >>".encode("latin-1"),
        *objects,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(bodies) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def pdf_stream(data: bytes, kind: str = "") -> bytes:
    return b"<< %s /Length %d >>\nstream\n" % (kind.encode(), len(data)) + data + b"\nendstream"


def jpeg(comment: bytes = b"", exif_artist: bytes = b"", app13: bytes = b"") -> bytes:
    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload

    out = b"\xff\xd8" + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    if exif_artist:
        value = exif_artist + b"\x00"
        # TIFF header, one IFD with the Artist tag (0x013B, ASCII) pointing after the IFD.
        tiff = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1)
        tiff += struct.pack("<HHII", 0x013B, 2, len(value), 8 + 2 + 12 + 4) + b"\x00" * 4 + value
        out += segment(0xE1, b"Exif\x00\x00" + tiff)
    if app13:
        out += segment(0xED, b"Photoshop 3.0\x00" + app13)
    if comment:
        out += segment(0xFE, comment)
    return out + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x00\x00\xff\xd9"


def png(chunks: list[tuple[bytes, bytes]]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00")
    body = b"".join(chunk(kind, data) for kind, data in chunks)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + body
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )
