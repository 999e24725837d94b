"""Segmentations kept on disk between builds, keyed by the text itself: an unchanged text is
never segmented twice, not in the next `mkdocs build`, not after a restart of `mkdocs serve`.
The same file keeps what the index made of each page's HTML (`texts`) and of each chunk
(`chunks`), keyed by a digest of everything they were made from (index.py): an unchanged page
is not read again, an unchanged chunk not segmented or written again.

One SQLite file (the standard library's; atomic, safe with two builds at once) in the folder
the plugin's `search_cache` option names (`.cache/search` in the project, ignored by git), or
the folder in the environment variable ITA_SEARCH_CACHE, which a publishing server sets to keep
one per target outside the pushed tree. The file is a cache, never an input: a row that does
not spell its own key back is ignored, rows of other segmentation rules are dropped, and a
file that cannot be read or written turns the cache off for the build (with a message, not a
warning: a strict build must not stop for it), never the build itself. Values are stored
compressed, and a file grown past MAX_BYTES (rows of old texts are never deleted one by one) is
started again: a cache must stay below the sandbox's file size limit.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import zlib
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath
from typing import NamedTuple

log = logging.getLogger("mkdocs.plugins.ita.search")

ENVIRONMENT = "ITA_SEARCH_CACHE"
FILE_NAME = "segments.sqlite"
# SQLite accepts at most 32,766 parameters in one statement; fewer keeps statements short.
BATCH = 900
# Thai words never hold a space: the words of a run are stored as one space-separated string.
WORD_SEPARATOR = " "
MARK = "\x7f"  # segment.MARK (here too: segment imports this module)

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS rules (rules TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS runs ("
    " run TEXT PRIMARY KEY, marked TEXT NOT NULL, words TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS texts (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS chunks (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
)
# The tables of values keyed by a digest (index.py makes the keys and checks what it reads).
VALUE_TABLES = frozenset({"texts", "chunks", "entries"})


MiB = 1024 * 1024
# Below the sandbox's 1 GiB file size limit (publish/sandbox.py), with room for one build's
# new rows: a fresh cache of 20,000 records is about 450 MB (README).
MAX_BYTES = 768 * MiB
# A stored value inflated past this is not one this module wrote (a zip bomb in a pushed file).
MAX_VALUE_BYTES = 64 * MiB


def _pack(value: str) -> bytes:
    # Thai is three bytes a letter in UTF-8, and texts repeat: zlib keeps about a quarter.
    return zlib.compress(value.encode("utf-8", "surrogatepass"), 1)


def _unpack(value: object) -> str | None:
    """A value _pack wrote, or None (anything else: an older cache, a tampered row)."""
    if not isinstance(value, bytes):
        return None
    try:
        inflater = zlib.decompressobj()
        data = inflater.decompress(value, MAX_VALUE_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            return None
        return data.decode("utf-8", "surrogatepass")
    except (zlib.error, UnicodeDecodeError):
        return None


class Segmented(NamedTuple):
    marked: str
    """The run with MARK at every boundary."""
    words: tuple[str, ...]
    """The Thai words found in it (for the chunk's vocabulary)."""


def cache_folder(
    project: Path,
    option: str,
    environ: Mapping[str, str] = os.environ,
    published: tuple[Path, ...] = (),
) -> Path | None:
    """Where the segmentations are kept: ITA_SEARCH_CACHE, else `option` inside the project;
    None when both are empty. `option` comes from mkdocs.yml, which a push may change: it must
    stay inside the project (a relative path without `..`) and out of the `published` folders
    (docs_dir, site_dir)."""
    if environ.get(ENVIRONMENT):
        return Path(environ[ENVIRONMENT])
    if not option:
        return None
    path = PurePosixPath(option.replace("\\", "/"))
    folder = project / path
    if (
        path.is_absolute()
        or ".." in path.parts
        or ":" in option
        or any(folder.resolve().is_relative_to(p.resolve()) for p in published)
    ):
        raise ValueError(
            f"search_cache ต้องเป็นโฟลเดอร์ภายในโครงการ นอก content/ และ site/ เช่น .cache/search: "
            f"{option!r} (search_cache must be a folder inside the project, outside docs_dir and "
            "site_dir, such as .cache/search)"
        )
    return folder


class SegmentStore:
    """The SQLite file of one cache folder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._db: sqlite3.Connection | None = None
        self._opened: tuple[int, int] | None = None
        self._rules: str | None = None
        self.broken = False

    def get(self, rules: str, runs: Collection[str]) -> dict[str, Segmented]:
        """The stored segmentations of `runs` (those that are there and sound)."""
        found: dict[str, Segmented] = {}
        db = self._open(rules)
        if db is None:
            return found
        wanted = list(runs)
        try:
            for start in range(0, len(wanted), BATCH):
                batch = wanted[start : start + BATCH]
                marks = ",".join("?" * len(batch))
                query = f"SELECT run, marked, words FROM runs WHERE run IN ({marks})"
                for run, marked, words in db.execute(query, batch):
                    # A cache row must spell its key back, words inside it: else segment again.
                    split = tuple(words.split(WORD_SEPARATOR)) if words else ()
                    if marked.replace(MARK, "") == run and all(w in run for w in split):
                        found[run] = Segmented(marked, split)
        except sqlite3.Error as error:
            self._give_up(error)
            return {}
        return found

    def put(self, rules: str, made: Mapping[str, Segmented]) -> None:
        db = self._open(rules)
        if db is None:
            return
        rows = ((run, s.marked, WORD_SEPARATOR.join(s.words)) for run, s in made.items())
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO runs VALUES (?, ?, ?)", rows)
        except sqlite3.Error as error:
            self._give_up(error)

    def get_values(self, rules: str, table: str, keys: Collection[str]) -> dict[str, str]:
        """The stored values of `keys` in `table` (one of VALUE_TABLES)."""
        assert table in VALUE_TABLES
        db = self._open(rules)
        if db is None:
            return {}
        wanted, found = list(keys), {}
        try:
            for start in range(0, len(wanted), BATCH):
                batch = wanted[start : start + BATCH]
                marks = ",".join("?" * len(batch))
                query = f"SELECT key, value FROM {table} WHERE key IN ({marks})"
                for key, value in db.execute(query, batch):
                    unpacked = _unpack(value)
                    if unpacked is not None:
                        found[key] = unpacked
        except sqlite3.Error as error:
            self._give_up(error)
            return {}
        return found

    def put_values(self, rules: str, table: str, values: Mapping[str, str]) -> None:
        assert table in VALUE_TABLES
        db = self._open(rules)
        if db is None or not values:
            return
        try:
            with db:
                rows = ((key, _pack(value)) for key, value in values.items())
                db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows)
        except sqlite3.Error as error:
            self._give_up(error)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
            self._opened = self._rules = None

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            status = self.path.stat()
        except OSError:
            return None
        return (status.st_dev, status.st_ino)

    def _open(self, rules: str) -> sqlite3.Connection | None:
        if self.broken:
            return None
        try:
            # One process keeps the file open between builds (`mkdocs serve`, tests); if the
            # folder was removed or the file replaced since, the handle names a deleted file
            # that SQLite refuses to write ("readonly database"): open the one there now.
            if self._db is not None and self._file_identity() != self._opened:
                self.close()
            if self._db is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._start_again_if_too_big()
                self._db = sqlite3.connect(self.path, timeout=30)
                with self._db:
                    for statement in SCHEMA:
                        self._db.execute(statement)
                self._opened = self._file_identity()
            if self._rules != rules:
                self._use_rules(self._db, rules)
        except (sqlite3.Error, OSError) as error:
            self._give_up(error)
            return None
        return self._db

    def _start_again_if_too_big(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            size = self.path.stat().st_size
            if size > MAX_BYTES:
                log.info(
                    f"{self.path}: แคชการตัดคำใหญ่เกิน {MAX_BYTES // MiB} MB เริ่มใหม่ "
                    f"(search cache over {MAX_BYTES // MiB} MB: starting again)"
                )
                for suffix in ("", "-journal", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _use_rules(self, db: sqlite3.Connection, rules: str) -> None:
        # Segmentations made by other rules (another word list, nlpo3 or MIN_TAIL) are dropped.
        with db:
            stored = [row[0] for row in db.execute("SELECT rules FROM rules")]
            if stored != [rules]:
                for table in ("runs", *sorted(VALUE_TABLES)):
                    db.execute(f"DELETE FROM {table}")
                db.execute("DELETE FROM rules")
                db.execute("INSERT INTO rules VALUES (?)", (rules,))
        self._rules = rules

    def _give_up(self, error: Exception) -> None:
        self.broken = True
        self.close()
        # Said, but not as a warning: `--strict` (publish) would stop the build for a cache,
        # which only ever makes a build slower.
        log.info(
            f"{self.path}: ใช้แคชการตัดคำไม่ได้ ตัดคำใหม่ทั้งหมด "
            f"(search cache unusable, segmenting everything: {error})"
        )
