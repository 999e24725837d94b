"""The agency's identity (plugin option `identity`) as the pieces every page shows: the footer
block and the website-policy page, rendered with autoescaping like every record page."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from site_builder.records.models import AgencyIdentity
from site_builder.labels import Digits
from site_builder.site.render import template_environment

# Where the website-policy page is built (a theme static template, so one per site).
POLICY_PAGE = "policy.html"
POLICY_TITLE = "นโยบายเว็บไซต์และการคุ้มครองข้อมูลส่วนบุคคล"


@dataclass(frozen=True)
class IdentityBlocks:
    identity: AgencyIdentity
    footer: Markup
    policy: Markup
    policy_title: str
    years: dict[str, str]
    """Each fiscal year (ASCII, as in URLs) as the site shows it: for page titles."""


def identity_blocks(identity: AgencyIdentity, digits: Digits, years: list[int]) -> IdentityBlocks:
    env = template_environment()
    context = {"identity": identity, "digits": digits.text, "policy_title": POLICY_TITLE}
    return IdentityBlocks(
        identity=identity,
        footer=Markup(env.get_template("identity_footer.html").render(context)),
        policy=Markup(env.get_template("policy.html").render(context)),
        policy_title=POLICY_TITLE,
        years={str(year): digits.text(year) for year in years},
    )
