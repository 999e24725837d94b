"""Reading content files safely: size caps, UTF-8 only, line endings, front matter split.

A file saved by Thai Windows (TIS-620 / Windows-874) or as UTF-16 is refused with a hint instead
of being converted silently; a UTF-8 BOM and CRLF / CR endings are accepted and normalised so that
the output is the same as for the LF file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.records import markdown_limits
from site_builder.records.safe_yaml import YamlDocument, YamlError, parse

MAX_RECORD_BYTES = 1024 * 1024
MAX_FRONT_MATTER_BYTES = 64 * 1024


@dataclass
class SourceError(Exception):
    line: int
    thai: str
    english: str


@dataclass
class RecordText:
    """A Markdown file split into its front matter (parsed) and its body."""

    meta: YamlDocument
    body: str
    body_line: int


def _encoding_hint(raw: bytes) -> tuple[str, str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "น่าจะบันทึกเป็น UTF-16", "probably UTF-16"
    try:
        decoded = raw.decode("cp874")
    except UnicodeDecodeError:
        return "", ""
    if any("\u0e01" <= ch <= "\u0e5b" for ch in decoded):
        return (
            "น่าจะบันทึกเป็น TIS-620 / Windows-874 (Thai Windows)",
            "probably TIS-620 / Windows-874",
        )
    return "", ""


def read_text(path: Path, max_bytes: int = MAX_RECORD_BYTES) -> str:
    """The file's text, UTF-8, with LF line endings and no BOM. Raises SourceError."""
    if path.is_symlink():
        raise SourceError(1, "ไฟล์เป็นลิงก์สัญลักษณ์ (symlink) ซึ่งไม่อนุญาต", "symlinks are not allowed")
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(
            1,
            f"ไฟล์ใหญ่เกินไป ({size:,} ไบต์ เกินกำหนด {max_bytes:,} ไบต์)",
            f"file too large ({size:,} bytes, limit {max_bytes:,})",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint_th, hint_en = _encoding_hint(raw)
        thai = "ไฟล์ไม่ได้บันทึกเป็น UTF-8" + (f" ({hint_th})" if hint_th else "")
        thai += " ให้บันทึกใหม่เป็น UTF-8"
        english = "file is not UTF-8" + (f", {hint_en}" if hint_en else "") + "; save it as UTF-8"
        raise SourceError(line, thai, english) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourceError(line, "ไฟล์มีอักขระ NUL", "file contains a NUL character")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if path.suffix.lower() == ".md":
        lines = text.split("\n")
        problem = markdown_limits.first_problem(lines, _body_start(lines))
        if problem is not None:
            raise SourceError(*problem)
    return text


def _is_fence(line: str, closing: bool) -> bool:
    stripped = line.rstrip(" \t")
    return stripped == "---" or (closing and stripped == "...")


def _body_start(lines: list[str]) -> int:
    """Index of the first body line: after the closing fence of front matter, if there is any."""
    if not lines or not _is_fence(lines[0], closing=False):
        return 0
    for index in range(1, len(lines)):
        if _is_fence(lines[index], closing=True):
            return index + 1
    return len(lines)


def split_record(text: str) -> RecordText:
    """Split `---` front matter from the body; parse the front matter. Raises SourceError."""
    lines = text.split("\n")
    if not lines or not _is_fence(lines[0], closing=False):
        raise SourceError(
            1,
            'ไม่พบส่วนหัว (front matter) บรรทัดแรกต้องเป็น "---"',
            'no front matter: the first line must be "---"',
        )
    for index in range(1, len(lines)):
        if _is_fence(lines[index], closing=True):
            break
    else:
        raise SourceError(
            1,
            'ส่วนหัว (front matter) ไม่มี "---" ปิดท้าย',
            'front matter is not closed with "---"',
        )
    yaml_text = "\n".join(lines[1:index]) + "\n"
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise SourceError(
            1,
            f"ส่วนหัว (front matter) ยาวเกิน {MAX_FRONT_MATTER_BYTES:,} ไบต์",
            f"front matter larger than {MAX_FRONT_MATTER_BYTES:,} bytes",
        )
    meta = parse_yaml_text(yaml_text, first_line=2)
    body = "\n".join(lines[index + 1 :])
    return RecordText(meta=meta, body=body, body_line=index + 2)


def parse_yaml_text(text: str, first_line: int = 1) -> YamlDocument:
    try:
        return parse(text, first_line=first_line)
    except YamlError as exc:
        raise SourceError(exc.line, exc.thai, exc.english) from None


def read_yaml_file(path: Path, max_bytes: int = MAX_FRONT_MATTER_BYTES) -> YamlDocument:
    return parse_yaml_text(read_text(path, max_bytes=max_bytes))


def read_record(path: Path) -> RecordText:
    return split_record(read_text(path))
