"""A body's headings are fitted under the page's headings: no second h1, no skipped level."""

from __future__ import annotations

import re

from site_builder.site.headings import nest_headings


def levels(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])", html)]


def test_a_body_under_the_page_title_starts_at_h2() -> None:
    html = '<h3 id="a">งานบริการ</h3><p>x</p><h4>ขั้นตอน</h4><h3>ค่าธรรมเนียม</h3>'
    nested = nest_headings(html, 2)
    assert nested == '<h2 id="a">งานบริการ</h2><p>x</p><h3>ขั้นตอน</h3><h2>ค่าธรรมเนียม</h2>'


def test_a_second_h1_and_a_skipped_level_are_fitted() -> None:
    html = "<h1>หัวข้อ</h1><h4>ย่อย</h4><h1>อีกหัวข้อ</h1><h2>ย่อย</h2>"
    assert levels(nest_headings(html, 2)) == [2, 3, 2, 3]


def test_a_lower_heading_first_never_skips_a_level() -> None:
    assert levels(nest_headings("<h4>a</h4><h2>b</h2><h3>c</h3>", 3)) == [3, 3, 4]


def test_levels_stop_at_h6_and_other_tags_are_kept() -> None:
    html = "<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><hr><header>e</header>"
    expected = "<h4>a</h4><h5>b</h5><h6>c</h6><h6>d</h6><hr><header>e</header>"
    assert nest_headings(html, 4) == expected


def test_a_body_without_headings_is_unchanged() -> None:
    html = "<p>ไม่มีหัวข้อ <strong>h1</strong></p>"
    assert nest_headings(html, 2) == html
