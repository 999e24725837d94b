"""The built demo site, every file of it: no inline event handler, no javascript: URL, and no
resource loaded from another host (a link *to* another site is fine; a request is not)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from tests.test_site import build_site_copy

# Attributes through which a page makes the browser fetch something by itself.
FETCHING = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
    ("input", "src"),
}
FETCHING_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                      "modulepreload", "manifest", "apple-touch-icon"}  # fmt: skip
OFF_SITE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if re.match(r"^\s*javascript:", value, re.IGNORECASE):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if (tag, name) in FETCHING and OFF_SITE.match(value):
                self.problems.append(f"<{tag} {name}={value!r}> loads from another host")
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and rels & FETCHING_LINK_RELS and OFF_SITE.match(values.get("href", "")):
            self.problems.append(f"<link rel={values['rel']!r} href={values['href']!r}>")


def test_demo_site_has_no_live_code_and_no_third_party_request() -> None:
    site, _ = build_site_copy()
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 60  # 35 items, 19 measures, 4 year pages, home, 404
    problems = []
    for page in pages:
        audit = _Audit()
        audit.feed(page.read_text("utf-8"))
        problems += [f"{page.relative_to(site)}: {problem}" for problem in audit.problems]
    assert problems == []


def test_stylesheets_import_nothing_from_another_host() -> None:
    site, _ = build_site_copy()
    for sheet in site.rglob("*.css"):
        text = sheet.read_text("utf-8", errors="replace")
        assert not re.search(r"@import\s+(?:url\()?['\"]?(?:https?:)?//", text), sheet
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), sheet


def test_audit_finds_what_it_looks_for(tmp_path: Path) -> None:
    # The audit itself must be able to fail: feed it each kind of offence.
    audit = _Audit()
    audit.feed(
        '<img src="https://evil.example/x.png"><p onclick="x()">a</p>'
        '<a href="javascript:alert(1)">b</a><link rel="stylesheet" href="//cdn.example/a.css">'
        '<a href="https://example.go.th/">ลิงก์ออกไปได้</a>'
    )
    assert len(audit.problems) == 4
