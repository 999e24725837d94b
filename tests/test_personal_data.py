"""Personal data however it is written (issue 15): one corpus of ways of writing a national ID, a
mobile number and an e-mail address, in bodies, front matter and every attachment format, each
caught by `check` with its file and line; look-alikes that must pass; and the same table through
the real pre-commit hook, which must print exactly what `check` prints."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from site_builder.rules.check import run_check
from tests.conftest import GOOD_MEASURE, REPO, YEAR_YML, write_tree
from tests.hostile import formats as fx
from tests.test_pre_commit import git

ID, ID_MASK = "1101700230708", "11xxxxxxxxx08"
MOBILE_MASK, EMAIL_MASK = "08xxxxxx78", "s***@example.com"
KIND = {"id": ("เลขประจำตัวประชาชน", ID_MASK), "mobile": ("หมายเลขโทรศัพท์มือถือ", MOBILE_MASK)}
KIND["email"] = ("อีเมล", EMAIL_MASK)
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def shifted(text: str, zero: int) -> str:
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)


# (name, kind, text) — each text holds one value, written one way. Bodies start at line 12.
BODY_FORMS: list[tuple[str, str, str]] = [
    ("id-plain", "id", "1101700230708"),
    ("id-dashes", "id", "1-1017-00230-70-8"),
    ("id-spaces", "id", "1 1017 00230 70 8"),
    ("id-double-spaces", "id", "1  1017  00230  70  8"),
    ("id-spaced-dashes", "id", "1 - 1017 - 00230 - 70 - 8"),
    ("id-en-dashes", "id", "1–1017–00230–70–8"),
    ("id-em-dashes", "id", "1—1017—00230—70—8"),
    ("id-minus-signs", "id", "1−1017−00230−70−8"),
    ("id-dots", "id", "1.1017.00230.70.8"),
    ("id-slashes", "id", "1/1017/00230/70/8"),
    ("id-no-break-spaces", "id", "1\u00a01017\u00a000230\u00a070\u00a08"),
    ("id-thin-spaces", "id", "1\u20091017\u200900230\u200970\u20098"),
    ("id-dashed-wrapped", "id", "1-1017-00230-\n70-8"),
    ("id-wrapped-indented", "id", "1-1017-\n   00230-70-8"),
    ("id-decimal-entity", "id", "&#49;101700230708"),
    ("id-hex-entities", "id", "&#x31;&#x31;&#x30;&#x31;700230708"),
    ("id-span-inside", "id", "1101<span>700</span>230708"),
    ("id-bold-html-inside", "id", "1101<b>7002</b>30708"),
    ("id-markdown-bold-inside", "id", "1101**700**230708"),
    ("id-markdown-escape", "id", "1\\-1017\\-00230\\-70\\-8"),
    ("id-zero-width-space", "id", "1101\u200b700230708"),
    ("id-zero-width-joiner", "id", "1101\u200d7002\u200c30708"),
    ("id-word-joiner", "id", "1101\u2060700230708"),
    ("id-soft-hyphen", "id", "1101\u00ad700\u00ad230708"),
    ("id-bom-inside", "id", "1101\ufeff700230708"),
    ("id-full-width", "id", "１１０１７００２３０７０８"),
    ("id-full-width-dashes", "id", "１－１０１７－００２３０－７０－８"),
    ("id-arabic-indic", "id", shifted(ID, 0x0660)),
    ("id-persian-digits", "id", shifted(ID, 0x06F0)),
    ("id-devanagari", "id", shifted(ID, 0x0966)),
    ("id-math-bold", "id", shifted(ID, 0x1D7CE)),
    ("id-math-double-struck", "id", shifted(ID, 0x1D7D8)),
    ("id-math-monospace", "id", shifted(ID, 0x1D7F6)),
    ("id-thai-digits", "id", ID.translate(THAI)),
    ("id-thai-digits-dashes", "id", "1-1017-00230-70-8".translate(THAI)),
    ("id-mixed-scripts", "id", "๑1๐1700230708"),
    ("id-in-table-cell", "id", "| ชื่อ | เลข |\n|---|---|\n| นาย ก | 1-1017-00230-70-8 |"),
    ("id-in-link-text", "id", "[1-1017-00230-70-8](https://example.go.th/)"),
    ("id-in-html-attribute", "id", '<span data-id="1101700230708">ผู้ร้อง</span>'),
    ("id-after-label", "id", "เลขบัตร:1101700230708"),
    ("mobile-plain", "mobile", "0812345678"),
    ("mobile-dashes", "mobile", "081-234-5678"),
    ("mobile-spaces", "mobile", "081 234 5678"),
    ("mobile-2-4-4", "mobile", "08-1234-5678"),
    ("mobile-dots", "mobile", "081.234.5678"),
    ("mobile-66", "mobile", "66812345678"),
    ("mobile-plus-66", "mobile", "+66812345678"),
    ("mobile-plus-66-spaced", "mobile", "+66 81 234 5678"),
    ("mobile-plus-66-zero", "mobile", "+66 (0)81 234 5678"),
    ("mobile-brackets", "mobile", "(081) 234-5678"),
    ("mobile-thai-digits", "mobile", "081-234-5678".translate(THAI)),
    ("mobile-full-width", "mobile", "０８１２３４５６７８"),
    ("mobile-zero-width", "mobile", "081\u200b234\u200b5678"),
    ("mobile-en-dash", "mobile", "081–234–5678"),
    ("mobile-wrapped", "mobile", "081-234-\n5678"),
    ("mobile-entities", "mobile", "&#48;&#56;1-234-5678"),
    ("mobile-span", "mobile", "081<span>234</span>5678"),
    ("email-plain", "email", "somchai@example.com"),
    ("email-decimal-entity", "email", "somchai&#64;example.com"),
    ("email-named-entity", "email", "somchai&commat;example.com"),
    ("email-full-width-at", "email", "somchai＠example.com"),
    ("email-zero-width-before-at", "email", "somchai\u200b@example.com"),
    ("email-upper-case", "email", "SOMCHAI@EXAMPLE.COM"),
    ("email-markdown-mailto", "email", "[เขียนถึงเรา](mailto:somchai@example.com)"),
    ("email-html-mailto-only", "email", '<a href="mailto:somchai@example.com">ติดต่อ</a>'),
    ("email-full-width-letters", "email", "ｓｏｍｃｈａｉ@example.com"),
    ("email-span-inside", "email", "som<span>chai</span>@example.com"),
    ("email-soft-hyphen", "email", "som\u00adchai@exam\u00adple.com"),
]

# Front matter: (name, kind, the lines that replace `results:` (line 6) in a good measure, the
# line where the value starts).
FRONT_MATTER_FORMS: list[tuple[str, str, str, int]] = [
    ("fm-result-id", "id", "results:\n  - ผู้ร้อง 1-1017-00230-70-8", 7),
    ("fm-folded-id", "id", "results:\n  - >\n    ผู้ร้อง 1-1017-\n    00230-70-8", 8),
    ("fm-literal-mobile", "mobile", "results:\n  - |\n    โทร 081-234-\n    5678", 8),
    ("fm-quoted-escape-id", "id", 'results:\n  - "ผู้ร้อง \\u0031101700230708"', 7),
    ("fm-quoted-hex-escape-mobile", "mobile", 'results:\n  - "โทร \\x30812345678"', 7),
    ("fm-thai-digits-mobile", "mobile", "results:\n  - โทร ๐๘๑ ๒๓๔ ๕๖๗๘", 7),
    ("fm-email", "email", "results:\n  - ส่งถึง somchai&#64;example.com", 7),
    ("fm-flow-list-id", "id", "results: [ผู้ร้อง 1 1017 00230 70 8]", 6),
    ("fm-second-result-mobile", "mobile", "results:\n  - ก\n  - โทร 0812345678", 8),
]


def _word_with(text: str, where: str) -> bytes:
    """A .docx whose `where` part holds `text` split over runs (and a proofErr between)."""
    half = len(text) // 2
    split = f'<w:p><w:r><w:t>{text[:half]}</w:t></w:r><w:proofErr w:type="spellStart"/>'
    split += f"<w:r><w:t>{text[half:]}</w:t></w:r></w:p>"
    parts = {
        "body": {},
        "header": {"word/header1.xml": fx.word_xml(split, "w:hdr")},
        "footer": {"word/footer1.xml": fx.word_xml(split, "w:ftr")},
        "comment": {
            "word/comments.xml": fx.word_xml(f"<w:comment>{split}</w:comment>", "w:comments")
        },
        "footnote": {
            "word/footnotes.xml": fx.word_xml(f"<w:footnote>{split}</w:footnote>", "w:footnotes")
        },
    }[where]
    return fx.docx(split if where == "body" else fx.paragraph("ข้อความ"), **parts)


def _core(creator: str) -> str:
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator>{creator}</dc:creator></cp:coreProperties>"
    )


def _utf16_part(text: str) -> bytes:
    return (
        '\ufeff<?xml version="1.0" encoding="UTF-16"?>' + fx.word_xml(fx.paragraph(text))[38:]
    ).encode("utf-16-le")


XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    b"<dc:creator>somchai@example.com</dc:creator></rdf:Description>"
    b"</rdf:RDF></x:xmpmeta>"
)

# Attachments: (name, kind, file name, bytes). Each is reported on line 1 of its file, or on its
# own line for text files.
ATTACHMENT_FORMS: list[tuple[str, str, str, bytes, int]] = [
    ("txt-id", "id", "list.txt", "รายชื่อ\nนาย ก 1-1017-00230-70-8\n".encode(), 2),
    ("txt-wrapped-mobile", "mobile", "notes.txt", "a\nb\nโทร 081-234-\n5678\n".encode(), 3),
    ("csv-email", "email", "people.csv", "ชื่อ,อีเมล\nก,somchai@example.com\n".encode(), 2),
    ("csv-thai-digits-id", "id", "ids.csv", f"ก,{ID.translate(THAI)}\n".encode(), 1),
    ("docx-runs-split", "id", "body.docx", _word_with(ID, "body"), 1),
    ("docx-header", "id", "header.docx", _word_with(ID, "header"), 1),
    ("docx-footer", "mobile", "footer.docx", _word_with("0812345678", "footer"), 1),
    ("docx-comment", "email", "comment.docx", _word_with("somchai@example.com", "comment"), 1),
    ("docx-footnote", "id", "footnote.docx", _word_with(ID, "footnote"), 1),
    (
        "docx-digit-entities",
        "id",
        "entities.docx",
        fx.docx("<w:p><w:r><w:t>&#49;&#49;&#48;1700230708</w:t></w:r></w:p>"),
        1,
    ),
    (
        "docx-metadata-creator",
        "mobile",
        "meta.docx",
        fx.docx(**{"docProps/core.xml": _core("สมชาย 081-234-5678")}),
        1,
    ),
    (
        "docx-rels-mailto",
        "email",
        "rels.docx",
        fx.docx(
            **{
                "word/_rels/document.xml.rels": (
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="hyperlink" '
                    'Target="mailto:somchai@example.com" TargetMode="External"/>'
                    "</Relationships>"
                )
            }
        ),
        1,
    ),
    (
        "docx-utf16-part",
        "id",
        "utf16.docx",
        fx.zip_package({"word/document.xml": _utf16_part(ID)}),
        1,
    ),
    (
        "docx-embedded-workbook",
        "id",
        "embedded.docx",
        fx.docx(
            **{
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx": fx.xlsx(
                    shared=f"<si><t>{ID}</t></si>"
                )
            }
        ),
        1,
    ),
    (
        "docx-embedded-ole-binary",
        "mobile",
        "ole.docx",
        fx.docx(
            **{
                "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"
                + "0812345678".encode("utf-16-le")
                + b"\x00" * 8
            }
        ),
        1,
    ),
    (
        "docx-image-exif",
        "mobile",
        "photo.docx",
        fx.docx(**{"word/media/image1.jpeg": fx.jpeg(exif_artist=b"081-234-5678")}),
        1,
    ),
    (
        "docx-tab-between-runs",
        "id",
        "tab.docx",
        fx.docx(
            "<w:p><w:r><w:t>1</w:t><w:tab/><w:t>1017</w:t><w:tab/><w:t>00230</w:t>"
            "<w:tab/><w:t>70</w:t><w:tab/><w:t>8</w:t></w:r></w:p>"
        ),
        1,
    ),
    (
        "xlsx-shared-rich-text",
        "id",
        "shared.xlsx",
        fx.xlsx(shared="<si><r><t>1101700</t></r><r><t>230708</t></r></si>"),
        1,
    ),
    (
        "xlsx-number-cell",
        "id",
        "number.xlsx",
        fx.xlsx(sheet=f'<row r="1"><c r="A1"><v>{ID}</v></c></row>'),
        1,
    ),
    (
        "xlsx-inline-string",
        "mobile",
        "inline.xlsx",
        fx.xlsx(sheet='<row r="1"><c r="A1" t="inlineStr"><is><t>081-234-5678</t></is></c></row>'),
        1,
    ),
    (
        "xlsx-comment",
        "email",
        "comments.xlsx",
        fx.xlsx(
            **{
                "xl/comments1.xml": (
                    '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    '<commentList><comment ref="A1"><text><r><t>somchai@example.com</t></r>'
                    "</text></comment></commentList></comments>"
                )
            }
        ),
        1,
    ),
    (
        "pptx-slide-and-notes",
        "id",
        "slides.pptx",
        fx.zip_package(
            {
                "ppt/notesSlides/notesSlide1.xml": (
                    '<p:notes xmlns:p="p" xmlns:a="a"><a:p><a:r><a:t>1-1017-</a:t></a:r>'
                    "<a:r><a:t>00230-70-8</a:t></a:r></a:p></p:notes>"
                )
            }
        ),
        1,
    ),
    (
        "odt-spans",
        "id",
        "text.odt",
        fx.odf("<text:p>110<text:span>1700</text:span>230708</text:p>"),
        1,
    ),
    (
        "odt-spaces-element",
        "id",
        "spaces.odt",
        fx.odf("<text:p>1<text:s/>1017<text:s/>00230<text:s/>70<text:s/>8</text:p>"),
        1,
    ),
    (
        "ods-cell",
        "mobile",
        "sheet.ods",
        fx.odf("<text:p>081 234 5678</text:p>", "application/vnd.oasis.opendocument.spreadsheet"),
        1,
    ),
    ("pdf-text", "id", "text.pdf", fx.pdf(text="ID 1-1017-00230-70-8"), 1),
    ("pdf-author", "mobile", "author.pdf", fx.pdf(info="/Author (081-234-5678)"), 1),
    (
        "pdf-xmp",
        "email",
        "xmp.pdf",
        fx.pdf(
            root_extra="/Metadata 7 0 R",
            objects=(fx.pdf_stream(XMP, "/Type /Metadata /Subtype /XML"),),
        ),
        1,
    ),
    (
        "pdf-annotation-contents",
        "id",
        "annot.pdf",
        fx.pdf(
            page_extra="/Annots [7 0 R]",
            objects=(
                (
                    b"<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] "
                    b"/Contents (1101700230708) /T (clerk) >"
                    b">"
                ),
            ),
        ),
        1,
    ),
    (
        "pdf-link-mailto",
        "email",
        "link.pdf",
        fx.pdf(
            page_extra="/Annots [7 0 R]",
            objects=(
                (
                    b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] "
                    b"/A << /S /URI /URI (mailto:somchai@example.com) >"
                    b"> >>"
                ),
            ),
        ),
        1,
    ),
    (
        "pdf-outline-title",
        "mobile",
        "outline.pdf",
        fx.pdf(
            root_extra="/Outlines 7 0 R",
            objects=(
                b"<< /Type /Outlines /First 8 0 R /Last 8 0 R /Count 1 >>",
                b"<< /Title (0812345678) /Parent 7 0 R >>",
            ),
        ),
        1,
    ),
    ("jpeg-comment", "id", "comment.jpg", fx.jpeg(comment=ID.encode()), 1),
    ("jpeg-exif-artist", "mobile", "exif.jpg", fx.jpeg(exif_artist=b"081-234-5678"), 1),
    (
        "jpeg-exif-utf16-xpauthor",
        "email",
        "xp.jpeg",
        fx.jpeg(app13=b"8BIM\x04\x04\x00\x00" + "somchai@example.com".encode("utf-16-le")),
        1,
    ),
    ("jpeg-thai-digits-comment", "id", "thai.jpg", fx.jpeg(comment=ID.translate(THAI).encode()), 1),
    ("png-text-chunk", "id", "text.png", fx.png([(b"tEXt", b"Author\x00" + ID.encode())]), 1),
    (
        "png-compressed-text",
        "mobile",
        "ztxt.png",
        fx.png([(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"081-234-5678"))]),
        1,
    ),
    (
        "png-international-text",
        "email",
        "itxt.png",
        fx.png([(b"iTXt", b"Author\x00\x00\x00th\x00\x00somchai@example.com")]),
        1,
    ),
]

# Must not be flagged: (name, text) in a body.
LOOK_ALIKES: list[tuple[str, str]] = [
    ("document-number", "ที่ มท 0808.2/ว 1234"),
    ("document-number-thai", "ที่ มท ๐๘๐๘.๒/ว ๑๒๓๔ ลงวันที่ ๑๕ มกราคม ๒๕๖๘"),
    ("budget", "งบประมาณ 1,234,567.00 บาท"),
    ("budget-large", "งบประมาณรวม 12,345,678,901 บาท"),
    ("budget-thai", "๒,๕๐๐,๐๐๐ บาท"),
    ("date-slashes", "15/01/2568"),
    ("date-and-time", "09/05/2568 10.00 น."),
    ("date-iso", "2025-01-15"),
    ("date-thai-words", "15 ม.ค. 2568 ถึง 31 มี.ค. 2568"),
    ("times", "เวลา 08.30 - 12.00 - 13.00 น."),
    ("office-landline", "โทร 02 123 4567"),
    ("office-landline-extension", "โทร 0 2123 4567 ต่อ 12"),
    ("office-fax", "โทรสาร 0-3812-3456"),
    ("two-landlines", "โทร 02-123-4567 / 038-123-456"),
    ("hotline", "สายด่วน 1111 กด 77"),
    ("agency-tax-id", "เลขประจำตัวผู้เสียภาษี 0994000123456"),
    ("id-wrong-checksum", "เลขที่ 1101700230709"),
    ("egp-project", "เลขที่โครงการ 66089123456"),
    ("egp-control", "เลขคุมสัญญา 660922012345"),
    ("bank-account", "บัญชี 123-4-56789-0"),
    ("isbn", "ISBN 978-616-123-456-7"),
    ("postcode", "ต.ปลาไหล จ.ชลบุรี 20150"),
    ("score", "ผลคะแนน 99.42 คะแนน"),
    ("coordinates", "13.7563, 100.5018"),
    ("social-handle", "ติดตามที่ @thaigov"),
    ("website", "https://www.example.go.th/ita/2568/o1/"),
    ("version", "รุ่น 1.2.3"),
    ("item-codes", "o10 o11 i7 e1"),
    ("fiscal-years", "ปีงบประมาณ 2566 2567 2568"),
]

# A disclosure that lists its office contacts: they pass there, in its body and its files.
PUBLIC_CONTACTS = """\
---
public_contacts:
  - 081-234-5678
  - SomChai@Example.com
documents:
  - title: ทำเนียบ
    file: contacts.txt
---
นายกเทศมนตรี โทร 081 234 5678 หรือ +66 81 234 5678 อีเมล somchai&#64;example.com
"""

CASES = (
    [(name, kind) for name, kind, _ in BODY_FORMS]
    + [(name, kind) for name, kind, *_ in FRONT_MATTER_FORMS]
    + [(name, kind) for name, kind, *_ in ATTACHMENT_FORMS]
)


def _measure_with_body(text: str) -> str:
    return GOOD_MEASURE.replace("จัดทำคู่มือและเผยแพร่", "ผู้ร้องเรียน " + text)


def _measure_with_results(lines: str) -> str:
    return GOOD_MEASURE.replace("results:\n  - มีคู่มือ", lines)


def corpus_tree(root: Path) -> dict[str, tuple[str, int]]:
    """Write every case into one content tree; return case name → (file, expected line)."""
    files: dict[str, str | bytes] = {"content/ita/2568/year.yml": YEAR_YML}
    expected: dict[str, tuple[str, int]] = {}
    for name, _, text in BODY_FORMS:
        path = f"content/ita/2568/measures/{name}.md"
        files[path] = _measure_with_body(text)
        # The value is on the body's first line (12), except in the table, after its header.
        expected[name] = (path, 14 if name == "id-in-table-cell" else 12)
    for name, _, lines, line in FRONT_MATTER_FORMS:
        path = f"content/ita/2568/measures/{name}.md"
        files[path] = _measure_with_results(lines)
        expected[name] = (path, line)
    documents = []
    for name, _, file_name, data, line in ATTACHMENT_FORMS:
        files[f"content/ita/2568/o5/{file_name}"] = data
        documents.append(f"  - title: {name}\n    file: {file_name}\n")
        expected[name] = (f"content/ita/2568/o5/{file_name}", line)
    files["content/ita/2568/o5/index.md"] = "---\ndocuments:\n" + "".join(documents) + "---\nข่าว\n"
    for name, text in LOOK_ALIKES:
        files[f"content/ita/2568/measures/look-{name}.md"] = _measure_with_body(text)
    files["content/ita/2568/o4/index.md"] = PUBLIC_CONTACTS
    files["content/ita/2568/o4/contacts.txt"] = "นายก 0812345678 somchai@example.com\n"
    write_tree(root, files)
    return expected


def _expected_line(kind: str, path: str, line: int) -> str:
    thai, masked = KIND[kind]
    return f"{path}:{line}: " + ("ไฟล์แนบมี" if "/o5/" in path else "พบ") + f"{thai} ({masked})"


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, list[str]]:
    root = tmp_path_factory.mktemp("corpus")
    expected = corpus_tree(root)
    result = run_check(root / "content", root)
    return root, expected, [str(problem) for problem in result.problems]


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 80 and len({name for name, _ in CASES}) == len(CASES)
    assert len(LOOK_ALIKES) >= 25


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[name for name, _ in CASES])
def test_every_way_of_writing_is_caught_with_its_file_and_line(
    checked, name: str, kind: str
) -> None:
    _, expected, lines = checked
    path, line = expected[name]
    wanted = _expected_line(kind, path, line)
    assert any(problem.startswith(wanted) for problem in lines), (
        wanted,
        [p for p in lines if path in p],
    )


def test_look_alikes_and_public_contacts_are_not_flagged(checked) -> None:
    _, _, lines = checked
    assert [p for p in lines if "/look-" in p or "/o4/" in p] == []


def test_nothing_but_the_corpus_is_reported(checked) -> None:
    # One problem per case, and nothing else: no value is reported twice, no part is unread.
    _, _, lines = checked
    errors = [p for p in lines if "คำเตือน" not in p]
    assert len(errors) == len(CASES), "\n".join(errors)
    for problem in errors:
        assert ID not in problem and "0812345678" not in problem and "somchai@" not in problem


def test_the_pre_commit_hook_prints_what_check_prints(checked, tmp_path: Path) -> None:
    """Same code, one table: the whole corpus committed through the real installed hook."""
    root, _, lines = checked
    repo = tmp_path / "clone"
    repo.mkdir()
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    install = subprocess.run(
        [sys.executable, "-m", "site_builder", "install-pre-commit", "--repo", str(repo)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    subprocess.run(["cp", "-r", str(root / "content"), str(repo)], check=True)
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-q", "-m", "corpus")
    assert refused.returncode != 0
    printed = [
        line
        for line in (refused.stdout + refused.stderr).splitlines()
        if line.startswith("content/")
    ]
    assert printed == lines
    assert git(repo, "rev-list", "--all", "--count").stdout.strip() == "0"
