"""One normaliser before matching: the text as a reader of the published page sees it.

Every text the personal-data scanner reads (bodies, front matter, every attachment part) goes
through `normalise` first (as `normalise_characters`, then `strip_markup`; `tags_only` for
attributes), so that one set of patterns catches a number however it was typed:
entities decoded, Unicode NFKC, every digit script in ASCII, invisible characters and soft hyphens
dropped, all dashes one `-`, runs of spaces one space, inline tags and Markdown emphasis removed,
and a number wrapped over two lines joined. Line numbers are kept: the result has exactly as many
`\\n` as the input, and a joined number stays on the line where it starts.

Every expression here is linear in the input: no nested unbounded repetition.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Entities as Python-Markdown and the browser decode them (`&#64;`, `&#x31;`, `&commat;`).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
# Escapes of YAML double-quoted strings ("\u0031101700230708" is published as digits).
_YAML_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")
# Zero-width, joiners, bidi controls, soft hyphen, variation selectors, fillers: never seen.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
# Any decimal digit of any script that NFKC left alone (Thai, Arabic-Indic, Devanagari ...).
# (The lookahead lets the engine skip ASCII and Thai letters without trying `\d` on each.)
_NON_ASCII_DIGIT = re.compile(r"(?=[^\x00-\u065f])\d")
_DASHES = re.compile("[\u2010-\u2015\u2043\u2212\u2796\ufe58\ufe63\uff0d]")
_DOTS = re.compile("[\u00b7\u2022\u2024\u2027\u2219\u22c5\u30fb]")
_SLASHES = re.compile("[\u2044\u2215\u29f8]")
# Runs of two or more, or a single tab / no-break space; a lone space is left as it is.
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
# Inline tags vanish (`1101<span>700</span>230708` shows as one number); block tags (cells,
# paragraphs, line breaks) separate what they hold, as the browser does.
_INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]{0,40})(?:[\s/][^<>\n]{0,1000})?>")
# Markdown emphasis and backslash escapes inside a number (`110**1700**230708`, `1\-1017`).
_UNDERSCORES = re.compile(r"(?<=[0-9])_+|(?<!_)_+(?=[0-9])")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# A number cut by a line break (a wrapped dashed ID, folded YAML): the rest of the number moves up
# to the line where it starts, and the line break follows it, so the line count is unchanged.
# A number wrapped more than once is joined in the same pass.
_WRAPPED_NUMBER = re.compile(r"([0-9][ ./()-]{0,3})\n ?((?:[ ./()-]{0,3}(?:\n ?)?[0-9]){1,40})")


def _untagged(match: re.Match[str]) -> str:
    return "" if match[1].lower() in _INLINE_TAGS else " "


def _joined(match: re.Match[str]) -> str:
    rest = match[2]
    breaks = rest.count("\n") + 1
    return match[1] + rest.replace("\n ", "").replace("\n", "") + "\n" * breaks


def _entity(match: re.Match[str]) -> str:
    # A decoded line break must not add a line: it becomes a space.
    return html.unescape(match.group()).replace("\n", " ").replace("\r", " ")


# The digit scripts a Thai webmaster meets, by table; any other script through `_digit`.
_COMMON_DIGITS = {
    zero + value: str(value)
    for zero in (0x0E50, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0ED0, 0x1040, 0x17E0)
    for value in range(10)
}


def _digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group()))


def _escape(match: re.Match[str]) -> str:
    char = chr(min(int(match.group()[2:], 16), 0x10FFFF))
    return " " if char in "\n\r" else char


def normalise_characters(text: str) -> str:
    """Entities, escapes, NFKC, digits, dashes, dots, slashes, invisible characters: every
    character as the reader sees it, markup still in place."""
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    if "\\" in text:
        text = _YAML_ESCAPE.sub(_escape, text)
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = text.translate(_COMMON_DIGITS)
    text = _NON_ASCII_DIGIT.sub(_digit, text)
    text = _DASHES.sub("-", text)
    text = _DOTS.sub(".", text)
    return _SLASHES.sub("/", text)


def strip_markup(text: str) -> str:
    """Tags and Markdown emphasis out, spaces collapsed, wrapped numbers joined."""
    if "<" in text and ">" in text:
        text = _TAG.sub(_untagged, text)
    # Each pass only where its character occurs: most text has none of them.
    text = text.replace("*", "")
    if "_" in text:
        text = _UNDERSCORES.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub("", text)
    text = _SPACES.sub(" ", text)
    return _WRAPPED_NUMBER.sub(_joined, text)


def normalise(text: str) -> str:
    """The text as it reads, for matching."""
    return strip_markup(normalise_characters(text))


# Everything that is not inside a tag: a whole run after `>`, a line break or the start, or a
# run after `<` that no `>` closes (possessive, so that no shorter run is tried). Line breaks
# stay, so lines stay.
_OUTSIDE_TAGS = re.compile(r"(?<![^>\n])[^<>\n]++|(?<=<)[^<>\n]++(?!>)")


def tags_only(text: str) -> str:
    """The tags of character-normalised `text` and nothing else, on their lines: attribute values
    (`href="mailto:..."`, `data-id`) are published too, and are read from this view."""
    return _SPACES.sub(" ", _OUTSIDE_TAGS.sub(" \x00 ", text))
