"""Records read in an earlier load by the same process, reused while their files are unchanged.

`mkdocs serve` reloads the configuration and makes new plugins after every edit, so all content
is loaded again each time; reading, parsing, validating and scanning thousands of unchanged
records again would make a one-line edit wait for all of them. A record is reused only when
every file it is made of has the same path, size, modification and change times and inode as
when it was read, and then with the problems found that time, so `check` reports the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.records.problems import Problem, Problems

Stamp = tuple[str, int, int, int, int]


def stamp(path: Path) -> Stamp:
    """What tells an edited (or replaced) file from the one read before. Raises OSError."""
    info = os.stat(path, follow_symlinks=False)
    return (str(path), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def stamps(paths: Iterable[Path]) -> tuple[Stamp, ...] | None:
    """The stamps of several files, or None when one vanished meanwhile (then nothing is kept)."""
    try:
        return tuple(stamp(path) for path in paths)
    except OSError:
        return None


@dataclass(frozen=True)
class Entry:
    value: Any
    problems: tuple[Problem, ...]
    files_read: int


class RecordCache:
    def __init__(self) -> None:
        self.entries: dict[Hashable, Entry] = {}

    def reuse_or_read(
        self, key: Hashable | None, problems: Problems, read: Callable[[], tuple[Any, int]]
    ) -> tuple[Any, int]:
        """`read()` → (value, files read), or what it gave for the same key before; problems
        that reading added are added again on reuse."""
        entry = self.entries.get(key) if key is not None else None
        if entry is not None:
            problems.items.extend(entry.problems)
            return entry.value, entry.files_read
        before = len(problems.items)
        value, files_read = read()
        if key is not None:
            self.entries[key] = Entry(value, tuple(problems.items[before:]), files_read)
        return value, files_read

    def keep_only(self, keys: set[Hashable]) -> None:
        """Forget records that the last load did not use (deleted or edited files)."""
        for key in [key for key in self.entries if key not in keys]:
            del self.entries[key]


RECORDS = RecordCache()
"""One per process: `mkdocs serve` runs every rebuild in the same process."""
