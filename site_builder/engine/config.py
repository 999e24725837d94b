"""The one reader of `mkdocs.yml`: pushed configuration is data, checked against an allow-list.

MkDocs' own loader runs code: `hooks:` imports the pusher's Python, any plugin or Markdown
extension name imports a module, `!!python/...` tags call functions and `INHERIT:` reads another
file. So a server never hands a pushed `mkdocs.yml` to MkDocs. It is read here with the project's
safe YAML reader (no tags, no aliases, no duplicate keys, every value a string with its line),
every key is compared with `SCHEMA` (the keys, plugins and extensions this project ships and
documents), values are converted to their types, and paths must stay inside the repository.
`SiteConfig.trusted_yaml()` is what publish writes over the copy it builds: exactly the accepted
data, nothing else. This module must not import mkdocs or material (it runs before them).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_builder.labels import DIGIT_STYLES
from site_builder.records.safe_yaml import YamlDocument, YamlError, parse
from site_builder.site.editor import BACKENDS

CONFIG_NAME = "mkdocs.yml"
MAX_CONFIG_BYTES = 256 * 1024
_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s<>\"']*)?")
# A local asset (extra_css, extra_javascript, logo): relative, no scheme, no "..", no "//".
_ASSET = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")


class ConfigProblem(Exception):
    """One refused value: the line in mkdocs.yml and the reason."""

    def __init__(self, line: int, thai: str, english: str) -> None:
        super().__init__(f"{thai} ({english})")
        self.line, self.thai, self.english = line, thai, english


class ConfigError(Exception):
    """mkdocs.yml is refused; `lines` are `mkdocs.yml:line: Thai (English)`, one per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


# --- the kinds of value -------------------------------------------------------------------------

Convert = Callable[[Any, int], Any]


def text(value: Any, line: int) -> str:
    if not isinstance(value, str):
        raise ConfigProblem(line, "ต้องเป็นข้อความ", "must be text")
    # Material prints site_name, copyright and the like without escaping: no markup at all.
    if "<" in value or ">" in value:
        raise ConfigProblem(line, "ห้ามมีเครื่องหมาย < หรือ >", "< and > are not allowed")
    return value


def boolean(value: Any, line: int) -> bool:
    if value in ("true", "false"):
        return value == "true"
    raise ConfigProblem(line, "ต้องเป็น true หรือ false", "must be true or false")


def only_false(value: Any, line: int) -> bool:
    # theme.font: anything else makes every page load fonts from Google's servers.
    if value == "false":
        return False
    raise ConfigProblem(line, "ต้องเป็น false เท่านั้น", "must be false")


def url(value: Any, line: int) -> str:
    if not isinstance(value, str) or not _URL.fullmatch(value):
        raise ConfigProblem(line, "ต้องเป็นที่อยู่เว็บ http:// หรือ https://", "must be an http(s) URL")
    return value


def asset(value: Any, line: int) -> str:
    if not isinstance(value, str) or not _ASSET.fullmatch(value) or ".." in value.split("/"):
        raise ConfigProblem(
            line,
            "ต้องเป็นไฟล์ภายในเว็บไซต์ (ไม่ใช่ที่อยู่เว็บภายนอก)",
            "must be a file of the site, not an outside address",
        )
    return value


def choice(*allowed: str) -> Convert:
    def convert(value: Any, line: int) -> str:
        if value not in allowed:
            raise ConfigProblem(
                line, f"ใช้ได้เฉพาะ {', '.join(allowed)}", f"allowed: {', '.join(allowed)}"
            )
        return str(value)

    return convert


def path_inside(value: Any, line: int) -> str:
    """A folder relative to the repository; checked against the real tree by `_check_paths`."""
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        raise ConfigProblem(line, "ต้องเป็นชื่อโฟลเดอร์", "must be a folder name")
    if os.path.isabs(value) or value.startswith("~"):
        raise ConfigProblem(
            line,
            "ต้องเป็นโฟลเดอร์ภายในที่เก็บ ไม่ใช่ path แบบเต็ม",
            "must be a folder inside the repository, not an absolute path",
        )
    normal = os.path.normpath(value)
    if normal == "." or normal == ".." or normal.startswith("../"):
        raise ConfigProblem(
            line, "ต้องเป็นโฟลเดอร์ย่อยภายในที่เก็บ", "must be a sub-folder inside the repository"
        )
    return value


@dataclass(frozen=True)
class Mapping:
    """A mapping with known keys; unknown keys are refused."""

    keys: dict[str, Any]


@dataclass(frozen=True)
class ListOf:
    item: Any


@dataclass(frozen=True)
class Named:
    """`plugins:` / `markdown_extensions:`: a list of names, each alone or with its options."""

    allowed: dict[str, Mapping]
    what_thai: str
    what_english: str


@dataclass(frozen=True)
class Script:
    """An extra_javascript entry: a path, or {path, defer, async, type}."""


SCRIPT_OPTIONS = Mapping(
    {"path": asset, "defer": boolean, "async": boolean, "type": choice("module", "text/javascript")}
)

# Material features that change only the page's own behaviour (no outside requests, no code).
THEME_FEATURES = (
    "navigation.sections",
    "navigation.indexes",
    "navigation.top",
    "navigation.footer",
    "navigation.tracking",
    "navigation.path",
    "search.highlight",
    "search.suggest",
    "toc.follow",
    "content.code.copy",
)

# The agency's identity (records.models.AgencyIdentity validates it again at build time).
IDENTITY = Mapping(
    {
        "name": text,
        "name_en": text,
        "logo": asset,
        "favicon": asset,
        "colour": text,
        "address": text,
        "phone": text,
        "office_hours": text,
        "email": text,
        "website": url,
        "complaints": url,
        "complaints_title": text,
    }
)
# The web editor (engine.editor.EditorConfig): where it logs in and commits.
EDITOR = Mapping(
    {
        "enabled": boolean,
        "backend": choice(*BACKENDS),
        "repo": text,
        "branch": text,
        "base_url": url,
        "auth_endpoint": text,
        "app_id": text,
        "api_root": url,
        "local_url": url,
    }
)

# Everything a pushed mkdocs.yml may hold: what this repository's mkdocs.yml and the README use.
SCHEMA = Mapping(
    {
        "site_name": text,
        "site_description": text,
        "site_author": text,
        "site_url": url,
        "copyright": text,
        "docs_dir": path_inside,
        "site_dir": path_inside,
        "use_directory_urls": boolean,
        "strict": boolean,
        "theme": Mapping(
            {
                "name": choice("material"),
                "custom_dir": path_inside,
                "language": choice("th", "en"),
                "font": only_false,
                "features": ListOf(choice(*THEME_FEATURES)),
                "logo": asset,
                "favicon": asset,
            }
        ),
        "extra": Mapping({"generator": boolean}),
        "extra_css": ListOf(asset),
        "extra_javascript": ListOf(Script()),
        "plugins": Named(
            {
                "ita": Mapping(
                    {
                        "agency": text,
                        "catalogues": path_inside,
                        "readiness_page": boolean,
                        "search": boolean,
                        "search_cache": text,
                        "digits": choice(*DIGIT_STYLES),
                        "show_needs": boolean,
                        "identity": IDENTITY,
                        "editor": EDITOR,
                    }
                ),
                "search": Mapping({"lang": ListOf(choice("th", "en")), "separator": text}),
            },
            "ปลั๊กอิน",
            "plugin",
        ),
        "markdown_extensions": Named(
            {
                "tables": Mapping({}),
                "admonition": Mapping({}),
                "attr_list": Mapping({}),
                "def_list": Mapping({}),
                "footnotes": Mapping({}),
                "abbr": Mapping({}),
                "sane_lists": Mapping({}),
                "md_in_html": Mapping({}),
                "toc": Mapping({"permalink": boolean, "toc_depth": choice(*"123456")}),
            },
            "ส่วนขยาย Markdown",
            "Markdown extension",
        ),
    }
)
# Folders named in the configuration, as (path of keys, what it is for the messages).
FOLDER_KEYS = (
    (("docs_dir",), "docs_dir"),
    (("site_dir",), "site_dir"),
    (("theme", "custom_dir"), "theme.custom_dir"),
    (("plugins", "ita", "catalogues"), "plugins.ita.catalogues"),
)


# --- reading ------------------------------------------------------------------------------------


@dataclass
class SiteConfig:
    """An accepted mkdocs.yml: its data with MkDocs' types, and the folders it names."""

    root: Path
    data: dict[str, Any] = field(default_factory=dict)

    def folder(self, *keys: str) -> Path | None:
        value = _get(self.data, keys)
        return self.root / value if isinstance(value, str) else None

    @property
    def docs_dir(self) -> Path:
        return self.folder("docs_dir") or self.root / "docs"

    @property
    def catalogues(self) -> tuple[Path, ...]:
        extra = self.folder("plugins", "ita", "catalogues")
        return (extra,) if extra else ()

    @property
    def site_url(self) -> str | None:
        value = self.data.get("site_url")
        return value if isinstance(value, str) and value else None

    def trusted_yaml(self) -> str:
        """The accepted data as plain YAML (no tags), for MkDocs instead of the pushed file."""
        header = "# Written by site_builder from the accepted keys of the pushed mkdocs.yml.\n"
        return header + yaml.safe_dump(self.data, allow_unicode=True, sort_keys=False)


def _get(data: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if isinstance(data, list):  # plugins: the entry named `key`
            data = next((e[key] for e in data if isinstance(e, dict) and key in e), None)
        elif isinstance(data, dict):
            data = data.get(key)
        else:
            return None
    return data


def read_site_config(config_file: Path, root: Path | None = None) -> SiteConfig:
    """Read and check `config_file`; ConfigError lists every refused value with its line."""
    root = root or config_file.parent
    name = _shown(config_file, root)
    try:
        if config_file.is_symlink() or not config_file.is_file():
            raise ConfigError([f"{name}:1: ไม่พบไฟล์ {CONFIG_NAME} ({CONFIG_NAME} not found)"])
        raw = config_file.read_bytes()[: MAX_CONFIG_BYTES + 1]
    except OSError as exc:
        raise ConfigError([f"{name}:1: อ่านไฟล์ไม่ได้ (cannot read: {exc.strerror})"]) from exc
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError([f"{name}:1: ไฟล์ใหญ่เกิน 256 KB (larger than 256 KB)"])
    try:
        source = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError([f"{name}:{line}: ไม่ใช่ UTF-8 (not UTF-8)"]) from exc
    try:
        document = parse(source)
    except YamlError as exc:
        raise ConfigError([f"{name}:{exc.line}: {exc.thai} ({exc.english})"]) from exc
    problems: list[ConfigProblem] = []
    data = _convert(SCHEMA, document.data or {}, (), document, problems)
    if not problems:
        _check_paths(data, root, document, problems)
    if problems:
        ordered = sorted(problems, key=lambda p: p.line)
        raise ConfigError([f"{name}:{p.line}: {p.thai} ({p.english})" for p in ordered])
    return SiteConfig(root, data)


def _shown(config_file: Path, root: Path) -> str:
    try:
        return config_file.relative_to(root).as_posix()
    except ValueError:
        return config_file.name


def _convert(
    kind: Any, value: Any, path: tuple[Any, ...], doc: YamlDocument, problems: list[ConfigProblem]
) -> Any:
    line = doc.line_of(path)
    try:
        if isinstance(kind, Mapping):
            return _convert_mapping(kind, value, path, doc, problems)
        if isinstance(kind, ListOf):
            if not isinstance(value, list):
                raise ConfigProblem(line, "ต้องเป็นรายการ (- ...)", "must be a list")
            return [_convert(kind.item, v, (*path, i), doc, problems) for i, v in enumerate(value)]
        if isinstance(kind, Named):
            return _convert_named(kind, value, path, doc, problems)
        if isinstance(kind, Script):
            if isinstance(value, dict):
                return _convert_mapping(SCRIPT_OPTIONS, value, path, doc, problems)
            return asset(value, line)
        return kind(value, line)
    except ConfigProblem as problem:
        # Name the key: "docs_dir" must be ..., not only "must be ...".
        dotted = ".".join(str(p) for p in path if not isinstance(p, int))
        if dotted:
            problem = ConfigProblem(
                problem.line, f'"{dotted}" {problem.thai}', f'"{dotted}" {problem.english}'
            )
        problems.append(problem)
        return None


def _convert_mapping(
    kind: Mapping, value: Any, path: tuple[Any, ...], doc: YamlDocument, problems: list
) -> dict[str, Any]:
    if value is None and path:
        return {}
    if not isinstance(value, dict):
        raise ConfigProblem(doc.line_of(path), "ต้องเป็นชุดของคีย์", "must be a mapping")
    result = {}
    for key, item in value.items():
        where = ".".join(str(p) for p in (*path, key) if not isinstance(p, int))
        if key not in kind.keys:
            problems.append(
                ConfigProblem(
                    doc.line_of((*path, key)),
                    f'ไม่อนุญาตคีย์ "{where}" ในไฟล์ที่เผยแพร่บนเซิร์ฟเวอร์',
                    f'key "{where}" is not allowed on the publishing server',
                )
            )
            continue
        result[key] = _convert(kind.keys[key], item, (*path, key), doc, problems)
    return result


def _convert_named(
    kind: Named, value: Any, path: tuple[Any, ...], doc: YamlDocument, problems: list
) -> list[Any]:
    if not isinstance(value, list):
        raise ConfigProblem(doc.line_of(path), "ต้องเป็นรายการ (- ...)", "must be a list")
    result: list[Any] = []
    for index, entry in enumerate(value):
        where = (*path, index)
        if isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
            where_options: tuple[Any, ...] = (*where, name)
        else:
            name, options, where_options = entry, None, where
        if not isinstance(name, str) or name not in kind.allowed:
            problems.append(
                ConfigProblem(
                    doc.line_of(where),
                    f'ไม่อนุญาต{kind.what_thai} "{name}" (ใช้ได้: {", ".join(kind.allowed)})',
                    f'{kind.what_english} "{name}" is not allowed',
                )
            )
            continue
        converted = _convert(kind.allowed[name], options, where_options, doc, problems)
        result.append({name: converted} if converted else name)
    return result


def _check_paths(
    data: dict[str, Any], root: Path, doc: YamlDocument, problems: list[ConfigProblem]
) -> None:
    """Each named folder, with its symlinks followed, must stay inside the repository."""
    real_root = root.resolve()
    for keys, label in FOLDER_KEYS:
        value = _get(data, keys)
        if not isinstance(value, str):
            continue
        resolved = (root / value).resolve()
        if resolved != real_root and real_root not in resolved.parents:
            problems.append(
                ConfigProblem(
                    _line_of_folder(doc, keys),
                    f"{label} ชี้ออกไปนอกที่เก็บ (ผ่านลิงก์สัญลักษณ์)",
                    f"{label} leads outside the repository (through a symlink)",
                )
            )


def _line_of_folder(doc: YamlDocument, keys: tuple[str, ...]) -> int:
    if keys[0] != "plugins":
        return doc.line_of(keys)
    plugins = doc.data.get("plugins") if isinstance(doc.data, dict) else None
    for index, entry in enumerate(plugins or []):
        if isinstance(entry, dict) and keys[1] in entry:
            return doc.line_of(("plugins", index, *keys[1:]))
    return doc.line_of(("plugins",))
