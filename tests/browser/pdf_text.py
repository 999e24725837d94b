"""The text of a PDF page as a reader gets it by copying, read with pypdf.

Chromium draws Thai with the font's contextual glyphs (a tone mark moved left over ป, SARA AM
drawn as two glyphs) that have no Unicode value of their own, and wraps each such cluster in a
`/Span <</ActualText (...)>>` that says which characters it shows. PDF viewers copy the
ActualText; pypdf's `extract_text` ignores it and returns "ป งบประมาณ" for "ปีงบประมาณ". This
reads the page's text operators itself: glyphs through each font's ToUnicode map, and every
ActualText span as its text. Whitespace is not kept: the checks compare text without it.
"""

from __future__ import annotations

import re
from typing import Any

from pypdf import PageObject
from pypdf.generic import ContentStream, DictionaryObject

_BFCHAR = re.compile(r"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(r"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(r"<([0-9A-Fa-f]*)>")


def _utf16(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be", errors="replace").replace("\x00", "")


def to_unicode_map(font: DictionaryObject) -> dict[int, str]:
    """Glyph code → text, from the font's ToUnicode CMap (bfchar and bfrange entries)."""
    if "/ToUnicode" not in font:
        return {}
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    codes: dict[int, str] = {}
    for block in _BFCHAR.findall(cmap):
        values = _HEX.findall(block)
        for code, text in zip(values[::2], values[1::2], strict=True):
            codes[int(code, 16)] = _utf16(text)
    for block in _BFRANGE.findall(cmap):
        for line in block.strip().splitlines():
            values = _HEX.findall(line)
            first, last = int(values[0], 16), int(values[1], 16)
            if "[" in line:  # <first> <last> [<text> <text> ...]
                for offset, text in enumerate(values[2:]):
                    codes[first + offset] = _utf16(text)
            else:  # <first> <last> <text of first>, the next ones counting up
                start = int(values[2], 16)
                for offset in range(last - first + 1):
                    codes[first + offset] = chr(start + offset)
    return codes


def page_text(page: PageObject) -> str:
    """The page's text without whitespace, ActualText spans included."""
    fonts = page["/Resources"].get("/Font", DictionaryObject())
    maps = {name: to_unicode_map(font.get_object()) for name, font in fonts.items()}
    content = ContentStream(page.get_contents(), page.pdf)
    codes: dict[int, str] = {}
    spans: list[str | None] = []  # the ActualText of each open marked-content span, or None
    out: list[str] = []
    for operands, operator in content.operations:
        if operator == b"Tf":
            codes = maps.get(operands[0], {})
        elif operator in (b"BDC", b"BMC"):
            actual = _actual_text(operands)
            spans.append(actual)
            if actual is not None:
                out.append(actual)
        elif operator == b"EMC" and spans:
            spans.pop()
        elif operator in (b"Tj", b"TJ", b"'", b'"') and not any(s is not None for s in spans):
            out.extend(_show(operands, codes))
    return re.sub(r"\s+", "", "".join(out))


def _actual_text(operands: list[Any]) -> str | None:
    if len(operands) < 2 or not isinstance(operands[1], dict):
        return None
    actual = operands[1].get("/ActualText")
    return None if actual is None else str(actual)


def _show(operands: list[Any], codes: dict[int, str]) -> list[str]:
    strings = operands[-1] if isinstance(operands[-1], list) else [operands[-1]]
    text = []
    for item in strings:
        if isinstance(item, bytes | str):
            # pypdf decodes string operands as text; the glyph codes are the original bytes.
            data = getattr(item, "original_bytes", item)
            for index in range(0, len(data) - 1, 2):  # Identity-H: two bytes per glyph
                text.append(codes.get(int.from_bytes(data[index : index + 2], "big"), ""))
    return text
