"""The web editor's config.yml is made from the record models: every required key has a field, a
schema change shows in the config, choices come from the year's catalogue, and the vendored
Decap CMS is exactly the pinned npm release."""

from __future__ import annotations

import hashlib
import json
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import create_model

from site_builder.records import models
from site_builder.records.content import load_content
from site_builder.site import editor
from site_builder.site.editor import EditorError, EditorOptions, editor_config, editor_files
from tests.conftest import REPO
from tests.sitebuild import MKDOCS_YML, build_site


@pytest.fixture(scope="module")
def demo_content():
    content, problems = load_content(REPO / "content", REPO)
    assert not problems.errors
    return content


def _fields(collection_field: dict[str, Any]) -> list[dict[str, Any]]:
    return collection_field["fields"]


def _by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in fields}


def _required_keys(model: type) -> set[str]:
    return {name for name, info in model.model_fields.items() if info.is_required()}


def _all_keys(model: type) -> set[str]:
    return set(model.model_fields)


def test_every_key_of_every_record_kind_has_a_field(demo_content) -> None:
    config = editor_config(demo_content, EditorOptions())
    measures, items = config["collections"]
    measure = _by_name(_fields(measures))
    assert _all_keys(models.MeasureRecord) | {"body"} == set(measure)
    for key in _required_keys(models.MeasureRecord):
        assert measure[key]["required"] is True, key
    outcome = _by_name(measure["outcomes"]["fields"])
    assert _all_keys(models.Outcome) == set(outcome)
    assert outcome["indicator"]["required"] is True
    assert outcome["score"]["required"] is False
    # One form per o-item of the catalogue, except those made from the measures.
    catalogue = demo_content.years[2568].catalogue
    codes = [item.code for item in catalogue.items if item.made_from is None]
    assert [entry["name"] for entry in items["files"]] == codes
    for entry in items["files"]:
        item = catalogue.item_by_code[entry["name"]]
        fields = _by_name(entry["fields"])
        keys = _all_keys(models.DisclosureRecord) - (set() if item.elements else {"covers"})
        assert keys | {"body"} == set(fields), entry["name"]
        document = _by_name(fields["documents"]["fields"])
        document_keys = _all_keys(models.Document) - (set() if item.elements else {"covers"})
        assert document_keys == set(document)
        assert {k for k, f in document.items() if f["required"]} == _required_keys(models.Document)
        assert entry["file"] == f"content/ita/2568/{item.code}/index.md"


def test_every_field_has_a_thai_label_and_hint(demo_content) -> None:
    config = editor_config(demo_content, EditorOptions())

    def walk(fields: list[dict[str, Any]]) -> typing.Iterator[dict[str, Any]]:
        for field in fields:
            yield field
            yield from walk(field.get("fields", []))

    everything = [
        f for c in config["collections"] for e in c.get("files", [c]) for f in e["fields"]
    ]
    for field in walk(everything):
        assert field["label"] != field["name"], f"{field['name']}: no Thai label"
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in field["label"] + field["hint"])


def test_widgets_and_choices_come_from_the_year_catalogue(demo_content) -> None:
    catalogue = demo_content.years[2568].catalogue
    config = editor_config(demo_content, EditorOptions())
    measures, items = config["collections"]
    measure = _by_name(measures["fields"])
    assert measure["area"]["widget"] == "select"
    assert [o["value"] for o in measure["area"]["options"]] == [a.number for a in catalogue.areas]
    indicator = _by_name(measure["outcomes"]["fields"])["indicator"]
    values = [option["value"] for option in indicator["options"]]
    assert values[:2] == ["o1", "o2"] and "i13" in values and "e9" in values
    assert "ม.ค. - มี.ค. ๒๕๖๘" in measure["period"]["hint"]
    assert measure["responsible"]["widget"] == "list"
    assert measure["body"]["widget"] == "markdown"
    # The key order the editor writes is the demo's (title, area, order, period, ...).
    assert [f["name"] for f in measures["fields"]][:4] == ["title", "area", "order", "period"]
    o1 = _by_name(next(e for e in items["files"] if e["name"] == "o1")["fields"])
    document = _by_name(o1["documents"]["fields"])
    assert document["file"]["widget"] == "file"
    assert document["file"]["media_folder"] == ""  # into the item's own folder
    assert {o["value"] for o in document["covers"]["options"]} == {
        e.id for e in catalogue.item_by_code["o1"].elements
    }
    assert document["covers"]["multiple"] is True
    assert "15 ม.ค. 2568" in document["date"]["hint"]


def test_a_schema_change_changes_the_config(demo_content, monkeypatch) -> None:
    before = editor_config(demo_content, EditorOptions())
    # A new required key on measures: the form gets a required field for it, with no code
    # change in the editor.
    changed = create_model(
        "MeasureRecord", __base__=models.MeasureRecord, budget=(models.Integer, ...)
    )
    monkeypatch.setattr(editor.models, "MeasureRecord", changed)
    after = editor_config(demo_content, EditorOptions())
    assert before != after
    budget = _by_name(after["collections"][0]["fields"])["budget"]
    assert budget == {"name": "budget", "label": "budget", "required": True} | {
        "widget": "number",
        "value_type": "int",
        "min": 0,
    }


def test_a_type_without_widget_stops_the_build(demo_content, monkeypatch) -> None:
    changed = create_model("MeasureRecord", __base__=models.MeasureRecord, odd=(complex, ...))
    monkeypatch.setattr(editor.models, "MeasureRecord", changed)
    with pytest.raises(EditorError, match=r"MeasureRecord\.odd"):
        editor_config(demo_content, EditorOptions())


@pytest.mark.parametrize(
    ("options", "needs"),
    [
        (EditorOptions(backend="github", repo="a/b"), "base_url"),
        (EditorOptions(backend="github", base_url="https://auth.example.go.th"), "repo"),
        (EditorOptions(backend="gitlab", repo="a/b"), "app_id"),
        (EditorOptions(backend="svn"), "backend"),
    ],
)
def test_backend_settings_that_cannot_work_are_refused(demo_content, options, needs) -> None:
    with pytest.raises(EditorError, match=needs):
        editor_config(demo_content, options)


def test_backends(demo_content) -> None:
    github = editor_config(
        demo_content,
        EditorOptions(backend="github", repo="tambon/site", base_url="https://auth.example.go.th"),
    )
    assert github["backend"] == {
        "name": "github",
        "repo": "tambon/site",
        "branch": "main",
        "base_url": "https://auth.example.go.th",
    }
    assert github["local_backend"] == {"url": editor.DEFAULT_LOCAL_URL}
    gitlab = editor_config(
        demo_content, EditorOptions(backend="gitlab", repo="tambon/site", app_id="abc")
    )
    assert gitlab["backend"]["auth_type"] == "pkce" and gitlab["backend"]["app_id"] == "abc"
    local = editor_config(demo_content, EditorOptions())
    assert local["backend"] == {"name": "proxy", "proxy_url": editor.DEFAULT_LOCAL_URL}
    assert "local_backend" not in local


def test_editor_files_are_thai_and_self_contained(demo_content) -> None:
    files = editor_files(demo_content, EditorOptions(), 'เทศบาล "<ทดสอบ>"')
    page = files["admin/index.html"].decode("utf-8")
    assert '<html lang="th">' in page and "noindex" in page
    assert "&lt;ทดสอบ&gt;" in page and "<ทดสอบ>" not in page
    assert '<script src="decap-cms.js">' in page and "http" not in page
    assert {"admin/LICENSE", "admin/decap-cms.js", "admin/decap-cms.js.LICENSE.txt"} <= set(files)
    assert (
        page.index("decap-cms.js") < page.index("ita-editor.js") and "admin/ita-editor.js" in files
    )
    assert "MIT License" in files["admin/LICENSE"].decode("utf-8")
    assert yaml.safe_load(files["admin/config.yml"]) == editor_config(demo_content, EditorOptions())


def test_vendored_decap_is_the_pinned_release_untouched() -> None:
    manifest = (editor.ASSETS / "MANIFEST").read_text("utf-8").splitlines()
    pinned = json.loads((REPO / "package.json").read_text("utf-8"))["devDependencies"]["decap-cms"]
    assert manifest[0] == f"decap-cms {pinned}"
    listed = {}
    for line in manifest[1:]:
        digest, name = line.split("  ")
        listed[name] = digest
    present = {path.name for path in editor.ASSETS.iterdir()} - {"MANIFEST"}
    assert set(listed) == present
    for name, digest in listed.items():
        assert hashlib.sha256((editor.ASSETS / name).read_bytes()).hexdigest() == digest, name


def test_off_by_default_and_on_when_asked(tmp_path: Path) -> None:
    files = {"content/ita/2568/year.yml": "catalogue: ita-2568\n", "content/index.md": "# หน้าแรก\n"}
    site, _ = build_site(tmp_path / "off", files)
    assert not (site / "admin").exists()
    with_editor = MKDOCS_YML.format(theme=REPO / "theme").replace(
        "  - ita\n", "  - ita:\n      editor:\n        enabled: true\n"
    )
    site, _ = build_site(tmp_path / "on", {**files, "mkdocs.yml": with_editor})
    config = yaml.safe_load((site / "admin" / "config.yml").read_text("utf-8"))
    assert config["collections"][0]["folder"] == "content/ita/2568/measures"
    assert (site / "admin" / "index.html").is_file()
    assert (site / "admin" / "decap-cms.js").stat().st_size > 1_000_000
