"""``nats`` against a real nats-server with JetStream (SPEC §6.16)."""

from __future__ import annotations

import pytest

from conftest import multi_error
from servers.nats import NatsServer


@pytest.fixture(scope="module")
def server():
    nats = NatsServer()
    nats.seed(
        kv={
            "cfg": {
                "plain": b"hello",
                "multi": b"a: 1\nb: [x]\n",
                "json1": b'{"q": 1}',
                "empty": b"",
            }
        },
        objects={
            "files": [
                ("conf.yml", b"k: v\n", None),
                ("data", b'{"j": 2}', "application/json"),
                ("note", b"line", "text/plain"),
                ("blob", b"\x00\x01", "application/octet-stream"),
                ("raw", b"k: v\n", None),
            ]
        },
    )
    yield nats
    nats.stop()


def run(graft, server, expression: str, env: dict | None = None) -> tuple[int, str, str]:
    files = {"a.yml": f"r: '{expression}'\n"}
    environment = {"NATS_URL": server.url, "NATS_RETRIES": "0"} | (env or {})
    return graft("merge", "a.yml", files=files, env=environment)


@pytest.mark.parametrize(
    ("expression", "output"),
    [
        ('(( nats "kv:cfg/plain" ))', "r: hello\n"),
        ('(( nats "kv:cfg/multi" ))', "r:\n  a: 1\n  b:\n  - x\n"),
        ('(( nats "kv:cfg/json1" ))', "r: '{\"q\": 1}'\n"),
        ('(( nats "kv:cfg/empty" ))', 'r: ""\n'),
        ('(( nats "obj:files/conf.yml" ))', "r:\n  k: v\n"),
        ('(( nats "obj:files/data" ))', "r:\n  j: 2\n"),
        ('(( nats "obj:files/note" ))', "r: line\n"),
        ('(( nats "obj:files/blob" ))', "r: AAE=\n"),
        ('(( nats "obj:files/raw" ))', "r: |\n  k: v\n"),
        ('(( nats "KV:cfg/plain" ))', "r: hello\n"),
    ],
)
def test_reads(graft, server, expression, output):
    assert run(graft, server, expression) == (0, output + "\n", "")


def test_a_url_argument_and_a_configuration_map(graft, server):
    expression = '(( nats "kv:cfg/plain" "nats://127.0.0.1:1" ))'
    rc, _, err = run(graft, server, expression)
    assert rc == 2
    assert "failed to connect to NATS after 1 attempts" in err
    files = {
        "a.yml": f"cfg: {{url: '{server.url}', timeout: 2s, retries: 0}}\n"
        'r: (( nats "kv:cfg/plain" cfg ))\n'
    }
    rc, out, _ = graft("merge", "a.yml", files=files, env={"NATS_URL": "nats://127.0.0.1:1"})
    assert (rc, out.splitlines()[-2]) == (0, "r: hello")


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (
            '(( nats "cfg/plain" ))',
            "invalid NATS path format, expected 'kv:store/key' or 'obj:bucket/object'",
        ),
        ('(( nats "xx:cfg/plain" ))', "invalid store type 'xx', must be 'kv' or 'obj'"),
        ('(( nats "kv:" ))', "empty path after store type"),
        ('(( nats "kv:cfg" ))', "invalid KV path format, expected 'store/key'"),
        ('(( nats "obj:files" ))', "invalid Object path format, expected 'bucket/object'"),
        ("(( nats 5 ))", "first argument to nats operator must be a string"),
        ('(( nats "kv:cfg/plain" 5 ))', "second argument must be URL string or configuration map"),
    ],
)
def test_errors(graft, server, expression, message):
    assert run(graft, server, expression) == (2, "", multi_error(f"$.r: {message}"))


def test_a_missing_key_names_the_store(graft, server):
    rc, out, err = run(graft, server, '(( nats "kv:cfg/nope" ))')
    assert (rc, out) == (2, "")
    assert err.startswith(
        "1 error(s) detected:\n - $.r: failed to get key 'nope' from store 'cfg' after 1 attempts: "
    )


def test_redact_contacts_nothing(graft, server):
    env = {"REDACT": "1", "NATS_URL": "nats://127.0.0.1:1"}
    assert run(graft, server, '(( nats "kv:cfg/plain" ))', env) == (0, "r: REDACTED\n\n", "")


def test_parallel_reads_print_what_sequential_reads_print(graft, server):
    keys = ["kv:cfg/plain", "kv:cfg/multi", "obj:files/conf.yml", "obj:files/blob"]
    good = "".join(f'r{n}: (( nats "{keys[n % len(keys)]}" ))\n' for n in range(60))
    bad = good + 'broken: (( nats "kv:cfg/nope" ))\n'
    env = {"NATS_URL": server.url, "NATS_RETRIES": "0"}
    for text in (good, bad):
        sequential = graft("merge", "a.yml", files={"a.yml": text}, env=env)
        if text is good:
            assert sequential[0] == 0 and "r59: AAE=\n" in sequential[1], sequential[2]
        else:
            assert sequential[:2] == (2, "") and "$.broken:" in sequential[2]
        for strategy in ("aggressive", "adaptive"):
            parallel = {
                "GRAFT_PARALLEL": "true",
                "GRAFT_PARALLEL_WORKERS": "8",
                "GRAFT_PARALLEL_STRATEGY": strategy,
            }
            files = {"a.yml": text}
            assert graft("merge", "a.yml", files=files, env=env | parallel) == sequential


def test_a_call_without_arguments(graft):
    files = {"a.yml": "n: (( nats ))\n"}
    expected = multi_error("$.n: nats operator requires at least one argument")
    assert graft("merge", "a.yml", files=files) == (2, "", expected)
