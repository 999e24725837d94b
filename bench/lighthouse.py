"""Lighthouse (mobile preset, @lhci/cli 0.14.0 from package-lock.json) on four pages of the built
demo site, served from 127.0.0.1 with gzip as any real web host serves it.

    make lighthouse                      # make build, npm ci, then this script
    .venv/bin/python bench/lighthouse.py [--site site] [--runs 3]

Writes artifacts/lighthouse/summary.md and summary.json (the median of the runs per page and
category) and prints the table; exits 1 when a page misses a target: accessibility and
best-practices 100, performance 95 or more. Lighthouse is slow (about 20 s a run here), so this is
not part of `make test`.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

from bench import loopback

REPO = Path(__file__).resolve().parent.parent
LHCI = REPO / "node_modules" / ".bin" / "lhci"
OUT = REPO / "artifacts" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "home": "",
    "oit-table": "ita/2568/",
    "item": "ita/2568/o1/",
    "report": "ita/2568/report/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100}
# Headless Debian Chromium on a closed network: no calls to Google's own hosts.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync --disable-quic"
)
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser asks (text types only), as a web host does."""

    cache: ClassVar[dict[Path, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> io.BytesIO | BinaryIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()  # redirects of "dir" to "dir/", 404s, binary files
        if path not in self.cache:
            self.cache[path] = gzip.compress(path.read_bytes(), 6, mtime=0)
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """The site on a free loopback port (bench.loopback), gzipped as a real host would."""
    with loopback.serve(directory, GzipHandler) as url:
        yield url


Scores = dict[str, list[dict[str, int]]]


def collect(base_url: str, runs: int, work: Path) -> tuple[Scores, dict[str, set[str]]]:
    """Run lhci collect on every page; return, per page name, each run's category scores and
    the audits that cost points (so the summary says what to fix, not only the score)."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    command = [str(LHCI), "collect", "--no-lighthouserc", f"--numberOfRuns={runs}"]
    command += [f"--url={base_url}{path}" for path in PAGES.values()]
    command += [f"--chromePath={CHROMIUM}", f"--settings.chromeFlags={CHROME_FLAGS}"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, cwd=work, env=env, check=True)
    by_url = {base_url + path: name for name, path in PAGES.items()}
    scores: Scores = {name: [] for name in PAGES}
    failures: dict[str, set[str]] = {name: set() for name in PAGES}
    for report in sorted((work / ".lighthouseci").glob("lhr-*.json")):
        lhr = json.loads(report.read_text("utf-8"))
        name = by_url[lhr["requestedUrl"]]
        categories = lhr["categories"]
        scores[name].append({c: round(categories[c]["score"] * 100) for c in CATEGORIES})
        failures[name] |= _audits_losing_points(lhr)
    return scores, failures


def _audits_losing_points(lhr: dict[str, Any]) -> set[str]:
    lost = set()
    for category in lhr["categories"].values():
        for ref in category["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                lost.add(f"{audit['id']} {audit.get('displayValue', '')}".strip())
    return lost


def _spread(values: list[int]) -> str:
    return "" if len(set(values)) == 1 else " (runs: " + ", ".join(map(str, values)) + ")"


def summarise(scores: Scores, failures: dict[str, set[str]], runs: int) -> tuple[str, bool]:
    lines = [
        f"Lighthouse 12.1 (@lhci/cli 0.14.0), mobile preset, median of {runs} run(s) per page,",
        "Debian Chromium headless, site served from 127.0.0.1 with gzip.",
        "",
        "| page | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---|" * len(CATEGORIES),
    ]
    ok = True
    for name, runs_of_page in scores.items():
        medians = {c: statistics.median(run[c] for run in runs_of_page) for c in CATEGORIES}
        ok &= all(medians[c] >= target for c, target in TARGETS.items())
        # The median, and every run's score when they differ (performance varies with load).
        cells = " | ".join(
            f"{medians[c]:g}" + _spread([run[c] for run in runs_of_page]) for c in CATEGORIES
        )
        lines.append(f"| {name} (/{PAGES[name]}) | {cells} |")
    if any(failures.values()):
        lines += ["", "Audits that cost points in some run:"]
        lines += [f"- {name}: {', '.join(sorted(lost))}" for name, lost in failures.items() if lost]
    verdict = "targets met" if ok else "TARGETS MISSED"
    lines += ["", f"{verdict} (accessibility 100, best-practices 100, performance >= 95)"]
    return "\n".join(lines) + "\n", ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "site", help="built site (site/)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"ไม่พบเว็บไซต์ที่ {args.site}: รัน make build ก่อน (build the site first)")
        return 2
    if not LHCI.exists():
        print("ไม่พบ lhci: รัน npm ci ก่อน (run `npm ci`, or use `make lighthouse`)")
        return 2
    with serve(args.site) as base_url:
        scores, failures = collect(base_url, args.runs, OUT / "runs")
    summary, ok = summarise(scores, failures, args.runs)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "summary.md").write_text(summary, "utf-8")
    (OUT / "summary.json").write_text(json.dumps(scores, indent=2), "utf-8")
    print(summary)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
