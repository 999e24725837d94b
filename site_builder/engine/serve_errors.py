"""Under `mkdocs serve`, content errors become the page the browser shows.

MkDocs' dev server waits for a successful build before it answers any request, so a rebuild
that fails leaves the browser waiting (the poll gives up after minutes) and the error only in a
terminal a webmaster does not watch; a failed first build ends `serve` altogether. Here a build
with content errors succeeds instead, with no ITA pages, and then every HTML file it wrote (and
404.html, which the dev server answers for any other URL) is replaced by one Thai page listing
each problem as `file:line: message`. The page asks the browser to load it again every few
seconds, and MkDocs' live-reload script reloads it too, so fixing the file shows the site again.
The next build is a full one, so nothing of the error site is kept.

`mkdocs build` is unchanged: it fails on the same errors with the same lines.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_builder.records.content import Content
from site_builder.records.problems import Problems
from site_builder.rules.check import CheckResult

RELOAD_SECONDS = 2
PAGE = """<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{reload}">
<meta name="robots" content="noindex">
<title>เนื้อหามีข้อผิดพลาด ({count} รายการ)</title>
<style>
body {{ font-family: Sarabun, "Noto Sans Thai", Garuda, Loma, sans-serif; margin: 2rem auto;
  max-width: 60rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.6; }}
h1 {{ color: #9b1c1c; font-size: 1.6rem; }}
li {{ margin: .6rem 0; }}
code {{ background: #f3f3f3; padding: .1rem .3rem; font-size: .95rem; word-break: break-all; }}
.warning code {{ background: #fff6dc; }}
</style>
</head>
<body>
<main>
<h1>เนื้อหามีข้อผิดพลาด {count} รายการ ยังแสดงเว็บไซต์ไม่ได้</h1>
<p>เปิดไฟล์ตามชื่อและบรรทัดที่บอกไว้ แก้ตามข้อความ แล้วบันทึกไฟล์
หน้านี้จะโหลดใหม่เองและแสดงเว็บไซต์เมื่อแก้ครบ</p>
<p lang="en">The content has {count} errors. Fix each file at the line shown and save:
this page reloads by itself.</p>
<ol>
{items}
</ol>
</main>
</body>
</html>
"""


def error_page(problems: Problems) -> str:
    """The Thai page listing every problem, errors first; all of it escaped text."""
    ordered = sorted(problems, key=lambda p: (p not in problems.errors, p.sort_key))
    items = "\n".join(
        f'<li class="{"error" if problem in problems.errors else "warning"}">'
        f"<code>{escape(problem.path, quote=False)}:{problem.line}</code>: "
        f"{escape(str(problem).split(': ', 1)[1], quote=False)}</li>"
        for problem in ordered
    )
    count = len(problems.errors)
    return PAGE.format(reload=RELOAD_SECONDS, count=count, items=items)


class ServeErrors:
    """Held between the hooks of one build: the problems the error page shows, if any."""

    def __init__(self) -> None:
        self.problems: Problems | None = None

    def report(self, result: CheckResult, log: logging.Logger, *, serving: bool) -> CheckResult:
        """Log every problem; fail `mkdocs build`; under `serve`, go on without the records.

        Under `serve` the lines are logged at INFO level: with `strict: true` a WARNING would
        make MkDocs abort this build too, and the server would wait again.
        """
        self.problems = None
        for problem in result.problems:
            if serving:
                log.info(str(problem))
            elif problem in result.problems.errors:
                log.error(str(problem))
            else:
                log.warning(str(problem))
        if not result.failed():
            return result
        count = len(result.problems.errors)
        if not serving:
            raise PluginError(
                f"พบข้อผิดพลาด {count} รายการในเนื้อหา ไม่ได้สร้างเว็บไซต์ "
                f"(content has {count} errors; nothing was built)"
            )
        log.info(
            f"พบข้อผิดพลาด {count} รายการ: เบราว์เซอร์แสดงหน้าแจ้งข้อผิดพลาดจนกว่าจะแก้ "
            f"(content has {count} errors: the browser shows them until they are fixed)"
        )
        self.problems = result.problems
        return replace(result, content=Content(root=result.content.root))

    def finish(self, site_dir: Path) -> bool:
        """After the build: every HTML page becomes the error page. True when it did."""
        if self.problems is None:
            return False
        page = error_page(self.problems).encode("utf-8")
        for html_file in site_dir.rglob("*.html"):
            html_file.write_bytes(page)
        (site_dir / "404.html").write_bytes(page)
        return True
