"""Headings of a record's body, fitted under the page's own headings.

A webmaster picks a heading level by its look (`### งานบริการ` right under the page title), but
screen-reader users move through a page by heading level: a body placed under the page's h1 must
start at h2, and no level may be skipped. The body keeps its own shape (which headings are above
which); only the numbers change.
"""

from __future__ import annotations

import re

_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def nest_headings(html: str, top: int) -> str:
    """`html` (a sanitized body) with its highest heading level at `top` (2 under the page's h1,
    3 under an h2), each level after that one step lower, and none more than one step below the
    heading before it."""
    levels = sorted({int(level) for _, level in _HEADING_TAG.findall(html)})
    if not levels:
        return html
    rank = {level: min(6, top + index) for index, level in enumerate(levels)}
    previous = top - 1
    current = top

    def replace(match: re.Match[str]) -> str:
        nonlocal previous, current
        closing, level = match.group(1), int(match.group(2))
        if not closing:
            # Headings cannot contain headings, so the next closing tag is this one's.
            current = max(top, min(rank[level], previous + 1))
            previous = current
        return f"<{closing}h{current}"

    return _HEADING_TAG.sub(replace, html)
