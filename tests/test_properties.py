"""Property-based tests: whatever a webmaster types, the outcome is a clean result or clean
error lines (never a traceback), text is escaped wherever it is shown, builds are deterministic,
and every record appears exactly once. `make test-long` runs many more examples."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from site_builder import thai
from site_builder.rules.check import run_check
from tests.conftest import GOOD_MEASURE, YEAR_YML, write_tree
from tests.sitebuild import build_site

PROBLEM_LINE = re.compile(r"^content/[^:]+:[0-9]+: \S")
FIXTURE_OK = [HealthCheck.function_scoped_fixture]


def yaml_quote(text: str) -> str:
    """A YAML double-quoted scalar for any text (escapes for everything outside printable ASCII,
    so line-break characters such as U+2028 cannot fold the value)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code > 0xFFFF:
            out.append(f"\\U{code:08x}")
        else:
            out.append(f"\\u{code:04x}")
    return '"' + "".join(out) + '"'


def _check_lines(root: Path) -> list[str]:
    result = run_check(root / "content", root)
    return [str(problem) for problem in result.problems]


def _fresh(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir()
    return root


@settings(suppress_health_check=FIXTURE_OK)
@given(data=st.binary(max_size=2000))
def test_any_bytes_give_clean_lines(tmp_path: Path, data: bytes) -> None:
    root = _fresh(tmp_path)
    write_tree(
        root, {"content/ita/2568/year.yml": YEAR_YML, "content/ita/2568/measures/a.md": data}
    )
    for line in _check_lines(root):
        assert PROBLEM_LINE.match(line), line


# YAML's punctuation, indentation and a few real keys, in any order.
yaml_ish = st.lists(
    st.sampled_from([*"abc:-[]{}&*!|>'\"#%@`, \t\n?~0129ก๑", "title", "area", "outcomes"]),
    max_size=120,
).map("".join)


@settings(suppress_health_check=FIXTURE_OK)
@given(front=yaml_ish, body=st.text(max_size=200))
def test_any_front_matter_gives_clean_lines(tmp_path: Path, front: str, body: str) -> None:
    root = _fresh(tmp_path)
    write_tree(
        root,
        {
            "content/ita/2568/year.yml": YEAR_YML,
            "content/ita/2568/measures/a.md": f"---\n{front}\n---\n{body}",
            "content/ita/2568/o1/index.md": f"---\n{front}\n---\n{body}",
        },
    )
    for line in _check_lines(root):
        assert PROBLEM_LINE.match(line), line


field_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'`{}%"),
    min_size=1,
    max_size=80,
).filter(lambda text: thai.normalize_thai(text).strip() != "")


@settings(max_examples=12, suppress_health_check=FIXTURE_OK)
@given(title=field_text, unit=field_text)
def test_any_text_is_escaped_in_every_output(tmp_path: Path, title: str, unit: str) -> None:
    root = _fresh(tmp_path)
    record = GOOD_MEASURE.replace("title: จัดทำคู่มือการปฏิบัติงาน", f"title: {yaml_quote(title)}")
    record = record.replace("responsible: สำนักปลัดเทศบาล", f"responsible: {yaml_quote(unit)}")
    write_tree(
        root,
        {"content/ita/2568/year.yml": YEAR_YML, "content/ita/2568/measures/a.md": record},
    )
    if _check_lines(root):
        return  # e.g. a random run of digits that is a valid national ID: a clean error
    site, log = build_site(root, {})
    assert log.lines() == []
    shown_title = thai.normalize_thai(title).strip()
    shown_unit = thai.normalize_thai(unit).strip()
    page = (site / "ita/2568/measures/a/index.html").read_text("utf-8")
    assert f"<h1>{escape(shown_title)}</h1>" in page
    assert str(escape(shown_unit)) in page
    report = (site / "ita/2568/report/index.html").read_text("utf-8")
    assert f'<a href="../measures/a/">{escape(shown_title)}</a>' in report
    data = json.loads((site / "ita/2568/data/measures.json").read_text("utf-8"))
    assert data["measures"][0]["title"] == shown_title


@settings(max_examples=5, suppress_health_check=FIXTURE_OK)
@given(
    titles=st.lists(
        st.text(alphabet="กขคงจ abc<>&", min_size=1, max_size=12).filter(str.strip),
        min_size=1,
        max_size=6,
    )
)
def test_every_record_once_and_builds_are_deterministic(tmp_path: Path, titles: list[str]) -> None:
    files: dict[str, str | bytes] = {"content/ita/2568/year.yml": YEAR_YML}
    for number, title in enumerate(titles):
        record = GOOD_MEASURE.replace("title: จัดทำคู่มือการปฏิบัติงาน", f"title: {yaml_quote(title)}")
        files[f"content/ita/2568/measures/m{number}.md"] = record
    outputs = []
    for attempt in range(2):
        root = _fresh(tmp_path / str(attempt)) if (tmp_path / str(attempt)).exists() else None
        root = root or (tmp_path / str(attempt))
        root.mkdir(exist_ok=True)
        site, _ = build_site(root, files)
        outputs.append(
            {
                p.relative_to(site).as_posix(): p.read_bytes()
                for p in site.rglob("*")
                if p.is_file() and p.name != "sitemap.xml.gz"
            }
        )
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0]["ita/2568/data/measures.json"])
    ids = sorted(m["id"] for m in data["measures"])
    assert ids == sorted(f"m{n}" for n in range(len(titles)))
    report = outputs[0]["ita/2568/report/index.html"].decode("utf-8")
    for number in range(len(titles)):
        assert report.count(f'id="m-m{number}"') == 1
