"""The content gate (site_builder/records/layout.py, records/assets.py): every file under
content/ is one known kind that passes its checks, or it is refused, naming the file.

Each harmful case is one file added to a clean tree: `check` must exit 1 with a line naming that
file. Each harmless case must pass `check` and be published by a real MkDocs build. The attacks
of issue 13 are here by name (a script over the theme's, HTML and SVG with script, personal data
in a CSV and a text file, a Markdown page in an item's sub-folder).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from site_builder.records.layout import Kind, classify
from site_builder.rules.check import run_check
from tests.conftest import GOOD_MEASURE, REPO, write_tree
from tests.hostile.pdf import make_pdf
from tests.sitebuild import BuildLog, build_site

SEAL_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<circle cx="5" cy="5" r="4" fill="#1a5"/><text x="2" y="6">ตรา</text></svg>'
)
# A real (1×1) PNG and the start of a JPEG: the gate reads the leading bytes.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
MINIMAL_PDF = make_pdf("structure chart")
ITEM = "content/ita/2568/o1"
O1_RECORD = "---\ndocuments:\n  - title: แผนผัง\n    file: {file}\n---\nโครงสร้างองค์กร\n"
TWO_DOCUMENTS = (
    "---\ndocuments:\n  - title: แผนผัง\n    file: chart.pdf\n"
    "  - title: แผนปีก่อน\n    file: 2567/plan.pdf\n---\nโครงสร้างองค์กร\n"
)
BASE = {
    "content/index.md": "# หน้าแรก\n",
    "content/ita/2568/year.yml": "catalogue: ita-2568\n",
    f"{ITEM}/index.md": O1_RECORD.format(file="chart.pdf"),
    f"{ITEM}/chart.pdf": MINIMAL_PDF,
}

# name → (path, content, what the line about that file must contain)
HARMFUL: dict[str, tuple[str, str | bytes, str]] = {
    "script over the theme's": ("content/assets/ita-offline.js", "alert(1)", "ทับไฟล์ของธีม"),
    "html in an item sub-folder": (
        f"{ITEM}/sub/notice.html",
        "<script>alert(1)</script>",
        'ไม่รองรับไฟล์ชนิด ".html"',
    ),
    "html page outside ita": ("content/notice.html", "<p>x</p>", 'ไม่เผยแพร่ไฟล์ชนิด ".html"'),
    "javascript file": ("content/js/app.js", "alert(1)", 'ไม่เผยแพร่ไฟล์ชนิด ".js"'),
    "xml file": ("content/feed.xml", "<rss/>", 'ไม่เผยแพร่ไฟล์ชนิด ".xml"'),
    "svg with onload": (
        "content/images/seal.svg",
        SEAL_SVG.replace("<svg ", '<svg onload="alert(1)" '),
        "onload=",
    ),
    "svg with script": (
        "content/images/seal.svg",
        SEAL_SVG.replace("</svg>", "<script>alert(1)</script></svg>"),
        "<script>",
    ),
    "svg with an external link": (
        "content/images/seal.svg",
        SEAL_SVG.replace(
            "</svg>", '<image href="https://tracker.example/x.png" width="1" height="1"/></svg>'
        ),
        "href=",
    ),
    "svg with an entity": (
        "content/images/seal.svg",
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + SEAL_SVG.replace("ตรา", "&x;"),
        "DOCTYPE/ENTITY",
    ),
    "svg with foreignObject": (
        "content/images/seal.svg",
        SEAL_SVG.replace(
            "</svg>",
            "<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>x</div>"
            "</foreignObject></svg>",
        ),
        "<foreignObject>",
    ),
    "css loading from another host": (
        "content/styles/extra.css",
        "@import url(https://fonts.example/x.css);\nbody{color:red}\n",
        "@import",
    ),
    "css with an escape": ("content/styles/extra.css", "a{background:u\\72l(x)}", "\\"),
    "fake png": ("content/images/logo.png", "<html>not an image</html>", "ไม่ใช่ไฟล์"),
    "csv with a national ID": (
        "content/data/people.csv",
        "ชื่อ,เลขประจำตัว\nสมชาย,1101700230708\n",
        "เลขประจำตัวประชาชน",
    ),
    "txt with a mobile number": (
        "content/notes/contact.txt",
        "ติดต่อ 081-234-5678\n",
        "หมายเลขโทรศัพท์มือถือ",
    ),
    "markdown page in an item sub-folder": (
        f"{ITEM}/sub/index.md",
        "# หน้าที่ไม่มีใครตรวจ\n",
        "ไฟล์ .md ในโฟลเดอร์ย่อยของรายการ",
    ),
    "unlisted file in an item sub-folder": (
        f"{ITEM}/old/extra.pdf",
        MINIMAL_PDF,
        "ต้องอยู่ในรายการ documents",
    ),
    "page over the search index": ("content/search.md", "# ค้นหา\n", "ทับไฟล์ของธีม"),
    "image under the theme's assets": ("content/assets/logo.png", PNG, "ทับไฟล์ของธีม"),
    "unknown file type": ("content/tool.exe", b"MZ\x90\x00", 'ไม่เผยแพร่ไฟล์ชนิด ".exe"'),
    "two names for one URL": ("content/images/seal.svg", SEAL_SVG, "ได้ที่อยู่ (URL) เดียวกับ"),
    "a # in a name": ("content/images/seal#2.png", PNG, 'ให้เปลี่ยนชื่อ เช่น "seal-2.png"'),
    "a ? in a name": (f"{ITEM}/chart?.pdf", MINIMAL_PDF, 'เช่น "chart-.pdf"'),
    "a % in a name": ("content/data/100%.csv", "a,b\n1,2\n", 'เช่น "100-.csv"'),
    "a control character in a name": ("content/data/a\x01b.csv", "a\n", "U+0001"),
}

HARMLESS: dict[str, tuple[str, str | bytes]] = {
    "a budget CSV": (
        "content/data/budget-2568.csv",
        "รายการ,งบประมาณ (บาท)\nจัดซื้อวัสดุสำนักงาน,125000\nซ่อมถนน,1500000\n",
    ),
    "a plain SVG seal": ("content/images/seal.svg", SEAL_SVG),
    "a photo": ("content/images/office.jpg", JPEG),
    "a PNG logo": ("content/images/logo.png", PNG),
    "a stylesheet using the site's own image": (
        "content/styles/extra.css",
        ".seal{background:url(../images/logo.png) no-repeat}\n",
    ),
    "a font": ("content/fonts/extra.woff2", b"wOF2" + b"\x00" * 60),
    "a free page": ("content/about/index.md", "---\ntitle: เกี่ยวกับเรา\n---\n# เกี่ยวกับเรา\n"),
    "a listed document in an item sub-folder": (f"{ITEM}/2567/plan.pdf", MINIMAL_PDF),
}
# A file that shares its URL with the harmful "two names for one URL" case's file.
HARMLESS_WITH = {"two names for one URL": {"content/images/Seal.svg": SEAL_SVG}}


def check_lines(root: Path) -> tuple[int, list[str]]:
    run = subprocess.run(
        [sys.executable, "-m", "site_builder", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in run.stderr, run.stderr
    return run.returncode, run.stdout.splitlines()


@pytest.mark.parametrize("name", sorted(HARMFUL))
def test_each_harmful_file_is_refused_by_name(tmp_path: Path, name: str) -> None:
    path, data, reason = HARMFUL[name]
    write_tree(tmp_path, {**BASE, **HARMLESS_WITH.get(name, {}), path: data})
    code, lines = check_lines(tmp_path)
    assert code == 1, lines
    about = [line for line in lines if line.startswith(f"{path}:")]
    assert about, f"no line names {path}: {lines}"
    assert any(reason in line for line in about), about


@pytest.mark.parametrize("name", sorted(HARMLESS))
def test_each_harmless_file_passes(tmp_path: Path, name: str) -> None:
    path, data = HARMLESS[name]
    files = {**BASE, path: data}
    if name == "a listed document in an item sub-folder":
        files[f"{ITEM}/index.md"] = TWO_DOCUMENTS
    write_tree(tmp_path, files)
    code, lines = check_lines(tmp_path)
    assert (code, lines) == (0, [])


def test_harmless_files_are_published_and_the_theme_script_is_the_theme_s(tmp_path: Path) -> None:
    files = {**BASE, **{path: data for path, data in HARMLESS.values()}}
    files[f"{ITEM}/index.md"] = TWO_DOCUMENTS
    site, _ = build_site(tmp_path, files)
    for path, data in HARMLESS.values():
        rel = path.removeprefix("content/")
        if rel.endswith(".md"):
            rel = rel.removesuffix("index.md") + "index.html"
            assert (site / rel).is_file(), rel
            continue
        expected = data.encode() if isinstance(data, str) else data
        assert (site / rel).read_bytes() == expected, rel
    theme_script = (REPO / "theme/assets/ita-offline.js").read_bytes()
    assert (site / "assets/ita-offline.js").read_bytes() == theme_script


def test_a_harmful_file_stops_the_build_and_names_the_file(tmp_path: Path) -> None:
    path, data, reason = HARMFUL["script over the theme's"]
    handler = BuildLog()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        with pytest.raises(Abort):
            build_site(tmp_path, {**BASE, path: data})
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert any(line.startswith(f"{path}:1: ") and reason in line for line in handler.lines())
    assert not (tmp_path / "site/assets/ita-offline.js").exists()


def test_dot_files_are_not_published_and_said_so(tmp_path: Path) -> None:
    write_tree(
        tmp_path, {**BASE, "content/.htaccess": "Options +Indexes\n", "content/.gitkeep": ""}
    )
    result = run_check(tmp_path / "content", tmp_path)
    lines = [str(problem) for problem in result.problems]
    assert lines == [
        "content/.htaccess:1: คำเตือน: ไฟล์หรือโฟลเดอร์ที่ชื่อขึ้นต้นด้วยจุดจะไม่ถูกเผยแพร่ "
        "(warning: names starting with a dot are not published)"
    ]
    assert not result.failed() and result.failed(strict=True)


def test_every_file_has_exactly_one_kind_or_a_refusal(tmp_path: Path) -> None:
    """The classification is total: each file of a tree with every kind and every harmful
    file is either one SourceFile or one refusal (or lies inside a refused folder)."""
    files = {**BASE, **{path: data for path, data in HARMLESS.values()}}
    files.update({path: data for path, data, _ in HARMFUL.values()})
    files["content/ita/2568/measures/manual.md"] = GOOD_MEASURE
    write_tree(tmp_path, files)
    layout = classify(tmp_path / "content")
    refused = {refusal.path for refusal in layout.refused}
    for path in (tmp_path / "content").rglob("*"):
        if path.is_dir():
            continue
        rel = path.relative_to(tmp_path / "content").as_posix()
        inside_refused = any(parent in refused for parent in path.parents)
        assert (rel in layout.files) + (path in refused) + inside_refused == 1, rel
    kinds = {file.kind for file in layout.files.values()}
    assert kinds == set(Kind)


def test_the_demo_has_no_refusal_and_every_kind_but_assets() -> None:
    layout = classify(REPO / "content")
    assert layout.refused == []
    assert {file.kind for file in layout.files.values()} == set(Kind) - {Kind.SITE_ASSET}


def test_a_listed_file_the_gate_refuses_is_a_dead_link_and_said_so(tmp_path: Path) -> None:
    record = "---\ndocuments:\n  - title: แผน\n    file: .plan.pdf\n---\nแผน\n"
    write_tree(tmp_path, {**BASE, f"{ITEM}/index.md": record, f"{ITEM}/.plan.pdf": MINIMAL_PDF})
    code, lines = check_lines(tmp_path)
    assert code == 1
    assert any(
        line.startswith(f"{ITEM}/index.md:4: ") and "จะไม่ถูกเผยแพร่" in line for line in lines
    ), lines
    assert any(line.startswith(f"{ITEM}/.plan.pdf:1: คำเตือน:") for line in lines), lines
