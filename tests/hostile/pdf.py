"""A minimal valid PDF with a text layer and metadata, for tests (Latin text, Helvetica)."""

from __future__ import annotations

from tools.pdf import assemble


def make_pdf(text: str, author: str = "") -> bytes:
    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = f"BT /F1 12 Tf 72 720 Td ({escape(text)}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Author ({escape(author)}) /Title (test) >>".encode("latin-1"),
    ]
    return assemble(objects, info=6, header=b"%PDF-1.4\n")


def padded_pdf(size: int) -> bytes:
    """A valid PDF of exactly `size` bytes (a comment after the header takes up the rest), for
    fixtures whose pages show the file's size."""
    first = _padded(size, 0)
    # The startxref number may gain a digit: take it off the padding.
    return _padded(size, len(first) - size)


def _padded(size: int, less: int) -> bytes:
    pdf = make_pdf("test")
    header, _, rest = pdf.partition(b"\n")
    padding = size - len(pdf) - 2 - less
    assert padding >= 0, "size too small for a PDF"
    body = header + b"\n%" + b"0" * padding + b"\n" + rest
    # Offsets in the cross-reference table and after startxref move by what was inserted.
    shift = padding + 2
    xref_at = body.index(b"\nxref\n") + 1
    lines = body[xref_at:].split(b"\n")
    lines = [
        b"%010d 00000 n " % (int(line[:10]) + shift) if line.endswith(b" n ") else line
        for line in lines
    ]
    start = lines.index(b"startxref") + 1
    lines[start] = b"%d" % (int(lines[start]) + shift)
    return body[:xref_at] + b"\n".join(lines)
