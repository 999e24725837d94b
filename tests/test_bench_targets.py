"""The benchmark's verdicts: a target is judged only on what was measured. A skipped part
(`--skip serve`) must not read as a pass."""

from __future__ import annotations

from dataclasses import asdict

from bench.scale import Run, target_lines


def _result(size: int, **ours: float) -> dict:
    return {"size": size, "ours": {**asdict(Run()), **ours}, "ratio_records": 1.2}


def test_a_skipped_serve_measurement_is_no_verdict() -> None:
    lines = target_lines([_result(5000, build_s=20.0)])
    assert not any("serve rebuild" in line for line in lines)
    assert "ผ่าน (pass): build 5,000 < 30 s" in lines


def test_a_measured_serve_rebuild_is_judged() -> None:
    slow = _result(5000, build_s=40.0, serve_rebuild_s=2.5)
    slow["ours"]["serve_rebuilds_s"] = [2.5]
    lines = target_lines([slow])
    assert "ไม่ผ่าน (FAIL): serve rebuild 5,000 ≤ 1 s" in lines
    assert "ไม่ผ่าน (FAIL): build 5,000 < 30 s" in lines
