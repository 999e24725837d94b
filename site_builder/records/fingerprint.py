"""One digest of the code that reads and builds a site: this package's own files and the
versions of the libraries whose output it depends on. A result kept on disk by one process
(a record read by `check`, the state of a published build) is reused by another only when both
ran the same code, so an upgrade never mixes old results with new ones."""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
# The libraries whose behaviour shapes what check reports or what a build writes.
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pydantic", "pypdf",
             "PyYAML", "pythainlp", "nlpo3", "jinja2")  # fmt: skip
SUFFIXES = {".py", ".yml", ".yaml", ".json", ".html", ".js", ".css", ".txt"}


@cache
def code_fingerprint() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\n".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
