"""``awsparam`` and ``awssecret`` against a real moto server (SPEC §6.1)."""

from __future__ import annotations

import pytest

from conftest import multi_error
from servers.aws import AwsServer


@pytest.fixture(scope="module")
def aws():
    server = AwsServer()
    ssm = server.client("ssm")
    ssm.put_parameter(Name="/app/plain", Value="hello", Type="String")
    ssm.put_parameter(Name="/app/secure", Value="s3cret", Type="SecureString")
    ssm.put_parameter(Name="/app/yaml", Value="user: admin\nport: 5432\n", Type="String")
    secrets = server.client("secretsmanager")
    secrets.create_secret(Name="db", SecretString='{"password": "p1"}')
    version = secrets.put_secret_value(
        SecretId="db", SecretString='{"password": "p2"}', VersionStages=["NEXT"]
    )
    server.db_version = version["VersionId"]
    yield server
    server.stop()


def run(graft, aws, expression: str, env: dict | None = None) -> tuple[int, str, str]:
    files = {"a.yml": f"meta: {{app: app}}\nr: '{expression}'\n"}
    environment = aws.env() | (env or {})
    return graft("merge", "--cherry-pick", "r", "a.yml", files=files, env=environment)


@pytest.mark.parametrize(
    ("expression", "output"),
    [
        ('(( awsparam "/app/plain" ))', "r: hello\n"),
        ('(( awsparam "/app/secure" ))', "r: s3cret\n"),
        ('(( awsparam "/" meta.app "/plain" ))', "r: hello\n"),
        ('(( awsparam "/app/yaml?key=port" ))', 'r: "5432"\n'),
        ('(( awssecret "db?key=password" ))', "r: p1\n"),
        ('(( awssecret "db?key=password&stage=NEXT" ))', "r: p2\n"),
        ('(( awssecret "db" ))', 'r: \'{"password": "p1"}\'\n'),
    ],
)
def test_reads(graft, aws, expression, output):
    assert run(graft, aws, expression) == (0, output + "\n", "")


def test_a_secret_version_by_id(graft, aws):
    expression = f'(( awssecret "db?key=password&version={aws.db_version}" ))'
    assert run(graft, aws, expression) == (0, "r: p2\n\n", "")


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("(( awsparam ))", "awsparam operator requires at least one argument"),
        (
            "(( awsparam meta ))",
            "awsparam operator argument is a map; only scalars are supported here",
        ),
        ("(( awssecret nil ))", "awssecret operator argument cannot be nil"),
        ('(( awsparam "/app/yaml?key=nope" ))', "$./app/yaml invalid key 'nope'"),
        ('(( awsparam "/x?key=%zz" ))', 'invalid argument string: invalid URL escape "%zz"'),
    ],
)
def test_errors(graft, aws, expression, message):
    assert run(graft, aws, expression) == (2, "", multi_error(f"$.r: {message}"))


def test_a_missing_parameter_names_it(graft, aws):
    rc, out, err = run(graft, aws, '(( awsparam "/app/nope" ))')
    assert (rc, out) == (2, "")
    assert err.startswith("1 error(s) detected:\n - $.r: $./app/nope error fetching awsparam: ")
    assert "ParameterNotFound" in err


def test_redact_contacts_nothing(graft, aws):
    env = {"REDACT": "yes", "AWS_ENDPOINT_URL": "http://127.0.0.1:1"}
    assert run(graft, aws, '(( awsparam "/app/plain" ))', env) == (0, "r: REDACTED\n\n", "")


def test_targets_use_their_own_settings(graft, aws):
    env = {"AWS_ENDPOINT_URL": "http://127.0.0.1:1", "AWS_PROD_ENDPOINT_URL": aws.url}
    assert run(graft, aws, '(( awsparam@prod "/app/plain" ))', env) == (0, "r: hello\n\n", "")
