"""`python -m site_builder import`: run the import and tell the webmaster what happened.

What needs a person comes first, one `REPORT:line: คำเตือน: ...` line each; the routine repairs
(a code whose letter was misread and whose text confirms it, a Thai letter the extraction
damaged) are counted on one line, and `--verbose` lists each of them as well. `--into PROJECT`
writes into the project's `content/ita/<fy>/measures/` (and the year's `year.yml` when the
project has none), so that `check` works right away.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from site_builder.importer import (
    CatalogueError,
    ImportResult,
    OutputExistsError,
    ReportError,
    import_report,
)
from site_builder.importer.records import write_atomically
from site_builder.importer.thai_repair import KINDS
from site_builder.records.problems import Problem, Severity

YEAR_FILE = (
    "# ปีงบประมาณ พ.ศ. {year}: ปีนี้ใช้เกณฑ์ (แคตตาล็อกตัวชี้วัด) ชุด {catalogue}\ncatalogue: {catalogue}\n"
)


class ProjectError(Exception):
    """`--into` names a folder that is not a project."""


def run_import(args: argparse.Namespace) -> int:
    report = args.report
    try:
        out, year_file = _destination(args)
    except ProjectError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        result = import_report(
            Path(report),
            args.year,
            out,
            catalogue_id=args.catalogue,
            catalogue_dirs=tuple(Path(folder) for folder in args.catalogues),
            only_new=args.only_new,
        )
    except ReportError as exc:
        print(exc.format(report), file=sys.stderr)
        print("ไม่ได้เขียนไฟล์ใด (nothing was written)", file=sys.stderr)
        return 1
    except (CatalogueError, OutputExistsError) as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{out}: เขียนไฟล์ไม่ได้ ({exc}) (cannot write the records)", file=sys.stderr)
        return 1
    if year_file is not None and not year_file.exists():
        write_atomically(year_file, YEAR_FILE.format(year=args.year, catalogue=args.catalogue))
        result.year_file = year_file
    for line in report_lines(result, report, verbose=args.verbose):
        print(line, file=sys.stderr)
    for line in summary_lines(result, out):
        print(line)
    return 0


def _destination(args: argparse.Namespace) -> tuple[Path, Path | None]:
    """The folder to write the records to and, with `--into`, the year file to check for."""
    if args.into is None:
        return Path(args.out), None
    project = Path(args.into)
    if not (project / "mkdocs.yml").is_file() and not (project / "content").is_dir():
        raise ProjectError(
            f"{project}: ไม่ใช่โฟลเดอร์โครงการเว็บไซต์ (ไม่มี mkdocs.yml หรือ content/) "
            f"({project}: not a site project: no mkdocs.yml or content/)"
        )
    year = project / "content" / "ita" / str(args.year)
    return year / "measures", year / "year.yml"


def report_lines(result: ImportResult, report: str, *, verbose: bool = False) -> list[str]:
    """Warnings for a person first (by line), then the routine repairs counted on one line."""
    person: list[tuple[int, str]] = []
    routine: list[tuple[int, str]] = []
    counts: Counter[tuple[str, str]] = Counter()
    for warning in result.warnings:
        target = person if warning.routine is None else routine
        target.append((warning.line, warning.format(report)))
        if warning.routine is not None:
            counts[warning.routine] += 1
    for repair in result.repairs:
        page_th = f"หน้า {repair.page}: " if repair.page is not None else ""
        page_en = f"page {repair.page}: " if repair.page is not None else ""
        text = str(
            Problem(
                report,
                repair.line,
                page_th + repair.thai,
                page_en + repair.english,
                Severity.WARNING,
            )
        )
        (routine if repair.routine else person).append((repair.line, text))
        if repair.routine:
            counts[(KINDS[repair.kind][0], KINDS[repair.kind][1])] += 1
    lines = [text for _, text in sorted(person, key=lambda item: item[0])]
    if verbose:
        lines.extend(text for _, text in sorted(routine, key=lambda item: item[0]))
    if counts:
        total = sum(counts.values())
        thai = ", ".join(f"{name[0]} {count}" for name, count in counts.most_common())
        english = ", ".join(f"{name[1]} {count}" for name, count in counts.most_common())
        hint_th = "" if verbose else " ดูทีละจุดด้วย --verbose"
        hint_en = "" if verbose else "; --verbose lists each"
        lines.append(
            f"{report}: ซ่อมตามปกติ {total} จุด: {thai}{hint_th} "
            f"(routine repairs, {total}: {english}{hint_en})"
        )
    return lines


def summary_lines(result: ImportResult, out: Path) -> list[str]:
    person = sum(warning.routine is None for warning in result.warnings) + sum(
        not repair.routine for repair in result.repairs
    )
    routine = len(result.warnings) + len(result.repairs) - person
    lines = [
        f"นำเข้า {len(result.measures)} มาตรการ ผลลัพธ์ {result.outcome_count} คู่ "
        f"ต้องให้คนตรวจ {person} รายการ ซ่อมตามปกติ {routine} จุด "
        f"เขียน {len(result.written)} ไฟล์ลงใน {out} "
        f"(imported {len(result.measures)} measures, {result.outcome_count} outcome pairs; "
        f"{person} to check by a person, {routine} routine repairs; "
        f"wrote {len(result.written)} files to {out})"
    ]
    if result.skipped:
        names = ", ".join(path.name for path in result.skipped)
        lines.append(
            f"ข้าม {len(result.skipped)} ไฟล์ที่มีอยู่แล้ว ไม่ได้เขียนทับ: {names} "
            f"(skipped {len(result.skipped)} existing files)"
        )
    if result.year_file is not None:
        lines.append(f"เขียน {result.year_file} (ปีนี้ยังไม่มีไฟล์ปี) (wrote the missing year file)")
    return lines
