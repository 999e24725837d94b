"""Thai search benchmark: Material's default search and ours, side by side, in a real browser.

    .venv/bin/python -m bench.search.run [--queries bench/search/queries.yml]
        [--engines material,ours] [--out artifacts/search-bench.json] [--show-misses]

(`make bench-search` runs it.) Builds the demo site (content/) twice, once per engine, serves
each on loopback like a static host (gzip), and for every query of queries.yml opens the home
page in Debian's Chromium, types the query into the site's search box, waits for its results
and reads the first 10 result links. Then, per engine:

- recall@10: the share of a query's `must` pages among its first 10 results, averaged over all
  queries (a query with no result scores 0);
- precision@10: the share of the returned results (10 at most) that are fair results (in
  `must` or `also`, or a page whose text has the `accept` strings; see queries.yml), averaged
  over the queries that returned anything; how many returned nothing is reported beside it;
- MRR@10: 1 / the rank of the first wanted page in the first 10 results (0 when none is there),
  averaged over all queries; the wanted pages are `first` where a query names an item (the
  ranking and misspelling queries), else `must`; and how many `first` queries put one of their
  `first` pages at rank 1;
- the index a reader downloads: raw and gzipped bytes, and the search scripts;
- the time from typing a query to its first result on screen: the first query of a fresh
  browser (cold: scripts and index downloaded on the way) and the median and 90th percentile.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from bench.search.harness import ENGINES, REPO, Answer, ask, build, chromium, gzip_size, serve
from site_builder.site.search.extract import extract
from site_builder.site.search.text import fold

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
SEARCH_FILES = re.compile(r"/search/|/workers/|/lunr/|ita-search")


@dataclass
class Query:
    q: str
    must: list[str]
    accept: list[list[str]]
    also: list[str]
    why: str = ""
    first: list[str] = field(default_factory=list)


@dataclass
class QueryResult:
    q: str
    urls: list[str]
    recall: float
    precision: float | None
    first_result_ms: float | None
    answered_ms: float | None
    missed: list[str] = field(default_factory=list)
    unfair: list[str] = field(default_factory=list)
    reciprocal_rank: float = 0.0
    first_ok: bool | None = None


@dataclass
class EngineReport:
    engine: str
    build_s: float
    recall_at_10: float
    precision_at_10: float
    mrr_at_10: float
    first_ok: int
    first_queries: int
    answered: int
    queries: int
    index_raw_bytes: int
    index_gzip_bytes: int
    scripts_raw_bytes: int
    scripts_gzip_bytes: int
    cold_answer_ms: float | None
    answer_median_ms: float | None
    first_result_median_ms: float | None
    first_result_p90_ms: float | None
    results: list[QueryResult]


def load_queries(path: Path) -> list[Query]:
    data = yaml.safe_load(path.read_text("utf-8"))
    queries = []
    for entry in data["queries"]:
        accept = entry.get("accept", [entry["q"]])
        accept = [[a] if isinstance(a, str) else list(a) for a in accept]
        queries.append(
            Query(
                str(entry["q"]),
                list(entry["must"]),
                accept,
                entry.get("also", []),
                entry.get("why", ""),
                list(entry.get("first", [])),
            )
        )
    return queries


def page_texts(site: Path) -> dict[str, str]:
    """Every page's article text (title, headings, body), folded: what `accept` is judged on."""
    texts = {}
    for path in site.rglob("index.html"):
        html = path.read_text("utf-8")
        article = ARTICLE.search(html)
        title = TITLE.search(html)
        url = path.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        page = extract(title.group(1) if title else "", article.group(1) if article else "")
        parts = [page.title, *(s.heading + " " + s.text for s in page.sections)]
        texts[url] = fold(" ".join(parts))
    return texts


def fair(query: Query, url: str, texts: dict[str, str]) -> bool:
    if url in query.must or url in query.also:
        return True
    text = texts.get(url, "")
    return any(all(fold(word) in text for word in words) for words in query.accept)


def score(query: Query, urls: list[str], texts: dict[str, str], answer: Answer) -> QueryResult:
    top = urls[:10]
    found = [url for url in query.must if url in top]
    unfair = [url for url in top if not fair(query, url, texts)]
    precision = (len(top) - len(unfair)) / len(top) if top else None
    wanted = query.first or query.must
    rank = next((n for n, url in enumerate(top, 1) if url in wanted), None)
    return QueryResult(
        query.q,
        top,
        len(found) / len(query.must),
        precision,
        answer.first_result_ms,
        answer.answered_ms,
        missed=[url for url in query.must if url not in top],
        unfair=unfair,
        reciprocal_rank=1 / rank if rank else 0.0,
        first_ok=(bool(top) and top[0] in query.first) if query.first else None,
    )


def search_downloads(site: Path, requested: list[str]) -> tuple[int, int, int, int]:
    """Raw and gzipped bytes of the index files and of the search scripts a page requested."""
    index_raw = index_gz = script_raw = script_gz = 0
    for url in dict.fromkeys(requested):
        path = url.split("/", 3)[-1].split("?")[0].split("#")[0]
        file = site / path
        if not SEARCH_FILES.search("/" + path) or not file.is_file():
            continue
        is_index = file.suffix == ".json" or (file.parent.name == "search" and file.suffix == ".js")
        if is_index:
            index_raw += file.stat().st_size
            index_gz += gzip_size(file)
        else:
            script_raw += file.stat().st_size
            script_gz += gzip_size(file)
    return index_raw, index_gz, script_raw, script_gz


def run_engine(engine: str, root: Path, queries: list[Query]) -> EngineReport:
    work = root / engine
    shutil.copytree(REPO / "content", work / "content")
    build_s = build(work, engine)
    site = work / "site"
    # Judged on the built pages' text (the same content for both engines).
    texts = page_texts(site)
    results: list[QueryResult] = []
    requested: list[str] = []
    with serve(site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        for query in queries:
            page.goto(base, wait_until="load")
            answer = ask(page, engine, query.q, base)
            results.append(score(query, answer.urls, texts, answer))
        context.close()
    index_raw, index_gz, script_raw, script_gz = search_downloads(site, requested)
    times = [r.first_result_ms for r in results if r.first_result_ms is not None]
    answers = [r.answered_ms for r in results if r.answered_ms is not None]
    answered = [r for r in results if r.precision is not None]
    return EngineReport(
        engine=engine,
        build_s=round(build_s, 2),
        recall_at_10=round(statistics.fmean(r.recall for r in results), 4),
        precision_at_10=round(statistics.fmean(r.precision for r in answered), 4)
        if answered
        else 0.0,
        mrr_at_10=round(statistics.fmean(r.reciprocal_rank for r in results), 4),
        first_ok=sum(r.first_ok is True for r in results),
        first_queries=sum(r.first_ok is not None for r in results),
        answered=len(answered),
        queries=len(results),
        index_raw_bytes=index_raw,
        index_gzip_bytes=index_gz,
        scripts_raw_bytes=script_raw,
        scripts_gzip_bytes=script_gz,
        cold_answer_ms=_ms(results[0].answered_ms if results else None),
        answer_median_ms=_ms(statistics.median(answers) if answers else None),
        first_result_median_ms=_ms(statistics.median(times) if times else None),
        first_result_p90_ms=_ms(
            statistics.quantiles(times, n=10)[-1] if len(times) >= 10 else None
        ),
        results=results,
    )


def _ms(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def table(reports: list[EngineReport]) -> str:
    rows = [
        ("queries", lambda r: f"{r.queries}"),
        ("recall@10", lambda r: f"{r.recall_at_10:.3f}"),
        ("precision@10 (queries with results)", lambda r: f"{r.precision_at_10:.3f}"),
        ("queries with no result", lambda r: f"{r.queries - r.answered}"),
        ("MRR@10", lambda r: f"{r.mrr_at_10:.3f}"),
        (
            "named item first (ranking and typo queries)",
            lambda r: f"{r.first_ok} / {r.first_queries}",
        ),
        ("index, raw", lambda r: f"{r.index_raw_bytes / 1024:.1f} KiB"),
        ("index, gzip", lambda r: f"{r.index_gzip_bytes / 1024:.1f} KiB"),
        ("search scripts, gzip", lambda r: f"{r.scripts_gzip_bytes / 1024:.1f} KiB"),
        ("answer to the first query, fresh browser", lambda r: f"{r.cold_answer_ms} ms"),
        ("answer (results or none), median", lambda r: f"{r.answer_median_ms} ms"),
        (
            "first result on screen, median / p90",
            lambda r: f"{r.first_result_median_ms} / {r.first_result_p90_ms} ms",
        ),
        ("build", lambda r: f"{r.build_s} s"),
    ]
    lines = ["| | " + " | ".join(r.engine for r in reports) + " |", "|---|" + "---|" * len(reports)]
    lines += [f"| {name} | " + " | ".join(cell(r) for r in reports) + " |" for name, cell in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=Path(__file__).with_name("queries.yml"))
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--out", type=Path, default=REPO / "artifacts" / "search-bench.json")
    parser.add_argument(
        "--show-misses", action="store_true", help="list every miss and unfair result"
    )
    args = parser.parse_args()
    queries = load_queries(args.queries)
    started = time.perf_counter()
    reports = []
    with tempfile.TemporaryDirectory(prefix="search-bench-") as temp:
        for engine in args.engines.split(","):
            reports.append(run_engine(engine, Path(temp), queries))
    print(table(reports))
    if args.show_misses:
        for report in reports:
            for result in report.results:
                if result.first_ok is False:
                    print(f"[{report.engine}] {result.q}: first is {result.urls[:1]}")
                if result.missed or result.unfair:
                    missed, unfair = result.missed, result.unfair
                    print(f"[{report.engine}] {result.q}: missed {missed} unfair {unfair}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps([asdict(r) for r in reports], ensure_ascii=False, indent=1), "utf-8"
    )
    print(f"\n{len(queries)} queries, {time.perf_counter() - started:.0f} s; details in {args.out}")


if __name__ == "__main__":
    main()
