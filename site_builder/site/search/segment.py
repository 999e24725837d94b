"""Thai word boundaries, found once at build time and stored in the index text as a marker.

newmm (pythainlp) segments a run of Thai into dictionary words, but keeps compounds whole
(`จัดซื้อจัดจ้าง`, `การร้องเรียน`), so a reader typing one part would not land on a boundary.
Every way a word splits into two dictionary words, and those parts again, adds its boundaries
too. The browser matches what the reader types only where it starts and ends on a boundary,
which is what makes `จัดจ้าง` find `จัดซื้อจัดจ้าง` but `ตา` not find `ตาม`.

Boundaries between Thai and anything else (space, Latin, digits, punctuation) are obvious, so
the marker is written only between two Thai words; the browser infers the rest.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache

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


def _newmm() -> tuple[Callable[[str], list[str]], frozenset[str]]:
    # pythainlp reads its dictionary from inside the installed package. Read-only + offline: it
    # must never create ~/pythainlp-data or try to download anything while a site builds (a
    # build machine may have no network and a read-only home).
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    def tokenize(run: str) -> list[str]:
        return word_tokenize(run, engine="newmm", keep_whitespace=False)

    return tokenize, frozenset(thai_words())


class Segmenter:
    """Marks Thai word boundaries; remembers every run it has seen (pages repeat phrases, and
    `mkdocs serve` rebuilds the same pages again and again)."""

    # Runs remembered at most; past this the memory starts over (a few tens of MB).
    REMEMBERED = 300_000
    _shared: Segmenter | None = None

    @classmethod
    def shared(cls) -> Segmenter:
        """One segmenter for every build in this process."""
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def __init__(self) -> None:
        self._tokenize: Callable[[str], list[str]] | None = None
        self._dictionary: frozenset[str] = frozenset()
        self._runs: dict[str, tuple[str, tuple[str, ...]]] = {}

    def _load(self) -> None:
        if self._tokenize is None:
            self._tokenize, self._dictionary = _newmm()

    def mark(self, text: str, vocabulary: set[str] | None = None) -> str:
        """`text` with MARK at each Thai word boundary; the Thai words found go to `vocabulary`."""

        def replace(match: re.Match[str]) -> str:
            marked, words = self._run(match.group())
            if vocabulary is not None:
                vocabulary.update(words)
            return marked

        return THAI_RUN.sub(replace, text)

    def _run(self, run: str) -> tuple[str, tuple[str, ...]]:
        known = self._runs.get(run)
        if known is None:
            self._load()
            assert self._tokenize is not None
            tokens = self._tokenize(run)
            cuts = word_cuts(tokens, self._dictionary)
            pieces = [run[a:b] for a, b in zip([0, *cuts], [*cuts, len(run)], strict=True)]
            words = (w for w in dict.fromkeys([*tokens, *pieces]) if len(w) >= 2)
            known = (MARK.join(pieces), tuple(words))
            if len(self._runs) >= self.REMEMBERED:
                self._runs.clear()
            self._runs[run] = known
        return known


def word_cuts(tokens: list[str], dictionary: frozenset[str]) -> list[int]:
    """Every boundary of a run segmented into `tokens`: newmm's own, the parts of compounds,
    and the other reading of two neighbours. newmm picks one reading where two are possible
    (`ราย|งานการ` for `รายงาน|การ`, `แนว|ทางการ` for `แนวทาง|การ`); a reader may type either,
    so a boundary of the other reading counts too when both of its sides are words."""
    cuts: set[int] = set()
    start = 0
    for number, token in enumerate(tokens):
        if start:
            cuts.add(start)
        cuts.update(start + cut for cut in split_points(token, dictionary))
        if number + 1 < len(tokens):
            pair = token + tokens[number + 1]
            for cut in range(2, len(pair) - 1):
                if cut != len(token) and pair[:cut] in dictionary and pair[cut:] in dictionary:
                    cuts.add(start + cut)
        start += len(token)
    return sorted(cuts)


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
