"""The outcomes column: its `{indicator, score}` pairs, each on the report line it came from.

The cell is cut at every score ("ผลคะแนน ๑๐๐", also "ผล คะแนน"); what stands before a score is
a code and its text, which `codes.resolve` reads. Every doubtful pair gives exactly one warning,
whatever was wrong with it (its code, its score, or both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from site_builder import thai
from site_builder.importer.cells import normalize_line, strip_html
from site_builder.importer.codes import DIGIT_CODE, LETTER_CODE, Matcher, Written, resolve
from site_builder.importer.messages import ReportWarning
from site_builder.importer.table import Fragment

# "ผลคะแนน ๙๙.๔๒", also split as "ผล คะแนน"; no space inside the number, so that
# "ผลคะแนน ๑๐๐. ๐๑๑..." is not read as 100.011.
SCORE = re.compile(r"ผล\s*คะแนน\s*[:=]?\s*(?P<value>[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]+)?)")
# A second code inside one pair's text means the pair before it had no score.
INNER_LETTER_CODE = re.compile(r"(?<=\s)[oOiIeE]\s?[0-9๐-๙]{1,2}(?![0-9๐-๙.])")


@dataclass(frozen=True)
class OutcomePair:
    indicator: str
    score: str | None
    note: str | None
    line: int
    written: str | None


def parse_score(raw: str) -> tuple[str | None, str | None, str | None]:
    """(score as Arabic digits, Thai problem, English problem)."""
    text = thai.to_arabic_digits(raw)
    if Decimal(text) > 100:
        return (
            None,
            f"คะแนน {text} เกิน 100 จึงไม่ได้ใส่คะแนน",
            f"score {text} is over 100, left out",
        )
    return text, None, None


@dataclass(frozen=True)
class _Segment:
    text: str
    start: int
    score: str | None


def _joined(fragments: list[Fragment]) -> tuple[str, list[tuple[int, int]]]:
    """The cleaned cell as one line, and (offset, report line) where each fragment begins."""
    text = ""
    starts: list[tuple[int, int]] = []
    for fragment in fragments:
        cleaned = normalize_line(strip_html(fragment.text).replace("\n", " "))
        if not cleaned:
            continue
        if text:
            text += " "
        starts.append((len(text), fragment.line))
        text += cleaned
    return text, starts


def _segments(text: str) -> list[_Segment]:
    """Pieces "code text ผลคะแนน N", split at each score and at codes inside the text."""
    pieces: list[tuple[int, int, str | None]] = []
    position = 0
    for match in SCORE.finditer(text):
        pieces.append((position, match.start(), match["value"]))
        position = match.end()
    if text[position:].strip():
        pieces.append((position, len(text), None))
    segments: list[_Segment] = []
    for start, end, score in pieces:
        cuts = [start] + [m.start() for m in INNER_LETTER_CODE.finditer(text, start, end)] + [end]
        for index in range(len(cuts) - 1):
            is_last = index == len(cuts) - 2
            segments.append(
                _Segment(
                    text[cuts[index] : cuts[index + 1]], cuts[index], score if is_last else None
                )
            )
    return segments


def read_outcomes(
    fragments: list[Fragment], context: str, matcher: Matcher
) -> tuple[list[OutcomePair], list[ReportWarning]]:
    """Every `{indicator, score}` pair of an outcomes cell, with one warning per doubtful pair."""
    text, starts = _joined(fragments)
    pairs: list[OutcomePair] = []
    warnings: list[ReportWarning] = []
    for segment in _segments(text):
        stripped = segment.text.lstrip(" -–•·,;:")
        body = stripped.rstrip(" -–•·,;:")
        line = _line_at(starts, segment.start + len(segment.text) - len(stripped))
        if not body and segment.score is None:
            continue
        written, rest = _written_code(body)
        decision = resolve(written, rest, context, matcher)
        problems_th = [decision.warning_th] if decision.warning_th else []
        problems_en = [decision.warning_en] if decision.warning_en else []
        score = None
        if segment.score is None:
            problems_th.append("ไม่พบผลคะแนน")
            problems_en.append("no score found")
        else:
            score, score_th, score_en = parse_score(segment.score)
            if score_th and score_en:
                problems_th.append(score_th)
                problems_en.append(score_en)
        raw = written.raw if written is not None else None
        if decision.code is not None:
            pairs.append(OutcomePair(decision.code, score, decision.note, line, raw))
        if problems_th:
            thai_text, english = "; ".join(problems_th), "; ".join(problems_en)
            # Routine only when the code's repair is all there is to say about the pair.
            routine = decision.routine if len(problems_th) == 1 else None
            warnings.append(ReportWarning(line, thai_text, english, raw, decision.code, routine))
    return pairs, warnings


def _line_at(starts: list[tuple[int, int]], offset: int) -> int:
    """The report line of the fragment that holds this offset of the joined cell."""
    line = starts[0][1]
    for start, fragment_line in starts:
        if start <= offset:
            line = fragment_line
    return line


def _written_code(body: str) -> tuple[Written | None, str]:
    """The code at the start of a pair, if any, and the text after it."""
    match = LETTER_CODE.match(body) or DIGIT_CODE.match(body)
    if match is None:
        return None, body
    groups = match.groupdict()
    written = Written(
        " ".join(match[0].split()), groups.get("letter"), groups.get("gap") or "", match["digits"]
    )
    return written, body[match.end() :].strip()
