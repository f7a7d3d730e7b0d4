"""Real Prometheus tools for the tests: ``promtool`` and a Pushgateway on loopback.

Both come from Debian packages (``prometheus`` and ``prometheus-pushgateway``)
that are downloaded with ``apt-get download`` and unpacked with ``dpkg-deb -x``
into ``.tools/`` at the top of the checkout, once; nothing is installed.
A download or unpacking failure raises ``RuntimeError`` (the tests fail, they
are never skipped).

The session fixtures ``promtool`` and ``pushgateway_url`` are defined here under
the Python names ``promtool_fixture`` and ``pushgateway_url_fixture`` (so that
they do not hide the helpers ``promtool()`` and ``pushgateway()``); conftest.py
imports them to make them visible to every test module.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from servers import free_port, stop

_CHECKOUT = Path(__file__).resolve().parents[2]

# Debian package -> the program inside it that the tests run.
PROMTOOL_PACKAGE = "prometheus"
PUSHGATEWAY_PACKAGE = "prometheus-pushgateway"

_APT_TIMEOUT = 600  # seconds; the prometheus package is tens of megabytes


def tool_dir() -> Path:
    """``.tools/`` in the checkout: the downloaded .deb files and their unpacked trees."""
    path = _CHECKOUT / ".tools"
    path.mkdir(exist_ok=True)
    return path


def promtool() -> str:
    """Path of ``usr/bin/promtool`` from the unpacked ``prometheus`` package."""
    return str(_program(PROMTOOL_PACKAGE, "promtool"))


def pushgateway_binary() -> str:
    """Path of the Pushgateway program from the unpacked ``prometheus-pushgateway`` package."""
    return str(_program(PUSHGATEWAY_PACKAGE, "prometheus-pushgateway", "pushgateway"))


@contextmanager
def pushgateway(timeout: float = 20) -> Iterator[str]:
    """A Pushgateway on a free loopback port, in memory only; yields its base URL."""
    command = pushgateway_binary()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [
                command,
                f"--web.listen-address=127.0.0.1:{port}",
                # Debian's default is /var/lib/prometheus/pushgateway.data; empty = memory only.
                "--persistence.file=",
                "--log.level=warn",
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_ready(url, process, log, timeout)
            yield url
        finally:
            stop(process)


def http(method: str, url: str, body: bytes | str | None = None) -> tuple[int, str]:
    """One request to a loopback server, never through a proxy: ``(status, body text)``.

    HTTP error statuses are returned, not raised.
    """
    data = body.encode("utf-8") if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture(name="promtool", scope="session")
def promtool_fixture() -> str:
    """Path of the real ``promtool`` (downloaded on first use)."""
    return promtool()


@pytest.fixture(name="pushgateway_url", scope="session")
def pushgateway_url_fixture() -> Iterator[str]:
    """Base URL ``http://127.0.0.1:PORT`` of a real Pushgateway shared by the session."""
    with pushgateway() as url:
        yield url


# --- download and unpacking ----------------------------------------------------------


def _program(package: str, *names: str) -> Path:
    root = _unpacked(package)
    for name in names:
        for folder in ("usr/bin", "usr/sbin", "bin"):
            candidate = root / folder / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    raise RuntimeError(
        f"the Debian package {package!r} unpacked in {root} has no program "
        f"named {' or '.join(names)}; delete {root} to download it again"
    )


def _unpacked(package: str) -> Path:
    """``.tools/PACKAGE/``: the package's files, downloaded and unpacked once.

    The tree is unpacked in a temporary directory beside it and renamed into place,
    so it is either absent or complete; a lock file keeps two processes (pytest-xdist
    workers, two pytest runs) from downloading it at the same time.
    """
    tools = tool_dir()
    target = tools / package
    if target.is_dir():
        return target
    with _locked(tools / f"{package}.lock"):
        if target.is_dir():  # another process finished it while we waited
            return target
        work = Path(tempfile.mkdtemp(prefix=f".{package}-", dir=tools))
        try:
            deb = _download(package, work)
            tree = work / "tree"
            _run(
                ["dpkg-deb", "-x", str(deb), str(tree)],
                f"could not unpack {deb.name} (dpkg-deb -x)",
            )
            os.replace(deb, tools / deb.name)  # kept for reference; the tree is what is used
            tree.rename(target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return target


def _download(package: str, into: Path) -> Path:
    """``apt-get download PACKAGE`` into ``into``; the .deb file it wrote."""
    command = ["apt-get", "download", package]
    try:
        _run(command, f"could not download the Debian package {package!r}", cwd=into)
    except RuntimeError as first:
        # A fresh machine may have no package lists yet; only root can fetch them.
        if os.geteuid() != 0:
            raise RuntimeError(
                f"{first}\n(if the apt package lists are missing, run `apt-get update` as root)"
            ) from None
        _run(["apt-get", "update"], "`apt-get update` failed", cwd=into)
        _run(command, f"could not download the Debian package {package!r}", cwd=into)
    debs = sorted(into.glob(f"{package}_*.deb"))
    if len(debs) != 1:
        found = ", ".join(p.name for p in into.iterdir()) or "nothing"
        raise RuntimeError(f"`apt-get download {package}` wrote {found}, not one .deb file")
    return debs[0]


def _run(command: list[str], failure: str, cwd: Path | None = None) -> None:
    if shutil.which(command[0]) is None:
        raise RuntimeError(f"{failure}: {command[0]} is not available (a Debian system is needed)")
    try:
        completed = subprocess.run(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=_APT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{failure}: {' '.join(command)} took over {_APT_TIMEOUT}s") from None
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).decode("utf-8", "replace").strip()
        raise RuntimeError(
            f"{failure}: {' '.join(command)} exited {completed.returncode}:\n{output}"
        )


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _wait_ready(url: str, process: subprocess.Popen, log, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode("utf-8", "replace").strip()
            raise RuntimeError(f"the Pushgateway exited with {process.returncode}:\n{output}")
        try:
            status, _ = http("GET", f"{url}/-/ready")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the Pushgateway did not answer {url}/-/ready within {timeout}s")
