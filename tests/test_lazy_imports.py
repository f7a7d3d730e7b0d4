"""A document that reads no service imports none of their client libraries."""

from __future__ import annotations

import subprocess
import sys


def test_plain_documents_import_no_service_client(tmp_path):
    (tmp_path / "a.yml").write_text('a: 1\nb: (( concat "x" a ))\nc: (( grab a ))\n')
    script = (
        "import sys\n"
        "from graft.cli import run\n"
        "assert run(['merge', 'a.yml'], 'graft') == 0\n"
        "heavy = ('boto3', 'botocore', 'nats', 'urllib.request', 'http.client', 'asyncio',\n"
        "         'yaml', 'typing', 'prometheus_client', 'threading', 'graft.metrics')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "[]"
