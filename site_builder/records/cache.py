"""Records read in an earlier load by the same process, reused while their files are unchanged.

`mkdocs serve` reloads the configuration and makes new plugins after every edit, so all content
is loaded again each time; reading, parsing, validating and scanning thousands of unchanged
records again would make a one-line edit wait for all of them. A record is reused only when
every file it is made of has the same path, size, modification and change times and inode as
when it was read, and then with the problems found that time, so `check` reports the same.

A publishing server also keeps records on disk (`DiskRecords`, the folder named by
ITA_CHECK_CACHE), by the digest of their files' bytes and of the code: pre-receive, publish and
the sandboxed build then read each unchanged record once between them, not three times per
push. Only those server processes, outside the sandbox, write the folder; the sandbox sees it
read-only, because an entry is a pickle and must never come from content-controlled code.

The same folder keeps whole loads (`Snapshots`): when a server process knows which git tree it
exported (disk_folder's `tree`, or ITA_CONTENT_TREE that publish gives the build), the records
and problems of that tree are one file, which the next process of the same push reads in a
third of the time of even a cached load.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.records.fingerprint import code_fingerprint
from site_builder.records.problems import Problem, Problems

ENVIRONMENT = "ITA_CHECK_CACHE"
TREE_ENVIRONMENT = "ITA_CONTENT_TREE"
SNAPSHOTS = "loads"
# A snapshot of 3,000 records is about 15 MB: the newest few serve a push and its neighbours.
KEEP_SNAPSHOTS = 4

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


class _Pickler(pickle.Pickler):
    # Paths inside the content folder are kept relative to it: the next process reads the same
    # records from another export of the commit.
    def __init__(self, file: io.BytesIO, root: Path) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.root = f"{root}{os.sep}"

    def persistent_id(self, obj: Any) -> str | None:
        if isinstance(obj, Path) and str(obj).startswith(self.root):
            return str(obj)[len(self.root) :]
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, root: Path) -> None:
        super().__init__(file)
        self.root = root

    def persistent_load(self, pid: Any) -> Path:
        return self.root / str(pid)


@dataclass(frozen=True)
class GitBlobs:
    """What git wrote into an export: file (absolute path) → blob id, and a digest of the
    commit's .gitattributes files, which decide how a blob becomes the file's bytes."""

    ids: Mapping[str, str]
    attributes: str


class DiskRecords:
    """Records kept in a folder by the digest of the code and of every byte they were read
    from; a write that fails (a read-only folder, a full disk) only means no entry. With the
    `blobs` of a git export, a file's blob id stands for its bytes, which are then not read:
    at 3,000 records with their PDFs, that is 200 MB a push does not read in pre-receive."""

    def __init__(self, folder: Path, blobs: GitBlobs | None = None) -> None:
        self.folder = folder
        self.blobs = blobs

    def digest(self, parts: Hashable, paths: Iterable[Path], root: Path) -> str | None:
        found = hashlib.sha256(f"{code_fingerprint()}\0{parts!r}".encode())
        ids = self.blobs.ids if self.blobs is not None else {}
        if self.blobs is not None:
            found.update(f"\0attributes {self.blobs.attributes}".encode())
        try:
            for path in paths:
                found.update(os.path.relpath(path, root).encode() + b"\0")
                blob = ids.get(str(path))
                # A blob id and a content digest differ in length: one never stands for another.
                if blob is not None:
                    found.update(f"blob {blob}".encode())
                else:
                    found.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            return None
        return found.hexdigest()

    def _path(self, digest: str) -> Path:
        return self.folder / digest[:2] / digest

    def get(self, digest: str, root: Path) -> Entry | None:
        try:
            data = self._path(digest).read_bytes()
            with _without_cyclic_gc():
                entry = _Unpickler(io.BytesIO(data), root).load()
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        return entry if isinstance(entry, Entry) else None

    def put(self, digest: str, entry: Entry, root: Path) -> None:
        buffer = io.BytesIO()
        try:
            _Pickler(buffer, root).dump(entry)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        _write_atomically(self._path(digest), buffer.getvalue())


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    # Unpickling makes hundreds of thousands of objects that all stay, and no garbage: Python's
    # cyclic collector would scan the growing heap again and again (a kept load of 3,000
    # records: 0.34 s with it, 0.07 s without). Only around pickle: a load that parses files
    # makes cyclic garbage, which must still be collected (without it, 3,000 records built
    # with a peak of 504 MB instead of 213 MB).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write_atomically(path: Path, data: bytes) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


class Snapshots:
    """Whole loads of a content tree, by the digest of the code, the git tree and the folders
    read (relative to the repository root, which differs between exports of one commit)."""

    def __init__(self, folder: Path, tree: str) -> None:
        self.folder = folder / SNAPSHOTS
        self.tree = tree

    def _path(self, root: Path, folders: Iterable[Path]) -> Path:
        where = [os.path.relpath(folder, root) for folder in folders]
        key = f"{code_fingerprint()}\0{self.tree}\0{where!r}"
        return self.folder / hashlib.sha256(key.encode()).hexdigest()

    def get(self, root: Path, folders: Iterable[Path]) -> Any:
        try:
            data = self._path(root, folders).read_bytes()
            with _without_cyclic_gc():
                return _Unpickler(io.BytesIO(data), root).load()
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, root: Path, folders: Iterable[Path], value: Any) -> None:
        buffer = io.BytesIO()
        try:
            with _without_cyclic_gc():
                _Pickler(buffer, root).dump(value)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        path = self._path(root, folders)
        _write_atomically(path, buffer.getvalue())
        # Only the newest few: each push makes one.
        with contextlib.suppress(OSError):
            kept = sorted(self.folder.iterdir(), key=lambda entry: entry.stat().st_mtime_ns)
            for old in kept[:-KEEP_SNAPSHOTS]:
                if old != path:
                    old.unlink(missing_ok=True)


_FOLDER: list[tuple[Path, str | None, GitBlobs | None]] = []


@contextlib.contextmanager
def disk_folder(
    folder: Path, tree: str | None = None, blobs: GitBlobs | None = None
) -> Iterator[None]:
    """Keep and reuse records in `folder` while the block runs (publish, pre-receive); `tree`:
    the git tree whose export is loaded, to keep or reuse the whole load (Snapshots); `blobs`:
    what git wrote there, to know unchanged files without reading them (DiskRecords)."""
    _FOLDER.append((folder, tree, blobs))
    try:
        yield
    finally:
        _FOLDER.pop()


def _folder_and_tree() -> tuple[str | None, str | None, GitBlobs | None]:
    if _FOLDER:
        folder, tree, blobs = _FOLDER[-1]
        return str(folder), tree, blobs
    return os.environ.get(ENVIRONMENT), os.environ.get(TREE_ENVIRONMENT), None


def disk_records() -> DiskRecords | None:
    """The server's folder of records (disk_folder, or ITA_CHECK_CACHE), if one is set."""
    folder, _tree, blobs = _folder_and_tree()
    return DiskRecords(Path(folder), blobs) if folder else None


def snapshots() -> Snapshots | None:
    """The server's whole loads, when the tree being loaded is known."""
    folder, tree, _blobs = _folder_and_tree()
    return Snapshots(Path(folder), tree) if folder and tree else None


class RecordCache:
    def __init__(self) -> None:
        self.entries: dict[Hashable, Entry] = {}

    def reuse_or_read(
        self,
        key: Hashable | None,
        problems: Problems,
        read: Callable[[], tuple[Any, int]],
        on_disk: tuple[Hashable, list[Path], Path] | None = None,
    ) -> tuple[Any, int]:
        """`read()` → (value, files read), or what it gave for the same key before; problems
        that reading added are added again on reuse. `on_disk`: (what the record is, the files
        it is read from, the content folder), to look for it in the server's folder too."""
        entry = self.entries.get(key) if key is not None else None
        disk = disk_records() if entry is None and on_disk is not None else None
        digest = disk.digest(*on_disk) if disk is not None and on_disk is not None else None
        if disk is not None and digest is not None:
            entry = disk.get(digest, on_disk[2])  # type: ignore[index]
        if entry is not None:
            if key is not None:
                self.entries[key] = entry
            problems.items.extend(entry.problems)
            return entry.value, entry.files_read
        before = len(problems.items)
        value, files_read = read()
        entry = Entry(value, tuple(problems.items[before:]), files_read)
        if key is not None:
            self.entries[key] = entry
        if disk is not None and digest is not None:
            disk.put(digest, entry, on_disk[2])  # type: ignore[index]
        return value, files_read

    def keep_only(self, keys: set[Hashable]) -> None:
        """Forget records that the last load did not use (deleted or edited files)."""
        for key in [key for key in self.entries if key not in keys]:
            del self.entries[key]


RECORDS = RecordCache()
"""One per process: `mkdocs serve` runs every rebuild in the same process."""
