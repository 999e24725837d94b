"""Turn a record's data into a typed model, or into problems on the right lines."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from site_builder.records.problems import Problems
from site_builder.records.safe_yaml import YamlDocument

ModelT = TypeVar("ModelT", bound=BaseModel)

_KIND_TH = {
    "string_type": ("ต้องเป็นข้อความ", "must be text"),
    "list_type": ("ต้องเป็นรายการ (ขึ้นบรรทัดละ - )", "must be a list"),
    "dict_type": ("ต้องเป็นชุดคีย์และค่า", "must be a mapping of keys"),
    "model_type": ("ต้องเป็นชุดคีย์และค่า", "must be a mapping of keys"),
    "model_attributes_type": ("ต้องเป็นชุดคีย์และค่า", "must be a mapping of keys"),
    "dataclass_type": ("ต้องเป็นข้อความ", "must be text"),
    "literal_error": ("ค่าไม่อยู่ในค่าที่อนุญาต", "value not allowed"),
    "int_type": ("ต้องเป็นจำนวนเต็ม", "must be a whole number"),
}


# What one entry of each list of records is called, Thai and English: documents[1] is
# "เอกสารลำดับที่ 2". Lists of plain values (covers, results...) are "ช่อง covers รายการที่ 2".
LIST_ENTRY_NAMES: dict[str, tuple[str, str]] = {
    "documents": ("เอกสาร", "document"),
    "outcomes": ("ผลลัพธ์", "outcome"),
    "items": ("ตัวชี้วัด", "item"),
    "elements": ("องค์ประกอบ", "element"),
    "areas": ("ประเด็น", "area"),
    "groups": ("กลุ่ม", "group"),
    "survey": ("ข้อคำถาม", "survey item"),
    "levels": ("ระดับ", "level"),
    "tools": ("เครื่องมือ", "tool"),
}


def field_names(loc: tuple[Any, ...]) -> tuple[str, str]:
    """The field in words, Thai and English: ('documents', 1, 'file') is
    "เอกสารลำดับที่ 2 ช่อง file" and "document 2, field file"; a top key stays its name."""
    thai_parts: list[str] = []
    english_parts: list[str] = []
    for index, part in enumerate(loc):
        if isinstance(part, int):
            continue
        following = loc[index + 1] if index + 1 < len(loc) else None
        if isinstance(following, int) and part in LIST_ENTRY_NAMES:
            noun_th, noun_en = LIST_ENTRY_NAMES[part]
            thai_parts.append(f"{noun_th}ลำดับที่ {following + 1}")
            english_parts.append(f"{noun_en} {following + 1}")
        elif isinstance(following, int):
            thai_parts.append(f"ช่อง {part} รายการที่ {following + 1}")
            english_parts.append(f"field {part}, entry {following + 1}")
        elif thai_parts:
            thai_parts.append(f"ช่อง {part}")
            english_parts.append(f"field {part}")
        else:
            thai_parts.append(str(part))
            english_parts.append(str(part))
    return " ".join(thai_parts), ", ".join(english_parts)


def field_name(loc: tuple[Any, ...]) -> str:
    """The Thai name of the field, as messages print it (see `field_names`)."""
    return field_names(loc)[0]


def validate(
    model: type[ModelT],
    doc: YamlDocument,
    path: str,
    problems: Problems,
    context: dict[str, Any] | None = None,
) -> ModelT | None:
    """The model for this document, or None after adding one problem per invalid field."""
    if not isinstance(doc.data, dict):
        problems.error(
            path,
            doc.line_of(()),
            "ส่วนหัวต้องเป็นชุดคีย์และค่า (key: value)",
            "front matter must be a mapping of keys",
        )
        return None
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for error in _without_implied(errors, model):
            loc = tuple(error["loc"])
            line = doc.line_of(loc)
            thai, english = describe(error, model, loc)
            problems.error(path, line, thai, english)
        return None


def _without_implied(errors: list[Any], model: type[BaseModel]) -> list[Any]:
    """Drop "missing title" when "unknown key tittle" already says it: one mistake, one line."""
    suggested = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            guess = difflib.get_close_matches(str(loc[-1]), _known_keys(model, loc[:-1]), n=1)
            if guess:
                suggested.add((*loc[:-1], guess[0]))
    return [
        error
        for error in errors
        if not (error["type"] == "missing" and tuple(error["loc"]) in suggested)
    ]


def describe(error: Any, model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, str]:
    kind = error["type"]
    name, name_en = field_names(loc)
    if kind == "ita":
        ctx = error["ctx"]
        return f"{name}: {ctx['thai']}", f"{name_en}: {ctx['english']}"
    if kind in ("missing", "extra_forbidden"):
        # The key itself is quoted; the list entry it belongs to (if any) is said in words.
        key = str(loc[-1])
        where, where_en = field_names(loc[:-1]) if len(loc) > 1 else ("", "")
        where = f"{where} " if where else ""
        where_en = f" in {where_en}" if where_en else ""
        if kind == "missing":
            return f'{where}ขาดคีย์ที่ต้องมี "{key}"', f'missing required key "{key}"{where_en}'
        guess = difflib.get_close_matches(key, _known_keys(model, loc[:-1]), n=1)
        hint_th = f' หมายถึง "{guess[0]}" หรือไม่' if guess else ""
        hint_en = f', did you mean "{guess[0]}"?' if guess else ""
        return f'{where}ไม่รู้จักคีย์ "{key}"{hint_th}', f'unknown key "{key}"{where_en}{hint_en}'
    thai, english = _KIND_TH.get(kind, ("ค่าไม่ถูกต้อง", error["msg"]))
    return f"{name}: {thai}", f"{name_en}: {english}"


def _known_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    # Walk the model's fields down the location to suggest the key that was meant.
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None
