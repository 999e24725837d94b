"""`catalogue new ID --from ID`: a new round's catalogue, copied as text (comments kept) from an
existing one with its `id` changed, and validated like any catalogue before it is kept."""

from __future__ import annotations

import re
from pathlib import Path

from site_builder.records.catalogue import BUILTIN_DIR, load_catalogue
from site_builder.scaffold.errors import ScaffoldError

CATALOGUE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_ID_LINE = re.compile(r"^id: *\S.*$", re.MULTILINE)
_TITLE_LINE = re.compile(r"^title: .*$", re.MULTILINE)
_YEAR = re.compile(r"(25|26)[0-9]{2}$")


def source_file(catalogue_id: str, dirs: tuple[Path, ...]) -> Path:
    for folder in (*dirs, BUILTIN_DIR):
        path = folder / f"{catalogue_id}.yml"
        if path.is_file():
            return path
    raise ScaffoldError(f'ไม่พบเกณฑ์ต้นทาง "{catalogue_id}"', f'catalogue "{catalogue_id}" not found')


def new_catalogue(new_id: str, from_id: str, out_dir: Path, dirs: tuple[Path, ...] = ()) -> Path:
    """Write out_dir/<new_id>.yml; ScaffoldError (and nothing written) when it would not load."""
    if not CATALOGUE_ID.fullmatch(new_id):
        raise ScaffoldError(
            f'ชื่อเกณฑ์ "{new_id}" ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข . _ - เช่น ita-2570',
            f'catalogue id "{new_id}" must be lowercase a-z, 0-9, ".", "_", "-", e.g. ita-2570',
        )
    target = out_dir / f"{new_id}.yml"
    if target.exists() or (BUILTIN_DIR / f"{new_id}.yml").exists():
        raise ScaffoldError(
            f'{target}: มีเกณฑ์ "{new_id}" อยู่แล้ว ไม่เขียนทับ',
            f'catalogue "{new_id}" already exists; nothing was overwritten',
        )
    text = source_file(from_id, dirs).read_text("utf-8")
    if len(_ID_LINE.findall(text)) != 1:
        raise ScaffoldError(
            f'เกณฑ์ต้นทาง "{from_id}" ไม่มีบรรทัด id: บรรทัดเดียว', f'"{from_id}" has no single id line'
        )
    text = _ID_LINE.sub(f"id: {new_id}", text)
    old_year, new_year = _YEAR.search(from_id), _YEAR.search(new_id)
    if old_year and new_year:
        # "ปีงบประมาณ พ.ศ. 2568" in the title becomes the new round's year.
        text = _TITLE_LINE.sub(
            lambda line: line.group(0).replace(old_year.group(0), new_year.group(0)), text
        )
    header = (
        f"# เกณฑ์ {new_id} คัดลอกจาก {from_id} ด้วย `python -m site_builder catalogue new`\n"
        "# แก้รหัส ชื่อ และคำแนะนำให้ตรงกับคู่มือของรอบการประเมินนี้ แล้วรัน check\n"
        f"# (copied from {from_id}: edit it to match this round's manual, then run check)\n"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    draft = out_dir / f".{new_id}.yml.new"
    draft.write_text(header + text, encoding="utf-8")
    # Validated under its final name, from a folder of its own: exactly as check will read it.
    staging = out_dir / f".{new_id}.check"
    try:
        staging.mkdir(exist_ok=True)
        probe = staging / f"{new_id}.yml"
        draft.replace(probe)
        try:
            load_catalogue(new_id, (staging,))
        except ValueError as exc:
            probe.unlink()
            raise ScaffoldError(str(exc), "the new catalogue does not validate") from None
        probe.replace(target)
    finally:
        draft.unlink(missing_ok=True)
        if staging.is_dir():
            for leftover in staging.iterdir():
                leftover.unlink()
            staging.rmdir()
    return target
