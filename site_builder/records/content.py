"""Read the whole content tree into typed records, collecting every problem on the way.

Layout (see the contract): content/ita/<fy>/year.yml, measures/<id>.md, o<N>/index.md and
o<N>/<attachments>. Everything else in content/ is free Markdown that MkDocs renders as usual.
Records that fail validation are left out of the result and reported; nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from site_builder.records import assets, attachments, cache, personal_data
from site_builder.records.catalogue import BUILTIN_DIR, Catalogue, read_catalogue
from site_builder.records.layout import Kind, Layout, SourceFile, classify
from site_builder.records.models import (
    RECORD_ID,
    DisclosureRecord,
    MeasureRecord,
    PageMeta,
    YearConfig,
)
from site_builder.records.problems import Problems, display_path
from site_builder.records.safe_yaml import YamlDocument
from site_builder.records.sources import (
    SourceError,
    read_text,
    read_yaml_file,
    split_record,
)
from site_builder.records.validation import field_names, validate

YEAR_DIR = re.compile(r"^25[0-9]{2}$|^26[0-9]{2}$")
ITEM_DIR = re.compile(r"^o[1-9][0-9]{0,2}$")
RecordT = TypeVar("RecordT")


@dataclass
class Measure:
    id: str
    fiscal_year: int
    source: str
    record: MeasureRecord
    body: str
    body_line: int
    meta: YamlDocument

    @property
    def sort_key(self) -> tuple[int, int, str]:
        order = self.record.order if self.record.order is not None else 10**6
        return (self.record.area, order, self.id)


@dataclass
class Attachment:
    name: str
    path: Path
    size: int

    @property
    def kind(self) -> str:
        return attachments.kind_of(self.name)


@dataclass
class Disclosure:
    code: str
    fiscal_year: int
    source: str
    folder: Path
    record: DisclosureRecord
    body: str
    body_line: int
    meta: YamlDocument
    files: dict[str, Attachment] = field(default_factory=dict)


@dataclass
class FiscalYear:
    year: int
    source: str
    config: YearConfig
    catalogue: Catalogue
    measures: list[Measure] = field(default_factory=list)
    disclosures: dict[str, Disclosure] = field(default_factory=dict)


@dataclass
class Content:
    root: Path
    years: dict[int, FiscalYear] = field(default_factory=dict)
    # Free Markdown pages outside ita/, by their path inside the content folder (`index.md`).
    pages: dict[str, PageMeta] = field(default_factory=dict)
    files_read: int = 0
    layout: Layout | None = None
    """Every file of the content tree, classified by the gate (records.layout)."""

    @property
    def latest(self) -> FiscalYear | None:
        return self.years[max(self.years)] if self.years else None


class Loader:
    def __init__(
        self,
        content_dir: Path,
        repo_root: Path | None = None,
        catalogue_dirs: tuple[Path, ...] = (),
    ) -> None:
        self.content_dir = content_dir
        self.repo_root = repo_root
        self.catalogue_dirs = (*catalogue_dirs, BUILTIN_DIR)
        self.problems = Problems()
        self.catalogues: dict[str, Catalogue | None] = {}
        self.content = Content(root=content_dir)
        self.shown_folders: dict[Path, str] = {}
        self.cache_keys: set[Hashable] = set()

    def show(self, path: Path) -> str:
        # Resolving every path (an lstat per component) took a tenth of `check` on big trees:
        # a file's display path is its folder's, resolved once, and its name.
        if path.is_symlink() or path.name in ("", ".", ".."):
            return display_path(path, self.repo_root)
        folder = self.shown_folders.get(path.parent)
        if folder is None:
            folder = self.shown_folders[path.parent] = display_path(path.parent, self.repo_root)
        return path.name if folder == "." else f"{folder}/{path.name}"

    def load(self) -> tuple[Content, Problems]:
        layout = self.content.layout = classify(self.content_dir)
        for refusal in layout.refused:
            report = self.problems.warning if refusal.warning else self.problems.error
            report(self.show(refusal.path), 1, refusal.thai, refusal.english)
        for page in layout.of_kind(Kind.FREE_PAGE):
            self._load_free_page(page)
        for asset in layout.of_kind(Kind.SITE_ASSET):
            self._check_asset(asset)
        for folder in layout.year_folders():
            self._load_year(folder, int(folder.name))
        cache.RECORDS.keep_only(self.cache_keys)
        return self.content, self.problems

    def _load_free_page(self, page: SourceFile) -> None:
        # MkDocs would swallow broken front matter and print titles raw: read it ourselves.
        source = self.show(page.path)
        self.content.files_read += 1
        try:
            text = read_text(page.path)
        except SourceError as exc:
            self.problems.error(source, exc.line, exc.thai, exc.english)
            return
        self._scan_personal_data(source, text, frozenset())
        meta = PageMeta()
        if text.startswith("---"):
            try:
                doc = split_record(text).meta
            except SourceError as exc:
                self.problems.error(source, exc.line, exc.thai, exc.english)
                return
            meta = validate(PageMeta, doc, source, self.problems) or meta
        self.content.pages[page.rel] = meta

    def _check_asset(self, asset: SourceFile) -> None:
        """A site asset is checked by its content, and scanned as a reader would see it."""
        try:
            assets.check_asset(asset.path)
        except attachments.AttachmentError as exc:
            self.problems.error(self.show(asset.path), 1, exc.thai, exc.english)
            return
        self._scan_attachment(Attachment(asset.path.name, asset.path, 0), frozenset())

    def _catalogue(self, catalogue_id: str, year_source: str, line: int) -> Catalogue | None:
        if catalogue_id not in self.catalogues:
            self.catalogues[catalogue_id] = read_catalogue(
                catalogue_id, self.catalogue_dirs, self.problems, (year_source, line), self.show
            )
        return self.catalogues[catalogue_id]

    def _load_year(self, folder: Path, year: int) -> None:
        year_file = folder / "year.yml"
        source = self.show(year_file)
        if not year_file.is_file() or year_file.is_symlink():
            self.problems.error(
                source,
                1,
                "ไม่พบไฟล์ year.yml ของปีงบประมาณนี้ (ต้องระบุ catalogue)",
                "year.yml missing for this fiscal year (it names the catalogue)",
            )
            return
        try:
            doc = read_yaml_file(year_file)
        except SourceError as exc:
            self.problems.error(source, exc.line, exc.thai, exc.english)
            return
        self.content.files_read += 1
        config = validate(YearConfig, doc, source, self.problems)
        if config is None:
            return
        catalogue = self._catalogue(config.catalogue, source, doc.line_of(("catalogue",)))
        if catalogue is None:
            return
        fiscal_year = FiscalYear(year=year, source=source, config=config, catalogue=catalogue)
        layout = self.content.layout
        assert layout is not None
        for measure_file in layout.in_year(year, Kind.MEASURE):
            self._load_measure(measure_file, fiscal_year)
        items: dict[str, list[SourceFile]] = {}
        for file in layout.in_year(year, Kind.DISCLOSURE) + layout.in_year(year, Kind.ATTACHMENT):
            items.setdefault(file.item or "", []).append(file)
        for code in sorted(items):
            self._load_item(folder / code, fiscal_year, items[code])
        fiscal_year.measures.sort(key=lambda measure: measure.sort_key)
        self.content.years[year] = fiscal_year

    def _load_measure(self, file: SourceFile, fiscal_year: FiscalYear) -> None:
        path, source = file.path, self.show(file.path)
        if not RECORD_ID.match(path.stem):
            self.problems.error(
                source,
                1,
                "ชื่อไฟล์ (รหัสมาตรการ) ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และ - เช่น staff-manual.md",
                "file name (measure id) must be lowercase a-z, 0-9 and -, e.g. staff-manual.md",
            )
            return
        key = ("measure", source, fiscal_year.year, cache.stamps([path]))
        read = partial(self._read_measure, path, source, fiscal_year.year)
        measure = self._reuse_or_read(key, read, [path])
        if measure is not None:
            fiscal_year.measures.append(measure)

    def _read_measure(self, path: Path, source: str, year: int) -> Measure | None:
        parsed = self._read(path, source)
        if parsed is None:
            return None
        meta, body, body_line, text = parsed
        self._scan_personal_data(source, text, frozenset())
        record = validate(MeasureRecord, meta, source, self.problems, {"fiscal_year": year})
        if record is None:
            return None
        return Measure(path.stem, year, source, record, body, body_line, meta)

    def _reuse_or_read(
        self, key: tuple[Any, ...], read: Callable[[], RecordT], paths: list[Path]
    ) -> RecordT:
        # A record whose files are unchanged since an earlier load in this process (`mkdocs
        # serve` loads everything again after each edit) is taken from cache.
        stamped = key if key[-1] is not None else None
        self.cache_keys.add(stamped)
        before = self.content.files_read

        def read_counting() -> tuple[RecordT, int]:
            value = read()
            return value, self.content.files_read - before

        # On a publishing server, also by the bytes of its files (cache.DiskRecords).
        on_disk = (key[:3], paths, self.content_dir)
        value, files_read = cache.RECORDS.reuse_or_read(
            stamped, self.problems, read_counting, on_disk
        )
        self.content.files_read = before + files_read
        return value

    def _load_item(self, folder: Path, fiscal_year: FiscalYear, found: list[SourceFile]) -> None:
        code = folder.name
        index = folder / "index.md"
        source = self.show(index)
        if code not in fiscal_year.catalogue.item_by_code:
            self.problems.error(
                self.show(folder),
                1,
                f"ไม่มีรายการ {code} ในเกณฑ์ {fiscal_year.catalogue.id} ของปีนี้",
                f"{code} is not an item of catalogue {fiscal_year.catalogue.id}",
            )
            return
        files = {
            file.name_in_item: Attachment(file.name_in_item, file.path, file.path.stat().st_size)
            for file in found
            if file.kind is Kind.ATTACHMENT
        }
        if not any(file.kind is Kind.DISCLOSURE for file in found):
            if files:
                self.problems.error(
                    source,
                    1,
                    f"โฟลเดอร์ {code} มีไฟล์แนบแต่ไม่มี index.md ที่อธิบายเอกสาร",
                    f"{code} has attachments but no index.md listing them",
                )
            return
        # The record and every file beside it make the key: an edited attachment reads it again.
        inside = sorted(file.path for file in found)
        key = ("item", source, fiscal_year.year, cache.stamps(inside))
        read = partial(self._read_item, folder, fiscal_year.year, index, source, files)
        disclosure = self._reuse_or_read(key, read, inside)
        if disclosure is not None:
            fiscal_year.disclosures[code] = disclosure

    def _read_item(
        self, folder: Path, year: int, index: Path, source: str, files: dict[str, Attachment]
    ) -> Disclosure | None:
        parsed = self._read(index, source)
        if parsed is None:
            return None
        meta, body, body_line, text = parsed
        record = validate(DisclosureRecord, meta, source, self.problems, {"fiscal_year": year})
        if record is None:
            self._scan_personal_data(source, text, frozenset())
            return None
        allowed = frozenset(
            personal_data.normalised_contact(value) for value in record.public_contacts
        )
        self._scan_personal_data(source, text, allowed)
        disclosure = Disclosure(
            folder.name, year, source, folder, record, body, body_line, meta, files
        )
        self._check_documents(disclosure)
        return disclosure

    def _check_documents(self, disclosure: Disclosure) -> None:
        allowed = frozenset(
            personal_data.normalised_contact(value) for value in disclosure.record.public_contacts
        )
        for attachment in disclosure.files.values():
            self._scan_attachment(attachment, allowed)
        used: set[str] = set()
        for number, document in enumerate(disclosure.record.documents):
            if document.file is None:
                continue
            line = disclosure.meta.line_of(("documents", number, "file"))
            # Listed files are checked here, once, and reported on the record's line.
            used.add(document.file)
            name, name_en = field_names(("documents", number, "file"))
            try:
                attachments.resolve(disclosure.folder, document.file)
            except attachments.AttachmentError as exc:
                self.problems.error(
                    disclosure.source, line, f"{name}: {exc.thai}", f"{name_en}: {exc.english}"
                )
                continue
            if document.file not in disclosure.files:
                # The file is there, but the gate refused its name (reported on the file's own
                # line): the page would link to a file that is not published.
                self.problems.error(
                    disclosure.source,
                    line,
                    f'{name}: ไฟล์ "{document.file}" จะไม่ถูกเผยแพร่ (ดูข้อความของไฟล์นั้น) '
                    "ลิงก์จะเสีย ให้เปลี่ยนชื่อไฟล์",
                    f'{name_en}: "{document.file}" is not published (see that file\'s line), '
                    "so the link would be dead; rename the file",
                )
        for name in sorted(set(disclosure.files) - used):
            try:
                attachments.check_content(disclosure.files[name].path, name)
            except attachments.AttachmentError as exc:
                self.problems.error(
                    self.show(disclosure.files[name].path), 1, exc.thai, exc.english
                )
            else:
                if "/" in name:
                    # Sub-folders only organise listed documents: an unlisted file there is one
                    # no page links to, put where nobody looks (or slipped in).
                    self.problems.error(
                        self.show(disclosure.files[name].path),
                        1,
                        "ไฟล์ในโฟลเดอร์ย่อยของรายการต้องอยู่ในรายการ documents ของ index.md "
                        "(ไม่เช่นนั้นจะไม่ถูกเผยแพร่)",
                        "a file in a sub-folder of an item must be listed in documents of "
                        "index.md (else it is not published)",
                    )
                    continue
                self.problems.warning(
                    self.show(disclosure.files[name].path),
                    1,
                    "ไฟล์นี้จะถูกเผยแพร่แต่ไม่มีในรายการ documents ของ index.md",
                    "this file is published but not listed in documents of index.md",
                )

    def _read(self, path: Path, source: str) -> tuple[YamlDocument, str, int, str] | None:
        self.content.files_read += 1
        try:
            text = read_text(path)
            record = split_record(text)
        except SourceError as exc:
            self.problems.error(source, exc.line, exc.thai, exc.english)
            return None
        return record.meta, record.body, record.body_line, text

    def _scan_attachment(self, attachment: Attachment, allowed: frozenset[str]) -> None:
        # Published files are read as a reader would see them (PDF text and metadata too).
        source = self.show(attachment.path)
        try:
            findings = list(personal_data.scan_file(attachment.path))
        except OSError:
            return
        for finding in findings:
            if personal_data.normalised_contact(finding.value) in allowed:
                continue
            self.problems.error(
                source,
                finding.line,
                f"ไฟล์แนบมี{finding.kind_thai} ({finding.masked}) ซึ่งเป็นข้อมูลส่วนบุคคล "
                "ให้ปิดทับหรือลบออกก่อนเผยแพร่ หรือถ้าเปิดเผยได้ ให้ระบุใน public_contacts",
                f"the attachment contains a {finding.kind_english} ({finding.masked}): redact it, "
                "or list it in public_contacts if it is published on purpose",
            )

    def _scan_personal_data(self, source: str, text: str, allowed: frozenset[str]) -> None:
        for finding in personal_data.scan_text(text):
            if personal_data.normalised_contact(finding.value) in allowed:
                continue
            self.problems.error(
                source,
                finding.line,
                f"พบ{finding.kind_thai} ({finding.masked}) ซึ่งเป็นข้อมูลส่วนบุคคล ให้ลบออก "
                "หรือถ้าเป็นข้อมูลที่เปิดเผยได้ ให้ระบุใน public_contacts",
                f"{finding.kind_english} ({finding.masked}) is personal data: remove it, "
                "or list it in public_contacts if it is published on purpose",
            )


def load_content(
    content_dir: Path, repo_root: Path | None = None, catalogue_dirs: tuple[Path, ...] = ()
) -> tuple[Content, Problems]:
    # On a publishing server, the whole load of an exported git tree is kept once made
    # (cache.Snapshots): pre-receive loads, publish and its build read the result.
    snapshots = cache.snapshots()
    if snapshots is None or repo_root is None:
        return Loader(content_dir, repo_root, catalogue_dirs).load()
    folders = (content_dir, *catalogue_dirs)
    found = snapshots.get(repo_root, folders)
    if isinstance(found, tuple) and len(found) == 2:
        content, problems = found
        if isinstance(content, Content) and isinstance(problems, Problems):
            return content, problems
    loaded = Loader(content_dir, repo_root, catalogue_dirs).load()
    snapshots.put(repo_root, folders, loaded)
    return loaded


__all__ = ["Content", "Disclosure", "FiscalYear", "Measure", "load_content", "read_text"]
