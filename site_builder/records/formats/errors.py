"""The one error of the format readers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormatError(Exception):
    thai: str
    english: str
