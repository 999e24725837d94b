"""Cleaning the cells of a report: HTML left-overs, stray spaces, lists.

The report's text went through a web editor and then through PDF text extraction. Cells carry
`<ul>`, `<ol>`, `<li>`, `<p>` tags (with attributes), lists written inline (`๑. ... ๒. ...`,
`- ... - ...`), and spaces wherever the PDF wrapped a line, also in the middle of Thai words.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from site_builder import thai

_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
# Tags that start a new line of their own; any other tag (span, b, font, ...) just vanishes.
_BLOCK_TAGS = {"p", "div", "br", "tr", "td", "th", "table", "blockquote", "h1", "h2", "h3", "h4"}
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_THAI = "\u0e01-\u0e4f"
# Thai letters that cannot begin a word (following vowels, tone marks) or end one (leading
# vowels): a space before the first kind or after the second is always a PDF line wrap.
_SPACE_BEFORE_FOLLOWING_VOWEL = re.compile(f"(?<=[{_THAI}]) (?=[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e])")
_SPACE_AFTER_LEADING_VOWEL = re.compile(f"(?<=[\u0e40-\u0e44]) (?=[{_THAI}])")
_SPACE_AROUND_SLASH = re.compile(f"(?<=[{_THAI}]) ?/ ?(?=[{_THAI}])")
# "E- Service", "e- GP": a single letter and its hyphen cut from the rest of the word.
_SPLIT_LATIN_PREFIX = re.compile(r"(?<![A-Za-z])([A-Za-z])- (?=[A-Za-z])")

_DASH_START = re.compile(r"^[-–•●▪◦*]\s*")
_DASH_MARK = re.compile(r"\s[-–•●▪◦]\s+")
_NUMBER_MARK = re.compile(r"(?:(?<=\s)|^)([0-9๐-๙]{1,2})\s?[.)](?![0-9๐-๙])\s*(?=\S)")
_LEADING_MARK = re.compile(r"^(?:[-–•●▪◦*]|[0-9๐-๙]{1,2}[.)])\s+")
# Markdown would read these at the start of a line as structure (heading, quote, list, ...).
_MARKDOWN_START = re.compile(r"^([#>+*=|-]|[0-9]+[.)])")

# Compound words that a PDF line wrap splits and that never hold a space of their own. Used to
# rejoin "สำนัก ปลัดเทศบาล" and "หน่วย ตรวจสอบ ภายใน"; the year's catalogue adds its phrases.
KNOWN_WORDS = (
    "สำนักปลัด",
    "ปลัดเทศบาล",
    "ปลัดองค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "เทศบัญญัติ",
    "ข้อบัญญัติ",
    "งบประมาณ",
    "รายจ่าย",
    "หน่วยงาน",
    "หน่วยตรวจสอบภายใน",
    "ตรวจสอบ",
    "กองคลัง",
    "กองช่าง",
    "กองการศึกษา",
    "กองสาธารณสุข",
    "กองสวัสดิการสังคม",
    "กองยุทธศาสตร์",
    "ผู้รับผิดชอบ",
    "ผู้บังคับบัญชา",
    "ผู้บริหาร",
    "ผู้รับบริการ",
    "ผู้มาติดต่อ",
    "เจ้าหน้าที่",
    "เว็บไซต์",
    "ประชาสัมพันธ์",
    "จัดซื้อจัดจ้าง",
    "ทรัพยากรบุคคล",
    "ทรัพย์สิน",
    "ประมวลจริยธรรม",
    "จริยธรรม",
    "ดุลยพินิจ",
    "หอกระจายข่าว",
    "แนวทาง",
    "ปฏิบัติงาน",
    "ปฏิบัติการ",
    "ดำเนินงาน",
    "ดำเนินการ",
    "ร้องเรียน",
    "ประพฤติมิชอบ",
    "ทุจริต",
    "ความเสี่ยง",
    "ความโปร่งใส",
    "คุณธรรม",
    "สะดวก",
    "รวดเร็ว",
    "สะดวกรวดเร็ว",
    "ข้อมูลข่าวสาร",
    "มาตรการ",
    "ยุทธศาสตร์",
    "บุคลากร",
    "ช่องทาง",
    "ประโยชน์",
    "ราชการ",
    "ภายใน",
    "ภายนอก",
    "ท้องถิ่น",
    "สาธารณชน",
    "คู่มือ",
    "ป้องกัน",
    "ส่งเสริม",
    "ขับเคลื่อน",
)


@dataclass
class Vocabulary:
    """What is known to be written without spaces: compound words and the catalogue's phrases."""

    words: tuple[str, ...] = KNOWN_WORDS
    phrases: list[str] = field(default_factory=list)

    @classmethod
    def with_phrases(cls, texts: Iterable[str]) -> Vocabulary:
        phrases = [run for text in texts for run in thai.normalize_thai(text).split() if run]
        return cls(phrases=phrases)

    def joins(self, left: str, right: str) -> bool:
        """Whether the space between two Thai runs is a PDF line wrap inside a word."""
        pair = left + right
        if len(pair) >= 6 and any(pair in phrase for phrase in self.phrases):
            return True
        return any(self._straddles(word, left, right) for word in self.words)

    @staticmethod
    def _straddles(word: str, left: str, right: str) -> bool:
        # The word runs across the space: its head ends `left`, and `right` continues it
        # (to its end, or `right` is a middle piece when the word was cut more than once).
        for cut in range(2, len(word) - 1):
            head, tail = word[:cut], word[cut:]
            continues = right.startswith(tail) or tail.startswith(right)
            if left.endswith(head) and continues and min(len(tail), len(right)) >= 2:
                return True
        return False


def strip_html(text: str) -> str:
    """Tags removed, entities decoded; `<p>`, `<br>`, `<li>` start new lines, and each `<li>`
    gets a list marker ("1." inside `<ol>`, "-" otherwise)."""
    out: list[str] = []
    # The open <ul>/<ol>, innermost last, with the number of items seen in each.
    open_lists: list[tuple[str, int]] = []
    position = 0
    for match in _TAG.finditer(text):
        out.append(text[position : match.start()])
        position = match.end()
        closing, name = match[1] == "/", match[2].lower()
        if name in ("ul", "ol"):
            if closing and open_lists:
                open_lists.pop()
            elif not closing:
                open_lists.append((name, 0))
            out.append("\n")
        elif name == "li" and not closing:
            if open_lists and open_lists[-1][0] == "ol":
                number = open_lists[-1][1] + 1
                open_lists[-1] = ("ol", number)
                out.append(f"\n{number}. ")
            else:
                out.append("\n- ")
        elif name == "li" or name in _BLOCK_TAGS:
            out.append("\n")
    out.append(text[position:])
    return html.unescape("".join(out))


def normalize_line(text: str) -> str:
    """NFC Thai, one space between words, no spaces at the ends."""
    return _SPACES.sub(" ", thai.normalize_thai(text)).strip()


def remove_stray_spaces(text: str, vocabulary: Vocabulary) -> str:
    """Spaces a PDF line wrap put inside words, removed where that is certain enough."""
    text = _SPACE_BEFORE_FOLLOWING_VOWEL.sub("", text)
    text = _SPACE_AFTER_LEADING_VOWEL.sub("", text)
    text = _SPACE_AROUND_SLASH.sub("/", text)
    text = _SPLIT_LATIN_PREFIX.sub(r"\1-", text)
    runs = text.split(" ")
    joined = [runs[0]]
    for run in runs[1:]:
        last = joined[-1]
        thai_edge = last and run and _is_thai(last[-1]) and _is_thai(run[0])
        if thai_edge and vocabulary.joins(last, run):
            joined[-1] = last + run
        else:
            joined.append(run)
    return " ".join(joined)


def _is_thai(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e4f"


def clean_inline(text: str, vocabulary: Vocabulary) -> str:
    """A one-line field (title, period): tags and line breaks become spaces."""
    return remove_stray_spaces(normalize_line(strip_html(text).replace("\n", " ")), vocabulary)


@dataclass
class ListedText:
    """A cell read as paragraphs before a list, and the list's items."""

    intro: list[str]
    items: list[str]
    numbered: bool


def split_items(text: str, vocabulary: Vocabulary) -> ListedText:
    """Paragraphs and list items of a cell (HTML already turned into lines by strip_html)."""
    pieces: list[tuple[str | None, str]] = []
    for paragraph in strip_html(text).split("\n"):
        paragraph = normalize_line(paragraph)
        if paragraph:
            pieces.extend(_split_paragraph(paragraph))
    intro: list[str] = []
    items: list[str] = []
    numbered = False
    for kind, piece in pieces:
        piece = remove_stray_spaces(piece, vocabulary)
        if not piece:
            continue
        if kind is None and not items:
            intro.append(piece)
            continue
        if not items:
            numbered = kind == "number"
        items.append(piece)
    return ListedText(intro, items, numbered)


def _split_paragraph(paragraph: str) -> list[tuple[str | None, str]]:
    """("dash" | "number" | None, text) pieces of one paragraph with an inline list."""
    if _DASH_START.match(paragraph):
        return [("dash", item) for item in _split_dashes(_DASH_START.sub("", paragraph, count=1))]
    marks = _numbered_marks(paragraph)
    if not marks:
        return [(None, paragraph)]
    pieces: list[tuple[str | None, str]] = []
    if marks[0][0] > 0:
        pieces.append((None, paragraph[: marks[0][0]].strip()))
    for index, (_, text_start) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else len(paragraph)
        pieces.append(("number", paragraph[text_start:end].strip()))
    return [piece for piece in pieces if piece[1]]


def _numbered_marks(paragraph: str) -> list[tuple[int, int]]:
    """(start of marker, start of item text) of an inline numbered list, else [].

    The numbers must run 1, 2, 3 ... (from any number when the paragraph starts with one, as
    a Word list split into paragraphs does): "พ.ศ. ๒๕๖๘" or "๙๙.๔๒" never start a list.
    """
    found = [
        (int(thai.to_arabic_digits(m[1])), m.start(), m.end())
        for m in _NUMBER_MARK.finditer(paragraph)
    ]
    if not found:
        return []
    if found[0][1] == 0:
        expected = found[0][0]
    else:
        ones = [mark for mark in found if mark[0] == 1]
        if not ones:
            return []
        expected = 1
        found = found[found.index(ones[0]) :]
    marks: list[tuple[int, int]] = []
    for number, start, text_start in found:
        if number == expected:
            marks.append((start, text_start))
            expected += 1
    if len(marks) < 2 and marks and marks[0][0] != 0:
        return []
    return marks


def _split_dashes(text: str) -> list[str]:
    """Items of "a - b - c", except where the dash joins two months ("ม.ค. - มี.ค.")."""
    items: list[str] = []
    start = 0
    for match in _DASH_MARK.finditer(text):
        before = text[start : match.start()].split()
        after = text[match.end() :].split()
        if before and after and _is_month_range(before[-1], after[0]):
            continue
        items.append(text[start : match.start()])
        start = match.end()
    items.append(text[start:])
    return [item.strip() for item in items if item.strip()]


def _is_month_range(left: str, right: str) -> bool:
    return (thai.parse_month(left) is not None or left[-1:].isdigit()) and (
        thai.parse_month(right) is not None
    )


def list_items(text: str, vocabulary: Vocabulary) -> list[str]:
    """Every paragraph and item of a cell as one list (the results column)."""
    listed = split_items(text, vocabulary)
    return [_without_mark(item) for item in listed.intro + listed.items]


def _without_mark(item: str) -> str:
    # "<li>๑. ..." carries a marker from the tag and one typed by hand: the item keeps neither.
    return _LEADING_MARK.sub("", item, count=1)


def steps_markdown(text: str, vocabulary: Vocabulary) -> str:
    """The steps column as the Markdown body: paragraphs, then a `-` or `1.` list."""
    listed = split_items(text, vocabulary)
    blocks = [_markdown_text(paragraph) for paragraph in listed.intro]
    if listed.items:
        lines = []
        for number, item in enumerate(listed.items, start=1):
            marker = f"{number}." if listed.numbered else "-"
            lines.append(f"{marker} {_markdown_text(_without_mark(item))}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _markdown_text(text: str) -> str:
    # Report text is plain text: nothing in it may become a heading, a list or an HTML tag.
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)
    return _MARKDOWN_START.sub(r"\\\1", text)


_GENERIC_UNITS = {"กอง", "หน่วย", "งาน", "ฝ่าย", "สำนัก", "ส่วน"}


def responsible_units(text: str, vocabulary: Vocabulary) -> list[str]:
    """The responsible column: one unit, or several separated by "/" or by lines.

    "กองคลัง/หน่วยตรวจสอบภายใน" names two units; "ทุกสำนัก/กอง/หน่วย" ("every division,
    section and unit") is one phrase, so it stays whole when a part is a bare generic word.
    """
    units: list[str] = []
    for line in list_items(text, vocabulary):
        parts = [part.strip() for part in line.split("/")]
        generic = any(part in _GENERIC_UNITS for part in parts) or parts[0].startswith("ทุก")
        if len(parts) > 1 and all(parts) and not generic:
            units.extend(parts)
        else:
            units.append(line)
    return units
