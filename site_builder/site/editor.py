"""The web editor at /admin/: Decap CMS, with a config.yml generated from the record models.

Each field of `MeasureRecord` and `DisclosureRecord` (and of the records inside them) becomes a
form field: its widget from the field's type (the `Annotated` aliases of `records.models`), its
required flag from the model, its Thai label and hint, its place in the file and any choices
from the year's catalogue from `editor_fields.yml`. Adding a field to a model adds it to the
form; a type with no widget here stops the build rather than show a wrong form.

The editor only writes files: pre-receive and CI still run `check` on what it saves.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from site_builder.records import models
from site_builder.records.catalogue import Catalogue, Item
from site_builder.records.content import Content

ASSETS = Path(__file__).parent / "editor_assets" / "decap-cms"
# Our own script beside Decap (empty fields are dropped before a save).
OUR_SCRIPT = Path(__file__).parent / "editor_assets" / "ita-editor.js"
FIELDS_FILE = Path(__file__).parent / "editor_fields.yml"
ADMIN = "admin"
# decap-server's default address; `mkdocs serve` and the local proxy run on the same machine.
DEFAULT_LOCAL_URL = "http://localhost:8081/api/v1"
# New measure files get a time-stamped id: Decap would make ids from Thai titles, and record ids
# must be a-z, 0-9 and "-" (models.RECORD_ID). The webmaster may rename the file later.
MEASURE_SLUG = "measure-{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}"


class EditorError(Exception):
    """A setting of the editor that cannot work; `thai` and `english` say why."""

    def __init__(self, thai: str, english: str) -> None:
        super().__init__(f"{thai} ({english})")
        self.thai = thai
        self.english = english


@dataclass(frozen=True)
class EditorOptions:
    """What mkdocs.yml says under `plugins: ita: editor:` (see PUBLISHING.md)."""

    backend: str = "local"
    repo: str = ""
    branch: str = "main"
    base_url: str | None = None
    auth_endpoint: str | None = None
    app_id: str | None = None
    api_root: str | None = None
    local_url: str = DEFAULT_LOCAL_URL
    content_dir: str = "content"
    """docs_dir as a path from the repository root: where the editor writes."""


def _local(options: EditorOptions) -> dict[str, Any]:
    # The "proxy" backend is what Decap's local_backend switches to: decap-server on this
    # machine reads and writes the working tree; nothing is committed or pushed.
    return {"name": "proxy", "proxy_url": options.local_url}


def _github(options: EditorOptions) -> dict[str, Any]:
    _need(options.repo, "repo", "github")
    # Without base_url Decap logs in through api.netlify.com: a third party. The agency runs its
    # own OAuth proxy (PUBLISHING.md, "ตัวแก้ไขเนื้อหาบนเว็บ").
    _need(options.base_url, "base_url", "github")
    backend = {"name": "github", "repo": options.repo, "branch": options.branch}
    backend["base_url"] = options.base_url
    if options.auth_endpoint:
        backend["auth_endpoint"] = options.auth_endpoint
    if options.api_root:
        backend["api_root"] = options.api_root
    return backend


def _gitlab(options: EditorOptions) -> dict[str, Any]:
    _need(options.repo, "repo", "gitlab")
    # GitLab logs in with PKCE straight from the browser: no server of our own is needed.
    _need(options.app_id, "app_id", "gitlab")
    backend = {"name": "gitlab", "repo": options.repo, "branch": options.branch}
    backend.update(auth_type="pkce", app_id=options.app_id)
    for key in ("base_url", "auth_endpoint", "api_root"):
        if getattr(options, key):
            backend[key] = getattr(options, key)
    return backend


BACKENDS: dict[str, Callable[[EditorOptions], dict[str, Any]]] = {
    "local": _local,
    "github": _github,
    "gitlab": _gitlab,
}


def _need(value: str | None, key: str, backend: str) -> None:
    if not value:
        raise EditorError(
            f"ตัวแก้ไขเนื้อหาแบบ {backend} ต้องกำหนด editor.{key} ใน mkdocs.yml",
            f"the {backend} editor backend needs editor.{key} in mkdocs.yml",
        )


# Widget of each value type people write, keyed by the alias the models use.
SCALAR_WIDGETS: list[tuple[Any, dict[str, Any]]] = [
    (models.Text, {"widget": "string"}),
    (models.Integer, {"widget": "number", "value_type": "int", "min": 0}),
    (models.Score, {"widget": "number", "value_type": "float", "min": 0, "max": 100}),
    (models.Code, {"widget": "string"}),
    (models.ThaiDate, {"widget": "string"}),
    (models.PeriodText, {"widget": "string"}),
    (models.ElementId, {"widget": "string"}),
]
LIST_ALIASES = (models.TextList, models.ElementIds, models.ContactList)


@dataclass(frozen=True)
class Scope:
    """Where a form is used: its year's catalogue, and the o-item for disclosures."""

    catalogue: Catalogue
    item: Item | None = None


def _choices(kind: str, scope: Scope) -> list[dict[str, Any]]:
    catalogue = scope.catalogue
    if kind == "areas":
        return [{"label": f"{a.number}. {a.title}", "value": a.number} for a in catalogue.areas]
    if kind == "indicators":
        options = [{"label": f"{i.code} {i.title}", "value": i.code} for i in catalogue.items]
        options += [{"label": f"{s.code} {s.text}", "value": s.code} for s in catalogue.survey]
        return options
    if kind == "elements":
        elements = scope.item.elements if scope.item is not None else []
        return [{"label": e.label, "value": e.id} for e in elements]
    raise ValueError(f"unknown choices {kind!r} in {FIELDS_FILE.name}")


@cache
def field_texts() -> dict[str, Any]:
    return yaml.safe_load(FIELDS_FILE.read_text("utf-8"))


def _without_none(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return hint


def _nested_model(hint: Any) -> type[BaseModel] | None:
    if typing.get_origin(hint) is list:
        (inner,) = typing.get_args(hint)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return None


def _ordered(model: type[BaseModel]) -> list[str]:
    """The model's fields in the order of editor_fields.yml, then any it does not list."""
    listed = list(field_texts().get(model.__name__, {}).get("fields", {}))
    stale = [name for name in listed if name not in model.model_fields]
    if stale:
        raise ValueError(f"{FIELDS_FILE.name}: {model.__name__} has no field {stale}")
    return listed + [name for name in model.model_fields if name not in listed]


def form_fields(model: type[BaseModel], scope: Scope) -> list[dict[str, Any]]:
    """Decap fields for every field of `model`, in the order the editor writes them."""
    texts = field_texts().get(model.__name__, {}).get("fields", {})
    hints = typing.get_type_hints(model, include_extras=True)
    fields = []
    for name in _ordered(model):
        text = texts.get(name, {})
        required = model.model_fields[name].is_required()
        field = {"name": name, "label": text.get("label", name), "required": required}
        if text.get("hint"):
            field["hint"] = text["hint"]
        field.update(_widget(model, name, _without_none(hints[name]), scope))
        if "field" in field:
            # Each entry of a plain list is labelled like the list ("หน่วยงานผู้รับผิดชอบ").
            field["field"]["label"] = field["label"]
        if "choices" in text:
            options = _choices(text["choices"], scope)
            if not options and not required:
                continue  # nothing to choose from (an item without elements): no field
            list_of = field.pop("field", None) is not None or field["widget"] == "list"
            field.update(widget="select", options=options, multiple=list_of)
            field.pop("value_type", None)
            field.pop("min", None)
            field.pop("max", None)
        if text.get("widget") == "file":
            field.update(_file_widget())
        fields.append(field)
    return fields


def _widget(model: type[BaseModel], name: str, hint: Any, scope: Scope) -> dict[str, Any]:
    for alias, widget in SCALAR_WIDGETS:
        if hint == alias:
            return dict(widget)
    if hint in LIST_ALIASES:
        # One input per entry (Decap's plain list is a comma-separated line: Thai text has commas).
        return {"widget": "list", "field": {"name": "value", "widget": "string"}}
    nested = _nested_model(hint)
    if nested is not None:
        label = field_texts().get(nested.__name__, {}).get("label", nested.__name__)
        return {
            "widget": "list",
            "label_singular": label,
            "fields": form_fields(nested, scope),
        }
    raise EditorError(
        f"ตัวแก้ไขเนื้อหายังไม่รู้จักชนิดของช่อง {model.__name__}.{name}",
        f"the editor has no widget for {model.__name__}.{name} ({hint!r})",
    )


def _file_widget() -> dict[str, Any]:
    # Uploads go into the folder of the record being edited ("" = the entry's own folder), and
    # the record keeps the bare file name, as `file:` expects.
    return {
        "widget": "file",
        "media_folder": "",
        "public_folder": "",
        "choose_url": False,
    }


def _body(model: type[BaseModel]) -> dict[str, Any]:
    text = field_texts()[model.__name__]["body"]
    # Raw Markdown first: the rich-text mode rewrites admonitions (`!!! note`) and tables.
    return {
        "name": "body",
        "label": text["label"],
        "hint": text["hint"],
        "widget": "markdown",
        "required": False,
        "modes": ["raw", "rich_text"],
    }


def measure_collection(year: int, catalogue: Catalogue, content_dir: str) -> dict[str, Any]:
    return {
        "name": f"measures-{year}",
        "label": f"มาตรการ ปีงบประมาณ {year}",
        "label_singular": f"มาตรการ ปี {year}",
        "description": (
            f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสของปีงบประมาณ {year} หนึ่งไฟล์ต่อหนึ่งมาตรการ "
            "หน้า o34 o35 และรายงานสร้างจากข้อมูลนี้ เมื่อบันทึกแล้ว ระบบจะตรวจ (check) ก่อนเผยแพร่ทุกครั้ง"
        ),
        "folder": f"{content_dir}/ita/{year}/measures",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "slug": MEASURE_SLUG,
        "identifier_field": "title",
        "summary": "{{area}}. {{title}}",
        "sortable_fields": ["area", "order", "title"],
        "editor": {"preview": False},
        "fields": [
            *form_fields(models.MeasureRecord, Scope(catalogue)),
            _body(models.MeasureRecord),
        ],
    }


def disclosure_collection(year: int, catalogue: Catalogue, content_dir: str) -> dict[str, Any]:
    # One entry per o-item of the year's catalogue, whether or not its record exists yet (saving
    # creates it); o34 and o35 are made from the measures and have no record.
    files = []
    for item in catalogue.items:
        if item.made_from is not None:
            continue
        fields = form_fields(models.DisclosureRecord, Scope(catalogue, item))
        files.append(
            {
                "name": item.code,
                "label": f"{item.code} {item.title}",
                "description": item.needs,
                "file": f"{content_dir}/ita/{year}/{item.code}/index.md",
                "fields": [*fields, _body(models.DisclosureRecord)],
            }
        )
    return {
        "name": f"items-{year}",
        "label": f"การเปิดเผยข้อมูล (OIT) ปีงบประมาณ {year}",
        "description": (
            f"หนึ่งรายการต่อหนึ่งข้อ o ของปีงบประมาณ {year} ไฟล์แนบจะอยู่ในโฟลเดอร์ของข้อนั้น "
            "เมื่อบันทึกแล้ว ระบบจะตรวจ (check) ก่อนเผยแพร่ทุกครั้ง"
        ),
        "format": "frontmatter",
        "editor": {"preview": False},
        "files": files,
    }


def editor_config(content: Content, options: EditorOptions) -> dict[str, Any]:
    """The Decap configuration (config.yml) for `content`, newest fiscal year first."""
    if options.backend not in BACKENDS:
        raise EditorError(
            f"editor.backend ต้องเป็น {' หรือ '.join(BACKENDS)} ได้ {options.backend!r}",
            f"editor.backend must be one of {', '.join(BACKENDS)}, got {options.backend!r}",
        )
    config: dict[str, Any] = {"backend": BACKENDS[options.backend](options)}
    if options.backend != "local":
        # Previewing on this machine (`mkdocs serve` + decap-server) edits the working tree.
        config["local_backend"] = {"url": options.local_url}
    collections: list[dict[str, Any]] = []
    for year in sorted(content.years, reverse=True):
        catalogue = content.years[year].catalogue
        collections.append(measure_collection(year, catalogue, options.content_dir))
        collections.append(disclosure_collection(year, catalogue, options.content_dir))
    config.update(
        locale="th",
        publish_mode="simple",
        # Decap needs a default media folder; uploads of the forms go to each item's own folder,
        # and a file dropped here is refused by `check` (nothing unclassified is published).
        media_folder=f"{options.content_dir}/ita",
        public_folder="",
        show_preview_links=False,
        collections=collections,
    )
    return config


INDEX_HTML = """<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>แก้ไขเนื้อหา · {site_name}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>หน้าแก้ไขเนื้อหาต้องเปิด JavaScript (the editor needs JavaScript)</noscript>
<script src="decap-cms.js"></script>
<script src="ita-editor.js"></script>
</body>
</html>
"""


# The file lists every year's collections (1 MB at ten years): libyaml's emitter writes the
# same text as PyYAML's own, three times faster.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def asset_names() -> Iterable[str]:
    return sorted(path.name for path in ASSETS.iterdir() if path.name != "MANIFEST")


def editor_files(content: Content, options: EditorOptions, site_name: str) -> dict[str, bytes]:
    """Every file of /admin/, by its path in the built site."""
    config = editor_config(content, options)
    files = {
        f"{ADMIN}/index.html": INDEX_HTML.format(site_name=escape(site_name)).encode("utf-8"),
        f"{ADMIN}/config.yml": yaml.dump(
            config, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100
        ).encode("utf-8"),
    }
    for name in asset_names():
        files[f"{ADMIN}/{name}"] = (ASSETS / name).read_bytes()
    files[f"{ADMIN}/{OUR_SCRIPT.name}"] = OUR_SCRIPT.read_bytes()
    return files
