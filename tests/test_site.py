"""Real MkDocs builds of small sites: the contract's URLs, escaping, open data, navigation."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from tests.conftest import GOOD_MEASURE, REPO, YEAR_YML
from tests.hostile.pdf import padded_pdf
from tests.sitebuild import build_site

HOSTILE_TITLE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'

FIXTURE: dict[str, str | bytes] = {
    "content/index.md": "# อบต.ทดสอบ\n\nหน้าแรก\n",
    "content/ita/2567/year.yml": YEAR_YML,
    "content/ita/2567/measures/old-manual.md": GOOD_MEASURE.replace("๒๕๖๘", "๒๕๖๗"),
    "content/ita/2568/year.yml": YEAR_YML
    + "scores_round: 2567\n"
    + "result:\n  round: 2568\n  total: 96.5\n  iit: 97\n  eit: 98\n  oit: 95.5\n"
    + "  source: https://itas.example.go.th/result/2568\n",
    "content/ita/2568/measures/staff-manual.md": GOOD_MEASURE,
    "content/ita/2568/measures/hostile.md": GOOD_MEASURE.replace(
        "title: จัดทำคู่มือการปฏิบัติงาน", f"title: '{HOSTILE_TITLE}'"
    )
    .replace("area: 1", "area: 2\norder: 1")
    .replace("indicator: o10", "indicator: e1")
    .replace("score: 100", "score: ๙๙.๔๒"),
    "content/ita/2568/o1/index.md": (
        "---\nupdated: 1 ต.ค. 2567\ndocuments:\n"
        "  - title: แผนผังโครงสร้าง\n    file: chart.pdf\n    date: ๑๕ ม.ค. ๒๕๖๘\n"
        "  - title: หน้าเว็บหน่วยงาน\n    url: https://example.go.th/about\n"
        "---\nโครงสร้างของ **อบต.ทดสอบ**\n\n<script>alert(3)</script>\n"
    ),
    # A real PDF (attachments are read, an unreadable PDF is refused), of the old stub's size.
    "content/ita/2568/o1/chart.pdf": padded_pdf(3016),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("site")
    site, log = build_site(root, FIXTURE)
    return site, log.lines()


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def test_every_contract_url_is_built(built) -> None:
    site, _ = built
    for year in (2567, 2568):
        for page in ("", "measures/", "report/", "scores/"):
            assert (site / f"ita/{year}/{page}index.html").is_file(), (year, page)
        for number in range(1, 36):
            assert (site / f"ita/{year}/o{number}/index.html").is_file(), number
        for name in ("measures.json", "measures.csv", "oit.json", "oit.csv"):
            assert (site / f"ita/{year}/data/{name}").is_file()
    assert (site / "ita/2568/measures/staff-manual/index.html").is_file()
    assert (site / "ita/2567/measures/old-manual/index.html").is_file()
    assert (site / "ita/2568/o1/chart.pdf").read_bytes() == FIXTURE["content/ita/2568/o1/chart.pdf"]
    # Record sources are data, not pages: never published as such.
    assert not (site / "ita/2568/year.yml").exists()
    assert not (site / "ita/2568/measures/staff-manual.md").exists()


def test_build_prints_no_warning(built) -> None:
    _, lines = built
    assert lines == []


def test_missing_item_says_so(built) -> None:
    site, _ = built
    html = read(site, "ita/2568/o2")
    assert "ยังไม่มีข้อมูลเผยแพร่สำหรับรายการนี้ในปีงบประมาณ 2568" in html
    assert "ข้อมูลผู้บริหาร" in html


def test_item_page_shows_documents_and_measures(built) -> None:
    site, _ = built
    html = read(site, "ita/2568/o1")
    assert '<a href="chart.pdf">แผนผังโครงสร้าง</a>' in html
    assert "(PDF, 3 KB, 15 ม.ค. 2568)" in html
    assert "ปรับปรุงล่าสุด 15 ม.ค. 2568" in html
    assert 'href="https://example.go.th/about"' in html
    assert "<strong>อบต.ทดสอบ</strong>" in html
    html = read(site, "ita/2568/o10")
    assert 'href="../measures/staff-manual/">จัดทำคู่มือการปฏิบัติงาน</a>' in html
    assert 'href="../measures/staff-manual/">จัดทำคู่มือการปฏิบัติงาน</a>' in html


def test_an_item_shows_only_its_own_score_while_published_with_its_round(built) -> None:
    site, _ = built
    # o10 is scored 100 by a measure, but the fixture publishes nothing for it: a score beside
    # "ยังไม่เผยแพร่" would contradict the page.
    html = read(site, "ita/2568/o10")
    assert "ยังไม่มีข้อมูลเผยแพร่" in html
    assert "ผลคะแนน" not in html.split("<article")[1].split("</article>")[0]
    measure = read(site, "ita/2568/measures/staff-manual")
    assert "ผลคะแนนจากผลการประเมิน ITA รอบปี พ.ศ. 2567" in measure


def test_markup_in_titles_is_only_text(built) -> None:
    site, _ = built
    escaped = "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
    for url in ("ita/2568/measures/hostile", "ita/2568/measures", "ita/2568/report"):
        html = read(site, url)
        assert "<script>alert" not in html and "onerror=alert" not in html.replace(escaped, ""), url
    html = read(site, "ita/2568/measures/hostile")
    assert f"<title>{escaped} · ปีงบประมาณ 2568 - อบต.ทดสอบ</title>" in html
    assert f"<h1>{escaped}</h1>" in html
    # The Thai search index holds titles as data (a JSON string in a script file, inserted as
    # text by theme/assets/ita-search.js); Material's own index is left empty.
    chunk = (site / "search/ita-2568.js").read_text("utf-8")
    pages = json.loads(chunk[chunk.index("push(") + 5 : chunk.rindex(")")])["pages"]
    titles = [page[1] for page in pages if page[0] == "ita/2568/measures/hostile/"]
    assert titles == [HOSTILE_TITLE]
    material = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert material["docs"] == []
    data = json.loads((site / "ita/2568/data/measures.json").read_text("utf-8"))
    assert HOSTILE_TITLE in [m["title"] for m in data["measures"]]


def test_raw_html_in_body_is_removed(built) -> None:
    site, _ = built
    html = read(site, "ita/2568/o1")
    assert "alert(3)" not in html


def test_open_data_follow_the_contract(built) -> None:
    site, _ = built
    measures = json.loads((site / "ita/2568/data/measures.json").read_text("utf-8"))
    assert measures["fiscal_year"] == 2568
    assert [m["id"] for m in measures["measures"]] == ["staff-manual", "hostile"]
    first = measures["measures"][0]
    assert first == {
        "id": "staff-manual",
        "area": 1,
        "area_title": "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
        "title": "จัดทำคู่มือการปฏิบัติงาน",
        "period": {"text": "ม.ค. - มี.ค. ๒๕๖๘", "start": "2025-01", "end": "2025-03"},
        "responsible": ["สำนักปลัดเทศบาล"],
        "steps": "จัดทำคู่มือและเผยแพร่",
        "results": ["มีคู่มือ"],
        "outcomes": [
            {"indicator": "o10", "title": "คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่", "score": 100}
        ],
        "url": "/ita/2568/measures/staff-manual/",
    }
    assert measures["measures"][1]["outcomes"][0]["score"] == 99.42
    oit = json.loads((site / "ita/2568/data/oit.json").read_text("utf-8"))
    assert [item["code"] for item in oit["items"]] == [f"o{n}" for n in range(1, 36)]
    o1 = oit["items"][0]
    assert o1["status"] == "published" and o1["url"] == "/ita/2568/o1/"
    assert o1["documents"] == [
        {"title": "แผนผังโครงสร้าง", "url": "/ita/2568/o1/chart.pdf", "date": "2025-01-15"},
        {"title": "หน้าเว็บหน่วยงาน", "url": "https://example.go.th/about", "date": None},
    ]
    assert oit["items"][1]["status"] == "missing"
    assert oit["items"][9]["measures"] == ["staff-manual"] and oit["items"][9]["score"] == 100
    # Every URL in the data resolves to a built file.
    for item in oit["items"]:
        assert (site / item["url"].lstrip("/") / "index.html").is_file()
        for document in item["documents"]:
            if document["url"].startswith("/"):
                assert (site / document["url"].lstrip("/")).is_file()
    for measure in measures["measures"]:
        assert (site / measure["url"].lstrip("/") / "index.html").is_file()


def test_csv_has_bom_and_neutralises_formulas(built) -> None:
    site, _ = built
    raw = (site / "ita/2568/data/measures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["fiscal_year", "id", "area", "area_title", "title"]
    assert len(rows) == 3
    assert rows[2][4] == HOSTILE_TITLE  # starts with '"', not a formula character
    oit = list(csv.reader(io.StringIO((site / "ita/2568/data/oit.csv").read_text("utf-8-sig"))))
    assert len(oit) == 36


def test_report_lists_measures_in_report_order_in_the_site_digits(built) -> None:
    site, _ = built
    html = read(site, "ita/2568/report")
    # The fixture's site uses the default digit style (arabic), the period included.
    assert "ปีงบประมาณ พ.ศ. 2568" in html
    assert html.index('id="m-staff-manual"') < html.index('id="m-hostile"')
    assert "ผลคะแนน 99.42" in html and "ผลคะแนน 100" in html
    assert '<h2 id="area-1">1) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ</h2>' in html
    assert not re.search("[๐-๙]", html.split("<article")[1].split("</article>")[0])


def test_scores_page_has_numbers_as_text_and_level(built) -> None:
    site, _ = built
    html = read(site, "ita/2568/scores")
    assert "ผลการประเมิน ITA รอบปี พ.ศ. 2568 ของอบต.ทดสอบ" in html
    assert '<span class="ita-result__score">96.5</span> คะแนน' in html
    # No grade in year.yml: the level follows from the catalogue's thresholds, and says so.
    assert '<span class="ita-result__grade">ผ่านดีเยี่ยม</span> <small>(ระดับตามเกณฑ์คะแนน)' in html
    assert 'href="https://itas.example.go.th/result/2568"' in html
    assert re.search(r'<td class="ita-num">99\.42</td>', html)
    assert 'width="99.42"' in html


def test_navigation_stays_small(built) -> None:
    site, _ = built
    html = read(site, "ita/2568/measures/staff-manual")
    # Years and their four index pages are in the nav; records are not.
    assert "ปีงบประมาณ 2568" in html and "ปีงบประมาณ 2567" in html
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    assert "measures/hostile/" not in nav.split("</nav>")[0]
    assert "o17/" not in nav.split("</nav>")[0]


def test_home_page_links_every_year(built) -> None:
    site, _ = built
    html = (site / "index.html").read_text("utf-8")
    assert 'href="ita/2568/"' in html and 'href="ita/2567/"' in html
    assert html.index("ข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2568") < html.index(
        "ข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2567"
    )
    # The latest year's result leads, right under the page's own h1.
    article = html.split("<article")[1]
    assert article.index("</h1>") < article.index('class="ita-result"') < article.index("หน้าแรก")


def test_template_syntax_in_content_is_literal(tmp_path: Path) -> None:
    body = GOOD_MEASURE.replace("จัดทำคู่มือและเผยแพร่", "ผลรวม {{ 7*7 }} และ {% raw %}")
    site, _ = build_site(
        tmp_path,
        {
            "content/ita/2568/year.yml": YEAR_YML,
            "content/ita/2568/measures/a.md": body,
        },
    )
    html = read(site, "ita/2568/measures/a")
    assert "ผลรวม {{ 7*7 }} และ {% raw %}" in html and "ผลรวม 49" not in html


def test_content_error_stops_the_build_before_site_is_touched(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("live", "utf-8")
    with pytest.raises((PluginError, Abort)):
        build_site(
            tmp_path,
            {
                "content/ita/2568/year.yml": YEAR_YML,
                "content/ita/2568/measures/a.md": GOOD_MEASURE.replace("title:", "tittle:"),
            },
        )
    assert (tmp_path / "site" / "old.html").read_text("utf-8") == "live"


def test_content_error_lines_are_logged_like_check(tmp_path: Path) -> None:
    logger = logging.getLogger("mkdocs")
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        with pytest.raises((PluginError, Abort)):
            build_site(
                tmp_path,
                {
                    "content/ita/2568/year.yml": YEAR_YML,
                    "content/ita/2568/measures/a.md": GOOD_MEASURE.replace("title:", "tittle:"),
                },
            )
    finally:
        logger.removeHandler(handler)
    assert (
        'content/ita/2568/measures/a.md:2: ไม่รู้จักคีย์ "tittle" หมายถึง "title" หรือไม่ '
        '(unknown key "tittle", did you mean "title"?)'
    ) in records


def test_demo_site_builds_every_contract_page() -> None:
    site, log = build_site_copy()
    assert log == []
    assert len(list((site / "ita/2568").glob("o*/index.html"))) == 35
    assert len(list((site / "ita/2568/measures").glob("*/index.html"))) == 19
    report = read(site, "ita/2568/report")
    assert report.count('<tr id="m-') == 19
    data = json.loads((site / "ita/2568/data/measures.json").read_text("utf-8"))
    assert sum(len(m["outcomes"]) for m in data["measures"]) == 61
    # Report order: by area, then `order` — as in the sample report.
    ids = re.findall(r'<tr id="m-([a-z0-9-]+)"', report)
    assert ids == [m["id"] for m in data["measures"]]
    assert ids[0] == "staff-manual" and ids[-1] == "whistleblower-protection-guidelines"


_DEMO: dict[str, tuple[Path, list[str]]] = {}


def build_site_copy() -> tuple[Path, list[str]]:
    """Build the repository's demo content (once) in a temporary copy of its files."""
    if "demo" not in _DEMO:
        import shutil
        import tempfile

        root = Path(tempfile.mkdtemp(prefix="demo-site-"))
        shutil.copytree(REPO / "content", root / "content")
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "theme", root / "theme")
        site, log = build_site(root, {})
        _DEMO["demo"] = (site, log.lines())
    return _DEMO["demo"]
