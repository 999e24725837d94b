"""The URLs of the contract, in one place. Every URL is site-relative with a trailing slash
(`ita/2568/o5/`), as MkDocs writes them with `use_directory_urls`; they never change once
published, so they come from the fiscal year, the item code and the record id only."""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def year_url(fiscal_year: int) -> str:
    return f"ita/{fiscal_year}/"


def item_url(fiscal_year: int, code: str) -> str:
    return f"ita/{fiscal_year}/{code}/"


def measures_url(fiscal_year: int) -> str:
    return f"ita/{fiscal_year}/measures/"


def measure_url(fiscal_year: int, measure_id: str) -> str:
    return f"ita/{fiscal_year}/measures/{measure_id}/"


def report_url(fiscal_year: int) -> str:
    return f"ita/{fiscal_year}/report/"


def scores_url(fiscal_year: int) -> str:
    return f"ita/{fiscal_year}/scores/"


def readiness_url(fiscal_year: int) -> str:
    """The webmaster's readiness page: built only when the plugin's `readiness_page` is on."""
    return f"ita/{fiscal_year}/readiness/"


def data_url(fiscal_year: int, name: str) -> str:
    return f"ita/{fiscal_year}/data/{name}"


def src_uri(url: str) -> str:
    """The generated source file behind a page URL: `ita/2568/o5/` → `ita/2568/o5/index.md`."""
    return f"{url}index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, relative so the site works from file://."""
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    target = to_url.rstrip("/") or "."
    link = _relpath(target, base or ".")
    if (to_url == "" or to_url.endswith("/")) and link != ".":
        link += "/"
    return "./" if link == "." else link


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for the site's own URLs, without the os.getcwd() it makes for every
    link (the report links every measure): the same answer whenever neither path is absolute
    or climbs above the site's root, and posixpath's own answer otherwise."""
    path_parts = [p for p in posixpath.normpath(path).split("/") if p not in ("", ".")]
    start_parts = [p for p in posixpath.normpath(start).split("/") if p not in ("", ".")]
    if not path or not start or "/" in (path[0], start[0]) or ".." in path_parts + start_parts:
        return posixpath.relpath(path, start)
    common = 0
    for mine, theirs in zip(path_parts, start_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + path_parts[common:]) or "."


def public(url: str, site_url: str | None) -> str:
    """The URL as published in open data: absolute when the site's address is configured."""
    if site_url:
        return site_url.rstrip("/") + "/" + url
    return "/" + url


def encoded(path: str) -> str:
    """A path or URL written by a person, percent-encoded for an href: Thai letters, spaces,
    `#`, `?` and `%` in a file name would otherwise cut the link or point elsewhere. Characters
    that already have a meaning in a URL (`:/?#&=`) are kept in an absolute URL."""
    if "://" in path:
        return quote(path, safe=":/?#[]@!$&'()*+,;=%~")
    return quote(path, safe="/")
