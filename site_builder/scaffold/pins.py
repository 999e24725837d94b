"""How a new project installs this tool: one pinned requirement, plus exact pins of everything
it needs, taken from the installation that runs `new` (so the project builds as this one does)."""

from __future__ import annotations

import json
import subprocess
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

DISTRIBUTION = "site-builder"


def tool_requirement() -> tuple[str, bool]:
    """The requirement line for this tool, and whether another machine (CI) can install it.

    Installed from git: that URL and commit. Installed from a checkout (`pip install -e .`): the
    checkout's `origin` at its current commit when there is one, else the checkout itself by path
    (usable on this machine only). Otherwise the released version number.
    """
    dist = metadata.distribution(DISTRIBUTION)
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    vcs = direct.get("vcs_info")
    if vcs and vcs.get("commit_id"):
        return f"{DISTRIBUTION} @ git+{direct['url']}@{vcs['commit_id']}", True
    url = direct.get("url", "")
    if "dir_info" in direct and url.startswith("file://"):
        checkout = Path(unquote(urlparse(url).path))
        commit = _git(checkout, "rev-parse", "HEAD")
        if commit:
            origin = _git(checkout, "remote", "get-url", "origin")
            if origin and not origin.startswith(("/", "file:", ".")):
                return f"{DISTRIBUTION} @ git+{origin}@{commit}", True
            return f"{DISTRIBUTION} @ git+{checkout.as_uri()}@{commit}", False
    return f"{DISTRIBUTION}=={dist.version}", False


def _git(folder: Path, *args: str) -> str:
    try:
        run = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return ""
    return run.stdout.strip() if run.returncode == 0 else ""


def dependency_pins() -> list[str]:
    """`name==version` of every distribution this tool needs (not its test extras), sorted."""
    pins: dict[str, str] = {}
    pending = [DISTRIBUTION]
    while pending:
        name = pending.pop()
        for text in metadata.requires(name) or ():
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            key = canonicalize_name(requirement.name)
            if key in pins:
                continue
            try:
                version = metadata.version(requirement.name)
            except metadata.PackageNotFoundError:
                continue  # an optional dependency that this installation does not have
            pins[key] = f"{requirement.name}=={version}"
            pending.append(requirement.name)
    return sorted(pins.values(), key=str.lower)
