"""The index files: one chunk per fiscal year, one for the other pages, each a small script.

A chunk is `search/ita-<id>.js`, which hands one JSON value to `window.__itaSearch`:

    {"id": "2568", "pages": [[url, title, kind, [[anchor, level, heading, text], ...]], ...],
     "words": "word word ..."}

`title`, `heading` and `text` are what results show, with `segment.MARK` between Thai words;
`level` is 1 for the page's h1, 2 or 3 for a heading, 0 for a heading so common (the same
"ผลการดำเนินการ" on every measure) that it counts as plain text. A paragraph repeated on many
pages of a chunk (a notice on every item page) is left out: it would make every page match
the words in it. `words` is the chunk's
vocabulary (every Thai word newmm found, and the parts of compounds), which the browser uses to
cut what the reader typed into words and to correct a misspelt one.

Why scripts and not JSON: a `<script>` tag loads from file:// where fetch() and workers do not.
Why chunks: a phone downloads the year it searches first (the page's own year, or the latest)
and the other years only after the first results are on screen.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from site_builder.site.search import stored
from site_builder.site.search.extract import PageText, Section, extract
from site_builder.site.search.roles import PageRole
from site_builder.site.search.segment import Segmenter
from site_builder.site.search.segments import SegmentStore
from site_builder.site.search.text import fold

SITE_CHUNK = "site"
FOLDER = "search"
# A heading or paragraph on at least this share of a chunk's pages (and on 5 or more) is
# boilerplate.
COMMON_SHARE = 0.3
COMMON_MIN = 5
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")


@dataclass(frozen=True)
class IndexedPage:
    url: str
    role: PageRole
    text: PageText
    key: str = ""
    """A digest of what the text was read from (stored.page_key)."""


def chunk_id(fiscal_year: int | None) -> str:
    return str(fiscal_year) if fiscal_year is not None else SITE_CHUNK


def chunk_path(chunk: str) -> str:
    """Where a chunk is written, relative to the site's root."""
    return f"{FOLDER}/ita-{chunk}.js"


class SearchIndex:
    """Collects pages as they are built, then writes the chunks. What it reads and makes is
    kept in the segmenter's store, when there is one (stored.py)."""

    def __init__(self, segmenter: Segmenter | None = None) -> None:
        self.segmenter = segmenter or Segmenter.shared()
        self.pages: dict[str, IndexedPage] = {}
        self._new_texts: dict[str, str] = {}

    def _store(self) -> SegmentStore | None:
        store = self.segmenter.store
        return store if store is not None and not store.broken else None

    def add(self, url: str, title: str, html: str, role: PageRole) -> None:
        key = stored.page_key(title, html, role.outline)
        text = None
        store = self._store()
        if store is not None:
            found = store.get_values(self.segmenter.rules(), stored.TEXTS, [key]).get(key)
            text = stored.decode_text(found) if found is not None else None
        if text is None:
            text = extract(title, html, outline=role.outline)
            if store is not None:
                self._new_texts[key] = stored.encode_text(text)
        self.pages[url] = IndexedPage(url, role, text, key)

    def chunks(self) -> dict[str, list[IndexedPage]]:
        found: dict[str, list[IndexedPage]] = {}
        for url in sorted(self.pages):
            page = self.pages[url]
            found.setdefault(chunk_id(page.role.fiscal_year), []).append(page)
        return found

    def files(self, only: Collection[str] | None = None) -> dict[str, bytes]:
        """Site-relative path → content, for every chunk (or the chunks named in `only`, which
        a partial `mkdocs serve` rebuild rewrites)."""
        chosen = {c: p for c, p in self.chunks().items() if only is None or c in only}
        store = self._store()
        if store is None:
            return {chunk_path(c): _script(self._data(c, p)) for c, p in chosen.items()}
        rules = self.segmenter.rules()
        store.put_values(rules, stored.TEXTS, self._new_texts)
        self._new_texts = {}
        keys = {
            chunk: stored.chunk_key(chunk, rules, ((p.url, p.role.kind, p.key) for p in pages))
            for chunk, pages in chosen.items()
        }
        found = store.get_values(rules, stored.CHUNKS, keys.values())
        files, made = {}, {}
        for chunk, pages in chosen.items():
            value = found.get(keys[chunk])
            data = stored.decode_chunk(value, chunk) if value is not None else None
            if data is None:
                data = self._data(chunk, pages)
                made[keys[chunk]] = stored.encode_chunk(data)
            files[chunk_path(chunk)] = _script(data)
        store.put_values(rules, stored.CHUNKS, made)
        return files

    def _data(self, chunk: str, pages: list[IndexedPage]) -> dict[str, Any]:
        common = _common(pages, lambda s: [s.heading] if s.level > 1 else [])
        boilerplate = _common(pages, lambda s: list(s.blocks))
        shown = [
            (
                page,
                [
                    (section, " ".join(b for b in section.blocks if fold(b) not in boilerplate))
                    for section in page.text.sections
                ],
            )
            for page in pages
        ]
        # A page's entry depends on its own text and on the chunk's shared headings and
        # blocks: when those are as before (an edit of one record), the other pages' entries
        # are the stored ones, and only the edited page is segmented and marked.
        store, rules = self._store(), self.segmenter.rules()
        context = stored.context_key(common, boilerplate)
        keys = {
            page.url: stored.entry_key(rules, context, page.url, page.role.kind, page.key)
            for page, _sections in shown
        }
        found = store.get_values(rules, stored.ENTRIES, keys.values()) if store else {}
        known: dict[str, tuple[list[Any], list[str]]] = {}
        for page, _sections in shown:
            value = found.get(keys[page.url])
            decoded = stored.decode_entry(value, page.url, page.role.kind) if value else None
            if decoded is not None:
                known[page.url] = decoded
        # Every Thai run of the other pages segmented at once: the stored ones read in one go,
        # the rest segmented and stored; `mark` below only joins known pieces.
        self.segmenter.prepare(
            text
            for page, sections in shown
            if page.url not in known
            for text in (page.text.title, *(t for s, kept in sections for t in (s.heading, kept)))
        )
        words: set[str] = set()
        mark = self.segmenter.mark
        entries, made = [], {}
        for page, sections in shown:
            if page.url in known:
                entry, page_words = known[page.url]
                entries.append(entry)
                words.update(page_words)
                continue
            found_words: set[str] = set()
            marked = [
                [
                    section.anchor,
                    0 if fold(section.heading) in common else section.level,
                    mark(section.heading, found_words),
                    mark(kept, found_words),
                ]
                for section, kept in sections
            ]
            entry = [page.url, mark(page.text.title, found_words), page.role.kind, marked]
            for text in (page.text.title, *(s.heading + " " + s.text for s in page.text.sections)):
                found_words.update(LATIN_WORD.findall(text))
            entries.append(entry)
            words.update(found_words)
            made[keys[page.url]] = stored.encode_entry(entry, found_words)
        if store is not None:
            store.put_values(rules, stored.ENTRIES, made)
        self.segmenter.forget()
        return {"id": chunk, "pages": entries, "words": " ".join(sorted(fold(w) for w in words))}


def _script(data: dict[str, Any]) -> bytes:
    body = stored.encode_chunk(data)
    return f"(window.__itaSearch=window.__itaSearch||[]).push({body});\n".encode()


def _common(pages: list[IndexedPage], texts: Callable[[Section], list[str]]) -> set[str]:
    """The texts (folded) that `texts` finds on many of the pages."""
    counts = Counter(
        folded
        for page in pages
        for folded in {fold(text) for section in page.text.sections for text in texts(section)}
    )
    threshold = max(COMMON_MIN, COMMON_SHARE * len(pages))
    return {text for text, count in counts.items() if count >= threshold}


__all__ = ["IndexedPage", "SearchIndex", "Section", "chunk_id", "chunk_path"]
