"""Puts the agency's identity (plugin option `identity`) into Material: seal as logo and
favicon, colour, the footer block and the website-policy page (theme/policy.html)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from pydantic import ValidationError

from site_builder.labels import Digits
from site_builder.records.models import AgencyIdentity
from site_builder.site.identity import POLICY_PAGE, identity_blocks

# Replaces Material's book icon when the agency names no seal of its own (theme/assets/).
DEFAULT_SEAL = "assets/ita-seal.svg"


def install(
    config: MkDocsConfig, options: dict[str, Any], agency: str, digits: Digits, years: list[int]
) -> None:
    # mkdocs.yml is parsed with types (a phone 021234567 would be an int): text fields as text.
    raw = {key: value if value is None else str(value) for key, value in options.items()}
    raw.setdefault("name", agency)
    try:
        identity = AgencyIdentity.model_validate(raw)
    except ValidationError as exc:
        lines = [
            f"mkdocs.yml: plugins.ita.identity.{'.'.join(map(str, error['loc']))}: {error['msg']}"
            for error in exc.errors()
        ]
        raise PluginError("\n".join(lines)) from None
    theme = config.theme
    theme["logo"] = identity.logo or theme.get("logo") or DEFAULT_SEAL
    theme["favicon"] = identity.favicon or identity.logo or DEFAULT_SEAL
    # The identity's colour replaces Material's palette (theme/main.html sets the variables).
    theme["palette"] = {"primary": "custom", "accent": "custom"}
    theme.static_templates.add(POLICY_PAGE)
    config.extra["ita"] = identity_blocks(identity, digits, years)
