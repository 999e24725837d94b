"""`urls.relative` computes relative links without posixpath.relpath's os.getcwd() per call (the
report links every measure). Its answer must be posixpath's for any path: compared here on
random paths with empty, ".", ".." and Thai segments."""

from __future__ import annotations

import posixpath
import random

from site_builder.urls import _relpath, relative

SEGMENTS = ["a", "b", "ita", "2568", "o1", "measures", "x-y", "", ".", "..", "ก"]


def _answer(function, path: str, start: str) -> str:
    try:
        return function(path, start)
    except ValueError:
        return "ValueError"


def test_relpath_answers_as_posixpath_does() -> None:
    rng = random.Random(2568)
    for _ in range(20_000):
        path = "/".join(rng.choice(SEGMENTS) for _ in range(rng.randint(0, 5)))
        start = "/".join(rng.choice(SEGMENTS) for _ in range(rng.randint(0, 5)))
        for pair in ((path, start), ("/" + path, start), (path, "/" + start)):
            assert _answer(_relpath, *pair) == _answer(posixpath.relpath, *pair), pair


def test_links_between_pages() -> None:
    assert relative("ita/2568/report/", "ita/2568/measures/a/") == "../measures/a/"
    assert relative("ita/2568/o1/", "ita/2568/o1/chart.pdf") == "chart.pdf"
    assert relative("", "ita/2568/") == "ita/2568/"
    assert relative("ita/2568/", "") == "../../"
    assert relative("ita/2568/", "ita/2568/") == "./"
