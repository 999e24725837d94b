"""Files published with an o-item: they must exist, stay inside the item's folder, and be what
their extension says, so that an assessor never clicks a broken or mislabelled document."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from site_builder import thai
from site_builder.records import formats
from site_builder.records.models import INVISIBLE

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

# Extension → (Thai type name shown on pages, accepted leading bytes; None = UTF-8 text).
KINDS: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("PDF", (b"%PDF-",)),
    ".docx": ("Word", (b"PK\x03\x04",)),
    ".xlsx": ("Excel", (b"PK\x03\x04",)),
    ".pptx": ("PowerPoint", (b"PK\x03\x04",)),
    ".odt": ("OpenDocument", (b"PK\x03\x04",)),
    ".ods": ("OpenDocument", (b"PK\x03\x04",)),
    ".png": ("ภาพ PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("ภาพ JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("ภาพ JPEG", (b"\xff\xd8\xff",)),
    ".csv": ("CSV", None),
    ".txt": ("ข้อความ", None),
}


# Legacy binary Office formats cannot be read fully (so not checked for personal data): refused,
# with the format to save as instead.
LEGACY: dict[str, str] = {".doc": ".docx หรือ PDF", ".xls": ".xlsx หรือ PDF", ".ppt": ".pptx หรือ PDF"}


@dataclass(frozen=True)
class AttachmentError(Exception):
    thai: str
    english: str


def kind_of(name: str) -> str:
    return KINDS.get(PurePosixPath(name).suffix.lower(), ("ไฟล์", ()))[0]


def resolve(folder: Path, name: str) -> Path:
    """The attachment's path inside `folder`, after checking name, place, size and content."""
    pure = PurePosixPath(name)
    if "\x00" in name or "\\" in name or INVISIBLE.search(name):
        raise AttachmentError("ชื่อไฟล์มีอักขระที่ไม่อนุญาต", "file name has forbidden characters")
    if pure.is_absolute() or ".." in pure.parts or name.startswith("~"):
        raise AttachmentError(
            f'ไฟล์ "{name}" ต้องอยู่ในโฟลเดอร์เดียวกับระเบียนนี้',
            f'file "{name}" must be inside the record\'s folder',
        )
    path = _on_disk(folder.joinpath(*pure.parts), name)
    if path.is_symlink():
        raise AttachmentError(f'ไฟล์ "{name}" เป็นลิงก์สัญลักษณ์ (symlink)', f'"{name}" is a symlink')
    if not path.is_file():
        guess = closest_file(path.parent, path.name)
        if guess is None:
            raise AttachmentError(f'ไม่พบไฟล์แนบ "{name}"', f'attachment "{name}" not found')
        shown = PurePosixPath(*pure.parts[:-1], guess).as_posix()
        raise AttachmentError(
            f'ไม่พบไฟล์แนบ "{name}" มีไฟล์ "{shown}" หมายถึงไฟล์นี้หรือไม่ '
            "(ชื่อไฟล์ต้องตรงกันทุกตัวอักษร รวมตัวพิมพ์เล็กพิมพ์ใหญ่)",
            f'attachment "{name}" not found; did you mean "{shown}"? '
            "(names must match exactly, letter case too)",
        )
    check_content(path, name)
    return path


def _on_disk(path: Path, name: str) -> Path:
    """`path`, or an error naming the file on disk that is the same name written another way
    (NFD, SARA AM as NIKHAHIT + SARA AA): compared after normalising both sides. The record's
    value is normalised when it is read, so the file must be renamed for its link to work."""
    if path.exists() or path.is_symlink() or not path.parent.is_dir():
        return path
    wanted = thai.normalize_thai(path.name)
    for entry in sorted(path.parent.iterdir()):
        if entry.name != path.name and thai.normalize_thai(entry.name) == wanted:
            raise AttachmentError(
                f'ไฟล์ "{entry.name}" เขียนชื่อด้วยอักขระคนละรูปกับ "{name}" ในระเบียน '
                f'(เช่น สระอำแยกเป็นนิคหิตกับสระอา) ให้เปลี่ยนชื่อไฟล์เป็น "{wanted}"',
                f'file "{entry.name}" spells "{name}" with other code points (NFD or split '
                f'SARA AM); rename it to "{wanted}"',
            )
    return path


def _folded(name: str) -> str:
    # As the loader compares URLs: NFC, SARA AM repaired (NIKHAHIT + SARA AA), letter case.
    return thai.normalize_thai(unicodedata.normalize("NFC", name)).casefold()


def closest_file(folder: Path, name: str) -> str | None:
    """The file in `folder` that `name` most likely meant: the same name but for letter case or
    Unicode form (`Structure-Chart.PDF`, NFD, SARA AM typed as two marks), else the nearest."""
    if not folder.is_dir():
        return None
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != "index.md")
    by_folded = {_folded(candidate): candidate for candidate in names}
    if _folded(name) in by_folded:
        return by_folded[_folded(name)]
    close = difflib.get_close_matches(_folded(name), list(by_folded), n=1, cutoff=0.6)
    return by_folded[close[0]] if close else None


def check_content(path: Path, name: str) -> None:
    suffix = path.suffix.lower()
    if suffix in LEGACY:
        raise AttachmentError(
            f'ไม่รับไฟล์ Office รุ่นเก่า "{name}" เพราะตรวจข้อมูลส่วนบุคคลข้างในไม่ได้ '
            f"ให้เปิดไฟล์แล้วบันทึกเป็น {LEGACY[suffix]}",
            f'legacy Office file "{name}" cannot be checked for personal data; save it as '
            f"{suffix}x or PDF",
        )
    if suffix not in KINDS:
        allowed = " ".join(sorted(KINDS))
        raise AttachmentError(
            f'ไม่รองรับไฟล์ชนิด "{suffix or name}" (รองรับ {allowed})',
            f'file type "{suffix or name}" not supported ({allowed})',
        )
    size = path.stat().st_size
    if size == 0:
        raise AttachmentError(f'ไฟล์แนบ "{name}" ว่างเปล่า', f'attachment "{name}" is empty')
    if size > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(
            f'ไฟล์แนบ "{name}" ใหญ่เกิน {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB',
            f'attachment "{name}" is larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB',
        )
    magic = KINDS[suffix][1]
    with path.open("rb") as handle:
        head = handle.read(4096)
    if magic is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A cut in the middle of a character at the end of the sample is not an error.
            if exc.start < len(head) - 3:
                raise AttachmentError(
                    f'ไฟล์ "{name}" ไม่ได้บันทึกเป็น UTF-8', f'"{name}" is not UTF-8 text'
                ) from None
    elif not head.startswith(magic):
        raise AttachmentError(
            f'ไฟล์ "{name}" ไม่ใช่ไฟล์ {KINDS[suffix][0]} ตามนามสกุล',
            f'"{name}" is not a {suffix} file',
        )
    reason = formats.refusal(path)
    if reason is not None:
        raise AttachmentError(*reason)


def human_size(size: int) -> str:
    """`1.2 MB`, `350 KB`: how document links show their size."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"
