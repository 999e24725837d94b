"""The ITA catalogue of a round: tools, areas, OIT items, survey items, display groups, levels.

Catalogues are data (`catalogues/<id>.yml`, one file per framework); a year picks one in its
`year.yml`. A new round's list is one more file, validated here like any record.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from site_builder.models import Code, Integer, Record, Score, Text, fail

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


class Item(Record):
    """An OIT item: one page per fiscal year at /ita/<fy>/<code>/."""

    code: Code
    title: Text
    needs: Text
    made_from: Literal["measures", "report"] | None = None

    @property
    def number(self) -> int:
        return int(self.code[1:])


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

    def tool_of(self, code: str) -> str:
        return {"o": "oit", "i": "iit", "e": "eit"}[code[0]]
