"""The export that publish and pre-receive keep from one push to the next (publish/git.py
kept_export): brought to each new commit in place, it must hold exactly what a fresh export
of that commit holds, whatever the last publish left in it; when it is busy or unusable a
temporary export takes its place. Real git repositories, no MkDocs."""

from __future__ import annotations

import fcntl
import os
import subprocess
from pathlib import Path

import pytest

from site_builder.publish.errors import PublishError
from site_builder.publish.git import export_commit, kept_export

ENV = {
    "PATH": os.environ["PATH"],
    "HOME": "/nonexistent",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
}


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, env=ENV, check=True, capture_output=True, text=True
    ).stdout.strip()


def _commit(repo: Path, files: dict[str, str | None], links: dict[str, str] | None = None) -> str:
    for name, text in files.items():
        path = repo / name
        if text is None:
            _git(repo, "rm", "-rq", name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    for name, points_to in (links or {}).items():
        os.symlink(points_to, repo / name)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "c", "--allow-empty")
    return _git(repo, "rev-parse", "HEAD")


def _files(folder: Path) -> dict[str, str]:
    """Every file and link under `folder`, and every empty folder, with its content."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_file():
            found[name] = path.read_text("utf-8")
        elif not any(path.iterdir()):
            found[name] = "(empty folder)"
    return found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-qb", "main")
    return repo


def test_each_commit_in_turn_gives_the_files_of_a_fresh_export(repo: Path, tmp_path: Path) -> None:
    commits = [
        _commit(repo, {"mkdocs.yml": "site_name: x\n", "content/a.md": "A", "content/b.md": "B"}),
        # an edit, a deletion, a new folder
        _commit(repo, {"content/a.md": "A2", "content/b.md": None, "content/ita/c.md": "C"}),
        # a file becomes a folder, a folder a file; a link inside the commit
        _commit(
            repo,
            {"content/a.md": None, "content/a.md/x.md": "X", "content/ita/c.md": None},
            {"content/ita": "a.md"},
        ),
        _commit(repo, {"content/ita": None, "content/ita/d.md": "D"}),
    ]
    kept, scratch = tmp_path / "kept", tmp_path / "scratch"
    for number, commit in enumerate([*commits, commits[0], commits[2]]):
        with kept_export(repo, commit, kept, scratch) as tree:
            assert tree == kept / "tree"
            fresh = tmp_path / f"fresh-{number}"
            export_commit(repo, commit, fresh)
            assert _files(tree) == _files(fresh), number


def test_what_a_publish_left_in_the_kept_export_is_undone(repo: Path, tmp_path: Path) -> None:
    commit = _commit(repo, {"mkdocs.yml": "site_name: x\n", "content/a.md": "A"})
    kept, scratch = tmp_path / "kept", tmp_path / "scratch"
    with kept_export(repo, commit, kept, scratch) as tree:
        # What publish does (mkdocs.yml written back as trusted settings), and worse: a file
        # changed in place with the same size, one removed, files and folders added.
        (tree / "mkdocs.yml").unlink()
        (tree / "mkdocs.yml").write_text("site_name: y\n", "utf-8")
        (tree / "content/a.md").write_text("Z", "utf-8")
        (tree / "content/new.md").write_text("N", "utf-8")
        (tree / "content/extra/deep").mkdir(parents=True)
        (tree / "content/extra/deep/x.md").write_text("x", "utf-8")
        (tree / "content/empty").mkdir()
        os.symlink("/etc", tree / "content/etc")
    with kept_export(repo, commit, kept, scratch) as tree:
        assert _files(tree) == {"content/a.md": "A", "mkdocs.yml": "site_name: x\n"}


def test_a_busy_kept_export_gives_a_temporary_one(repo: Path, tmp_path: Path) -> None:
    first = _commit(repo, {"content/a.md": "A"})
    second = _commit(repo, {"content/a.md": "B"})
    kept, scratch = tmp_path / "kept", tmp_path / "scratch"
    with kept_export(repo, first, kept, scratch) as tree:
        # Another process (pre-receive of the next push) holds the kept export meanwhile.
        with kept_export(repo, second, kept, scratch) as other:
            assert other == scratch
            assert (other / "content/a.md").read_text() == "B"
            # The first export is untouched while it is in use.
            assert (tree / "content/a.md").read_text() == "A"
        assert not scratch.exists()
    handle = os.open(kept / "lock", os.O_RDWR)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again once the block ends
    finally:
        os.close(handle)


def test_a_damaged_kept_export_is_written_again(repo: Path, tmp_path: Path) -> None:
    commit = _commit(repo, {"content/a.md": "A"})
    kept, scratch = tmp_path / "kept", tmp_path / "scratch"
    with kept_export(repo, commit, kept, scratch):
        pass
    # A publish killed while git wrote its index leaves git's lock file: git refuses to go on.
    (kept / "index.lock").write_bytes(b"")
    (kept / "index").write_bytes(b"not an index")
    (kept / "tree/content/a.md").write_text("Z", "utf-8")
    with kept_export(repo, commit, kept, scratch) as tree:
        assert tree == kept / "tree"
        assert _files(tree) == {"content/a.md": "A"}


def test_a_link_out_of_the_commit_is_refused_and_not_kept(repo: Path, tmp_path: Path) -> None:
    good = _commit(repo, {"content/a.md": "A"})
    bad = _commit(repo, {}, {"content/secrets": "/etc"})
    kept, scratch = tmp_path / "kept", tmp_path / "scratch"
    with kept_export(repo, good, kept, scratch):
        pass
    with (
        pytest.raises(PublishError, match="links outside the commit"),
        kept_export(repo, bad, kept, scratch),
    ):
        pytest.fail("the block must not run")
    assert not (kept / "tree").exists()
    with kept_export(repo, good, kept, scratch) as tree:
        assert _files(tree) == {"content/a.md": "A"}
