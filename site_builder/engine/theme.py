"""The theme's own files, which no content file may replace.

MkDocs lets a file in docs_dir win over a theme file of the same path (that is how a pushed
`content/assets/ita-offline.js` replaced the theme's script on every page). The gate refuses the
theme's folders by name (`records.layout.RESERVED_PREFIXES`); this is the same rule checked
against the real theme folders, so a theme that grows a new file cannot be shadowed either.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files


def theme_files(config: MkDocsConfig) -> set[str]:
    """Every file path inside the theme's folders (custom_dir and Material's), with `/`."""
    found: set[str] = set()
    for folder in config.theme.dirs:
        for top, _, names in os.walk(folder):
            for name in names:
                found.add(Path(top, name).relative_to(folder).as_posix())
    return found


def check_theme_shadowing(files: Files, config: MkDocsConfig, docs: Path) -> None:
    theme = theme_files(config)
    for file in files:
        if file.abs_src_path is None or not Path(file.abs_src_path).resolve().is_relative_to(docs):
            continue
        if file.dest_uri in theme or file.src_uri in theme:
            raise PluginError(
                f"content/{file.src_uri}: ไฟล์นี้จะทับไฟล์ของธีม {file.dest_uri} ให้ย้ายไปโฟลเดอร์อื่น "
                f"(it would replace the theme's {file.dest_uri}; move it to another folder)"
            )
