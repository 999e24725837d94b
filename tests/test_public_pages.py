"""What the public pages of the demo carry: the agency's disclosure, never the webmaster's notes,
the catalogue's hints or words about how the site is built (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

from site_builder.records.catalogue import load_catalogue
from tests.conftest import REPO
from tests.test_site import build_site_copy

# Words about the build process that once reached public pages (the demo's own records say
# "เครื่องมือสร้างเว็บไซต์" in their demo notice, which is their text, so that word is not here).
BUILD_WORDING = ("โดยอัตโนมัติ", "สร้างจากข้อมูล", "ไฟล์เนื้อหา", "mkdocs", "site_builder")


def _notes() -> list[str]:
    notes = []
    for record in sorted((REPO / "content/ita").glob("*/measures/*.md")):
        notes += re.findall(r'^\s*note:\s*"?(.+?)"?\s*$', record.read_text("utf-8"), re.MULTILINE)
    return notes


def _public_files(site: Path) -> list[Path]:
    # Everything published except the webmaster's readiness page (noindex, out of the menu).
    files = [
        *site.rglob("*.html"),
        *site.rglob("*.json"),
        *site.rglob("*.csv"),
        *site.rglob("*.js"),
    ]
    return [path for path in files if "readiness" not in path.parts]


def test_record_notes_are_on_no_public_page_or_open_data() -> None:
    site, _ = build_site_copy()
    notes = _notes()
    assert len(notes) >= 40  # the demo's importer repair notes
    found = [
        (path.relative_to(site).as_posix(), note[:30])
        for path in _public_files(site)
        for note in notes
        if note in path.read_text("utf-8", errors="replace")
    ]
    assert found == []


def test_item_pages_do_not_show_the_catalogue_hint_by_default() -> None:
    site, _ = build_site_copy()
    catalogue = load_catalogue("ita-2568")
    for item in catalogue.items:
        html = (site / f"ita/2568/{item.code}/index.html").read_text("utf-8")
        assert "สิ่งที่รายการนี้ต้องมี" not in html, item.code
        # The hint's text may be on the page only where the agency's own record says the same.
        record = REPO / f"content/ita/2568/{item.code}/index.md"
        own = record.read_text("utf-8") if record.is_file() else ""
        assert item.needs not in html or item.needs in own + item.title, item.code


def test_no_build_wording_on_public_pages() -> None:
    site, _ = build_site_copy()
    found = []
    for page in site.rglob("*.html"):
        if "readiness" in page.parts:
            continue
        article = page.read_text("utf-8")
        article = article.split("<article", 1)[-1].split("</article>", 1)[0]
        found += [(page.relative_to(site).as_posix(), w) for w in BUILD_WORDING if w in article]
    assert found == []
