"""The one error of publishing, shared by publish, rollback and the hook installers."""

from __future__ import annotations

import errno
from pathlib import Path


class PublishError(Exception):
    """A publish, rollback or install that failed; `str()` is Thai with the English in brackets."""

    def __init__(self, thai: str, english: str, details: tuple[str, ...] = ()) -> None:
        super().__init__(f"{thai} ({english})")
        self.details = details


# Errors of a write that mean "no room": a full disk, a quota, or a file size limit.
NO_ROOM = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class DiskFull(PublishError):
    """No room to write: trying again in another way would not help."""


def disk_full(where: Path) -> PublishError:
    return DiskFull(
        f"ดิสก์เต็ม: เขียนไฟล์ใน {where} ไม่ได้ เว็บไซต์ยังเป็นรุ่นเดิม ให้ผู้ดูแลเซิร์ฟเวอร์เพิ่มพื้นที่แล้ว push ใหม่",
        "the disk is full; the live site is unchanged; free some space and push again",
    )
