"""The one minimal PDF writer of the repository's tools, tests and benchmarks: numbered objects,
the cross-reference table and the trailer. Callers make the objects (pages, fonts, streams)."""

from __future__ import annotations

BINARY_HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
"""The version line and a comment of bytes over 127, which marks the file as binary."""


def assemble(objects: list[bytes], info: int | None = None, header: bytes = BINARY_HEADER) -> bytes:
    """A PDF of `objects` (object 1 is the catalog); `info` is the number of the /Info object."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info_entry = b" /Info %d 0 R" % info if info is not None else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, info_entry)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
