"""Small, valid sample PDFs with a text layer for the demo content (no third-party package).

    .venv/bin/python tools/make_sample_pdf.py            # (re)write every demo PDF listed below
    .venv/bin/python tools/make_sample_pdf.py --check    # exit 1 if a committed PDF differs
    .venv/bin/python tools/make_sample_pdf.py OUT.pdf "Title" "line" ...   # one file of your own

The text is ASCII (the PDF's built-in Helvetica has no Thai glyphs; embedding a Thai font would
make every sample ~100 KB). Output is byte-for-byte reproducible: no dates, no random ids.
Every page says that it is demonstration content.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

# Run as a script (tools/make_sample_pdf.py), the repository is not on the path yet.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.pdf import assemble

REPO = Path(__file__).resolve().parent.parent
DEMO_DIR = REPO / "content" / "ita" / "2568"
AGENCY = "Pla Lai Subdistrict Municipality (fictional demo agency)"
NOTICE = "SAMPLE - demonstration content for the ITA site builder, not a real document."


@dataclass(frozen=True)
class Sample:
    title: str
    lines: tuple[str, ...]
    # Grey boxes with a caption, drawn where a real document would have a photo.
    photos: tuple[str, ...] = field(default=())


def _escape(text: str) -> str:
    if not text.isascii():
        raise ValueError(f"sample text must be ASCII (Helvetica has no Thai glyphs): {text!r}")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content_stream(sample: Sample) -> bytes:
    ops = ["BT", "/F2 16 Tf", "56 790 Td", "20 TL", f"({_escape(sample.title)}) Tj"]
    ops += ["/F1 10 Tf", "16 TL", "T*", f"({_escape(AGENCY)}) Tj", "T*", f"({_escape(NOTICE)}) Tj"]
    ops += ["/F1 11 Tf", "T*"]
    for line in sample.lines:
        ops += ["T*", f"({_escape(line)}) Tj"]
    ops.append("ET")
    for number, caption in enumerate(sample.photos):
        x = 56 + number * 150
        ops += ["0.85 g", f"{x} 380 120 150 re f", "0 g"]
        ops += ["BT", "/F1 9 Tf", f"{x} 366 Td", f"({_escape(caption)}) Tj", "ET"]
    return "\n".join(ops).encode("ascii") + b"\n"


def make_pdf(sample: Sample) -> bytes:
    """A one-page A4 PDF 1.4 whose text can be selected, searched and extracted."""
    stream = _content_stream(sample)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
        b"<< /Title (%s) /Producer (tools/make_sample_pdf.py) >>" % _escape(sample.title).encode(),
    ]
    return assemble(objects, info=7)


def _fy(title: str, *lines: str, photos: tuple[str, ...] = ()) -> Sample:
    return Sample(title, lines, photos)


# The demo's attachments, by path under content/ita/2568/. Plain facts of a fictional agency.
DEMO: dict[str, Sample] = {
    "o1/structure-chart.pdf": _fy(
        "Organisation chart",
        "Mayor > Deputy Mayors > Municipal Clerk",
        "Divisions: Office of the Municipal Clerk, Finance, Public Works,",
        "Education, Public Health and Environment.",
        "Each division head is shown with the position title.",
    ),
    "o2/executives.pdf": _fy(
        "Executives: positions and photos",
        "Mayor; Deputy Mayor (2); Municipal Clerk.",
        "Office telephone: 0-0000-0000 (switchboard).",
        photos=("Mayor (photo)", "Deputy Mayor (photo)", "Municipal Clerk (photo)"),
    ),
    "o4/map.pdf": _fy(
        "Location map of the municipal office",
        "The office is on the main road, next to the health centre.",
        "(A real site would show a map image here; no third-party map is embedded.)",
    ),
    "o7/development-plan-2566-2570.pdf": _fy(
        "Local development plan, FY 2566-2570 (BE)",
        "Vision, five strategies, targets and indicators.",
        "Projects per year for FY 2566 to 2570, with budget estimates.",
    ),
    "o8/action-plan-2568.pdf": _fy(
        "Operation plan and budget plan, FY 2568",
        "Projects of FY 2568 by strategy, with budget per project.",
    ),
    "o8/progress-oct-mar-2568.pdf": _fy(
        "Progress of the FY 2568 plan, October - March",
        "Projects started, finished and pending; budget disbursed so far.",
    ),
    "o9/annual-report-2567.pdf": _fy(
        "Annual performance report, FY 2567",
        "Results of the FY 2567 plan, budget spent against the plan,",
        "problems met and suggestions.",
    ),
    "o10/staff-manual.pdf": _fy(
        "Staff work manual: registration and finance tasks",
        "Steps of each task in order, with the time each step takes.",
    ),
    "o14/procurement-oct-mar-2568.pdf": _fy(
        "Procurement list, FY 2568, by month (October - March)",
        "Each month: item, budget, method, selected supplier.",
        "Months without procurement say so.",
    ),
    "o15/procurement-plan-2568.pdf": _fy(
        "Announcement of the FY 2568 procurement plan",
    ),
    "o15/invitation-2568.pdf": _fy(
        "Invitation to bid and award announcement, FY 2568",
        "Road repair project, village 3 (sample).",
    ),
    "o16/procurement-progress-2568.pdf": _fy(
        "Progress of procurement, FY 2568 (October - March)",
        "Each item with its current stage: announced, contracted, delivered.",
    ),
    "o17/procurement-summary-2567.pdf": _fy(
        "Annual procurement summary, FY 2567",
        "Number of projects and amounts by procurement method;",
        "problems and improvements for the next year.",
    ),
    "o18/hr-plan-2567-2569.pdf": _fy(
        "Human resources management and development plan, FY 2567-2569",
        "Recruitment, appraisal, welfare; training projects per year.",
    ),
    "o19/hr-report-2567.pdf": _fy(
        "Human resources report, FY 2567",
        "Results against the HR plan; problems and suggestions.",
    ),
    "o20/code-of-ethics.pdf": _fy(
        "Code of ethics for municipal officials",
        "The code in force, and the notice that made it known to all staff.",
    ),
    "o21/ethics-activities-2568.pdf": _fy(
        "Ethics activities, FY 2568",
        "Dos and Don'ts briefing and an ethics training day, with dates and attendance.",
    ),
    "o22/complaint-procedure.pdf": _fy(
        "Procedure for corruption and misconduct complaints",
        "Steps from receipt to reply, responsible unit, time limits,",
        "and protection of the complainant's identity.",
    ),
    "o25/community-forum-2568.pdf": _fy(
        "Community forum on the FY 2568 plan",
        "Residents and village committees took part; date and attendance.",
    ),
    "o26/no-gift-declaration.pdf": _fy(
        "No Gift Policy declaration",
        "Declaration signed by the Mayor.",
    ),
    "o28/no-gift-report-2568.pdf": _fy(
        "No Gift Policy report, FY 2568 (October - March)",
        "What was done under the policy; issues and improvements.",
    ),
    "o30/bribery-risk-2568.pdf": _fy(
        "Bribery risk assessment, FY 2568",
        "Risky processes, risk level of each, and control measures.",
    ),
    "o31/risk-report-oct-mar-2568.pdf": _fy(
        "Report on managing corruption risks, FY 2568 (October - March)",
        "Actions taken per risk and the remaining risk level.",
    ),
    "o32/anti-corruption-plan-2568.pdf": _fy(
        "Anti-corruption action plan, FY 2568",
        "Projects and activities with their budget.",
    ),
    "o33/anti-corruption-report-oct-mar-2568.pdf": _fy(
        "Anti-corruption plan results, FY 2568 (October - March)",
        "Results of each project and the budget used.",
    ),
}


def write_demo(check: bool) -> int:
    stale = []
    for name, sample in DEMO.items():
        path = DEMO_DIR / name
        data = make_pdf(sample)
        if check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for name in stale:
        print(f"ไม่ตรงกับที่เครื่องมือสร้าง (differs from the tool's output): {name}", file=sys.stderr)
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="สร้างไฟล์ PDF ตัวอย่าง (sample PDFs)")
    parser.add_argument("--check", action="store_true", help="ตรวจว่าไฟล์ตัวอย่างตรงกับเครื่องมือ")
    parser.add_argument("out", nargs="?", help="ไฟล์ PDF ที่จะเขียน (one file of your own)")
    parser.add_argument("text", nargs="*", help="ชื่อเรื่อง แล้วบรรทัดข้อความ (title, then lines)")
    args = parser.parse_args(argv)
    if args.out is None:
        return write_demo(check=args.check)
    if not args.text:
        parser.error("ต้องมีชื่อเรื่อง (a title is required)")
    Path(args.out).write_bytes(make_pdf(Sample(args.text[0], tuple(args.text[1:]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
