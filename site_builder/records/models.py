"""The records of the content contract, typed.

Front matter arrives as strings, lists, mappings and None (see `safe_yaml`); every conversion
(Thai digits, periods, dates, codes) happens here, and every complaint is raised as a
`PydanticCustomError` of type "ita" carrying a Thai and an English message, so that
`validation.describe_errors` can print it against the right line.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from site_builder import thai

# Zero-width and bidirectional controls: invisible, so never allowed in ids, codes or file names.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
INDICATOR_CODE = re.compile(r"^[oie][1-9][0-9]{0,2}$")
RECORD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Ids of an item's required elements (`fee`, `steps`): defined by the catalogue, cited by records.
ELEMENT_ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


def fail(thai_message: str, english: str) -> PydanticCustomError:
    return PydanticCustomError(
        "ita", "{thai} ({english})", {"thai": thai_message, "english": english}
    )


# Control characters (tab and line feed allowed: folded and literal YAML values hold them) and
# bidi embeddings, overrides and isolates, which make a value read in another order.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
MAX_INTEGER_DIGITS = 4
# The sample report prints scores such as 98.965: three decimals, never more.
MAX_SCORE_DECIMALS = 3


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise fail("ต้องเป็นข้อความ", "must be text")
    value = thai.normalize_thai(value).strip()
    if not value:
        raise fail("ต้องไม่ว่าง", "must not be empty")
    control = CONTROL.search(value)
    if control:
        code = f"U+{ord(control.group()):04X}"
        raise fail(f"มีอักขระควบคุม {code} ซึ่งมองไม่เห็น", f"contains control character {code}")
    if BIDI.search(value):
        raise fail(
            "มีอักขระกลับทิศทางข้อความ (bidi override) ซึ่งไม่อนุญาต",
            "contains a bidi override character",
        )
    if not any(_visible(char) for char in value):
        raise fail("ต้องมีตัวอักษรที่มองเห็นได้", "must contain visible text")
    return value


def _visible(char: str) -> bool:
    # Letters, digits, punctuation and symbols; not spaces, format characters or lone marks.
    return not char.isspace() and unicodedata.category(char)[0] not in "CZM"


def _text_list(value: Any) -> list[str]:
    # A single string is accepted where a list is expected: webmasters often write one item.
    if isinstance(value, str):
        return [_text(value)]
    if not isinstance(value, list):
        raise fail("ต้องเป็นรายการ (ขึ้นบรรทัดละ - )", "must be a list")
    return value


def _integer(value: Any) -> int:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9๐-๙]+", value.strip()):
        shown = _shown(value)
        raise fail(f'ต้องเป็นจำนวนเต็ม ได้ "{shown}"', f'must be a whole number, got "{shown}"')
    if len(value.strip()) > MAX_INTEGER_DIGITS:
        raise fail(
            f"ต้องเป็นจำนวนเต็มไม่เกิน {MAX_INTEGER_DIGITS} หลัก ได้ {len(value.strip()):,} หลัก",
            f"must be a whole number of at most {MAX_INTEGER_DIGITS} digits",
        )
    return int(thai.to_arabic_digits(value.strip()))


def _shown(value: Any) -> str:
    # A value quoted back in a message is cut short: a 5,000-digit typo is not printed whole.
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _score(value: Any) -> Decimal:
    text = thai.to_arabic_digits(value.strip()) if isinstance(value, str) else None
    if text is None or not re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]+)?", text):
        shown = _shown(value)
        raise fail(f'คะแนนต้องเป็นตัวเลข ได้ "{shown}"', f'score must be a number, got "{shown}"')
    if "." in text and len(text.partition(".")[2]) > MAX_SCORE_DECIMALS:
        raise fail(
            f"คะแนนมีทศนิยมได้ไม่เกิน {MAX_SCORE_DECIMALS} ตำแหน่ง ได้ {_shown(text)}",
            f"a score has at most {MAX_SCORE_DECIMALS} decimals, got {_shown(text)}",
        )
    try:
        score = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above already guarantees a number
        raise fail("คะแนนต้องเป็นตัวเลข", "score must be a number") from None
    if not Decimal(0) <= score <= Decimal(100):
        raise fail(f"คะแนนต้องอยู่ระหว่าง 0 ถึง 100 ได้ {text}", f"score must be 0-100, got {text}")
    return score


def _code(value: Any) -> str:
    if not isinstance(value, str):
        raise fail("รหัสตัวชี้วัดต้องเป็นข้อความ", "indicator code must be text")
    if INVISIBLE.search(value):
        raise fail("รหัสมีอักขระที่มองไม่เห็น", "code contains invisible characters")
    code = thai.to_arabic_digits(value.strip()).lower()
    if not INDICATOR_CODE.match(code):
        raise fail(
            f'รหัสตัวชี้วัด "{value}" ไม่ถูกรูปแบบ (เช่น o10, i7, e1)',
            f'indicator code "{value}" is malformed (e.g. o10, i7, e1)',
        )
    return code


def _date(value: Any) -> date:
    if not isinstance(value, str):
        raise fail("วันที่ต้องเป็นข้อความ เช่น 15 ม.ค. 2568", "date must be text, e.g. 15 ม.ค. 2568")
    try:
        return thai.parse_date(value)
    except thai.ThaiDateError as exc:
        raise fail(exc.thai, exc.english) from None


def _element_id(value: Any) -> str:
    if not isinstance(value, str):
        raise fail("รหัสองค์ประกอบต้องเป็นข้อความ", "element id must be text")
    if not ELEMENT_ID.match(value.strip()):
        raise fail(
            f'รหัสองค์ประกอบ "{value}" ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และ _ เช่น fee',
            f'element id "{value}" must be lowercase a-z, 0-9 and _, e.g. fee',
        )
    return value.strip()


def _period_of(value: Any, info: ValidationInfo) -> thai.Period:
    # A period without a year ("ต.ค. - มี.ค.") is placed in the record's own fiscal year.
    text = _text(value)
    try:
        return thai.parse_period(text, fiscal_year=(info.context or {}).get("fiscal_year"))
    except thai.ThaiDateError as exc:
        raise fail(exc.thai, exc.english) from None


# The JSON Schema describes what people write in YAML, not the converted Python values.
_NUMBER_SCHEMA = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": "^[0-9๐-๙.]+$"}]}
Text = Annotated[str, BeforeValidator(_text), WithJsonSchema({"type": "string"})]
TextList = Annotated[
    list[Text],
    BeforeValidator(_text_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
Integer = Annotated[int, BeforeValidator(_integer), WithJsonSchema(_NUMBER_SCHEMA)]
Score = Annotated[Decimal, BeforeValidator(_score), WithJsonSchema(_NUMBER_SCHEMA)]
Code = Annotated[
    str,
    BeforeValidator(_code),
    WithJsonSchema({"type": "string", "pattern": "^[oieOIE][0-9๐-๙]+$"}),
]
ThaiDate = Annotated[
    date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "description": "15 ม.ค. 2568, 2025-01-15, 15/01/2568"}),
]
ElementId = Annotated[
    str,
    BeforeValidator(_element_id),
    WithJsonSchema({"type": "string", "pattern": ELEMENT_ID.pattern}),
]
ElementIds = Annotated[
    list[ElementId],
    BeforeValidator(_text_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
PeriodText = Annotated[
    thai.Period,
    WithJsonSchema({"type": "string", "description": "ม.ค. - มี.ค. ๒๕๖๘, ต.ค. ๒๕๖๗ ถึง ก.ย. ๒๕๖๘"}),
]


def _contact(value: Any) -> str:
    # Imported here: personal_data reads attachments, which need this module's INVISIBLE.
    from site_builder.records.personal_data import contact_problem

    text = _text(value)
    problem = contact_problem(text)
    if problem is not None:
        raise fail(*problem)
    return text


ContactList = Annotated[
    list[Annotated[str, BeforeValidator(_contact), WithJsonSchema({"type": "string"})]],
    BeforeValidator(_text_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


class Record(BaseModel):
    # Unknown keys are typos (`tittle:`): forbid them. Values never arrive typed, so be strict
    # about what the converters above return, and keep the field order of the contract.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Outcome(Record):
    indicator: Code
    score: Score | None = None
    note: Text | None = None


class MeasureRecord(Record):
    """`content/ita/<fy>/measures/<id>.md`: one measure; the body is its steps."""

    title: Text
    area: Integer
    period: PeriodText
    responsible: TextList
    results: TextList = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    order: Integer | None = None

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: Any, info: ValidationInfo) -> thai.Period:
        return _period_of(value, info)


class Document(Record):
    title: Text
    file: Text | None = None
    url: Text | None = None
    date: ThaiDate | None = None
    # The period the document reports on (same Thai syntax as a measure's period), and which of
    # the item's required elements it contains: what `readiness` compares with the catalogue.
    period: PeriodText | None = None
    covers: ElementIds = Field(default_factory=list)

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: Any, info: ValidationInfo) -> thai.Period | None:
        return None if value is None else _period_of(value, info)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
            raise fail(
                "ลิงก์ต้องขึ้นต้นด้วย https:// หรือ http://", "url must start with https:// or http://"
            )
        return value

    @model_validator(mode="after")
    def _file_or_url(self) -> Document:
        if (self.file is None) == (self.url is None):
            raise fail(
                "เอกสารต้องมี file หรือ url อย่างใดอย่างหนึ่ง",
                "a document needs exactly one of file or url",
            )
        return self


class DisclosureRecord(Record):
    """`content/ita/<fy>/o<N>/index.md`: what the agency publishes for one o-item."""

    documents: list[Document] = Field(default_factory=list)
    updated: ThaiDate | None = None
    # Contacts published on purpose (an executive's office phone or e-mail on o2/o4): the
    # personal-data check lets exactly these values through, in this record and its files.
    public_contacts: ContactList = Field(default_factory=list)
    # Elements of the item that the body text itself contains (`covers: [address, phone]`).
    covers: ElementIds = Field(default_factory=list)
    # "Nothing to report" said explicitly (e.g. ไม่มีเรื่องร้องเรียน...): shown on the page, and
    # accepted by `readiness` where the catalogue allows it for the item.
    nothing_to_report: Text | None = None


def _web_url(value: str | None) -> str | None:
    if value is not None and not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        raise fail("ลิงก์ต้องขึ้นต้นด้วย https:// หรือ http://", "url must start with https:// or http://")
    return value


def _colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise fail(f'สีต้องเขียนแบบ #1a3a6b ได้ "{value}"', f'colour must be #rrggbb, got "{value}"')
    return value.lower()


WebUrl = Annotated[Text, AfterValidator(_web_url)]
Colour = Annotated[Text, AfterValidator(_colour)]


class YearResult(Record):
    """The year's ITA result as the NACC published it: the site shows it as given, with its
    source, and never computes a result of its own."""

    # The assessment round (พ.ศ.) the result belongs to, e.g. 2568.
    round: Integer | None = None
    total: Score | None = None
    # The level as published (ผ่านดีเยี่ยม ...); without it, the level follows from the
    # catalogue's thresholds and the page says so.
    grade: Text | None = None
    iit: Score | None = None
    eit: Score | None = None
    oit: Score | None = None
    # Where the NACC published it (the ITAS result page or announcement).
    source: WebUrl | None = None


class YearConfig(Record):
    """`content/ita/<fy>/year.yml`."""

    catalogue: Text
    result: YearResult | None = None
    # The round the measures' outcome scores come from: a report written early in a fiscal
    # year quotes the previous round's results, so the pages label scores with this round.
    scores_round: Integer | None = None


class AgencyIdentity(Record):
    """Who publishes the site (plugin option `identity` in mkdocs.yml): shown in the header and
    the footer of every page and on the website-policy page. Only `name` is required."""

    name: Text
    name_en: Text | None = None
    # A seal or logo and a favicon: paths inside the theme or docs folder, as MkDocs' `logo`.
    logo: Text | None = None
    favicon: Text | None = None
    # The header colour (#rrggbb); the default is a dark government blue.
    colour: Colour = "#1a3a6b"
    address: Text | None = None
    phone: Text | None = None
    office_hours: Text | None = None
    email: Text | None = None
    website: WebUrl | None = None
    complaints: WebUrl | None = None
    # The link text of `complaints` (e.g. the agency's own complaint page or the NACC's).
    complaints_title: Text | None = None


class PageMeta(Record):
    """Front matter of a free Markdown page (e.g. content/index.md): only what themes use."""

    title: Text | None = None
    description: Text | None = None
    hide: list[Literal["navigation", "toc", "footer", "path", "tags"]] = Field(default_factory=list)


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema of each record, for editors and tools (written by `site_builder schema`)."""
    return {
        "measure": MeasureRecord.model_json_schema(mode="validation"),
        "disclosure": DisclosureRecord.model_json_schema(mode="validation"),
        "year": YearConfig.model_json_schema(mode="validation"),
        "page": PageMeta.model_json_schema(mode="validation"),
    }
