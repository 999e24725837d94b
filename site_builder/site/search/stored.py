"""What the index keeps in the search cache besides segmentations (segments.SegmentStore):
each page's text as `extract` read it, and each chunk's data, keyed by a digest of everything
they were made from, this package's code included (an edited rule never gets an old answer).

A full build of an unchanged site then reads no page's HTML a second time and segments no
chunk again; an edit of one record makes its year's chunk and the site chunk again only, and
in them marks only the pages whose entries are not stored (each page's entry, by its text and
by what the chunk's pages share, which one edit seldom changes).

A stored value is untrusted: in publishing, the sandboxed build of pushed content can write
the cache file. Values are JSON, decoded and checked for shape here, and whatever fails is made
again. A chunk is stored as data, never as the script it becomes: a tampered row can at worst
make search find the wrong page, never put code on one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from site_builder.site.search.extract import PageText, Section

# The code whose output is stored: any edit of it is a new key.
_PACKAGE = Path(__file__).resolve().parent
_SOURCES = ("extract.py", "text.py", "index.py", "roles.py", "segment.py", "stored.py")
CODE = hashlib.blake2b(
    b"".join((_PACKAGE / name).read_bytes() for name in _SOURCES), digest_size=16
).hexdigest()
TEXTS = "texts"
CHUNKS = "chunks"
ENTRIES = "entries"


def _digest(*parts: str) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        # Length first: ("ab", "c") and ("a", "bc") are different inputs.
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def page_key(title: str, html: str, outline: bool) -> str:
    return _digest(CODE, "outline" if outline else "page", title, html)


def chunk_key(chunk: str, rules: str, pages: Iterable[tuple[str, str, str]]) -> str:
    """`pages`: (url, kind, page key) of each page of the chunk, in the chunk's order."""
    return _digest(CODE, rules, chunk, *(part for page in pages for part in page))


def entry_key(rules: str, context: str, url: str, kind: str, page: str) -> str:
    """A page's entry in its chunk: `context` is the digest of what the chunk's other pages
    decide about it (the headings and blocks that many of them share)."""
    return _digest(CODE, rules, context, url, kind, page)


def context_key(common: Iterable[str], boilerplate: Iterable[str]) -> str:
    return _digest(*sorted(common), "\0", *sorted(boilerplate))


def encode_entry(entry: list[Any], words: Iterable[str]) -> str:
    return json.dumps([entry, sorted(words)], ensure_ascii=False, separators=(",", ":"))


def decode_entry(value: str, url: str, kind: str) -> tuple[list[Any], list[str]] | None:
    """The stored entry of the page `url` and its words, or None when the value is not one
    `encode_entry` writes for that page."""
    try:
        entry, words = json.loads(value)
    except (ValueError, TypeError):
        return None
    if not (_is_entry(entry) and entry[0] == url and entry[2] == kind and _strings(words)):
        return None
    return entry, words


def encode_text(text: PageText) -> str:
    sections = [[s.anchor, s.heading, list(s.blocks), s.level] for s in text.sections]
    return json.dumps([text.title, sections], ensure_ascii=False, separators=(",", ":"))


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def decode_text(value: str) -> PageText | None:
    """The stored text, or None when the value is not one `encode_text` writes."""
    try:
        title, sections = json.loads(value)
        decoded = []
        for anchor, heading, blocks, level in sections:
            if not (_strings([anchor, heading]) and _strings(blocks) and level in (0, 1, 2, 3)):
                return None
            decoded.append(Section(anchor, heading, tuple(blocks), level))
    except (ValueError, TypeError):
        return None
    return PageText(title, tuple(decoded)) if isinstance(title, str) else None


def encode_chunk(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode_chunk(value: str, chunk: str) -> dict[str, Any] | None:
    """The stored data of `chunk`, or None when it is not what `index` makes of a chunk."""
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict) or set(data) != {"id", "pages", "words"}:
        return None
    if data["id"] != chunk or not isinstance(data["words"], str):
        return None
    pages = data["pages"]
    if not isinstance(pages, list) or not all(_is_entry(page) for page in pages):
        return None
    return data


def _is_entry(page: Any) -> bool:
    # [url, title, kind, [[anchor, level, heading, text], ...]]
    if not (isinstance(page, list) and len(page) == 4 and _strings(page[:3])):
        return False
    # A link of the site (ita/2568/o1/), never a scheme (javascript:) or another host (//x):
    # the search box makes a link of it. A real URL with a colon is only made again.
    if ":" in page[0] or page[0].startswith(("/", "\\")):
        return False
    sections = page[3]
    return isinstance(sections, list) and all(
        isinstance(s, list)
        and len(s) == 4
        and _strings([s[0], s[2], s[3]])
        and s[1] in (0, 1, 2, 3)
        for s in sections
    )
