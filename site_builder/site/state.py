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
    search_pages: dict[str, IndexedPage]


def _page(page: IndexedPage) -> list[Any]:
    role = page.role
    return [page.url, role.kind, role.fiscal_year, role.outline, page.key, encode_text(page.text)]


def write_state(
    folder: Path, bodies: dict[int, dict[str, str]], pages: dict[str, IndexedPage]
) -> None:
    data = {
        "code": code_fingerprint(),
        "bodies": {str(year): found for year, found in bodies.items()},
        "search": [_page(page) for page in pages.values()],
    }
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{STATE_FILE}.tmp"
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    os.replace(tmp, folder / STATE_FILE)


def read_state(folder: Path) -> PreviousBuild | None:
    """The state in `folder`, or None when it is missing, damaged or from other code."""
    try:
        data = json.loads((folder / STATE_FILE).read_text("utf-8"))
        if data.get("code") != code_fingerprint():
            return None
        bodies = {int(year): dict(found) for year, found in data["bodies"].items()}
        pages: dict[str, IndexedPage] = {}
        for url, kind, year, outline, key, encoded in data["search"]:
            text = decode_text(encoded)
            if text is None:
                return None
            pages[url] = IndexedPage(url, PageRole(kind, year, bool(outline)), text, key)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return PreviousBuild(bodies, pages)


def write_reused(folder: Path, files: list[str], folders: list[str]) -> None:
    data = {"files": sorted(files), "folders": sorted(folders)}
    (folder / REUSED_FILE).write_text(json.dumps(data), "utf-8")
