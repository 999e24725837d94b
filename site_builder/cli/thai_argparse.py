"""argparse in Thai: its headings, its help option and its error messages.

argparse takes its own strings from gettext, which has no Thai catalogue and is global to the
process; this parser replaces them for our commands only. Error messages arrive already
formatted in English, so they are matched against the patterns below (argparse's own texts).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

USAGE_PREFIX = "วิธีใช้: "
POSITIONALS_TITLE = "ค่าที่ต้องระบุ"
OPTIONALS_TITLE = "ตัวเลือก"
HELP_TEXT = "แสดงวิธีใช้นี้แล้วจบ (show this help and exit)"

# argparse's English error (after formatting) → Thai, then a short English in brackets.
ERRORS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), thai, english)
    for pattern, thai, english in (
        (
            r"the following arguments are required: (?P<x>.*)",
            "ต้องระบุ {x}",
            "required: {x}",
        ),
        (r"unrecognized arguments: (?P<x>.*)", "ไม่รู้จัก {x}", "unrecognized: {x}"),
        (
            r"argument (?P<a>\S+): invalid choice: (?P<x>\S+) \(choose from (?P<c>.*)\)",
            "{a}: ไม่มีคำสั่งหรือค่า {x} (เลือกได้ {c})",
            "invalid choice {x}",
        ),
        (
            r"argument (?P<a>\S+): expected one argument",
            "{a}: ต้องมีค่าตามหลัง",
            "{a} expects a value",
        ),
        (
            r"argument (?P<a>\S+): expected (?P<x>.*) arguments?",
            "{a}: ต้องมีค่า {x} ค่า",
            "{a} expects {x} values",
        ),
        (
            r"argument (?P<a>\S+): invalid (?P<t>\S+) value: (?P<x>.*)",
            "{a}: ค่า {x} ใช้ไม่ได้",
            "{a}: invalid value {x}",
        ),
        (
            r"argument (?P<a>\S+): ignored explicit argument (?P<x>.*)",
            "{a}: ไม่รับค่า {x}",
            "{a} takes no value",
        ),
        (
            r"ambiguous option: (?P<x>\S+) could match (?P<m>.*)",
            "ตัวเลือก {x} กำกวม อาจเป็น {m}",
            "ambiguous option {x}",
        ),
        (
            r"argument (?P<a>\S+): not allowed with argument (?P<b>.*)",
            "ใช้ {a} คู่กับ {b} ไม่ได้",
            "{a} not allowed with {b}",
        ),
        (
            r"one of the arguments (?P<x>.*) is required",
            "ต้องระบุอย่างใดอย่างหนึ่ง: {x}",
            "one of {x} is required",
        ),
        # Our own types raise Thai messages with their English already: only the name is added.
        (r"argument (?P<a>\S+): (?P<x>.*)", "{a}: {x}", ""),
    )
)


def thai_error(message: str) -> str:
    for pattern, thai, english in ERRORS:
        match = pattern.fullmatch(message)
        if match:
            words = match.groupdict()
            text = thai.format(**words)
            return f"{text} ({english.format(**words)})" if english else text
    return message


class ThaiHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples in descriptions and epilogues as written, line by line."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)


class ThaiArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", ThaiHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = POSITIONALS_TITLE
        self._optionals.title = OPTIONALS_TITLE
        if add_help:
            self.add_argument("-h", "--help", action="help", help=HELP_TEXT)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: ผิดพลาด: {thai_error(message)}\n")
