"""The MkDocs theme "ita" (entry point in pyproject.toml): Material for MkDocs with this folder's
templates and assets on top. The demo's mkdocs.yml uses the folder as `custom_dir`; a project made
by `python -m site_builder new` names the installed theme instead (`theme: {name: ita}`)."""
