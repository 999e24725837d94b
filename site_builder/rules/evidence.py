"""What assessors see of one piece of evidence: where it lives and what time it is about.

Plain functions used by `readiness`: the host of a link (the agency's own site, a social or
cloud platform, or some other site) and whether a date or a period fits an item's period rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from site_builder import thai
from site_builder.records.catalogue import PeriodRule

# Platforms whose posts and files assessors do not accept as the agency's own publication
# (they need a login, change, or disappear), by host and every subdomain of it.
PLATFORMS = {
    "facebook.com": "Facebook",
    "fb.com": "Facebook",
    "fb.watch": "Facebook",
    "drive.google.com": "Google Drive",
    "docs.google.com": "Google Docs",
    "line.me": "LINE",
}
# Absolute links in Markdown text: inline links, autolinks and bare URLs alike.
LINK = re.compile(r"https?://[^\s<>()\[\]\"'`]+", re.IGNORECASE)
# Formats that open in a browser (on a phone too); Word, Excel and the like download instead.
BROWSER_KINDS = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".csv", ".txt"})


def host_of(url: str) -> str:
    """`www.Example.go.th` → `example.go.th`: the host as the agency would name it."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def platform_of(host: str) -> str | None:
    for domain, name in PLATFORMS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return None


def describe_host(host: str) -> str:
    """How a host is named in messages: `Facebook (facebook.com)` or just the host."""
    platform = platform_of(host)
    return f"{platform} ({host})" if platform else host


def links_in(markdown: str) -> list[str]:
    return [match.group().rstrip(".,;:!?") for match in LINK.finditer(markdown)]


def opens_in_browser(file_name: str) -> bool:
    return any(file_name.lower().endswith(suffix) for suffix in BROWSER_KINDS)


@dataclass(frozen=True)
class PeriodVerdict:
    """`fits` is True or False when the date or period decides it, None when nothing does."""

    fits: bool | None
    reason: str = ""


def _ym(fiscal_year: int, month: int) -> thai.YearMonth:
    ce = thai.be_to_ce(fiscal_year)
    return thai.YearMonth(ce - 1 if month >= 10 else ce, month)


def _shown(period: thai.Period) -> str:
    return thai.format_period(period)


def rule_text(rule: PeriodRule, fiscal_year: int) -> str:
    """The rule in Thai, for messages and the readiness page."""
    fy = fiscal_year
    return {
        "current": f"ปีงบประมาณ {fy} (ต.ค. {fy - 1} – ก.ย. {fy})",
        "previous": f"ปีงบประมาณที่ผ่านมา ({fy - 1})",
        "first_half": f"อย่างน้อยช่วง ต.ค. {fy - 1} – มี.ค. {fy} ของปีงบประมาณ {fy}",
        "plan": f"แผนที่ครอบคลุมปีงบประมาณ {fy} ทั้งปี",
        "any": "ไม่กำหนดช่วงเวลา",
    }[rule]


def judge_period(
    rule: PeriodRule, fiscal_year: int, day: date | None, period: thai.Period | None
) -> PeriodVerdict:
    """Whether evidence dated `day` about `period` fits the item's rule for `fiscal_year`."""
    fy = fiscal_year
    if rule == "any":
        return PeriodVerdict(True)
    if period is not None:
        return _judge_declared_period(rule, fy, period)
    if day is None or rule == "plan":
        # A plan's date says nothing about the years it covers; only its period does.
        return PeriodVerdict(None)
    day_fy = thai.fiscal_year_of(day)
    # An annual report of the previous year is usually signed early in the current one.
    accepted = (fy - 1, fy) if rule == "previous" else (fy,)
    if day_fy in accepted:
        return PeriodVerdict(True)
    return PeriodVerdict(False, f"ลงวันที่ {thai.format_date(day)} ซึ่งอยู่ในปีงบประมาณ {day_fy}")


def _judge_declared_period(rule: PeriodRule, fy: int, period: thai.Period) -> PeriodVerdict:
    first, last = period.start.fiscal_year(), period.end.fiscal_year()
    shown = f"ช่วงเวลา {_shown(period)}"
    if rule == "current":
        fits = first <= fy <= last
    elif rule == "previous":
        fits = first <= fy - 1 and last == fy - 1
    elif rule == "first_half":
        fits = period.start <= _ym(fy, 10) and period.end >= _ym(fy, 3)
        if not fits and first <= fy <= last:
            return PeriodVerdict(False, f"{shown} ไม่ครบ ต.ค. {fy - 1} – มี.ค. {fy}")
    else:  # plan
        fits = period.start <= _ym(fy, 10) and period.end >= _ym(fy, 9)
        if not fits:
            return PeriodVerdict(False, f"{shown} ไม่ครอบคลุมปีงบประมาณ {fy} ทั้งปี")
    if fits:
        return PeriodVerdict(True)
    years = str(first) if first == last else f"{first}–{last}"
    return PeriodVerdict(False, f"{shown} เป็นของปีงบประมาณ {years}")
