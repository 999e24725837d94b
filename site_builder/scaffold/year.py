"""`new-year`: the next fiscal year from the previous one, without touching anything that exists.

Items the catalogue marks `carry_forward` (structure, executives, contacts, manuals...) are copied
with their attachments: they stay true from year to year. Every other item is dated evidence of
the new year, so it is left empty, and the checklist (outside content/, never published) lists
what to fill in. The year is assembled in a hidden folder and renamed into place, so a failure
leaves no half-made year behind.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.records.catalogue import Catalogue, Item, load_catalogue
from site_builder.records.models import YearConfig
from site_builder.records.problems import Problems
from site_builder.records.sources import SourceError, read_yaml_file
from site_builder.records.validation import validate
from site_builder.scaffold.errors import ScaffoldError

DEFAULT_CATALOGUE = "ita-2568"

# What the checklist says about the time an item's evidence must be about (catalogue `period`).
PERIOD_ADVICE = {
    "current": "เอกสารลงวันที่ในปีงบประมาณนี้",
    "previous": "รายงานของปีงบประมาณที่ผ่านมา",
    "first_half": "ข้อมูลอย่างน้อย ต.ค. – มี.ค. ของปีงบประมาณนี้",
    "plan": "แผนที่ครอบคลุมทั้งปีงบประมาณนี้",
    "any": "",
}


@dataclass
class YearStart:
    year: int
    folder: Path
    catalogue: Catalogue
    carried: list[str] = field(default_factory=list)
    checklist: Path | None = None


def checklist_path(content_dir: Path, year: int) -> Path:
    return content_dir.resolve().parent / f"ita-{year}-checklist.md"


def catalogue_of(year_folder: Path, catalogue_dirs: tuple[Path, ...]) -> str:
    """The catalogue id that `year_folder/year.yml` names; ScaffoldError if it cannot be read."""
    year_file = year_folder / "year.yml"
    problems = Problems()
    try:
        doc = read_yaml_file(year_file)
    except (SourceError, OSError) as exc:
        raise ScaffoldError(
            f"{year_file}: อ่าน year.yml ของปีต้นทางไม่ได้", f"cannot read {year_file}: {exc}"
        ) from None
    config = validate(YearConfig, doc, str(year_file), problems)
    if config is None:
        raise ScaffoldError("\n".join(str(p) for p in problems), "fix the source year first")
    return config.catalogue


def start_year(
    content_dir: Path,
    year: int,
    *,
    from_year: int | None,
    catalogue_id: str | None = None,
    catalogue_dirs: tuple[Path, ...] = (),
) -> YearStart:
    """Write content_dir/ita/<year>/ (and its checklist); ScaffoldError before writing anything."""
    ita = content_dir / "ita"
    target = ita / str(year)
    checklist = checklist_path(content_dir, year)
    if target.exists() or target.is_symlink():
        raise ScaffoldError(
            f"{target}: มีปีงบประมาณ {year} อยู่แล้ว ไม่เขียนทับ",
            f"fiscal year {year} already exists; nothing was overwritten",
        )
    if checklist.exists():
        raise ScaffoldError(
            f"{checklist}: มีรายการตรวจของปี {year} อยู่แล้ว ไม่เขียนทับ",
            f"the checklist of {year} already exists; nothing was overwritten",
        )
    source = None
    if from_year is not None:
        source = ita / str(from_year)
        if not (source / "year.yml").is_file():
            years = sorted(p.parent.name for p in ita.glob("*/year.yml")) if ita.is_dir() else []
            known = ", ".join(years) or "-"
            raise ScaffoldError(
                f"{source}: ไม่พบปีงบประมาณต้นทาง {from_year} (มี {known}) ใช้ --from ระบุปีต้นทาง",
                f"source fiscal year {from_year} not found (found: {known}); use --from",
            )
    chosen = catalogue_id or (
        catalogue_of(source, catalogue_dirs) if source is not None else DEFAULT_CATALOGUE
    )
    try:
        catalogue = load_catalogue(chosen, catalogue_dirs)
    except ValueError as exc:
        raise ScaffoldError(str(exc), f"catalogue {chosen} cannot be used") from None

    ita.mkdir(parents=True, exist_ok=True)
    building = ita / f".{year}.new"
    shutil.rmtree(building, ignore_errors=True)
    result = YearStart(year=year, folder=target, catalogue=catalogue)
    try:
        building.mkdir()
        (building / "year.yml").write_text(_year_yml(year, catalogue), encoding="utf-8")
        for item in catalogue.items:
            if source is None or not item.carry_forward:
                continue
            previous = source / item.code
            if previous.is_dir() and not previous.is_symlink():
                # Links are copied as links (never followed), so `check` refuses them as before.
                shutil.copytree(previous, building / item.code, symlinks=True)
                result.carried.append(item.code)
        building.rename(target)
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise ScaffoldError(f"{target}: เขียนไฟล์ไม่ได้", f"cannot write: {exc}") from None
    checklist.write_text(checklist_text(result, from_year), encoding="utf-8")
    result.checklist = checklist
    return result


def _year_yml(year: int, catalogue: Catalogue) -> str:
    return (
        f"# ปีงบประมาณ พ.ศ. {year}: ใช้เกณฑ์ {catalogue.id} ({catalogue.title})\n"
        f"# ผลการประเมินของปีนี้ใส่ได้ภายหลัง เช่น result: {{total: 95.5}}\n"
        f"catalogue: {catalogue.id}\n"
    )


def _line(item: Item, note: str) -> str:
    advice = PERIOD_ADVICE[item.period]
    advice = f" — {advice}" if advice else ""
    return f"- [ ] **{item.code}** {item.title}{advice}{note}  \n  {item.needs}"


def checklist_text(start: YearStart, from_year: int | None) -> str:
    """The webmaster's list for the year, Markdown with check boxes, outside content/."""
    year, carried = start.year, set(start.carried)
    lines = [
        f"# รายการที่ต้องทำของปีงบประมาณ พ.ศ. {year} (checklist of fiscal year {year})",
        "",
        f"เกณฑ์: {start.catalogue.id} ไฟล์นี้ไม่ได้เผยแพร่บนเว็บไซต์ ติ๊ก [x] เมื่อทำเสร็จ",
        "ตรวจเนื้อหาได้ทุกเมื่อด้วย `python -m site_builder check` "
        f"และดูความพร้อมด้วย `python -m site_builder readiness --year {year}`",
        "",
    ]
    if carried:
        lines += [
            f"## คัดลอกมาจากปี {from_year}: ตรวจว่ายังเป็นปัจจุบัน (carried forward: review)",
            "",
        ]
        lines += [
            _line(item, f" (`content/ita/{year}/{item.code}/index.md`)")
            for item in start.catalogue.items
            if item.code in carried
        ]
        lines.append("")
    lines += [f"## ต้องกรอกของปี {year} (to fill in)", ""]
    for item in start.catalogue.items:
        if item.code in carried:
            continue
        if item.made_from is not None:
            note = f" (สร้างจากระเบียนมาตรการใน `content/ita/{year}/measures/`)"
        else:
            note = f" (สร้าง `content/ita/{year}/{item.code}/index.md`)"
        lines.append(_line(item, note))
    return "\n".join(lines) + "\n"
