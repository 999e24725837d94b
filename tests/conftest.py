"""Shared helpers: write small content trees into a temporary folder."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

# Property tests: a bounded run in `make test`, a long one with `make test-long`.
settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck)
)
# To see a failing example at once, without the (slow) shrinking phase.
settings.register_profile(
    "debug", max_examples=25, deadline=None, phases=[Phase.reuse, Phase.generate]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent

YEAR_YML = "catalogue: ita-2568\n"

GOOD_MEASURE = """\
---
title: จัดทำคู่มือการปฏิบัติงาน
area: 1
period: ม.ค. - มี.ค. ๒๕๖๘
responsible: สำนักปลัดเทศบาล
results:
  - มีคู่มือ
outcomes:
  - indicator: o10
    score: 100
---
จัดทำคู่มือและเผยแพร่
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data) if data.startswith("\n") else data, "utf-8")
    return root


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A function that writes files under tmp_path/content and returns tmp_path; cwd is tmp_path."""
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str | bytes], year: str = "2568") -> Path:
        base = {f"content/ita/{year}/year.yml": YEAR_YML}
        base.update(files)
        return write_tree(tmp_path, base)

    return make
