"""Text as readers see it in search results, and the folded form that matching compares.

`clean` is applied once, at build time, to everything the index stores: what it returns is
what a result shows and what a reader copies, so it has no invisible characters at all.
`fold` maps one character to one character (so a match's position in the folded text is its
position in the shown text, and highlights land on the right letters); the browser applies the
same mapping to the text and to what the reader types (`FOLD` in theme/assets/ita-search.js).
"""

from __future__ import annotations

import re

from site_builder import thai

# Zero-width characters, bidi controls, soft hyphens, BOMs, other format and control characters:
# invisible on screen, copied with the text, and they break matching. Our own boundary marker
# (DEL, see `segment.MARK`) is among them, so text can never fake one.
INVISIBLE = re.compile(
    "[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff0-\ufff8]"
)
SPACES = re.compile(r"\s+")

_FOLD = {ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_FOLD.update({ord(t): ord(a) for t, a in zip(thai.THAI_DIGITS, "0123456789", strict=True)})
# Hyphens and dashes count as spaces: `E-Service`, `E Service` and `e-service` are one thing.
_FOLD.update(dict.fromkeys(map(ord, "-\u2010\u2011\u2012\u2013\u2014\u2212"), ord(" ")))


def clean(text: str) -> str:
    """NFC Thai (one SARA AM), no invisible characters, single spaces, no outer spaces."""
    text = INVISIBLE.sub("", thai.normalize_thai(text))
    return SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-case ASCII letters, Arabic digits, dashes as spaces; the same length as `text`."""
    return text.translate(_FOLD)
