"""Zip-based files (Office XML, OpenDocument) opened within limits, before anything is
decompressed: a 780 KB .xlsx that expands to gigabytes is refused from its directory alone.

Python's zipfile stops reading a member at its declared size, so the declared sizes checked here
bound what is ever decompressed.
"""

from __future__ import annotations

import zipfile
from typing import IO

from site_builder.records.formats.errors import FormatError

MAX_ZIP_ENTRIES = 5_000
MAX_ZIP_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# Text XML compresses about 5-20 times; a bomb compresses thousands of times. The ratio is only
# judged for members large enough to matter.
MAX_ZIP_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024


def open_zip(source: str | IO[bytes], name: str) -> zipfile.ZipFile:
    """The archive, after checking its directory against the limits. Raises FormatError."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise FormatError(
            f'ไฟล์ "{name}" เสียหาย เปิดเป็นไฟล์ zip ไม่ได้', f'"{name}" is damaged (not a zip file)'
        ) from None
    try:
        check_limits(archive, name)
    except FormatError:
        archive.close()
        raise
    return archive


def check_limits(archive: zipfile.ZipFile, name: str) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise FormatError(
            f'ไฟล์ "{name}" มีส่วนประกอบ {len(entries):,} ส่วน เกินกำหนด {MAX_ZIP_ENTRIES:,}',
            f'"{name}" has {len(entries):,} parts, limit {MAX_ZIP_ENTRIES:,}',
        )
    total = sum(info.file_size for info in entries)
    if total > MAX_ZIP_UNCOMPRESSED_BYTES:
        raise FormatError(
            f'ไฟล์ "{name}" เมื่อคลายบีบอัดใหญ่ {total // 2**20:,} MB '
            f"เกินกำหนด {MAX_ZIP_UNCOMPRESSED_BYTES // 2**20} MB (อาจเป็น zip bomb)",
            f'"{name}" expands to {total // 2**20:,} MB, limit '
            f"{MAX_ZIP_UNCOMPRESSED_BYTES // 2**20} MB (a zip bomb?)",
        )
    for info in entries:
        if info.file_size >= RATIO_CHECKED_FROM_BYTES and (
            info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)
        ):
            raise FormatError(
                f'ส่วน "{info.filename}" ของไฟล์ "{name}" บีบอัดไว้เกิน {MAX_ZIP_RATIO} เท่า '
                "(อาจเป็น zip bomb) ให้บันทึกไฟล์ใหม่จากโปรแกรมที่สร้าง",
                f'part "{info.filename}" of "{name}" is compressed more than {MAX_ZIP_RATIO} '
                "times (a zip bomb?); save the file again from the program that made it",
            )
