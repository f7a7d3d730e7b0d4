"""A document that reads no service imports none of their client libraries."""

from __future__ import annotations

from conftest import loaded_after_merge


def test_plain_documents_import_no_service_client(tmp_path):
    heavy = ("boto3", "botocore", "nats", "urllib.request", "http.client", "asyncio")
    heavy += ("yaml", "typing", "prometheus_client", "threading", "graft.metrics")
    text = 'a: 1\nb: (( concat "x" a ))\nc: (( grab a ))\n'
    output, loaded = loaded_after_merge(tmp_path, text, heavy)
    assert output == "a: 1\nb: x1\nc: 1\n\n"
    assert loaded == []
