"""An incremental publish: a push that changes only records builds only their fiscal years, and
the new release takes every other file from the live one as a hard link (same bytes, no copy).

It is chosen when the live release was built by the same code and left its state
(site.state), and `git diff` from the live commit to the new one shows nothing but edited
measure or disclosure records (index.md) inside docs_dir. Anything else (a new or deleted
file, an attachment, year.yml, a free page, mkdocs.yml, the theme, a catalogue, other code) is
a full build. The result is verified as a whole before the switch, like a full build, and a
test compares it byte for byte with a full build of the same commit.
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from site_builder.publish.releases import RELEASES
from site_builder.records.fingerprint import code_fingerprint
from site_builder.records.layout import Kind, kind_of_path
from site_builder.site.state import REUSED_FILE

STATE = ".state"
"""target/.state/<release>/: what each release's build left for the next (site.state)."""
CODE_FILE = "code"
CHECK_CACHE = ".check-cache"
"""target/.check-cache/: checked records (records.cache.DiskRecords), written by publish and
pre-receive only, read-only in the sandbox."""
RECORD_KINDS = {Kind.MEASURE, Kind.DISCLOSURE}
SITEMAP = "sitemap.xml"


def state_folder(target: Path, release: str) -> Path:
    return target / STATE / release


def mark_code(folder: Path) -> None:
    """Say which code wrote the state (read without parsing the state itself)."""
    (folder / CODE_FILE).write_text(code_fingerprint(), "utf-8")


def usable_state(target: Path, release: str) -> Path | None:
    folder = state_folder(target, release)
    try:
        same = (folder / CODE_FILE).read_text("utf-8") == code_fingerprint()
    except OSError:
        return None
    return folder if same else None


def changed_records(repo: Path, old: str, new: str, docs: str) -> list[str] | None:
    """The record files (inside docs_dir) edited from `old` to `new`; None when anything else
    changed too, or nothing did."""
    proc = subprocess.run(
        ["git", "diff", "--name-status", "--no-renames", "-z", old, new],
        cwd=repo,
        capture_output=True,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GIT_DIR": str(repo)},
    )
    if proc.returncode != 0:
        return None
    fields = proc.stdout.decode("utf-8", "replace").split("\0")
    pairs = list(zip(fields[0::2], fields[1::2], strict=False))
    prefix = f"{docs.strip('/')}/"
    changed = []
    for status, path in pairs:
        if status != "M" or not path.startswith(prefix):
            return None
        rel = path[len(prefix) :]
        found = kind_of_path(rel)
        if found is None or found[0] not in RECORD_KINDS:
            return None
        changed.append(rel)
    return changed or None


def _safe(rel: object) -> str | None:
    # The list comes out of the sandbox: only plain relative paths inside the site.
    if not isinstance(rel, str) or not rel or "\0" in rel or rel.startswith("/"):
        return None
    normal = posixpath.normpath(rel)
    return None if normal.startswith("..") or normal != rel else normal


def _link(live: Path, partial: Path, rel: str) -> bool:
    source, dest = live / rel, partial / rel
    if source.is_symlink() or not source.is_file():
        return False
    if dest.exists() or dest.is_symlink():
        dest.unlink()
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.link(source, dest)
    return True


def reuse_live(live: Path, partial: Path, state: Path) -> set[str]:
    """Hard-link into `partial` every file the partial build listed as left out (in place of
    what it wrote there), and every file of the folders it listed that it did not write; the
    paths linked. Nothing is written over a link later: the build has finished by now."""
    data = json.loads((state / REUSED_FILE).read_text("utf-8"))
    (state / REUSED_FILE).unlink()
    linked: set[str] = set()
    for rel in data.get("files", []):
        safe = _safe(rel)
        if safe is not None and _link(live, partial, safe):
            linked.add(safe)
    for folder in data.get("folders", []):
        safe = _safe(folder)
        if safe is None or not (live / safe).is_dir() or (live / safe).is_symlink():
            continue
        for top, _dirs, names in os.walk(live / safe):
            for name in names:
                rel = Path(top, name).relative_to(live).as_posix()
                # What the build wrote in these folders is its own (e.g. the edited year's
                # search chunk).
                if not os.path.lexists(partial / rel) and _link(live, partial, rel):
                    linked.add(rel)
    return linked


def gzip_sitemap(site: Path, epoch: int) -> None:
    """sitemap.xml.gz again from the (reused) sitemap.xml, as MkDocs writes it: the gzip header
    holds the build time, which is the commit's."""
    xml = site / SITEMAP
    if not xml.is_file():
        return
    gz = site / f"{SITEMAP}.gz"
    if gz.exists():
        gz.unlink()
    # MkDocs takes the newest page date: the build's day (UTC), at midnight.
    day = datetime.fromtimestamp(epoch, UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    with (
        gz.open("wb") as out,
        gzip.GzipFile(
            fileobj=out, filename=str(gz), mode="wb", mtime=int(day.timestamp())
        ) as zipped,
    ):
        zipped.write(xml.read_bytes())


def prune_states(target: Path) -> None:
    """Drop the state of every release that is gone."""
    folder = target / STATE
    if not folder.is_dir():
        return
    releases = target / RELEASES
    kept = {entry.name for entry in releases.iterdir()} if releases.is_dir() else set()
    for entry in folder.iterdir():
        if entry.name not in kept:
            shutil.rmtree(entry, ignore_errors=True)
