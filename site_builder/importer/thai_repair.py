"""Thai text as PDF extraction damages it, repaired, with every repair counted and reported.

What goes wrong, and where each repair is made:

- Older Thai fonts draw shifted tone marks and vowels with glyphs in the Private Use Area
  (U+F700-U+F71A on Windows, U+F880-U+F89E on the Mac); text copied from them carries those
  code points. `PUA_GLYPHS` maps each back to its Thai letter.
- SARA AM comes out doubled (`ดำาเนินการ`: the AM and the AA it contains) or split into
  NIKHAHIT + SARA AA; either way it becomes the one letter U+0E33.
- A tone mark extracted before its vowel (`ท่ี`) is put after it, where Thai spelling has it.
- The same mark twice on one letter (`ผ้้รับผิดชอบ`, SARA UU read as MAI THO) cannot be
  Thai: the first one is replaced by the vowel that makes a dictionary word (pythainlp's word
  list), or, when no vowel does, kept as it is and left to a person.
- A mark drawn out of order (`ผลสัมฤทธิในการ ์`: the THANTHAKHAT after the next words) is put
  back after the letter it is drawn over; that needs the glyphs' positions, so the PDF reader
  calls `mark_placement_repair` with them.

A repair is `routine` when the result is certain; the others are warnings a person must read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol, TypeVar

# Microsoft's and Apple's Private Use Area forms of Thai glyphs, and the letter each one draws
# (the PUA fallback of Thai shaping: shifted down, left, down-left, descender removed).
PUA_GLYPHS: dict[str, str] = {
    "\uf700": "\u0e10",
    "\uf701": "\u0e34",
    "\uf702": "\u0e35",
    "\uf703": "\u0e36",
    "\uf704": "\u0e37",
    "\uf705": "\u0e48",
    "\uf706": "\u0e49",
    "\uf707": "\u0e4a",
    "\uf708": "\u0e4b",
    "\uf709": "\u0e4c",
    "\uf70a": "\u0e48",
    "\uf70b": "\u0e49",
    "\uf70c": "\u0e4a",
    "\uf70d": "\u0e4b",
    "\uf70e": "\u0e4c",
    "\uf70f": "\u0e0d",
    "\uf710": "\u0e31",
    "\uf711": "\u0e4d",
    "\uf712": "\u0e47",
    "\uf713": "\u0e48",
    "\uf714": "\u0e49",
    "\uf715": "\u0e4a",
    "\uf716": "\u0e4b",
    "\uf717": "\u0e4c",
    "\uf718": "\u0e38",
    "\uf719": "\u0e39",
    "\uf71a": "\u0e3a",
    "\uf884": "\u0e31",
    "\uf885": "\u0e34",
    "\uf886": "\u0e35",
    "\uf887": "\u0e36",
    "\uf888": "\u0e37",
    "\uf889": "\u0e47",
    "\uf88a": "\u0e48",
    "\uf88b": "\u0e48",
    "\uf88c": "\u0e48",
    "\uf88d": "\u0e49",
    "\uf88e": "\u0e49",
    "\uf88f": "\u0e49",
    "\uf890": "\u0e4a",
    "\uf891": "\u0e4a",
    "\uf892": "\u0e4a",
    "\uf893": "\u0e4b",
    "\uf894": "\u0e4b",
    "\uf895": "\u0e4b",
    "\uf896": "\u0e4c",
    "\uf897": "\u0e4c",
    "\uf898": "\u0e4c",
    "\uf899": "\u0e4d",
    "\uf89a": "\u0e0d",
    "\uf89b": "\u0e38",
    "\uf89c": "\u0e39",
    "\uf89d": "\u0e3a",
    "\uf89e": "\u0e10",
}

# What each kind of repair is called, in Thai and English, and whether it is certain.
KINDS: dict[str, tuple[str, str, bool]] = {
    "pua": (
        "อักษรจากฟอนต์ไทยรุ่นเก่า (รหัส PUA) แปลงเป็นอักษรไทยมาตรฐาน",
        "private-use-area glyph of an older Thai font mapped to its Thai letter",
        True,
    ),
    "sara-am": ("สระอำซ้ำหรือแยกเป็นสองตัว (ดำา → ดำ)", "SARA AM doubled or split", True),
    "mark-order": (
        "วรรณยุกต์อยู่ก่อนสระ สลับให้ถูกลำดับ",
        "tone mark extracted before its vowel, put after it",
        True,
    ),
    "mark-doubled": (
        "เครื่องหมายซ้ำบนอักษรตัวเดียว แก้ตัวแรกเป็นสระที่ทำให้เป็นคำในพจนานุกรม",
        "the same mark twice on one letter; the first one replaced by the vowel that makes a word",
        True,
    ),
    "mark-doubled-unsure": (
        "เครื่องหมายซ้ำบนอักษรตัวเดียว หาคำที่ถูกต้องไม่ได้ โปรดแก้เอง",
        "the same mark twice on one letter and no vowel makes a word; please correct it",
        False,
    ),
    "mark-placement": (
        "สระหรือวรรณยุกต์หลุดจากตำแหน่ง ย้ายกลับไปที่อักษรที่อยู่ใต้",
        "a mark drawn away from its letter, put back after the letter it is drawn over",
        True,
    ),
}


@dataclass
class Repair:
    """One repair: its kind (a key of KINDS), the text before and after, where it was."""

    kind: str
    before: str
    after: str
    line: int = 0
    page: int | None = None

    @property
    def routine(self) -> bool:
        return KINDS[self.kind][2]

    @property
    def thai(self) -> str:
        return f"{KINDS[self.kind][0]}: “{self.before}” → “{self.after}”"

    @property
    def english(self) -> str:
        return f"{KINDS[self.kind][1]}: “{self.before}” → “{self.after}”"


_PUA = re.compile("[" + "".join(PUA_GLYPHS) + "]")
_CONSONANT = "\u0e01-\u0e2e"
_TONE = "\u0e48-\u0e4b"
_UPPER_VOWEL = "\u0e31\u0e34-\u0e37"
_LOWER_VOWEL = "\u0e38\u0e39"
# The AM with the AA it already contains written again, or NIKHAHIT + AA (a tone may sit between).
_SARA_AM = re.compile(f"\u0e33\u0e32|\u0e4d([{_TONE}]?)\u0e32")
_TONE_BEFORE_VOWEL = re.compile(f"([{_TONE}\u0e4c])([{_UPPER_VOWEL}{_LOWER_VOWEL}])")
_DOUBLED_MARK = re.compile(f"([{_CONSONANT}])([{_TONE}\u0e4c])\\2")
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
# Vowels the first of two equal marks may really be: below the letter, then above it.
_VOWEL_GUESSES = "\u0e39\u0e38\u0e35\u0e34\u0e37\u0e36\u0e31"
# A repaired text is shown with this many characters of context on each side.
_CONTEXT = 6


def _shown(text: str, start: int, end: int) -> str:
    left, right = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    # Never cut between a letter and its marks: a mark alone shows as a dotted circle.
    while left > 0 and unicodedata.category(text[left]) == "Mn":
        left -= 1
    while right < len(text) and unicodedata.category(text[right]) == "Mn":
        right += 1
    return text[left:right].strip()


def repair_text(text: str) -> tuple[str, list[Repair]]:
    """The text with every certain repair made, and one Repair for each (uncertain ones too)."""
    repairs: list[Repair] = []
    if not any("\u0e00" <= char <= "\u0e7f" or "\uf700" <= char <= "\uf8ff" for char in text):
        return text, repairs
    for kind, pattern, replace in _SUBSTITUTIONS:
        text = _substitute(text, kind, pattern, replace, repairs)
    text = _doubled_marks(text, repairs)
    return unicodedata.normalize("NFC", text), repairs


def _substitute(
    text: str, kind: str, pattern: re.Pattern[str], replace: object, repairs: list[Repair]
) -> str:
    out: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        new = replace(match) if callable(replace) else str(replace)
        out.append(text[position : match.start()])
        before = _shown(text, match.start(), match.end())
        out.append(new)
        position = match.end()
        after_text = "".join(out) + text[position:]
        after = _shown(after_text, match.start(), match.start() + len(new))
        repairs.append(Repair(kind, before, after))
    out.append(text[position:])
    return "".join(out)


_SUBSTITUTIONS: tuple[tuple[str, re.Pattern[str], object], ...] = (
    ("pua", _PUA, lambda match: PUA_GLYPHS[match[0]]),
    ("sara-am", _SARA_AM, lambda match: (match[1] or "") + "\u0e33"),
    ("mark-order", _TONE_BEFORE_VOWEL, lambda match: match[2] + match[1]),
)


@cache
def _words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _covering_word(run: str, position: int) -> str:
    """The word of `run` that holds `position`, as pythainlp's newmm cuts the run."""
    from pythainlp.tokenize import word_tokenize

    offset = 0
    for token in word_tokenize(run, engine="newmm", keep_whitespace=False):
        if offset <= position < offset + len(token):
            return token
        offset += len(token)
    return ""


def _doubled_marks(text: str, repairs: list[Repair]) -> str:
    for match in list(_DOUBLED_MARK.finditer(text)):
        run_match = next(
            run for run in _THAI_RUN.finditer(text) if run.start() <= match.start() < run.end()
        )
        run, at = run_match[0], match.start() - run_match.start() + 1
        best: tuple[int, str] | None = None
        for vowel in _VOWEL_GUESSES:
            candidate = run[:at] + vowel + run[at + 1 :]
            word = _covering_word(unicodedata.normalize("NFC", candidate), at)
            # The word must reach beyond the damaged letter: alone, "ฮู้" proves nothing.
            if word in _words() and len(word) > 3 and (best is None or len(word) > best[0]):
                best = (len(word), candidate)
        before = _shown(text, match.start(), match.end())
        if best is None:
            repairs.append(Repair("mark-doubled-unsure", before, before))
            continue
        text = text[: run_match.start()] + best[1] + text[run_match.end() :]
        after = _shown(unicodedata.normalize("NFC", text), match.start(), match.end())
        repairs.append(Repair("mark-doubled", before, after))
    return text


class Glyph(Protocol):
    """A character with its box on the page (the PDF reader's characters)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


_MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)


G = TypeVar("G", bound=Glyph)


def mark_placement_repair(chars: list[G], page: int) -> tuple[list[G], list[Repair]]:
    """Marks that the PDF draws after later letters, moved back after the letter under them.

    A mark belongs to the letter it is drawn over; when the glyph drawn just before it is not
    that letter (it stands to the right, or is a space), the mark is moved behind the nearest
    earlier letter on the same line whose box holds the mark's centre.
    """
    out = list(chars)
    repairs: list[Repair] = []
    index = 0
    while index < len(out):
        char = out[index]
        if char.text in _MARKS and index > 0 and not _over(char, out[index - 1]):
            target = _letter_under(out, index)
            if target is not None:
                before = "".join(c.text for c in out[max(0, target - 3) : index + 1])
                del out[index]
                out.insert(target + 1, char)
                after = "".join(c.text for c in out[max(0, target - 3) : index + 1])
                repairs.append(Repair("mark-placement", before.strip(), after.strip(), page=page))
        index += 1
    return out, repairs


def _over(mark: Glyph, letter: Glyph) -> bool:
    if not letter.text or letter.text.isspace():
        return False
    centre = (mark.x0 + mark.x1) / 2
    # Marks hang a little to the left of narrow letters: allow half a mark's width.
    slack = (mark.x1 - mark.x0) / 2 + 0.5
    return letter.x0 - slack <= centre <= letter.x1 + slack


def _letter_under(chars: Sequence[Glyph], index: int) -> int | None:
    mark = chars[index]
    for position in range(index - 1, max(-1, index - 40), -1):
        letter = chars[position]
        if letter.text in "\r\n":
            return None
        # Marks stand above or below their letter, within a letter's height of it.
        height = letter.bottom - letter.top
        same_line = letter.top - height <= mark.bottom and mark.top <= letter.bottom + height
        if "\u0e01" <= letter.text <= "\u0e2e" and same_line and _over(mark, letter):
            # Behind the marks that already sit on that letter, so that a vowel stays first.
            end = position
            while end + 1 < index and chars[end + 1].text in _MARKS:
                end += 1
            return end
    return None
