"""What the importer tells people: errors that stop it, warnings about what it had to guess.

Both carry a line of the report (1-based; for a .docx, the n-th paragraph or table row) and a
Thai message with its English, printed like `check` prints problems: `REPORT:line: message`.
"""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.records.problems import Problem, Severity


@dataclass
class ReportError(Exception):
    """The report cannot be read as an integrity report: nothing is written."""

    line: int
    thai: str
    english: str
    # About the whole document (it is not the template), not about the block at `line`.
    whole_document: bool = False

    def format(self, report: str) -> str:
        return str(Problem(report, self.line, self.thai, self.english))

    def __str__(self) -> str:
        return f"{self.line}: {self.thai} ({self.english})"


@dataclass(frozen=True)
class ReportWarning:
    """Something the importer guessed, repaired or could not read; the records say so too.

    `written` is the indicator code as the report wrote it and `indicator` the code chosen
    (None when the pair was left out), for warnings about one outcome pair.
    """

    line: int
    thai: str
    english: str
    written: str | None = None
    indicator: str | None = None
    # A routine repair (a letter misread in a code, and the text confirms the code) has the
    # name of what was repaired, (Thai, English); the import summary counts those on one line.
    # Warnings without it need a person.
    routine: tuple[str, str] | None = None

    def format(self, report: str) -> str:
        return str(Problem(report, self.line, self.thai, self.english, Severity.WARNING))


@dataclass
class OutputExistsError(Exception):
    """The output folder already holds records that a re-run would overwrite."""

    folder: str
    existing: list[str]

    def __str__(self) -> str:
        names = ", ".join(self.existing)
        return (
            f"{self.folder}: มีไฟล์ระเบียนอยู่แล้ว {len(self.existing)} ไฟล์ ({names}) "
            "จึงไม่เขียนไฟล์ใดเลย เพื่อไม่ให้ทับงานที่แก้ไขไว้ "
            "ถ้าต้องการเขียนเฉพาะไฟล์ที่ยังไม่มี ให้ใช้ --only-new "
            f"({self.folder}: {len(self.existing)} record files already exist; nothing was "
            "written so that edited files are not overwritten; use --only-new to write only "
            "the files that do not exist yet)"
        )


class CatalogueError(Exception):
    """The catalogue named by --catalogue is missing or invalid (its problems, one a line)."""
