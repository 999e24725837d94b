"""Assessor readiness: every kind of finding on real fixture files, through the CLI (subprocess)
and through the readiness page of a real MkDocs build."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from site_builder import thai
from site_builder.rules import evidence
from tests.conftest import GOOD_MEASURE, REPO, YEAR_YML, write_tree
from tests.sitebuild import MKDOCS_YML, build_site

_spec = importlib.util.spec_from_file_location("make_sample_pdf", REPO / "tools/make_sample_pdf.py")
assert _spec is not None and _spec.loader is not None
make_sample_pdf = importlib.util.module_from_spec(_spec)
# Registered first: dataclasses look their module up in sys.modules.
sys.modules["make_sample_pdf"] = make_sample_pdf
_spec.loader.exec_module(make_sample_pdf)

Y = "content/ita/2568"
OWN_SITE = "https://www.example.go.th/"


def pdf(title: str) -> bytes:
    return make_sample_pdf.make_pdf(make_sample_pdf.Sample(title, ("fixture",)))


def docx() -> bytes:
    # A real (tiny) zip, so that the attachment and personal-data checks read it as Word.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>manual</w:document>")
    return buffer.getvalue()


def record(meta: str, body: str = "") -> str:
    return f"---\n{meta}---\n{body}"


# One fixture year with one item per kind of finding; items not listed here are missing.
FIXTURE: dict[str, str | bytes] = {
    "content/index.md": "# อบต.ทดสอบ\n",
    f"{Y}/year.yml": YEAR_YML,
    f"{Y}/measures/with-results.md": GOOD_MEASURE,
    f"{Y}/measures/without-results.md": GOOD_MEASURE.replace("results:\n  - มีคู่มือ\n", ""),
    # Ready: the body says what it covers.
    f"{Y}/o1/index.md": record("covers: [chart, divisions, positions]\n", "แผนผังโครงสร้าง\n"),
    # Ready: a plan whose period covers the whole fiscal year 2568.
    f"{Y}/o7/index.md": record(
        "documents:\n  - title: แผนพัฒนา\n    file: plan.pdf\n"
        "    period: ต.ค. 2565 - ก.ย. 2570\n    covers: [strategy, projects]\n"
    ),
    f"{Y}/o7/plan.pdf": pdf("Plan"),
    # "Nothing to report" where the rules do not accept it.
    f"{Y}/o5/index.md": record("nothing_to_report: ไม่มีข่าว\n"),
    # first_half: a progress report of October to December only.
    f"{Y}/o8/index.md": record(
        "documents:\n  - title: ความก้าวหน้า\n    file: progress.pdf\n"
        "    period: ต.ค. - ธ.ค. 2567\n    covers: [plan, budget, progress]\n"
    ),
    f"{Y}/o8/progress.pdf": pdf("Progress"),
    # previous: the annual report of 2566 instead of 2567.
    f"{Y}/o9/index.md": record(
        "documents:\n  - title: รายงานประจำปี\n    file: report.pdf\n"
        "    period: ตลอดปีงบประมาณ 2566\n    covers: [results, spending, issues]\n"
    ),
    f"{Y}/o9/report.pdf": pdf("Report"),
    # Only a Word file: assessors on a phone cannot open it.
    f"{Y}/o10/index.md": record(
        "documents:\n  - title: คู่มือ\n    file: manual.docx\n    covers: [steps, time]\n"
    ),
    f"{Y}/o10/manual.docx": docx(),
    # A service guide without its fee line.
    f"{Y}/o11/index.md": record(
        "covers: [service, steps, time, channel, documents]\n",
        "งานทะเบียน: ขั้นตอน ระยะเวลา ช่องทาง เอกสาร\n",
    ),
    # A page that only points at Google Drive.
    f"{Y}/o13/index.md": record(
        "updated: 1 ต.ค. 2567\n", "ดูที่ https://drive.google.com/drive/folders/x\n"
    ),
    # Empty where "nothing to report" would have been accepted.
    f"{Y}/o24/index.md": record("updated: 1 ต.ค. 2567\n"),
    # Last fiscal year's declaration.
    f"{Y}/o26/index.md": record(
        "documents:\n  - title: ประกาศเจตนารมณ์\n    file: declaration.pdf\n"
        "    date: 2 ต.ค. 2566\n    covers: [declaration, signed]\n"
    ),
    f"{Y}/o26/declaration.pdf": pdf("Declaration"),
    # Facebook only.
    f"{Y}/o27/index.md": record(
        "documents:\n  - title: ภาพกิจกรรม\n    url: https://www.facebook.com/example/posts/1\n"
        "    date: 17 ม.ค. 2568\n    covers: [activities, evidence]\n",
        "ภาพกิจกรรมอยู่ที่เพจของเทศบาล\n",
    ),
    # A link to the agency's own host: external unless site_url names that host.
    f"{Y}/o28/index.md": record(
        "documents:\n  - title: รายงาน\n    url: https://example.go.th/no-gift-report.pdf\n"
        "    date: 3 เม.ย. 2568\n    covers: [results, issues]\n"
    ),
    # "Nothing to report" where the rules accept it.
    f"{Y}/o29/index.md": record(
        "nothing_to_report: ไม่มีการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาในปีงบประมาณ 2568\n"
    ),
    # No date and no period: the program cannot tell the year.
    f"{Y}/o32/index.md": record(
        "documents:\n  - title: แผนปฏิบัติการ\n    file: plan.pdf\n    covers: [projects, budget]\n"
    ),
    f"{Y}/o32/plan.pdf": pdf("Action plan"),
}


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        check=False,
    )


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tree(tmp_path_factory.mktemp("readiness"), FIXTURE)


@pytest.fixture(scope="module")
def report(fixture_root: Path) -> dict[str, Any]:
    run = run_cli(fixture_root, "readiness", "--json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def item(report: dict[str, Any], code: str) -> dict[str, Any]:
    return next(entry for entry in report["items"] if entry["code"] == code)


def kinds(report: dict[str, Any], code: str) -> list[str]:
    return [finding["kind"] for finding in item(report, code)["findings"]]


def only_finding(report: dict[str, Any], code: str) -> dict[str, Any]:
    findings = item(report, code)["findings"]
    assert len(findings) == 1, findings
    return findings[0]


def test_missing_item_is_not_ready(report) -> None:
    finding = only_finding(report, "o2")
    assert finding["kind"] == "missing" and finding["status"] == "not_ready"
    assert "content/ita/2568/o2/index.md" in finding["fix"]
    assert item(report, "o2")["status"] == "not_ready"


def test_wrong_year_document_is_at_risk(report) -> None:
    finding = only_finding(report, "o26")
    assert finding["kind"] == "wrong_period" and finding["status"] == "at_risk"
    assert "ลงวันที่ 2 ต.ค. 2566 ซึ่งอยู่ในปีงบประมาณ 2567" in finding["reason"]
    assert "ปีงบประมาณ 2568" in finding["reason"]
    previous = only_finding(report, "o9")
    assert previous["kind"] == "wrong_period"
    assert "เป็นของปีงบประมาณ 2566" in previous["reason"]
    assert "ปีงบประมาณที่ผ่านมา (2567)" in previous["reason"]
    half = only_finding(report, "o8")
    assert half["kind"] == "wrong_period"
    assert "ไม่ครบ ต.ค. 2567 – มี.ค. 2568" in half["reason"]


def test_missing_element_names_it_with_its_hint(report) -> None:
    finding = only_finding(report, "o11")
    assert finding["kind"] == "missing_elements" and finding["status"] == "at_risk"
    assert "ค่าธรรมเนียม" in finding["reason"] and "ไม่มีค่าธรรมเนียม" in finding["reason"]
    assert "covers: [fee]" in finding["fix"]


def test_external_only_evidence(report) -> None:
    finding = only_finding(report, "o27")
    assert finding["kind"] == "external_only" and finding["status"] == "at_risk"
    assert "Facebook (facebook.com)" in finding["reason"]
    drive = item(report, "o13")["findings"]
    assert [f["kind"] for f in drive] == ["missing_elements", "external_only"]
    assert "Google Drive (drive.google.com)" in drive[1]["reason"]
    # Without site_url the agency's own host is unknown, so its link is external too.
    assert "example.go.th" in only_finding(report, "o28")["reason"]


def test_own_host_counts_as_own_site_when_site_url_is_given(fixture_root: Path) -> None:
    run = run_cli(fixture_root, "readiness", "--json", "--site-url", OWN_SITE)
    data = json.loads(run.stdout)
    assert item(data, "o28")["status"] == "ready"
    assert item(data, "o27")["status"] == "at_risk"


def test_empty_page_without_statement_is_not_ready(report) -> None:
    finding = only_finding(report, "o24")
    assert finding["kind"] == "empty" and finding["status"] == "not_ready"
    # The fix offers the statement the rules accept for this item.
    assert 'nothing_to_report: "ไม่มีเรื่องร้องเรียน' in finding["fix"]


def test_statement_is_accepted_only_where_allowed(report) -> None:
    assert item(report, "o29")["findings"] == [] and item(report, "o29")["status"] == "ready"
    refused = only_finding(report, "o5")
    assert refused["kind"] == "statement_refused" and refused["status"] == "not_ready"


def test_file_type_undated_and_measures(report) -> None:
    assert kinds(report, "o10") == ["file_type"]
    assert kinds(report, "o32") == ["undated"]
    assert item(report, "o34")["status"] == "ready"
    no_results = only_finding(report, "o35")
    assert no_results["kind"] == "no_results" and "without-results" in no_results["reason"]


def test_ready_items_and_summary(report) -> None:
    assert item(report, "o1")["findings"] == [] and item(report, "o7")["findings"] == []
    ready = [entry["code"] for entry in report["items"] if entry["status"] == "ready"]
    assert ready == ["o1", "o7", "o29", "o34"]
    assert report["summary"] == {
        "items": 35,
        "ready": 4,
        "at_risk": 10,
        "not_ready": 21,
        "ready_share": round(4 / 35, 4),
    }
    assert report["site_url"] is None and report["absolute_urls"] is False


def test_text_report_is_thai_item_by_item(fixture_root: Path) -> None:
    run = run_cli(fixture_root, "readiness")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("ความพร้อมรับการประเมิน ITA (OIT) ปีงบประมาณ 2568")
    assert "พร้อม 4 จาก 35 รายการ (11%) · เสี่ยง 10 · ยังไม่พร้อม 21" in out
    assert "o11 คู่มือหรือแนวทางการให้บริการสำหรับผู้รับบริการหรือผู้มาติดต่อ: เสี่ยง" in out
    assert "o1 โครงสร้าง: พร้อม" in out
    assert "URL ขึ้นต้นด้วย /" in out


def test_urls_are_copy_ready(fixture_root: Path) -> None:
    relative = run_cli(fixture_root, "readiness", "--urls")
    lines = relative.stdout.splitlines()
    assert len(lines) == 35
    assert lines[4] == (
        "o5\t/ita/2568/o5/\tหน้าแรก › ข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2568 › o5 ข่าวประชาสัมพันธ์"
    )
    assert "site_url" in relative.stderr  # the note says why they are root-relative
    absolute = run_cli(fixture_root, "readiness", "--urls", "--site-url", OWN_SITE)
    assert absolute.stdout.splitlines()[4].startswith(
        "o5\thttps://www.example.go.th/ita/2568/o5/\t"
    )
    assert absolute.stderr == ""


def test_site_url_is_read_from_mkdocs_yml(tmp_path: Path) -> None:
    write_tree(tmp_path, {**FIXTURE, "mkdocs.yml": "site_url: https://www.example.go.th/\n"})
    run = run_cli(tmp_path, "readiness", "--urls")
    assert run.stdout.startswith("o1\thttps://www.example.go.th/ita/2568/o1/\t"), run.stderr


def test_a_refused_mkdocs_yml_is_named_and_gives_relative_urls(tmp_path: Path) -> None:
    # The one mkdocs.yml reader (site_builder/engine/config.py) refuses tags: they run code.
    config = "site_url: https://www.example.go.th/\ny: !!python/name:os.path\n"
    write_tree(tmp_path, {**FIXTURE, "mkdocs.yml": config})
    run = run_cli(tmp_path, "readiness", "--urls")
    assert run.stdout.startswith("o1\t/ita/2568/o1/\t"), run.stderr
    assert "mkdocs.yml:2: ไม่รองรับแท็ก" in run.stderr


def test_unknown_element_id_is_a_check_error_with_its_line(tmp_path: Path) -> None:
    files = {
        **FIXTURE,
        f"{Y}/o11/index.md": record(
            "covers: [service, fees]\ndocuments:\n  - title: คู่มือ\n    file: guide.pdf\n"
            "    covers:\n      - steps\n      - tme\n",
        ),
        f"{Y}/o11/guide.pdf": pdf("Guide"),
    }
    write_tree(tmp_path, files)
    check = run_cli(tmp_path, "check")
    assert check.returncode == 1
    known = "service, steps, time, channel, fee, documents"
    assert check.stdout.splitlines() == [
        f'{Y}/o11/index.md:2: ช่อง covers รายการที่ 2: ไม่มีองค์ประกอบ "fees" ใน o11 ของเกณฑ์ ita-2568 '
        f'(มี {known}) (field covers, entry 2: o11 of catalogue ita-2568 has no element "fees" '
        f"(known: {known}))",
        f"{Y}/o11/index.md:8: เอกสารลำดับที่ 1 ช่อง covers รายการที่ 2: "
        f'ไม่มีองค์ประกอบ "tme" ใน o11 ของเกณฑ์ ita-2568 (มี {known}) '
        "(document 1, field covers, entry 2: o11 of catalogue ita-2568 has no "
        f'element "tme" (known: {known}))',
    ]
    # readiness refuses to judge content that does not pass check, and says why.
    readiness = run_cli(tmp_path, "readiness")
    assert readiness.returncode == 1 and readiness.stdout == ""
    assert "ช่อง covers รายการที่ 2" in readiness.stderr


def test_malformed_element_id_and_period_are_record_errors(tmp_path: Path) -> None:
    files = {
        f"{Y}/year.yml": YEAR_YML,
        f"{Y}/o11/index.md": record(
            "covers: [Fee]\ndocuments:\n  - title: คู่มือ\n    url: https://example.go.th/a\n"
            "    period: ต.ค. - กุมภา\n"
        ),
    }
    write_tree(tmp_path, files)
    lines = run_cli(tmp_path, "check").stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f'{Y}/o11/index.md:2: ช่อง covers รายการที่ 1: รหัสองค์ประกอบ "Fee"')
    assert lines[1].startswith(f"{Y}/o11/index.md:6: เอกสารลำดับที่ 1 ช่อง period: ไม่รู้จักชื่อเดือน")


@pytest.mark.parametrize(
    ("rule", "day", "period", "fits"),
    [
        ("current", date(2024, 10, 1), None, True),
        ("current", date(2024, 9, 30), None, False),
        ("previous", date(2024, 10, 25), None, True),  # signed early in the next year
        ("previous", date(2023, 9, 30), None, False),
        ("previous", None, "ตลอดปีงบประมาณ 2567", True),
        ("first_half", None, "ต.ค. 2567 - มี.ค. 2568", True),
        ("first_half", None, "ม.ค. - มี.ค. 2568", False),
        ("plan", None, "ต.ค. 2565 - ก.ย. 2570", True),
        ("plan", None, "ต.ค. 2565 - ก.ย. 2567", False),
        ("plan", date(2024, 10, 1), None, None),  # a plan's date says nothing of its years
        ("current", None, None, None),
        ("any", None, None, True),
    ],
)
def test_period_rules(rule, day, period, fits) -> None:
    parsed = thai.parse_period(period, fiscal_year=2568) if period else None
    assert evidence.judge_period(rule, 2568, day, parsed).fits is fits


def test_hosts() -> None:
    assert evidence.host_of("https://WWW.Example.go.th/a") == "example.go.th"
    assert evidence.platform_of("m.facebook.com") == "Facebook"
    assert evidence.platform_of("notfacebook.com") is None
    assert evidence.platform_of("line.me") == "LINE"
    body = "ดู [ข่าว](https://fb.com/x). และ <https://docs.google.com/d/1> หรือ ../o5/"
    assert evidence.links_in(body) == ["https://fb.com/x", "https://docs.google.com/d/1"]


# --- the readiness page of a real build -------------------------------------------------

READINESS_YML = MKDOCS_YML.format(theme=REPO / "theme").replace(
    "  - ita\n", "  - ita:\n      readiness_page: true\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    config = f"site_url: {OWN_SITE}\n" + READINESS_YML
    site, log = build_site(
        tmp_path_factory.mktemp("readiness-site"), {**FIXTURE, "mkdocs.yml": config}
    )
    return site, log.lines()


def test_readiness_page_is_built_quietly_for_the_webmaster(built) -> None:
    site, warnings = built
    assert warnings == []
    html = (site / "ita/2568/readiness/index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert "พร้อม 5 จาก 35 รายการ" in html  # o28 is on the own host here
    row = html[html.index('<tr id="r-o26">') : html.index("</tr>", html.index('<tr id="r-o26">'))]
    assert "เสี่ยง" in row and "ลงวันที่ 2 ต.ค. 2566 ซึ่งอยู่ในปีงบประมาณ 2567" in row
    assert 'href="../o26/"' in row
    for code in ("o2", "o5", "o8", "o9", "o10", "o11", "o13", "o24", "o27", "o32", "o35"):
        assert f'<tr id="r-{code}">' in html, code
    assert '<tr id="r-o28">' not in html and '<tr id="r-o1">' not in html
    assert "&#34;ประกาศเจตนารมณ์&#34;" in row  # record text is escaped
    assert (
        '<code class="ita-url">https://<wbr>www.example.go.th/<wbr>ita/<wbr>2568/<wbr>o5/</code>'
        in html
    )
    listing = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.DOTALL)
    assert listing is not None
    assert len(listing.group(1).strip().splitlines()) == 35


def test_readiness_page_is_out_of_nav_and_search(built) -> None:
    site, _ = built
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert not [doc for doc in index["docs"] if "readiness" in doc["location"]]
    # Nor in any other index file under search/ (the project's own Thai index included).
    for path in (site / "search").iterdir():
        assert "2568/readiness" not in path.read_text("utf-8", errors="replace"), path.name
    for page in ("index.html", "ita/2568/index.html", "ita/2568/o5/index.html"):
        assert "readiness" not in (site / page).read_text("utf-8"), page
    # Other pages are not noindex.
    assert "noindex" not in (site / "ita/2568/o5/index.html").read_text("utf-8")


def test_click_path_follows_the_real_navigation(built) -> None:
    site, _ = built
    home = (site / "index.html").read_text("utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"') :]
    assert "ปีงบประมาณ 2568" in nav and "ข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2568" in nav
    button = '<a class="md-button md-button--primary" href="ita/2568/">'
    assert button + "ข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2568</a>" in home
    table = (site / "ita/2568/index.html").read_text("utf-8")
    assert '<a href="o5/"><span class="ita-code">o5</span> ข่าวประชาสัมพันธ์</a>' in table


def test_statement_is_shown_on_the_item_page(built) -> None:
    site, _ = built
    html = (site / "ita/2568/o29/index.html").read_text("utf-8")
    assert (
        '<p class="ita-statement"><strong>ไม่มีการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา'
        "ในปีงบประมาณ 2568</strong></p>"
    ) in html
    assert "ยังไม่มีข้อมูลเผยแพร่" not in html


def test_no_readiness_page_unless_asked(tmp_path: Path) -> None:
    site, _ = build_site(tmp_path, {f"{Y}/year.yml": YEAR_YML})
    assert (site / "ita/2568/index.html").is_file()
    assert not (site / "ita/2568/readiness").exists()


# --- the demo content -----------------------------------------------------------------


def test_demo_is_realistically_at_risk() -> None:
    run = run_cli(REPO, "readiness", "--json", "--content", "content")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    pending = {
        entry["code"]: kinds(data, entry["code"]) for entry in data["items"] if entry["findings"]
    }
    assert pending == {
        "o11": ["missing_elements"],
        "o26": ["wrong_period"],
        "o27": ["external_only"],
    }
    assert all((REPO / Y / f"o{n}" / "index.md").is_file() for n in range(1, 34))
    for n in range(1, 34):
        body = (REPO / Y / f"o{n}" / "index.md").read_text("utf-8")
        assert "เนื้อหาตัวอย่าง" in body and "เนื้อหาสาธิต" in body, n


def test_demo_pdfs_are_what_the_tool_makes() -> None:
    assert make_sample_pdf.write_demo(check=True) == 0
    from pypdf import PdfReader

    reader = PdfReader(REPO / Y / "o7/development-plan-2566-2570.pdf", strict=True)
    text = reader.pages[0].extract_text()
    assert "Local development plan" in text and "SAMPLE - demonstration content" in text
