"""Thai as people write it, for the benchmarks: words run together, a space between phrases.

Thai puts no space between words; writers put one where a phrase or clause ends, every 4 to 12
words or so. A segmenter's cost depends on that: a long run of unseen text costs far more than
the same few demo sentences recombined (which every cache hits after the first page). So every
text here is a fresh draw of words from `VOCABULARY`, real words of the kind a municipality's
integrity report uses, with a Thai number now and then. The same seed gives the same text.
"""

from __future__ import annotations

import random

from site_builder import thai

# Real Thai words (all in pythainlp's word list: tests/test_bench_text.py checks), of the kind
# that a municipality's integrity measures and disclosures are written in.
VOCABULARY = (
    "การ", "ความ", "ผล", "ดำเนินการ", "ดำเนินงาน", "โครงการ", "กิจกรรม", "มาตรการ", "แผน",
    "งบประมาณ", "ประจำปี", "เทศบาล", "ตำบล", "องค์กร", "หน่วยงาน", "ส่วนราชการ", "สำนัก",
    "กอง", "คลัง", "ช่าง", "สาธารณสุข", "การศึกษา", "ปลัด", "นายก", "ผู้บริหาร", "เจ้าหน้าที่",
    "พนักงาน", "ลูกจ้าง", "บุคลากร", "ประชาชน", "ชุมชน",
    "จัดซื้อจัดจ้าง", "พัสดุ", "สัญญา", "ประกาศ", "คำสั่ง", "ระเบียบ", "กฎหมาย", "ข้อบังคับ",
    "คู่มือ", "แนวทาง", "ปฏิบัติงาน", "ปฏิบัติ", "ตรวจสอบ", "ติดตาม", "ประเมิน", "รายงาน",
    "สรุป", "เผยแพร่", "ข้อมูล", "ข่าวสาร", "เว็บไซต์", "ช่องทาง", "ร้องเรียน", "ร้องทุกข์",
    "ทุจริต", "ประพฤติมิชอบ", "คุณธรรม", "จริยธรรม",
    "สินบน", "ของขวัญ", "ป้องกัน", "ปราบปราม", "ส่งเสริม", "สนับสนุน", "พัฒนา",
    "ปรับปรุง", "แก้ไข", "ปัญหา", "อุปสรรค", "ข้อเสนอแนะ", "ความเสี่ยง", "ควบคุม", "ภายใน",
    "บริหาร", "จัดการ", "ทรัพยากร", "บุคคล", "สวัสดิการ", "อบรม", "สัมมนา", "ประชุม",
    "คณะกรรมการ", "แต่งตั้ง", "มอบหมาย", "รับผิดชอบ", "อำนาจ", "หน้าที่", "บริการ", "อำนวย",
    "ความสะดวก", "รวดเร็ว", "ถูกต้อง", "เป็นธรรม", "เท่าเทียม", "สาธารณะ", "โปร่งใส", "ทั่วถึง",
    "ประสิทธิภาพ", "ประสิทธิผล", "เป้าหมาย", "ระยะเวลา", "ไตรมาส", "เดือน", "ปี",
    "ครั้ง", "ราย", "ทุก", "ทั้งหมด", "จำนวน", "ร้อยละ", "ต่อเนื่อง", "สม่ำเสมอ",
    "ให้", "ได้", "ของ", "และ", "หรือ", "เพื่อ", "โดย", "ตาม", "ใน", "จาก", "กับ", "แก่", "ต่อ",
    "ที่", "ซึ่ง", "ได้รับ", "มี", "เป็น", "จัดทำ", "กำหนด", "ขั้นตอน", "วิธีการ", "เอกสาร",
    "หลักฐาน", "ลงนาม", "อนุมัติ", "เงิน", "รายได้", "ภาษี", "ค่าธรรมเนียม",
)  # fmt: skip
PHRASE_WORDS = (4, 12)
NUMBER_SHARE = 0.08


def phrase(rng: random.Random) -> str:
    """4 to 12 words run together, as Thai is written between two spaces."""
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(*PHRASE_WORDS))]
    if rng.random() < NUMBER_SHARE:
        # "ร้อยละ ๘๐", "จำนวน ๑๒ ครั้ง": numbers stand apart, in Thai digits.
        words.insert(
            rng.randrange(len(words) + 1), f" {thai.to_thai_digits(str(rng.randint(1, 99)))} "
        )
    return "".join(words).strip()


def paragraph(rng: random.Random, phrases: tuple[int, int] = (3, 9)) -> str:
    """Phrases with a space between them: one paragraph."""
    return " ".join(phrase(rng) for _ in range(rng.randint(*phrases)))


def text(rng: random.Random, paragraphs: tuple[int, int] = (1, 3)) -> str:
    """Paragraphs with a blank line between them (Markdown)."""
    return "\n\n".join(paragraph(rng) for _ in range(rng.randint(*paragraphs)))
