"""Material 9.8's markup that the W3C Nu Html Checker rejects, corrected in the written page.

Each fix is one exact piece of Material's output and its valid form, so a Material upgrade that
changes the markup shows as a checker error in tests/browser/test_html_validity.py, never as a
silent wrong edit. The toc label without its control is fixed in theme/partials/toc.html.
"""

from __future__ import annotations

# (Material's text, the valid text, why it is invalid)
FIXES = (
    # `autocomplete` is not allowed on a checkbox; Material sets it so that Firefox does not
    # restore the drawer or search toggle after "back". Its scripts reset both on load anyway.
    (
        'type="checkbox" id="__drawer" autocomplete="off">',
        'type="checkbox" id="__drawer">',
    ),
    (
        'type="checkbox" id="__search" autocomplete="off">',
        'type="checkbox" id="__search">',
    ),
    # nav-item.html writes tabindex="" on section labels; an empty tabindex is no integer, and
    # leaving it out is what Material means (a section label is not focusable).
    (' tabindex="">', ">"),
)


def valid_markup(html: str) -> str:
    for material, valid in FIXES:
        html = html.replace(material, valid)
    return html
