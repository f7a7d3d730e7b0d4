"""Back ends that fail in every way a network peer can (issue 9): answers that are
not JSON, cut short, of the wrong shape; connections closed, reset, refused or
never answered. Every failure of a fetch reaches every site that reads it as a
``$.path`` error in graft's report (exit 2, nothing on stdout), in Go's words,
however the run is executed; no wait lasts for ever.

Real servers: OpenBao, moto and nats-server; a ``FaultServer`` on loopback is
the peer that misbehaves (alone, or in front of the real server).
"""

from __future__ import annotations

import errno
import re
import socket
import threading
import time

import pytest

from conftest import multi_error
from servers import free_port
from servers.aws import AwsServer
from servers.http_proxy import CLOSE, GARBAGE, HANG, RESET, Answer, FaultServer
from servers.nats import NatsServer
from servers.vault import TOKEN, VaultServer

# How a run is executed: each must report exactly what the sequential run reports.
MODES = {
    "sequential": {},
    "parallel-16": {"GRAFT_PARALLEL": "true", "GRAFT_PARALLEL_WORKERS": "16"},
    "parallel-64": {"GRAFT_PARALLEL": "true", "GRAFT_PARALLEL_WORKERS": "64"},
    "parallel-64-batch": {
        "GRAFT_PARALLEL": "true",
        "GRAFT_PARALLEL_WORKERS": "64",
        "GRAFT_BATCH": "true",
    },
}
FEW_MODES = ("sequential", "parallel-64")
SITES = 200  # operator sites of the stress documents
PATHS = 50  # secret paths they read (so several sites share each path)
HTML = Answer(200, b"<html><body>proxy error</body></html>", "text/html")
NOT_JSON = "invalid character '<' looking for beginning of value"


def expected_report(messages: dict[str, str]) -> str:
    """graft's report of one error per site (``{"r0": message, ...}``)."""
    return multi_error(*sorted(f"$.{site}: {text}" for site, text in messages.items()))


def assert_report(result: tuple[int, str, str], messages: dict[str, str]) -> None:
    rc, out, err = result
    assert "internal error" not in err and "Traceback" not in err
    assert (rc, out, err) == (2, "", expected_report(messages))


# --- Vault ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def vault():
    server = VaultServer()
    for n in range(PATHS):
        server.put(f"secret/p{n}", {f"k{k}": f"v{n}-{k}" for k in range(4)})
    yield server
    server.stop()


def vault_reads(count: int = SITES) -> str:
    return "".join(
        f'r{n}: (( vault "secret/p{n % PATHS}:k{n // PATHS % 4}" ))\n' for n in range(count)
    )


def run_vault(graft, addr: str, mode: str, text: str | None = None, **env: str):
    environment = {"VAULT_ADDR": addr, "VAULT_TOKEN": TOKEN, "HOME": "/nonexistent"}
    environment |= MODES[mode] | env
    files = {"a.yml": vault_reads() if text is None else text}
    return graft("merge", "a.yml", files=files, env=environment, timeout=120)


@pytest.mark.parametrize("mode", MODES)
def test_vault_behind_a_proxy_that_answers_200_with_html(graft, vault, mode):
    """The mount table comes from the real server; every secret read gets a page
    that is not JSON: each of the 200 sites reports it, each path is read once."""
    server = FaultServer(lambda r: HTML if "/secret/data/" in r.path else None, vault.addr)
    try:
        result = run_vault(graft, server.url, mode)
        assert_report(result, {f"r{n}": NOT_JSON for n in range(SITES)})
        reads = {path: n for path, n in server.counts.items() if "/secret/data/" in path}
        assert sorted(reads.values()) == [1] * PATHS
    finally:
        server.stop()


@pytest.mark.parametrize("mode", MODES)
def test_vault_that_answers_200_with_html_to_everything(graft, mode):
    server = FaultServer(lambda r: HTML)
    try:
        result = run_vault(graft, server.url, mode)
        assert_report(result, {f"r{n}": NOT_JSON for n in range(SITES)})
        assert server.total() == 1  # the mount table, once: its failure reaches every site
    finally:
        server.stop()


MOUNTS = "/v1/sys/internal/ui/mounts"


@pytest.mark.parametrize("mode", FEW_MODES)
@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (Answer(200, b""), "EOF"),
        (Answer(200, b'{"data": {"secret": {"se', length=400), "unexpected EOF"),
        (CLOSE, 'Transport Error: Get "{url}{mounts}": EOF'),
        (
            GARBAGE,
            'Transport Error: Get "{url}{mounts}": net/http: HTTP/1.x transport connection '
            'broken: malformed HTTP response "SSH-2.0-OpenSSH_9.6"',
        ),
        (
            Answer(502, b"<html>Bad Gateway</html>", "text/html"),
            "Could not parse response body as JSON, and returned Content-Type is "
            "`text/html'. Client may not be reaching Vault",
        ),
        (Answer(200, b"[1, 2]"), "json: cannot unmarshal array into Go value of type {map}"),
        (
            Answer(200, b'{"data": {"secret": []}}'),
            "json: cannot unmarshal array into Go struct field data.secret of type {map}",
        ),
        (Answer(200, b'{"data": {"a" 1}}'), "invalid character '1' after object key"),
        (Answer(200, b'{"data": [1 2]}'), "invalid character '2' after array element"),
        (Answer(200, b'{"data": {"a": "\x01"}}'), "invalid character '\\x01' in string literal"),
    ],
    ids=[
        "empty",
        "truncated",
        "closed",
        "not-http",
        "html-502",
        "array",
        "wrong-shape",
        "bad-object",
        "bad-array",
        "control-char",
    ],
)
def test_vault_faults_are_errors_of_every_site(graft, mode, fault, message):
    server = FaultServer(lambda r: fault)
    try:
        text = message.format(url=server.url, mounts=MOUNTS, map="map[string]interface {}")
        result = run_vault(graft, server.url, mode, VAULT_CLIENT_TIMEOUT="2s")
        assert_report(result, {f"r{n}": text for n in range(SITES)})
    finally:
        server.stop()


@pytest.mark.parametrize("mode", FEW_MODES)
def test_vault_secret_of_the_wrong_shape(graft, vault, mode):
    """A secret whose data is not a map, from a proxy in front of the real server."""
    bad = Answer(200, b'{"data": {"data": "a string"}}')
    server = FaultServer(lambda r: bad if "/secret/data/p1" in r.path else None, vault.addr)
    try:
        text = 'ok: (( vault "secret/p0:k0" ))\nr1: (( vault "secret/p1:k0" ))\n'
        text += 'r11: (( vault "secret/p1:k1" ))\n'
        rc, out, err = run_vault(graft, server.url, mode, text)
        message = "json: cannot unmarshal string into Go struct field data of type "
        message += "map[string]interface {}"
        assert (rc, out, err) == (2, "", expected_report({"r1": message, "r11": message}))
    finally:
        server.stop()


@pytest.mark.parametrize("mode", FEW_MODES)
def test_vault_connection_reset(graft, mode):
    server = FaultServer(lambda r: RESET)
    try:
        rc, out, err = run_vault(graft, server.url, mode)
        assert (rc, out) == (2, "")
        lines = err.splitlines()
        assert lines[0] == f"{SITES} error(s) detected:"
        port = server.url.rsplit(":", 1)[1]
        pattern = (
            rf' - \$\.r\d+: Transport Error: Get "{re.escape(server.url + MOUNTS)}": '
            rf"read tcp 127\.0\.0\.1:\d+->127\.0\.0\.1:{port}: read: connection reset by peer"
        )
        assert all(re.fullmatch(pattern, line) for line in lines[1 : SITES + 1]), lines[:3]
        assert "Traceback" not in err
    finally:
        server.stop()


@pytest.mark.parametrize("mode", MODES)
def test_vault_that_never_answers_times_out_everywhere(graft, mode):
    """No answer at all: each request ends at its deadline, every site reports it."""
    server = FaultServer(lambda r: HANG)
    try:
        started = time.monotonic()
        result = run_vault(graft, server.url, mode, VAULT_CLIENT_TIMEOUT="300ms")
        message = (
            f'Transport Error: Get "{server.url}{MOUNTS}": '
            "context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
        )
        assert_report(result, {f"r{n}": message for n in range(SITES)})
        assert time.monotonic() - started < 60  # three tries of 300 ms, not for ever
    finally:
        server.stop()


def test_vault_body_that_trickles_past_the_deadline(graft):
    """Each piece of the body comes in time, the whole does not: the deadline is
    the request's, not each read's."""
    mounts = b'{"data": {"secret": {"secret/": {"options": {"version": "2"}}}}}'
    slow = Answer(200, mounts + b" " * 40, chunks=20, pause=0.1)
    server = FaultServer(lambda r: slow)
    try:
        text = 'r: (( vault "secret/p:k" ))\n'
        result = run_vault(graft, server.url, "sequential", text, VAULT_CLIENT_TIMEOUT="500ms")
        message = (
            "context deadline exceeded (Client.Timeout or context cancellation while reading body)"
        )
        assert_report(result, {"r": message})
    finally:
        server.stop()


@pytest.mark.parametrize("mode", FEW_MODES)
def test_vault_on_a_closed_port_says_what_go_says(graft, mode):
    port = free_port()
    result = run_vault(graft, f"http://127.0.0.1:{port}", mode)
    message = (
        f'Transport Error: Get "http://127.0.0.1:{port}{MOUNTS}": '
        f"dial tcp 127.0.0.1:{port}: connect: connection refused"
    )
    assert_report(result, {f"r{n}": message for n in range(SITES)})


def test_vault_failures_never_show_the_token(graft):
    server = FaultServer(lambda r: HTML if "mounts" in r.path else RESET)
    try:
        for fault_env in ({"DEBUG": "1"}, {"TRACE": "1"}, MODES["parallel-64-batch"]):
            rc, out, err = run_vault(graft, server.url, "sequential", **fault_env)
            assert (rc, out) == (2, "")
            assert TOKEN not in err and TOKEN not in out
    finally:
        server.stop()


# --- AWS -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def aws():
    server = AwsServer()
    ssm = server.client("ssm")
    ssm.put_parameter(Name="/app/ok", Value="user: admin\n", Type="String")
    ssm.put_parameter(Name="/app/broken", Value="a: [1, \n", Type="String")
    ssm.put_parameter(Name="/app/list", Value="- a\n- b\n", Type="String")
    secrets = server.client("secretsmanager")
    secrets.create_secret(Name="text", SecretString="just some text")
    secrets.create_secret(Name="broken", SecretString='{"a": [1, }')
    secrets.create_secret(Name="binary", SecretBinary=b"a: \xff\n")
    secrets.create_secret(Name="raw", SecretBinary=b"\xff\xfe")
    yield server
    server.stop()


def aws_env(endpoint: str, mode: str) -> dict[str, str]:
    env = {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/nonexistent",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
        "AWS_MAX_ATTEMPTS": "1",
    }
    return env | MODES[mode]


@pytest.mark.parametrize("mode", MODES)
def test_aws_values_that_do_not_decode_as_asked(graft, aws, mode):
    """Values the ``key=`` lookup cannot read, from the real (moto) server; each
    read by several sites at once."""
    cases = {
        '"/app/broken?key=a"': (
            "awsparam",
            "$./app/broken error extracting key: /app/broken: parse_error: "
            "failed to parse YAML: line 2, column 1: "
            "did not find expected node content",
        ),
        '"/app/list?key=a"': ("awsparam", "$./app/list invalid key 'a'"),
        '"text?key=a"': ("awssecret", "$.text invalid key 'a'"),
        '"broken?key=a"': (
            "awssecret",
            "$.broken error extracting key: broken: parse_error: "
            "failed to parse YAML: line 1, column 11: "
            "did not find expected node content",
        ),
        '"binary?key=a"': (
            "awssecret",
            "$.binary error extracting key: binary: parse_error: "
            "failed to parse YAML: line 1, column 4: invalid leading UTF-8 octet (#xff)",
        ),
    }
    lines, messages = [], {}
    for n in range(10):
        for i, (argument, (operator, message)) in enumerate(cases.items()):
            site = f"r{n}x{i}"
            lines.append(f"{site}: (( {operator} {argument} ))\n")
            messages[site] = message
    lines.append('fine: (( awsparam "/app/ok?key=user" ))\n')
    files = {"a.yml": "".join(lines)}
    result = graft("merge", "a.yml", files=files, env=aws_env(aws.url, mode), timeout=120)
    assert_report(result, messages)


def test_aws_binary_secret_that_is_not_text_is_written_as_binary(graft, aws):
    files = {"a.yml": 'r: (( awssecret "raw" ))\n'}
    env = aws_env(aws.url, "sequential")
    assert graft("merge", "a.yml", files=files, env=env) == (0, "r: !!binary //4=\n\n", "")


SERIALIZATION = "SerializationError: failed decoding JSON RPC response\ncaused by: "


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("fault", "param", "secret"),
    [
        (HTML, NOT_JSON, NOT_JSON),
        (Answer(200, b'{"Parameter": {"Val', length=300), "unexpected EOF", "unexpected EOF"),
        (
            Answer(200, b"[]"),
            "json: cannot unmarshal array into Go value of type struct",
            "json: cannot unmarshal array into Go value of type struct",
        ),
        (
            Answer(200, b"{}"),
            "the answer has no Parameter.Value",
            "the answer has no SecretString or SecretBinary",
        ),
        (
            Answer(200, b'{"Parameter": {"Value": 5}, "SecretString": 5}'),
            "json: cannot unmarshal number into Go struct field Parameter.Value of type string",
            "json: cannot unmarshal number into Go struct field "
            "GetSecretValueOutput.SecretString of type string",
        ),
    ],
    ids=["html", "truncated", "array", "empty-object", "number"],
)
def test_aws_answers_of_the_wrong_shape(graft, mode, fault, param, secret):
    server = FaultServer(lambda r: fault)
    try:
        lines, messages = [], {}
        for n in range(SITES):
            operator = "awsparam" if n % 2 else "awssecret"
            lines.append(f'r{n}: (( {operator} "/p{n % PATHS}" ))\n')
            detail = param if n % 2 else secret
            messages[f"r{n}"] = (
                f"$./p{n % PATHS} error fetching {operator}: {SERIALIZATION}{detail}"
            )
        files = {"a.yml": "".join(lines)}
        result = graft("merge", "a.yml", files=files, env=aws_env(server.url, mode), timeout=120)
        assert_report(result, messages)
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        (CLOSE, "EOF"),
        (
            GARBAGE,
            "net/http: HTTP/1.x transport connection broken: "
            'malformed HTTP response "SSH-2.0-OpenSSH_9.6"',
        ),
        (RESET, "read tcp {host}: read: connection reset by peer"),
    ],
    ids=["closed", "not-http", "reset"],
)
def test_aws_connections_that_fail(graft, fault, cause):
    server = FaultServer(lambda r: fault)
    try:
        host = server.url.partition("://")[2]
        files = {"a.yml": 'r: (( awsparam "/p" ))\n'}
        result = graft("merge", "a.yml", files=files, env=aws_env(server.url, "sequential"))
        message = (
            "$./p error fetching awsparam: RequestError: send request failed\n"
            f'caused by: Post "{server.url}/": {cause.format(host=host)}'
        )
        assert_report(result, {"r": message})
    finally:
        server.stop()


def test_aws_on_a_closed_port_says_what_go_says(graft):
    port = free_port()
    files = {"a.yml": 'r: (( awsparam "/p" ))\n'}
    result = graft(
        "merge", "a.yml", files=files, env=aws_env(f"http://127.0.0.1:{port}", "sequential")
    )
    message = (
        "$./p error fetching awsparam: RequestError: send request failed\n"
        f'caused by: Post "http://127.0.0.1:{port}/": '
        f"dial tcp 127.0.0.1:{port}: connect: connection refused"
    )
    assert_report(result, {"r": message})


# --- NATS ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nats_server():
    server = NatsServer()
    server.seed(
        kv={"cfg": {"bytes": b"\xff\xfe", "notyaml": b"a: [1,\nb: 2\n", "ok": b"fine"}},
        objects={
            "files": [
                ("bad.json", b'{"a": [1, }', "application/json"),
                ("bad.yaml", b"a: [1,\n", "text/yaml"),
                ("fallback.yml", b"a: [1,\n", None),
                ("good.json", b'{"a": 1}', "application/json"),
            ]
        },
    )
    yield server
    server.stop()


@pytest.mark.parametrize("mode", MODES)
def test_nats_values_that_do_not_decode_as_the_content_type_says(graft, nats_server, mode):
    lines, messages = [], {}
    for n in range(20):
        lines.append(f'j{n}: (( nats "obj:files/bad.json" ))\n')
        messages[f"j{n}"] = (
            "failed to parse JSON from object 'bad.json': line 1, column 11: "
            "did not find expected node content"
        )
        lines.append(f'y{n}: (( nats "obj:files/bad.yaml" ))\n')
        messages[f"y{n}"] = (
            "failed to parse YAML from object 'bad.yaml': line 2, column 1: "
            "did not find expected node content"
        )
        lines.append(f'g{n}: (( nats "obj:files/good.json" ))\n')
    env = {"NATS_URL": nats_server.url, "NATS_RETRIES": "0"} | MODES[mode]
    files = {"a.yml": "".join(lines)}
    assert_report(graft("merge", "a.yml", files=files, env=env, timeout=120), messages)


def test_nats_values_that_are_not_yaml_or_not_text(graft, nats_server):
    """Go's rules: a KV value or a ``.yml`` object that is not YAML stays text; bytes
    that are not UTF-8 are written as YAML binary, as Go's YAML writer does."""
    files = {
        "a.yml": 'b: (( nats "kv:cfg/bytes" ))\nt: (( nats "kv:cfg/notyaml" ))\n'
        'f: (( nats "obj:files/fallback.yml" ))\n'
    }
    env = {"NATS_URL": nats_server.url, "NATS_RETRIES": "0"}
    rc, out, err = graft("merge", "a.yml", files=files, env=env)
    assert (rc, err) == (0, "")
    assert out == "b: !!binary //4=\nf: |\n  a: [1,\nt: |\n  a: [1,\n  b: 2\n\n"


def test_nats_on_a_closed_port_fails_in_about_the_timeout(graft):
    port = free_port()
    files = {"a.yml": "".join(f'r{n}: (( nats "kv:cfg/k{n}" ))\n' for n in range(SITES))}
    for mode in FEW_MODES:
        env = {"NATS_URL": f"nats://127.0.0.1:{port}", "NATS_TIMEOUT": "1s", "NATS_RETRIES": "0"}
        started = time.monotonic()
        result = graft("merge", "a.yml", files=files, env=env | MODES[mode], timeout=60)
        elapsed = time.monotonic() - started
        message = (
            "failed to connect to NATS after 1 attempts: nats: no servers available for connection"
        )
        assert_report(result, {f"r{n}": message for n in range(SITES)})
        assert elapsed < 5, elapsed  # was 6.4 s for one site


def test_nats_server_that_never_speaks_fails_after_the_timeout(graft):
    """A port that accepts connections and says nothing (no NATS INFO)."""
    silent = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        silent.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(silent.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        port = silent.getsockname()[1]
        env = {"NATS_URL": f"nats://127.0.0.1:{port}", "NATS_TIMEOUT": "1s", "NATS_RETRIES": "0"}
        files = {"a.yml": 'r: (( nats "kv:cfg/k" ))\n'}
        started = time.monotonic()
        result = graft("merge", "a.yml", files=files, env=env, timeout=60)
        assert_report(result, {"r": "failed to connect to NATS after 1 attempts: nats: timeout"})
        assert time.monotonic() - started < 6
    finally:
        stop.set()
        thread.join(5)
        silent.close()
        for conn in accepted:
            conn.close()


# --- the mechanism, in process -------------------------------------------------------


def test_once_hands_any_failure_to_every_waiter():
    from graft.sources import SourceError
    from graft.sources.once import Once

    once = Once(SourceError, 10, describe=lambda error: f"described: {type(error).__name__}")
    release = threading.Event()
    outcomes: list[str] = []

    def compute() -> object:
        release.wait(5)
        raise ValueError("not JSON")

    def ask() -> None:
        try:
            once.get("k", compute)
        except SourceError as error:
            outcomes.append(error.message)

    threads = [threading.Thread(target=ask) for _ in range(20)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    release.set()
    for thread in threads:
        thread.join(10)
    assert outcomes == ["described: ValueError"] * 20
    with pytest.raises(SourceError, match="described: ValueError"):
        once.get("k", lambda: "never computed again")


def test_once_wait_that_expires_is_the_sources_error():
    from graft.sources import SourceError
    from graft.sources.once import Once

    once = Once(SourceError, 0.3, expired=lambda key: f"no answer for {key}")
    release = threading.Event()
    owner = threading.Thread(target=lambda: once.get("slow", lambda: release.wait(10)))
    owner.start()
    time.sleep(0.1)
    started = time.monotonic()
    with pytest.raises(SourceError, match="no answer for slow"):
        once.get("slow", lambda: "not called")
    assert time.monotonic() - started < 5
    release.set()
    owner.join(10)
    assert once.get("slow", lambda: "not called") is True


def test_pool_task_waits_have_a_bound():
    from graft.evaluate.pool import Pool, TaskTimeout

    pool = Pool(2)
    release = threading.Event()
    task = pool.submit(release.wait, 10)
    with pytest.raises(TaskTimeout, match="did not end within 200ms"):
        task.result(0.2)
    quiet = pool.submit(release.wait, 10, quiet=True)
    assert quiet.result(0.2) is None
    failing = pool.submit(int, "x", quiet=True)
    assert failing.result(5) is None
    release.set()
    assert task.result(5) is True
    pool.shutdown(wait=True)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (ConnectionRefusedError(errno.ECONNREFUSED, "x"), "connect: connection refused"),
        (OSError(errno.EHOSTUNREACH, "x"), "connect: no route to host"),
        (OSError(errno.ENETUNREACH, "x"), "connect: network is unreachable"),
        (TimeoutError(errno.ETIMEDOUT, "x"), "connect: connection timed out"),
        (TimeoutError("timed out"), "i/o timeout"),
    ],
    ids=["refused", "no-route", "unreachable", "kernel-timeout", "timeout"],
)
def test_dial_errors_in_gos_words(error, message):
    """The wording of failures no loopback test can provoke (nothing is sent)."""
    from graft.sources import dial_error

    assert dial_error("10.0.0.1:8200", error) == f"dial tcp 10.0.0.1:8200: {message}"


def test_a_name_that_does_not_resolve_in_gos_words():
    from graft.sources import dial_error

    error = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert dial_error("vault.example.test:8200", error) == (
        "dial tcp: lookup vault.example.test: no such host"
    )
