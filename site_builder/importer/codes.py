"""Indicator codes, read the way a careful person reads them.

Text extraction damages the codes: the letter o comes out as a Thai zero (`๐๑๐` for o10), the
letter i as a Thai one or six (`๑๑๓` for i13, `๖๗` for i7), letters get spaces (`O 12`), and
sometimes the printed code is simply wrong (`๐๑๖` before the name of the ethics item). So each
code is read twice: as written (with those known repairs) and from the text that follows it,
matched against the titles and survey questions of the year's catalogue. When both agree on a
code printed correctly, nothing is said; anything repaired, guessed or contradicted gets a
warning and a Thai `note` for the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from site_builder import thai
from site_builder.records.catalogue import Catalogue

# A code at the start of a pair: a letter (l for a misread i) and 1-3 digits, perhaps apart ...
LETTER_CODE = re.compile(
    r"^(?P<letter>[oOiIeEl])(?P<gap>\s*[.\-]?\s*)(?P<digits>[0-9๐-๙]{1,3})(?![0-9๐-๙])"
)
# ... or digits alone, whose first digit may be the letter itself (๐๑๐ for o10).
DIGIT_CODE = re.compile(r"^(?P<digits>[0-9๐-๙]{2,3})(?![0-9๐-๙])")
# A leading digit that stands for a letter the extraction could not map (see the sample report).
MISREAD_LETTERS = {
    "๐": ("o", "เลขศูนย์ไทย", "the Thai zero"),
    "0": ("o", "เลขศูนย์", "a zero"),
    "๑": ("i", "เลขไทย ๑", "the Thai digit ๑"),
    "1": ("i", "เลข 1", "the digit 1"),
    "๖": ("i", "เลขไทย ๖", "the Thai digit ๖"),
}

# How similar (difflib ratio, spaces ignored) a text must be to count as naming an item.
TEXT_MATCH = 0.75
# A code as written is believed when its text is this similar and nothing fits clearly better.
AGREE = 0.75
MARGIN = 0.1
# A piece of text names an item when it holds this many characters of the item's title ...
PART_MIN_CHARS = 5
# ... and that is at least this share of the title.
PART_MIN_SHARE = 0.3
# Item names must explain this share of a text for it to overrule the printed code.
EXPLAINED = 0.8
# Context shares closer than this do not decide between two items a text names.
CONTEXT_TIE = 0.15


# Titles and questions are at most a few hundred characters: longer text is cut before it is
# compared, so that a damaged report with one huge cell cannot make the comparison crawl.
MAX_COMPARED = 400
MAX_CONTEXT = 4000


def text_key(text: str) -> str:
    """Text as compared: NFC, no spaces or invisible characters, case folded."""
    text = thai.normalize_thai(text)
    return re.sub(r"[\s\u200b-\u200d\u2060\ufeff\u00ad]+", "", text).casefold()


def shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True)
class Written:
    """A code as the report printed it."""

    raw: str
    letter: str | None
    gap: str
    digits: str


@dataclass(frozen=True)
class Reading:
    """One way to read a written code; `how_*` says what was repaired (None: nothing)."""

    code: str
    how_th: str | None = None
    how_en: str | None = None


@dataclass(frozen=True)
class Part:
    code: str
    start: int
    size: int


@dataclass(frozen=True)
class Decision:
    code: str | None
    note: str | None = None
    warning_th: str | None = None
    warning_en: str | None = None
    # (Thai, English) name of the repair when it is routine: the text confirms the code.
    routine: tuple[str, str] | None = None


class Matcher:
    """The catalogue's item titles and survey questions, compared with report text."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.titles: dict[str, str] = {item.code: item.title for item in catalogue.items}
        self.titles.update({item.code: item.text for item in catalogue.survey})
        self.keys = {code: text_key(title) for code, title in self.titles.items()}
        # One SequenceMatcher per item, its title set once as the side difflib indexes: only the
        # report's text changes from one comparison to the next.
        self._matchers: dict[str, SequenceMatcher[str]] = {}
        for code, ref in self.keys.items():
            self._matchers[code] = SequenceMatcher(None, autojunk=False)
            self._matchers[code].set_seq2(ref)

    def _against(self, code: str, text: str) -> SequenceMatcher[str]:
        matcher = self._matchers[code]
        matcher.set_seq1(text)
        return matcher

    def named(self, code: str) -> str:
        return f"{code} ({shorten(self.titles[code], 60)})"

    def ratios(self, key: str) -> dict[str, float]:
        """difflib's ratio per item; 0 where it cannot reach the thresholds that matter."""
        ratios: dict[str, float] = {}
        for code in self.keys:
            matcher = self._against(code, key)
            # quick_ratio() is an upper bound of ratio() and far cheaper; below this bound the
            # exact value decides nothing (see TEXT_MATCH, AGREE and MARGIN).
            bound = min(TEXT_MATCH, AGREE) - MARGIN
            ratios[code] = matcher.ratio() if matcher.quick_ratio() >= bound else 0.0
        return ratios

    def parts(self, key: str) -> list[Part]:
        """The items whose names make up the text, by where they stand in it.

        Greedy: the longest piece of some item's name found in the text is claimed, then the
        longest in what is left, and so on. "ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม" gives
        o21 (การขับเคลื่อนจริยธรรม) and o20 (ประมวลจริยธรรม...).
        """
        masked = key
        found: list[Part] = []
        while True:
            best: tuple[tuple[int, float], Part] | None = None
            for code, ref in self.keys.items():
                if any(part.code == code for part in found) or not ref:
                    continue
                block = self._against(code, masked).find_longest_match(0, len(masked), 0, len(ref))
                share = block.size / len(ref)
                if block.size < PART_MIN_CHARS or share < PART_MIN_SHARE:
                    continue
                rank = (block.size, share)
                if best is None or rank > best[0]:
                    best = (rank, Part(code, block.a, block.size))
            if best is None:
                return sorted(found, key=lambda part: part.start)
            part = best[1]
            found.append(part)
            masked = masked[: part.start] + "\0" * part.size + masked[part.start + part.size :]

    def context_share(self, code: str, context: str) -> float:
        """How much of the item's name the measure itself (title, steps, results) contains."""
        ref = self.keys[code]
        blocks = SequenceMatcher(None, ref, context, autojunk=False).get_matching_blocks()
        return sum(block.size for block in blocks if block.size >= 3) / max(len(ref), 1)


def readings(written: Written, known: set[str]) -> list[Reading]:
    """The codes a written code can stand for, most likely first, all in the catalogue."""
    digits = thai.to_arabic_digits(written.digits)
    found: list[Reading] = []
    if written.letter is not None:
        letter = "i" if written.letter == "l" else written.letter.lower()
        code = f"{letter}{int(digits)}"
        if written.letter == "l":
            found.append(Reading(code, "ตัวอักษร i ถูกอ่านเป็นตัว l", "letter i extracted as l"))
        elif written.gap:
            found.append(
                Reading(code, "ตัวอักษรกับตัวเลขของรหัสเขียนแยกกัน", "letter and number written apart")
            )
        else:
            found.append(Reading(code))
    else:
        first = written.digits[0]
        if first in MISREAD_LETTERS and len(digits) >= 2:
            letter, digit_th, digit_en = MISREAD_LETTERS[first]
            found.append(
                Reading(
                    f"{letter}{int(digits[1:])}",
                    f"ตัวอักษร {letter} ถูกอ่านเป็น{digit_th}",
                    f"letter {letter} extracted as {digit_en}",
                )
            )
        if not digits.startswith("0"):
            for letter in "oie":
                found.append(
                    Reading(
                        f"{letter}{int(digits)}",
                        "ไม่มีตัวอักษร o/i/e นำหน้า",
                        "the letter o/i/e is missing",
                    )
                )
    unique: dict[str, Reading] = {}
    for reading in found:
        if reading.code in known and reading.code not in unique:
            unique[reading.code] = reading
    return list(unique.values())


def resolve(written: Written | None, text: str, context: str, matcher: Matcher) -> Decision:
    """The indicator of one pair: its written code checked against the text after it."""
    known = set(matcher.keys)
    reads = readings(written, known) if written is not None else []
    raw = written.raw if written is not None else None
    key = text_key(text)[:MAX_COMPARED]
    context = context[:MAX_CONTEXT]
    if len(key) < 2:
        return _without_text(raw, reads, matcher)

    ratios = matcher.ratios(key)
    best = max(ratios, key=lambda code: ratios[code])
    if ratios[best] >= TEXT_MATCH:
        parts = [Part(best, 0, len(key))]
        explained = True
    else:
        parts = matcher.parts(key)
        explained = sum(part.size for part in parts) >= EXPLAINED * len(key)
    named = [part.code for part in parts]

    supported = [
        reading
        for reading in reads
        if reading.code in named
        or (ratios[reading.code] >= AGREE and ratios[reading.code] >= ratios[best] - MARGIN)
    ]
    if supported:
        chosen = max(supported, key=lambda reading: ratios[reading.code])
        if chosen.how_th is None:
            return Decision(chosen.code)
        return Decision(
            chosen.code,
            f"ในรายงานฉบับเผยแพร่ รหัสพิมพ์เป็น {raw} ({chosen.how_th}) ข้อความตรงกับ {chosen.code}",
            f"รหัส “{raw}” อ่านเป็น {chosen.code} ({chosen.how_th}) "
            f"เพราะข้อความที่ตามมาตรงกับ {matcher.named(chosen.code)}",
            f"code “{raw}” read as {chosen.code} ({chosen.how_en}): the text after it matches "
            f"{chosen.code}",
            (chosen.how_th, chosen.how_en or ""),
        )
    if parts and explained:
        return _by_text(raw, reads, text, parts, context, matcher)
    if reads:
        return _unconfirmed(raw, reads[0], text, matcher)
    return _unreadable(raw, text)


def _without_text(raw: str | None, reads: list[Reading], matcher: Matcher) -> Decision:
    if not reads:
        return _unreadable(raw, "")
    chosen = reads[0]
    if chosen.how_th is None:
        return Decision(chosen.code)
    others = ", ".join(reading.code for reading in reads[1:])
    other_th = f" (อาจเป็น {others} ก็ได้)" if others else ""
    other_en = f" (could also be {others})" if others else ""
    return Decision(
        chosen.code,
        f"ในรายงานฉบับเผยแพร่ รหัสพิมพ์เป็น {raw} ({chosen.how_th}) ไม่มีข้อความให้ยืนยัน "
        f"จึงอ่านเป็น {chosen.code}{other_th}",
        f"รหัส “{raw}” อ่านเป็น {matcher.named(chosen.code)} ({chosen.how_th}) "
        f"โดยไม่มีข้อความให้ยืนยัน{other_th} โปรดตรวจสอบ",
        f"code “{raw}” read as {chosen.code} ({chosen.how_en}) with no text to confirm it"
        f"{other_en}; please check",
    )


def _by_text(
    raw: str | None,
    reads: list[Reading],
    text: str,
    parts: list[Part],
    context: str,
    matcher: Matcher,
) -> Decision:
    """The text names other items than the printed code: believe the text."""
    if len(parts) == 1:
        chosen = parts[0].code
        names_th, names_en = matcher.named(chosen), chosen
        why_th = why_en = ""
    else:
        # The text names several items ("A และ B"): the measure's own words decide, else the
        # item the text names first.
        shares = {part.code: matcher.context_share(part.code, context) for part in parts}
        ranked = sorted(parts, key=lambda part: -shares[part.code])
        if shares[ranked[0].code] - shares[ranked[1].code] >= CONTEXT_TIE:
            chosen = ranked[0].code
            why_th = f" มาตรการนี้กล่าวถึง {chosen} มากที่สุด"
            why_en = f"; the measure itself speaks of {chosen}"
        else:
            chosen = parts[0].code
            why_th = f" เลือก {chosen} ซึ่งข้อความกล่าวถึงก่อน"
            why_en = f"; {chosen} is named first"
        names_th = " รวมกับ ".join(matcher.named(part.code) for part in parts)
        names_en = " and ".join(part.code for part in parts)
    if raw is None:
        return Decision(
            chosen,
            f"ในรายงานฉบับเผยแพร่ ไม่มีรหัสตัวชี้วัด ข้อความ “{shorten(text, 80)}” "
            f"ตรงกับ {names_th}{why_th} จึงใช้ {chosen}",
            f"ไม่พบรหัสตัวชี้วัดหน้าข้อความ “{shorten(text)}” ใช้ {chosen} ตามข้อความ "
            f"ซึ่งตรงกับ {names_th}{why_th}",
            f"no indicator code before “{shorten(text)}”; used {chosen}, which the text "
            f"names ({names_en}){why_en}",
        )
    printed_th = f" ({matcher.named(reads[0].code)})" if reads else ""
    printed_en = f" ({reads[0].code})" if reads else " (not a code of this catalogue)"
    return Decision(
        chosen,
        f"ในรายงานฉบับเผยแพร่ รหัสพิมพ์เป็น {raw}{printed_th} แต่ข้อความที่ตามมาคือ "
        f"“{shorten(text, 80)}” ซึ่งตรงกับ {names_th}{why_th} "
        f"จึงอ่านเป็น {chosen} ตามข้อความ ไม่ใช่ตามรหัสที่พิมพ์",
        f"รหัส “{raw}”{printed_th} ไม่ตรงกับข้อความที่ตามมา “{shorten(text)}” "
        f"ซึ่งตรงกับ {names_th}{why_th} จึงใช้ {chosen}",
        f"code “{raw}”{printed_en} disagrees with the text after it, which names "
        f"{names_en}{why_en}; used {chosen}",
    )


def _unconfirmed(raw: str | None, reading: Reading, text: str, matcher: Matcher) -> Decision:
    repaired_th = f" ({reading.how_th})" if reading.how_th else ""
    repaired_en = f" ({reading.how_en})" if reading.how_en else ""
    return Decision(
        reading.code,
        f"ในรายงานฉบับเผยแพร่ รหัสพิมพ์เป็น {raw}{repaired_th} แต่ข้อความที่ตามมา "
        f"“{shorten(text, 80)}” ไม่ตรงกับ {matcher.named(reading.code)} หรือตัวชี้วัดอื่นใด "
        "จึงคงรหัสตามที่พิมพ์",
        f"ข้อความหลังรหัส “{raw}” ไม่ตรงกับ {matcher.named(reading.code)} หรือตัวชี้วัดอื่นใด "
        f"จึงคง {reading.code} ตามที่พิมพ์{repaired_th} โปรดตรวจสอบ",
        f"the text after code “{raw}” matches neither {reading.code} nor any other item; "
        f"kept {reading.code} as printed{repaired_en}; please check",
    )


def _unreadable(raw: str | None, text: str) -> Decision:
    shown = shorten(f"{raw or ''} {text}".strip()) or "(ไม่มีข้อความ)"
    return Decision(
        None,
        None,
        f"อ่านรหัสตัวชี้วัดของ “{shown}” ไม่ได้ จึงไม่ได้นำเข้าคู่นี้ โปรดเพิ่มเองใน outcomes",
        f"cannot read the indicator code of “{shown}”; this pair was left out, "
        "add it to outcomes by hand",
    )
