"""Command line: `python -m site_builder check | schema | import`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from site_builder.check import run_check


def _check(args: argparse.Namespace) -> int:
    result = run_check(Path(args.content), Path.cwd(), tuple(Path(d) for d in args.catalogues))
    for problem in result.problems:
        print(problem)
    errors, warnings = len(result.problems.errors), len(result.problems.warnings)
    years = ", ".join(str(year) for year in result.content.years) or "-"
    summary = (
        f"ตรวจ {result.content.files_read} ไฟล์ (ปีงบประมาณ {years}): "
        f"ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ"
    )
    print(summary, file=sys.stderr)
    return 1 if result.failed(strict=args.strict) else 0


def _schema(args: argparse.Namespace) -> int:
    from site_builder.models import json_schemas

    schemas = json_schemas()
    if args.out is None:
        print(json.dumps(schemas, ensure_ascii=False, indent=2))
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas.items():
        text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        (out / f"{name}.schema.json").write_text(text, encoding="utf-8")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m site_builder",
        description="เครื่องมือเว็บไซต์เปิดเผยข้อมูล ITA (ITA disclosure site tools)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="ตรวจเนื้อหาทั้งหมดโดยไม่สร้างเว็บไซต์ (validate all content)"
    )
    check.add_argument("--content", default="content", help="โฟลเดอร์เนื้อหา (default: content)")
    check.add_argument(
        "--catalogues",
        action="append",
        default=[],
        metavar="DIR",
        help="โฟลเดอร์เกณฑ์เพิ่มเติม (extra catalogue folder)",
    )
    check.add_argument(
        "--strict", action="store_true", help="ถือว่าคำเตือนเป็นข้อผิดพลาด (warnings fail)"
    )
    check.set_defaults(run=_check)

    schema = commands.add_parser("schema", help="JSON Schema ของระเบียน (record JSON Schemas)")
    schema.add_argument("--out", default=None, help="เขียนเป็นไฟล์ในโฟลเดอร์นี้ (write files here)")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    return run(args)
