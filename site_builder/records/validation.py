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


def field_name(loc: tuple[Any, ...]) -> str:
    """`outcomes[2].score` for ('outcomes', 2, 'score'): how the message names the field."""
    name = ""
    for part in loc:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


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
    name = field_name(loc)
    if kind == "ita":
        ctx = error["ctx"]
        return f"{name}: {ctx['thai']}", f"{name}: {ctx['english']}"
    if kind == "missing":
        return f'ขาดคีย์ที่ต้องมี "{name}"', f'missing required key "{name}"'
    if kind == "extra_forbidden":
        key = str(loc[-1])
        guess = difflib.get_close_matches(key, _known_keys(model, loc[:-1]), n=1)
        hint_th = f' หมายถึง "{guess[0]}" หรือไม่' if guess else ""
        hint_en = f', did you mean "{guess[0]}"?' if guess else ""
        return f'ไม่รู้จักคีย์ "{name}"{hint_th}', f'unknown key "{name}"{hint_en}'
    thai, english = _KIND_TH.get(kind, ("ค่าไม่ถูกต้อง", error["msg"]))
    return f"{name}: {thai}", f"{name}: {english}"


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
