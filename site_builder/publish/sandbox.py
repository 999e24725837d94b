"""Run the build of pushed content in a sandbox: bubblewrap (Debian package `bubblewrap`).

Why bubblewrap: it is one small setuid-free binary from Debian, used by Flatpak, that gives a
process its own mount, network, PID and IPC namespaces without a daemon or root-only setup
(systemd-run needs a system manager and root; firejail is setuid and large; containers need a
daemon). Inside the sandbox the build sees, read-only, only the system's programs and libraries,
the Python installation and this tool; the exported commit read-only; and, writable, only the
release folder being built and a small private /tmp. It has no network (only its own loopback),
no capabilities, and dies with publish.

Limits (`Limits`, the same with or without the sandbox): wall-clock time, address space
(RLIMIT_AS), the size of any one file written (RLIMIT_FSIZE), the total size of the release
(watched while it builds), and how much of the build's log is kept.

Where bubblewrap is missing or cannot create its namespaces, publish refuses (fails closed) and
says how to install it; `--no-sandbox` (git config ita.sandbox off) builds without it, limits
still applied, for a server where only trusted people push.
"""

from __future__ import annotations

import contextlib
import functools
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import site_builder
from site_builder.publish.errors import PublishError

# Tests point this at a missing or failing program to see what an unsandboxed server does.
BWRAP_ENV = "SITE_BUILDER_BWRAP"
MiB = 1024 * 1024
# Read-only system folders a Python build needs (those that exist on this machine).
SYSTEM_FOLDERS = ("/usr", "/bin", "/lib", "/lib64", "/sbin", "/etc/alternatives")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime", "/etc/mime.types", "/etc/passwd")


@dataclass(frozen=True)
class Limits:
    """What one build may use. 5,000 records build in about 20 s with about 1 GB (README)."""

    seconds: float = 900
    memory_bytes: int = 4096 * MiB
    # The search cache is one file: about 450 MB at 20,000 records (segments.MAX_BYTES).
    file_bytes: int = 1024 * MiB
    output_bytes: int = 4096 * MiB
    log_bytes: int = 256 * 1024
    tmp_bytes: int = 256 * MiB


@dataclass(frozen=True)
class Run:
    returncode: int
    output: list[str]
    exceeded: str | None  # "time" or "output" when publish stopped it, else None


def bwrap_program() -> str | None:
    chosen = os.environ.get(BWRAP_ENV)
    if chosen is not None:
        return chosen if os.access(chosen, os.X_OK) else None
    return shutil.which("bwrap") or (
        "/usr/bin/bwrap" if os.access("/usr/bin/bwrap", os.X_OK) else None
    )


def _tool_folders() -> list[str]:
    """The Python installation, the virtual environment and this tool, all read-only."""
    package_parent = Path(site_builder.__file__).resolve().parent.parent
    folders = {sys.prefix, sys.base_prefix, str(package_parent)}
    return sorted(folder for folder in folders if os.path.isdir(folder))


def bwrap_args(program: str, readonly: list[Path], writable: list[Path], cwd: Path) -> list[str]:
    args = [program, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    # A private /tmp first: the binds below may lie under /tmp and must stay visible.
    args += ["--size", str(Limits.tmp_bytes), "--tmpfs", "/tmp"]
    for folder in SYSTEM_FOLDERS:
        if os.path.isdir(folder):
            # /bin and /lib are often symlinks to /usr/...: --ro-bind follows them, which works.
            args += ["--ro-bind", folder, folder]
    for name in SYSTEM_FILES:
        if os.path.exists(name):
            args += ["--ro-bind", name, name]
    for folder in [*_tool_folders(), *map(str, readonly)]:
        args += ["--ro-bind", folder, folder]
    for folder in writable:
        args += ["--bind", str(folder), str(folder)]
    args += ["--proc", "/proc", "--dev", "/dev", "--chdir", str(cwd), "--"]
    return args


@functools.lru_cache(maxsize=4)
def sandbox_works(program: str) -> bool:
    """bwrap is there and this kernel lets it make its namespaces (a trial run of Python)."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        command = [*bwrap_args(program, [], [folder], folder), sys.executable, "-c", "pass"]
        try:
            proc = subprocess.run(command, capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return False
        return proc.returncode == 0


def sandbox_command(
    command: list[str], readonly: list[Path], writable: list[Path], cwd: Path, required: bool
) -> list[str]:
    """`command` wrapped in bubblewrap; as it is when the sandbox is off (required=False)."""
    if not required:
        return command
    program = bwrap_program()
    if program is None or not sandbox_works(program):
        raise PublishError(
            "ไม่มี sandbox (bubblewrap) ที่ใช้ได้บนเซิร์ฟเวอร์นี้ จึงไม่สร้างเว็บไซต์จากสิ่งที่ push มา "
            "ให้ติดตั้งด้วย apt-get install bubblewrap",
            "no working sandbox (bubblewrap) on this server, so nothing pushed is built; "
            "install it with apt-get install bubblewrap, or publish with --no-sandbox "
            "(git config ita.sandbox off) if only trusted people can push",
        )
    return [*bwrap_args(program, readonly, writable, cwd), *command]


def _limit(limits: Limits) -> None:
    # Runs in the child between fork and exec: inherited by bwrap and everything it starts.
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def folder_size(folder: Path) -> int:
    total = 0
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            else:
                total += entry.stat(follow_symlinks=False).st_blocks * 512
    return total


def run_limited(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    output_dir: Path,
    limits: Limits,
    started: Callable[[subprocess.Popen[bytes]], None] | None = None,
) -> Run:
    """Run `command` under `limits`; stop it (the whole process group) when it exceeds them."""
    exceeded = None
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one process group to stop, apart from publish's own
            preexec_fn=functools.partial(_limit, limits),
        )
        if started is not None:
            started(proc)
        deadline = time.monotonic() + limits.seconds
        while proc.poll() is None:
            if time.monotonic() > deadline:
                exceeded = "time"
            elif folder_size(output_dir) > limits.output_bytes:
                exceeded = "output"
            if exceeded:
                _stop(proc)
                break
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.5)
        returncode = proc.wait()
        size = log.seek(0, os.SEEK_END)
        log.seek(max(0, size - limits.log_bytes))
        output = log.read().decode("utf-8", "replace").splitlines()
    return Run(returncode, output, exceeded)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
