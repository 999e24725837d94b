"""The one error of publishing, shared by publish, rollback and the hook installers."""

from __future__ import annotations


class PublishError(Exception):
    """A publish, rollback or install that failed; `str()` is Thai with the English in brackets."""

    def __init__(self, thai: str, english: str, details: tuple[str, ...] = ()) -> None:
        super().__init__(f"{thai} ({english})")
        self.details = details
