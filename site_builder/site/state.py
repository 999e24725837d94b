"""What a published build leaves for the next one, so that a push of a few records builds only
their fiscal year (publish's incremental build, engine.serve.PublishPartial).

A build asked to (ITA_BUILD_STATE, set by publish) writes, beside the release, every year's
sanitized measure bodies and every page's search text: the report and the year's search chunk
show all the year's measures, also those a partial build does not render again. The next
build reads them (ITA_PREVIOUS_STATE) only when they were written by the same code. Plain JSON,
read by the sandboxed build alone: nothing in it is ever run or unpickled.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.records.fingerprint import code_fingerprint
from site_builder.site.search.index import IndexedPage
from site_builder.site.search.roles import PageRole
from site_builder.site.search.stored import decode_text, encode_text

WRITE = "ITA_BUILD_STATE"
"""The folder where a build writes its state."""
PREVIOUS = "ITA_PREVIOUS_STATE"
"""The folder of the live release's state: set for a partial build."""
CHANGED = "ITA_CHANGED_RECORDS"
"""The record files (paths inside docs_dir, one per line) a partial build is for."""
STATE_FILE = "state.json"
REUSED_FILE = "reused.json"
"""The output files a partial build left out: publish takes them from the live release."""


@dataclass(frozen=True)
class PreviousBuild:
    bodies: dict[int, dict[str, str]]
    """Of the years read (read_state's `only`), as the search pages."""
    search_pages: dict[str, IndexedPage]
    years: tuple[int, ...] = ()
    """Every fiscal year the state has."""


def _page(page: IndexedPage) -> list[Any]:
    role = page.role
    return [page.url, role.kind, role.fiscal_year, role.outline, page.key, encode_text(page.text)]


def _year_file(year: int) -> str:
    return f"year-{year}.json"


def _dump(path: Path, data: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    os.replace(tmp, path)


def write_state(
    folder: Path,
    bodies: dict[int, dict[str, str]],
    pages: dict[str, IndexedPage],
    previous: Path | None = None,
    unchanged: Collection[int] = (),
) -> None:
    """One file per fiscal year (its measure bodies and its pages' search texts) and
    `state.json` (the code, the years, the pages of no year), written last: a folder without it
    is no state. The `unchanged` years of a partial build are the `previous` state's files,
    copied as they are (this build did not read them)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STATE_FILE).unlink(missing_ok=True)
    by_year: dict[int | None, list[list[Any]]] = {year: [] for year in bodies}
    for page in pages.values():
        by_year.setdefault(page.role.fiscal_year, []).append(_page(page))
    years = sorted({*(year for year in by_year if year is not None), *unchanged})
    for year in years:
        if year in unchanged and previous is not None:
            shutil.copyfile(previous / _year_file(year), folder / _year_file(year))
        else:
            data = {"bodies": bodies.get(year, {}), "search": by_year.get(year, [])}
            _dump(folder / _year_file(year), data)
    site = {"code": code_fingerprint(), "years": years, "search": by_year.get(None, [])}
    _dump(folder / STATE_FILE, site)


def _pages(entries: list[list[Any]], into: dict[str, IndexedPage]) -> bool:
    for url, kind, year, outline, key, encoded in entries:
        text = decode_text(encoded)
        if text is None:
            return False
        into[url] = IndexedPage(url, PageRole(kind, year, bool(outline)), text, key)
    return True


def read_state(folder: Path, only: Collection[int] | None = None) -> PreviousBuild | None:
    """The state in `folder` (of the fiscal years `only`, and the pages of no year), or None
    when it is missing, damaged or from other code."""
    try:
        site = json.loads((folder / STATE_FILE).read_text("utf-8"))
        if site.get("code") != code_fingerprint():
            return None
        pages: dict[str, IndexedPage] = {}
        bodies: dict[int, dict[str, str]] = {}
        if not _pages(site["search"], pages):
            return None
        years = [int(year) for year in site["years"]]
        for year in years if only is None else sorted(set(only) & set(years)):
            data = json.loads((folder / _year_file(year)).read_text("utf-8"))
            bodies[year] = dict(data["bodies"])
            if not _pages(data["search"], pages):
                return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return PreviousBuild(bodies, pages, tuple(years))


def write_reused(folder: Path, files: list[str], folders: list[str]) -> None:
    data = {"files": sorted(files), "folders": sorted(folders)}
    (folder / REUSED_FILE).write_text(json.dumps(data), "utf-8")
