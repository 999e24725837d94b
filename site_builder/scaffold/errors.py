"""The one error of the scaffold commands: Thai with the English in brackets, nothing written."""

from __future__ import annotations


class ScaffoldError(Exception):
    def __init__(self, thai: str, english: str) -> None:
        super().__init__(f"{thai} ({english})")
        self.thai = thai
        self.english = english
