"""The ITA catalogue of a round: tools, areas, OIT items, survey items, display groups, levels.

Catalogues are data (`catalogues/<id>.yml`, one file per framework); a year picks one in its
`year.yml`. A new round's list is one more file, validated here like any record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from site_builder.records.models import Code, ElementId, Integer, Record, Score, Text, fail
from site_builder.records.problems import Problem, Problems, display_path
from site_builder.records.sources import SourceError, read_yaml_file
from site_builder.records.validation import validate

BUILTIN_DIR = Path(__file__).parent / "catalogues"


class Tool(Record):
    code: Literal["iit", "eit", "oit"]
    title: Text


class Area(Record):
    number: Integer
    title: Text


class Group(Record):
    title: Text
    items: list[Code]


# Which time the item's evidence must be about, as assessors judge it (see `readiness`):
# current: dated in the current fiscal year; previous: about the previous fiscal year;
# first_half: covering at least October to March of the current fiscal year;
# plan: a (multi-year) plan whose period covers the whole current fiscal year; any: no rule.
PeriodRule = Literal["current", "previous", "first_half", "plan", "any"]


class Element(Record):
    """Something an item must show (a service guide's fee line); `hint` says how, in Thai."""

    id: ElementId
    label: Text
    hint: Text


class Item(Record):
    """An OIT item: one page per fiscal year at /ita/<fy>/<code>/."""

    code: Code
    title: Text
    needs: Text
    made_from: Literal["measures", "report"] | None = None
    elements: list[Element] = Field(default_factory=list)
    period: PeriodRule = "any"
    # When set, an explicit "nothing to report" statement is accepted; the text is an example.
    nothing_to_report: Text | None = None
    # True for what stays true from year to year (structure, contacts, manuals): `new-year`
    # copies the previous year's record and attachments; other items start empty.
    carry_forward: bool = False

    @model_validator(mode="after")
    def _unique_elements(self) -> Item:
        ids = [element.id for element in self.elements]
        for element_id in ids:
            if ids.count(element_id) > 1:
                raise fail(
                    f"รหัสองค์ประกอบ {element_id} ซ้ำใน {self.code}",
                    f"element {element_id} appears twice in {self.code}",
                )
        return self

    @property
    def number(self) -> int:
        return int(self.code[1:])

    @cached_property
    def element_by_id(self) -> dict[str, Element]:
        return {element.id: element for element in self.elements}


class SurveyItem(Record):
    code: Code
    tool: Literal["iit", "eit"]
    text: Text


class Level(Record):
    title: Text
    min_total: Score
    min_each_tool: Score | None = None


class Catalogue(Record):
    id: Text
    title: Text
    tools: list[Tool]
    areas: list[Area]
    groups: list[Group]
    items: list[Item]
    survey: list[SurveyItem] = Field(default_factory=list)
    levels: list[Level] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        codes = [item.code for item in self.items]
        if any(not code.startswith("o") for code in codes):
            raise fail("items มีได้เฉพาะรหัส o", "items may only hold o-codes")
        survey_codes = [item.code for item in self.survey]
        for code in codes + survey_codes:
            if (codes + survey_codes).count(code) > 1:
                raise fail(f"รหัส {code} ซ้ำ", f"code {code} appears twice")
        grouped = [code for group in self.groups for code in group.items]
        for code in codes:
            if grouped.count(code) != 1:
                raise fail(
                    f"รหัส {code} ต้องอยู่ในกลุ่ม (groups) เพียงกลุ่มเดียว",
                    f"item {code} must be in exactly one group",
                )
        for code in grouped:
            if code not in codes:
                raise fail(f"กลุ่มอ้างถึงรหัส {code} ที่ไม่มีใน items", f"group names unknown {code}")
        numbers = [area.number for area in self.areas]
        if len(set(numbers)) != len(numbers):
            raise fail("หมายเลขประเด็น (areas) ซ้ำ", "area numbers repeat")
        return self

    @cached_property
    def item_by_code(self) -> dict[str, Item]:
        return {item.code: item for item in self.items}

    @cached_property
    def survey_by_code(self) -> dict[str, SurveyItem]:
        return {item.code: item for item in self.survey}

    @cached_property
    def area_by_number(self) -> dict[int, Area]:
        return {area.number: area for area in self.areas}

    def indicator_title(self, code: str) -> str | None:
        if code in self.item_by_code:
            return self.item_by_code[code].title
        if code in self.survey_by_code:
            return self.survey_by_code[code].text
        return None


CATALOGUE_MAX_BYTES = 1024 * 1024
CATALOGUE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


def read_catalogue(
    catalogue_id: str,
    dirs: tuple[Path, ...],
    problems: Problems,
    cited_at: tuple[str, int],
    show: Callable[[Path], str] = display_path,
) -> Catalogue | None:
    """The catalogue `<catalogue_id>.yml` from `dirs` (searched in order), validated like any
    record; None after reporting why not. `cited_at` is the file and line that named it."""
    # The id becomes a file name: only plain names, so that "../x" cannot reach other files.
    if not CATALOGUE_ID.fullmatch(catalogue_id):
        problems.error(
            *cited_at,
            f'ชื่อเกณฑ์ "{catalogue_id}" ไม่ถูกรูปแบบ',
            f'catalogue name "{catalogue_id}" is malformed',
        )
        return None
    for folder in dirs:
        path = folder / f"{catalogue_id}.yml"
        if not path.is_file():
            continue
        source = show(path)
        try:
            doc = read_yaml_file(path, max_bytes=CATALOGUE_MAX_BYTES)
        except SourceError as exc:
            problems.error(source, exc.line, exc.thai, exc.english)
            return None
        return validate(Catalogue, doc, source, problems)
    problems.error(
        *cited_at,
        f'ไม่พบเกณฑ์ "{catalogue_id}" (ไฟล์ catalogues/{catalogue_id}.yml)',
        f'catalogue "{catalogue_id}" not found (catalogues/{catalogue_id}.yml)',
    )
    return None


def load_catalogue(catalogue_id: str, dirs: tuple[Path, ...] = ()) -> Catalogue:
    """The catalogue `<catalogue_id>.yml` from `dirs` (searched first) or the built-in ones.
    Raises ValueError whose text is one message per problem, Thai with the English in brackets.
    """
    problems = Problems()
    catalogue = read_catalogue(catalogue_id, (*dirs, BUILTIN_DIR), problems, ("", 0))
    if catalogue is None:
        raise ValueError("\n".join(_message(problem) for problem in problems))
    return catalogue


def _message(problem: Problem) -> str:
    # A problem of the catalogue's own file names it; one about the id has no place to name.
    text = f"{problem.thai} ({problem.english})"
    return f"{problem.path}:{problem.line}: {text}" if problem.path else text
