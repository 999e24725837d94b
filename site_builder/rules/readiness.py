"""Assessor readiness: which OIT items would fail, and why, before the assessors look.

Assessors open the URL of each item and score it all or nothing. Each item is compared with its
rules in the year's catalogue (required elements, period rule, whether "nothing to report" is
accepted) and with what a program can see: documents' dates and periods, file types, links to
other hosts, empty pages. Plain Python: the CLI and the MkDocs plugin only present the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from site_builder import urls
from site_builder.labels import Digits, click_path, item_link, year_page_title
from site_builder.records.catalogue import Item
from site_builder.records.content import Disclosure, FiscalYear
from site_builder.rules import evidence


class Status(Enum):
    # Declared worst last: an item's status is the worst of its findings.
    READY = "ready"
    AT_RISK = "at_risk"
    NOT_READY = "not_ready"

    @property
    def thai(self) -> str:
        return {"ready": "พร้อม", "at_risk": "เสี่ยง", "not_ready": "ยังไม่พร้อม"}[self.value]

    @property
    def rank(self) -> int:
        return list(Status).index(self)


@dataclass(frozen=True)
class Finding:
    kind: str
    status: Status
    reason: str
    fix: str


@dataclass(frozen=True)
class ItemReadiness:
    code: str
    title: str
    url: str
    """Site-relative page URL (`ita/2568/o5/`)."""
    public_url: str
    """What to paste into ITAS: absolute when `site_url` is set, else root-relative."""
    click_path: str
    findings: tuple[Finding, ...]

    @property
    def status(self) -> Status:
        return max((f.status for f in self.findings), key=lambda s: s.rank, default=Status.READY)


@dataclass(frozen=True)
class YearReadiness:
    fiscal_year: int
    catalogue: str
    site_url: str | None
    items: tuple[ItemReadiness, ...]

    def count(self, status: Status) -> int:
        return sum(item.status is status for item in self.items)

    @property
    def ready_share(self) -> float:
        return self.count(Status.READY) / len(self.items) if self.items else 0.0

    @property
    def absolute_urls(self) -> bool:
        return bool(self.site_url)


def assess_year(
    year: FiscalYear, site_url: str | None = None, digits: Digits | None = None
) -> YearReadiness:
    # The click path is made of the link texts on the screen (site.labels, which the home page
    # and the OIT table print): the home page's link to the year's OIT table, then the item's
    # link in that table. tests/browser/test_click_path.py walks it link by link.
    year_title = year_page_title("year", year.year, digits or Digits())
    own_host = evidence.host_of(site_url) if site_url else ""
    items = []
    for item in year.catalogue.items:
        url = urls.item_url(year.year, item.code)
        items.append(
            ItemReadiness(
                code=item.code,
                title=item.title,
                url=url,
                public_url=urls.public(url, site_url),
                click_path=click_path(year_title, item_link(item.code, item.title)),
                findings=tuple(_ItemCheck(year, item, own_host).findings()),
            )
        )
    return YearReadiness(year.year, year.catalogue.id, site_url or None, tuple(items))


class _ItemCheck:
    """The findings of one item; each method adds the findings of one kind."""

    def __init__(self, year: FiscalYear, item: Item, own_host: str) -> None:
        self.year = year
        self.fy = year.year
        self.item = item
        self.own_host = own_host
        self.record_file = f"content/ita/{year.year}/{item.code}/index.md"
        self.found: list[Finding] = []

    def add(self, kind: str, status: Status, reason: str, fix: str) -> None:
        self.found.append(Finding(kind, status, reason, fix))

    def findings(self) -> list[Finding]:
        if self.item.made_from is not None:
            self._made_from_measures()
            return self.found
        disclosure = self.year.disclosures.get(self.item.code)
        if disclosure is None:
            self.add(
                "missing",
                Status.NOT_READY,
                "ยังไม่มีหน้าข้อมูลของรายการนี้",
                f"สร้างไฟล์ {self.record_file} แล้วใส่เนื้อหาหรือเอกสาร: {self.item.needs}",
            )
            return self.found
        if not self._has_content(disclosure):
            return self.found
        self._elements(disclosure)
        self._where(disclosure)
        self._period(disclosure)
        return self.found

    def _made_from_measures(self) -> None:
        measures = self.year.measures
        if not measures:
            self.add(
                "missing",
                Status.NOT_READY,
                "ยังไม่มีมาตรการของปีนี้ หน้านี้จึงว่าง",
                f"เพิ่มไฟล์มาตรการใน content/ita/{self.fy}/measures/",
            )
        elif self.item.made_from == "report":
            without = [m.id for m in measures if not m.record.results]
            if without:
                self.add(
                    "no_results",
                    Status.AT_RISK,
                    f"มาตรการ {len(without)} จาก {len(measures)} รายการยังไม่มีผลการดำเนินการ "
                    f"({', '.join(without[:5])}{' …' if len(without) > 5 else ''})",
                    "เพิ่ม results: ในไฟล์มาตรการเหล่านั้น",
                )

    def _has_content(self, disclosure: Disclosure) -> bool:
        """False (after a finding) when the page has nothing an assessor would accept."""
        record = disclosure.record
        has_body = bool(disclosure.body.strip())
        example = self.item.nothing_to_report
        if record.nothing_to_report is not None:
            if example is not None:
                return False  # stated explicitly where the rules accept it: ready
            alone = not has_body and not record.documents
            self.add(
                "statement_refused",
                Status.NOT_READY if alone else Status.AT_RISK,
                f"รายการ {self.item.code} ไม่รับข้อความแจ้งว่าไม่มีข้อมูล (nothing_to_report) "
                "ผู้ประเมินต้องเห็นข้อมูลจริง",
                f"ลบ nothing_to_report: ออก แล้วเผยแพร่ {self.item.needs}",
            )
            return not alone
        if has_body or record.documents:
            return True
        fix = f"เพิ่มเนื้อหาหรือเอกสารใน {self.record_file}: {self.item.needs}"
        if example is not None:
            fix += f' หากไม่มีข้อมูลจะรายงาน ให้เขียน nothing_to_report: "{example}"'
        self.add("empty", Status.NOT_READY, "หน้านี้ว่าง ไม่มีเนื้อหา เอกสาร หรือข้อความแจ้ง", fix)
        return False

    def _elements(self, disclosure: Disclosure) -> None:
        record = disclosure.record
        covered = set(record.covers).union(*(set(d.covers) for d in record.documents))
        missing = [e for e in self.item.elements if e.id not in covered]
        if not missing:
            return
        shown = "; ".join(f"{e.label} ({e.hint})" for e in missing)
        ids = ", ".join(e.id for e in missing)
        self.add(
            "missing_elements",
            Status.AT_RISK,
            f"ยังไม่ได้ระบุว่ามี: {shown}",
            f"เพิ่มสิ่งที่ขาดในเนื้อหาหรือเอกสาร แล้วระบุ covers: [{ids}] "
            "ที่เอกสารที่มีสิ่งนั้น หรือที่ส่วนหัวของหน้าถ้าอยู่ในเนื้อหาของหน้า",
        )

    def _body_counts(self, disclosure: Disclosure) -> bool:
        # The page's own text is evidence when it says what it covers (or the item lists no
        # elements); a page that only points elsewhere is not the agency's publication.
        if not disclosure.body.strip():
            return False
        return bool(disclosure.record.covers) or not self.item.elements

    def _own(self, url: str) -> bool:
        return bool(self.own_host) and evidence.host_of(url) == self.own_host

    def _where(self, disclosure: Disclosure) -> None:
        documents = disclosure.record.documents
        own_files = [d.file for d in documents if d.file is not None]
        own_links = [d.url for d in documents if d.url is not None and self._own(d.url)]
        body = self._body_counts(disclosure)
        external = [d.url for d in documents if d.url is not None and not self._own(d.url)]
        external += [url for url in evidence.links_in(disclosure.body) if not self._own(url)]
        if external and not (own_files or own_links or body):
            hosts = ", ".join(
                dict.fromkeys(evidence.describe_host(evidence.host_of(u)) for u in external)
            )
            self.add(
                "external_only",
                Status.AT_RISK,
                f"หลักฐานทั้งหมดอยู่นอกเว็บไซต์ของหน่วยงาน: {hosts} ผู้ประเมินมักไม่รับ "
                "เพราะต้องเข้าสู่ระบบ ถูกแก้ไข หรือหายไปได้",
                f"บันทึกเอกสารหรือภาพหน้าจอเป็นไฟล์ไว้ในโฟลเดอร์ {self.item.code} แล้วใส่ใน "
                "documents: (file:) หรือเขียนเนื้อหาไว้ในหน้านี้และระบุ covers:",
            )
        browsable = any(map(evidence.opens_in_browser, own_files))
        if own_files and not (own_links or body or browsable):
            self.add(
                "file_type",
                Status.AT_RISK,
                "เอกสารทุกฉบับเป็นไฟล์ที่เปิดในเบราว์เซอร์ไม่ได้ (เช่น Word หรือ Excel) "
                "ผู้ประเมินที่ใช้โทรศัพท์อาจเปิดไม่ได้",
                "แนบฉบับ PDF ของเอกสารเดียวกันไว้ด้วย",
            )

    def _period(self, disclosure: Disclosure) -> None:
        rule = self.item.period
        if rule == "any":
            return
        record = disclosure.record
        pieces = [(f'เอกสาร "{d.title}"', d.date, d.period) for d in record.documents]
        if self._body_counts(disclosure):
            pieces.append(("เนื้อหาในหน้านี้ (updated)", record.updated, None))
        if not pieces:
            return
        verdicts = [
            (label, evidence.judge_period(rule, self.fy, day, period))
            for label, day, period in pieces
        ]
        if any(v.fits for _, v in verdicts):
            return
        wanted = evidence.rule_text(rule, self.fy)
        wrong = [f"{label} {v.reason}" for label, v in verdicts if v.fits is False]
        if wrong:
            self.add(
                "wrong_period",
                Status.AT_RISK,
                f"{'; '.join(wrong)} แต่รายการนี้ต้องเป็นของ{wanted}",
                f"เผยแพร่ฉบับของ{wanted} แล้วแก้ date: และ period: ของเอกสารให้ตรง",
            )
            return
        what = "period: ของแผน" if rule == "plan" else "date: หรือ period: ของเอกสาร"
        self.add(
            "undated",
            Status.AT_RISK,
            f"ไม่ทราบว่าหลักฐานเป็นของช่วงเวลาใด รายการนี้ต้องเป็นของ{wanted}",
            f"ระบุ {what} (หรือ updated: ของหน้า) เพื่อให้ตรวจได้",
        )
