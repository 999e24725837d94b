"""Command line: `python -m site_builder check | schema | import | new | new-year | ...`.

Every command's help is Thai first, with an example; argparse's own words are Thai too
(`thai_argparse`)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from site_builder.cli import readiness as readiness_report
from site_builder.cli import scaffold
from site_builder.cli.options import catalogue_dirs, fiscal_year_arg
from site_builder.cli.thai_argparse import ThaiArgumentParser
from site_builder.rules.check import run_check

CHECK_EXAMPLE = """\
ตัวอย่าง (example):
  python -m site_builder check
  python -m site_builder check --content content --strict

ทุกบรรทัดเป็น ไฟล์:บรรทัด: ข้อความ (every line is path:line: message)
"""
IMPORT_EXAMPLE = """\
ตัวอย่าง (example):
  python -m site_builder import รายงาน-2568.docx --year 2568 --out content/ita/2568/measures
"""
PUBLISH_EXAMPLE = """\
ตัวอย่าง (example):
  python -m site_builder publish --target /var/www/ita --repo-dir /srv/git/site.git
"""
SCHEMA_EXAMPLE = """\
ตัวอย่าง (example):
  python -m site_builder schema --out schemas
"""


def not_a_content_tree(folder: Path) -> str | None:
    """One Thai line when `folder` is clearly not a content folder (e.g. an import's output).

    A content folder holds ita/<fy>/ (or at least free pages such as index.md); a folder of
    measure files checked as one would give a misleading error for every file in it.
    """
    if not folder.is_dir() or (folder / "ita").is_dir():
        return None
    markdown = sorted(folder.glob("*.md"))
    if (folder / "year.yml").is_file():
        hint_th = f"นี่คือโฟลเดอร์ปีงบประมาณ ให้ตรวจโฟลเดอร์ที่มี ita/{folder.name}/ อยู่ข้างใน"
        hint_en = "this is a fiscal-year folder; check the folder that holds ita/<fy>/"
    elif markdown and all(_looks_like_measure(path) for path in markdown):
        hint_th = (
            "ดูเหมือนโฟลเดอร์ระเบียนมาตรการ (เช่น ที่ import เขียน) ให้ย้ายไฟล์ไปไว้ที่ "
            "content/ita/<ปี>/measures/ หรือนำเข้าด้วย --out content/ita/<ปี>/measures แล้วตรวจ content"
        )
        hint_en = (
            "it looks like a folder of measure records (an import's output): move them to "
            "content/ita/<fy>/measures/, then check content"
        )
    elif markdown:
        return None  # free pages only: a site with no ITA year yet is still a content folder
    else:
        hint_th, hint_en = "ไม่มีโฟลเดอร์ ita/ และไม่มีหน้า .md", "no ita/ folder and no .md page"
    return f"{folder}: ไม่ใช่โฟลเดอร์เนื้อหา: {hint_th} (not a content folder: {hint_en})"


def _looks_like_measure(path: Path) -> bool:
    try:
        head = path.read_text("utf-8", errors="replace")[:4096]
    except OSError:
        return False
    return head.startswith("---") and "\narea:" in head and "\nperiod:" in head


def _check(args: argparse.Namespace) -> int:
    refusal = not_a_content_tree(Path(args.content))
    if refusal is not None:
        print(refusal)
        return 1
    result = run_check(Path(args.content), Path.cwd(), catalogue_dirs(args.catalogues))
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
    from site_builder.records.models import json_schemas

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


def _failed(exc: Exception, details: tuple[str, ...], live_kept: bool) -> int:
    for line in details:
        print(line, file=sys.stderr)
    suffix = " เว็บไซต์ยังเป็นรุ่นเดิม (the live site is unchanged)" if live_kept else ""
    print(f"ผิดพลาด: {exc}{suffix}", file=sys.stderr)
    return 1


def _publish(args: argparse.Namespace) -> int:
    from site_builder.publish.errors import PublishError
    from site_builder.publish.pipeline import publish

    try:
        publish(
            Path(args.target),
            Path(args.repo_dir),
            ref=args.ref,
            commit=args.commit,
            keep=args.keep,
            force=args.force,
            sandboxed=not args.no_sandbox,
        )
    except PublishError as exc:
        return _failed(exc, exc.details, live_kept=True)
    return 0


def _rollback(args: argparse.Namespace) -> int:
    from site_builder.publish.errors import PublishError
    from site_builder.publish.pipeline import rollback

    try:
        rollback(Path(args.target))
    except PublishError as exc:
        return _failed(exc, exc.details, live_kept=True)
    return 0


def _archive_year(args: argparse.Namespace) -> int:
    from site_builder.publish.archive import archive_year
    from site_builder.publish.errors import PublishError

    try:
        archive_year(Path(args.target), args.year, print)
    except PublishError as exc:
        return _failed(exc, exc.details, live_kept=True)
    return 0


def _install_hooks(args: argparse.Namespace) -> int:
    from site_builder.publish.errors import PublishError
    from site_builder.publish.pipeline import install_hooks

    try:
        install_hooks(Path(args.bare), Path(args.target), branch=args.branch, keep=args.keep)
    except PublishError as exc:
        return _failed(exc, exc.details, live_kept=False)
    return 0


def _install_pre_commit(args: argparse.Namespace) -> int:
    from site_builder.publish.errors import PublishError
    from site_builder.publish.precommit import install_pre_commit

    try:
        hook = install_pre_commit(Path(args.repo))
    except PublishError as exc:
        return _failed(exc, exc.details, live_kept=False)
    print(f"ติดตั้งแล้ว: {hook} (installed)")
    return 0


def _add_publishing(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    publish = commands.add_parser(
        "publish",
        help="สร้าง ตรวจ แล้วสลับเว็บไซต์จริงทีเดียว (build, verify, switch the live site)",
        description="สร้างเว็บไซต์จาก commit ในโฟลเดอร์แยก ตรวจ แล้วสลับเว็บไซต์จริงทีเดียว "
        "ถ้าผิดพลาด เว็บไซต์เดิมยังอยู่ (build elsewhere, verify, switch atomically)",
        epilog=PUBLISH_EXAMPLE,
    )
    publish.add_argument(
        "--target", required=True, help="โฟลเดอร์เผยแพร่ เช่น /var/www/ita (publish folder)"
    )
    publish.add_argument(
        "--repo-dir", default=".", help="ที่เก็บ git ต้นทาง (git repository, default: .)"
    )
    publish.add_argument(
        "--ref", default="HEAD", help="branch หรือ ref ที่จะเผยแพร่ (ref to publish, default: HEAD)"
    )
    publish.add_argument(
        "--commit", default=None, help="เผยแพร่ commit นี้ (publish this commit; never goes back)"
    )
    publish.add_argument(
        "--keep", type=int, default=5, help="เก็บรุ่นย้อนหลังกี่รุ่น (releases kept, default: 5)"
    )
    publish.add_argument(
        "--force", action="store_true", help="สร้างใหม่แม้เป็นรุ่นเดิม (rebuild the live commit)"
    )
    publish.add_argument(
        "--no-sandbox",
        action="store_true",
        help="สร้างโดยไม่ใช้ sandbox (bubblewrap) เฉพาะเมื่อผู้ push ทุกคนไว้ใจได้ "
        "(build without the sandbox; only if everyone who can push is trusted)",
    )
    publish.set_defaults(run=_publish)

    rollback = commands.add_parser(
        "rollback",
        help="กลับไปใช้รุ่นก่อนหน้า (switch back to the previous release)",
        description="สลับเว็บไซต์กลับไปใช้รุ่นที่เผยแพร่ก่อนหน้า (switch back to the previous release)",
        epilog="ตัวอย่าง (example):\n  python -m site_builder rollback --target /var/www/ita\n",
    )
    rollback.add_argument("--target", required=True, help="โฟลเดอร์เผยแพร่ (publish folder)")
    rollback.set_defaults(run=_rollback)

    archive = commands.add_parser(
        "archive-year",
        help="เก็บปีงบประมาณที่เผยแพร่แล้วเข้าคลังบนเซิร์ฟเวอร์ (archive a published fiscal year)",
        description=(
            "เก็บหน้าของปีงบประมาณที่เผยแพร่แล้วไว้บนเซิร์ฟเวอร์ ต่อจากนี้ push ที่ลบปีนั้นออกจากเนื้อหาได้ "
            "และ URL ของปีนั้นยังเปิดได้ในทุกรุ่น (keep a published fiscal year's pages on the "
            "server: a push may then remove the year from the content, its URLs stay)"
        ),
        epilog=(
            "ตัวอย่าง (example):\n"
            "  python -m site_builder archive-year --target /var/www/ita --year 2566\n"
        ),
    )
    archive.add_argument("--target", required=True, help="โฟลเดอร์เผยแพร่ (publish folder)")
    archive.add_argument(
        "--year",
        required=True,
        type=fiscal_year_arg,
        help="ปีงบประมาณ พ.ศ. เช่น 2566 (fiscal year, B.E.)",
    )
    archive.set_defaults(run=_archive_year)

    hooks = commands.add_parser(
        "install-hooks",
        help="ติดตั้ง hooks ในที่เก็บ git แบบ bare (install the push hooks)",
        description="ติดตั้ง pre-receive และ post-receive ให้ทุก push ถูกตรวจและเผยแพร่เอง "
        "(install the hooks that check and publish every push)",
        epilog="ตัวอย่าง (example):\n  python -m site_builder install-hooks "
        "--bare /srv/git/site.git --target /var/www/ita\n",
    )
    hooks.add_argument("--bare", required=True, help="ที่เก็บ bare เช่น /srv/git/site.git")
    hooks.add_argument("--target", required=True, help="โฟลเดอร์เผยแพร่ เช่น /var/www/ita")
    hooks.add_argument(
        "--branch", default="main", help="branch ที่เผยแพร่ (branch to publish, default: main)"
    )
    hooks.add_argument(
        "--keep", type=int, default=5, help="เก็บรุ่นย้อนหลังกี่รุ่น (releases kept, default: 5)"
    )
    hooks.set_defaults(run=_install_hooks)

    pre_commit = commands.add_parser(
        "install-pre-commit",
        help="ตรวจเนื้อหาก่อน commit ทุกครั้ง (install the pre-commit check in this clone)",
        description="ติดตั้งการตรวจข้อมูลส่วนบุคคลและเนื้อหาก่อน commit ในที่เก็บนี้ "
        "(install the pre-commit check in this clone)",
        epilog="ตัวอย่าง (example):\n  python -m site_builder install-pre-commit --repo .\n",
    )
    pre_commit.add_argument("--repo", default=".", help="ที่เก็บ git (git clone, default: .)")
    pre_commit.set_defaults(run=_install_pre_commit)


def _import(args: argparse.Namespace) -> int:
    from site_builder.importer.command import run_import

    return run_import(args)


def _add_import(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "import",
        help="นำเข้ารายงานผลการดำเนินการ (.pdf .docx หรือ .txt) เป็นระเบียนมาตรการ "
        "(import an integrity report into measure records)",
        description="อ่านรายงานการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสตามแบบของสำนักงาน ป.ป.ช. "
        "แล้วเขียนระเบียนมาตรการไฟล์ละหนึ่งมาตรการ (reads a report, writes one record per measure)",
        epilog=IMPORT_EXAMPLE,
    )
    command.add_argument("report", metavar="REPORT", help="ไฟล์รายงาน .pdf .docx หรือ .txt")
    command.add_argument(
        "--year", required=True, type=fiscal_year_arg, help="ปีงบประมาณ พ.ศ. เช่น 2568"
    )
    where = command.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="DIR", help="โฟลเดอร์ระเบียน เช่น content/ita/2568/measures")
    where.add_argument(
        "--into",
        metavar="PROJECT",
        help="เขียนลงในโครงการ: PROJECT/content/ita/<ปี>/measures (write into a project)",
    )
    command.add_argument(
        "--verbose",
        action="store_true",
        help="แสดงการซ่อมตามปกติทีละจุดด้วย (also list every routine repair)",
    )
    command.add_argument(
        "--catalogue", default="ita-2568", help="เกณฑ์ของปี (catalogue id, default: ita-2568)"
    )
    command.add_argument(
        "--catalogues",
        action="append",
        default=[],
        metavar="DIR",
        help="โฟลเดอร์เกณฑ์เพิ่มเติม (extra catalogue folder)",
    )
    command.add_argument(
        "--only-new",
        action="store_true",
        help="เขียนเฉพาะไฟล์ที่ยังไม่มี (write only files that do not exist yet)",
    )
    command.set_defaults(run=_import)


def build_parser() -> argparse.ArgumentParser:
    parser = ThaiArgumentParser(
        prog="python -m site_builder",
        description="เครื่องมือเว็บไซต์เปิดเผยข้อมูล ITA (ITA disclosure site tools)",
        epilog="ดูวิธีใช้ของแต่ละคำสั่ง: python -m site_builder COMMAND --help (help of one command)",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title="คำสั่ง (commands)"
    )

    check = commands.add_parser(
        "check",
        help="ตรวจเนื้อหาทั้งหมดโดยไม่สร้างเว็บไซต์ (validate all content)",
        description="ตรวจทุกไฟล์ในโฟลเดอร์เนื้อหาโดยไม่สร้างเว็บไซต์ พิมพ์ปัญหาละหนึ่งบรรทัด "
        "จบด้วยรหัส 1 ถ้ามีข้อผิดพลาด (validates everything; exit 1 on any error)",
        epilog=CHECK_EXAMPLE,
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

    schema = commands.add_parser(
        "schema",
        help="JSON Schema ของระเบียน (record JSON Schemas)",
        description="JSON Schema ของระเบียนแต่ละชนิด สำหรับโปรแกรมแก้ไขข้อความ (for editors and tools)",
        epilog=SCHEMA_EXAMPLE,
    )
    schema.add_argument("--out", default=None, help="เขียนเป็นไฟล์ในโฟลเดอร์นี้ (write files here)")
    schema.set_defaults(run=_schema)

    _add_publishing(commands)
    _add_import(commands)
    readiness_report.add_command(commands)
    scaffold.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    return run(args)
