"""Options shared by several commands."""

from __future__ import annotations

import argparse
from pathlib import Path

# A project's own catalogues (`catalogue new` writes there) are read without being named.
PROJECT_CATALOGUES = Path("catalogues")


def fiscal_year_arg(text: str) -> int:
    digits = text.strip().translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    if not (digits.isascii() and digits.isdigit() and 2400 <= int(digits) <= 2999):
        raise argparse.ArgumentTypeError(
            f"ปีงบประมาณต้องเป็นปี พ.ศ. 4 หลัก เช่น 2568 ได้ “{text}” "
            f"(fiscal year must be a BE year such as 2568)"
        )
    return int(digits)


def catalogue_dirs(named: list[str]) -> tuple[Path, ...]:
    dirs = [Path(folder) for folder in named]
    if PROJECT_CATALOGUES.is_dir() and PROJECT_CATALOGUES not in dirs:
        dirs.append(PROJECT_CATALOGUES)
    return tuple(dirs)
