"""Build real MkDocs sites from small content trees, for tests."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import REPO, write_tree

MKDOCS_YML = """\
site_name: อบต.ทดสอบ
docs_dir: content
site_dir: site
theme:
  name: material
  custom_dir: {theme}
  language: th
  font: false
extra:
  generator: false
extra_css:
  - assets/ita.css
plugins:
  - ita
  - search
markdown_extensions:
  - tables
  - admonition
  - attr_list
  - def_list
  - toc:
      permalink: false
"""


class BuildLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def lines(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


def build_site(
    root: Path, files: dict[str, str | bytes], strict: bool = False
) -> tuple[Path, BuildLog]:
    """Write `files` under root (plus mkdocs.yml), build with MkDocs, return site dir and log
    (INFO lines too, as `mkdocs build` shows them). `strict`: as `mkdocs build --strict`."""
    write_tree(root, {"mkdocs.yml": MKDOCS_YML.format(theme=REPO / "theme"), **files})
    handler = BuildLog()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        config = load_config(str(root / "mkdocs.yml"), strict=strict)
        build(config)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return root / "site", handler
