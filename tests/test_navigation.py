"""Material's navigation, rendered once per folder (site_builder/engine/navigation.py), makes
the very same site: two real builds of ten fiscal years of synthetic records, with and without
it, compared file by file; and it is rendered far fewer times than there are pages."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from bench.synthetic import write_content
from site_builder.engine import navigation
from tests.conftest import REPO

TIMESTAMPED = {"sitemap.xml.gz"}


def _build(root: Path) -> Path:
    build(load_config(str(root / "mkdocs.yml")))
    return root / "site"


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def test_the_navigation_rendered_once_per_folder_gives_the_same_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    write_content(root, 40)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")

    made: list[jinja2.Environment] = []
    once = navigation.render_once_per_folder

    def counted(environment: jinja2.Environment) -> None:
        once(environment)
        made.append(environment)

    monkeypatch.setattr(navigation, "render_once_per_folder", counted)
    with_cache = _build(root).rename(tmp_path / "with-cache")
    monkeypatch.setattr(navigation, "render_once_per_folder", lambda environment: None)
    without = _build(root)

    a, b = _files(with_cache), _files(without)
    assert a.keys() == b.keys()
    pages = [name for name in a if name.endswith(".html")]
    assert len(pages) > 300
    differ = [n for n in sorted(a.keys() - TIMESTAMPED) if not filecmp.cmp(a[n], b[n], False)]
    assert differ == []
    # Rendered for the menu's own pages and once per folder of the others, not per page.
    renders = made[0].globals[navigation.CALL].renders
    assert renders < len(pages) / 4, (renders, len(pages))
    assert 'class="md-nav md-nav--primary"' in (with_cache / "ita/2565/o1/index.html").read_text(
        "utf-8"
    )
