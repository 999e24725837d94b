"""Office Open XML (.docx .xlsx .pptx) and OpenDocument (.odt .ods), read as a reader sees them:
every XML part (body, headers, footers, comments, notes, shared strings, metadata, .rels link
targets), one paragraph or cell at a time with its runs joined (`<w:t>1101700</w:t></w:r><w:r>
<w:t>230708</w:t>` is one number), attribute values too; UTF-16 parts as well (expat reads the
BOM); embedded workbooks and documents recursively, embedded images' metadata, and printable
strings of embedded binary objects. XML is parsed by expat as a stream, with entity declarations
refused (the billion-laughs attack), so memory stays bounded whatever the part's size.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from site_builder.records.formats.errors import FormatError
from site_builder.records.formats.image import image_bytes_parts, printable_strings
from site_builder.records.formats.zipped import open_zip

# Elements whose end closes one piece of text (a paragraph, a heading, a shared string, a cell).
_PARAGRAPHS = frozenset({"p", "h", "si", "is", "c", "comment"})
# Empty elements that stand for a character between runs.
_CHARACTERS = {"tab": " ", "br": " ", "cr": " ", "s": " ", "line-break": " ", "noBreakHyphen": "-"}
_XML_PART = re.compile(r"\.(?:xml|rels|vml)$", re.IGNORECASE)
_ZIP_PART = re.compile(r"\.(?:docx|xlsx|pptx|docm|xlsm|pptm|odt|ods|odp)$", re.IGNORECASE)
_IMAGE_PART = re.compile(r"\.(?:jpe?g|png)$", re.IGNORECASE)
_BINARY_PART = re.compile(r"\.(?:bin|ole|emf|wmf)$", re.IGNORECASE)
# Embedded documents are opened from memory: each at most this big, at most this deep.
MAX_EMBEDDED_BYTES = 20 * 1024 * 1024
MAX_EMBEDDING_DEPTH = 2
_CHUNK = 64 * 1024
_MAX_PIECE_CHARS = 64 * 1024


def office_parts(path: Path) -> Iterator[str]:
    with open_zip(str(path), path.name) as archive:
        yield from _archive_parts(archive, path.name, 0)


def _archive_parts(archive: zipfile.ZipFile, name: str, depth: int) -> Iterator[str]:
    for info in archive.infolist():
        if info.is_dir():
            continue
        part = info.filename
        # The part names are text too ([Content_Types] and .rels name them).
        yield part
        try:
            if _XML_PART.search(part) or part in ("content.xml", "meta.xml", "styles.xml"):
                with archive.open(info) as stream:
                    yield from xml_parts(stream, f"{name}/{part}")
            elif _ZIP_PART.search(part):
                yield from _embedded(archive, info, name, depth)
            elif _IMAGE_PART.search(part):
                yield from image_bytes_parts(_bounded_read(archive, info, name), part)
            elif _BINARY_PART.search(part):
                yield from printable_strings(_bounded_read(archive, info, name))
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
            # zlib errors, bad CRC, encrypted members: the file cannot be read whole.
            raise FormatError(
                f'อ่านส่วน "{part}" ของไฟล์ "{name}" ไม่ได้ (ไฟล์เสียหายหรือเข้ารหัส)',
                f'cannot read part "{part}" of "{name}" (damaged or encrypted): {exc}',
            ) from None


def _bounded_read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    if info.file_size > MAX_EMBEDDED_BYTES:
        raise FormatError(
            f'ส่วนฝัง "{info.filename}" ในไฟล์ "{name}" ใหญ่เกิน {MAX_EMBEDDED_BYTES // 2**20} MB',
            f'embedded part "{info.filename}" of "{name}" is larger than '
            f"{MAX_EMBEDDED_BYTES // 2**20} MB",
        )
    return archive.read(info)


def _embedded(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, depth: int
) -> Iterator[str]:
    inner_name = f"{name}/{info.filename}"
    if depth >= MAX_EMBEDDING_DEPTH:
        raise FormatError(
            f'ไฟล์ "{name}" ฝังเอกสารซ้อนกันเกิน {MAX_EMBEDDING_DEPTH} ชั้น',
            f'"{name}" embeds documents more than {MAX_EMBEDDING_DEPTH} levels deep',
        )
    data = _bounded_read(archive, info, name)
    with open_zip(io.BytesIO(data), inner_name) as inner:
        yield from _archive_parts(inner, inner_name, depth + 1)


class _Collector:
    """expat handlers that gather the text of one XML part, a paragraph at a time."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.buffer: list[str] = []
        self.buffered = 0
        self.paragraph_depth = 0

    def flush(self) -> None:
        if self.buffer:
            self.pieces.append("".join(self.buffer))
            self.buffer, self.buffered = [], 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local in _PARAGRAPHS:
            self.paragraph_depth += 1
        elif local in _CHARACTERS:
            self.buffer.append(_CHARACTERS[local])
        # Attribute values are published too (hyperlink targets, authors, alt text).
        self.pieces.extend(value for value in attributes.values() if value.strip())

    def end(self, tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local in _PARAGRAPHS:
            self.paragraph_depth = max(0, self.paragraph_depth - 1)
            self.flush()
        elif self.paragraph_depth == 0:
            self.flush()

    def data(self, text: str) -> None:
        # Indentation of pretty-printed XML is not text; a space run inside a paragraph is.
        if "\n" in text and not text.strip():
            return
        self.buffer.append(text)
        self.buffered += len(text)
        if self.buffered > _MAX_PIECE_CHARS:
            self.flush()


def _refuse_entities(*_: Any) -> None:
    raise FormatError(
        "ไฟล์ XML ประกาศ entity เอง (DTD) ซึ่งไม่อนุญาต", "XML declares its own entities (DTD)"
    )


def xml_parts(stream: IO[bytes], name: str) -> Iterator[str]:
    """Text pieces of one XML document read from `stream`, in document order."""
    collector = _Collector()
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.data
    parser.EntityDeclHandler = _refuse_entities
    try:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
            yield from collector.pieces
            collector.pieces.clear()
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise FormatError(
            f'ส่วน "{name}" ไม่ใช่ XML ที่ถูกต้อง', f'part "{name}" is not well-formed XML: {exc}'
        ) from None
    collector.flush()
    yield from collector.pieces
