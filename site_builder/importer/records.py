"""Measure records as files: quoted front matter, the steps as the Markdown body.

The YAML is written here rather than by yaml.safe_dump so that its shape is plain to see: every
string double-quoted (`no`, `010`, `12:30` stay text for any YAML reader), numbers plain, keys
in the contract's order, no aliases, UTF-8 with LF. Each file goes through a temporary file and
a rename, so that a crash or a full disk never leaves half a record behind.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.importer.outcomes import OutcomePair
from site_builder.records.models import MeasureRecord
from site_builder.records.problems import Problems
from site_builder.records.sources import SourceError, split_record
from site_builder.records.validation import validate

# Characters a YAML double-quoted scalar must not hold raw: escapes, and everything YAML or an
# editor would take as a line break or a byte-order mark.
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_MUST_ESCAPE = {"\x7f", "\x85", "\u2028", "\u2029", "\ufeff"}


@dataclass
class MeasureDraft:
    """One measure as it will be written; `line` is where it starts in the report."""

    id: str
    area: int
    order: int
    line: int
    title: str
    period: str
    responsible: list[str]
    results: list[str] = field(default_factory=list)
    outcomes: list[OutcomePair] = field(default_factory=list)
    steps: str = ""

    @property
    def file_name(self) -> str:
        return f"{self.id}.md"


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar."""
    out = ['"']
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or char in _MUST_ESCAPE or 0x80 <= ord(char) < 0xA0:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def render(draft: MeasureDraft, report_name: str) -> str:
    """The record file's text."""
    shown_name = "".join(char if char.isprintable() else "?" for char in report_name)
    lines = [
        "---",
        f"# นำเข้าจาก {shown_name} บรรทัด {draft.line} (python -m site_builder import)",
        f"title: {quote(draft.title)}",
        f"area: {draft.area}",
        f"order: {draft.order}",
        f"period: {quote(draft.period)}",
    ]
    if len(draft.responsible) == 1:
        lines.append(f"responsible: {quote(draft.responsible[0])}")
    else:
        lines.append("responsible:")
        lines.extend(f"  - {quote(unit)}" for unit in draft.responsible)
    if draft.results:
        lines.append("results:")
        lines.extend(f"  - {quote(result)}" for result in draft.results)
    if draft.outcomes:
        lines.append("outcomes:")
        for outcome in draft.outcomes:
            lines.append(f"  - indicator: {quote(outcome.indicator)}")
            if outcome.score is not None:
                lines.append(f"    score: {outcome.score}")
            if outcome.note is not None:
                lines.append(f"    note: {quote(outcome.note)}")
    lines.append("---")
    body = draft.steps.strip()
    return "\n".join(lines) + "\n" + (body + "\n" if body else "")


def problems_of(text: str, fiscal_year: int) -> list[tuple[str, str]]:
    """What `check` would say about this record, as (Thai, English) messages."""
    try:
        record_text = split_record(text)
    except SourceError as exc:  # pragma: no cover - render() always writes valid front matter
        return [(exc.thai, exc.english)]
    problems = Problems()
    record = validate(MeasureRecord, record_text.meta, "-", problems, {"fiscal_year": fiscal_year})
    found = [(problem.thai, problem.english) for problem in problems.items]
    if record is not None and not record.period.within_fiscal_year(fiscal_year):
        found.append(
            (
                f"period: ระยะเวลา {record.period.text} อยู่นอกปีงบประมาณ {fiscal_year}",
                f"period: {record.period.text} is outside fiscal year {fiscal_year}",
            )
        )
    return found


def existing_records(folder: Path) -> list[str]:
    """Names of the record files (`*.md`) already in the folder."""
    if not folder.is_dir():
        return []
    return sorted(path.name for path in folder.iterdir() if path.suffix == ".md")


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and a rename: all of it or nothing."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); a record is an ordinary file of the repository.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
