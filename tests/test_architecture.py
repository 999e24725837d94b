"""The package layout is the picture of the data's path, and these tests keep it true:

    records → rules → site → engine        (each stage imports only the stages before it)
    publish, importer, cli, scaffold        (beside the stages: they use them, never the reverse)
    thai, urls, labels                      (the foundation every stage uses)

Only `engine` knows MkDocs or Material. Imports are read from the source with `ast`, so a lazy
import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "site_builder"
STAGES = ["records", "rules", "site", "engine"]
BESIDE = {"publish", "importer", "cli", "scaffold"}
FOUNDATION = {"thai", "urls", "labels"}
TOP_LEVEL = {"__init__", "__main__", *FOUNDATION}
ENGINES = {"mkdocs", "material"}


def modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(REPO).with_suffix("").parts): path
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # `from site_builder import thai` imports the module site_builder.thai.
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def part_of(module: str) -> str:
    """The stage, the side package or the foundation module a dotted name belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def arrows_against_the_flow(found: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in found.items():
        here = part_of(module)
        for target in targets:
            if target.split(".")[0] in ENGINES and here != "engine":
                wrong.append(f"{module} imports {target}: only site_builder.engine may")
            if not target.startswith("site_builder.") or target == "site_builder.__main__":
                continue
            there = part_of(target)
            if there in FOUNDATION or there == here or here in BESIDE or here == "__main__":
                continue
            if there in BESIDE:
                wrong.append(f"{module} imports {target}: the stages never import {there}")
            elif here in FOUNDATION:
                wrong.append(f"{module} imports {target}: the foundation imports no stage")
            elif here in STAGES and there in STAGES and STAGES.index(there) > STAGES.index(here):
                wrong.append(f"{module} imports {target}: {there} comes after {here}")
    return wrong


def test_imports_follow_the_stages() -> None:
    found = {module: imported(path) for module, path in modules().items()}
    assert arrows_against_the_flow(found) == []


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("site_builder.records.models", "site_builder.rules.readiness"),
        ("site_builder.site.render", "mkdocs.structure.files"),
        ("site_builder.rules.check", "site_builder.cli.main"),
        ("site_builder.thai", "site_builder.records.models"),
        ("site_builder.site.build", "site_builder.engine.plugin"),
    ],
)
def test_the_import_check_can_fail(module: str, target: str) -> None:
    assert len(arrows_against_the_flow({module: {target}})) == 1


def test_only_the_engine_imports_mkdocs_or_material() -> None:
    users = {
        part_of(module)
        for module, path in modules().items()
        if any(target.split(".")[0] in ENGINES for target in imported(path))
    }
    assert users == {"engine"}


def test_a_handful_of_modules_at_the_top() -> None:
    top = {path.stem for path in PACKAGE.glob("*.py")}
    assert top == TOP_LEVEL
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(STAGES) | BESIDE
