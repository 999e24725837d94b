"""`python -m site_builder import`: an integrity report becomes one measure record per measure.

The report is the NACC template's "รายงานการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส"
as text extracted from its PDF, or as a .docx. Modules, in the order the data flows:

- `table`: the report's lines and cells, grouped into measures by area heading and table row;
- `cells`: HTML left-overs, stray spaces and inline lists cleaned out of each cell;
- `outcomes`: the outcomes column cut into `{indicator, score}` pairs;
- `codes`: each pair's code read as written and checked against the catalogue by its text;
- `records`: the record files, validated like `check` does, written atomically.

A PDF is read by `pdf` (tables from the page's ruling lines) and every cell goes through
`thai_repair` (the damage text extraction does to Thai), whatever the format; `command` prints
what a person must look at first and counts the routine repairs on one line.

Everything is read and checked in memory first; files are written only when the whole report
was understood, and never over existing records unless asked (`only_new`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path
from typing import TypeVar

from site_builder.importer.cells import (
    Vocabulary,
    clean_inline,
    list_items,
    responsible_units,
    steps_markdown,
)
from site_builder.importer.codes import Matcher, shorten, text_key
from site_builder.importer.messages import (
    CatalogueError,
    OutputExistsError,
    ReportError,
    ReportWarning,
)
from site_builder.importer.outcomes import OutcomePair, read_outcomes
from site_builder.importer.records import (
    MeasureDraft,
    existing_records,
    problems_of,
    render,
    write_atomically,
)
from site_builder.importer.table import (
    AreaHeading,
    RawMeasure,
    SourceLine,
    parse_report,
    read_lines,
)
from site_builder.importer.thai_repair import Repair, repair_text
from site_builder.records.catalogue import Catalogue, load_catalogue

__all__ = [
    "CatalogueError",
    "ImportResult",
    "MeasureDraft",
    "OutcomePair",
    "OutputExistsError",
    "Repair",
    "ReportError",
    "ReportWarning",
    "import_report",
    "read_report",
]


@dataclass
class ImportResult:
    report: str
    out_dir: Path
    measures: list[MeasureDraft]
    warnings: list[ReportWarning]
    repairs: list[Repair] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    # The year file `--into` wrote because the project had none for the year.
    year_file: Path | None = None

    @property
    def outcome_count(self) -> int:
        return sum(len(measure.outcomes) for measure in self.measures)


def import_report(
    path: Path,
    fiscal_year: int,
    out_dir: Path,
    *,
    catalogue_id: str = "ita-2568",
    catalogue_dirs: Iterable[Path] = (),
    only_new: bool = False,
) -> ImportResult:
    """Read the report, then write its records into `out_dir`.

    Raises ReportError (the report cannot be read; nothing written), CatalogueError,
    OutputExistsError (records already there and not `only_new`; nothing written) or OSError
    (writing failed; files already written are complete).
    """
    try:
        catalogue = load_catalogue(catalogue_id, tuple(catalogue_dirs))
    except ValueError as exc:
        raise CatalogueError(str(exc)) from None
    reading = read_report_fully(path, fiscal_year, catalogue)
    files = {draft.file_name: render(draft, path.name) for draft in reading.drafts}

    existing = existing_records(out_dir)
    if existing and not only_new:
        raise OutputExistsError(str(out_dir), existing)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = ImportResult(str(path), out_dir, reading.drafts, reading.warnings, reading.repairs)
    for name, text in files.items():
        target = out_dir / name
        if target.exists():
            result.skipped.append(target)
        else:
            write_atomically(target, text)
            result.written.append(target)
    return result


@dataclass
class Reading:
    drafts: list[MeasureDraft]
    warnings: list[ReportWarning]
    repairs: list[Repair]


def read_report(
    path: Path, fiscal_year: int, catalogue: Catalogue
) -> tuple[list[MeasureDraft], list[ReportWarning]]:
    """The report's measures as drafts, and the warnings, by report line. Writes nothing."""
    reading = read_report_fully(path, fiscal_year, catalogue)
    return reading.drafts, reading.warnings


def read_report_fully(path: Path, fiscal_year: int, catalogue: Catalogue) -> Reading:
    """Drafts, warnings and the Thai repairs, by report line (and page, for a PDF)."""
    lines, repairs = _repaired(read_lines(path))
    pages = {line.line: line.page for line in lines if line.page is not None}
    try:
        drafts, warnings = _read_lines(lines, path, fiscal_year, catalogue)
    except ReportError as exc:
        raise _on_page(exc, pages) from None
    return Reading(drafts, [_on_page(warning, pages) for warning in warnings], repairs)


def _repaired(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Repair]]:
    """Every cell through the Thai repairs; each repair numbered with its line and page."""
    out: list[SourceLine] = []
    repairs: list[Repair] = []
    for line in lines:
        found = list(line.repairs)
        cells = []
        for cell in line.cells:
            text, made = repair_text(cell)
            cells.append(text)
            found.extend(made)
        repairs.extend(replace(repair, line=line.line, page=line.page) for repair in found)
        out.append(replace(line, cells=tuple(cells), repairs=()))
    return out, repairs


Message = TypeVar("Message", ReportWarning, ReportError)


def _on_page(message: Message, pages: dict[int, int]) -> Message:
    """A PDF's message names the page too: a line number alone is hard to find in a PDF."""
    page = pages.get(message.line)
    if page is None or getattr(message, "whole_document", False):
        return message
    return replace(
        message, thai=f"หน้า {page}: {message.thai}", english=f"page {page}: {message.english}"
    )


def _read_lines(
    lines: list[SourceLine], path: Path, fiscal_year: int, catalogue: Catalogue
) -> tuple[list[MeasureDraft], list[ReportWarning]]:
    parsed = parse_report(lines, fiscal_year)
    warnings = list(parsed.warnings)
    warnings.extend(_area_warnings(parsed.areas, catalogue))
    vocabulary = Vocabulary.with_phrases(
        [item.title for item in catalogue.items]
        + [item.text for item in catalogue.survey]
        + [area.title for area in catalogue.areas]
    )
    matcher = Matcher(catalogue)
    drafts: list[MeasureDraft] = []
    for raw in parsed.measures:
        draft, found = _draft(raw, vocabulary, matcher)
        drafts.append(draft)
        warnings.extend(found)
    warnings.extend(_score_conflicts(drafts))
    for draft in drafts:
        for thai_message, english in problems_of(render(draft, path.name), fiscal_year):
            warnings.append(
                ReportWarning(
                    draft.line,
                    f"มาตรการ “{shorten(draft.title)}”: {thai_message}",
                    f"measure “{shorten(draft.title)}”: {english}",
                )
            )
    warnings.sort(key=lambda warning: warning.line)
    return drafts, warnings


def _cell(raw: RawMeasure, column: str) -> str:
    # A cell continued on the next page carries on the same text (or the same list).
    return " ".join(fragment.text for fragment in raw.fragments(column))


def _draft(
    raw: RawMeasure, vocabulary: Vocabulary, matcher: Matcher
) -> tuple[MeasureDraft, list[ReportWarning]]:
    title = clean_inline(_cell(raw, "title"), vocabulary)
    results = list_items(_cell(raw, "results"), vocabulary)
    steps = steps_markdown(_cell(raw, "steps"), vocabulary)
    # The measure's own words help decide what an ambiguous outcome text refers to.
    context = text_key(" ".join([title, steps, *results]))
    outcomes, warnings = read_outcomes(raw.fragments("outcomes"), context, matcher)
    draft = MeasureDraft(
        id=f"m{raw.area}-{raw.order:02d}",
        area=raw.area,
        order=raw.order,
        line=raw.line,
        title=title,
        period=clean_inline(_cell(raw, "period"), vocabulary),
        responsible=responsible_units(_cell(raw, "responsible"), vocabulary) or [""],
        results=results,
        outcomes=outcomes,
        steps=steps,
    )
    return draft, warnings


def _area_warnings(areas: list[AreaHeading], catalogue: Catalogue) -> list[ReportWarning]:
    warnings: list[ReportWarning] = []
    for heading in areas:
        area = catalogue.area_by_number.get(heading.number)
        if area is None:
            known = ", ".join(str(number) for number in catalogue.area_by_number)
            warnings.append(
                ReportWarning(
                    heading.line,
                    f"ไม่มีประเด็นที่ {heading.number} ในเกณฑ์ {catalogue.id} (มี {known})",
                    f"no area {heading.number} in catalogue {catalogue.id} (known: {known})",
                )
            )
            continue
        similarity = SequenceMatcher(None, text_key(heading.title), text_key(area.title)).ratio()
        if similarity < 0.8:
            warnings.append(
                ReportWarning(
                    heading.line,
                    f"หัวข้อประเด็นที่ {heading.number} “{shorten(heading.title)}” ไม่ตรงกับเกณฑ์ "
                    f"{catalogue.id} (“{shorten(area.title)}”) ใช้หมายเลขประเด็นตามที่พิมพ์",
                    f"heading of area {heading.number} differs from catalogue {catalogue.id}; "
                    "the printed number was used",
                )
            )
    return warnings


def _score_conflicts(drafts: list[MeasureDraft]) -> list[ReportWarning]:
    """The same indicator with two scores: `check` refuses that, so say where."""
    first: dict[str, tuple[Decimal, int]] = {}
    warnings: list[ReportWarning] = []
    for draft in drafts:
        for outcome in draft.outcomes:
            if outcome.score is None:
                continue
            score = Decimal(outcome.score)
            seen = first.setdefault(outcome.indicator, (score, outcome.line))
            if seen[0] != score:
                warnings.append(
                    ReportWarning(
                        outcome.line,
                        f"คะแนน {outcome.indicator} = {outcome.score} ขัดกับ {seen[0]} "
                        f"ที่บรรทัด {seen[1]}",
                        f"{outcome.indicator} scored {outcome.score} here but {seen[0]} "
                        f"at line {seen[1]}",
                        indicator=outcome.indicator,
                    )
                )
    return warnings
