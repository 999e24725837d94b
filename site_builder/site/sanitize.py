"""Markdown bodies are the webmaster's text: their raw HTML passes through Python-Markdown, so
the rendered HTML is cleaned with nh3 (the maintained sanitizer; bleach is deprecated).

nh3's defaults strip `id` and `class`, which would break heading anchors, admonitions and tables,
so the allow-list below is deliberate: what Markdown, our extensions and Material produce, and
nothing that can run code (no script, style, iframe, form, event handler or javascript: URL).
"""

from __future__ import annotations

import html as html_module
import re

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip

COMMON = {"id", "class", "title", "lang", "dir"}
ATTRIBUTES = {
    "*": COMMON,
    "a": COMMON | {"href", "hreflang"},
    "img": COMMON | {"src", "alt", "width", "height", "loading"},
    "td": COMMON | {"colspan", "rowspan", "align"},
    "th": COMMON | {"colspan", "rowspan", "align", "scope"},
    "ol": COMMON | {"start", "type", "reversed"},
    "li": COMMON | {"value"},
    "details": COMMON | {"open"},
    "col": COMMON | {"span"},
    "colgroup": COMMON | {"span"},
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize(html: str) -> str:
    # Links leave with rel="noopener noreferrer" so another site cannot reach back into ours.
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|tr|div|blockquote|pre|dt|dd)>|<br\s*/?>", re.IGNORECASE)


def html_to_text(html: str) -> str:
    """Plain text of rendered HTML, one line per block: what open data calls "steps".

    nh3 with no allowed tags drops every tag and the content of script and style elements.
    """
    text = nh3.clean(_BLOCK_END.sub("\n", html), tags=set(), strip_comments=True)
    lines = (" ".join(line.split()) for line in html_module.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)
