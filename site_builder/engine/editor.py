"""The `editor:` option of the ita plugin, and the /admin/ files it adds to a build.

The editor itself (config.yml from the record models, the vendored Decap CMS) is made by
`site_builder.site.editor`; this module only reads mkdocs.yml and hands MkDocs the files.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from site_builder.records.content import Content
from site_builder.site.editor import BACKENDS, DEFAULT_LOCAL_URL, EditorError, EditorOptions
from site_builder.site.editor import editor_files as make_editor_files


class EditorConfig(base.Config):
    enabled = c.Type(bool, default=False)
    """Publish the web editor at /admin/ (off unless the agency asks for it)."""
    backend = c.Choice(tuple(BACKENDS), default="local")
    """local (decap-server on this machine), github or gitlab."""
    repo = c.Type(str, default="")
    """owner/name of the repository the editor commits to (github, gitlab)."""
    branch = c.Type(str, default="main")
    base_url = c.Optional(c.Type(str))
    """github: the agency's own OAuth proxy; gitlab: a self-hosted GitLab."""
    auth_endpoint = c.Optional(c.Type(str))
    app_id = c.Optional(c.Type(str))
    """gitlab: the Application ID of the OAuth application (PKCE, no secret)."""
    api_root = c.Optional(c.Type(str))
    local_url = c.Type(str, default=DEFAULT_LOCAL_URL)
    """Where decap-server answers when the editor is opened on this machine."""


def add_editor_files(
    files: Files, config: MkDocsConfig, content: Content, editor: EditorConfig
) -> None:
    """Add /admin/ to `files` when `editor.enabled`; a setting that cannot work stops the build."""
    if not editor.enabled:
        return
    root = Path(config.config_file_path).parent
    content_dir = Path(config.docs_dir).resolve().relative_to(root.resolve()).as_posix()
    options = EditorOptions(
        backend=editor.backend,
        repo=editor.repo,
        branch=editor.branch,
        base_url=editor.base_url,
        auth_endpoint=editor.auth_endpoint,
        app_id=editor.app_id,
        api_root=editor.api_root,
        local_url=editor.local_url,
        content_dir=content_dir,
    )
    try:
        made = make_editor_files(content, options, config.site_name)
    except EditorError as exc:
        raise PluginError(f"{config.config_file_path}: {exc}") from None
    for path, data in made.items():
        # Out of the navigation and of the search: the editor is for the webmaster only.
        files.append(
            File.generated(config, path, content=data, inclusion=InclusionLevel.NOT_IN_NAV)
        )
