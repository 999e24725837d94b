"""Publishing: real git repositories, real pushes through the shipped hooks, real builds.

Everything happens under tmp_path: a work repository made from a copy of mkdocs.yml, content/
and theme/, a bare repository with the hooks installed by the documented command, and a
publish target. The hooks run with a PATH without the virtual environment, so they work only
through the interpreter that install-hooks recorded.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from site_builder.publish.pipeline import live_release, releases, verify_site
from site_builder.rules.check import run_check
from tests.hostile.pdf import padded_pdf

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
# The commands that the CI files must run too (see test_ci_files_run_the_same_commands).
CHECK_COMMAND = "python -m site_builder check"
BUILD_COMMAND = "mkdocs build --strict"
EPOCH_COMMAND = "git log -1 --format=%ct"
MEASURES = "content/ita/2568/measures"


def run(
    command: list[str], cwd: Path, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"{command} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return proc


def snapshot(target: Path) -> tuple[str, dict[str, str]]:
    """The live symlink and the SHA-256 of every file under target/current/."""
    live = target / "current"
    hashes = {
        path.relative_to(live).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(live.rglob("*"))
        if path.is_file()
    }
    return os.readlink(live), hashes


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the repository's site files for the whole module."""
    folder = tmp_path_factory.mktemp("seed")
    shutil.copy2(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, folder / name)
    # Other work on content/ may be half-done: say so instead of failing as a publishing bug.
    result = run_check(folder / "content", folder)
    if result.failed():
        problems = "\n".join(str(problem) for problem in result.problems.errors[:20])
        pytest.fail(f"the repository's content/ does not pass check:\n{problems}")
    return folder


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: own HOME and git identity, no venv on PATH, no fault injection."""
    home = tmp_path / "home"
    home.mkdir()
    keep = ("LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")
    base = {k: v for k, v in os.environ.items() if k in keep}
    return {
        **base,
        "HOME": str(home),
        "PATH": f"{Path(shutil.which('git') or '/usr/bin/git').parent}:/usr/bin:/bin",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "เว็บมาสเตอร์",
        "GIT_AUTHOR_EMAIL": "webmaster@example.invalid",
        "GIT_COMMITTER_NAME": "เว็บมาสเตอร์",
        "GIT_COMMITTER_EMAIL": "webmaster@example.invalid",
        "NO_MKDOCS_2_WARNING": "1",
    }


class Site:
    """A work repository, a bare repository with the hooks, and the publish target."""

    def __init__(self, root: Path, seed: Path, env: dict[str, str]) -> None:
        self.env = env
        self.work = root / "work"
        self.bare = root / "site.git"
        self.target = root / "www"
        shutil.copytree(seed, self.work)
        run(["git", "init", "-q", "-b", "main"], self.work, env)
        run(["git", "init", "-q", "--bare", "-b", "main", str(self.bare)], root, env)
        run(["git", "remote", "add", "origin", str(self.bare)], self.work, env)

    def install_hooks(self) -> subprocess.CompletedProcess[str]:
        # The documented command, run with the virtual environment's interpreter.
        command = [PY, "-m", "site_builder", "install-hooks", "--bare", str(self.bare)]
        return run([*command, "--target", str(self.target)], self.work, self.env)

    def commit(self, marker: str, date: str | None = None) -> str:
        home = self.work / "content" / "index.md"
        text = home.read_text("utf-8")
        text = re.sub(r"\n\nรุ่นทดสอบ: .*\n$", "\n", text)
        home.write_text(f"{text.rstrip()}\n\nรุ่นทดสอบ: {marker}\n", "utf-8")
        return self.commit_all(marker, date)

    def commit_all(self, message: str, date: str | None = None) -> str:
        env = dict(self.env)
        if date is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
        run(["git", "add", "-A"], self.work, env)
        run(["git", "commit", "-q", "-m", message], self.work, env)
        return run(["git", "rev-parse", "HEAD"], self.work, env).stdout.strip()

    def push(self, rev: str = "HEAD", **extra: str) -> subprocess.CompletedProcess[str]:
        env = {**self.env, **extra}
        return run(["git", "push", "origin", f"{rev}:refs/heads/main"], self.work, env, False)

    def commit_sha(self, rev: str = "HEAD") -> str:
        return run(["git", "rev-parse", rev], self.work, self.env).stdout.strip()

    def cli(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        env = {**self.env, **extra}
        return run([PY, "-m", "site_builder", *args], self.work, env, False)

    def home_html(self) -> str:
        return (self.target / "current" / "index.html").read_text("utf-8")

    def live_commit(self) -> str:
        release = live_release(self.target)
        assert release is not None
        return release.commit


@pytest.fixture
def site(tmp_path: Path, seed: Path, env: dict[str, str]) -> Site:
    return Site(tmp_path, seed, env)


@pytest.fixture
def server(site: Site) -> Site:
    """A site whose bare repository has the hooks installed and a first release published."""
    site.install_hooks()
    site.commit("A")
    pushed = site.push()
    assert pushed.returncode == 0, pushed.stderr
    assert "(published)" in pushed.stderr
    return site


def break_a_measure(site: Site) -> tuple[str, int]:
    """`tittle:` for `title:` in the first measure: returns (path, line) of the typo."""
    path = sorted((site.work / MEASURES).glob("*.md"))[0]
    lines = path.read_text("utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = lines[number].replace("title:", "tittle:", 1)
    path.write_text("\n".join(lines), "utf-8")
    return path.relative_to(site.work).as_posix(), number + 1


def test_install_hooks_records_target_and_interpreter(site: Site) -> None:
    out = site.install_hooks()
    assert "(hooks installed)" in out.stdout

    def config(key: str) -> str:
        return run(["git", "--git-dir", str(site.bare), "config", key], site.work, site.env).stdout

    assert config("ita.target").strip() == str(site.target)
    assert config("ita.python").strip() == os.path.abspath(PY)
    assert config("ita.branch").strip() == "main"
    for hook in ("pre-receive", "post-receive"):
        installed = site.bare / "hooks" / hook
        shipped = REPO / "site_builder" / "publish" / "hooks" / hook
        assert installed.read_bytes() == shipped.read_bytes()
        assert os.access(installed, os.X_OK)
    bad = site.cli("install-hooks", "--bare", str(site.work), "--target", str(site.target))
    assert bad.returncode == 1
    assert "(" in bad.stderr and "not a bare repository" in bad.stderr


def test_push_publishes_and_a_broken_push_is_refused(server: Site, tmp_path: Path) -> None:
    first = server.live_commit()
    page = server.target / "current" / "ita" / "2568" / "index.html"
    assert page.is_file()
    assert "รุ่นทดสอบ: A" in server.home_html()
    # What the CI files run gives the same bytes as what the server published.
    epoch = run(EPOCH_COMMAND.split(), server.work, server.env).stdout.strip()
    local = tmp_path / "local-build"
    command = [PY, "-m", *BUILD_COMMAND.split(), "--site-dir", str(local)]
    run(command, server.work, {**server.env, "SOURCE_DATE_EPOCH": epoch})
    assert tree(local) == tree(server.target / "current")
    before = snapshot(server.target)

    source, line = break_a_measure(server)
    server.commit("broken")
    pushed = server.push()
    assert pushed.returncode != 0
    # pre-receive names the commit too: "remote: commit <sha>: path:line: message".
    assert f"remote: commit {server.commit_sha()[:12]}: {source}:{line}: " in pushed.stderr
    assert 'unknown key "tittle"' in pushed.stderr, pushed.stderr
    assert "pre-receive hook declined" in pushed.stderr
    assert snapshot(server.target) == before
    tip = run(["git", "--git-dir", str(server.bare), "rev-parse", "main"], server.work, server.env)
    assert tip.stdout.strip() == first


@pytest.mark.parametrize(
    "links",
    [
        {"content/leak.txt": "/etc/hostname"},
        # Lexically inside the commit; on disk it leaves through content/d/up (= the root).
        {"content/d/up": "../..", "outside": "content/d/up/.."},
    ],
    ids=["absolute", "through-another-link"],
)
def test_a_pushed_symlink_that_leaves_the_commit_is_refused(
    server: Site, links: dict[str, str]
) -> None:
    before = snapshot(server.target)
    for name, target in links.items():
        (server.work / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, server.work / name)
    server.commit_all("a link out")
    pushed = server.push()
    assert pushed.returncode != 0
    assert "แตกไฟล์ของ commit ไม่ได้ (มีลิงก์หรือชื่อไฟล์ที่ไม่อนุญาต)" in pushed.stderr
    assert "links outside the commit" in pushed.stderr, pushed.stderr
    assert "Traceback" not in pushed.stderr
    assert snapshot(server.target) == before


def test_killed_builds_leave_the_live_site_unchanged(server: Site) -> None:
    before = snapshot(server.target)
    releases_dir = server.target / "releases"

    server.commit("B")
    pushed = server.push(SITE_BUILDER_FAULT="kill-build")
    assert pushed.returncode == 0  # the push is recorded; only publishing failed
    assert "signal 9" in pushed.stderr and "(the live site is unchanged)" in pushed.stderr
    assert snapshot(server.target) == before
    assert len(releases(server.target)) == 1
    assert not list(releases_dir.glob("*.partial"))  # the half-built release was removed

    # Killed itself after writing the whole release, before the switch: nothing can clean up.
    server.commit("C")
    pushed = server.push(SITE_BUILDER_FAULT="kill-publish")
    assert pushed.returncode == 0
    assert "(published)" not in pushed.stderr
    assert snapshot(server.target) == before
    assert [path.name for path in releases_dir.iterdir() if path.name.endswith(".partial")]

    # The next publish removes what the killed one left and publishes the tip.
    server.commit("D")
    pushed = server.push()
    assert "(published)" in pushed.stderr, pushed.stderr
    assert "รุ่นทดสอบ: D" in server.home_html()
    assert not list(releases_dir.glob("*.partial"))
    assert not list((server.target / ".work").glob("*"))
    assert len(releases(server.target)) == 2


def test_rollback_restores_the_previous_release(server: Site) -> None:
    first = snapshot(server.target)
    server.commit("B")
    assert "(published)" in server.push().stderr
    second = snapshot(server.target)
    assert second != first and "รุ่นทดสอบ: B" in server.home_html()

    rolled = server.cli("rollback", "--target", str(server.target))
    assert rolled.returncode == 0, rolled.stderr
    assert "(rolled back)" in rolled.stdout
    assert snapshot(server.target) == first
    assert (server.target / "current").is_symlink()
    # Rolling back again undoes the rollback.
    assert server.cli("rollback", "--target", str(server.target)).returncode == 0
    assert snapshot(server.target) == second


def test_two_quick_pushes_end_with_the_later_commit(server: Site) -> None:
    b = server.commit("B")
    c = server.commit("C")
    releases_dir = server.target / "releases"
    results: dict[str, subprocess.CompletedProcess[str]] = {}

    def push(name: str, rev: str) -> None:
        results[name] = server.push(rev)

    first = threading.Thread(target=push, args=("B", b))
    first.start()
    deadline = time.monotonic() + 60
    # The first publish is building (its release folder exists, still .partial).
    while (
        not any(releases_dir.glob("*.partial")) and first.is_alive() and time.monotonic() < deadline
    ):
        time.sleep(0.005)
    assert first.is_alive(), "the first publish ended before the second push"
    second = threading.Thread(target=push, args=("C", c))
    second.start()
    first.join()
    second.join()
    assert results["B"].returncode == 0 and results["C"].returncode == 0
    assert server.live_commit() == c
    assert "รุ่นทดสอบ: C" in server.home_html()

    # Both pushes are in before either post-receive gets the lock: the earlier push's publish
    # may run first or last, and the site must end at the later commit either way.
    d = server.commit("D")
    e = server.commit("E")

    def tip() -> str:
        command = ["git", "--git-dir", str(server.bare), "rev-parse", "main"]
        return run(command, server.work, server.env).stdout.strip()

    def wait_for(commit: str) -> None:
        deadline = time.monotonic() + 60
        while tip() != commit and time.monotonic() < deadline:
            time.sleep(0.01)
        assert tip() == commit

    with (server.target / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        threads = [threading.Thread(target=push, args=("D", d))]
        threads[0].start()
        wait_for(d)  # D is accepted and its post-receive waits for the lock
        threads.append(threading.Thread(target=push, args=("E", e)))
        threads[1].start()
        wait_for(e)
    for thread in threads:
        thread.join()
    outputs = results["D"].stderr + results["E"].stderr
    assert server.live_commit() == e, outputs
    assert outputs.count("(published)") == 1 and "(already live" in outputs
    current = server.target / "current"
    content = run_check(server.work / "content", server.work).content
    assert verify_site(current, content) == []
    assert "รุ่นทดสอบ: E" in server.home_html()
    assert not list((server.target / "releases").glob("*.partial"))


def test_publish_checks_the_build_and_never_goes_back(site: Site) -> None:
    target = str(site.target)
    a = site.commit("A")
    out = site.cli("publish", "--target", target)
    assert out.returncode == 0, out.stderr
    before = snapshot(site.target)

    # A raw link to a page that does not exist: MkDocs builds it, the release check refuses it.
    home = site.work / "content" / "index.md"
    home.write_text(home.read_text("utf-8") + '\n<a href="nowhere/">ลิงก์เสีย</a>\n', "utf-8")
    site.commit_all("broken link")
    out = site.cli("publish", "--target", target)
    assert out.returncode == 1
    assert 'content/index.md: ลิงก์ "nowhere/" ชี้ไปที่ไฟล์ที่ไม่มี' in out.stderr
    assert "(broken link on /index.html)" in out.stderr
    assert "ผิดพลาด:" in out.stderr and "(the live site is unchanged)" in out.stderr
    assert snapshot(site.target) == before
    assert [path.name for path in (site.target / "releases").iterdir()] == [before[0][9:]]

    run(["git", "revert", "--no-edit", "HEAD"], site.work, site.env)
    b = site.commit("B")
    c = site.commit("C")
    keep_one = ("publish", "--target", target, "--keep", "1")
    assert site.cli(*keep_one, "--commit", b).returncode == 0
    # A is the previous release: kept although it is beyond --keep 1.
    assert [r.commit for r in releases(site.target)] == [a, b]
    assert site.cli("rollback", "--target", target).returncode == 0  # live A, previous B
    assert site.cli(*keep_one).returncode == 0  # the tip, C
    # B is neither live nor previous any more: pruned. A (live before C) is the previous one.
    assert [r.commit for r in releases(site.target)] == [a, c]
    assert os.readlink(site.target / "previous").endswith(a)

    # An explicit older commit after a newer one is live: skipped, nothing changes.
    live = snapshot(site.target)
    out = site.cli("publish", "--target", target, "--commit", b)
    assert out.returncode == 0 and "(skipped" in out.stdout
    assert snapshot(site.target) == live
    assert site.live_commit() == c


def _an_attachment(site: Site) -> str:
    """The URL path of an attachment of the content; adds a record with one if there is none."""
    content = run_check(site.work / "content", site.work).content
    for year in content.years.values():
        for code, disclosure in sorted(year.disclosures.items()):
            for name in sorted(disclosure.files):
                return f"ita/{year.year}/{code}/{name}"
    year = content.years[max(content.years)]
    code = next(
        item.code
        for item in year.catalogue.items
        if item.code not in year.disclosures and item.made_from is None
    )
    folder = site.work / "content" / "ita" / str(year.year) / code
    folder.mkdir()
    (folder / "index.md").write_text(
        "---\ndocuments:\n  - title: แผนผังโครงสร้าง\n    file: chart.pdf\n"
        "    date: ๑๕ ม.ค. ๒๕๖๘\n---\nโครงสร้างของหน่วยงาน\n",
        "utf-8",
    )
    (folder / "chart.pdf").write_bytes(padded_pdf(3016))
    site.commit_all(f"{code} with a document")
    return f"ita/{year.year}/{code}/chart.pdf"


def test_release_check_names_missing_pages_data_and_attachments(site: Site, tmp_path: Path) -> None:
    site.commit_all("seed")
    attachment = _an_attachment(site)
    out = site.cli("publish", "--target", str(site.target))
    assert out.returncode == 0, out.stderr
    live = site.target / "current"
    assert (live / attachment).read_bytes() == (site.work / "content" / attachment).read_bytes()

    content = run_check(site.work / "content", site.work).content
    assert verify_site(live, content) == []
    copy = tmp_path / "copy"
    shutil.copytree(live, copy)
    (copy / attachment).unlink()
    (copy / "ita/2568/scores/index.html").unlink()
    (copy / "ita/2568/data/measures.json").write_text("{", "utf-8")
    problems = "\n".join(verify_site(copy, content))
    assert f"/{attachment}: ไม่พบไฟล์แนบ (attachment missing)" in problems
    assert "/ita/2568/scores/index.html: ไม่พบหน้า" in problems
    assert "/ita/2568/data/measures.json: JSON อ่านไม่ได้" in problems
    page = attachment.rsplit("/", 1)[0]
    assert f"(broken link on /{page}/index.html)" in problems


def _other_locale() -> str:
    """th_TH.UTF-8 where it is installed, else en_US.UTF-8, else C."""
    proc = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    have = {name.lower().replace("-", ""): name for name in proc.stdout.split()}
    for wanted in ("th_TH.UTF-8", "en_US.UTF-8"):
        if wanted.lower().replace("-", "") in have:
            return have[wanted.lower().replace("-", "")]
    return "C"


def test_same_commit_builds_byte_identical(site: Site) -> None:
    # A commit date far from today: without SOURCE_DATE_EPOCH, sitemap.xml.gz would differ.
    site.commit("reproducible", date="2025-05-15T10:00:00+07:00")
    builds = []
    for name, tz, lc, seed in (
        ("one", "UTC", "C.UTF-8", "1"),
        ("two", "Pacific/Kiritimati", _other_locale(), "4242"),
    ):
        target = site.target.parent / name
        extra = {"TZ": tz, "LC_ALL": lc, "LANG": lc, "PYTHONHASHSEED": seed}
        out = site.cli("publish", "--target", str(target), **extra)
        assert out.returncode == 0, out.stderr
        builds.append(tree(target / "current"))
    assert builds[0].keys() == builds[1].keys()
    different = [path for path in builds[0] if builds[0][path] != builds[1][path]]
    assert different == []
    # gzip keeps a time in its header: the commit's date (MkDocs rounds it to the day).
    mtime = struct.unpack("<I", builds[0]["sitemap.xml.gz"][4:8])[0]
    assert mtime == datetime(2025, 5, 15, tzinfo=UTC).timestamp()


# --- CI files ------------------------------------------------------------------------------------

GITHUB = REPO / ".github" / "workflows" / "site.yml"
GITLAB = REPO / ".gitlab-ci.yml"


def _script(lines: object) -> str:
    return "\n".join(lines) if isinstance(lines, list) else str(lines or "")


def _position(texts: list[str], needle: str) -> int:
    found = [i for i, text in enumerate(texts) if needle in text]
    assert found, f"{needle!r} not found in {texts}"
    return found[0]


def test_ci_files_run_the_same_commands() -> None:
    workflow = yaml.safe_load(GITHUB.read_text("utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as True
    assert "push" in triggers and "pull_request" in triggers
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = build["steps"]
    texts = [step.get("run", "") + " " + step.get("uses", "") for step in steps]
    install = _position(texts, "-r requirements.lock")
    check = _position(texts, CHECK_COMMAND)
    built = _position(texts, BUILD_COMMAND)
    upload = _position(texts, "actions/upload-pages-artifact@")
    assert install < check < built < upload
    assert EPOCH_COMMAND in texts[built] and "SOURCE_DATE_EPOCH" in texts[built]
    assert "default_branch" in steps[upload]["if"]
    assert deploy["needs"] == "build" and "default_branch" in deploy["if"]
    assert any("actions/deploy-pages@" in step.get("uses", "") for step in deploy["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v[0-9]+", step["uses"]), step["uses"]

    pipeline = yaml.safe_load(GITLAB.read_text("utf-8"))
    check_job, pages = pipeline["check"], pipeline["pages"]
    script = _script(check_job.get("before_script")).split("\n") + _script(
        check_job["script"]
    ).split("\n")
    install = _position(script, "-r requirements.lock")
    check = _position(script, CHECK_COMMAND)
    built = _position(script, BUILD_COMMAND)
    assert install < check < built
    assert "--site-dir public" in script[built]
    assert any(EPOCH_COMMAND in line and "SOURCE_DATE_EPOCH" in line for line in script)
    assert check_job["artifacts"]["paths"] == ["public"]
    assert pages["stage"] == "deploy" and pages["needs"] == ["check"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert "$CI_DEFAULT_BRANCH" in pages["rules"][0]["if"]
    assert pipeline["stages"].index(check_job["stage"]) < pipeline["stages"].index("deploy")


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.github-workflows", GITHUB), ("vendor.gitlab-ci", GITLAB)],
    ids=["github", "gitlab"],
)
def test_ci_files_pass_their_schemas(schema: str, path: Path) -> None:
    pytest.importorskip("check_jsonschema")
    command = [PY, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
