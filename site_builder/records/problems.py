"""Problems found in content: one line each, `path:line: message`, Thai with English after.

Every reader and checker appends to one `Problems` collector instead of raising, so that a single
run reports every mistake of every file (as Pelican does) before anything is built.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    thai: str
    english: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        if self.severity is Severity.WARNING:
            return f"{self.path}:{self.line}: คำเตือน: {self.thai} (warning: {self.english})"
        return f"{self.path}:{self.line}: {self.thai} ({self.english})"

    @property
    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line, self.thai)


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as users see it in messages: relative to the repository (or cwd), with `/`."""
    base = root if root is not None else Path.cwd()
    # The link itself, not its target: a symlink must be named where it is.
    located = Path(os.path.abspath(path.parent.resolve() / path.name))
    try:
        return located.relative_to(base.resolve()).as_posix()
    except ValueError:
        return Path(os.path.abspath(path)).as_posix()


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, thai: str, english: str) -> None:
        self.items.append(Problem(path, line, thai, english, Severity.ERROR))

    def warning(self, path: str, line: int, thai: str, english: str) -> None:
        self.items.append(Problem(path, line, thai, english, Severity.WARNING))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        # One message per distinct problem, in file order: stable output for people and tests.
        return sorted(set(self.items), key=lambda p: p.sort_key)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)
