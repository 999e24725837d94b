"""Thai search at scale: a synthetic site of 5,000 records over ten fiscal years, searched on an
emulated phone (4× slower CPU, 1.6 Mbit/s with 150 ms latency) in Debian's Chromium.

    .venv/bin/python -m bench.search.scale [--records 5000] [--query ร้องเรียน] [--out ...]

(`make bench-search-scale` runs it.) Content comes from bench/synthetic.py (demo texts
recombined; see its docstring for the mix of measures and disclosures). Measured:

- the index: bytes per chunk and in all, raw and gzipped (Material's search_index.json of the
  same build beside it);
- what a phone downloads before the first result: the compressed bytes of the index chunks
  fetched between typing the query and its first result on screen (the search scripts come
  with the page and are counted apart), and how long that took;
- the search's memory: the page's JavaScript heap (CDP Performance.getMetrics JSHeapUsedSize,
  after a garbage collection) before the search starts and once every year's chunk is loaded;
- the time of a query once everything is loaded.

Targets (issue #5): under 1.5 MB gzipped before the first result, under 200 MB of heap.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from bench.search.harness import BOXES, REPO, WATCH, build, chromium, gzip_size, serve
from bench.synthetic import write_content

TARGET_FIRST_BYTES = 1.5 * 1000 * 1000
TARGET_HEAP = 200 * 1000 * 1000
PHONE = {"width": 390, "height": 844}
SLOW_LINK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 200_000,
    "uploadThroughput": 90_000,
}
WARM_QUERIES = ("จัดซื้อจัดจ้าง", "ทุจริต", "คู่มือ", "No Gift", "ประเมินความเสี่ยง", "o14")


def heap(cdp) -> int:  # type: ignore[no-untyped-def]
    cdp.send("HeapProfiler.collectGarbage")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return int(metrics["JSHeapUsedSize"])


def measure(site: Path, query: str, start_path: str) -> dict:
    box = BOXES["ours"]
    with serve(site) as base, chromium() as browser:
        context = browser.new_context(
            viewport=PHONE, locale="th-TH", is_mobile=True, has_touch=True
        )
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        sizes: dict[str, int] = {}
        urls: dict[str, str] = {}
        finished_at: dict[str, float] = {}
        cdp.on(
            "Network.requestWillBeSent",
            lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]),
        )

        def done(event: dict) -> None:
            sizes[event["requestId"]] = int(event["encodedDataLength"])
            finished_at[event["requestId"]] = time.perf_counter()

        cdp.on("Network.loadingFinished", done)
        page.goto(base + start_path, wait_until="load")
        before = heap(cdp)
        page.locator("label.md-header__button[for=__search]").click()
        field = page.locator(box.input)
        field.wait_for(state="visible")
        page.evaluate(WATCH, [query, box.done])
        typed_at = time.perf_counter()
        field.fill(query)
        page.locator(box.results).first.wait_for(timeout=120_000)
        first_at = time.perf_counter()
        first_ms = page.evaluate("() => window.__firstResult")
        chunks_first = {
            urls[rid]: size
            for rid, size in sizes.items()
            if "/search/ita-" in urls.get(rid, "") and finished_at[rid] <= first_at
        }
        page.wait_for_function(box.done, arg=query, timeout=600_000, polling=200)
        all_loaded_s = time.perf_counter() - typed_at
        after = heap(cdp)
        chunks_all = {
            urls[rid]: size for rid, size in sizes.items() if "/search/ita-" in urls.get(rid, "")
        }
        scripts = {
            urls[rid]: size for rid, size in sizes.items() if "ita-search" in urls.get(rid, "")
        }
        # Every year loaded, no throttling: what one more query costs.
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        warm = []
        for text in WARM_QUERIES:
            page.evaluate(WATCH, [text, box.done])
            field.fill(text)
            page.wait_for_function(box.done, arg=text, timeout=60_000, polling=10)
            warm.append(page.evaluate("() => window.__answered") or 0.0)
        pages = page.evaluate("() => document.getElementById('ita-search-results').children.length")
        context.close()
    return {
        "start_page": start_path,
        "query": query,
        "chunks_before_first_result": sorted(Path(u).name for u in chunks_first),
        "gzip_bytes_before_first_result": sum(chunks_first.values()),
        "first_result_ms_phone": round(first_ms, 1) if first_ms else None,
        "first_result_wall_s": round(first_at - typed_at, 2),
        "all_years_loaded_s": round(all_loaded_s, 2),
        "gzip_bytes_all_chunks": sum(chunks_all.values()),
        "search_scripts_gzip_bytes": sum(scripts.values()),
        "heap_before_mb": round(before / 1e6, 1),
        "heap_all_loaded_mb": round(after / 1e6, 1),
        "warm_query_ms": {"median": round(statistics.median(warm), 1), "max": round(max(warm), 1)},
        "results_shown": pages,
    }


def index_sizes(site: Path) -> dict:
    chunks = sorted((site / "search").glob("ita-*.js"))
    material = site / "search" / "search_index.json"
    return {
        "chunks": {c.name: {"raw": c.stat().st_size, "gzip": gzip_size(c)} for c in chunks},
        "ours_raw": sum(c.stat().st_size for c in chunks),
        "ours_gzip": sum(gzip_size(c) for c in chunks),
        "material_raw": material.stat().st_size if material.exists() else None,
        "material_gzip": gzip_size(material) if material.exists() else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--query", default="ร้องเรียน")
    parser.add_argument("--out", type=Path, default=REPO / "artifacts" / "search-scale.json")
    parser.add_argument("--keep", type=Path, help="build here and keep the site (else a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-scale-") as temp:
        root = args.keep or Path(temp)
        root.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        mix = write_content(root, args.records)
        written_s = time.perf_counter() - started
        build_s = build(root, "ours")
        site = root / "site"
        pages = sum(1 for _ in site.rglob("index.html"))
        sizes = index_sizes(site)
        home = measure(site, args.query, "")
        old_year = measure(site, args.query, "ita/2560/o22/")
    report = {
        "records": args.records,
        "measures": mix.measures,
        "disclosures": mix.disclosures,
        "pages": pages,
        "content_written_s": round(written_s, 1),
        "build_s": round(build_s, 1),
        "index": sizes,
        "from_home": home,
        "from_a_2560_page": old_year,
        "targets": {
            "gzip before first result < 1.5 MB": home["gzip_bytes_before_first_result"]
            < TARGET_FIRST_BYTES,
            "heap with every year loaded < 200 MB": home["heap_all_loaded_mb"] * 1e6 < TARGET_HEAP,
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    print(
        json.dumps({k: v for k, v in report.items() if k != "index"}, ensure_ascii=False, indent=1)
    )
    print(
        f"index: ours {sizes['ours_raw'] / 1e6:.2f} MB raw, {sizes['ours_gzip'] / 1e6:.2f} MB gzip "
        f"in {len(sizes['chunks'])} chunks; Material's search_index.json "
        f"{(sizes['material_raw'] or 0) / 1e6:.2f} MB raw, "
        f"{(sizes['material_gzip'] or 0) / 1e6:.2f} MB gzip"
    )
    print(f"details in {args.out}")


if __name__ == "__main__":
    main()
