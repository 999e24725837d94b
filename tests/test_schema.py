"""The exported JSON Schema describes the records people write."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import REPO


def test_schema_command_writes_one_schema_per_record(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "site_builder", "schema", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [
        "disclosure.schema.json",
        "measure.schema.json",
        "page.schema.json",
        "year.schema.json",
    ]
    measure = json.loads((tmp_path / "measure.schema.json").read_text("utf-8"))
    assert measure["additionalProperties"] is False
    assert sorted(measure["required"]) == ["area", "period", "responsible", "title"]
    # Every demo record uses only keys the schema knows, and all the required ones.
    for path in sorted((REPO / "content/ita/2568/measures").glob("*.md")):
        front = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
        assert set(front) <= set(measure["properties"]), path
        assert set(measure["required"]) <= set(front), path
