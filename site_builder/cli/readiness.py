"""`python -m site_builder readiness`: the readiness of a year as Thai text, JSON or a URL list.

stdout carries only the report (or, with `--urls`, only the list to paste into ITAS); notes for
the person, such as "these URLs are root-relative", go to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from site_builder.cli.options import catalogue_dirs
from site_builder.engine.config import ConfigError, read_site_config
from site_builder.rules.check import run_check
from site_builder.rules.readiness import Status, YearReadiness, assess_year

RELATIVE_NOTE = (
    "หมายเหตุ: URL ขึ้นต้นด้วย / เพราะยังไม่ได้ตั้ง site_url ใน mkdocs.yml "
    "ให้เติมชื่อโดเมนของเว็บไซต์ไว้ข้างหน้าก่อนกรอกในระบบ ITAS "
    "(root-relative URLs: set site_url in mkdocs.yml, or put your domain in front)"
)


def site_url_from(config: Path) -> str | None:
    """site_url, read by the one mkdocs.yml reader; a refused file is said, and gives None."""
    if not config.is_file():
        return None
    try:
        return read_site_config(config).site_url
    except ConfigError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return None


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def summary_text(report: YearReadiness) -> str:
    total = len(report.items)
    return (
        f"พร้อม {report.count(Status.READY)} จาก {total} รายการ ({percent(report.ready_share)}) · "
        f"เสี่ยง {report.count(Status.AT_RISK)} · ยังไม่พร้อม {report.count(Status.NOT_READY)}"
    )


def url_lines(report: YearReadiness) -> list[str]:
    """One line per item, tab-separated so that a spreadsheet splits it into columns."""
    return [f"{item.code}\t{item.public_url}\t{item.click_path}" for item in report.items]


def to_text(report: YearReadiness) -> str:
    lines = [
        f"ความพร้อมรับการประเมิน ITA (OIT) ปีงบประมาณ {report.fiscal_year} · เกณฑ์ {report.catalogue}",
        summary_text(report),
        "",
    ]
    for item in report.items:
        lines.append(f"{item.code} {item.title}: {item.status.thai}")
        for finding in item.findings:
            lines.append(f"  - [{finding.status.thai}] {finding.reason}")
            lines.append(f"    วิธีแก้: {finding.fix}")
    lines += ["", "ที่อยู่ (URL) สำหรับกรอกในระบบ ITAS (รหัส, URL, เส้นทางจากหน้าแรก):"]
    lines += url_lines(report)
    if not report.absolute_urls:
        lines.append(RELATIVE_NOTE)
    return "\n".join(lines) + "\n"


def to_json(report: YearReadiness) -> dict[str, Any]:
    return {
        "fiscal_year": report.fiscal_year,
        "catalogue": report.catalogue,
        "site_url": report.site_url,
        "absolute_urls": report.absolute_urls,
        "summary": {
            "items": len(report.items),
            "ready": report.count(Status.READY),
            "at_risk": report.count(Status.AT_RISK),
            "not_ready": report.count(Status.NOT_READY),
            "ready_share": round(report.ready_share, 4),
        },
        "items": [
            {
                "code": item.code,
                "title": item.title,
                "status": item.status.value,
                "url": item.public_url,
                "click_path": item.click_path,
                "findings": [
                    {
                        "kind": finding.kind,
                        "status": finding.status.value,
                        "reason": finding.reason,
                        "fix": finding.fix,
                    }
                    for finding in item.findings
                ],
            }
            for item in report.items
        ],
    }


def run(args: argparse.Namespace) -> int:
    result = run_check(Path(args.content), Path.cwd(), catalogue_dirs(args.catalogues))
    if result.problems.errors:
        for problem in result.problems.errors:
            print(problem, file=sys.stderr)
        print(
            f"เนื้อหามีข้อผิดพลาด {len(result.problems.errors)} รายการ ให้แก้ก่อน "
            "(content has errors; fix them first, see `check`)",
            file=sys.stderr,
        )
        return 1
    years = result.content.years
    year = args.year if args.year is not None else max(years, default=None)
    if year not in years:
        known = ", ".join(str(y) for y in years) or "-"
        print(f"ไม่พบปีงบประมาณ {year} ในเนื้อหา (มี {known}) (no such fiscal year)", file=sys.stderr)
        return 1
    site_url = args.site_url if args.site_url is not None else site_url_from(Path(args.config))
    report = assess_year(years[year], site_url)
    if args.urls:
        print("\n".join(url_lines(report)))
        if not report.absolute_urls:
            print(RELATIVE_NOTE, file=sys.stderr)
    elif args.json:
        print(json.dumps(to_json(report), ensure_ascii=False, indent=2))
    else:
        print(to_text(report), end="")
    return 0


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "readiness",
        help="รายการใดจะไม่ผ่านการประเมิน OIT และ URL สำหรับระบบ ITAS (assessor readiness)",
        description="บอกว่าตัวชี้วัด OIT ข้อใดพร้อม เสี่ยง หรือยังไม่พร้อม พร้อมวิธีแก้ และรายการ URL "
        "สำหรับกรอกในระบบ ITAS (which items would fail, how to fix them, the URLs for ITAS)",
        epilog="ตัวอย่าง (example):\n  python -m site_builder readiness --year 2568\n"
        "  python -m site_builder readiness --urls > urls.tsv\n",
    )
    parser.add_argument("--content", default="content", help="โฟลเดอร์เนื้อหา (default: content)")
    parser.add_argument(
        "--catalogues",
        action="append",
        default=[],
        metavar="DIR",
        help="โฟลเดอร์เกณฑ์เพิ่มเติม (extra catalogue folder)",
    )
    parser.add_argument(
        "--year", type=int, default=None, help="ปีงบประมาณ พ.ศ. (default: ปีล่าสุด, latest)"
    )
    parser.add_argument(
        "--site-url",
        default=None,
        help="ที่อยู่เว็บไซต์ (default: site_url ใน mkdocs.yml) (the site's address)",
    )
    parser.add_argument(
        "--config", default="mkdocs.yml", help="ไฟล์ mkdocs.yml ที่อ่าน site_url (default: mkdocs.yml)"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="ผลเป็น JSON (for tools)")
    output.add_argument(
        "--urls", action="store_true", help="พิมพ์เฉพาะรายการ URL สำหรับ ITAS (only the URL list)"
    )
    parser.set_defaults(run=run)
