"""Limits on Markdown bodies, checked before MkDocs sees the text.

Python-Markdown recurses once per nested list level (300 levels end in a RecursionError that
takes `mkdocs build` down) and scans to the end of the paragraph for every `[` that is never
closed (40,000 of them take minutes). Both are refused here, with the line, as are characters a
reader cannot see (control characters, bidi overrides) and element ids the theme reserves for
itself (`id="__config"` would replace Material's runtime configuration).
"""

from __future__ import annotations

import html
import re

MAX_NESTING = 10
# Characters Python-Markdown may read for brackets in one file (about half a second).
MAX_BRACKET_SCAN = 1_000_000
_BRACKET = re.compile(r"\\.|[\[\]]")

# C0 and C1 controls other than tab and line feed (CR is gone by now), and bidi embeddings,
# overrides and isolates, which make text read in another order than it is stored.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_QUOTE_PREFIX = re.compile(r"[ >]*")
_LIST_ITEM = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_RESERVED_ID = re.compile(
    r"""\b(?:id|name|for|form|list|aria-[a-z]+)\s*=\s*["']?\s*__|\{[^}\n]{0,200}#__""",
    re.IGNORECASE,
)

Problem = tuple[int, str, str]


def first_problem(lines: list[str], start: int = 0) -> Problem | None:
    """(line, Thai, English) of the first line from `lines[start]` (the body: front matter is
    the schema's business) that is over a limit, or None."""
    brackets = _BracketCost()
    for index in range(start, len(lines)):
        line, number = lines[index], index + 1
        if not line.strip():
            brackets.end_paragraph()
        else:
            problem = _character_problem(line, number) or _nesting_problem(line, number)
            if problem is not None:
                return problem
            brackets.add(line, number)
        if brackets.cost > MAX_BRACKET_SCAN:
            return (
                brackets.worst_line,
                "วงเล็บเหลี่ยม [ ที่ไม่ได้ปิดด้วย ] หรือครอบข้อความยาวเกินไป (ทำให้สร้างเว็บไซต์ช้ามาก) "
                "ให้ปิดวงเล็บให้ครบ หรือเขียนเป็น \\[ ถ้าต้องการแสดงเครื่องหมาย [",
                "square brackets [ left open or spanning too much text (the build would take "
                "minutes); close them, or write \\[ for a literal [",
            )
    brackets.end_paragraph()
    if brackets.cost > MAX_BRACKET_SCAN:
        return (
            brackets.worst_line,
            "วงเล็บเหลี่ยม [ ที่ไม่ได้ปิดด้วย ] หรือครอบข้อความยาวเกินไป (ทำให้สร้างเว็บไซต์ช้ามาก) "
            "ให้ปิดวงเล็บให้ครบ หรือเขียนเป็น \\[ ถ้าต้องการแสดงเครื่องหมาย [",
            "square brackets [ left open or spanning too much text (the build would take "
            "minutes); close them, or write \\[ for a literal [",
        )
    return None


class _BracketCost:
    """What Python-Markdown's link pattern will read: for every `[`, the text up to its `]`, or
    to the end of the paragraph when it is never closed (measured: 0.6 s per megabyte read)."""

    def __init__(self) -> None:
        self.cost = 0
        self.offset = 0
        self.open: list[tuple[int, int]] = []
        self.worst_line = 1
        self.worst = -1

    def add(self, line: str, number: int) -> None:
        if "[" in line or "]" in line:
            for match in _BRACKET.finditer(line):
                position = self.offset + match.start()
                if match.group() == "[":
                    self.open.append((position, number))
                elif match.group() == "]" and self.open:
                    opened, opened_line = self.open.pop()
                    self._charge(position - opened, opened_line)
        self.offset += len(line) + 1

    def end_paragraph(self) -> None:
        for opened, opened_line in self.open:
            self._charge(self.offset - opened, opened_line)
        self.open, self.offset = [], 0

    def _charge(self, read: int, line: int) -> None:
        self.cost += read
        if read > self.worst:
            self.worst, self.worst_line = read, line


def _character_problem(line: str, number: int) -> Problem | None:
    control = _CONTROL.search(line)
    if control:
        code = f"U+{ord(control.group()):04X}"
        return (
            number,
            f"มีอักขระควบคุม {code} ซึ่งมองไม่เห็น ให้ลบออก",
            f"control character {code}; remove it",
        )
    if _BIDI.search(line):
        return (
            number,
            "มีอักขระกลับทิศทางข้อความ (bidi override) ซึ่งทำให้ข้อความแสดงต่างจากที่เขียน ให้ลบออก",
            "bidi override character: the text would show in another order; remove it",
        )
    if ("__" in line or "&" in line) and _RESERVED_ID.search(html.unescape(line)):
        return (
            number,
            'ห้ามใช้ id หรือ name ที่ขึ้นต้นด้วย "__" ในเนื้อหา เพราะสงวนไว้สำหรับธีมของเว็บไซต์',
            'ids and names starting with "__" are reserved for the theme',
        )
    return None


def _nesting_problem(line: str, number: int) -> Problem | None:
    if "\t" in line:
        line = line.expandtabs(4)
    prefix = _QUOTE_PREFIX.match(line).group()
    quotes = prefix.count(">")
    # The indentation after the last `>` (and the one space that belongs to it).
    indent = len(prefix) - prefix.rfind(">") - 1 - (1 if quotes and prefix.endswith(" ") else 0)
    item = _LIST_ITEM.match(line, len(prefix))
    depth = quotes + (max(indent, 0) // 4 + 1 if item else 0)
    if depth > MAX_NESTING:
        return (
            number,
            f"รายการหรือข้อความอ้างอิงซ้อนกันเกิน {MAX_NESTING} ชั้น ให้ลดระดับการย่อหน้า",
            f"lists or quotes nested more than {MAX_NESTING} levels; indent less",
        )
    return None
