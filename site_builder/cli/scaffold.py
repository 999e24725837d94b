"""`new`, `new-year` and `catalogue new`: the commands that start a project, a year, a round."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_builder.cli.options import catalogue_dirs, fiscal_year_arg
from site_builder.scaffold.catalogue import new_catalogue
from site_builder.scaffold.errors import ScaffoldError
from site_builder.scaffold.project import new_project
from site_builder.scaffold.year import YearStart, start_year

NEW_EXAMPLE = """\
ตัวอย่าง (example):
  python -m site_builder new ita-site --agency "เทศบาลตำบลตัวอย่าง" \\
      --site-url https://ita.example.go.th/ --year 2570
  cd ita-site && python -m site_builder check && mkdocs build
"""
NEW_YEAR_EXAMPLE = """\
ตัวอย่าง (example):
  python -m site_builder new-year 2570             # จากปี 2569 (from 2569)
  python -m site_builder new-year 2570 --from 2568 --catalogue ita-2570
"""
CATALOGUE_EXAMPLE = """\
ตัวอย่าง (example):
  python -m site_builder catalogue new ita-2570 --from ita-2568
  # แล้วแก้ catalogues/ita-2570.yml และใส่ catalogue: ita-2570 ใน year.yml
"""


def _failed(exc: ScaffoldError) -> int:
    print(f"ผิดพลาด: {exc}", file=sys.stderr)
    print("ไม่ได้เขียนไฟล์ใด (nothing was written)", file=sys.stderr)
    return 1


def _report_year(start: YearStart) -> None:
    carried = ", ".join(start.carried) or "-"
    print(
        f"สร้างปีงบประมาณ {start.year} (เกณฑ์ {start.catalogue.id}) ที่ {start.folder} "
        f"คัดลอกจากปีก่อน: {carried} "
        f"(fiscal year {start.year} created; carried forward: {carried})"
    )
    if start.checklist is not None:
        print(f"รายการที่ต้องกรอก: {start.checklist} (checklist)")


def _new(args: argparse.Namespace) -> int:
    try:
        project = new_project(
            Path(args.dir),
            args.agency,
            site_url=args.site_url,
            year=args.year,
            catalogue_id=args.catalogue,
            tool=args.tool,
        )
    except ScaffoldError as exc:
        return _failed(exc)
    print(f"สร้างโครงการของ{args.agency.strip()}ที่ {project.root} (project created)")
    _report_year(project.year)
    print(f"ติดตั้งเครื่องมือด้วย: {project.tool} (requirements.txt)")
    if not project.tool_portable:
        print(
            "คำเตือน: เครื่องอื่น (เช่น CI ของ GitHub หรือ GitLab) ติดตั้งเครื่องมือจากบรรทัดนี้ไม่ได้ "
            'ให้แก้บรรทัด site-builder ใน requirements.txt หรือสร้างใหม่ด้วย --tool "site-builder @ '
            'git+https://…@<commit>" (warning: CI cannot install this reference; use --tool)',
            file=sys.stderr,
        )
    return 0


def _new_year(args: argparse.Namespace) -> int:
    from_year = args.from_year if args.from_year is not None else args.year - 1
    try:
        start = start_year(
            Path(args.content),
            args.year,
            from_year=from_year,
            catalogue_id=args.catalogue,
            catalogue_dirs=catalogue_dirs(args.catalogues),
        )
    except ScaffoldError as exc:
        return _failed(exc)
    _report_year(start)
    return 0


def _catalogue_new(args: argparse.Namespace) -> int:
    try:
        path = new_catalogue(args.id, args.from_id, Path(args.out), catalogue_dirs(args.catalogues))
    except ScaffoldError as exc:
        return _failed(exc)
    print(
        f"สร้างเกณฑ์ {args.id} ที่ {path} แล้ว แก้ไฟล์นี้ตามคู่มือของรอบการประเมิน "
        f"แล้วใส่ catalogue: {args.id} ใน year.yml (catalogue written; edit it, then name it "
        "in year.yml)"
    )
    return 0


def _catalogue_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalogues",
        action="append",
        default=[],
        metavar="DIR",
        help="โฟลเดอร์เกณฑ์เพิ่มเติม (extra catalogue folder; catalogues/ is read when present)",
    )


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser(
        "new",
        help="สร้างโครงการเว็บไซต์ของหน่วยงานใหม่ (start a project for a new agency)",
        description="สร้างโครงการเว็บไซต์ ITA ของหน่วยงานใหม่ในโฟลเดอร์ว่าง: เนื้อหาของปีแรก "
        "หน้าแรก mkdocs.yml ขั้นตอน CI ของ GitHub และ GitLab และ README ภาษาไทย "
        "(a complete project in an empty folder)",
        epilog=NEW_EXAMPLE,
    )
    new.add_argument("dir", metavar="DIR", help="โฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง (new or empty folder)")
    new.add_argument(
        "--agency", required=True, metavar="NAME", help="ชื่อหน่วยงาน เช่น เทศบาลตำบลตัวอย่าง"
    )
    new.add_argument(
        "--site-url", metavar="URL", default=None, help="ที่อยู่เว็บไซต์ เช่น https://ita.example.go.th/"
    )
    new.add_argument(
        "--year",
        type=fiscal_year_arg,
        default=None,
        metavar="FY",
        help="ปีงบประมาณแรก พ.ศ. (default: ปีงบประมาณปัจจุบัน, the current fiscal year)",
    )
    new.add_argument(
        "--catalogue", metavar="ID", default=None, help="เกณฑ์ของปี (catalogue id, default: ita-2568)"
    )
    new.add_argument(
        "--tool",
        metavar="REQUIREMENT",
        default=None,
        help='บรรทัดติดตั้งเครื่องมือใน requirements.txt เช่น "site-builder @ git+https://…@<commit>" '
        "(how the project installs this tool; default: this installation's source)",
    )
    new.set_defaults(run=_new)

    year = commands.add_parser(
        "new-year",
        help="เริ่มปีงบประมาณใหม่จากปีก่อน (start the next fiscal year)",
        description="สร้างปีงบประมาณใหม่: year.yml คัดลอกข้อที่เกณฑ์กำหนดให้ใช้ต่อได้ "
        "(เช่น โครงสร้าง การติดต่อ) พร้อมไฟล์แนบ และเขียนรายการที่ต้องกรอก ไม่เขียนทับไฟล์ที่มีอยู่ "
        "(the next fiscal year from the previous one; never overwrites)",
        epilog=NEW_YEAR_EXAMPLE,
    )
    year.add_argument("year", metavar="FY", type=fiscal_year_arg, help="ปีงบประมาณใหม่ พ.ศ. เช่น 2570")
    year.add_argument(
        "--from",
        dest="from_year",
        metavar="FY",
        type=fiscal_year_arg,
        default=None,
        help="ปีต้นทาง (source year, default: FY-1)",
    )
    year.add_argument("--content", default="content", help="โฟลเดอร์เนื้อหา (default: content)")
    year.add_argument(
        "--catalogue",
        metavar="ID",
        default=None,
        help="เกณฑ์ของปีใหม่ (catalogue id, default: เกณฑ์ของปีต้นทาง, the source year's)",
    )
    _catalogue_option(year)
    year.set_defaults(run=_new_year)

    catalogue = commands.add_parser(
        "catalogue",
        help="เกณฑ์ของรอบการประเมิน (catalogues of assessment rounds)",
        description="จัดการเกณฑ์ (รายการตัวชี้วัด) ของรอบการประเมิน (catalogue commands)",
        epilog=CATALOGUE_EXAMPLE,
    )
    actions = catalogue.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser(
        "new",
        help="สร้างเกณฑ์ของรอบใหม่จากเกณฑ์เดิม (a new round's catalogue to edit)",
        description="คัดลอกเกณฑ์เดิมเป็นไฟล์ใหม่เพื่อแก้ไข และตรวจว่าใช้ได้ก่อนบันทึก "
        "(copies a catalogue under a new id, validated before it is kept)",
        epilog=CATALOGUE_EXAMPLE,
    )
    create.add_argument("id", metavar="ID", help="ชื่อเกณฑ์ใหม่ เช่น ita-2570")
    create.add_argument(
        "--from", dest="from_id", required=True, metavar="ID", help="เกณฑ์ต้นทาง เช่น ita-2568"
    )
    create.add_argument(
        "--out", default="catalogues", metavar="DIR", help="โฟลเดอร์ที่เขียน (default: catalogues)"
    )
    _catalogue_option(create)
    create.set_defaults(run=_catalogue_new)
