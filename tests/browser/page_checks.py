"""What a person checks that axe-core does not: each function runs in the page and returns the
problems it finds, one readable line each (an empty list means the page passes).

- content images carry real alt text (not empty, not a file name);
- link text says where the link goes (no "คลิกที่นี่" / "click here", no bare URL for a page of
  the site);
- a link to a document names its type and its size;
- headings: exactly one h1, and no level skipped on the way down.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import REPO

AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_IMAGES = """() => [...document.querySelectorAll("img")].flatMap((img) => {
  const alt = (img.getAttribute("alt") || "").trim();
  const file = decodeURIComponent(new URL(img.src, location.href).pathname.split("/").pop());
  if (!alt) return [`รูปไม่มีคำอธิบาย (no alt text): ${file}`];
  const camera = /^(img|dsc)[_-]?\\d+/i.test(alt);
  if (alt === file || camera || /\\.(png|jpe?g|gif|webp|svg|avif)$/i.test(alt))
    return [`คำอธิบายรูปเป็นชื่อไฟล์ (alt is a file name): ${alt}`];
  return [];
})"""

_VAGUE = [
    "คลิก",
    "คลิกที่นี่",
    "คลิกเลย",
    "ที่นี่",
    "อ่านต่อ",
    "เพิ่มเติม",
    "ดูเพิ่มเติม",
    "ลิงก์",
    "click",
    "click here",
    "here",
    "more",
    "read more",
    "link",
]

_LINKS = """(vague) => [...document.querySelectorAll("a[href]")].flatMap((a) => {
  const text = (a.getAttribute("aria-label") || a.innerText || "").replace(/\\s+/g, " ").trim();
  const target = new URL(a.href, location.href);
  if (!text && !a.querySelector("img[alt]:not([alt=''])") && !a.title)
    return [`ลิงก์ไม่มีข้อความ (link without text): ${a.getAttribute("href")}`];
  if (vague.includes(text.toLowerCase()))
    return [`ข้อความลิงก์ไม่บอกปลายทาง (vague link text): "${text}" → ${a.getAttribute("href")}`];
  const own = target.origin === location.origin || target.protocol === "file:";
  if (own && /^(https?:\\/\\/|www\\.|\\/|\\.\\.?\\/)/i.test(text))
    return [`ข้อความลิงก์เป็น URL (URL as link text): "${text}"`];
  return [];
})"""

# Files that a reader downloads rather than reads as a page. Office files and PDFs must state
# their size too (a phone on a slow link decides by it); data files must at least say their type.
DOCUMENT_TYPES = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "xls": "Excel",
    "xlsx": "Excel",
    "ppt": "PowerPoint",
    "pptx": "PowerPoint",
    "odt": "OpenDocument",
    "ods": "OpenDocument",
    "zip": "ZIP",
}
DATA_TYPES = {"csv": "CSV", "json": "JSON", "xml": "XML"}

_DOCUMENTS = """([documents, data]) => [...document.querySelectorAll("a[href]")].flatMap((a) => {
  const url = new URL(a.href, location.href);
  const ext = (url.pathname.match(/\\.([a-z0-9]+)$/i) || [])[1];
  const kind = ext && (documents[ext.toLowerCase()] || data[ext.toLowerCase()]);
  if (!kind) return [];
  // The link's text and what follows it up to the next link: "(PDF, 3 KB, 15 ม.ค. 2568)".
  let said = a.innerText;
  for (let node = a.nextSibling; node && said.length < 200; node = node.nextSibling) {
    if (node.nodeType === 1 && (node.matches("a") || node.querySelector("a"))) break;
    said += " " + node.textContent;
  }
  const problems = [];
  if (!said.includes(kind)) problems.push(`ไม่บอกชนิดไฟล์ ${kind} (type not named)`);
  if (documents[ext.toLowerCase()] && !/\\d+(\\.\\d+)?\\s*(KB|MB|GB|ไบต์|กิโลไบต์|เมกะไบต์)/.test(said))
    problems.push("ไม่บอกขนาดไฟล์ (size not named)");
  return problems.map((p) => `${p}: ${a.getAttribute("href")}`);
})"""

_HEADINGS = """() => {
  const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((h) => !h.closest(".md-search-result"))
    .map((h) => [Number(h.tagName[1]), h.innerText.trim().slice(0, 60)]);
  const problems = [];
  const h1 = levels.filter(([level]) => level === 1).length;
  if (h1 !== 1) problems.push(`มี h1 ${h1} หัวข้อ ต้องมีหนึ่งเดียว (${h1} h1 headings, need exactly one)`);
  let previous = 0;
  for (const [level, text] of levels) {
    if (level > previous + 1)
      problems.push(`ข้ามระดับหัวข้อ h${previous} → h${level} (skipped level): ${text}`);
    previous = level;
  }
  return problems;
}"""


# Whatever search box the pages have (Material's, or the site's own Thai search in its place).
SEARCH_BOX = ".md-search__input, input[type=search]"
SEARCH_OPENER = "label.md-header__button[for=__search]"
SEARCH_RESULT = ".md-search-result__item, .md-search-result__list > li"


def search_with_results(page: Page, queries: tuple[str, ...]) -> bool:
    """Open the search (on a phone it opens from the header) and type the first of `queries`
    that shows results. False when the page has no search box at all."""
    box = page.locator(SEARCH_BOX).first
    if box.count() == 0:
        return False
    opener = page.locator(SEARCH_OPENER).first
    if opener.count() and opener.is_visible():
        opener.click()
    for query in queries:
        box.fill("")
        box.press_sequentially(query)
        try:
            page.locator(SEARCH_RESULT).first.wait_for(timeout=4000)
            break
        except PlaywrightTimeoutError:
            continue
    return True


def image_problems(page: Page) -> list[str]:
    return page.evaluate(_IMAGES)


def link_problems(page: Page) -> list[str]:
    return page.evaluate(_LINKS, _VAGUE)


def document_link_problems(page: Page) -> list[str]:
    return page.evaluate(_DOCUMENTS, [DOCUMENT_TYPES, DATA_TYPES])


def heading_problems(page: Page) -> list[str]:
    return page.evaluate(_HEADINGS)


def page_problems(page: Page) -> list[str]:
    """Every check above, plus the page's language."""
    problems = []
    if page.evaluate("document.documentElement.lang") != "th":
        problems.append('ภาษาของหน้าไม่ใช่ lang="th" (page language is not th)')
    for check in (image_problems, link_problems, document_link_problems, heading_problems):
        problems.extend(check(page))
    return problems


def axe_violations(page: Page, axe_js: Path = AXE_JS) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now, one line per node."""
    if not axe_js.is_file():
        raise AssertionError(f"ไม่พบ {axe_js}: รัน `make test` หรือ `npm ci` ก่อน (run npm ci first)")
    page.add_script_tag(path=str(axe_js))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node['failureSummary']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]
