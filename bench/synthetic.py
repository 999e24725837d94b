"""Synthetic content shaped like real records, for the scale benchmark (`bench/scale.py`).

Titles, areas, indicators and units come from the demo records in content/ita/2568/measures/
and from the catalogue; every body text is fresh Thai from `bench/thai_text.py` (words run
together, a space between phrases), so that no cache makes a page cheaper than a real one. The
output is deterministic for a given size: the same seed gives byte-identical trees.

Mix of records (a "record" is one measure file or one disclosure file): ten fiscal years
2559-2568, each with a year.yml and size/10 records, of which 30 % are disclosures (o-items with
documents) up to the 33 o-items a year can have (o34 and o35 are made from the measures); the
rest are measures. So 100 → 30 disclosures + 70 measures; 1,000 → 300 + 700;
5,000 → 330 + 4,670; 20,000 → 330 + 19,670. Each disclosure lists 1-3 PDF attachments of
50-500 KB (a valid minimal PDF whose padding stream makes up the size) and sometimes a link.

Two plain Material sites to compare with (Material's search on in both):
`write_plain_site` has one Markdown page for every page our plugin makes, the same text, and the
same navigation shape (one section per year with its four index pages; every other page out of
the nav, reached from those pages); `write_records_site` has just one page per record (its text,
out of the nav) and a home page: what a site of these records costs at the least.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from bench import thai_text
from site_builder import thai
from site_builder.records.catalogue import Catalogue
from site_builder.records.content import load_content
from tools.pdf import BINARY_HEADER, assemble

REPO = Path(__file__).resolve().parent.parent
FIRST_YEAR, LAST_YEAR = 2559, 2568
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
DISCLOSURE_SHARE = 0.3
PDF_MIN, PDF_MAX = 50 * 1024, 500 * 1024

QUARTERS = ("ต.ค. - ธ.ค. {prev}", "ม.ค. - มี.ค. {fy}", "เม.ย. - มิ.ย. {fy}", "ก.ค. - ก.ย. {fy}")
WHOLE_YEAR = "ต.ค. {prev} ถึง ก.ย. {fy}"
TITLE_SUFFIXES = (
    "ระยะที่ {n}",
    "ประจำไตรมาส ครั้งที่ {n}",
    "สำหรับกองและสำนัก ชุดที่ {n}",
    "ต่อเนื่อง ครั้งที่ {n}",
)
DOCUMENT_KINDS = ("ประกาศ", "รายงาน", "คำสั่ง", "แผน", "บันทึกข้อความ", "สรุปผล")


@dataclass(frozen=True)
class Mix:
    size: int
    disclosures_per_year: int
    measures_per_year: int

    @property
    def disclosures(self) -> int:
        return self.disclosures_per_year * len(YEARS)

    @property
    def measures(self) -> int:
        return self.measures_per_year * len(YEARS)


def mix_for(size: int, items_per_year: int = 33) -> Mix:
    """How `size` records split into disclosures and measures (see the module's docstring)."""
    per_year = size // len(YEARS)
    disclosures = min(items_per_year, round(per_year * DISCLOSURE_SHARE))
    return Mix(size, disclosures, per_year - disclosures)


@dataclass
class Pools:
    """Pieces of the demo records, to recombine."""

    catalogue: Catalogue
    stems: list[str]
    titles: list[str]
    areas: list[int]
    indicators: list[list[str]]
    responsible: list[str]
    results: list[str]
    # Per demo record: indicator → its note, so that a note stays with the code it explains.
    notes: list[dict[str, str]] = field(default_factory=list)


def load_pools(content_dir: Path = REPO / "content") -> Pools:
    content, problems = load_content(content_dir)
    if problems.errors or content.latest is None:
        raise SystemExit(f"demo content does not load: {problems.errors[:3]}")
    measures = content.latest.measures
    return Pools(
        catalogue=content.latest.catalogue,
        stems=[m.id for m in measures],
        titles=[m.record.title for m in measures],
        areas=[m.record.area for m in measures],
        indicators=[list(dict.fromkeys(o.indicator for o in m.record.outcomes)) for m in measures],
        responsible=sorted({r for m in measures for r in m.record.responsible}),
        results=sorted({r for m in measures for r in m.record.results}),
        notes=[{o.indicator: o.note for o in m.record.outcomes if o.note} for m in measures],
    )


def _thai(value: object) -> str:
    return thai.to_thai_digits(str(value))


def _quote(text: str) -> str:
    # Front matter is YAML: a double-quoted scalar keeps any Thai text as text.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _date(rng: random.Random, fy: int) -> str:
    month = rng.choice((10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9))
    year = fy - 1 if month >= 10 else fy
    month_name = thai.MONTHS[month - 1].abbr
    return f"{rng.randint(1, 28)} {month_name} {year}"


def measure_text(rng: random.Random, pools: Pools, fy: int, number: int, scores: dict) -> str:
    base = number % len(pools.titles)
    suffix = rng.choice(TITLE_SUFFIXES).format(n=_thai(number + 1))
    period = rng.choice((*QUARTERS, WHOLE_YEAR)).format(fy=_thai(fy), prev=_thai(fy - 1))
    lines = [
        "---",
        f"title: {_quote(pools.titles[base] + ' ' + suffix)}",
        f"area: {pools.areas[base]}",
        f"order: {number + 1}",
        f"period: {period}",
        f"responsible: {_quote(rng.choice(pools.responsible))}",
        "results:",
        *(f"  - {_quote(r)}" for r in rng.sample(pools.results, rng.randint(1, 3))),
    ]
    codes = pools.indicators[base][: rng.randint(1, 4)]
    if codes:
        lines.append("outcomes:")
    for code in codes:
        lines += [f"  - indicator: {code}", f"    score: {scores[code]}"]
        if code in pools.notes[base]:
            lines.append(f"    note: {_quote(pools.notes[base][code])}")
    lines.append("---")
    body = thai_text.text(rng, paragraphs=(2, 3))
    if rng.random() < 0.5:
        steps = [thai_text.paragraph(rng, phrases=(1, 3)) for _ in range(3)]
        body += "\n\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))
    return "\n".join(lines) + "\n" + body + "\n"


def pdf_bytes(rng: random.Random, size: int, title: str) -> bytes:
    """A small but valid PDF (one blank page) padded to `size` bytes by an unused stream."""
    head = BINARY_HEADER
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    fixed = len(head) + sum(len(o) + 20 for o in objects) + 200 + len(title.encode())
    padding = rng.randbytes(max(0, size - fixed - 60))
    objects.append(b"<< /Length %d >>\nstream\n" % len(padding) + padding + b"\nendstream")
    return assemble(objects)


def disclosure_files(rng: random.Random, pools: Pools, fy: int, code: str) -> dict[str, bytes]:
    item = pools.catalogue.item_by_code[code]
    documents, files = [], {}
    for number in range(1, rng.randint(1, 3) + 1):
        name = f"{code}-{number}.pdf"
        title = f"{rng.choice(DOCUMENT_KINDS)}{item.title} ปีงบประมาณ พ.ศ. {_thai(fy)}"
        files[name] = pdf_bytes(rng, rng.randint(PDF_MIN, PDF_MAX), title)
        documents += [
            f"  - title: {_quote(title)}",
            f"    file: {name}",
            f"    date: {_date(rng, fy)}",
        ]
    if rng.random() < 0.3:
        documents += [
            f"  - title: {_quote(item.title + ' บนเว็บไซต์เดิม')}",
            f"    url: https://example.go.th/{code}/{fy}",
        ]
    text = "\n".join(["---", f"updated: {_date(rng, fy)}", "documents:", *documents, "---"])
    body = f"{item.needs}\n\n" + thai_text.text(rng, paragraphs=(1, 2))
    files["index.md"] = (text + "\n" + body + "\n").encode("utf-8")
    return files


def _year_yml(rng: random.Random, fy: int) -> str:
    text = "catalogue: ita-2568\n"
    if fy < LAST_YEAR:
        scores = [f"{rng.uniform(85, 99.9):.2f}" for _ in range(4)]
        text += "result:\n" + "".join(
            f"  {key}: {value}\n"
            for key, value in zip(("total", "iit", "eit", "oit"), scores, strict=True)
        )
    return text


def write_content(root: Path, size: int, pools: Pools | None = None, seed: int = 2568) -> Mix:
    """Write `root`/content (our record layout) for `size` records; return the mix used."""
    pools = pools or load_pools()
    disclosed = [item.code for item in pools.catalogue.items if item.made_from is None]
    mix = mix_for(size, len(disclosed))
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(REPO / "content", content, ignore=shutil.ignore_patterns("ita"))
    for fy in YEARS:
        rng = random.Random(f"{seed}-{size}-{fy}")
        year = content / "ita" / str(fy)
        (year / "measures").mkdir(parents=True)
        (year / "year.yml").write_text(_year_yml(rng, fy), "utf-8")
        # One score per indicator and year: `check` refuses two different scores.
        codes = sorted({c for codes in pools.indicators for c in codes})
        scores = {c: Decimal(rng.randint(8000, 10000)) / 100 for c in codes}
        for number in range(mix.measures_per_year):
            stem = pools.stems[number % len(pools.stems)]
            text = measure_text(rng, pools, fy, number, scores)
            (year / "measures" / f"{stem}-{number + 1:05d}.md").write_text(text, "utf-8")
        for code in disclosed[: mix.disclosures_per_year]:
            (year / code).mkdir()
            for name, data in disclosure_files(rng, pools, fy, code).items():
                (year / code / name).write_bytes(data)
    return mix


# --- the plain Material floor ------------------------------------------------------------------

NOT_IN_NAV = "/ita/*/o*/\n/ita/*/measures/*.md\n!/ita/*/measures/index.md\n"


def _front(text: str) -> tuple[dict[str, str], str]:
    head, _, body = text.partition("\n---\n")
    meta = {}
    for line in head.splitlines()[1:]:
        key, _, value = line.partition(": ")
        if value and not line.startswith(" "):
            meta[key] = value.strip('"')
    return meta, body


def _lines_of(text: str, key: str) -> list[str]:
    return [m.strip('"') for m in re.findall(rf"^  - {key}: (.*)$", text, re.M)]


def _measure_page(
    pools: Pools, meta: dict[str, str], body: str, codes: list[str], text: str
) -> tuple[str, str, str]:
    """A measure as plain Markdown: (its fields, its results, the whole page)."""
    fields = f"ระยะเวลาดำเนินการ: {meta['period']}\n\nหน่วยงานผู้รับผิดชอบ: {meta['responsible']}"
    results = "\n".join(f"1. {r}" for r in re.findall(r'^  - "(.*)"$', text, re.M))
    outcomes = "\n".join(f"- {c} {pools.catalogue.indicator_title(c)}" for c in codes)
    page = f"# {meta['title']}\n\n{fields}\n\n## ขั้นตอน\n\n{body}\n\n## ผลการดำเนินการ\n\n"
    page += f"{results}\n\n## ผลลัพธ์\n\n{outcomes}\n"
    return fields, results, page


def _disclosure_body(folder: Path, target: Path) -> str:
    """A disclosure's text and links to its attachments, hard-linked into `target`."""
    page = _front((folder / "index.md").read_text("utf-8"))[1]
    for name in sorted(p.name for p in folder.iterdir() if p.name != "index.md"):
        page += f"\n- [{name}]({name})"
        target.mkdir(parents=True, exist_ok=True)
        os.link(folder / name, target / name)
    return page


def write_records_site(ours: Path, records: Path) -> int:
    """Write `records`/docs from `ours`/content: the home page and one Markdown page per record
    (a measure as `_plain_year` writes it, a disclosure with its attachments), every record
    out of the navigation. Returns the number of Markdown pages."""
    docs = records / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    pools = load_pools()
    shutil.copy(ours / "content" / "index.md", docs / "index.md")
    pages = 1
    for fy in YEARS:
        source, target = ours / "content" / "ita" / str(fy), docs / "ita" / str(fy)
        (target / "measures").mkdir(parents=True)
        for path in sorted((source / "measures").glob("*.md")):
            text = path.read_text("utf-8")
            meta, body = _front(text)
            page = _measure_page(pools, meta, body, _lines_of(text, "indicator"), text)[2]
            (target / "measures" / path.name).write_text(page, "utf-8")
            pages += 1
        for folder in sorted(p for p in source.iterdir() if (p / "index.md").is_file()):
            item = pools.catalogue.item_by_code[folder.name]
            body = _disclosure_body(folder, target / folder.name)
            page = f"# {item.code} {item.title}\n\n{item.needs}\n\n{body}\n"
            (target / folder.name / "index.md").write_text(page, "utf-8")
            pages += 1
    return pages


def write_plain_site(ours: Path, plain: Path) -> int:
    """Write `plain`/docs from `ours`/content: same pages, same text, plain Markdown. Returns
    the number of Markdown pages. Attachments are hard links (same bytes, no extra disk)."""
    docs = plain / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    pools = load_pools()
    shutil.copy(ours / "content" / "index.md", docs / "index.md")
    pages = 1
    with (docs / "index.md").open("a", encoding="utf-8") as home:
        home.write("\n\n" + "".join(f"- [ปีงบประมาณ {fy}](ita/{fy}/index.md)\n" for fy in YEARS))
    for fy in YEARS:
        pages += _plain_year(ours / "content" / "ita" / str(fy), docs / "ita" / str(fy), pools, fy)
    return pages


def _plain_year(source: Path, target: Path, pools: Pools, fy: int) -> int:
    measures = []
    for path in sorted((source / "measures").glob("*.md")):
        text = path.read_text("utf-8")
        meta, body = _front(text)
        measures.append((path.stem, meta, body, _lines_of(text, "indicator"), text))
    (target / "measures").mkdir(parents=True)
    rows = []
    for stem, meta, body, codes, text in measures:
        fields, results, page = _measure_page(pools, meta, body, codes, text)
        (target / "measures" / f"{stem}.md").write_text(page, "utf-8")
        rows.append(f"### [{meta['title']}]({stem}.md)\n\n{body}\n\n{fields}\n\n{results}\n")
    listing = "\n".join(f"1. [{meta['title']}]({stem}.md)" for stem, meta, *_ in measures)
    report = "\n".join(rows).replace("](", "](measures/")
    files = {
        "index.md": f"# ข้อมูลสาธารณะ (OIT) ปี {fy}\n\n",
        "measures/index.md": f"# มาตรการ ปี {fy}\n\n{listing}\n",
        "report/index.md": f"# รายงานผล ปี {fy}\n\n"
        + report.replace("](measures/", "](../measures/"),
        "scores/index.md": f"# ผลคะแนน ปี {fy}\n\n| ตัวชี้วัด | คะแนน |\n|---|---|\n| o1 | 100 |\n",
    }
    for item in pools.catalogue.items:
        files["index.md"] += f"- [{item.code} {item.title}]({item.code}/index.md)\n"
        page = f"# {item.code} {item.title}\n\n{item.needs}\n\n"
        folder = source / item.code
        if item.made_from == "measures":
            page += listing.replace("](", "](../measures/") + "\n"
        elif item.made_from == "report":
            page += report.replace("](measures/", "](../measures/")
        elif (folder / "index.md").is_file():
            page += _disclosure_body(folder, target / item.code)
        else:
            page += "ยังไม่มีข้อมูลเผยแพร่\n"
        files[f"{item.code}/index.md"] = page
    for name, text in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, "utf-8")
    return len(files) + len(measures)
