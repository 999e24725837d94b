"""The search cache also keeps each page's extracted text and each chunk's data (stored.py):
an unchanged page is not read again, an unchanged chunk is not made again, an edited page
makes only its own chunk again, and a tampered row is never believed (the same bytes as a
build without any cache)."""

from __future__ import annotations

import random
import sqlite3
import zlib
from pathlib import Path

import pytest

from bench import thai_text
from site_builder.site.search import index as index_module
from site_builder.site.search import segments
from site_builder.site.search.index import SearchIndex
from site_builder.site.search.roles import PageRole
from site_builder.site.search.segment import Segmenter
from site_builder.site.search.segments import FILE_NAME, MAX_VALUE_BYTES, SegmentStore, _pack

PAGES = 12


def _pages(texts: list[str]) -> list[tuple[str, str, str, PageRole]]:
    pages = []
    for number, text in enumerate(texts):
        year = 2567 + number % 2
        html = f"<h1>มาตรการที่ {number}</h1><h2>ผล</h2><p>{text}</p>"
        role = PageRole("m", year, False)
        pages.append((f"ita/{year}/measures/m{number}/", f"มาตรการที่ {number}", html, role))
    return pages


class _Watched(SearchIndex):
    """Counts the pages it really reads and the chunks it really makes."""

    def __init__(self, segmenter: Segmenter) -> None:
        super().__init__(segmenter)
        self.made: list[str] = []

    def _data(self, chunk, pages):  # type: ignore[no-untyped-def]
        self.made.append(chunk)
        return super()._data(chunk, pages)


@pytest.fixture
def texts() -> list[str]:
    rng = random.Random(3)
    return [thai_text.paragraph(rng) for _ in range(PAGES)]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the pages whose HTML `extract` really reads."""
    read: list[str] = []
    real = index_module.extract

    def counting(title: str, html: str, outline: bool = False):  # type: ignore[no-untyped-def]
        read.append(title)
        return real(title, html, outline=outline)

    monkeypatch.setattr(index_module, "extract", counting)
    return read


def _build(
    folder: Path | None, texts: list[str], only: set[str] | None = None
) -> tuple[dict[str, bytes], _Watched]:
    store = SegmentStore(folder) if folder is not None else None
    index = _Watched(Segmenter(store))
    for url, title, html, role in _pages(texts):
        index.add(url, title, html, role)
    return index.files(only), index


def test_an_unchanged_page_is_read_once_and_an_unchanged_chunk_made_once(
    tmp_path: Path, texts: list[str], counted: list[str]
) -> None:
    honest, _ = _build(None, texts)
    first, index = _build(tmp_path / "cache", texts)
    assert first == honest
    assert len(counted) == 2 * PAGES and sorted(index.made) == ["2567", "2568"]
    counted.clear()
    # A new process with the same folder: no page read, no chunk made, the same bytes.
    again, index = _build(tmp_path / "cache", texts)
    assert again == honest and counted == [] and index.made == []
    # One page of 2568 edited: only that page is read, only its chunk is made again.
    texts[1] = "ประชาชนร้องเรียนเรื่องการจัดซื้อจัดจ้างผ่านเว็บไซต์"
    edited, index = _build(tmp_path / "cache", texts)
    assert counted == ["มาตรการที่ 1"] and index.made == ["2568"]
    assert edited == _build(None, texts)[0]
    assert edited["search/ita-2567.js"] == honest["search/ita-2567.js"]
    assert edited["search/ita-2568.js"] != honest["search/ita-2568.js"]


def test_a_chunk_made_again_marks_only_its_edited_page(
    tmp_path: Path, texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(tmp_path / "cache", texts)
    marked: list[str] = []
    real = Segmenter.mark

    def counting(self: Segmenter, text: str, vocabulary: set[str] | None = None) -> str:
        marked.append(text)
        return real(self, text, vocabulary)

    monkeypatch.setattr(Segmenter, "mark", counting)
    texts[3] = "ประชาชนร้องเรียนเรื่องการจัดซื้อจัดจ้างผ่านเว็บไซต์"
    edited, index = _build(tmp_path / "cache", texts)
    assert index.made == ["2568"]
    # The title, each heading and each section's text of page 3 only; the others' entries
    # are the stored ones.
    assert "มาตรการที่ 3" in marked and texts[3] in marked
    assert not any(f"มาตรการที่ {n}" in marked for n in range(PAGES) if n != 3)
    monkeypatch.setattr(Segmenter, "mark", real)
    assert edited == _build(None, texts)[0]


@pytest.mark.parametrize(
    ("table", "value"),
    [
        ("texts", '["มาตรการปลอม",[]]'),
        ("texts", "not json"),
        ("texts", '["t",[["a","h",["x"],9]]]'),
        ("chunks", '{"id":"2568","pages":[["u","t","m",[]]],"words":"x","extra":1}'),
        ("chunks", '{"id":"2568","pages":[["<script>","t","m",[["a",7,"h","x"]]]],"words":""}'),
        ("chunks", "[]"),
        ("chunks", '{"id":"2568","pages":[["javascript:alert(1)","t","m",[]]],"words":""}'),
        ("chunks", '{"id":"2568","pages":[["//evil.example/","t","m",[]]],"words":""}'),
        ("entries", "not json"),
        ("entries", '[["ita/2568/measures/other/","t","m",[]],["คำ"]]'),  # another page's
        ("entries", '[["javascript:alert(1)","t","m",[]],[]]'),
        ("entries", '[["x","t","m",[["a",7,"h","x"]]],[]]'),
        ("entries", '[["x","t","m",[]],"words"]'),
    ],
)
def test_a_tampered_row_is_not_believed(
    tmp_path: Path, texts: list[str], table: str, value: str
) -> None:
    honest, _ = _build(None, texts)
    folder = tmp_path / "cache"
    _build(folder, texts)
    with sqlite3.connect(folder / FILE_NAME) as db:
        # Packed as the store packs: what is checked is the value, not only its wrapping.
        db.execute(f"UPDATE {table} SET value = ?", (_pack(value),))
        if table == "entries":  # page entries are read only for a chunk made again
            db.execute("DELETE FROM chunks")
    files, index = _build(folder, texts)
    assert files == honest
    if table != "texts":
        assert sorted(index.made) == ["2567", "2568"]


def test_values_that_are_not_packed_or_inflate_too_far_are_not_believed(
    tmp_path: Path, texts: list[str]
) -> None:
    honest, _ = _build(None, texts)
    folder = tmp_path / "cache"
    _build(folder, texts)
    bomb = zlib.compress(b" " * (MAX_VALUE_BYTES + 1), 9)
    for value in ("plain text", b"not zlib", bomb, zlib.compress(b"\xff\xfe")):
        with sqlite3.connect(folder / FILE_NAME) as db:
            db.execute("UPDATE chunks SET value = ?", (value,))
        files, index = _build(folder, texts)
        assert files == honest and sorted(index.made) == ["2567", "2568"], value[:20]


def test_a_cache_grown_too_big_is_started_again(
    tmp_path: Path, texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    _build(folder, texts)
    size = (folder / FILE_NAME).stat().st_size
    monkeypatch.setattr(segments, "MAX_BYTES", size - 1)
    files, index = _build(folder, texts)
    # Started again: every chunk made again, and the same bytes.
    assert sorted(index.made) == ["2567", "2568"] and files == _build(None, texts)[0]
    assert (folder / FILE_NAME).stat().st_size <= size


def test_a_well_formed_forged_chunk_is_data_never_code(tmp_path: Path, texts: list[str]) -> None:
    folder = tmp_path / "cache"
    _build(folder, texts)
    forged = '{"id":"2568","pages":[["x","</script><script>alert(1)//","m",[]]],"words":""}'
    with sqlite3.connect(folder / FILE_NAME) as db:
        db.execute("UPDATE chunks SET value = ?", (_pack(forged),))
    files, index = _build(folder, texts)
    # 2567's row does not name 2567: made again. 2568's has the right shape, so search would
    # find the wrong page; but it is written back as JSON, the one thing our script pushes.
    assert index.made == ["2567"]
    script = files["search/ita-2568.js"].decode()
    assert script == "(window.__itaSearch=window.__itaSearch||[]).push(" + forged + ");\n"
