"""`new DIR --agency NAME`: a complete project for a new agency, content and configuration only.

The tool itself is not copied: the project's requirements.txt installs it as one pinned package
(see `pins`), and mkdocs.yml names its installed theme "ita". The project is assembled in a
hidden folder beside DIR and renamed into place, so a failure leaves nothing half-made.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from site_builder import thai
from site_builder.scaffold import pins
from site_builder.scaffold.errors import ScaffoldError
from site_builder.scaffold.year import YearStart, start_year

# Template (in templates/) → where it goes in the project.
PROJECT_FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "index.md": "content/index.md",
    "README.md": "README.md",
    "requirements.txt": "requirements.txt",
    "gitignore": ".gitignore",
    "github-site.yml": ".github/workflows/site.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "catalogues-README.md": "catalogues/README.md",
}
_PLACEHOLDER = re.compile(r"@([a-z_]+)@")
_SITE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s\"'<>]*)?")
# Material prints site_name and site_description unescaped: a name must not carry markup.
_NOT_IN_NAMES = re.compile(r"[\x00-\x1f\x7f<>&\"'`{}]")


@dataclass
class NewProject:
    root: Path
    year: YearStart
    tool: str
    tool_portable: bool


def _fill(template: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        return values[match.group(1)]  # a KeyError here is a bug in a template

    return _PLACEHOLDER.sub(value, template)


def _markdown_text(text: str) -> str:
    # The name is shown as text: no HTML, and no Markdown emphasis or links made from it.
    return re.sub(r"([\\`*_\[\]{}<>#|!])", r"\\\1", html.unescape(text))


def _check_inputs(target: Path, agency: str, site_url: str | None) -> str | None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(
            f"{target}: โฟลเดอร์นี้มีไฟล์อยู่แล้ว ให้ระบุโฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง",
            "the folder is not empty; give a new or empty folder",
        )
    if not agency.strip() or _NOT_IN_NAMES.search(agency):
        raise ScaffoldError(
            "--agency ต้องเป็นชื่อหน่วยงานหนึ่งบรรทัด ไม่มีเครื่องหมาย < > & \" ' ` { } เช่น เทศบาลตำบลตัวอย่าง",
            "--agency must be the agency's name on one line, without < > & \" ' ` { }",
        )
    if site_url is None:
        return None
    if not _SITE_URL.fullmatch(site_url):
        raise ScaffoldError(
            f"--site-url ต้องเป็นที่อยู่เว็บไซต์ เช่น https://ita.example.go.th/ ได้ “{site_url}”",
            "--site-url must be the site's address, e.g. https://ita.example.go.th/",
        )
    return site_url if site_url.endswith("/") else site_url + "/"


def new_project(
    target: Path,
    agency: str,
    *,
    site_url: str | None = None,
    year: int | None = None,
    catalogue_id: str | None = None,
    tool: str | None = None,
) -> NewProject:
    agency = agency.strip()
    url = _check_inputs(target, agency, site_url)
    fiscal_year = year if year is not None else thai.fiscal_year_of(date.today())
    tool_line, portable = (tool, True) if tool else pins.tool_requirement()
    values = {
        "agency": agency,
        "agency_md": _markdown_text(agency),
        "agency_yaml": json.dumps(agency, ensure_ascii=False),
        "description_yaml": json.dumps(
            f"การเปิดเผยข้อมูลตามเกณฑ์การประเมินคุณธรรมและความโปร่งใส (ITA) ของ{agency}",
            ensure_ascii=False,
        ),
        "site_url_line": (
            f"site_url: {json.dumps(url)}"
            if url
            else "# site_url: https://ita.example.go.th/   # ใส่ที่อยู่จริงของเว็บไซต์"
        ),
        "year": str(fiscal_year),
        "year_before": str(fiscal_year - 1),
        "next_year": str(fiscal_year + 1),
        "catalogue": catalogue_id or "ita-2568",
        "tool_requirement": tool_line,
        "dependency_pins": "\n".join(pins.dependency_pins()),
    }
    target = target.absolute()
    building = target.parent / f".{target.name}.new"
    shutil.rmtree(building, ignore_errors=True)
    try:
        building.mkdir(parents=True)
        templates = resources.files("site_builder.scaffold") / "templates"
        for name, place in PROJECT_FILES.items():
            path = building / place
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_fill((templates / name).read_text("utf-8"), values), "utf-8")
        started = start_year(
            building / "content", fiscal_year, from_year=None, catalogue_id=catalogue_id
        )
        if target.exists():
            target.rmdir()  # empty, checked above
        building.rename(target)
    except ScaffoldError:
        shutil.rmtree(building, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise ScaffoldError(f"{target}: เขียนไฟล์ไม่ได้", f"cannot write the project: {exc}") from None
    started.folder = target / "content" / "ita" / str(fiscal_year)
    started.checklist = target / started.checklist.name if started.checklist else None
    return NewProject(target, started, tool_line, portable)
