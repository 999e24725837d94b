"""Metadata of JPEG and PNG images: JPEG comments and every APPn segment (EXIF, XMP, IPTC),
PNG text chunks (tEXt, zTXt, iTXt) and eXIf. A camera or phone writes the owner's name and
number there; the published file carries it. Pixel data is not read.

The container walk is a few lines of the formats' own framing (markers and lengths); what is
inside a segment is read as text whatever its encoding (UTF-8, UTF-16 as Windows writes XPAuthor,
Latin-1), so no field is missed because a parser does not know it.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from site_builder.records.formats.errors import FormatError

MAX_METADATA_BYTES = 8 * 1024 * 1024
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_TEXT = {b"tEXt", b"zTXt", b"iTXt", b"eXIf"}
_JPEG_SOS = 0xDA
_JPEG_EOI = 0xD9
# Markers without a length field (TEM, RSTn).
_JPEG_BARE = {0x01, *range(0xD0, 0xD8)}
_UTF16_RUN = re.compile(rb"(?:[\x20-\x7e]\x00){4,}")
_ASCII_RUN = re.compile(rb"[\x20-\x7e\t]{4,}")


def printable_strings(data: bytes) -> Iterator[str]:
    """Text in binary data: UTF-8 (Thai digits included), ASCII runs and UTF-16LE runs."""
    yield data.decode("utf-8", errors="replace").replace("\ufffd", " ")
    for run in _UTF16_RUN.finditer(data):
        yield run.group().decode("utf-16-le", errors="replace")
    for run in _UTF16_RUN.finditer(data[1:]):
        yield run.group().decode("utf-16-le", errors="replace")
    utf16 = data.decode("utf-16-le", errors="ignore") if b"\x00" in data else ""
    if utf16:
        yield utf16
    for run in _ASCII_RUN.finditer(data):
        yield run.group().decode("ascii")


def image_parts(path: Path) -> Iterator[str]:
    with path.open("rb") as handle:
        yield from _image(handle, path.name)


def image_bytes_parts(data: bytes, name: str) -> Iterator[str]:
    """The same for an image held in memory (embedded in an Office file)."""
    yield from _image(io.BytesIO(data), name)


def _image(handle: IO[bytes], name: str) -> Iterator[str]:
    head = handle.read(8)
    if head.startswith(_PNG_SIGNATURE):
        yield from _png(handle, name)
    elif head.startswith(b"\xff\xd8"):
        handle.seek(2)
        yield from _jpeg(handle, name)


def _too_much(name: str) -> FormatError:
    return FormatError(
        f'ข้อมูลกำกับ (metadata) ในภาพ "{name}" ยาวเกิน {MAX_METADATA_BYTES // 2**20} MB',
        f'metadata of image "{name}" is larger than {MAX_METADATA_BYTES // 2**20} MB',
    )


def _jpeg(handle: IO[bytes], name: str) -> Iterator[str]:
    read = 0
    while True:
        marker = handle.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            return
        kind = marker[1]
        if kind == 0xFF:
            # Fill bytes before a marker.
            handle.seek(-1, 1)
            continue
        if kind in _JPEG_BARE:
            continue
        if kind in (_JPEG_SOS, _JPEG_EOI):
            return
        length_bytes = handle.read(2)
        if len(length_bytes) < 2:
            return
        length = struct.unpack(">H", length_bytes)[0] - 2
        if 0xE0 <= kind <= 0xEF or kind == 0xFE:
            read += length
            if read > MAX_METADATA_BYTES:
                raise _too_much(name)
            yield from printable_strings(handle.read(max(length, 0)))
        else:
            handle.seek(max(length, 0), 1)


def _png(handle: IO[bytes], name: str) -> Iterator[str]:
    read = 0
    while header := handle.read(8):
        if len(header) < 8:
            return
        length, kind = struct.unpack(">I4s", header)
        if kind in _PNG_TEXT:
            read += length
            if read > MAX_METADATA_BYTES:
                raise _too_much(name)
            yield from _png_text(kind, handle.read(length), name)
            handle.seek(4, 1)
        elif kind == b"IEND":
            return
        else:
            handle.seek(length + 4, 1)


def _png_text(kind: bytes, data: bytes, name: str) -> Iterator[str]:
    if kind == b"zTXt":
        keyword, _, rest = data.partition(b"\x00")
        yield keyword.decode("latin-1")
        yield _inflate(rest[1:], name).decode("latin-1")
    elif kind == b"iTXt":
        keyword, _, rest = data.partition(b"\x00")
        compressed = rest[:1] == b"\x01"
        _, _, rest = rest[2:].partition(b"\x00")  # language tag
        translated, _, text = rest.partition(b"\x00")
        yield keyword.decode("latin-1")
        yield translated.decode("utf-8", errors="replace")
        yield (_inflate(text, name) if compressed else text).decode("utf-8", errors="replace")
    else:
        yield from printable_strings(data)


def _inflate(data: bytes, name: str) -> bytes:
    # Bounded: a compressed text chunk is a zip bomb in miniature.
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, MAX_METADATA_BYTES)
    except zlib.error:
        raise FormatError(
            f'ข้อมูลกำกับในภาพ "{name}" เสียหาย', f'metadata of image "{name}" is damaged'
        ) from None
    if inflater.unconsumed_tail:
        raise _too_much(name)
    return out
