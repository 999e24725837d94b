"""Personal-data tripwire (PDPA): national ID numbers, personal mobile numbers and e-mail
addresses must not be published by accident, in records or in attached documents.

A value the agency publishes on purpose (an executive's office phone or e-mail on o2/o4) is listed
in the record's `public_contacts`. Findings are shown masked, so that the check's own output does
not spread the number further.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from site_builder import thai

# 13 digits, optionally grouped by dashes or spaces (1-2345-67890-12-3), not inside a longer number.
_ID_CANDIDATE = re.compile(r"(?<![0-9])(?:[0-9][\s-]?){12}[0-9](?![0-9])")
# Thai mobile numbers: 06/08/09 + 8 digits, or +66 6/8/9 + 8 digits, with dashes or spaces.
_MOBILE = re.compile(r"(?<![0-9+])(?:\+66[\s-]?|0)[689](?:[\s-]?[0-9]){8}(?![0-9])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

MAX_SCANNED_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Finding:
    line: int
    kind_thai: str
    kind_english: str
    masked: str
    value: str


def valid_national_id(digits: str) -> bool:
    """The checksum of a Thai national ID: sum of d[i]*(13-i) for the first 12 digits."""
    if len(digits) != 13 or not digits.isdigit() or digits[0] == "0":
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def _mask(text: str) -> str:
    # Keep the first and last two digits so the person can find it; hide the rest.
    digits = _digits(text)
    return digits[:2] + "x" * (len(digits) - 4) + digits[-2:]


def _mask_email(text: str) -> str:
    local, _, domain = text.partition("@")
    return local[:1] + "***@" + domain


def normalised_contact(value: str) -> str:
    """What `public_contacts` entries are compared by: digits only, or the lower-cased e-mail."""
    value = thai.to_arabic_digits(value).strip()
    if "@" in value:
        return value.lower()
    digits = _digits(value)
    return "0" + digits[2:] if digits.startswith("66") and len(digits) == 11 else digits


def scan_text(text: str, first_line: int = 1) -> Iterator[Finding]:
    """Every national ID, mobile number and e-mail address in `text`, with its line."""
    arabic = thai.to_arabic_digits(text)

    def line_at(offset: int) -> int:
        return first_line + arabic.count("\n", 0, offset)

    for match in _ID_CANDIDATE.finditer(arabic):
        if valid_national_id(_digits(match.group())):
            yield Finding(
                line_at(match.start()),
                "เลขประจำตัวประชาชน",
                "national ID number",
                _mask(match.group()),
                match.group(),
            )
    for match in _MOBILE.finditer(arabic):
        yield Finding(
            line_at(match.start()),
            "หมายเลขโทรศัพท์มือถือ",
            "mobile phone number",
            _mask(match.group()),
            match.group(),
        )
    for match in _EMAIL.finditer(arabic):
        yield Finding(
            line_at(match.start()),
            "อีเมล",
            "e-mail address",
            _mask_email(match.group()),
            match.group(),
        )


def attachment_text(path: Path) -> str:
    """The text a reader of the attachment sees: PDF text and metadata, Office XML, plain text."""
    suffix = path.suffix.lower()
    if path.stat().st_size > MAX_SCANNED_BYTES:
        return ""
    if suffix == ".pdf":
        return _pdf_text(path)
    if suffix in {".docx", ".xlsx", ".pptx", ".odt", ".ods"}:
        return _office_text(path)
    if suffix in {".csv", ".txt"}:
        return path.read_text("utf-8", errors="replace")
    return ""


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        parts = [str(value) for value in (reader.metadata or {}).values()]
        parts += [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        # A PDF pypdf cannot read is reported by its own check; it cannot be scanned here.
        return ""
    return "\n".join(parts)


def _office_text(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            parts = []
            for info in archive.infolist():
                if info.filename.endswith(".xml") and info.file_size < MAX_SCANNED_BYTES:
                    xml = archive.read(info).decode("utf-8", errors="replace")
                    parts.append(re.sub(r"<[^>]+>", " ", xml))
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return ""
    return "\n".join(parts)
