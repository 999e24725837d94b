"""The fast segmenter gives the results of the slow one, and a text is segmented only once.

nlpo3 (Rust) with pythainlp's word list must cut exactly as pythainlp's own newmm; the memoized
`word_cuts` must find exactly the boundaries of the plain version it replaced (written out here
as the reference); the store on disk must be used by the next build, survive junk, and stay in
the project."""

from __future__ import annotations

import logging
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from bench import thai_text
from site_builder.site.search.index import SearchIndex
from site_builder.site.search.roles import PageRole
from site_builder.site.search.segment import (
    MARK,
    THAI_RUN,
    Segmenter,
    split_points,
    thai_words,
    word_cuts,
)
from site_builder.site.search.segments import ENVIRONMENT, FILE_NAME, SegmentStore, cache_folder
from tests.conftest import REPO, YEAR_YML
from tests.sitebuild import build_site

# A home page whose text has Thai words to segment, and one fiscal year.
HOME_PAGE = {
    "content/index.md": "# หน้าแรก\n\nประชาชนร้องเรียนเรื่องการจัดซื้อจัดจ้าง\n",
    "content/ita/2568/year.yml": YEAR_YML,
}


@pytest.fixture(scope="module")
def dictionary() -> frozenset[str]:
    return thai_words()


@pytest.fixture(scope="module")
def runs() -> list[str]:
    """Every Thai run of 1,500 realistic generated texts and of the demo content."""
    rng = random.Random(16)
    texts = [thai_text.text(rng) for _ in range(1500)]
    texts += [p.read_text("utf-8") for p in (REPO / "content").rglob("*.md")]
    found = list(dict.fromkeys(run for text in texts for run in THAI_RUN.findall(text)))
    assert len(found) > 10_000
    return found


def test_nlpo3_cuts_exactly_as_pythainlp_newmm(runs: list[str]) -> None:
    import nlpo3
    from pythainlp.tokenize import word_tokenize

    from site_builder.site.search.segment import _nlpo3_loaded

    name = _nlpo3_loaded(thai_words())
    different = [
        (run, fast, slow)
        for run in runs
        if (fast := nlpo3.segment(run, name))
        != (slow := word_tokenize(run, engine="newmm", keep_whitespace=False))
    ]
    assert different == [], f"{len(different)} of {len(runs)} runs differ: {different[:3]}"


def reference_word_cuts(tokens: list[str], dictionary: frozenset[str]) -> list[int]:
    """`word_cuts` as it was before it was memoized (the slow, obvious version)."""
    cuts: set[int] = set()
    start = 0
    for number, token in enumerate(tokens):
        if start:
            cuts.add(start)
        cuts.update(start + cut for cut in split_points(token, dictionary))
        if number + 1 < len(tokens):
            pair = token + tokens[number + 1]
            for cut in range(2, len(pair) - 1):
                if cut != len(token) and pair[:cut] in dictionary and pair[cut:] in dictionary:
                    cuts.add(start + cut)
        start += len(token)
    return sorted(cuts)


def test_memoized_word_cuts_find_the_same_boundaries(
    runs: list[str], dictionary: frozenset[str]
) -> None:
    import nlpo3

    from site_builder.site.search.segment import _nlpo3_loaded

    name = _nlpo3_loaded(dictionary)
    for run in runs:
        tokens = nlpo3.segment(run, name)
        assert word_cuts(tokens, dictionary) == reference_word_cuts(tokens, dictionary), run


class _Counting(Segmenter):
    """Counts the runs it really segments."""

    def __init__(self, store: SegmentStore | None) -> None:
        super().__init__(store)
        self.segmented: list[str] = []

    def _segment_run(self, run: str):  # type: ignore[no-untyped-def]
        self.segmented.append(run)
        return super()._segment_run(run)


def _index(segmenter: Segmenter, texts: list[str]) -> dict[str, bytes]:
    index = SearchIndex(segmenter)
    for number, text in enumerate(texts):
        html = f"<h1>มาตรการที่ {number}</h1><p>{text}</p>"
        index.add(
            f"ita/2568/measures/m{number}/", f"มาตรการที่ {number}", html, PageRole("m", 2568, False)
        )
    return index.files()


def test_an_unchanged_text_is_never_segmented_twice(tmp_path: Path) -> None:
    rng = random.Random(7)
    texts = [thai_text.paragraph(rng) for _ in range(40)]
    first = _Counting(SegmentStore(tmp_path / "cache"))
    files = _index(first, texts)
    assert len(first.segmented) > 100
    # A new process (a new segmenter, the same folder): nothing to segment, the same bytes.
    second = _Counting(SegmentStore(tmp_path / "cache"))
    assert _index(second, texts) == files
    assert second.segmented == []
    # One new text: only its runs are segmented.
    third = _Counting(SegmentStore(tmp_path / "cache"))
    texts.append("ประชาชนร้องเรียนเรื่องการจัดซื้อจัดจ้างผ่านเว็บไซต์")
    _index(third, texts)
    assert third.segmented == ["ประชาชนร้องเรียนเรื่องการจัดซื้อจัดจ้างผ่านเว็บไซต์"]
    # And the stored result is the one a store-less segmenter makes.
    assert _index(Segmenter(None), texts) == _index(third, texts)


def test_a_tampered_or_broken_store_is_not_believed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    texts = ["ประชาชนร้องเรียนเรื่องการจัดซื้อจัดจ้าง"]
    honest = _index(Segmenter(None), texts)
    folder = tmp_path / "cache"
    _index(Segmenter(SegmentStore(folder)), texts)
    # A row that does not spell its key back (a poisoned cache in a push) is segmented again.
    with sqlite3.connect(folder / FILE_NAME) as db:
        db.execute("UPDATE runs SET marked = ?, words = ?", (f"ชื่อ{MARK}ปลอม", "ชื่อ ปลอม"))
        # Without the stored chunk and page entries, so that the runs are looked up
        # (test_search_stored.py).
        db.execute("DELETE FROM chunks")
        db.execute("DELETE FROM entries")
    again = _Counting(SegmentStore(folder))
    assert _index(again, texts) == honest and again.segmented
    # Not an SQLite file at all: a warning in Thai, and the index is still right.
    (folder / FILE_NAME).write_bytes(b"\x00junk" * 100)
    with caplog.at_level(logging.INFO):
        assert _index(Segmenter(SegmentStore(folder)), texts) == honest
    assert any("ใช้แคชการตัดคำไม่ได้" in message for message in caplog.messages)


def test_the_cache_stays_inside_the_project(tmp_path: Path) -> None:
    assert cache_folder(tmp_path, ".cache/search", {}) == tmp_path / ".cache" / "search"
    assert cache_folder(tmp_path, "", {}) is None
    assert cache_folder(tmp_path, "../elsewhere", {ENVIRONMENT: "/srv/cache/a"}) == Path(
        "/srv/cache/a"
    )
    for outside in ("../x", "/etc/x", "a/../../x", "C:\\x", "..\\x"):
        with pytest.raises(ValueError, match="search_cache ต้องเป็นโฟลเดอร์ภายในโครงการ"):
            cache_folder(tmp_path, outside, {})
    # Not where MkDocs reads pages from or writes the site to: it would be published.
    published = (tmp_path / "content", tmp_path / "site")
    for inside in ("content/.cache", "site", "site/x"):
        with pytest.raises(ValueError, match="search_cache ต้องเป็นโฟลเดอร์ภายในโครงการ"):
            cache_folder(tmp_path, inside, {}, published)
    assert cache_folder(tmp_path, "sites", {}, published) == tmp_path / "sites"


def test_a_build_keeps_its_segmentations_in_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    files = dict(HOME_PAGE)
    site, _ = build_site(tmp_path / "a", files)
    with sqlite3.connect(tmp_path / "a/.cache/search" / FILE_NAME) as db:
        stored = dict(db.execute("SELECT run, marked FROM runs"))
    assert stored["ประชาชนร้องเรียนเรื่องการจัดซื้อจัดจ้าง"].count(MARK) >= 5
    chunk = (site / "search/ita-site.js").read_bytes()
    # A project that sets it outside itself is refused, in Thai, before anything is built.
    config = (tmp_path / "a/mkdocs.yml").read_text("utf-8")
    files["mkdocs.yml"] = config.replace("  - ita\n", "  - ita:\n      search_cache: ../x\n")
    with pytest.raises(SystemExit), caplog.at_level(logging.ERROR):
        build_site(tmp_path / "b", files)
    assert any("search_cache ต้องเป็นโฟลเดอร์ภายในโครงการ" in m for m in caplog.messages)
    assert not (tmp_path / "b/site").exists()
    assert not (tmp_path / "x").exists()
    # Built again from the store: the same index.
    site, _ = build_site(tmp_path / "a", {})
    assert (site / "search/ita-site.js").read_bytes() == chunk


def test_a_cache_removed_between_builds_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One process (mkdocs serve, or the test suite) keeps a store open between builds; someone
    # removes the project folder or .cache and builds again in the same place. The open handle
    # names a deleted file (SQLite: "attempt to write a readonly database"): the store must
    # notice and open the new file, not warn and turn itself off. CI found this as a flaky
    # failure of test_properties.py, which rebuilds one tmp folder per example.
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    files = dict(HOME_PAGE)
    root = tmp_path / "a"
    _, log = build_site(root, files)
    assert log.lines() == []
    for _ in range(2):
        shutil.rmtree(root)
        files["content/index.md"] += "\nเรื่องใหม่ที่เพิ่มเข้ามาในหน้านี้\n"
        _, log = build_site(root, files)
        assert log.lines() == []
        with sqlite3.connect(root / ".cache/search" / FILE_NAME) as db:
            runs = {row[0] for row in db.execute("SELECT run FROM runs")}
        assert "เรื่องใหม่ที่เพิ่มเข้ามาในหน้านี้" in runs


def test_a_cache_that_cannot_be_written_never_fails_a_strict_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Publish builds with --strict, where a warning stops the build: a cache that cannot be
    # used (at 20,000 records the file outgrew the sandbox's file size limit) must only make
    # the build slower. Here the cache file is a folder: SQLite cannot open it.
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    files = dict(HOME_PAGE)
    honest, _ = build_site(tmp_path / "a", files)
    (tmp_path / "b/.cache/search" / FILE_NAME).mkdir(parents=True)
    site, log = build_site(tmp_path / "b", files, strict=True)
    chunk = "search/ita-site.js"
    assert (site / chunk).read_bytes() == (honest / chunk).read_bytes()
    # Said, at the level MkDocs shows without counting it as a warning.
    assert [line for line in log.lines(logging.INFO) if "ใช้แคชการตัดคำไม่ได้" in line] != []
    assert log.lines() == []
