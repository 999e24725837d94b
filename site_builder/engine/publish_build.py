"""`mkdocs build` as publish runs it in the sandbox: MkDocs' own command line, then the
process ends without Python's teardown.

The build of 3,000 records holds a few hundred megabytes of objects; freeing them one by one
at exit takes about a quarter of a second that the pusher waits for and nobody needs (the
output is written and closed, the search store committed). Usage is MkDocs' own:
`python -P -m site_builder.engine.publish_build build --strict --config-file ... --site-dir ...`.
"""

from __future__ import annotations

import logging
import os
import sys

from mkdocs.__main__ import cli


def main() -> None:
    try:
        cli(prog_name="mkdocs")
        code = 0
    except SystemExit as exit_:  # click ends every run with one
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
