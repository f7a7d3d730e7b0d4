"""``vault`` and ``vault-try`` against a real OpenBao dev server (SPEC §6.26, §6.27)."""

from __future__ import annotations

import pytest

from conftest import multi_error
from servers.vault import TOKEN, VaultServer


@pytest.fixture(scope="module")
def vault():
    server = VaultServer()
    server.put("secret/foo", {"bar": "baz", "multi": "line one\nline two"})
    server.put("secret/typed", {"n": 5})
    server.put("secret/foo/nested", {"x": "deep"})
    server.put("kv1/app", {"pw": "s3cret"})
    yield server
    server.stop()


def run(graft, vault, expression: str, extra: str = "") -> tuple[int, str, str]:
    files = {"a.yml": "meta: {p: secret/foo, k: bar, env: foo}\n" + extra + f"r: '{expression}'\n"}
    return graft("merge", "--cherry-pick", "r", "a.yml", files=files, env=vault.env())


@pytest.mark.parametrize(
    ("expression", "output"),
    [
        ('(( vault "secret/foo:bar" ))', "r: baz\n"),
        ('(( vault "kv1/app:pw" ))', "r: s3cret\n"),
        ('(( vault meta.p ":" meta.k ))', "r: baz\n"),
        ('(( vault "secret/nope:bar" || "default" ))', "r: default\n"),
        ('(( vault "secret/foo:nokey" || "dflt" ))', "r: dflt\n"),
        ('(( vault "secret/nope:x; secret/foo:bar" ))', "r: baz\n"),
        ('(( vault "secret/nope:x" "secret/foo:bar" ))', "r: baz\n"),
        ('(( vault "secret/nope:x" "secret/nope2:bar" "dflt" ))', "r: dflt\n"),
        ('(( vault "secret/nope:x" || nil ))', "r: null\n"),
        ('(( vault "secret/nope:x" || $UNSET_VAR || "z" ))', "r: z\n"),
        ('(( vault (concat "secret/" meta.env ":bar") ))', "r: baz\n"),
        ('(( vault "secret/foo/nested:x" ))', "r: deep\n"),
        ('(( vault "secret/foo:multi" ))', "r: |-\n  line one\n  line two\n"),
        ('(( vault "secret/nope:x" || grab meta.k || "lit" ))', "r: bar\n"),
        ('(( vault-try "secret/nope:x" "secret/foo:bar" "def" ))', "r: baz\n"),
        ('(( vault-try "nocolon" "a:b:c" "dflt" ))', "r: dflt\n"),
    ],
)
def test_reads(graft, vault, expression, output):
    assert run(graft, vault, expression) == (0, output + "\n", "")


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ('(( vault "secret/nope:x" ))', "secret secret/nope:x not found"),
        ('(( vault "secret/foo:nokey" ))', "secret secret/foo:nokey not found"),
        ('(( vault "secret/typed:n" ))', "secret secret/typed:n is not a string"),
        ('(( vault "secret/data/foo:bar" ))', "secret secret/data/foo:bar not found"),
        (
            '(( vault "secret/foo" ))',
            "invalid argument secret/foo; must be in the form path/to/secret:key",
        ),
    ],
)
def test_errors(graft, vault, expression, message):
    assert run(graft, vault, expression) == (2, "", multi_error(f"$.r: {message}"))


def test_a_wrong_token_is_an_error_that_does_not_show_the_token(graft, vault):
    env = vault.env() | {"VAULT_TOKEN": "not-the-token"}
    files = {"a.yml": 'r: (( vault "secret/foo:bar" ))\n'}
    rc, out, err = graft("merge", "a.yml", files=files, env=env)
    assert (rc, out) == (2, "")
    assert err.startswith("1 error(s) detected:\n - $.r: 403")
    assert "not-the-token" not in err and TOKEN not in err


def test_a_server_that_is_down(graft, vault):
    env = vault.env() | {"VAULT_ADDR": "http://127.0.0.1:1"}
    files = {"a.yml": 'r: (( vault "secret/foo:bar" ))\n'}
    rc, out, err = graft("merge", "a.yml", files=files, env=env)
    assert (rc, out) == (2, "")
    assert err.startswith('1 error(s) detected:\n - $.r: Transport Error: Get "http://127.0.0.1:1/')


def test_the_token_file_is_read_when_the_variable_is_unset(graft, vault, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".vault-token").write_text(TOKEN + "\n")
    env = {"VAULT_ADDR": vault.addr, "VAULT_TOKEN": "", "HOME": str(home)}
    files = {"a.yml": 'r: (( vault "secret/foo:bar" ))\n'}
    assert graft("merge", "a.yml", files=files, env=env) == (0, "r: baz\n\n", "")


def test_targets_read_their_own_server(graft, vault):
    env = {
        "VAULT_ADDR": "http://127.0.0.1:1",
        "VAULT_TOKEN": "wrong",
        "VAULT_PROD_ADDR": vault.addr,
        "VAULT_PROD_TOKEN": TOKEN,
        "HOME": vault.home,
    }
    files = {"a.yml": 'r: (( vault@prod "secret/foo:bar" ))\n'}
    assert graft("merge", "a.yml", files=files, env=env) == (0, "r: baz\n\n", "")


def test_each_secret_path_is_read_once_however_many_keys_are_read(graft, vault):
    from servers.http_proxy import CountingProxy

    proxy = CountingProxy(vault.addr)
    try:
        for n in range(5):
            vault.put(f"secret/many/s{n}", {f"k{k}": f"v{n}{k}" for k in range(4)})
        lines = [
            f'r{n}{k}: (( vault "secret/many/s{n}:k{k}" ))' for n in range(5) for k in range(4)
        ]
        files = {"a.yml": "\n".join(lines) + "\n"}
        env = vault.env() | {"VAULT_ADDR": proxy.url}
        rc, out, err = graft("merge", "a.yml", files=files, env=env)
        assert (rc, err) == (0, "")
        assert "r43: v43\n" in out
        secret_reads = [p for p in proxy.counts if p.startswith("/v1/secret/data/")]
        assert sorted(proxy.counts[p] for p in secret_reads) == [1] * 5
        assert proxy.counts["/v1/sys/internal/ui/mounts"] == 1
        assert proxy.total() == 6
    finally:
        proxy.stop()


def test_a_slow_server_times_out(graft, vault):
    from servers.http_proxy import CountingProxy

    proxy = CountingProxy(vault.addr, delay=1.0)
    try:
        env = vault.env() | {"VAULT_ADDR": proxy.url, "VAULT_CLIENT_TIMEOUT": "200ms"}
        files = {"a.yml": 'r: (( vault "secret/foo:bar" ))\n'}
        rc, out, err = graft("merge", "a.yml", files=files, env=env)
        assert (rc, out) == (2, "")
        assert err.startswith("1 error(s) detected:\n - $.r: Transport Error: Get ")
        assert "context deadline exceeded (Client.Timeout exceeded while awaiting headers)" in err
        assert TOKEN not in err
    finally:
        proxy.stop()


@pytest.mark.parametrize(
    ("expression", "output"),
    [
        ('(( vault "secret/foo:" ("nokey" | "bar") ))', "r: baz\n"),
        ('(( vault ( meta.p ":" ("nokey" | "bar") ) ))', "r: baz\n"),
        ('(( vault "secret/" ("nope" | "foo") ":bar" ))', "r: baz\n"),
    ],
)
def test_choices_are_tried_in_order(graft, vault, expression, output):
    assert run(graft, vault, expression) == (0, output + "\n", "")


def test_http_proxy_is_used_for_a_remote_server_and_never_for_loopback(graft, vault):
    from servers.http_proxy import CountingProxy

    proxy = CountingProxy(vault.addr)
    try:
        files = {"a.yml": 'r: (( vault "secret/foo:bar" ))\n'}
        # A name that is never resolved: the proxy forwards to the test server.
        remote = vault.env() | {"VAULT_ADDR": "http://vault.example.test:8200"}
        env = remote | {"HTTP_PROXY": proxy.url}
        assert graft("merge", "a.yml", files=files, env=env) == (0, "r: baz\n\n", "")
        assert proxy.counts["http://vault.example.test:8200/v1/secret/data/foo"] == 1
        proxy.reset()
        local = vault.env() | {"HTTP_PROXY": proxy.url}
        assert graft("merge", "a.yml", files=files, env=local) == (0, "r: baz\n\n", "")
        assert proxy.total() == 0
    finally:
        proxy.stop()


@pytest.mark.parametrize(
    ("env", "host", "expected"),
    [
        ({"HTTP_PROXY": "http://proxy:3128"}, "vault.corp:8200", "proxy:3128"),
        ({"http_proxy": "proxy:3128"}, "vault.corp:8200", "proxy:3128"),
        ({"HTTP_PROXY": "http://user:pw@proxy:3128/"}, "vault.corp", "proxy:3128"),
        ({"HTTP_PROXY": "http://proxy:3128"}, "127.0.0.1:8200", None),
        ({"HTTP_PROXY": "http://proxy:3128"}, "localhost:8200", None),
        ({"HTTP_PROXY": "http://proxy:3128"}, "[::1]:8200", None),
        ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "corp"}, "vault.corp:8200", None),
        ({"HTTP_PROXY": "http://proxy:3128", "no_proxy": ".corp"}, "vault.corp", None),
        ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "*"}, "vault.corp", None),
        ({"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "other"}, "vault.corp", "proxy:3128"),
        ({"HTTPS_PROXY": "http://proxy:3128"}, "vault.corp", None),  # http needs HTTP_PROXY
    ],
)
def test_which_proxy(monkeypatch, env, host, expected):
    from graft.sources.vault import proxy_for

    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert proxy_for("http", host) == expected


@pytest.fixture(scope="module")
def tls_vault():
    server = VaultServer(tls=True)
    server.put("secret/foo", {"bar": "baz"})
    for n in range(20):
        server.put(f"secret/many/s{n}", {"v": f"value-{n}"})
    yield server
    server.stop()


def test_https_with_the_servers_ca(graft, tls_vault):
    files = {"a.yml": 'r: (( vault "secret/foo:bar" ))\n'}
    env = tls_vault.env() | {"VAULT_CACERT": tls_vault.ca_file}
    assert graft("merge", "a.yml", files=files, env=env) == (0, "r: baz\n\n", "")
    skip = tls_vault.env() | {"VAULT_SKIP_VERIFY": "1"}
    assert graft("merge", "a.yml", files=files, env=skip) == (0, "r: baz\n\n", "")
    rc, out, err = graft("merge", "a.yml", files=files, env=tls_vault.env())
    assert (rc, out) == (2, "")
    assert f'$.r: Transport Error: Get "{tls_vault.addr}/v1/sys/internal/ui/mounts"' in err
    assert "CERTIFICATE_VERIFY_FAILED" in err


def test_https_reads_in_parallel_keep_their_connections(graft, tls_vault):
    text = "".join(f'r{n}: (( vault "secret/many/s{n}:v" ))\n' for n in range(20))
    env = tls_vault.env() | {"VAULT_CACERT": tls_vault.ca_file}
    sequential = graft("merge", "a.yml", files={"a.yml": text}, env=env)
    assert sequential[0] == 0 and "r19: value-19\n" in sequential[1]
    parallel = env | {"GRAFT_PARALLEL": "true", "GRAFT_PARALLEL_WORKERS": "4"}
    assert graft("merge", "a.yml", files={"a.yml": text}, env=parallel) == sequential


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("(( vault ))", "vault operator requires at least one argument"),
        ('(( vault "" ))', "invalid argument ; must be in the form path/to/secret:key"),
    ],
)
def test_a_call_without_a_path(graft, vault, expression, message):
    assert run(graft, vault, expression) == (2, "", multi_error(f"$.r: {message}"))


def test_a_reference_among_several_paths_is_resolved_first(graft, vault):
    # found by the fuzz tests: in multi-path mode a reference was read as a literal
    # (internal error); it is resolved like any argument, and its error is reported
    files = {"a.yml": 'a: 1\nb: (( vault a[0] "secret/foo:bar" "secret/c:d" ))\n'}
    expected = multi_error(
        "$.b: Unable to resolve `a.0`: $.a [=1] is a scalar (not a map or a list)"
    )
    assert graft("merge", "a.yml", files=files, env=vault.env()) == (2, "", expected)
    files = {"a.yml": 'p: secret/nope:x\nb: (( vault p "secret/foo:bar" "secret/c:d" ))\n'}
    assert graft("merge", "--cherry-pick", "b", "a.yml", files=files, env=vault.env()) == (
        0,
        "b: baz\n\n",
        "",
    )
