"""Builds without MkDocs: content rendered through `SiteBuild` with Python-Markdown alone.

This module must not import MkDocs or Material (tests/test_sitebuild.py proves it in a fresh
interpreter), so that the record → page path is shown to need no engine.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Markdown

from site_builder.rules.check import run_check
from site_builder.site.build import BuildOptions, BuiltSite, SiteBuild

# The Markdown extensions of MKDOCS_YML, for builds without MkDocs.
EXTENSIONS = ["tables", "admonition", "attr_list", "def_list", "toc"]
EXTENSION_CONFIGS = {"toc": {"permalink": False}}


def render_without_engine(root: Path, readiness_page: bool = False) -> BuiltSite:
    """Check and render `root/content` through `SiteBuild` with Python-Markdown alone."""
    result = run_check(root / "content", root)
    assert not result.failed(), [str(problem) for problem in result.problems]
    build = SiteBuild(
        result.content, BuildOptions(agency="อบต.ทดสอบ", readiness_page=readiness_page)
    )

    def markdown(text: str) -> str:
        return Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS).convert(text)

    return build.render_all(markdown)


def article(page_html: str) -> str:
    """The article of a page Material built: what our plugin placed, without the page frame."""
    start = page_html.index('<article class="md-content__inner md-typeset">')
    start = page_html.index(">", start) + 1
    end = page_html.index("</article>", start)
    return page_html[start:end].strip()
