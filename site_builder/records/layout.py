"""The content gate: every file under content/ is exactly one kind, or it is refused.

This is the only place that knows the content layout (contracts.md). The loader reads records
from what it classifies; the engine publishes only what it classifies; `check`, pre-commit,
pre-receive and the build all see the same refusals, because they all come from here.

    ita/<fy>/year.yml               YEAR_FILE
    ita/<fy>/measures/<id>.md       MEASURE
    ita/<fy>/o<N>/index.md          DISCLOSURE
    ita/<fy>/o<N>/<file>            ATTACHMENT of o<N> (in a sub-folder only if the record lists it)
    <anything>.md outside ita/      FREE_PAGE
    <image, font, stylesheet, document> outside ita/   SITE_ASSET
    everything else                 refused, with the reason

A file's *content* is judged by `records.assets` (what can carry script is refused there); this
module judges names and places.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePosixPath

from site_builder import thai
from site_builder.records import assets
from site_builder.records.models import INVISIBLE


class Kind(Enum):
    YEAR_FILE = "year file"
    MEASURE = "measure record"
    DISCLOSURE = "disclosure record"
    ATTACHMENT = "attachment"
    FREE_PAGE = "free page"
    SITE_ASSET = "site asset"


# Records become generated pages; these kinds are published as the files they are.
COPIED_KINDS = frozenset({Kind.ATTACHMENT, Kind.SITE_ASSET})
PUBLISHED_KINDS = COPIED_KINDS | {Kind.FREE_PAGE}
"""What reaches the site under its own name: copied files and free pages."""
YEAR_DIR = re.compile(r"^25[0-9]{2}$|^26[0-9]{2}$")
ITEM_DIR = re.compile(r"^o[1-9][0-9]{0,2}$")
# Output paths that belong to the theme (Material's and theme/) or to generated files: a content
# file there would replace the theme's script or a generated page on every page of the site.
RESERVED_PREFIXES = ("assets/", "search/", "admin/", "ita/")
RESERVED_FILES = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt"})
# Characters that end or change a URL's path on static hosts (`#` a fragment, `?` a query, `%`
# an escape) or cannot be typed: a file named with them is published but never found by its link.
UNSAFE_IN_NAMES = re.compile(r"[#?%\x00-\x1f\x7f]")
# Files that operating systems and git leave behind: never published, never reported.
HOUSEKEEPING = frozenset({".gitkeep", ".gitignore", ".DS_Store", "Thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class SourceFile:
    """One file of the content tree, with what it is (MkDocs' `File` is the model: one identity
    per source). `rel` is its path inside the content folder, as MkDocs' src_uri spells it."""

    rel: str
    path: Path
    kind: Kind
    fiscal_year: int | None = None
    item: str | None = None

    @property
    def record_id(self) -> str:
        """A measure's id (its file name) or an item's code."""
        return PurePosixPath(self.rel).stem if self.kind is Kind.MEASURE else self.item or ""

    @property
    def name_in_item(self) -> str:
        """An attachment's path inside its item's folder (`plan.pdf`, `2567/plan.pdf`)."""
        return self.rel.split("/", 3)[3]


@dataclass(frozen=True)
class Refusal:
    path: Path
    thai: str
    english: str
    warning: bool = False


@dataclass
class Layout:
    root: Path
    files: dict[str, SourceFile] = field(default_factory=dict)
    refused: list[Refusal] = field(default_factory=list)

    def of_kind(self, kind: Kind) -> list[SourceFile]:
        return [file for file in self.files.values() if file.kind is kind]

    def years(self) -> list[int]:
        return sorted({f.fiscal_year for f in self.of_kind(Kind.YEAR_FILE) if f.fiscal_year})

    def year_folders(self) -> list[Path]:
        """Every folder under ita/ that is named as a fiscal year, with or without year.yml."""
        ita = self.root / "ita"
        if not ita.is_dir() or ita.is_symlink():
            return []
        return sorted(p for p in ita.iterdir() if p.is_dir() and not p.is_symlink()
                      and YEAR_DIR.match(p.name))  # fmt: skip

    def in_year(self, year: int, kind: Kind) -> list[SourceFile]:
        return [f for f in self.of_kind(kind) if f.fiscal_year == year]

    def published(self) -> set[str]:
        """The src_uri of every file copied to the site as it is, and of every free page."""
        return {rel for rel, file in self.files.items() if file.kind in PUBLISHED_KINDS}


def url_key(name: str) -> str:
    """What a case-insensitive, Unicode-normalising host serves a name as: `Chart.pdf` and
    `chart.pdf`, NFC and NFD spellings, split and whole SARA AM are one URL there."""
    return thai.normalize_thai(unicodedata.normalize("NFC", name)).casefold()


def output_path(rel: str, kind: Kind) -> str:
    """Where MkDocs writes a file (use_directory_urls): `about.md` → `about/index.html`."""
    if kind is not Kind.FREE_PAGE:
        return rel
    pure = PurePosixPath(rel)
    if pure.name in ("index.md", "README.md"):
        return (pure.parent / "index.html").as_posix().removeprefix("./")
    return (pure.with_suffix("") / "index.html").as_posix()


class _Classifier:
    def __init__(self, root: Path) -> None:
        self.layout = Layout(root)
        self.root = root

    def refuse(self, path: Path, thai_text: str, english: str, warning: bool = False) -> None:
        self.layout.refused.append(Refusal(path, thai_text, english, warning))

    def add(self, path: Path, kind: Kind, year: int | None = None, item: str | None = None):
        rel = path.relative_to(self.root).as_posix()
        self.layout.files[rel] = SourceFile(rel, path, kind, year, item)

    def run(self) -> Layout:
        if not self.root.is_dir():
            self.refuse(self.root, "ไม่พบโฟลเดอร์เนื้อหา", "content folder not found")
            return self.layout
        self.walk(self.root, self.outside_ita)
        return self.layout

    def walk(self, folder: Path, place) -> None:
        """Visit the entries of `folder` in name order; links and odd names never get further."""
        seen: dict[str, Path] = {}
        for entry in sorted(folder.iterdir()):
            if entry.name in HOUSEKEEPING:
                continue
            if entry.is_symlink():
                # MkDocs follows symlinks and would publish whatever they point at.
                self.refuse(
                    entry,
                    "ห้ามใช้ลิงก์สัญลักษณ์ (symlink) ในโฟลเดอร์เนื้อหา",
                    "symlinks are not allowed in the content folder",
                )
                continue
            if INVISIBLE.search(entry.name):
                self.refuse(
                    entry, "ชื่อไฟล์มีอักขระที่มองไม่เห็น", "file name contains invisible characters"
                )
                continue
            unsafe = UNSAFE_IN_NAMES.findall(entry.name)
            if unsafe:
                shown = " ".join(sorted({f"U+{ord(c):04X}" if c < " " else c for c in unsafe}))
                suggested = UNSAFE_IN_NAMES.sub("-", entry.name)
                self.refuse(
                    entry,
                    f"ชื่อไฟล์มี {shown} ซึ่งทำให้ลิงก์เสียบน GitHub/GitLab Pages "
                    f'ให้เปลี่ยนชื่อ เช่น "{suggested}"',
                    f"the name has {shown}, which breaks links on GitHub/GitLab Pages; "
                    f'rename it, e.g. "{suggested}"',
                )
                continue
            if entry.name.startswith("."):
                # MkDocs leaves dot files out of the site: say so rather than drop it silently.
                self.refuse(
                    entry,
                    "ไฟล์หรือโฟลเดอร์ที่ชื่อขึ้นต้นด้วยจุดจะไม่ถูกเผยแพร่",
                    "names starting with a dot are not published",
                    warning=True,
                )
                continue
            key = url_key(entry.name)
            if key in seen:
                other = seen[key].relative_to(self.root).as_posix()
                self.refuse(
                    entry,
                    f"ได้ที่อยู่ (URL) เดียวกับไฟล์ content/{other} ให้เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่ง",
                    f"same URL as content/{other}; rename one of the two files",
                )
                continue
            seen[key] = entry
            place(entry)

    # --- outside ita/: free pages and site assets -------------------------------------------

    def outside_ita(self, entry: Path) -> None:
        rel = entry.relative_to(self.root).as_posix()
        if rel == "ita":
            if entry.is_dir():
                self.walk(entry, self.in_ita)
            else:
                self.refuse(entry, "ita ต้องเป็นโฟลเดอร์", "ita must be a folder")
            return
        if entry.is_dir():
            self.walk(entry, self.outside_ita)
            return
        kind = Kind.FREE_PAGE if entry.suffix == ".md" else Kind.SITE_ASSET
        out = output_path(rel, kind)
        if out in RESERVED_FILES or out.startswith(RESERVED_PREFIXES):
            self.refuse(
                entry,
                f"ไฟล์นี้จะถูกเผยแพร่เป็น {out} ซึ่งทับไฟล์ของธีมหรือหน้าที่ระบบสร้าง "
                "ให้ย้ายไปไว้ในโฟลเดอร์อื่น เช่น images/",
                f"it would be published as {out}, over a theme file or a generated page; "
                "move it to another folder such as images/",
            )
            return
        if kind is Kind.SITE_ASSET and not assets.is_asset_name(entry.name):
            self.refuse(entry, *assets.refused_type(entry.name))
            return
        self.add(entry, kind)

    # --- ita/: records and attachments --------------------------------------------------------

    def in_ita(self, entry: Path) -> None:
        if entry.is_dir() and YEAR_DIR.match(entry.name):
            self.walk(entry, lambda e: self.in_year(e, int(entry.name)))
            return
        self.refuse(
            entry,
            "ใน content/ita/ มีได้เฉพาะโฟลเดอร์ปีงบประมาณ พ.ศ. 4 หลัก เช่น 2568",
            "content/ita/ may hold only fiscal-year folders such as 2568",
        )

    def in_year(self, entry: Path, year: int) -> None:
        if entry.name == "year.yml" and entry.is_file():
            self.add(entry, Kind.YEAR_FILE, year)
        elif entry.name == "measures" and entry.is_dir():
            self.walk(entry, lambda e: self.in_measures(e, year))
        elif entry.is_dir() and ITEM_DIR.match(entry.name):
            self.walk(entry, lambda e: self.in_item(e, year, entry.name, top=True))
        else:
            self.refuse(
                entry,
                "ไม่รู้จักไฟล์หรือโฟลเดอร์นี้ในโฟลเดอร์ปีงบประมาณ (มีได้ year.yml, measures/ และ o1/ ถึง o35/)",
                "unexpected entry in a fiscal-year folder (allowed: year.yml, measures/, o<N>/)",
            )

    def in_measures(self, entry: Path, year: int) -> None:
        if entry.suffix == ".md" and entry.is_file():
            self.add(entry, Kind.MEASURE, year)
            return
        self.refuse(
            entry,
            "ในโฟลเดอร์ measures มีได้เฉพาะไฟล์ .md",
            "the measures folder may hold only .md files",
        )

    def in_item(self, entry: Path, year: int, code: str, top: bool) -> None:
        if entry.is_dir():
            self.walk(entry, lambda e: self.in_item(e, year, code, top=False))
        elif top and entry.name == "index.md":
            self.add(entry, Kind.DISCLOSURE, year, code)
        elif entry.suffix == ".md" and not top:
            # MkDocs would make it a page that no record describes and nobody validated.
            self.refuse(
                entry,
                "ไฟล์ .md ในโฟลเดอร์ย่อยของรายการจะไม่ถูกเผยแพร่ ให้เขียนเนื้อหาไว้ใน index.md ของรายการ",
                "a .md file in a sub-folder of an item is not published; "
                "write the content into the item's index.md",
            )
        else:
            # Attachments: their content and whether a record lists them is judged by the loader.
            self.add(entry, Kind.ATTACHMENT, year, code)


def classify(content_dir: Path) -> Layout:
    """Every file under `content_dir`, classified; never raises for anything in the tree."""
    try:
        return _Classifier(content_dir).run()
    except OSError as exc:
        layout = Layout(content_dir)
        layout.refused.append(
            Refusal(content_dir, f"อ่านโฟลเดอร์เนื้อหาไม่ได้: {exc.strerror}", f"cannot read: {exc}")
        )
        return layout


def kind_of_path(rel: str) -> tuple[Kind, int | None, str | None] | None:
    """The kind a path inside the content folder would have, from its name alone (for
    serve-mode rebuilds, which learn of changed paths, not of files); None for other paths."""
    parts = rel.split("/")
    if len(parts) < 3 or parts[0] != "ita" or not YEAR_DIR.match(parts[1]):
        return None
    year = int(parts[1])
    if parts[2:] == ["year.yml"]:
        return Kind.YEAR_FILE, year, None
    if len(parts) == 4 and parts[2] == "measures" and parts[3].endswith(".md"):
        return Kind.MEASURE, year, None
    if len(parts) >= 4 and ITEM_DIR.match(parts[2]):
        kind = Kind.DISCLOSURE if parts[3:] == ["index.md"] else Kind.ATTACHMENT
        return kind, year, parts[2]
    return None


__all__ = ["Kind", "Layout", "Refusal", "SourceFile", "classify", "kind_of_path"]
