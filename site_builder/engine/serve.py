"""Quick `mkdocs serve` rebuilds after an edit of records: which pages to build again, and how
the rest of the previous output is kept. Plain Python; the MkDocs plugin wires it in.

MkDocs rebuilds the whole site after any edit (it empties the output folder first), which takes
as long as `mkdocs build`: half a minute for 5,000 records. But an edited measure or disclosure
changes only the pages of its own fiscal year that list or count records (the year's tables,
measures, report, scores and item pages, each cheap but for the report), its own page, the home
page and the year's open data. So after an edit that touches records only, those pages are
built, and every other file of the previous output is moved back into place. Anything else (a
new or deleted file, year.yml, a free page, the theme, mkdocs.yml, the first build, a failed
build) builds everything, as MkDocs would.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel

from site_builder import urls
from site_builder.records.layout import Kind as FileKind
from site_builder.records.layout import kind_of_path
from site_builder.site import state
from site_builder.site.build import SiteBuild
from site_builder.site.editor import ADMIN as EDITOR_FOLDER
from site_builder.site.opendata import DATA_FILES
from site_builder.site.plans import Kind, PagePlan
from site_builder.site.search.index import FOLDER as SEARCH_FOLDER
from site_builder.site.state import PreviousBuild

# Files a partial build writes incompletely (they list every page): the previous ones stay.
KEEP_PREVIOUS = ("sitemap.xml", "sitemap.xml.gz")
MATERIAL_SEARCH_INDEX = "search/search_index.json"
STASH_SUFFIX = ".ita-previous"

Stamp = tuple[int, int, int]
log = logging.getLogger("mkdocs.plugins.ita")


def snapshot(docs_dir: Path, others: Iterable[Path] = ()) -> dict[str, Stamp]:
    """Every input file → (size, mtime, inode): docs files by their path inside docs_dir,
    other files and folders (mkdocs.yml, the theme) by their absolute path. Dot files are left
    out, as MkDocs leaves them out (editors' swap files come and go there)."""
    found: dict[str, Stamp] = {}

    def walk(top: Path, prefix: str) -> None:
        for folder, dirs, names in os.walk(top):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                if name.startswith("."):
                    continue
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path, follow_symlinks=False)
                except OSError:
                    continue
                key = prefix + os.path.relpath(path, top).replace(os.sep, "/")
                found[key] = (info.st_size, info.st_mtime_ns, info.st_ino)

    walk(docs_dir, "")
    for other in others:
        if other.is_dir():
            walk(other, f"{other.resolve()}/")
        elif other.exists():
            info = other.stat()
            found[f"{other.resolve()}"] = (info.st_size, info.st_mtime_ns, info.st_ino)
    return found


@dataclass(frozen=True)
class Changes:
    """What changed since the last build: records only."""

    paths: frozenset[str]
    measures: frozenset[tuple[int, str]] = frozenset()
    items: frozenset[tuple[int, str]] = frozenset()

    @property
    def years(self) -> set[int]:
        return {year for year, _ in self.measures | self.items}


def record_changes(before: dict[str, Stamp] | None, after: dict[str, Stamp]) -> Changes | None:
    """The records edited between two snapshots; None when more than records changed (or there
    is no earlier build), so that everything is built."""
    if before is None or before.keys() != after.keys():
        return None
    return changes_of_paths(path for path, stamp in after.items() if before[path] != stamp)


def changes_of_paths(changed: Iterable[str]) -> Changes | None:
    """The records behind these paths (inside docs_dir); None when one is not a record."""
    paths = frozenset(changed)
    measures, items = set(), set()
    for path in paths:
        found = kind_of_path(path)
        if found is None or found[0] is FileKind.YEAR_FILE:
            return None
        kind, year, item = found
        if kind is FileKind.MEASURE:
            measures.add((year, PurePosixPath(path).stem))
        else:
            items.add((year, item))
    return Changes(paths, frozenset(measures), frozenset(items))


def pages_to_build(plans: Iterable[PagePlan], changes: Changes) -> set[str]:
    """The generated pages (by src_uri) an edit changes: in each edited year every page but the
    pages of the measures that were not edited."""
    years = changes.years
    return {
        plan.src_uri
        for plan in plans
        if plan.fiscal_year in years
        and (plan.kind is not Kind.MEASURE or (plan.fiscal_year, plan.key) in changes.measures)
    }


def stash_output(site_dir: Path) -> Path:
    """Move the previous output aside (one rename) before MkDocs empties the folder."""
    stash = site_dir.with_name(site_dir.name + STASH_SUFFIX)
    if stash.exists():
        shutil.rmtree(stash)
    site_dir.rename(stash)
    site_dir.mkdir()
    return stash


def restore_output(stash: Path, site_dir: Path, keep_previous: Collection[str] = KEEP_PREVIOUS):
    """Move back every previous file the partial build did not write (whole folders at once
    where it wrote nothing inside), then drop the rest of the stash."""

    def merge(old: Path, new: Path, relative: str) -> None:
        for entry in os.scandir(old):
            target = new / entry.name
            name = relative + entry.name
            if not os.path.lexists(target):
                os.rename(entry.path, target)
            elif entry.is_dir(follow_symlinks=False) and target.is_dir():
                merge(Path(entry.path), target, name + "/")
            elif name in keep_previous:
                os.replace(entry.path, target)

    merge(stash, site_dir, "")
    shutil.rmtree(stash, ignore_errors=True)


def abandon_build(stash: Path, site_dir: Path) -> None:
    """After a failed partial build: the previous output, whole, is served again."""
    shutil.rmtree(site_dir, ignore_errors=True)
    stash.rename(site_dir)


def _json(value: object) -> bytes:
    # As Material's own writer (search/plugin.py, generate_search_index) encodes the index.
    return json.dumps(value, separators=(",", ":"), default=str).encode()


@dataclass(frozen=True)
class SearchEntries:
    """Material's search/search_index.json, kept encoded entry by entry: a partial build then
    encodes only its own pages' entries (the whole index is tens of MB at 5,000 records)."""

    config: bytes
    entries: tuple[tuple[str, bytes], ...]
    """(page URL, the entry as JSON), in the file's order."""

    def encode(self) -> bytes:
        docs = b",".join(entry for _, entry in self.entries)
        return b'{"config":' + self.config + b',"docs":[' + docs + b"]}"


def search_entries(index: bytes) -> SearchEntries | None:
    """Material's search index, read; None if the file is not in that format."""
    try:
        data = json.loads(index)
        entries = tuple((doc["location"].split("#")[0], _json(doc)) for doc in data["docs"])
        return SearchEntries(_json(data["config"]), entries)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def merge_search_index(
    old: SearchEntries, new: bytes, rebuilt: Collection[str]
) -> SearchEntries | None:
    """Material's search index after a partial build: the previous entries of every page not
    built again, the new entries of the pages that were, in the previous order. None when the
    new file is not in Material's format."""
    fresh = search_entries(new)
    if fresh is None:
        return None
    new_by_page: dict[str, list[tuple[str, bytes]]] = {}
    for entry in fresh.entries:
        new_by_page.setdefault(entry[0], []).append(entry)
    entries: list[tuple[str, bytes]] = []
    placed: set[str] = set()
    for entry in old.entries:
        page = entry[0]
        if page not in rebuilt:
            entries.append(entry)
        elif page not in placed:
            entries += new_by_page.get(page, [])
            placed.add(page)
    for page, page_entries in new_by_page.items():
        if page not in placed:
            entries += page_entries
    return SearchEntries(fresh.config, tuple(entries))


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory between the rebuilds of one `mkdocs serve`: MkDocs
    makes a new Jinja environment each time, and compiling Material's templates again took a
    tenth of a partial rebuild. Jinja compares each template's source checksum, so an edited
    template compiles again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.code.clear()


@dataclass
class LiveState:
    """What one `mkdocs serve` keeps between its rebuilds."""

    snapshot: dict[str, Stamp] | None = None
    pending: dict[str, Stamp] | None = None
    changes: Changes | None = None
    site_dir: Path | None = None
    stash: Path | None = None
    rebuilt_urls: set[str] = field(default_factory=set)
    search_index: SearchEntries | None = None
    """Material's search index as last written (reading the file again costs time)."""
    templates: TemplateCache = field(default_factory=TemplateCache)

    def begin(self, inputs: dict[str, Stamp], trusted: bool) -> Changes | None:
        """Start a build; the record changes when it can be partial, else None."""
        self.pending = inputs
        self.changes = record_changes(self.snapshot, inputs) if trusted else None
        self.rebuilt_urls = set()
        if self.changes is None:
            # Everything is built: the configuration or the theme may have changed.
            self.templates.clear()
            self.search_index = None
        return self.changes

    def set_aside(self, site_dir: Path) -> None:
        self.site_dir, self.stash = site_dir, stash_output(site_dir)

    def finish(self, site_dir: Path, material_index: str = MATERIAL_SEARCH_INDEX) -> None:
        """After a partial build: merge Material's search index, put the previous files back.
        After a full one: read the index now, while nobody waits for a rebuild."""
        index = site_dir / material_index
        if self.stash is None:
            self.search_index = search_entries(index.read_bytes()) if index.is_file() else None
        else:
            if index.is_file():
                merged = None
                if self.search_index is not None:
                    new = index.read_bytes()
                    merged = merge_search_index(self.search_index, new, self.rebuilt_urls)
                if merged is not None:
                    index.write_bytes(merged.encode())
                else:
                    index.unlink()  # an index it cannot complete: the previous one comes back
                self.search_index = merged
            restore_output(self.stash, site_dir)
        self.snapshot, self.pending, self.stash = self.pending, None, None

    def failed(self) -> None:
        """The previous output is served again; the next build compares with nothing, so it
        builds everything."""
        if self.stash is not None and self.site_dir is not None:
            abandon_build(self.stash, self.site_dir)
        self.snapshot = self.pending = self.changes = self.stash = None


# --- the MkDocs side of a partial build (serve and publish) --------------------------------------


def exclude_unchanged(
    files: Files, plans: Mapping[str, PagePlan], changes: Changes, partial: set[str]
) -> set[str]:
    """Mark every file the edit did not change EXCLUDED (MkDocs neither builds nor copies it);
    the URLs of the pages that are built, as Page.url spells them ("" for the home page)."""
    data = {urls.data_url(year, name) for year in changes.years for name in DATA_FILES}
    copied = changes.paths | data
    rebuilt: set[str] = set()
    for file in files:
        if file.src_uri in plans:
            build = file.src_uri in partial
        else:
            # Free pages are few and in the navigation: always built.
            build = file.is_documentation_page() or file.src_uri in copied
        if not build:
            file.inclusion = InclusionLevel.EXCLUDED
        elif file.is_documentation_page():
            rebuilt.add("" if file.url in (".", "./") else file.url)
    return rebuilt


class PublishPartial:
    """An incremental publish (publish/pipeline.py decides, and sets the environment): the
    build renders the pages of the fiscal years whose records the push changed, with the live
    release's bodies and search texts for the rest (site.state); the files it leaves out are
    listed in `reused.json`, and publish hard-links them from the live release."""

    def __init__(
        self, changes: Changes, previous: PreviousBuild, state: Path, previous_state: Path
    ) -> None:
        self.changes = changes
        self.previous = previous
        self.state = state
        self.previous_state = previous_state
        self.partial: set[str] = set()

    @classmethod
    def from_environment(cls) -> PublishPartial | None:
        """The partial build publish asked for; None for a full build. Raises PluginError when
        asked for one that cannot be made (publish then builds everything)."""
        changed, previous = os.environ.get(state.CHANGED), os.environ.get(state.PREVIOUS)
        write = os.environ.get(state.WRITE)
        if not changed or not previous or not write:
            return None
        changes = changes_of_paths(line for line in changed.splitlines() if line)
        # Only the edited years' state: the others' files are copied as they are (write_state).
        found = state.read_state(Path(previous), changes.years) if changes is not None else None
        if changes is None or found is None:
            raise PluginError(
                "สร้างเฉพาะปีที่แก้ไม่ได้ (no state of the live release, or not records only)"
            )
        return cls(changes, found, Path(write), Path(previous))

    @property
    def years(self) -> set[int]:
        return self.changes.years

    def begin(self, build: SiteBuild) -> None:
        self.partial = pages_to_build(build.plans.values(), self.changes)
        build.carry_over(self.previous)
        log.info(
            f"เผยแพร่เฉพาะปีที่แก้: สร้าง {len(self.partial)} หน้า "
            f"(incremental publish: {len(self.partial)} pages)"
        )

    def write_state(self, build: SiteBuild) -> None:
        """This build's state, for the next publish: the years it did not read are copied."""
        unchanged = set(self.previous.years) - self.years
        state.write_state(
            self.state, build.bodies, build.search_pages, self.previous_state, unchanged
        )

    def skip_unchanged(self, files: Files, plans: Mapping[str, PagePlan]) -> None:
        exclude_unchanged(files, plans, self.changes, self.partial)
        left_out = [file.dest_uri for file in files if file.inclusion is InclusionLevel.EXCLUDED]
        # The editor's files depend on the years and catalogues only; the search chunks of
        # the other years are the live ones: publish takes the files this build does not write.
        folders = [EDITOR_FOLDER, SEARCH_FOLDER]
        state.write_reused(self.state, [*left_out, *KEEP_PREVIOUS], folders)


# --- the MkDocs side of a serve session ----------------------------------------------------------

# Plugins whose output a partial rebuild knows how to complete.
PARTIAL_SAFE_PLUGINS = {"ita", "search", "material/search"}


class ServeSession:
    """One `mkdocs serve`: the plugin's hooks call these, so that a rebuild after an edit of
    records builds only the pages of the edited year and keeps the rest of the output."""

    def __init__(self) -> None:
        self.live = LiveState()
        self.partial: set[str] | None = None
        """In a partial rebuild, the generated pages to build (src_uri); None builds all."""
        self.previous: SiteBuild | None = None

    def inputs(self, config: MkDocsConfig, extra: tuple[Path, ...]) -> dict[str, Stamp]:
        # Taken before reading: an edit made while this build runs is seen by the next one.
        others = [Path(config.config_file_path), *extra]
        if config.theme.custom_dir:
            others.append(Path(config.theme.custom_dir))
        return snapshot(Path(config.docs_dir), others)

    def begin(self, inputs: dict[str, Stamp], config: MkDocsConfig, build: SiteBuild) -> None:
        trusted = set(config.plugins) <= PARTIAL_SAFE_PLUGINS
        changes = self.live.begin(inputs, trusted=trusted)
        self.partial = None
        if changes is not None and self.previous is not None:
            self.partial = pages_to_build(build.plans.values(), changes)
            build.carry_over(self.previous)
            log.info(
                f"แก้ไขเฉพาะระเบียน: สร้างใหม่ {len(self.partial)} หน้าของปีที่แก้ "
                f"(records edited: partial rebuild of {len(self.partial)} pages)"
            )
        self.previous = build

    @property
    def years(self) -> set[int] | None:
        """The fiscal years a partial rebuild writes; None when everything is built."""
        if self.partial is None or self.live.changes is None:
            return None
        return self.live.changes.years

    def set_aside(self, site_dir: Path) -> None:
        if self.partial is not None:
            # MkDocs empties site_dir next: the previous output goes aside, and finish() moves
            # back every file this build does not write.
            self.live.set_aside(site_dir)

    def skip_unchanged(self, files: Files, plans: Mapping[str, PagePlan]) -> None:
        """A partial rebuild: MkDocs neither builds nor copies what the edit did not change."""
        changes, partial = self.live.changes, self.partial
        if changes is None or partial is None:
            return
        self.live.rebuilt_urls |= exclude_unchanged(files, plans, changes, partial)

    def finish(self, site_dir: Path) -> None:
        self.live.finish(site_dir)

    def failed(self) -> None:
        self.live.failed()
        self.previous = None
