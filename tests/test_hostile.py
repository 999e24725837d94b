"""The hostile corpus (tests/hostile/corpus.yml) through `check` and the site's build.

Every case either fails with exactly its expected lines and publishes nothing, or builds a site in
which nothing hostile is live: no script from content, no event handler, no javascript: URL.
The build is `SiteBuild` with Python-Markdown (tests/plain_build.py); cases marked
`engine: mkdocs` also go through a real MkDocs build, for what only the engine does (the page
frame's titles and navigation, MkDocs' own Jinja, stopping before site/ is touched).
"""

from __future__ import annotations

import base64
import csv
import io
import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from site_builder.rules.check import run_check
from tests.conftest import GOOD_MEASURE, YEAR_YML
from tests.hostile.pdf import make_pdf
from tests.plain_build import render_without_engine
from tests.sitebuild import build_site

DATA = (".json", ".csv", ".js", ".xml")
CORPUS = yaml.safe_load((Path(__file__).parent / "hostile" / "corpus.yml").read_text("utf-8"))
GOOD_LINES = {
    "title": "title: จัดทำคู่มือการปฏิบัติงาน",
    "area": "area: 1",
    "period": "period: ม.ค. - มี.ค. ๒๕๖๘",
    "responsible": "responsible: สำนักปลัดเทศบาล",
    "results": "results:\n  - มีคู่มือ",
    "indicator": "  - indicator: o10",
    "score": "    score: 100",
    "body": "จัดทำคู่มือและเผยแพร่",
}


def _good(overrides: dict[str, str]) -> str:
    text = GOOD_MEASURE
    for key, line in overrides.items():
        old = GOOD_LINES[key] + ("\n" if key != "body" else "")
        new = line + ("\n" if key != "body" and line else "")
        assert old in text, key
        text = text.replace(old, new, 1)
    return text


def _content(spec: Any) -> bytes | tuple[str, str]:
    """The bytes a corpus file value stands for, or ("symlink", target)."""
    if isinstance(spec, str):
        return spec.encode("utf-8")
    if "symlink" in spec:
        return ("symlink", spec["symlink"])
    if "pdf" in spec:
        return make_pdf(spec["pdf"], spec.get("author", ""))
    if "repeat" in spec:
        unit = spec["repeat"].encode("utf-8")
        return (unit * (spec["size"] // len(unit) + 1))[: spec["size"]]
    if "deep" in spec:
        depth = spec["deep"]
        return f"---\ntitle: {'[' * depth}{']' * depth}\n---\n".encode()
    if "nested_list" in spec:
        return "".join("    " * level + "- ก\n" for level in range(spec["nested_list"])).encode()
    if "long_front_matter" in spec:
        return f"---\ntitle: {'ก' * spec['long_front_matter']}\n---\n".encode()
    if "hex" in spec:
        return bytes.fromhex(spec["hex"])
    if "base64" in spec:
        return base64.b64decode(spec["base64"])
    text = _good(spec.get("good", {}))
    if spec.get("crlf"):
        text = text.replace("\n", "\r\n")
    if spec.get("bom"):
        text = "\ufeff" + text
    return text.encode(spec.get("encoding", "utf-8"))


def _write(root: Path, files: dict[str, Any]) -> None:
    everything = {"content/ita/2568/year.yml": YEAR_YML, **files}
    for name, spec in everything.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = _content(spec)
        if isinstance(data, tuple):
            os.symlink(data[1], path)
        else:
            path.write_bytes(data)


class _LiveCodeFinder(HTMLParser):
    """Collects what could run in a browser: event handlers, javascript: URLs, scripts with
    content that came from the corpus (every payload calls alert)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if value and value.strip().lower().replace("\t", "").startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        self._in_script = tag == "script"
        # Material's own search form has no action; a form that posts somewhere came from content.
        if tag in ("iframe", "object", "embed") or (tag == "form" and dict(attrs).get("action")):
            self.found.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"script: {data[:60]}")


def _live_code(pages: dict[str, str]) -> list[str]:
    found = []
    for name, html in pages.items():
        finder = _LiveCodeFinder()
        finder.feed(html)
        found += [f"{name}: {item}" for item in finder.found]
    return found


def _site_outputs(site: Path) -> dict[str, str]:
    """Every text file of a built site, by its path."""
    suffixes = {".html", ".json", ".csv", ".xml", ".js"}
    return {
        p.relative_to(site).as_posix(): p.read_text("utf-8", errors="replace")
        for p in site.rglob("*")
        if p.suffix in suffixes
    }


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 40
    assert len({case["name"] for case in CORPUS}) == len(CORPUS)
    engine = [case for case in CORPUS if case.get("engine") == "mkdocs"]
    assert 3 <= len(engine) <= 8 and {case.get("build") for case in engine} == {"ok", None}


@pytest.mark.parametrize("case", CORPUS, ids=[case["name"] for case in CORPUS])
def test_hostile_input(case: dict[str, Any], tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, case["files"])
    result = run_check(tmp_path / "content", tmp_path)
    lines = [str(problem) for problem in result.problems]
    with_mkdocs = case.get("engine") == "mkdocs"
    if case.get("build") == "ok":
        assert lines == []
        built = render_without_engine(tmp_path)
        files = {**built.data, **built.search}
        outputs = {**built.pages, **{name: data.decode() for name, data in files.items()}}
        if with_mkdocs:
            site, log = build_site(tmp_path, {})
            assert log.lines() == []
            outputs.update(_site_outputs(site))
        # Pages: the generated articles (by URL) and, from MkDocs, every .html file.
        pages = {name: text for name, text in outputs.items() if not name.endswith(DATA)}
        assert _live_code(pages) == []
        text = "\n".join(outputs.values())
        for needle in case.get("absent", []):
            assert needle not in text, needle
        html = "\n".join(pages.values())
        for needle in case.get("present", []):
            assert needle in html, needle
        if "csv" in case:
            data = built.data[case["csv"]["file"]].decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(data)))
            assert case["csv"]["cell"] in [cell for row in rows for cell in row]
        return
    expected = case["errors"]
    assert len(lines) == len(expected), "\n".join(lines)
    for line, prefix in zip(lines, expected, strict=True):
        assert line.startswith(prefix), (line, prefix)
        assert "Traceback" not in line
    if with_mkdocs:
        with pytest.raises((PluginError, Abort)):
            build_site(tmp_path, {})
        assert not (tmp_path / "site").exists()
