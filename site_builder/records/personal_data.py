"""Personal-data tripwire (PDPA): national ID numbers, personal mobile numbers and e-mail
addresses must not be published by accident, in records or in attached documents.

A value the agency publishes on purpose (an executive's office phone or e-mail on o2/o4) is listed
in the record's `public_contacts`. Findings are shown masked, so that the check's own output does
not spread the number further.

Every text goes through `normalise.normalise` first; every pattern below is linear (bounded
repetition only, or a lookbehind that fails at once inside a run), so a hostile body of 1 MiB costs
what a page of text costs.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from site_builder.records import formats
from site_builder.records.normalise import (
    normalise,
    normalise_characters,
    strip_markup,
    tags_only,
)

# A separator between digit groups: a short run of spaces, dashes, dots, slashes or brackets.
_SEP = r"[ ./()-]{1,3}"
# A national ID: 13 digits, grouped (if at all) as the card prints it, 1-2345-67890-12-3. The
# first digit is 1-8 (0 is a juristic person's tax number, which is public).
_NATIONAL_ID = re.compile(
    rf"(?=[1-8])(?<![0-9])(?=([1-8](?:{_SEP})?[0-9]{{4}}(?:{_SEP})?[0-9]{{5}}(?:{_SEP})?[0-9]{{2}}"
    rf"(?:{_SEP})?[0-9])(?![0-9]))"
)
# (Patterns open with a lookahead on one character class: the engine then skips text that cannot
# start a match without trying the whole pattern there.)
# A Thai mobile number: 06/08/09 and 8 digits, or the same after +66 / 66 / +66 (0), with at
# most three separators anywhere in it (081-234-5678, 08 1234 5678, (081) 234-5678).
_MOBILE = re.compile(
    r"(?=[+(06])(?<![0-9])(?:\+?66 ?(?:\(0\) ?)?(?=[689])|\(?(?=0[689]))"
    r"((?:0 ?)?[689](?:[ .()-]{0,3}[0-9]){8})(?![0-9])"
)
# A date in front of digits (09/05/2568 10.00 น.) is a date and a time, not a phone number.
_DATE_START = re.compile(r"[0-9]{1,2}[./-][0-9]{1,2}[./-](?:25|20|19)[0-9]{2}")
_MAX_MOBILE_SEPARATORS = 3
# Local part up to 64 characters, starting where a run of address characters starts: the
# lookbehind fails at once inside a run, so a body of one letter is read once, not once per start.
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10}"
)
# A phone entry of `public_contacts`: a hotline (1111), a landline or a mobile, with an extension.
_PHONE_CONTACT = re.compile(
    r"(?P<number>\+?[0-9][0-9 ().-]{2,30}?)(?: ?(?:ต่อ|ext\.?|x|#) ?[0-9]{1,6})?", re.IGNORECASE
)
_PHONE_DIGITS = frozenset({4, 5, 9, 10, 11, 12})

# Text attachments are read in pieces of this many characters (plus the line before, so that a
# number wrapped over the cut is still seen whole).
_PIECE_CHARS = 1024 * 1024


@dataclass(frozen=True)
class Finding:
    line: int
    kind_thai: str
    kind_english: str
    masked: str
    # The number or address in its canonical form (digits only; a mobile as 0XXXXXXXXX; the
    # e-mail lower-cased): what `public_contacts` entries are compared with.
    value: str


def valid_national_id(digits: str) -> bool:
    """The checksum of a Thai national ID: sum of d[i]*(13-i) for the first 12 digits."""
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit() or digits[0] == "0":
        return False
    total = sum(map(operator.mul, map(int, digits[:12]), _WEIGHTS))
    return (11 - total % 11) % 10 == int(digits[12])


_NOT_DIGITS = re.compile(r"[^0-9]+")
_SEPARATOR_RUN = re.compile(r"[ .()-]+")
_WEIGHTS = range(13, 1, -1)
_KINDS = {
    "id": ("เลขประจำตัวประชาชน", "national ID number"),
    "mobile": ("หมายเลขโทรศัพท์มือถือ", "mobile phone number"),
    "email": ("อีเมล", "e-mail address"),
}


def _digits(text: str) -> str:
    return _NOT_DIGITS.sub("", text)


def _mask(digits: str) -> str:
    # Keep the first and last two digits so the person can find it; hide the rest.
    return digits[:2] + "x" * (len(digits) - 4) + digits[-2:]


def _mask_email(text: str) -> str:
    local, _, domain = text.partition("@")
    return local[:1] + "***@" + domain


def _mobile_canonical(digits: str) -> str:
    """`0812345678` for 0812345678, 66812345678 and 660812345678 alike."""
    if digits.startswith("66"):
        digits = digits[2:]
    return digits if digits.startswith("0") else "0" + digits


def normalised_contact(value: str) -> str:
    """What `public_contacts` entries are compared by: digits only (a mobile as 0XXXXXXXXX), or
    the lower-cased e-mail, after the same normaliser as the scanned text."""
    value = normalise(value).strip()
    email = _EMAIL.search(value)
    if email:
        return email.group().lower()
    digits = _digits(value)
    if digits.startswith("66") and len(digits) in (11, 12):
        return _mobile_canonical(digits)
    return digits


def contact_problem(value: str) -> tuple[str, str] | None:
    """Why `value` cannot be a `public_contacts` entry (Thai, English), or None: an entry is one
    phone number or one e-mail address, never a national ID."""
    text = normalise(value).strip()
    if any(finding.kind_english == "national ID number" for finding in _found(text, 1)):
        return (
            "public_contacts รับเฉพาะหมายเลขโทรศัพท์หรืออีเมล ห้ามใส่เลขประจำตัวประชาชน",
            "public_contacts takes phone numbers and e-mail addresses only, never an ID",
        )
    if _EMAIL.fullmatch(text):
        return None
    phone = _PHONE_CONTACT.fullmatch(text)
    if phone and len(_digits(phone.group("number"))) in _PHONE_DIGITS:
        return None
    return (
        "public_contacts รับเฉพาะหมายเลขโทรศัพท์หรืออีเมล รายการละหนึ่งค่า",
        "public_contacts takes one phone number or e-mail address per entry",
    )


def _found(text: str, first_line: int) -> Iterator[Finding]:
    """Matches in already normalised `text`, with lines counted from `first_line`. A value
    repeated in the text is reported once, at its first line."""
    first_at: dict[tuple[str, str], int] = {}
    for match in _NATIONAL_ID.finditer(text):
        digits = _digits(match.group(1))
        if ("id", digits) not in first_at and valid_national_id(digits):
            first_at["id", digits] = match.start()
    for match in _MOBILE.finditer(text):
        number = match.group(1)
        key = ("mobile", _mobile_canonical(_digits(number)))
        if key in first_at or _DATE_START.match(number):
            continue
        if len(_SEPARATOR_RUN.findall(number.strip())) <= _MAX_MOBILE_SEPARATORS:
            first_at[key] = match.start()
    for match in _EMAIL.finditer(text):
        first_at.setdefault(("email", match.group().strip(".").lower()), match.start())
    # Lines are counted once, in order of position, not from the start for every hit.
    line, counted_to = first_line, 0
    for (kind, value), start in sorted(first_at.items(), key=lambda item: item[1]):
        line += text.count("\n", counted_to, start)
        counted_to = start
        kind_thai, kind_english = _KINDS[kind]
        masked = _mask_email(value) if kind == "email" else _mask(value)
        yield Finding(line, kind_thai, kind_english, masked, value)


def scan_text(text: str, first_line: int = 1) -> Iterator[Finding]:
    """Every national ID, mobile number and e-mail address in `text`, with its line."""
    seen: set[tuple[int, str, str]] = set()
    characters = normalise_characters(text)
    views = [strip_markup(characters)]
    if "<" in characters:
        views.append(tags_only(characters))
    for view in views:
        yield from _new(_found(view, first_line), seen)


def _new(findings: Iterable[Finding], seen: set[tuple[int, str, str]]) -> Iterator[Finding]:
    for finding in findings:
        key = (finding.line, finding.kind_english, finding.value)
        if key not in seen:
            seen.add(key)
            yield finding


def scan_parts(parts: Iterable[str]) -> Iterator[Finding]:
    """Findings in the text parts of a document (paragraphs, cells, metadata), line 1 each:
    parts are read in batches, one part a line, so that a sheet of a million cells costs a few
    scans and not a million."""
    seen: set[tuple[int, str, str]] = set()
    batch: list[str] = []
    size = 0
    for part in parts:
        part = " ".join(part.split())
        if not part:
            continue
        batch.append(part)
        size += len(part)
        if size >= _PIECE_CHARS:
            yield from _batch_findings(batch, seen)
            batch, size = [], 0
    yield from _batch_findings(batch, seen)


def _batch_findings(batch: list[str], seen: set[tuple[int, str, str]]) -> Iterator[Finding]:
    # One part a line; NUL keeps a number from running into the next part.
    findings = (replace(finding, line=1) for finding in scan_text("\n\x00".join(batch)))
    yield from _new(findings, seen)


def _scan_plain(path: Path) -> Iterator[Finding]:
    """A .txt or .csv file a piece at a time (never the whole 50 MB in memory at once). Each
    piece is scanned with the last line of the previous one in front, so that a number wrapped
    over the cut is still whole; a finding on that shared line is reported once."""
    seen: set[tuple[int, str, str]] = set()
    pending, pending_line, overlap = "", 1, ""
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        while piece := handle.read(_PIECE_CHARS):
            text = pending + piece
            cut = text.rfind("\n")
            if cut < 0 and len(text) < 4 * _PIECE_CHARS:
                pending = text
                continue
            body, pending = (text, "") if cut < 0 else (text[:cut], text[cut + 1 :])
            first = pending_line - 1 if overlap else pending_line
            yield from _new(scan_text(f"{overlap}\n{body}" if overlap else body, first), seen)
            overlap = body[body.rfind("\n") + 1 :] if cut >= 0 else ""
            pending_line += body.count("\n") + (1 if cut >= 0 else 0)
    if pending or overlap:
        first = pending_line - 1 if overlap else pending_line
        yield from _new(scan_text(f"{overlap}\n{pending}" if overlap else pending, first), seen)


def scan_file(path: Path) -> Iterator[Finding]:
    """Every finding in an attachment as a reader opens it. Text files keep their lines; other
    formats (PDF, Office, images) report line 1. A file that cannot be read safely (a zip bomb,
    a legacy .doc) yields nothing here: `attachments.check_content` refuses it."""
    if path.suffix.lower() in formats.PLAIN_TEXT:
        yield from _scan_plain(path)
        return
    try:
        yield from scan_parts(formats.text_parts(path))
    except formats.FormatError:
        return


def attachment_text(path: Path) -> str:
    """The text a reader of the attachment sees, one part a line (kept for callers that want
    the text itself; the loader uses `scan_file`, which streams)."""
    if path.suffix.lower() in formats.PLAIN_TEXT:
        return path.read_text("utf-8", errors="replace")
    try:
        return "\n".join(formats.text_parts(path))
    except formats.FormatError:
        return ""
