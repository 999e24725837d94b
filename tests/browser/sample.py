"""A published o-item with every kind of content a webmaster puts on one: attached documents
(with a type and a size to show), an image with alt text, a table, a heading and an outside link.

The browser checks add it to a copy of the demo as item o1 of the fiscal year before the demo's
first one, so the demo's own pages stay exactly as they are; that year's other items show what
a missing item looks like.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from pypdf import PdfWriter

SAMPLE_CODE = "o1"
IMAGE_ALT = "แผนผังโครงสร้างของหน่วยงาน: สำนักปลัด กองคลัง และกองช่าง"


def _png(width: int, height: int) -> bytes:
    """A small real PNG (three coloured bands), so that the page shows an actual image."""
    bands = (b"\x1b\x5e\x20", b"\x15\x65\xc0", b"\xe6\x51\x00")
    rows = b"".join(b"\x00" + bands[min(2, 3 * y // height)] * width for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def _pdf() -> bytes:
    """A real one-page A4 PDF (blank): enough for the page to state its type and size."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


RECORD = """\
---
updated: 1 ต.ค. {started}
documents:
  - title: แผนผังโครงสร้างองค์กร
    file: structure.pdf
    date: 15 ม.ค. {fy}
  - title: แผนผังโครงสร้างองค์กร (ภาพ)
    file: structure.png
  - title: ราชกิจจานุเบกษา (เว็บไซต์สำนักเลขาธิการคณะรัฐมนตรี)
    url: https://ratchakitcha.soc.go.th/
---
ข้อมูลตัวอย่างสำหรับการทดสอบการแสดงผล (ไม่ใช่ข้อมูลจริงของหน่วยงาน)

![{alt}](structure.png)

## ส่วนราชการภายใน

| ส่วนราชการ | หน้าที่หลัก |
|---|---|
| สำนักปลัดเทศบาล | งานบริหารทั่วไป งานธุรการ และงานนโยบายและแผน |
| กองคลัง | งานการเงิน บัญชี และการจัดเก็บรายได้ |
| กองช่าง | งานก่อสร้าง ซ่อมบำรุง และงานผังเมือง |
"""


def sample_year(content: Path) -> int:
    """The fiscal year before the demo's first one."""
    years = [int(path.name) for path in (content / "ita").iterdir() if path.name.isdigit()]
    return min(years) - 1


def sample_item_path(content: Path) -> str:
    """The sample item's URL, relative to the site's root."""
    return f"ita/{sample_year(content)}/{SAMPLE_CODE}/"


def sample_item_files(content: Path) -> dict[str, str | bytes]:
    """Files to add under the site's root for the sample item (paths start with content/)."""
    fy = sample_year(content)
    year = f"content/ita/{fy}"
    folder = f"{year}/{SAMPLE_CODE}"
    return {
        f"{year}/year.yml": "catalogue: ita-2568\n",
        f"{folder}/index.md": RECORD.format(fy=fy, started=fy - 1, alt=IMAGE_ALT),
        f"{folder}/structure.pdf": _pdf(),
        f"{folder}/structure.png": _png(480, 240),
    }
