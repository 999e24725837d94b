"""Checking a built site before it goes live: contract URLs, open data, attachments, links."""

from __future__ import annotations

import filecmp
import json
import os
import posixpath
import re
from collections.abc import Collection
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_builder import urls
from site_builder.records.content import Content
from site_builder.records.problems import display_path
from site_builder.site.opendata import DATA_FILES
from site_builder.site.plans import plan_site


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def site_files(site: Path) -> set[str]:
    """Every file under `site`, relative to it with "/" (`ita/2568/o5/index.html`)."""
    files: set[str] = set()
    root = os.fspath(site)
    # Plain strings, not Path objects: publish lists each release several times.
    cut = len(root.rstrip(os.sep)) + 1
    for folder, _dirs, names in os.walk(root):
        base = folder[cut:].replace(os.sep, "/")
        prefix = f"{base}/" if base else ""
        files.update(prefix + name for name in names)
    return files


def _internal_path(link: str, page: str, site_url: str | None) -> str | None:
    """The file inside the site that `link` on `page` points at; None when it is external."""
    link = link.strip()
    if site_url and link.startswith(site_url.rstrip("/") + "/"):
        link = "/" + link[len(site_url.rstrip("/")) + 1 :]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # http:, mailto:, data:, //host, or "#anchor" / "?query" on the same page
    path = unquote(parts.path)
    if path.startswith("/"):
        prefix = urlsplit(site_url).path.rstrip("/") if site_url else ""
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            path = path[len(prefix) :]
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    folder_link = path.endswith("/") or path in (".", "..")
    normal = posixpath.normpath(joined) if joined else "."
    if normal == ".." or normal.startswith("../"):
        return normal  # leaves the site: never exists
    if normal == ".":
        return "index.html"
    return f"{normal}/index.html" if folder_link else normal


def internal_links(site: Path, pages: Collection[str]) -> set[str]:
    """The files inside `site` that the HTML `pages` (relative to it) link to or load."""
    found = set()
    for page in pages:
        parser = _Links()
        parser.feed((site / page).read_text("utf-8", errors="replace"))
        for link in parser.links:
            path = _internal_path(link, page, None)
            if path is not None and not path.startswith("../") and path != "..":
                found.add(path)
    return found


def broken_links(
    site: Path, site_url: str | None = None, verified: Collection[str] = ()
) -> list[tuple[str, str]]:
    """(page, link) for every href/src in the built HTML that points at a missing file; the
    `verified` pages are known to link only to files that `site` has (not read again)."""
    files = site_files(site)
    folders = {posixpath.dirname(name) for name in files}
    broken = []
    for page in sorted(name for name in files if name.endswith(".html")):
        if page in verified:
            continue
        parser = _Links()
        parser.feed((site / page).read_text("utf-8", errors="replace"))
        for link in parser.links:
            path = _internal_path(link, page, site_url)
            if path is None or path in files:
                continue
            if path in folders and f"{path}/index.html" in files:
                continue  # a link to a folder without the trailing slash
            broken.append((page, link))
    return broken


def _page_source(page: str, docs: Path, root: Path | None) -> str:
    """The Markdown file behind a built page, as users name it (`content/index.md`)."""
    folder = posixpath.dirname(page) if page.endswith("/index.html") or page == "index.html" else ""
    if page == "index.html":
        candidates = ["index.md", "README.md"]
    elif folder:
        candidates = [f"{folder}.md", f"{folder}/index.md", f"{folder}/README.md"]
    else:
        candidates = []
    for candidate in candidates:
        if (docs / candidate).is_file():
            return display_path(docs / candidate, root)
    return "/" + (f"{folder}/" if folder else page)


def published_years(live: Path) -> list[int]:
    """Fiscal years the live release publishes (its /ita/<fy>/index.html pages)."""
    folder = live / "ita"
    if not folder.is_dir():
        return []
    return sorted(
        int(entry.name)
        for entry in folder.iterdir()
        if entry.name.isascii() and entry.name.isdigit() and (entry / "index.html").is_file()
    )


def removed_years(
    live: Path, content: Content, root: Path | None, archived: Collection[int] = ()
) -> list[str]:
    """One problem per published fiscal year that `content` no longer has: its URLs stay
    (unless the server archived it: archive.py keeps its pages in every release)."""
    docs = display_path(content.root, root)
    return [
        f"{docs}/ita/{year}/year.yml: ปีงบประมาณ {year} เผยแพร่แล้ว ลบออกด้วยการ push ไม่ได้ "
        f"(URL /ita/{year}/ ต้องอยู่ต่อไป) ให้ผู้ดูแลเซิร์ฟเวอร์เก็บเข้าคลังแทน "
        f"(fiscal year {year} is published: a push cannot remove it, its URLs must stay)"
        for year in published_years(live)
        if year not in content.years and year not in archived
    ]


# The files behind the contract URLs (contracts.md, "URLs of the built site"): a published one
# must still be there after every push. Measure pages of a deleted record stay as withdrawn
# pages (withdrawn.py); everything else here comes from the year's catalogue and records.
_CONTRACT_FILE = re.compile(
    r"ita/(?P<year>[0-9]{4})/(?:(?:o[0-9]{1,2}/|measures/(?:[^/]+/)?|report/|scores/)?index\.html"
    r"|data/(?:" + "|".join(re.escape(name) for name in DATA_FILES) + r"))"
)


def contract_files(site: Path) -> set[str]:
    """The contract URLs `site` answers, as files relative to it (`ita/2568/o5/index.html`)."""
    folder = site / "ita"
    if not folder.is_dir():
        return set()
    found = set()
    for name in site_files(folder):
        relative = f"ita/{name}"
        if _CONTRACT_FILE.fullmatch(relative):
            found.add(relative)
    return found


def planned_files(content: Content, live: Path) -> set[str]:
    """The contract files a build of `content` will have, known before building: its pages,
    its open data, and the live measure pages of its years (kept as withdrawn pages)."""
    files = {urls.src_uri(plan.url).removesuffix(".md") + ".html" for plan in plan_site(content)}
    live_measures = [name for name in contract_files(live) if name.count("/") == 4]
    for year in content.years:
        files.update(urls.data_url(year, name) for name in DATA_FILES)
        files.update(name for name in live_measures if name.startswith(urls.measures_url(year)))
    return files


def _catalogue_line(year_file: Path) -> int:
    try:
        lines = year_file.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.startswith("catalogue:")), 1)


def lost_urls(
    live: Path, answered: Collection[str], content: Content, root: Path | None
) -> list[str]:
    """One problem per contract URL the live release answers and `answered` (the files of the
    new build, or planned_files) lacks, in a fiscal year `content` still has (a removed year
    is removed_years' to report), named on the year file's `catalogue:` line."""
    problems = []
    for name in sorted(contract_files(live) - set(answered)):
        year = int(name.split("/")[1])
        if year not in content.years:
            continue
        year_file = content.root / "ita" / str(year) / "year.yml"
        url = "/" + (name.removesuffix("index.html") if name.endswith("/index.html") else name)
        problems.append(
            f"{display_path(year_file, root)}:{_catalogue_line(year_file)}: "
            f"{url} เผยแพร่แล้ว แต่รุ่นนี้ไม่มีหน้านี้ URL ที่เผยแพร่แล้วต้องอยู่ต่อไป "
            f"(เช่น เกณฑ์ที่ year.yml เลือกไม่มีข้อนี้) "
            f"({url} is published and this version lacks it: published URLs must stay)"
        )
    return problems


def verify_site(
    site: Path,
    content: Content,
    site_url: str | None = None,
    root: Path | None = None,
    reused: Collection[str] = (),
    live: Path | None = None,
) -> list[str]:
    """Everything that is wrong with a built site, one line each (empty when it is fine).
    `reused`: files hard-linked from the `live` release, which was verified: when the new site
    has every file the live one has, their links need not be read again, nor the attachments
    among them compared again (their sources did not change)."""
    problems: list[str] = []
    if reused and (live is None or not site_files(live) <= site_files(site)):
        reused = ()

    def need(url_path: str, what: str) -> Path:
        path = site / url_path
        if not path.is_file() or path.stat().st_size == 0:
            problems.append(f"/{url_path}: ไม่พบ{what}ในเว็บไซต์ที่สร้าง (missing from the build)")
        return path

    need("index.html", "หน้าแรก")
    for plan in plan_site(content):
        need(urls.src_uri(plan.url).removesuffix(".md") + ".html", "หน้า")
    for year, fiscal_year in sorted(content.years.items()):
        for name in DATA_FILES:
            path = need(urls.data_url(year, name), "ไฟล์ข้อมูลเปิด")
            if not path.is_file():
                continue
            if name.endswith(".json"):
                try:
                    data = json.loads(path.read_text("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    problems.append(f"/{urls.data_url(year, name)}: JSON อ่านไม่ได้ ({exc})")
                    continue
                if not isinstance(data, dict) or data.get("fiscal_year") != year:
                    problems.append(
                        f"/{urls.data_url(year, name)}: ไม่มี fiscal_year {year} (no fiscal_year)"
                    )
        for code, disclosure in sorted(fiscal_year.disclosures.items()):
            for name, attachment in sorted(disclosure.files.items()):
                url_path = f"{urls.item_url(year, code)}{name}"
                published = site / url_path
                if not published.is_file():
                    problems.append(f"/{url_path}: ไม่พบไฟล์แนบ (attachment missing)")
                elif url_path in reused:
                    continue
                elif not filecmp.cmp(attachment.path, published, shallow=False):
                    problems.append(f"/{url_path}: ไฟล์แนบไม่ตรงกับต้นฉบับ (attachment differs)")
    for page, link in broken_links(site, site_url, reused):
        source = _page_source(page, content.root, root)
        problems.append(f'{source}: ลิงก์ "{link}" ชี้ไปที่ไฟล์ที่ไม่มีในเว็บไซต์ (broken link on /{page})')
    return problems
