"""Copy the pinned Decap CMS bundle from node_modules into the package (run by `make editor`).

    .venv/bin/python tools/vendor_editor.py            # (re)write site_builder/site/editor_assets/
    .venv/bin/python tools/vendor_editor.py --check    # exit 1 if the committed copy differs

The bundle is committed (like the Sarabun font), so that `make build` on a fresh clone and an
agency's project that installs this tool as a wheel need neither node nor npm. Only what the
browser loads is copied: the main script, its lazily loaded chunks and WebAssembly files, and
the licence texts; source maps (50 MB) are left out. MANIFEST records the npm version and the
SHA-256 of every file, so a test can tell that nobody edited the copy by hand.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "node_modules" / "decap-cms" / "dist"
# The decap-cms package ships no LICENSE file of its own; decap-server, from the same
# repository and under the same MIT licence, does.
LICENSE = REPO / "node_modules" / "decap-server" / "LICENSE"
TARGET = REPO / "site_builder" / "site" / "editor_assets" / "decap-cms"


def wanted(dist: Path) -> list[Path]:
    files = [dist / "decap-cms.js", dist / "decap-cms.js.LICENSE.txt"]
    files += sorted(dist.glob("*.decap-cms.js")) + sorted(dist.glob("*.wasm"))
    return files


def manifest(folder: Path, version: str) -> str:
    lines = [f"decap-cms {version}"]
    for path in sorted(folder.iterdir()):
        if path.name != "MANIFEST":
            lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    version = json.loads((DIST.parent / "package.json").read_text("utf-8"))["version"]
    staging = TARGET.with_name("decap-cms.new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for path in wanted(DIST):
        shutil.copyfile(path, staging / path.name)
    shutil.copyfile(LICENSE, staging / "LICENSE")
    (staging / "MANIFEST").write_text(manifest(staging, version), "utf-8")
    if args.check:
        same = TARGET.is_dir() and (TARGET / "MANIFEST").read_text("utf-8") == manifest(
            TARGET, version
        ) == (staging / "MANIFEST").read_text("utf-8")
        shutil.rmtree(staging)
        print(
            "ตรงกัน (up to date)" if same else "ไม่ตรงกัน: รัน make editor (differs: run make editor)"
        )
        return 0 if same else 1
    shutil.rmtree(TARGET, ignore_errors=True)
    staging.rename(TARGET)
    print(f"decap-cms {version} → {TARGET.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
