"""The Thai search index, built for real: segmentation with pythainlp (offline), the text it
stores, and the chunks a site build writes (search/ita-<chunk>.js)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.site.search.extract import extract
from site_builder.site.search.index import SearchIndex
from site_builder.site.search.roles import PageRole
from site_builder.site.search.segment import MARK, Segmenter
from site_builder.site.search.text import INVISIBLE, clean, fold
from tests.conftest import GOOD_MEASURE, YEAR_YML
from tests.sitebuild import build_site


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


def words(segmenter: Segmenter, text: str) -> list[str]:
    return segmenter.mark(text).split(MARK)


def on_boundaries(marked: str, word: str) -> bool:
    """Whether `word` occurs in the marked text starting and ending on word boundaries."""
    pieces = marked.split(MARK)
    cuts = {0}
    for piece in pieces:
        cuts.add(max(cuts) + len(piece))
    text = "".join(pieces)
    start = text.find(word)
    while start != -1:
        if start in cuts and start + len(word) in cuts:
            return True
        start = text.find(word, start + 1)
    return False


def test_compounds_are_cut_into_their_parts(segmenter: Segmenter) -> None:
    marked = segmenter.mark("หน่วยงานควรจัดทำแผนการจัดซื้อจัดจ้าง")
    for word in ("จัดซื้อจัดจ้าง", "จัดซื้อ", "จัดจ้าง", "แผนการ", "หน่วยงาน"):
        assert on_boundaries(marked, word), word
    marked = segmenter.mark("เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ")
    for word in ("เรื่อง", "ร้องเรียน", "การ", "ทุจริต", "ประพฤติมิชอบ", "มิชอบ"):
        assert on_boundaries(marked, word), word


def test_the_other_reading_of_two_neighbours_counts(segmenter: Segmenter) -> None:
    # newmm reads แนว|ทางการ and ราย|งานการ; a reader types แนวทาง and รายงาน.
    assert on_boundaries(segmenter.mark("คู่มือหรือแนวทางการปฏิบัติงาน"), "แนวทาง")
    assert on_boundaries(segmenter.mark("รายงานการรับทรัพย์สิน"), "รายงาน")


def test_short_words_are_not_cut_into_syllables(segmenter: Segmenter) -> None:
    assert words(segmenter, "ข้อมูล") == ["ข้อมูล"]
    assert words(segmenter, "ตาม") == ["ตาม"]
    assert words(segmenter, "ทุจริต") == ["ทุจริต"]


def test_only_thai_is_marked(segmenter: Segmenter) -> None:
    text = "นโยบาย No Gift Policy ระบบ E-Service ปี ๒๕๖๘"
    assert segmenter.mark(text).replace(MARK, "") == text
    assert MARK not in segmenter.mark("No Gift Policy 2568")


def test_clean_removes_every_invisible_character() -> None:
    dirty = "ร้อง\u200bเรียน\u00ad \ufeffจัด\u200dซื้อ\u202e\t\nใน\u007fปี"
    cleaned = clean(dirty)
    assert cleaned == "ร้องเรียน จัดซื้อ ในปี"
    assert not INVISIBLE.search(cleaned)
    # SARA AM typed as NIKHAHIT + SARA AA becomes the one character the index matches.
    assert clean("กํา") == "กำ"


def test_fold_keeps_every_position() -> None:
    text = "E-Service ปี ๒๕๖๘ O14 จัดซื้อ"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "e service ปี 2568 o14 จัดซื้อ"


def test_extract_sections_leave_out_navigation_and_marked_parts() -> None:
    html = (
        "<h1>o14 รายการจัดซื้อ</h1><p>ข้อความนำ</p><nav><a>ตาราง OIT</a></nav>"
        '<h2 id="documents">เอกสาร</h2><ul><li>แผน</li><li>ประกาศ</li></ul>'
        "<p data-search-exclude>ลิงก์ท้ายหน้า</p><table><tr><td>ก</td><td>ข</td></tr></table>"
    )
    page = extract("o14 รายการจัดซื้อ", html)
    assert [(s.anchor, s.heading, s.text, s.level) for s in page.sections] == [
        ("", "o14 รายการจัดซื้อ", "ข้อความนำ", 1),
        ("documents", "เอกสาร", "แผน ประกาศ ก ข", 2),
    ]
    outline = extract("รายงาน", html, outline=True)
    assert outline.sections[1].text == ""


def test_index_chunks_hold_text_and_leave_boilerplate_out() -> None:
    index = SearchIndex()
    notice = "<p>หน้านี้เป็นเนื้อหาสาธิต</p>"
    for number in range(1, 7):
        html = f"<h1>o{number} เรื่องที่ {number}</h1><p>ร้องเรียนข้อ {number}</p>{notice}"
        index.add(
            f"ita/2568/o{number}/", f"o{number} เรื่องที่ {number}", html, PageRole("i", 2568, False)
        )
    index.add("", "หน้าแรก", "<p>ยินดีต้อนรับ &lt;script&gt;</p>", PageRole("p", None, False))
    files = index.files()
    assert sorted(files) == ["search/ita-2568.js", "search/ita-site.js"]
    chunk = _chunk(files["search/ita-2568.js"])
    assert chunk["id"] == "2568" and len(chunk["pages"]) == 6
    texts = [s[3].replace(MARK, "") for page in chunk["pages"] for s in page[3]]
    assert "ร้องเรียนข้อ 1" in texts
    assert not any("สาธิต" in text for text in texts), "a notice on every page is boilerplate"
    assert "ร้องเรียน" in chunk["words"].split()
    site = _chunk(files["search/ita-site.js"])
    # Text, not markup: the browser shows it with textContent.
    assert site["pages"][0][3][0][3].replace(MARK, "") == "ยินดีต้อนรับ <script>"
    # Deterministic: the same pages give the same bytes.
    assert index.files() == files


def _chunk(data: bytes) -> dict:
    text = data.decode("utf-8")
    prefix = "(window.__itaSearch=window.__itaSearch||[]).push("
    assert text.startswith(prefix) and text.endswith(");\n")
    return json.loads(text[len(prefix) : -3])


def test_segmentation_needs_no_network_and_writes_nothing_at_home(tmp_path: Path) -> None:
    # A build machine with no network and an empty home: pythainlp must use the dictionary in
    # its package, download nothing and create no ~/pythainlp-data.
    script = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from site_builder.site.search.segment import MARK, Segmenter\n"
        "print(Segmenter().mark('จัดซื้อจัดจ้าง').count(MARK))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP")}
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 1
    assert list(tmp_path.iterdir()) == []


def test_a_built_site_has_the_search_box_and_its_index(tmp_path: Path) -> None:
    hostile = '"><img src=x onerror=alert(1)>'
    measure = GOOD_MEASURE.replace("title: จัดทำคู่มือการปฏิบัติงาน", f"title: '{hostile}'")
    site, _ = build_site(
        tmp_path,
        {
            "content/index.md": "# หน้าแรก\n\nเว็บไซต์\u200bทดสอบ\n",
            "content/ita/2568/year.yml": YEAR_YML,
            "content/ita/2568/measures/manual.md": measure,
        },
    )
    html = (site / "ita/2568/o10/index.html").read_text("utf-8")
    assert "data-ita-search" in html and 'data-chunks="2568 site"' in html
    assert 'data-year="2568"' in html and 'data-index="../../../search/"' in html
    # Material's search does not start: no form named "search", no search component.
    assert 'name="search"' not in html and 'data-md-component="search"' not in html
    chunk = _chunk((site / "search/ita-2568.js").read_bytes())
    urls = [page[0] for page in chunk["pages"]]
    assert "ita/2568/o10/" in urls and "ita/2568/measures/manual/" in urls
    assert not any("readiness" in url for url in urls)
    titles = [page[1].replace(MARK, "") for page in chunk["pages"]]
    assert hostile in titles  # as text: the browser inserts it with textContent
    home = _chunk((site / "search/ita-site.js").read_bytes())
    shown = json.dumps(home, ensure_ascii=False).replace(MARK, "")
    assert "เว็บไซต์ทดสอบ" in shown and not INVISIBLE.search(shown)
