"""`python -m site_builder check`: every problem of every file, one line each, before building."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.records.content import Content, load_content
from site_builder.records.problems import Problems
from site_builder.rules.cross_checks import check_content


@dataclass
class CheckResult:
    content: Content
    problems: Problems

    def failed(self, strict: bool = False) -> bool:
        return bool(self.problems.errors or (strict and self.problems.warnings))


def run_check(
    content_dir: Path, repo_root: Path | None = None, catalogue_dirs: tuple[Path, ...] = ()
) -> CheckResult:
    content, problems = load_content(content_dir, repo_root, catalogue_dirs)
    check_content(content, problems)
    return CheckResult(content, problems)
