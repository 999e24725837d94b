"""YAML read as text, with the line of every value, and nothing implicit.

PyYAML's loaders turn `no` into False, `010` into 8, `12:30` into 750 and dates into `date`
objects, expand aliases (a few hundred bytes can become gigabytes) and keep the last of two
duplicate keys. Here the parser's event stream is assembled by hand instead: every scalar stays a
string, aliases, tags and duplicate keys are errors, nesting is capped, and each value's line is
kept so that the model's complaints can name it. No recursion, so deep nesting cannot crash us.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_DEPTH = 12
_SURROGATE = re.compile("[\ud800-\udfff]")
# One line of plain block YAML: indentation, an optional "- ", then `key:`, `key: value` or a
# value; the value double-quoted (escapes \" and \\ only), single-quoted, a list of ASCII words
# in brackets, or plain text that starts with no YAML indicator and holds no ": " or " #". Or a
# comment, or nothing.
_VALUE = (
    r'(?:"(?:[^"\\]|\\["\\])*"'
    r"|\[ *(?:[A-Za-z0-9_-]+ *(?:, *[A-Za-z0-9_-]+ *)*)?\]"
    r"|'(?:[^']|'')*'"
    r"|[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#]|:(?! |$)|(?<! )#)*(?<!:))"
)
_SIMPLE_LINE = re.compile(rf"( *)(?:#.*|(?:- +)?(?:[A-Za-z0-9_]+:(?: +{_VALUE})?|{_VALUE})?) *")
# Characters the two parsers treat differently, or that only the Python parser explains well.
# (U+2028 and U+2029 are line breaks to YAML, U+FEFF a byte order mark to libyaml.)
_ODD_CHARACTER = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")

KeyPath = tuple[str | int, ...]
"""Where a value is in a document: keys and list positions, e.g. ("documents", 0, "file")."""


@dataclass
class YamlError(Exception):
    line: int
    thai: str
    english: str


@dataclass
class YamlDocument:
    """Plain data (dict / list / str / None) and the line of each value, by its path."""

    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: tuple[Any, ...]) -> int:
        # The longest known prefix: a missing key is reported on its parent's line.
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


# Scanner and parser messages people actually meet, in Thai. Others fall back to a generic text.
_KNOWN_PROBLEMS = (
    (
        "found character '\\t' that cannot start any token",
        "ใช้แท็บ (Tab) ย่อหน้าไม่ได้ ให้ใช้ช่องว่างแทน",
        "tab used for indentation; use spaces",
    ),
    (
        "mapping values are not allowed here",
        'ค่ามีเครื่องหมาย ": " อยู่ข้างใน ให้ครอบค่านั้นด้วยเครื่องหมายคำพูด "..."',
        'a value contains ": "; put the value in quotes',
    ),
    (
        "found unexpected end of stream",
        "เครื่องหมายคำพูดหรือวงเล็บไม่ได้ปิด",
        "a quote or bracket is not closed",
    ),
    (
        "found undefined alias",
        "ไม่รองรับการอ้างอิงแบบ alias (*)",
        "aliases (*) are not allowed",
    ),
)


def _syntax_error(exc: yaml.YAMLError, first_line: int) -> YamlError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = first_line + (mark.line if mark is not None else 0)
    problem = str(getattr(exc, "problem", "") or exc).strip()
    for needle, thai, english in _KNOWN_PROBLEMS:
        if needle in problem:
            return YamlError(line, thai, english)
    # Where an unclosed bracket or quote began is what the person must look at.
    context = getattr(exc, "context_mark", None)
    start = first_line + context.line if context is not None else line
    if start != line:
        return YamlError(
            line,
            f"รูปแบบ YAML ไม่ถูกต้อง ต่อเนื่องจากบรรทัด {start}",
            f"YAML syntax error: {problem} (started at line {start})",
        )
    return YamlError(line, "รูปแบบ YAML ไม่ถูกต้อง", f"YAML syntax error: {problem}")


def parse(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document whose first line is line `first_line` of its file.

    Raises YamlError for the first problem found (YAML syntax stops at its first error anyway).
    """
    # libyaml (C) reads a record about ten times faster than PyYAML's Python parser, which made
    # most of the time of `check`. But the two differ at the edges (a tab after "key:", "|#",
    # U+FEFF, empty documents) and in their messages, which _KNOWN_PROBLEMS translates: so only
    # plain block YAML (`_SIMPLE_LINE`: what records are made of) goes to libyaml, and anything
    # else, or anything libyaml or the checks below refuse, is read by the Python parser, whose
    # answer (document or error) is the one given. tests/test_safe_yaml_fast.py compares both.
    if yaml.__with_libyaml__ and _is_simple(text):
        try:
            return _assemble(yaml.parse(text, Loader=yaml.CSafeLoader), first_line)
        except Exception:
            pass  # decided by the Python parser below
    return _assemble(yaml.parse(text, Loader=yaml.SafeLoader), first_line)


def _is_simple(text: str) -> bool:
    if _ODD_CHARACTER.search(text):
        return False
    return all(_SIMPLE_LINE.fullmatch(line) for line in text.split("\n"))


def _assemble(events: Iterator[yaml.Event], first_line: int) -> YamlDocument:
    """The document made of a parser's events; YamlError on the first problem."""
    doc = YamlDocument(None)
    # Each open container: (value, path, pending key for mappings, line of that key).
    stack: list[list[Any]] = []
    root_set = False
    documents = 0

    def place(value: Any, line: int) -> KeyPath:
        nonlocal root_set
        if not stack:
            if root_set:
                raise YamlError(line, "มีเอกสาร YAML มากกว่าหนึ่งชุด", "more than one YAML document")
            doc.data = value
            root_set = True
            doc.lines[()] = line
            return ()
        top = stack[-1]
        container, path = top[0], top[1]
        if isinstance(container, list):
            child = (*path, len(container))
            container.append(value)
            doc.lines[child] = line
            return child
        # A mapping: this value is either a key or the value of the pending key.
        if top[2] is None:
            if not isinstance(value, str):
                raise YamlError(line, "ชื่อคีย์ต้องเป็นข้อความ", "a key must be plain text")
            if value in container:
                first = doc.lines[(*path, value)]
                raise YamlError(
                    line,
                    f'คีย์ "{value}" ซ้ำกับบรรทัด {first}',
                    f'duplicate key "{value}" (first at line {first})',
                )
            top[2], top[3] = value, line
            return path
        key = top[2]
        container[key] = value
        doc.lines[(*path, key)] = top[3]
        top[2] = None
        return (*path, key)

    try:
        for event in events:
            line = first_line + event.start_mark.line
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlError(line, "มีเอกสาร YAML มากกว่าหนึ่งชุด", "more than one YAML document")
            elif isinstance(event, yaml.AliasEvent):
                raise YamlError(line, "ไม่รองรับการอ้างอิงแบบ alias (*)", "aliases (*) are not allowed")
            elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                raise YamlError(line, "ไม่รองรับ anchor (&)", "anchors (&) are not allowed")
            elif isinstance(
                event, yaml.ScalarEvent | yaml.CollectionStartEvent
            ) and event.tag not in (None, "!"):
                raise YamlError(line, f"ไม่รองรับแท็ก {event.tag}", f"tag {event.tag} not allowed")
            elif isinstance(event, yaml.ScalarEvent):
                # "\ud83d" escapes decode to half of a character, which no file can store.
                if _SURROGATE.search(event.value):
                    raise YamlError(
                        line,
                        "มีรหัสอักขระที่ไม่สมบูรณ์ (เช่น \\ud83d)",
                        "incomplete character escape (a lone surrogate such as \\ud83d)",
                    )
                # An empty plain value (`key:`) means "nothing"; every other scalar is text.
                empty = event.value == "" and not event.style  # libyaml: "", PyYAML: None
                place(None if empty else event.value, line)
            elif isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(
                        line,
                        f"ซ้อนกันลึกเกิน {MAX_DEPTH} ชั้น",
                        f"nested deeper than {MAX_DEPTH} levels",
                    )
                value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                path = place(value, line)
                stack.append([value, path, None, 0])
            elif isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, first_line) from None
    return doc
