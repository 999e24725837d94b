"""Read the whole content tree into typed records, collecting every problem on the way.

Layout (see the contract): content/ita/<fy>/year.yml, measures/<id>.md, o<N>/index.md and
o<N>/<attachments>. Everything else in content/ is free Markdown that MkDocs renders as usual.
Records that fail validation are left out of the result and reported; nothing here raises.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from site_builder import thai
from site_builder.records import attachments, cache, personal_data
from site_builder.records.catalogue import BUILTIN_DIR, Catalogue
from site_builder.records.models import (
    INVISIBLE,
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
CATALOGUE_MAX_BYTES = 1024 * 1024
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
        if not self.content_dir.is_dir():
            self.problems.error(
                self.show(self.content_dir), 1, "ไม่พบโฟลเดอร์เนื้อหา", "content folder not found"
            )
            return self.content, self.problems
        self._refuse_links()
        self._load_free_pages()
        ita = self.content_dir / "ita"
        if ita.is_dir() and not ita.is_symlink():
            for entry in sorted(ita.iterdir()):
                if entry.is_dir() and YEAR_DIR.match(entry.name):
                    self._load_year(entry, int(entry.name))
                elif not entry.is_symlink():
                    self.problems.error(
                        self.show(entry),
                        1,
                        "ใน content/ita/ มีได้เฉพาะโฟลเดอร์ปีงบประมาณ พ.ศ. 4 หลัก เช่น 2568",
                        "content/ita/ may hold only fiscal-year folders such as 2568",
                    )
        cache.RECORDS.keep_only(self.cache_keys)
        return self.content, self.problems

    def _refuse_links(self) -> None:
        # MkDocs follows symlinks and would publish whatever they point at, even outside the repo.
        for folder, dirs, files in os.walk(self.content_dir):
            for name in dirs + files:
                path = Path(folder) / name
                if path.is_symlink():
                    self.problems.error(
                        self.show(path),
                        1,
                        "ห้ามใช้ลิงก์สัญลักษณ์ (symlink) ในโฟลเดอร์เนื้อหา",
                        "symlinks are not allowed in the content folder",
                    )
                elif INVISIBLE.search(name):
                    self.problems.error(
                        self.show(path),
                        1,
                        "ชื่อไฟล์มีอักขระที่มองไม่เห็น",
                        "file name contains invisible characters",
                    )

    def _load_free_pages(self) -> None:
        # MkDocs would swallow broken front matter and print titles raw: read it ourselves.
        for folder, dirs, files in os.walk(self.content_dir):
            dirs[:] = sorted(d for d in dirs if not (Path(folder) / d).is_symlink())
            if Path(folder) == self.content_dir and "ita" in dirs:
                dirs.remove("ita")
            seen: dict[str, str] = {}
            for name in sorted(files):
                path = Path(folder) / name
                if path.suffix != ".md" or path.is_symlink() or self._same_url(path, seen):
                    continue
                source = self.show(path)
                self.content.files_read += 1
                try:
                    text = read_text(path)
                except SourceError as exc:
                    self.problems.error(source, exc.line, exc.thai, exc.english)
                    continue
                self._scan_personal_data(source, text, frozenset())
                meta = PageMeta()
                if text.startswith("---"):
                    try:
                        doc = split_record(text).meta
                    except SourceError as exc:
                        self.problems.error(source, exc.line, exc.thai, exc.english)
                        continue
                    meta = validate(PageMeta, doc, source, self.problems) or meta
                key = path.relative_to(self.content_dir).as_posix()
                self.content.pages[key] = meta

    def _catalogue(self, catalogue_id: str, year_source: str, line: int) -> Catalogue | None:
        if catalogue_id not in self.catalogues:
            self.catalogues[catalogue_id] = self._read_catalogue(catalogue_id, year_source, line)
        return self.catalogues[catalogue_id]

    def _read_catalogue(self, catalogue_id: str, year_source: str, line: int) -> Catalogue | None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", catalogue_id):
            self.problems.error(
                year_source,
                line,
                f'ชื่อเกณฑ์ "{catalogue_id}" ไม่ถูกรูปแบบ',
                f'catalogue name "{catalogue_id}" is malformed',
            )
            return None
        for folder in self.catalogue_dirs:
            path = folder / f"{catalogue_id}.yml"
            if path.is_file():
                return self._parse_catalogue(path)
        self.problems.error(
            year_source,
            line,
            f'ไม่พบเกณฑ์ "{catalogue_id}" (ไฟล์ catalogues/{catalogue_id}.yml)',
            f'catalogue "{catalogue_id}" not found (catalogues/{catalogue_id}.yml)',
        )
        return None

    def _parse_catalogue(self, path: Path) -> Catalogue | None:
        source = self.show(path)
        try:
            doc = read_yaml_file(path, max_bytes=CATALOGUE_MAX_BYTES)
        except SourceError as exc:
            self.problems.error(source, exc.line, exc.thai, exc.english)
            return None
        return validate(Catalogue, doc, source, self.problems)

    def _load_year(self, folder: Path, year: int) -> None:
        year_file = folder / "year.yml"
        source = self.show(year_file)
        if not year_file.is_file():
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
        for entry in sorted(folder.iterdir()):
            if entry.is_symlink() or entry.name == "year.yml":
                continue
            if entry.name == "measures" and entry.is_dir():
                self._load_measures(entry, fiscal_year)
            elif entry.is_dir() and ITEM_DIR.match(entry.name):
                self._load_item(entry, fiscal_year)
            else:
                self.problems.error(
                    self.show(entry),
                    1,
                    "ไม่รู้จักไฟล์หรือโฟลเดอร์นี้ในโฟลเดอร์ปีงบประมาณ "
                    "(มีได้ year.yml, measures/ และ o1/ ถึง o35/)",
                    "unexpected entry in a fiscal-year folder "
                    "(allowed: year.yml, measures/, o<N>/)",
                )
        fiscal_year.measures.sort(key=lambda measure: measure.sort_key)
        self.content.years[year] = fiscal_year

    def _same_url(self, path: Path, seen: dict[str, str]) -> bool:
        """True (after reporting) when another file gives the same URL on a case-insensitive or
        Unicode-normalising host: `Staff.md` and `staff.md`, NFC and NFD spellings."""
        key = thai.normalize_thai(unicodedata.normalize("NFC", path.name)).casefold()
        source = self.show(path)
        if key in seen:
            self.problems.error(
                source,
                1,
                f"ได้ที่อยู่ (URL) เดียวกับไฟล์ {seen[key]} ให้เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่ง",
                f"same URL as {seen[key]}; rename one of the two files",
            )
            return True
        seen[key] = source
        return False

    def _load_measures(self, folder: Path, fiscal_year: FiscalYear) -> None:
        seen: dict[str, str] = {}
        for path in sorted(folder.iterdir()):
            if path.is_symlink():
                continue
            source = self.show(path)
            if path.suffix != ".md" or not path.is_file():
                self.problems.error(
                    source,
                    1,
                    "ในโฟลเดอร์ measures มีได้เฉพาะไฟล์ .md",
                    "the measures folder may hold only .md files",
                )
                continue
            if self._same_url(path, seen):
                continue
            if not RECORD_ID.match(path.stem):
                self.problems.error(
                    source,
                    1,
                    "ชื่อไฟล์ (รหัสมาตรการ) ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และ - เช่น staff-manual.md",
                    "file name (measure id) must be lowercase a-z, 0-9 and -, e.g. staff-manual.md",
                )
                continue
            key = ("measure", source, fiscal_year.year, cache.stamps([path]))
            read = partial(self._read_measure, path, source, fiscal_year.year)
            measure = self._reuse_or_read(key, read)
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

    def _reuse_or_read(self, key: tuple[Any, ...], read: Callable[[], RecordT]) -> RecordT:
        # A record whose files are unchanged since an earlier load in this process (`mkdocs
        # serve` loads everything again after each edit) is taken from cache.
        stamped = key if key[-1] is not None else None
        self.cache_keys.add(stamped)
        before = self.content.files_read

        def read_counting() -> tuple[RecordT, int]:
            value = read()
            return value, self.content.files_read - before

        value, files_read = cache.RECORDS.reuse_or_read(stamped, self.problems, read_counting)
        self.content.files_read = before + files_read
        return value

    def _load_item(self, folder: Path, fiscal_year: FiscalYear) -> None:
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
            path.name: Attachment(path.name, path, path.stat().st_size)
            for path in sorted(folder.iterdir())
            if path.name != "index.md" and path.is_file() and not path.is_symlink()
        }
        if not index.is_file():
            if files:
                self.problems.error(
                    source,
                    1,
                    f"โฟลเดอร์ {code} มีไฟล์แนบแต่ไม่มี index.md ที่อธิบายเอกสาร",
                    f"{code} has attachments but no index.md listing them",
                )
            return
        # The record and every file beside it (attachments may sit in subfolders) make the key.
        inside = sorted(Path(top) / name for top, _, names in os.walk(folder) for name in names)
        key = ("item", source, fiscal_year.year, cache.stamps(inside))
        read = partial(self._read_item, folder, fiscal_year.year, index, source, files)
        disclosure = self._reuse_or_read(key, read)
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
            try:
                attachments.resolve(disclosure.folder, document.file)
            except attachments.AttachmentError as exc:
                name, name_en = field_names(("documents", number, "file"))
                self.problems.error(
                    disclosure.source, line, f"{name}: {exc.thai}", f"{name_en}: {exc.english}"
                )
        for name in sorted(set(disclosure.files) - used):
            try:
                attachments.check_content(disclosure.files[name].path, name)
            except attachments.AttachmentError as exc:
                self.problems.error(
                    self.show(disclosure.files[name].path), 1, exc.thai, exc.english
                )
            else:
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
            text = personal_data.attachment_text(attachment.path)
        except OSError:
            return
        for finding in personal_data.scan_text(text):
            if personal_data.normalised_contact(finding.value) in allowed:
                continue
            self.problems.error(
                source,
                1,
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
    return Loader(content_dir, repo_root, catalogue_dirs).load()


__all__ = ["Content", "Disclosure", "FiscalYear", "Measure", "load_content", "read_text"]
