# ruff: noqa: F811
"""The trust boundary of a push: pushed code never runs, personal data never enters history.

Real bare repositories with the shipped hooks and real `git push`es (the fixtures of
test_publish.py). Each finding of issue 14 is one test here.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from site_builder.engine.config import ConfigError, read_site_config
from site_builder.publish.verify import broken_links, contract_files

# The fixtures of test_publish.py, imported by name for pytest (hence F401/F811 below).
from tests.test_publish import Site, env, run, seed, server, site, snapshot  # noqa: F401

PY = sys.executable
HOSTILE = ("hooks", "yaml-tag", "plugin", "docs-dir", "custom-dir", "catalogues")


def national_id() -> str:
    """Twelve digits and the check digit that makes them a valid Thai national ID."""
    first = "110170023070"
    total = sum(int(d) * (13 - i) for i, d in enumerate(first))
    return first + str((11 - total % 11) % 10)


def bare_tip(site: Site, ref: str = "main") -> str | None:
    proc = run(
        ["git", "--git-dir", str(site.bare), "rev-parse", "--verify", "-q", ref],
        site.work,
        site.env,
        check=False,
    )
    return proc.stdout.strip() or None


def bare_objects(site: Site) -> str:
    """Every object the server's repository holds (to prove a refused commit is not kept)."""
    proc = run(
        ["git", "--git-dir", str(site.bare), "rev-list", "--all", "--objects"], site.work, site.env
    )
    return proc.stdout


def reset_to_server(site: Site) -> None:
    run(["git", "fetch", "-q", "origin"], site.work, site.env)
    run(["git", "reset", "-q", "--hard", "origin/main"], site.work, site.env)
    run(["git", "clean", "-qfdx"], site.work, site.env)


# --- 1. pushed code never runs --------------------------------------------------------------------


def _hostile_configs(marker: Path) -> dict[str, tuple[str, dict[str, str], str]]:
    """name → (text added to mkdocs.yml, extra files, the expected message)."""
    evil = f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n"
    return {
        "hooks": ("hooks:\n  - evil.py\n", {"evil.py": evil}, 'ไม่อนุญาตคีย์ "hooks"'),
        "yaml-tag": (
            f'copyright: !!python/object/apply:os.system ["touch {marker}"]\n',
            {},
            "ไม่รองรับแท็ก",
        ),
        "plugin": ("", {}, 'ไม่อนุญาตปลั๊กอิน "macros"'),
        "docs-dir": ("", {}, '"docs_dir" ต้องเป็นโฟลเดอร์ภายในที่เก็บ'),
        "custom-dir": ("", {}, '"theme.custom_dir" ต้องเป็นโฟลเดอร์ย่อยภายในที่เก็บ'),
        "catalogues": ("", {}, '"plugins.ita.catalogues" ต้องเป็นโฟลเดอร์ภายในที่เก็บ'),
    }


def _apply(site: Site, name: str, marker: Path) -> tuple[int, str]:
    """Make the hostile change `name` in the work tree; returns (its line, expected message)."""
    added, files, message = _hostile_configs(marker)[name]
    config = site.work / "mkdocs.yml"
    text = config.read_text("utf-8")
    replacements = {
        "plugin": ("  - search\n", "  - search\n  - macros\n"),
        "docs-dir": ("docs_dir: content\n", "docs_dir: /\n"),
        "custom-dir": ("custom_dir: theme\n", "custom_dir: ../../\n"),
        "catalogues": (
            "      readiness_page: true\n",
            "      readiness_page: true\n      catalogues: /etc\n",
        ),
    }
    if name in replacements:
        old, new = replacements[name]
        assert old in text
        text = text.replace(old, new)
        line = text[: text.index(new)].count("\n") + new.count("\n")
    else:
        line = text.count("\n") + 1
        text += added
    config.write_text(text, "utf-8")
    for path, content in files.items():
        (site.work / path).write_text(content, "utf-8")
    return line, message


def test_a_push_with_code_in_mkdocs_yml_is_refused_and_nothing_runs(
    server: Site, tmp_path: Path
) -> None:
    marker = tmp_path / "pushed-code-ran"
    before = snapshot(server.target)
    for name in HOSTILE:
        reset_to_server(server)
        _refused_and_did_not_run(server, name, marker, before)


def _refused_and_did_not_run(
    server: Site, name: str, marker: Path, before: tuple[str, dict[str, str]]
) -> None:
    tip = bare_tip(server)
    line, message = _apply(server, name, marker)
    sha = server.commit_all(f"hostile {name}")
    pushed = server.push()
    assert pushed.returncode != 0
    assert "pre-receive hook declined" in pushed.stderr
    assert f"remote: commit {sha[:12]}: mkdocs.yml:{line}: " in pushed.stderr, pushed.stderr
    assert message in pushed.stderr
    assert not marker.exists()
    assert "/etc" not in pushed.stderr.replace("catalogues: /etc", "")  # no server paths
    assert bare_tip(server) == tip and sha not in bare_objects(server)
    assert snapshot(server.target) == before

    # Publishing by hand from the work repository (no pre-receive at all) refuses it too.
    out = server.cli("publish", "--target", str(server.target), "--repo-dir", str(server.work))
    assert out.returncode == 1
    assert f"mkdocs.yml:{line}: " in out.stderr and message in out.stderr
    assert "Traceback" not in out.stderr
    assert not marker.exists()
    assert snapshot(server.target) == before


def test_the_accepted_configuration_is_what_mkdocs_reads(tmp_path: Path) -> None:
    # The repository's own mkdocs.yml passes, and a duplicate key (which MkDocs' loader would
    # settle silently, differently from ours) is refused with both lines.
    repo_config = read_site_config(Path(__file__).resolve().parent.parent / "mkdocs.yml")
    assert repo_config.data["plugins"][0]["ita"]["readiness_page"] is True
    assert "!!" not in repo_config.trusted_yaml()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: ก\nstrict: true\nstrict: false\n", "utf-8")
    with pytest.raises(ConfigError) as refused:
        read_site_config(config)
    assert refused.value.lines == [
        'mkdocs.yml:3: คีย์ "strict" ซ้ำกับบรรทัด 2 (duplicate key "strict" (first at line 2))'
    ]
    (tmp_path / "content").mkdir()
    (tmp_path / "link").symlink_to("/usr")
    config.write_text("docs_dir: link\n", "utf-8")
    with pytest.raises(ConfigError) as outside:
        read_site_config(config)
    assert outside.value.lines == [
        "mkdocs.yml:1: docs_dir ชี้ออกไปนอกที่เก็บ (ผ่านลิงก์สัญลักษณ์) "
        "(docs_dir leads outside the repository (through a symlink))"
    ]


# --- 2. every commit, every ref -------------------------------------------------------------------


def _add_id(site: Site, name: str = "contact.md") -> tuple[str, int]:
    path = site.work / "content" / name
    path.write_text(f"# ติดต่อ\n\nผู้ประสานงาน\n\nเลขประจำตัว {national_id()}\n", "utf-8")
    return f"content/{name}", 5


def test_a_national_id_added_then_removed_in_one_push_is_refused(server: Site) -> None:
    tip = bare_tip(server)
    source, line = _add_id(server)
    bad = server.commit_all("add a contact page")
    (server.work / source).write_text("# ติดต่อ\n\nผู้ประสานงาน\n", "utf-8")
    server.commit_all("remove the number again")
    pushed = server.push()
    assert pushed.returncode != 0 and "pre-receive hook declined" in pushed.stderr
    assert f"remote: commit {bad[:12]}: {source}:{line}: " in pushed.stderr, pushed.stderr
    assert national_id() not in pushed.stderr  # shown masked
    assert bare_tip(server) == tip and bad not in bare_objects(server)


def test_other_branches_tags_and_force_pushes_are_checked(server: Site) -> None:
    source, line = _add_id(server)
    bad = server.commit_all("a draft with a number")
    expected = f"remote: commit {bad[:12]}: {source}:{line}: "

    branch = run(
        ["git", "push", "origin", "HEAD:refs/heads/draft"], server.work, server.env, check=False
    )
    assert branch.returncode != 0 and expected in branch.stderr, branch.stderr
    assert bare_tip(server, "draft") is None

    run(["git", "tag", "-a", "-m", "รุ่นร่าง", "v1"], server.work, server.env)
    tag = run(["git", "push", "origin", "refs/tags/v1"], server.work, server.env, check=False)
    assert tag.returncode != 0 and expected in tag.stderr, tag.stderr
    assert bare_tip(server, "refs/tags/v1") is None

    # A force push that rewrites main: the new history is checked like any other.
    run(["git", "reset", "-q", "--hard", "HEAD~1"], server.work, server.env)
    run(["git", "commit", "-q", "--amend", "-m", "rewritten"], server.work, server.env)
    _add_id(server, "other.md")
    rewritten = server.commit_all("rewritten with a number")
    forced = run(
        ["git", "push", "-f", "origin", "HEAD:refs/heads/main"],
        server.work,
        server.env,
        check=False,
    )
    assert forced.returncode != 0
    assert f"remote: commit {rewritten[:12]}: content/other.md:5: " in forced.stderr
    # The same rewrite without the number is accepted and published.
    run(["git", "reset", "-q", "--hard", "HEAD~1"], server.work, server.env)
    clean = run(
        ["git", "push", "-f", "origin", "HEAD:refs/heads/main"],
        server.work,
        server.env,
        check=False,
    )
    assert clean.returncode == 0, clean.stderr
    assert "(published)" in clean.stderr
    assert bad not in bare_objects(server) and rewritten not in bare_objects(server)


def test_the_docs_dir_the_configuration_names_is_checked(server: Site) -> None:
    run(["git", "mv", "content", "docs"], server.work, server.env)
    config = server.work / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("docs_dir: content", "docs_dir: docs"))
    path = server.work / "docs" / "contact.md"
    path.write_text(f"# ติดต่อ\n\n{national_id()}\n", "utf-8")
    bad = server.commit_all("docs/ with a number")
    pushed = server.push()
    assert pushed.returncode != 0
    assert f"remote: commit {bad[:12]}: docs/contact.md:3: " in pushed.stderr, pushed.stderr


# --- the sandbox ----------------------------------------------------------------------------------


def test_theme_templates_run_only_inside_the_sandbox(site: Site, tmp_path: Path) -> None:
    """Jinja templates in theme.custom_dir are code MkDocs runs: the sandbox contains them."""
    marker = tmp_path / "template-ran"
    template = (
        "{% extends 'base.html' %}{% block content %}{{ super() }}"
        "{{ config.__class__.__init__.__globals__['os'].system('touch " + str(marker) + "') }}"
        "{% endblock %}"
    )
    (site.work / "theme" / "main.html").write_text(template, "utf-8")
    site.commit_all("a template that runs a command")
    target = str(site.target)
    out = site.cli("publish", "--target", target)
    assert out.returncode == 0, out.stderr
    assert not marker.exists()  # it ran, but in the sandbox's own /tmp, which is gone
    # Without the sandbox the same commit does reach the server: what --no-sandbox risks.
    out = site.cli("publish", "--target", target, "--force", "--no-sandbox")
    assert out.returncode == 0, out.stderr
    assert marker.exists()


def test_without_a_working_sandbox_nothing_is_built(server: Site, tmp_path: Path) -> None:
    before = snapshot(server.target)
    server.commit("B")
    for program in (str(tmp_path / "no-such-bwrap"), "/bin/false"):
        out = server.cli(
            "publish", "--target", str(server.target), "--ref", "main", SITE_BUILDER_BWRAP=program
        )
        assert out.returncode == 1
        assert "ไม่มี sandbox (bubblewrap) ที่ใช้ได้" in out.stderr
        assert "(the live site is unchanged)" in out.stderr and "Traceback" not in out.stderr
        assert snapshot(server.target) == before
    out = server.cli(
        "publish", "--target", str(server.target), "--no-sandbox", SITE_BUILDER_BWRAP="/bin/false"
    )
    assert out.returncode == 0 and "(published)" in out.stdout


SANDBOX_PROGRAMS = {
    "network": (
        "import socket\nsocket.create_connection(('{host}', {port}), timeout=3)\n",
        "ConnectionRefusedError",  # only the sandbox's own, empty loopback
    ),
    "read-only source": ("open('{source}/x', 'w')\n", "Read-only file system"),
    "outside files": ("print(open('{secret}').read())\n", "FileNotFoundError"),
}


@pytest.mark.parametrize("case", sorted(SANDBOX_PROGRAMS))
def test_the_sandbox_has_no_network_and_a_read_only_repository(tmp_path: Path, case: str) -> None:
    import socket

    from site_builder.publish.sandbox import Limits, run_limited, sandbox_command

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    source, out = tmp_path / "source", tmp_path / "out"
    source.mkdir()
    out.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("server secret", "utf-8")
    program, expected = SANDBOX_PROGRAMS[case]
    code = program.format(
        host="127.0.0.1", port=listener.getsockname()[1], source=source, secret=secret
    )
    for sandboxed in (False, True):
        command = sandbox_command([PY, "-c", code], [source], [out], source, required=sandboxed)
        result = run_limited(
            command, cwd=source, env={"PATH": "/usr/bin:/bin"}, output_dir=out, limits=Limits()
        )
        if sandboxed:
            assert result.returncode != 0 and expected in "\n".join(result.output)
        else:
            assert result.returncode == 0, result.output  # the same program works outside
    listener.close()


def test_the_sandbox_limits_time_memory_and_output(tmp_path: Path) -> None:
    from site_builder.publish.sandbox import Limits, MiB, run_limited, sandbox_command

    out = tmp_path / "out"
    out.mkdir()
    limits = Limits(seconds=3, memory_bytes=512 * MiB, file_bytes=8 * MiB, output_bytes=20 * MiB)
    programs = {
        "time": "while True: pass",
        "memory": "b = bytearray(1024 * 1024 * 1024)",
        "file": f"open('{out}/big', 'wb').write(b'0' * 16 * 1024 * 1024)",
        "output": "import time\n"
        + "".join(f"open('{out}/f{i}', 'wb').write(b'0' * 6 * 1024 * 1024)\n" for i in range(6))
        + "time.sleep(30)",
    }
    outcomes = {}
    for name, code in programs.items():
        command = sandbox_command([PY, "-c", code], [], [out], tmp_path, required=True)
        result = run_limited(command, cwd=tmp_path, env={}, output_dir=out, limits=limits)
        outcomes[name] = (result.returncode != 0, result.exceeded, "\n".join(result.output))
        for path in out.iterdir():
            path.unlink()
    assert outcomes["time"][:2] == (True, "time")
    assert outcomes["memory"][0] and "MemoryError" in outcomes["memory"][2]
    assert outcomes["file"][0]  # SIGXFSZ: the write beyond 8 MiB stops the program
    assert outcomes["output"][:2] == (True, "output")


# --- published URLs stay --------------------------------------------------------------------------


def test_a_published_fiscal_year_cannot_be_removed_by_a_push(server: Site) -> None:
    before = snapshot(server.target)
    tip = bare_tip(server)
    run(["git", "rm", "-r", "-q", "content/ita/2568"], server.work, server.env)
    gone = server.commit_all("remove the year 2568")
    pushed = server.push()
    expected = "content/ita/2568/year.yml: ปีงบประมาณ 2568 เผยแพร่แล้ว ลบออกด้วยการ push ไม่ได้"
    assert pushed.returncode != 0
    assert f"remote: commit {gone[:12]}: {expected}" in pushed.stderr, pushed.stderr
    assert bare_tip(server) == tip and snapshot(server.target) == before
    # Publish checks it against the live release too (a push that skipped pre-receive).
    out = server.cli("publish", "--target", str(server.target), "--repo-dir", str(server.work))
    assert out.returncode == 1 and expected in out.stderr, out.stderr
    assert snapshot(server.target) == before


CATALOGUE_2568 = Path(__file__).parents[1] / "site_builder/records/catalogues/ita-2568.yml"


def _switch_to_a_catalogue_without(site: Site, code: str) -> None:
    """year.yml picks a project catalogue like ita-2568 without `code`; its folder goes too."""
    catalogue = yaml.safe_load(CATALOGUE_2568.read_text("utf-8"))
    catalogue["id"] = "ita-short"
    catalogue["items"] = [item for item in catalogue["items"] if item["code"] != code]
    for group in catalogue["groups"]:
        group["items"] = [item for item in group["items"] if item != code]
    (site.work / "catalogues").mkdir()
    (site.work / "catalogues/ita-short.yml").write_text(
        yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False), "utf-8"
    )
    config = site.work / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("  - ita:\n", "  - ita:\n      catalogues: catalogues\n", 1))
    year = site.work / "content/ita/2568/year.yml"
    year.write_text(year.read_text("utf-8").replace("catalogue: ita-2568", "catalogue: ita-short"))
    shutil.rmtree(site.work / "content/ita/2568" / code)
    # And the outcomes that name it (an outcome is three lines: indicator, score, note).
    for record in (site.work / "content/ita/2568/measures").glob("*.md"):
        lines = record.read_text("utf-8").split("\n")
        while f"  - indicator: {code}" in lines:
            start = lines.index(f"  - indicator: {code}")
            del lines[start : start + 3]
        record.write_text("\n".join(lines), "utf-8")


def test_a_push_that_would_drop_a_published_page_is_refused(server: Site) -> None:
    # A catalogue without o33: the content checks clean, but /ita/2568/o33/ would answer 404.
    before = snapshot(server.target)
    tip = bare_tip(server)
    assert (server.target / "current/ita/2568/o33/index.html").is_file()
    _switch_to_a_catalogue_without(server, "o33")
    check = server.cli("check")
    assert check.returncode == 0, check.stdout + check.stderr
    dropped = server.commit_all("a catalogue without o33")
    pushed = server.push()
    line = next(
        n
        for n, text in enumerate(
            (server.work / "content/ita/2568/year.yml").read_text("utf-8").splitlines(), 1
        )
        if text.startswith("catalogue:")
    )
    expected = f"content/ita/2568/year.yml:{line}: /ita/2568/o33/ เผยแพร่แล้ว แต่รุ่นนี้ไม่มีหน้านี้"
    assert pushed.returncode != 0
    assert f"remote: commit {dropped[:12]}: {expected}" in pushed.stderr, pushed.stderr
    assert bare_tip(server) == tip and snapshot(server.target) == before
    # Publish refuses it too (a push that skipped pre-receive), before building anything.
    out = server.cli("publish", "--target", str(server.target), "--repo-dir", str(server.work))
    assert out.returncode == 1 and expected in out.stderr, out.stderr
    assert "URL ที่เผยแพร่แล้วจะหายไป" in out.stderr
    assert snapshot(server.target) == before
    assert not list((server.target / "releases").glob("*.partial"))


def test_the_contract_files_are_the_urls_of_contracts_md(tmp_path: Path) -> None:
    # What publish compares after building (the new build's files against the live ones).
    names = [
        "index.html",
        "ita/2568/index.html",
        "ita/2568/o5/index.html",
        "ita/2568/o5/plan.pdf",
        "ita/2568/measures/index.html",
        "ita/2568/measures/m-1/index.html",
        "ita/2568/report/index.html",
        "ita/2568/scores/index.html",
        "ita/2568/readiness/index.html",
        "ita/2568/data/measures.json",
        "ita/2568/data/oit.csv",
        "ita/2568/data/other.json",
        "search/ita-2568.js",
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    assert contract_files(tmp_path) == {
        "ita/2568/index.html",
        "ita/2568/o5/index.html",
        "ita/2568/measures/index.html",
        "ita/2568/measures/m-1/index.html",
        "ita/2568/report/index.html",
        "ita/2568/scores/index.html",
        "ita/2568/data/measures.json",
        "ita/2568/data/oit.csv",
    }


def test_a_deleted_measure_keeps_its_url_as_a_withdrawn_page(server: Site) -> None:
    measure = sorted((server.work / "content/ita/2568/measures").glob("*.md"))[0]
    url = f"ita/2568/measures/{measure.stem}/index.html"
    assert (server.target / "current" / url).is_file()
    measure.unlink()
    # After every date in the demo content: a later date would be a warning (a typo?).
    server.commit_all("withdraw a measure", date="2025-05-05T10:00:00+07:00")
    pushed = server.push()
    assert "(published)" in pushed.stderr, pushed.stderr
    page = (server.target / "current" / url).read_text("utf-8")
    assert "มาตรการนี้ถูกถอนออกแล้ว" in page and "5 พฤษภาคม พ.ศ. 2568" in page
    assert (
        '<a href="../">' in page
        and (server.target / "current/ita/2568/measures/index.html").is_file()
    )
    data = json.loads((server.target / "current/ita/2568/data/measures.json").read_text("utf-8"))
    assert data["withdrawn"] == [
        {
            "id": measure.stem,
            "url": f"/ita/2568/measures/{measure.stem}/",
            "withdrawn": "2025-05-05",
        }
    ]
    assert measure.stem not in [entry["id"] for entry in data["measures"]]
    # A later publish keeps the page and the date it was withdrawn.
    server.commit("later", date="2025-06-01T10:00:00+07:00")
    assert "(published)" in server.push().stderr
    assert "5 พฤษภาคม พ.ศ. 2568" in (server.target / "current" / url).read_text("utf-8")


def test_an_archived_year_may_be_removed_and_its_pages_stay(server: Site) -> None:
    new_year = server.cli("new-year", "2569", "--from", "2568")
    assert new_year.returncode == 0, new_year.stdout + new_year.stderr
    server.commit_all("fiscal year 2569")
    assert "(published)" in server.push().stderr
    live = server.target / "current"
    kept = {
        name: (live / name).read_bytes()
        for name in ("ita/2568/index.html", "ita/2568/o5/index.html", "ita/2568/data/oit.json")
    }
    # Not a published year: a Thai refusal, nothing archived.
    wrong = server.cli("archive-year", "--target", str(server.target), "--year", "2560")
    assert wrong.returncode == 1 and "ปีงบประมาณ 2560 ยังไม่ได้เผยแพร่" in wrong.stderr
    assert not (server.target / "archive").exists()
    archived = server.cli("archive-year", "--target", str(server.target), "--year", "2568")
    assert archived.returncode == 0, archived.stdout + archived.stderr
    assert "เก็บปีงบประมาณ 2568 เข้าคลังแล้ว" in archived.stdout
    # Now a push may remove the year, and the release it makes still answers its URLs.
    run(["git", "rm", "-r", "-q", "content/ita/2568"], server.work, server.env)
    server.commit_all("remove the archived year 2568")
    pushed = server.push()
    assert pushed.returncode == 0 and "(published)" in pushed.stderr, pushed.stderr
    live = server.target / "current"
    for name, data in kept.items():
        assert (live / name).read_bytes() == data, name
    assert (live / "ita/2569/index.html").is_file()
    # Their styles and scripts too (every internal link of the archived pages resolves), and
    # in the releases after it.
    server.commit("after the archive")
    assert "(published)" in server.push().stderr
    assert (server.target / "current/ita/2568/o5/index.html").read_bytes() == kept[
        "ita/2568/o5/index.html"
    ]
    assert [
        link for link in broken_links(server.target / "current") if link[0].startswith("ita/2568/")
    ] == []
