"""The URLs of the contract, in one place. Every URL is site-relative with a trailing slash
(`ita/2568/o5/`), as MkDocs writes them with `use_directory_urls`; they never change once
published, so they come from the fiscal year, the item code and the record id only."""

from __future__ import annotations

import posixpath


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
    link = posixpath.relpath(target or ".", base or ".")
    if (to_url == "" or to_url.endswith("/")) and link != ".":
        link += "/"
    return "./" if link == "." else link


def public(url: str, site_url: str | None) -> str:
    """The URL as published in open data: absolute when the site's address is configured."""
    if site_url:
        return site_url.rstrip("/") + "/" + url
    return "/" + url
