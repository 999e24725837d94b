"""The kinds of page a built site has, found in the built site itself, so that a page type
added later (by a template or a plugin option) is checked without anyone listing it here.

A kind is named from the URL, and for item pages from the template's own markers (an item can
be published, missing, or made from the measures as a list or as the report table). One page
per kind is enough for the browser checks, since pages of a kind share their template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# The kinds every site has; a test fails when one of them is not found.
EXPECTED_KINDS = (
    "home",
    "oit-table",
    "item-published",
    "item-missing",
    "item-measures",
    "item-report",
    "measures",
    "measure",
    "report",
    "scores",
    "not-found",
)
# Kinds that a site has only with some content or option (the readiness page is optional).
OPTIONAL_KINDS = ("readiness",)
# A URL that no site has, to see the site's own 404 page where a reader would.
MISSING_PATH = "ita/2568/o99/"


@dataclass(frozen=True)
class SitePage:
    kind: str
    path: str  # relative to the site's root, as in a link: "", "ita/2568/", "ita/2568/o1/"


def _item_kind(html: str) -> str:
    if 'class="ita-missing"' in html:
        return "item-missing"
    if 'class="ita-report"' in html:
        return "item-report"
    if 'id="measures"' in html:
        return "item-measures"
    return "item-published"


def kind_of(path: str, html: str) -> str:
    if path == "":
        return "home"
    if re.fullmatch(r"ita/\d{4}/", path):
        return "oit-table"
    if re.fullmatch(r"ita/\d{4}/o\d+/", path):
        return _item_kind(html)
    for name in ("measures", "report", "scores", "readiness"):
        if re.fullmatch(rf"ita/\d{{4}}/{name}/", path):
            return name
    if re.fullmatch(r"ita/\d{4}/measures/[^/]+/", path):
        return "measure"
    # Any other page (a free Markdown page, a page type added later) is a kind of its own, the
    # same in every fiscal year.
    return "page:" + re.sub(r"^ita/\d{4}/", "ita/<fy>/", path)


def all_pages(site: Path) -> list[SitePage]:
    """Every HTML page of the built site, in a stable order, plus the 404 page at a missing URL."""
    pages = []
    for file in sorted(site.rglob("index.html")):
        path = file.parent.relative_to(site).as_posix()
        if path == "admin" or path.startswith("admin/"):
            continue  # the web editor, a single-page app of its own: tests/browser/test_editor.py
        path = "" if path == "." else path + "/"
        pages.append(SitePage(kind_of(path, file.read_text("utf-8")), path))
    if (site / "404.html").is_file():
        pages.append(SitePage("not-found", MISSING_PATH))
    return pages


def one_page_per_kind(site: Path) -> list[SitePage]:
    """The first page of each kind, newest fiscal year first (its pages are the ones in use)."""
    pages = sorted(all_pages(site), key=lambda page: _newest_first(page.path))
    chosen: dict[str, SitePage] = {}
    for page in pages:
        chosen.setdefault(page.kind, page)
    return list(chosen.values())


def _newest_first(path: str) -> tuple[int, str]:
    year = re.match(r"ita/(\d{4})/", path)
    return (-int(year.group(1)) if year else 0, path)
