"""A measure whose record was deleted keeps its URL: a short Thai "withdrawn" page.

Publish compares the new build with the live release. Every measure page the live release has
(`/ita/<fy>/measures/<id>/`) and the new build lacks becomes a small page saying, in Thai, that
the measure was withdrawn and when (the date of the commit that first published without it,
carried over from the live release's withdrawn page after that), with a link to the year's
measures. The year's `measures.json` lists them under `"withdrawn"` (`id`, `url`, `withdrawn`
as an ISO date). Every text is escaped: the id comes from a file name of pushed content.
"""

from __future__ import annotations

import html
import json
import os
import re
from datetime import UTC, date, datetime
from pathlib import Path

from site_builder import thai, urls

MARK = "ita-withdrawn"
_MARK_DATE = re.compile(r'<meta name="ita-withdrawn" content="([0-9]{4}-[0-9]{2}-[0-9]{2})">')

PAGE = """<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="{mark}" content="{iso}">
<title>ถอนมาตรการแล้ว: {id} · ปีงบประมาณ {year}</title>
</head>
<body>
<main>
<h1>มาตรการนี้ถูกถอนออกแล้ว</h1>
<p>มาตรการ <code>{id}</code> ของปีงบประมาณ {year} ถูกถอนออกเมื่อวันที่ {thai_date}</p>
<p><a href="../">ดูมาตรการทั้งหมดของปีงบประมาณ {year}</a></p>
</main>
</body>
</html>
"""


def thai_date(day: date) -> str:
    return f"{day.day} {thai.MONTHS[day.month - 1].name} พ.ศ. {thai.ce_to_be(day.year)}"


def _measure_pages(site: Path, year: int) -> dict[str, Path]:
    folder = site / "ita" / str(year) / "measures"
    if not folder.is_dir():
        return {}
    return {
        entry.name: entry / "index.html"
        for entry in folder.iterdir()
        if (entry / "index.html").is_file()
    }


def _withdrawn_on(page: Path, fallback: date) -> date:
    found = _MARK_DATE.search(page.read_text("utf-8", errors="replace"))
    return date.fromisoformat(found[1]) if found else fallback


def keep_withdrawn(live: Path, new: Path, epoch: int) -> list[str]:
    """Write withdrawn pages into `new` for measures that `live` had; their URLs, sorted."""
    today = datetime.fromtimestamp(epoch, UTC).date()
    kept = []
    for year_folder in sorted((live / "ita").glob("[0-9]*")):
        if not year_folder.name.isdigit() or not (new / "ita" / year_folder.name).is_dir():
            continue
        year = int(year_folder.name)
        current = _measure_pages(new, year)
        withdrawn = []
        for measure_id, page in sorted(_measure_pages(live, year).items()):
            if measure_id in current:
                continue
            day = _withdrawn_on(page, today)
            target = new / page.relative_to(live)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = PAGE.format(
                mark=MARK,
                iso=day.isoformat(),
                id=html.escape(measure_id),
                year=year,
                thai_date=thai_date(day),
            )
            _replace_text(target, text)
            url = f"/ita/{year}/measures/{measure_id}/"
            withdrawn.append({"id": measure_id, "url": url, "withdrawn": day.isoformat()})
            kept.append(url)
        if withdrawn:
            _add_to_open_data(new / urls.data_url(year, "measures.json"), withdrawn)
    return kept


def _add_to_open_data(path: Path, withdrawn: list[dict[str, str]]) -> None:
    data = json.loads(path.read_text("utf-8"))
    data["withdrawn"] = withdrawn
    _replace_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _replace_text(path: Path, text: str) -> None:
    # A new file in place of the old, never a write into it: in an incremental publish the old
    # one may be a hard link to the live release's file (publish/incremental.py).
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)
