"""Site assets: the files outside ita/ that are published as they are (a seal, a photo, a font,
a stylesheet, a budget CSV). Each type is judged by its content, not only its name; a type that
can carry script (JavaScript, HTML, XML) is refused, and an SVG or a stylesheet passes only when
nothing in it can run or reach another host.

Documents (PDF, Office, CSV, text) follow the attachments' rules (`records.attachments`).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from lxml import etree

from site_builder.records import attachments

MAX_ASSET_BYTES = 10 * 1024 * 1024
# Extension → accepted leading bytes (the file's magic number).
BINARY_ASSETS: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".ico": (b"\x00\x00\x01\x00",),
    ".woff2": (b"wOF2",),
    ".woff": (b"wOFF",),
}
CHECKED_TEXT_ASSETS = (".svg", ".css")
# Links inside an SVG may point within it, or embed a raster image: nothing else loads.
SVG_SAFE_HREFS = ("#", "data:image/png;", "data:image/jpeg;")
SVG_NS = "{http://www.w3.org/2000/svg}"
# SVG elements that run script, embed other documents, or change attributes (href) as it plays.
SVG_ACTIVE = frozenset(
    {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "set",
     "animate", "animatemotion", "animatetransform", "discard"}
)  # fmt: skip
# CSS that loads from elsewhere or runs code in old browsers; backslash escapes are refused
# because they spell any of these (`u\72l(`) past a plain search.
CSS_REFUSED = re.compile(
    r"@import|expression\s*\(|behavior\s*:|-moz-binding|javascript:|\\|url\s*\(\s*['\"]?\s*"
    r"(?![#'\")]|data:image/(?:png|jpeg|gif|webp);)[a-z][a-z0-9+.-]*:|url\s*\(\s*['\"]?\s*//",
    re.IGNORECASE,
)


class AssetError(attachments.AttachmentError):
    pass


def is_asset_name(name: str) -> bool:
    suffix = PurePosixPath(name).suffix.lower()
    return suffix in BINARY_ASSETS or suffix in CHECKED_TEXT_ASSETS or suffix in attachments.KINDS


def refused_type(name: str) -> tuple[str, str]:
    """(Thai, English) for a file type that is never published."""
    suffix = PurePosixPath(name).suffix.lower() or name
    return (
        f'ไม่เผยแพร่ไฟล์ชนิด "{suffix}" ในโฟลเดอร์เนื้อหา (ไฟล์ JavaScript, HTML และ XML '
        "รันคำสั่งในเบราว์เซอร์ได้) ใช้ได้: ภาพ ฟอนต์ CSS และเอกสาร PDF/Office/CSV/TXT",
        f'file type "{suffix}" is not published (scripts, HTML and XML can run in the browser); '
        "allowed: images, fonts, CSS and PDF/Office/CSV/TXT documents",
    )


def check_asset(path: Path) -> None:
    """Raise AssetError when the asset's content is not what its type allows."""
    suffix = path.suffix.lower()
    if suffix in attachments.KINDS:
        attachments.check_content(path, path.name)
        return
    size = path.stat().st_size
    if size == 0:
        raise AssetError(f'ไฟล์ "{path.name}" ว่างเปล่า', f'"{path.name}" is empty')
    if size > MAX_ASSET_BYTES:
        raise AssetError(
            f'ไฟล์ "{path.name}" ใหญ่เกิน {MAX_ASSET_BYTES // (1024 * 1024)} MB',
            f'"{path.name}" is larger than {MAX_ASSET_BYTES // (1024 * 1024)} MB',
        )
    if suffix in BINARY_ASSETS:
        with path.open("rb") as handle:
            head = handle.read(16)
        webp_ok = suffix != ".webp" or head[8:12] == b"WEBP"
        if not head.startswith(BINARY_ASSETS[suffix]) or not webp_ok:
            raise AssetError(
                f'ไฟล์ "{path.name}" ไม่ใช่ไฟล์ {suffix} ตามนามสกุล',
                f'"{path.name}" is not a {suffix} file',
            )
        return
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AssetError(
            f'ไฟล์ "{path.name}" ไม่ได้บันทึกเป็น UTF-8', f'"{path.name}" is not UTF-8 text'
        ) from None
    if suffix == ".svg":
        _check_svg(path.name, data)
    else:
        _check_css(path.name, text)


def _check_css(name: str, text: str) -> None:
    match = CSS_REFUSED.search(text)
    if match is not None:
        line = text.count("\n", 0, match.start()) + 1
        raise AssetError(
            f'สไตล์ชีต "{name}" บรรทัด {line} มี "{match.group().strip()}" ซึ่งโหลดไฟล์จากที่อื่น'
            "หรือรันคำสั่งได้ ใช้ได้เฉพาะ url() ของไฟล์ในเว็บไซต์เอง",
            f'stylesheet "{name}" line {line} has "{match.group().strip()}", which loads from '
            "elsewhere or runs code; only url() of the site's own files is allowed",
        )


def _svg_refusal(name: str, what: str) -> AssetError:
    return AssetError(
        f'ภาพ SVG "{name}" มี {what} ซึ่งรันคำสั่งหรือโหลดไฟล์จากที่อื่นได้ ให้บันทึกเป็น SVG ธรรมดา '
        "(เช่น Inkscape: Plain SVG) หรือ PNG",
        f'SVG "{name}" has {what}, which can run script or load from elsewhere; '
        "save it as a plain SVG or a PNG",
    )


def _check_svg(name: str, data: bytes) -> None:
    # A DOCTYPE can declare entities (billion laughs, external files): a plain image needs none.
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
        raise _svg_refusal(name, "DOCTYPE/ENTITY")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise AssetError(
            f'ภาพ SVG "{name}" ไม่ถูกรูปแบบ XML (บรรทัด {exc.lineno})',
            f'SVG "{name}" is not well-formed XML (line {exc.lineno})',
        ) from None
    if root.tag != f"{SVG_NS}svg":
        raise AssetError(f'ไฟล์ "{name}" ไม่ใช่ภาพ SVG', f'"{name}" is not an SVG image')
    for element in root.iter():
        if not isinstance(element.tag, str):
            if isinstance(element, etree._ProcessingInstruction):
                raise _svg_refusal(name, f"<?{element.target}?>")
            continue
        local = etree.QName(element).localname.lower()
        if local in SVG_ACTIVE:
            raise _svg_refusal(name, f"<{etree.QName(element).localname}>")
        if local == "style" and element.text and CSS_REFUSED.search(element.text):
            raise _svg_refusal(name, "<style> ที่โหลดไฟล์จากที่อื่น (external style)")
        for attribute, value in element.attrib.items():
            attr = etree.QName(attribute).localname.lower()
            lowered = value.strip().lower()
            if attr.startswith("on"):
                raise _svg_refusal(name, f"{attr}=")
            if attr == "href" and not lowered.startswith(
                ("#", "data:image/png", "data:image/jpeg")
            ):
                raise _svg_refusal(name, f'{attr}="{value[:40]}"')
            if attr == "style" and CSS_REFUSED.search(value):
                raise _svg_refusal(name, "style=")
            if "javascript:" in lowered.replace(" ", ""):
                raise _svg_refusal(name, f"{attr}=javascript:")
