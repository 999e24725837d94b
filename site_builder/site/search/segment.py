"""Thai word boundaries, found once at build time and stored in the index text as a marker.

newmm segments a run of Thai into dictionary words, but keeps compounds whole (`จัดซื้อจัดจ้าง`,
`การร้องเรียน`), so a reader typing one part would not land on a boundary. Every way a word
splits into two dictionary words, and those parts again, adds its boundaries too. The browser
matches what the reader types only where it starts and ends on a boundary, which is what makes
`จัดจ้าง` find `จัดซื้อจัดจ้าง` but `ตา` not find `ตาม`.

newmm runs in nlpo3 (its Rust port, several times faster than pythainlp's Python) with
pythainlp's word list as the dictionary: the same words, the same cuts (tests/test_segment.py
compares the two on thousands of texts). A run already segmented is never segmented again:
`segments.SegmentStore` keeps every result on disk, keyed by the run's own text.

Boundaries between Thai and anything else (space, Latin, digits, punctuation) are obvious, so
the marker is written only between two Thai words; the browser infers the rest.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import ClassVar

from site_builder.site.search.segments import Segmented, SegmentStore

# Between two Thai words in the index text. DEL never survives `text.clean`, JSON keeps it as
# one raw byte (a tab or a zero-width space would cost 2 to 6), and the browser drops it before
# anything is shown.
MARK = "\x7f"
# A run of Thai letters and marks; ฯ and ๆ are punctuation, Thai digits are digits.
THAI_RUN = re.compile("[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]+")
# A compound splits into a head of at least 3 code points and a tail of at least 4:
# `จัดซื้อ|จัดจ้าง`, `ตาม|กฎหมาย`, `เจ้า|หน้าที่`, but not into the syllable-sized dictionary
# entries (`ข้อ|มูล`, `หน่วย|งาน`) that would make short queries match inside unrelated words.
MIN_HEAD = 3
MIN_TAIL = 4
# Prefixes that make a noun of what follows; readers drop and add them (`การร้องเรียน` /
# `ร้องเรียน`, `ผลคะแนน` / `คะแนน`), so they split off whatever their length.
PREFIXES = ("การ", "ความ", "ผล")
# Compounds of compounds (`จัดซื้อจัดจ้าง` → `จัดซื้อ` → `จัด`) but no deeper.
SPLIT_DEPTH = 2
# Bump when what `_segment_run` returns changes: stored segmentations of another rule are not
# reused (the word list and nlpo3's version are part of the key already).
RULES_VERSION = "1"
NLPO3_DICTIONARY = "ita-pythainlp-words"


def thai_words() -> frozenset[str]:
    # pythainlp reads its dictionary from inside the installed package. Read-only + offline: it
    # must never create ~/pythainlp-data or try to download anything while a site builds (a
    # build machine may have no network and a read-only home).
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from pythainlp.corpus import thai_words as words

    return frozenset(words())


@lru_cache(maxsize=1)
def _nlpo3_loaded(words: frozenset[str]) -> str:
    """Load `words` into nlpo3 once per process (it keeps dictionaries by name and never
    replaces one); returns the name to segment with."""
    import nlpo3

    # nlpo3 reads a dictionary from a file only: a private temporary one, removed at once.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as file:
        file.write("\n".join(sorted(words)))
        file.flush()
        message, loaded = nlpo3.load_dict(file.name, NLPO3_DICTIONARY)
    if not loaded:
        raise RuntimeError(f"nlpo3 could not load the Thai word list: {message}")
    return NLPO3_DICTIONARY


class Segmenter:
    """Marks Thai word boundaries. `prepare` segments every run of many texts at once (looking
    each up in the store first); `mark` then only joins what is known."""

    # Runs remembered at most without a store; past this the memory starts over.
    REMEMBERED = 300_000
    _shared: ClassVar[dict[Path | None, Segmenter]] = {}

    @classmethod
    def shared(cls, store_folder: Path | None = None) -> Segmenter:
        """One segmenter per store for every build in this process (`mkdocs serve`)."""
        if store_folder not in cls._shared:
            store = SegmentStore(store_folder) if store_folder is not None else None
            cls._shared[store_folder] = cls(store)
        return cls._shared[store_folder]

    def __init__(self, store: SegmentStore | None = None) -> None:
        self.store = store
        self._dictionary: frozenset[str] | None = None
        self._runs: dict[str, Segmented] = {}
        self._rules: str | None = None

    @property
    def dictionary(self) -> frozenset[str]:
        if self._dictionary is None:
            self._dictionary = thai_words()
        return self._dictionary

    def rules(self) -> str:
        """What a stored segmentation was made with: these rules, nlpo3, the word list."""
        if self._rules is None:
            words = "\n".join(sorted(self.dictionary)).encode()
            digest = hashlib.sha256(words).hexdigest()[:16]
            self._rules = f"{RULES_VERSION}-nlpo3-{version('nlpo3')}-{digest}"
        return self._rules

    def prepare(self, texts: Iterable[str]) -> None:
        """Segment every Thai run in `texts` that is not known yet (the store's first)."""
        missing = {run for text in texts for run in THAI_RUN.findall(text)} - self._runs.keys()
        if not missing:
            return
        if self.store is not None:
            found = self.store.get(self.rules(), missing)
            self._runs.update(found)
            missing -= found.keys()
        if len(self._runs) + len(missing) > self.REMEMBERED:
            self._runs = {}
        made = {run: self._segment_run(run) for run in sorted(missing)}
        self._runs.update(made)
        if self.store is not None and made:
            self.store.put(self.rules(), made)

    def forget(self) -> None:
        """Drop what `prepare` kept in memory, if the store keeps it: a big site's chunks are
        segmented one after another, and memory holds one chunk's runs only."""
        if self.store is not None and not self.store.broken:
            self._runs = {}

    def mark(self, text: str, vocabulary: set[str] | None = None) -> str:
        """`text` with MARK at each Thai word boundary; the Thai words found go to `vocabulary`."""

        def replace(match: re.Match[str]) -> str:
            run = match.group()
            known = self._runs.get(run)
            if known is None:
                known = self._runs[run] = self._segment_run(run)
            if vocabulary is not None:
                vocabulary.update(known.words)
            return known.marked

        return THAI_RUN.sub(replace, text)

    def _segment_run(self, run: str) -> Segmented:
        import nlpo3

        tokens = nlpo3.segment(run, _nlpo3_loaded(self.dictionary))
        cuts = word_cuts(tokens, self.dictionary)
        pieces = [run[a:b] for a, b in zip([0, *cuts], [*cuts, len(run)], strict=True)]
        words = (w for w in dict.fromkeys([*tokens, *pieces]) if len(w) >= 2)
        return Segmented(MARK.join(pieces), tuple(words))


def word_cuts(tokens: list[str], dictionary: frozenset[str]) -> list[int]:
    """Every boundary of a run segmented into `tokens`: newmm's own, the parts of compounds,
    and the other reading of two neighbours. newmm picks one reading where two are possible
    (`ราย|งานการ` for `รายงาน|การ`, `แนว|ทางการ` for `แนวทาง|การ`); a reader may type either,
    so a boundary of the other reading counts too when both of its sides are words."""
    cuts: set[int] = set()
    start = 0
    last = len(tokens) - 1
    for number, token in enumerate(tokens):
        if start:
            cuts.add(start)
        # Both are memoized per word and per pair of neighbours: a text repeats its words
        # (and its pairs) far more often than it brings new ones.
        cuts.update(start + cut for cut in _split_points(token, dictionary, SPLIT_DEPTH))
        if number < last:
            cuts.update(
                start + cut for cut in _other_reading(token, tokens[number + 1], dictionary)
            )
        start += len(token)
    return sorted(cuts)


@lru_cache(maxsize=262144)
def _other_reading(left: str, right: str, dictionary: frozenset[str]) -> tuple[int, ...]:
    """Where else the pair `left + right` splits into two dictionary words."""
    pair = left + right
    return tuple(
        cut
        for cut in range(2, len(pair) - 1)
        if cut != len(left) and pair[:cut] in dictionary and pair[cut:] in dictionary
    )


def split_points(word: str, dictionary: frozenset[str], depth: int = SPLIT_DEPTH) -> set[int]:
    """Every position where `word` splits into two dictionary words (and theirs, `depth` deep)."""
    return set(_split_points(word, dictionary, depth))


def _is_word(text: str, dictionary: frozenset[str]) -> bool:
    # `การดำเนินงาน` is no dictionary entry, but `การ` + `ดำเนินงาน` is a word all the same.
    if text in dictionary:
        return True
    return any(text.startswith(p) and text[len(p) :] in dictionary for p in PREFIXES)


@lru_cache(maxsize=65536)
def _split_points(word: str, dictionary: frozenset[str], depth: int) -> tuple[int, ...]:
    if depth == 0:
        return ()
    points: set[int] = set()
    for cut in range(2, len(word) - 1):
        left, right = word[:cut], word[cut:]
        long_enough = len(left) >= MIN_HEAD or left in PREFIXES
        if (
            long_enough
            and len(right) >= MIN_TAIL
            and left in dictionary
            and _is_word(right, dictionary)
        ):
            points.add(cut)
            points.update(_split_points(left, dictionary, depth - 1))
            points.update(cut + p for p in _split_points(right, dictionary, depth - 1))
    return tuple(sorted(points))
