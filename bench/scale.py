"""Scale benchmark: build time, memory, check time, output and search-index size, and the time
`mkdocs serve` takes to show a one-record edit, for our site beside two plain Material sites
(Material's search on in both): one of just the N record pages ("records": what a site of these
records costs at the least) and one of the same pages and navigation shape as ours ("plain").

    .venv/bin/python -m bench.scale [--sizes 100,1000,3000,5000,20000] [--out bench/results.json]
                                    [--repeat N] [--work DIR] [--skip PART,...]

Content comes from `bench/synthetic.py` (see its docstring for the mix of records). Builds and
checks are subprocesses, timed on the wall clock, the fastest of `--repeat` runs; peak memory
is the build process's own maximum resident size (wait4). `serve` is a real `mkdocs serve` on a
loopback port: the time from writing the edited record until the pages that show it serve the
new text (the worst of two edits). Ours is also built with Material's search in place of our
Thai index ("same search"), which separates the plugin's cost from the search's. The load
average before each size is recorded: other work on the same cores slows everything down.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from bench.synthetic import (
    LAST_YEAR,
    REPO,
    load_pools,
    mix_for,
    write_content,
    write_plain_site,
    write_records_site,
)

DEFAULT_SIZES = (100, 1000, 3000, 5000, 20000)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
MARKER = "แก้ไขเพื่อวัดเวลา"
SERVE_EDITS = 2

# The targets of issues #9 and #16, checked on whatever sizes were run.
TARGETS = {
    "build 3,000 ≤ 1.5 × records-only plain": lambda r: r[3000]["ratio_records"] <= 1.5,
    "build 20,000 ≤ 4.5 × build 5,000": lambda r: _ratio(r, 20000, 5000, "build_s") <= 4.5,
    "peak memory 20,000 ≤ 1 GB": lambda r: r[20000]["ours"]["peak_rss_mb"] <= 1024,
    "serve rebuild 5,000 ≤ 1 s": lambda r: r[5000]["ours"]["serve_rebuild_s"] <= 1,
    "build 5,000 < 30 s": lambda r: r[5000]["ours"]["build_s"] < 30,
    "check 20,000 < 10 s": lambda r: r[20000]["ours"]["check_s"] < 10,
}


def _ratio(results: dict, big: int, small: int, key: str) -> float:
    return results[big]["ours"][key] / results[small]["ours"][key]


@dataclass
class Run:
    """The numbers of one site (ours or plain) at one size."""

    pages: int = 0
    build_s: float = 0.0
    peak_rss_mb: float = 0.0
    check_s: float | None = None
    site_bytes: int = 0
    search_bytes: int = 0
    search_files: dict[str, int] = field(default_factory=dict)
    serve_ready_s: float = 0.0
    serve_rebuild_s: float | None = None  # None: not measured (--skip serve)
    serve_rebuilds_s: list[float] = field(default_factory=list)


# --- measuring -----------------------------------------------------------------------------------


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Run `cmd`; return (wall seconds, peak RSS in MB of that process). Fails loudly."""
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    # Read while it runs (a full pipe would block it); then wait4 gives the rusage of this one
    # child, not the running maximum over all children that RUSAGE_CHILDREN would.
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"ล้มเหลว (failed): {' '.join(cmd)} in {cwd}\n{output[-3000:]}")
    return wall, usage.ru_maxrss / 1024


def best_of(repeat: int, cmd: list[str], cwd: Path) -> tuple[float, float]:
    """The fastest of `repeat` runs (other work on the machine only ever slows a run down)."""
    return min((timed(cmd, cwd) for _ in range(repeat)), key=lambda run: run[0])


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def search_files(site: Path) -> dict[str, int]:
    # Material writes search/search_index.json; our Thai search writes search/ita-*.js there too.
    folder = site / "search"
    return {p.name: p.stat().st_size for p in sorted(folder.glob("*")) if p.is_file()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for_text(urls: list[str], text: str, timeout: float) -> float:
    """Seconds until every URL serves `text` (polling loopback only); raises after `timeout`."""
    start = time.perf_counter()
    pending = list(urls)
    while pending:
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"หมดเวลารอ (timed out) after {timeout:.0f} s waiting for {pending}")
        page = fetch(pending[0])
        if page is not None and text in page:
            pending.pop(0)
        else:
            time.sleep(0.05)
    return time.perf_counter() - start


def measure_serve(site_dir: Path, record: Path, title: str, urls: list[str], run: Run) -> None:
    """Start `mkdocs serve`, wait until ready, edit the record's title SERVE_EDITS times and
    time each edit until every page in `urls` shows it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    log = (site_dir / "serve.log").open("wb")
    server = subprocess.Popen(cmd, cwd=site_dir, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    original = record.read_text("utf-8")
    try:
        budget = 120 + run.build_s * 4
        run.serve_ready_s = wait_for_text([base + u for u in urls], title, budget)
        for number in range(1, SERVE_EDITS + 1):
            marker = f"{MARKER} {number}"
            record.write_text(original.replace(title, f"{marker} {title}", 1), "utf-8")
            run.serve_rebuilds_s.append(wait_for_text([base + u for u in urls], marker, budget))
        run.serve_rebuild_s = max(run.serve_rebuilds_s)
    finally:
        # SIGINT is MkDocs' clean shutdown: it removes its temporary site folder.
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        record.write_text(original, "utf-8")


def measure_site(
    folder: Path, repeat: int, record: Path, title: str, urls: list[str], serve: bool = True
) -> Run:
    run = Run()
    run.build_s, run.peak_rss_mb = best_of(repeat, MKDOCS_BUILD, folder)
    site = folder / "site"
    run.pages = sum(1 for _ in site.rglob("*.html")) - 1  # without 404.html
    run.site_bytes = tree_bytes(site)
    run.search_files = search_files(site)
    run.search_bytes = sum(run.search_files.values())
    if (folder / "content").is_dir():
        command = [sys.executable, "-m", "site_builder", "check", "--content", "content"]
        run.check_s = best_of(repeat, command, folder)[0]
    if serve:
        measure_serve(folder, record, title, urls, run)
    return run


# --- the sites -----------------------------------------------------------------------------------

MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
FLOOR_SEARCH_CONFIG = "floor-search.yml"


def repo_plugins() -> list:
    return yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8")).get("plugins", [])


def plugins_with_floor_search() -> list:
    """The repository's plugins with our Thai index off and Material's search on: our plugin
    over the floor, with the floor's own search (what the search choice costs is the rest)."""
    plugins: list = []
    for entry in repo_plugins():
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        if name == "ita":
            plugins.append({"ita": {**(options or {}), "search": False}})
        elif "search" not in name:
            plugins.append(entry)
    return [*plugins, "search"]


def write_configs(work: Path) -> tuple[Path, Path, Path]:
    # All sites inherit the repository's mkdocs.yml (theme, features, Markdown extensions,
    # plugins); the plain ones swap our plugins for Material's own search only.
    ours, plain, records = work / "ours", work / "plain", work / "records"
    common = {"INHERIT": str(REPO / "mkdocs.yml"), "site_dir": "site"}
    theme = {"custom_dir": str(REPO / "theme")}
    configs = {
        ours / "mkdocs.yml": {**common, "docs_dir": "content", "theme": theme},
        ours / FLOOR_SEARCH_CONFIG: {
            "INHERIT": "mkdocs.yml",
            "site_dir": "site-floor-search",
            "plugins": plugins_with_floor_search(),
        },
        plain / "mkdocs.yml": {
            **common,
            "docs_dir": "docs",
            "theme": theme,
            "plugins": ["search"],
            "not_in_nav": "/ita/*/o*/\n/ita/*/measures/*.md\n!/ita/*/measures/index.md\n",
        },
        records / "mkdocs.yml": {
            **common,
            "docs_dir": "docs",
            "theme": theme,
            "plugins": ["search"],
            "not_in_nav": "/ita/\n",
        },
    }
    for path, config in configs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return ours, plain, records


def first_measure(folder: Path) -> Path:
    return sorted(folder.glob("*.md"))[0]


# What `--skip` can leave out of a run, to measure one number sooner on a busy machine.
PARTS = {
    "serve": "`mkdocs serve` of our site",
    "plain": "the plain site of the same pages",
    "plain-serve": "`mkdocs serve` of the plain site (a full rebuild: as long as its build)",
    "records": "the plain site of just the record pages",
    "floor": "our site built with Material's search",
}


def run_size(work: Path, size: int, repeat: int, skip: frozenset[str] = frozenset()) -> dict:
    ours, plain, records = write_configs(work)
    started = time.perf_counter()
    mix = write_content(ours, size, load_pools())
    plain_pages = 0 if "plain" in skip else write_plain_site(ours, plain)
    records_pages = 0 if "records" in skip else write_records_site(ours, records)
    generate_s = time.perf_counter() - started
    load = os.getloadavg()

    fy = LAST_YEAR
    record = first_measure(ours / "content" / "ita" / str(fy) / "measures")
    title = yaml.safe_load(record.read_text("utf-8").split("---")[1])["title"]
    urls = [f"ita/{fy}/measures/{record.stem}/", f"ita/{fy}/report/"]
    serve = "serve" not in skip
    result: dict = {
        "size": size,
        "mix": asdict(mix),
        "generate_s": round(generate_s, 2),
        "load_before": [round(x, 2) for x in load],
        "skipped": sorted(skip),
        "ours": asdict(measure_site(ours, repeat, record, title, urls, serve=serve)),
    }
    ours_s = result["ours"]["build_s"]
    if "plain" not in skip:
        plain_record = plain / "docs" / "ita" / str(fy) / "measures" / record.name
        # A plain site has no report made from the records: only the edited page changes.
        plain_serve = "plain-serve" not in skip
        plain_run = measure_site(plain, repeat, plain_record, title, urls[:1], serve=plain_serve)
        result["plain"] = {**asdict(plain_run), "markdown_pages": plain_pages}
        result["ratio_build"] = ours_s / plain_run.build_s
    if "records" not in skip:
        records_build_s, records_rss_mb = best_of(repeat, MKDOCS_BUILD, records)
        result["records"] = {
            "pages": records_pages,
            "build_s": records_build_s,
            "peak_rss_mb": records_rss_mb,
        }
        result["ratio_records"] = ours_s / records_build_s
    if "floor" not in skip and "plain" not in skip:
        floor_search = [*MKDOCS_BUILD, "-f", FLOOR_SEARCH_CONFIG]
        result["ours_floor_search_build_s"] = best_of(repeat, floor_search, ours)[0]
        result["ratio_floor_search"] = (
            result["ours_floor_search_build_s"] / result["plain"]["build_s"]
        )
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    for folder in ("ours/site", "ours/site-floor-search", "plain/site", "records/site"):
        shutil.rmtree(work / folder, ignore_errors=True)
    return result


# --- report --------------------------------------------------------------------------------------

COLUMNS = (
    ("records", 8),
    ("pages", 7),
    ("build s ours/records (×)", 25),
    ("build s ours/plain (×)", 24),
    ("same search (×)", 16),
    ("peak MB", 12),
    ("check s", 8),
    ("site MB", 12),
    ("search MB", 12),
    ("serve s", 12),
    ("load", 5),
)


def _serve(r: dict, site: str) -> str:
    run = r[site]
    return f"{run['serve_rebuild_s']:.1f}" if run["serve_rebuilds_s"] else "–"


CELLS = (
    lambda r: f"{r['size']:,}",
    lambda r: f"{r['ours']['pages']:,}",
    lambda r: (
        f"{r['ours']['build_s']:.1f}/{r['records']['build_s']:.1f} ({r['ratio_records']:.2f})"
    ),
    lambda r: f"{r['ours']['build_s']:.1f}/{r['plain']['build_s']:.1f} ({r['ratio_build']:.2f})",
    lambda r: f"{r['ours_floor_search_build_s']:.1f} ({r['ratio_floor_search']:.2f})",
    lambda r: f"{r['ours']['peak_rss_mb']:.0f}/{r['plain']['peak_rss_mb']:.0f}",
    lambda r: f"{r['ours']['check_s']:.2f}",
    lambda r: f"{r['ours']['site_bytes'] / 1e6:.0f}/{r['plain']['site_bytes'] / 1e6:.0f}",
    lambda r: f"{r['ours']['search_bytes'] / 1e6:.1f}/{r['plain']['search_bytes'] / 1e6:.1f}",
    lambda r: f"{_serve(r, 'ours')}/{_serve(r, 'plain')}",
    lambda r: f"{r['load_before'][0]:.1f}",
)


def _cell(result: dict, make) -> str:  # type: ignore[no-untyped-def]
    # A part left out with --skip leaves its cells empty (the plain site's half: "ours/–").
    try:
        return make(result)
    except KeyError:
        try:
            return make({**result, "plain": _NOTHING, "records": _NOTHING}).replace("nan", "–")
        except KeyError:
            return "–"


_NOTHING = {"build_s": float("nan"), "peak_rss_mb": float("nan"), "site_bytes": float("nan"),
            "search_bytes": float("nan"), "serve_rebuilds_s": []}  # fmt: skip


def table(results: list[dict]) -> str:
    lines = ["  ".join(name.ljust(width) for name, width in COLUMNS)]
    for r in results:
        cells = tuple(_cell(r, make) for make in CELLS)
        lines.append(
            "  ".join(cell.ljust(width) for cell, (_, width) in zip(cells, COLUMNS, strict=True))
        )
    return "\n".join(lines)


def target_lines(results: list[dict]) -> list[str]:
    by_size = {r["size"]: r for r in results}
    lines = []
    for name, passes in TARGETS.items():
        try:
            verdict = "ผ่าน (pass)" if passes(by_size) else "ไม่ผ่าน (FAIL)"
        except (KeyError, TypeError):
            continue  # that size or that part was not run (None is not a number to compare)
        lines.append(f"{verdict}: {name}")
    return lines


def write_report(out: Path, results: list[dict], repeat: int) -> None:
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "plugins": repo_plugins(),
            "repeat": repeat,
        },
        "results": results,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.scale", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--out", default="bench/results.json", type=Path)
    parser.add_argument("--work", type=Path, help="keep the generated sites in this folder")
    parser.add_argument(
        "--repeat", type=int, default=1, help="builds per site and size; the fastest counts"
    )
    parser.add_argument(
        "--skip",
        default="",
        help="leave out, comma-separated: "
        + "; ".join(f"{name} ({what})" for name, what in PARTS.items()),
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    skip = frozenset(part for part in args.skip.split(",") if part)
    if skip - PARTS.keys():
        parser.error(f"--skip: unknown {sorted(skip - PARTS.keys())}; known: {sorted(PARTS)}")
    work = args.work or Path(tempfile.mkdtemp(prefix="ita-bench-"))
    results: list[dict] = []
    try:
        for size in sizes:
            print(f"… {size:,} records ({mix_for(size)})", file=sys.stderr, flush=True)
            results.append(run_size(work, size, args.repeat, skip))
            # Written after each size: a long run that is stopped keeps what it measured.
            write_report(args.out, results, args.repeat)
            if len(sizes) > 1:
                print(table(results[-1:]), file=sys.stderr, flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    print(
        "records: a plain Material site of just the record pages (out of the nav) and the home "
        "page; plain: one with the same pages as ours. "
        "same search: ours built with Material's search in place of our Thai index, "
        "over the plain build (the plugin's own cost); the difference to the first column "
        "is what the search configured in mkdocs.yml costs"
    )
    print("\n".join(target_lines(results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
