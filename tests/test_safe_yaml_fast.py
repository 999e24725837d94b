"""`safe_yaml.parse` reads with libyaml first (fast) and falls back to PyYAML's Python parser.
Whatever libyaml accepts must give exactly what the Python parser gives: the same data and the
same line of every value. These tests feed both parsers the same texts and compare."""

from __future__ import annotations

import os

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.records.safe_yaml import YamlDocument, YamlError, _assemble, _is_simple, parse
from site_builder.records.sources import split_record
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")


def _python(text: str) -> YamlDocument | YamlError:
    try:
        return _assemble(yaml.parse(text, Loader=yaml.SafeLoader), 1, text)
    except YamlError as exc:
        return exc


def _libyaml(text: str) -> YamlDocument | None:
    """libyaml's document, or None where it refuses the text (parse then asks Python)."""
    try:
        return _assemble(yaml.parse(text, Loader=yaml.CSafeLoader), 1, text)
    except Exception:
        return None


def _same(text: str) -> None:
    fast, slow = _libyaml(text), _python(text)
    if not _is_simple(text) or fast is None:
        return  # parse() uses the Python parser for these
    assert isinstance(slow, YamlDocument), f"libyaml accepts what PyYAML refuses: {text!r}"
    assert (fast.data, fast.lines) == (slow.data, slow.lines), text


def _front_matters() -> list[str]:
    texts = []
    for path in sorted((REPO / "content").rglob("*.md")):
        text = path.read_text("utf-8")
        if text.startswith("---"):
            texts.append(text.split("\n---", 1)[0].removeprefix("---\n"))
    return texts


def test_real_records_read_the_same_with_both_parsers() -> None:
    records = _front_matters()
    assert len(records) >= 20
    # The demo records take the fast way, and give what the Python parser gives.
    assert all(_is_simple(text) for text in records)
    others = [p.read_text("utf-8") for p in sorted((REPO / "content").rglob("*.yml"))]
    others += [p.read_text("utf-8") for p in sorted((REPO / "site_builder").rglob("*.yml"))]
    for text in records + others:
        _same(text)


@pytest.mark.parametrize(
    "text",
    [
        "a:\nb: ''\nc: \"\"\nd: ~\ne: no\nf: 010\ng: 12:30\n",
        "title: x\ntitle: y\n",
        "a: &x 1\nb: *x\n",
        "a: !!python/object 1\n",
        "a: [1, {b: c}, [d]]\n",
        "a: |\n  บรรทัด\n   หนึ่ง\n\nb: >-\n  สอง\n  สาม\n",
        'a: "\\ud83d"\n',
        'a: "\\U0001F600 \\u0e01"\n',
        "a: b\u2028c: d\n",
        "a: b\x85c: d\n",
        "a: b\r\nc: d\r\n",
        "a: \ufeffb\n",
        "? a\n: b\n",
        "- a\n- b: c\n  d: e\n",
        "a: b\n---\nc: d\n",
        "a: [unclosed\n",
        "a: b: c\n",
        "'a\n",
    ],
)
def test_tricky_texts_read_the_same(text: str) -> None:
    _same(text)
    # And parse() itself answers like the Python parser, error or document.
    slow = _python(text)
    try:
        got = parse(text)
    except YamlError as exc:
        assert isinstance(slow, YamlError) and (exc.line, exc.english) == (slow.line, slow.english)
    else:
        assert isinstance(slow, YamlDocument) and (got.data, got.lines) == (slow.data, slow.lines)


yaml_ish = st.lists(
    st.sampled_from(
        [*"abc:-[]{}&*!|>'\"#%@`, \n?~0129ก๑\\", "\r\n", "\u2028", "\x85", "\ufeff", "title: "]
    ),
    max_size=80,
).map("".join)


EXAMPLES = int(os.environ.get("YAML_EXAMPLES", "300"))


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=yaml_ish)
def test_any_text_reads_the_same_with_both_parsers(text: str) -> None:
    _same(text)


# Lines shaped like records (what the fast way accepts), with YAML's troublemakers inside.
scalar = st.lists(
    st.sampled_from([*"ab ก๑:#-'\"\\[],{}!&*|>?%@`.", "ม.ค.", "https://"]), max_size=12
).map("".join)
value = st.one_of(
    scalar,
    scalar.map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    scalar.map(lambda t: "'" + t.replace("'", "''") + "'"),
    st.lists(st.sampled_from(["a", "b1", "c-d"]), max_size=3).map(lambda w: f"[{', '.join(w)}]"),
)
line = st.tuples(
    st.sampled_from(["", "  ", "    ", "   "]),
    st.sampled_from(["", "- "]),
    st.sampled_from(["", "title:", "a:", "b_1:"]),
    st.sampled_from(["", " "]),
    value,
).map("".join)


@settings(max_examples=EXAMPLES, deadline=None)
@given(lines=st.lists(line, min_size=1, max_size=8))
def test_record_shaped_texts_read_the_same_with_both_parsers(lines: list[str]) -> None:
    _same("\n".join(lines) + "\n")


def test_a_record_file_splits_the_same() -> None:
    record = (REPO / "content/ita/2568/measures/staff-manual.md").read_text("utf-8")
    meta = split_record(record).meta
    slow = _python(record.split("\n---", 1)[0].removeprefix("---\n"))
    assert isinstance(slow, YamlDocument)
    assert meta.data == slow.data and meta.data["title"]
    # The front matter starts on the file's second line, after "---".
    assert {path: line - 1 for path, line in meta.lines.items()} == slow.lines
