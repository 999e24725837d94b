"""A page's HTML as the search sees it: the title, then one section per h2/h3 heading.

Left out: navigation (`<nav>`: the same year links are on every page), scripts and styles, and
anything marked `data-search-exclude` (the attribute Material's own search honours). An
"outline" page (one that repeats other pages' text, like the report) keeps its headings and
paragraphs but not its tables and lists, so a word in a measure finds the measure, not also
the report, the OIT table and the list of measures that repeat it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from site_builder.site.search.text import clean

SKIPPED = {"nav", "script", "style", "template", "svg", "noscript", "button", "select"}
OUTLINE_SKIPPED = {"table", "ul", "ol", "dl"}
SECTION_HEADINGS = {"h2", "h3"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements after which words of two cells or two list items must not run together.
BLOCKS = HEADINGS | {
    "p", "li", "td", "th", "tr", "dt", "dd", "div", "br", "blockquote", "pre", "caption",
    "figcaption", "summary", "section", "article", "table", "ul", "ol", "dl", "hr",
}  # fmt: skip
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source", "area", "base"}


@dataclass(frozen=True)
class Section:
    anchor: str
    """The heading's id ("" for the text before the first h2/h3)."""
    heading: str
    blocks: tuple[str, ...]
    """The text, one entry per paragraph, list item or table cell."""
    level: int = 0
    """1 for the page's h1, 2 or 3 for a section heading, 0 for none."""

    @property
    def text(self) -> str:
        return " ".join(self.blocks)


@dataclass(frozen=True)
class PageText:
    title: str
    sections: tuple[Section, ...]


@dataclass
class _Open:
    anchor: str = ""
    heading: list[str] = field(default_factory=list)
    blocks: list[list[str]] = field(default_factory=lambda: [[]])
    level: int = 0


class _Parser(HTMLParser):
    def __init__(self, outline: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_tags = SKIPPED | (OUTLINE_SKIPPED if outline else set())
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.skipping = 0
        self.heading: str | None = None
        self.sections: list[_Open] = [_Open()]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag in BLOCKS:
            self._break()
        if tag in VOID:
            return
        skipped = tag in self.skip_tags or "data-search-exclude" in names
        self.stack.append((tag, skipped))
        self.skipping += skipped
        if self.skipping or tag not in HEADINGS:
            return
        if tag == "h1":
            self.sections.append(_Open(level=1))
        elif tag in SECTION_HEADINGS:
            self.sections.append(_Open(anchor=names.get("id") or "", level=int(tag[1])))
        self.heading = tag if tag in SECTION_HEADINGS or tag == "h1" else None

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not any(open_tag == tag for open_tag, _ in self.stack):
            return
        # Close everything opened after `tag` too: browsers forgive unclosed <p> and <li>.
        while self.stack:
            open_tag, skipped = self.stack.pop()
            self.skipping -= skipped
            if open_tag == self.heading and not self.skipping:
                self.heading = None
            if open_tag == tag:
                break
        if tag in BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        self._add(data)

    def _add(self, data: str) -> None:
        if self.skipping:
            return
        section = self.sections[-1]
        (section.heading if self.heading else section.blocks[-1]).append(data)

    def _break(self) -> None:
        section = self.sections[-1]
        if self.heading:
            section.heading.append(" ")
        elif section.blocks[-1]:
            section.blocks.append([])


def extract(title: str, html: str, outline: bool = False) -> PageText:
    """The searchable text of a page's content HTML (`page.content`, not the whole page)."""
    parser = _Parser(outline)
    parser.feed(html)
    parser.close()
    sections = []
    for part in parser.sections:
        heading = clean("".join(part.heading))
        blocks = tuple(text for text in (clean("".join(b)) for b in part.blocks) if text)
        if heading or blocks:
            sections.append(Section(part.anchor, heading, blocks, part.level if heading else 0))
    return PageText(clean(title), tuple(sections))
