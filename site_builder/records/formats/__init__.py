"""Readers of attachment formats: each yields the text parts a reader of the file sees
(paragraphs, cells, metadata, link targets), streaming and within fixed limits, or raises
`FormatError` when the file cannot be read safely (then `attachments.check_content` refuses it).

One table says which reader reads which extension; `refusal` is the content check that goes with
it (zip limits for Office files, active content for PDFs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from site_builder.records.formats.errors import FormatError
from site_builder.records.formats.image import image_parts
from site_builder.records.formats.office import office_parts
from site_builder.records.formats.pdf import pdf_parts, pdf_refusal

# Read as UTF-8 text, a piece at a time, keeping line numbers (personal_data._scan_plain).
PLAIN_TEXT = frozenset({".txt", ".csv"})

_READERS: dict[str, Callable[[Path], Iterator[str]]] = {
    ".pdf": pdf_parts,
    ".docx": office_parts,
    ".xlsx": office_parts,
    ".pptx": office_parts,
    ".odt": office_parts,
    ".ods": office_parts,
    ".png": image_parts,
    ".jpg": image_parts,
    ".jpeg": image_parts,
}

# Checks beyond reading: content that must not be published even when it reads well.
_REFUSALS: dict[str, Callable[[Path], tuple[str, str] | None]] = {".pdf": pdf_refusal}


# Outcome of the last complete read of a file (by path, size and modification time): the loader
# scans every attachment and then checks it; the check need not read a 50 MB file a second time.
_READ_OUTCOMES: dict[tuple[str, int, int], FormatError | None] = {}
_MAX_REMEMBERED = 1_000


def _stamp(path: Path) -> tuple[str, int, int]:
    status = path.stat()
    return (str(path), status.st_size, status.st_mtime_ns)


def text_parts(path: Path) -> Iterator[str]:
    """The text parts of `path` (nothing for a format without a reader). Raises FormatError."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        return
    stamp = _stamp(path)
    if len(_READ_OUTCOMES) > _MAX_REMEMBERED:
        _READ_OUTCOMES.clear()
    try:
        yield from reader(path)
    except FormatError as exc:
        _READ_OUTCOMES[stamp] = exc
        raise
    _READ_OUTCOMES[stamp] = None


def refusal(path: Path) -> tuple[str, str] | None:
    """Why the file cannot be published (Thai, English), or None: the format's own check (active
    content in a PDF), then whether the whole file can be read within the limits."""
    check = _REFUSALS.get(path.suffix.lower())
    reason = check(path) if check is not None else None
    if reason is not None or path.suffix.lower() not in _READERS:
        return reason
    stamp = _stamp(path)
    if stamp not in _READ_OUTCOMES:
        try:
            for _ in text_parts(path):
                pass
        except FormatError:
            pass
    error = _READ_OUTCOMES.get(stamp)
    return (error.thai, error.english) if error is not None else None


__all__ = ["PLAIN_TEXT", "FormatError", "refusal", "text_parts"]
