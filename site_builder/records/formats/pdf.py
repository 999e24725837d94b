"""PDFs as a reader sees them: the text of every page, the document information, the XMP
metadata stream, annotations (comments, their authors, link targets), bookmarks and form values.

A PDF that carries embedded files or JavaScript (an `/OpenAction`, `/AA` or link that runs a
script, `/Launch`) is refused: its attachments are not scanned and its scripts would run in the
reader's viewer.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from site_builder.records.formats.errors import FormatError
from site_builder.records.formats.office import xml_parts

# Keys and action types that make a PDF active or a container of other files.
_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia"})
_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/RichMediaExecute"})
_ACTIVE_SUBTYPES = frozenset({"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen"})
# A PDF with more objects than this is walked only this far (then it is refused as too complex).
MAX_PDF_OBJECTS = 500_000
_ANNOTATION_TEXT = ("/Contents", "/T", "/Subj", "/RC", "/NM")


def _reader(path: Path) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return PdfReader(path, strict=False)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise FormatError(
            f'เปิดไฟล์ PDF "{path.name}" ไม่ได้ (ไฟล์เสียหาย)', f'cannot open PDF "{path.name}"'
        ) from None


def _unreadable(path: Path, exc: Exception) -> FormatError:
    return FormatError(
        f'อ่านไฟล์ PDF "{path.name}" ไม่ครบ (ไฟล์เสียหายหรือเข้ารหัส) ให้บันทึก PDF ใหม่',
        f'cannot read PDF "{path.name}" completely (damaged or encrypted): {type(exc).__name__}',
    )


def pdf_parts(path: Path) -> Iterator[str]:
    from pypdf.errors import PyPdfError

    reader = _reader(path)
    try:
        if reader.is_encrypted:
            raise FormatError(
                f'ไฟล์ PDF "{path.name}" เข้ารหัสไว้ ตรวจข้อมูลส่วนบุคคลไม่ได้ ให้บันทึกแบบไม่เข้ารหัส',
                f'PDF "{path.name}" is encrypted and cannot be checked; save it unencrypted',
            )
        yield from (str(value) for value in (reader.metadata or {}).values())
        yield from _xmp(reader, path.name)
        yield from _outline_titles(reader.outline)
        for field in (reader.get_fields() or {}).values():
            yield str(field.get("/V", ""))
        for page in reader.pages:
            yield page.extract_text() or ""
            for annotation in page.get("/Annots") or []:
                yield from _annotation_text(annotation.get_object())
    except FormatError:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        OSError,
        RecursionError,
        ZeroDivisionError,
        IndexError,
    ) as exc:
        raise _unreadable(path, exc) from None


def _xmp(reader: Any, name: str) -> Iterator[str]:
    root = reader.trailer["/Root"].get_object()
    metadata = root.get("/Metadata")
    if metadata is not None:
        yield from xml_parts(io.BytesIO(metadata.get_object().get_data()), f"{name} (XMP)")


def _outline_titles(outline: Any) -> Iterator[str]:
    stack = [outline]
    while stack:
        entry = stack.pop()
        if isinstance(entry, list):
            stack.extend(entry)
        elif entry is not None:
            yield str(getattr(entry, "title", "") or "")


def _annotation_text(annotation: Any) -> Iterator[str]:
    for key in _ANNOTATION_TEXT:
        if key in annotation:
            yield str(annotation[key])
    action = annotation.get("/A")
    if action is not None:
        action = action.get_object()
        yield str(action.get("/URI", ""))


def pdf_refusal(path: Path) -> tuple[str, str] | None:
    """Why the PDF must not be published (embedded files, scripts), or None. Every object
    reachable from the trailer is looked at, compressed object streams included."""
    from pypdf.errors import PyPdfError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    try:
        reader = _reader(path)
        stack: list[Any] = [reader.trailer]
        seen: set[tuple[int, int]] = set()
        while stack:
            value = stack.pop()
            if isinstance(value, IndirectObject):
                key = (value.idnum, value.generation)
                if key in seen:
                    continue
                seen.add(key)
                if len(seen) > MAX_PDF_OBJECTS:
                    return (
                        f'ไฟล์ PDF "{path.name}" มีวัตถุมากเกิน {MAX_PDF_OBJECTS:,} ชิ้น',
                        f'PDF "{path.name}" has more than {MAX_PDF_OBJECTS:,} objects',
                    )
                stack.append(value.get_object())
            elif isinstance(value, DictionaryObject):
                reason = _active(value, path.name)
                if reason is not None:
                    return reason
                stack.extend(value[key] for key in value if key != "/Parent")
            elif isinstance(value, ArrayObject):
                stack.extend(value)
    except FormatError as exc:
        return exc.thai, exc.english
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        OSError,
        RecursionError,
    ) as exc:
        error = _unreadable(path, exc)
        return error.thai, error.english
    return None


def _active(dictionary: Any, name: str) -> tuple[str, str] | None:
    keys = set(dictionary.keys())
    action = dictionary.get("/S")
    subtype = dictionary.get("/Subtype")
    if keys & {"/EmbeddedFile", "/EmbeddedFiles"} or "/EF" in keys or subtype in _ACTIVE_SUBTYPES:
        return (
            f'ไฟล์ PDF "{name}" มีไฟล์อื่นฝังอยู่ข้างใน ซึ่งตรวจไม่ได้ '
            "ให้แนบไฟล์นั้นแยกต่างหาก แล้วบันทึก PDF ใหม่โดยไม่ฝังไฟล์",
            f'PDF "{name}" has embedded files; attach them separately and save the PDF '
            "without them",
        )
    if keys & _ACTIVE_KEYS or action in _ACTIVE_ACTIONS:
        return (
            f'ไฟล์ PDF "{name}" มีสคริปต์ (JavaScript) หรือคำสั่งเปิดโปรแกรม ซึ่งไม่อนุญาต '
            'ให้พิมพ์เป็น PDF ใหม่ (Print to PDF / "Microsoft Print to PDF")',
            f'PDF "{name}" contains JavaScript or a launch action; print it to a new PDF',
        )
    return None
