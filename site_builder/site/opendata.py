"""Open data of a fiscal year: measures.json / .csv and oit.json / .csv, as the contract says.

CSV is UTF-8 with a BOM (so that Thai Excel opens it) and cells that a spreadsheet would run as
a formula (`=`, `+`, `-`, `@`, tab, CR) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from site_builder import urls
from site_builder.rules.year_view import YearView

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATA_FILES = ("measures.json", "measures.csv", "oit.json", "oit.csv")


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def measures_data(view: YearView, site_url: str | None, steps: Mapping[str, str]) -> dict[str, Any]:
    """`steps` holds each measure's steps as plain text, by id (from its rendered body)."""
    catalogue = view.year.catalogue
    measures = []
    for measure in view.year.measures:
        record = measure.record
        area = catalogue.area_by_number.get(record.area)
        measures.append(
            {
                "id": measure.id,
                "area": record.area,
                "area_title": area.title if area else None,
                "title": record.title,
                "period": {
                    "text": record.period.text,
                    "start": record.period.start.iso(),
                    "end": record.period.end.iso(),
                },
                "responsible": list(record.responsible),
                "steps": steps.get(measure.id, ""),
                "results": list(record.results),
                "outcomes": [
                    {
                        "indicator": outcome.indicator,
                        "title": catalogue.indicator_title(outcome.indicator),
                        "score": _number(outcome.score),
                    }
                    for outcome in record.outcomes
                ],
                "url": urls.public(urls.measure_url(view.fiscal_year, measure.id), site_url),
            }
        )
    return {"fiscal_year": view.fiscal_year, "measures": measures}


def oit_data(view: YearView, site_url: str | None) -> dict[str, Any]:
    items = []
    for item in view.year.catalogue.items:
        page = urls.item_url(view.fiscal_year, item.code)
        disclosure = view.disclosure(item.code)
        documents = []
        for document in disclosure.record.documents if disclosure else []:
            href = (
                urls.public(page + urls.encoded(document.file), site_url)
                if document.file
                else urls.encoded(document.url or "")
            )
            documents.append(
                {
                    "title": document.title,
                    "url": href,
                    "date": document.date.isoformat() if document.date else None,
                }
            )
        items.append(
            {
                "code": item.code,
                "title": item.title,
                "status": view.status(item),
                "url": urls.public(page, site_url),
                "documents": documents,
                "measures": [m.id for m in view.measures_by_indicator.get(item.code, [])],
                "score": _number(view.scores.get(item.code)),
            }
        )
    return {"fiscal_year": view.fiscal_year, "items": items}


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(_cell(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return "\ufeff" + out.getvalue()


def measures_csv(data: dict[str, Any]) -> str:
    header = [
        "fiscal_year", "id", "area", "area_title", "title", "period", "period_start",
        "period_end", "responsible", "steps", "results", "outcomes", "url",
    ]  # fmt: skip
    rows = [
        [
            data["fiscal_year"],
            m["id"],
            m["area"],
            m["area_title"],
            m["title"],
            m["period"]["text"],
            m["period"]["start"],
            m["period"]["end"],
            m["responsible"],
            m["steps"],
            m["results"],
            [f"{o['indicator']}={'' if o['score'] is None else o['score']}" for o in m["outcomes"]],
            m["url"],
        ]
        for m in data["measures"]
    ]
    return _csv(header, rows)


def oit_csv(data: dict[str, Any]) -> str:
    header = ["fiscal_year", "code", "title", "status", "url", "documents", "measures", "score"]
    rows = [
        [
            data["fiscal_year"],
            i["code"],
            i["title"],
            i["status"],
            i["url"],
            [f"{d['title']} <{d['url']}>" for d in i["documents"]],
            i["measures"],
            i["score"],
        ]
        for i in data["items"]
    ]
    return _csv(header, rows)


def year_files(view: YearView, site_url: str | None, steps: Mapping[str, str]) -> dict[str, str]:
    """File name → text of the year's open data files."""
    measures = measures_data(view, site_url, steps)
    oit = oit_data(view, site_url)
    return {
        "measures.json": to_json(measures),
        "measures.csv": measures_csv(measures),
        "oit.json": to_json(oit),
        "oit.csv": oit_csv(oit),
    }
