"""AWS Systems Manager parameters and Secrets Manager secrets through boto3
(docs/operators.md#awsparam, D6).

boto3 is imported on first use. One session per run and target, built from
``AWS_PROFILE``, ``AWS_REGION`` and ``AWS_ROLE`` (a role to assume), or
``AWS_<TARGET>_*`` for a target, plus boto3's usual sources (credentials
files, ``AWS_ACCESS_KEY_ID``, ``AWS_ENDPOINT_URL``). Every value is read
once per run, however many operators ask for it at the same time.

Every failure is an ``AwsError`` in the words of Go's AWS SDK: a request that
fails is ``RequestError: send request failed`` caused by what Go's HTTP client
says (``dial tcp 127.0.0.1:1: connect: connection refused``); an answer that is
not the JSON asked for is a ``SerializationError``.
"""

from __future__ import annotations

import os
import threading

from graft.sources import (
    JSONError,
    SourceError,
    decode_json,
    dial_error,
    errno_text,
    unmarshal_error,
)
from graft.sources.once import Once

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    from graft.state import RunState


class AwsError(SourceError):
    pass


# botocore's timeouts (its defaults, set so the bound below follows them) and
# the longest pause of its retries (standard mode).
CONNECT_TIMEOUT = 60.0
READ_TIMEOUT = 60.0
MAX_BACKOFF = 20.0

SERIALIZATION = "SerializationError: failed decoding JSON RPC response\ncaused by: "


def _attempts() -> int:
    try:
        return max(1, int(os.environ.get("AWS_MAX_ATTEMPTS", "") or 3))
    except ValueError:
        return 3


class Aws:
    """The clients and cached values of one run for one target."""

    def __init__(self, target: str | None) -> None:
        self.target = target
        self._session: Any = None
        self._lock = threading.Lock()
        attempts = _attempts()
        call = attempts * (CONNECT_TIMEOUT + READ_TIMEOUT) + (attempts - 1) * MAX_BACKOFF
        # A value may wait for a client (which may assume a role) and then its call.
        bound = 3 * call + 5.0
        self._clients = Once(AwsError, bound, describe=_describe)
        self.values = Once(AwsError, bound, describe=_describe, expired=self._no_answer)

    def _no_answer(self, key: tuple) -> str:
        from graft.gofmt import format_duration

        return f"no answer from AWS for {key[1]} within {format_duration(self.values.bound)}"

    def _setting(self, name: str) -> str | None:
        if self.target:
            value = os.environ.get(f"AWS_{self.target.upper().replace('-', '_')}_{name}")
            if value:
                return value
        return os.environ.get(f"AWS_{name}") or None

    def client(self, service: str) -> Any:
        return self._clients.get(service, lambda: self._make_client(service))

    def _make_client(self, service: str) -> Any:
        import boto3  # a large import: only for documents that read AWS
        from botocore.config import Config

        with self._lock:
            if self._session is None:
                session = boto3.session.Session(
                    profile_name=self._setting("PROFILE"),
                    region_name=self._setting("REGION") or os.environ.get("AWS_DEFAULT_REGION"),
                    aws_access_key_id=self._setting("ACCESS_KEY_ID"),
                    aws_secret_access_key=self._setting("SECRET_ACCESS_KEY"),
                    aws_session_token=self._setting("SESSION_TOKEN"),
                )
                role = self._setting("ROLE")
                self._session = self._assume(session, role) if role else session
            session = self._session
        config = Config(connect_timeout=CONNECT_TIMEOUT, read_timeout=READ_TIMEOUT)
        client = session.client(service, endpoint_url=self._setting("ENDPOINT_URL"), config=config)
        client.meta.events.register("before-parse", _check_answer)
        return client

    def _assume(self, session: Any, role: str) -> Any:
        import boto3

        sts = session.client("sts", endpoint_url=self._setting("ENDPOINT_URL"))
        credentials = sts.assume_role(RoleArn=role, RoleSessionName="graft")["Credentials"]
        return boto3.session.Session(
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
            region_name=session.region_name,
        )

    def parameter(self, name: str) -> str:
        def fetch() -> str:
            try:
                reply = self.client("ssm").get_parameter(Name=name, WithDecryption=True)
            except Exception as error:  # botocore's errors: reported, never a traceback
                raise AwsError(_describe(error)) from None
            parameter = reply.get("Parameter")
            value = parameter.get("Value") if type(parameter) is dict else None
            if value is None:
                raise AwsError(SERIALIZATION + "the answer has no Parameter.Value")
            if type(value) is not str:
                raise AwsError(SERIALIZATION + unmarshal_error(value, "string", "Parameter.Value"))
            return value

        return self.values.get(("ssm", name), fetch)

    def parameters(self, names: list[str]) -> None:
        """Fetch up to ten parameters in one ``GetParameters`` call into the cache;
        names it does not return are left for ``parameter`` to report."""
        try:
            reply = self.client("ssm").get_parameters(Names=names, WithDecryption=True)
        except Exception:  # the sites' own requests will report what went wrong
            return
        found = reply.get("Parameters")
        for parameter in found if type(found) is list else []:
            if type(parameter) is dict:
                name, value = parameter.get("Name"), parameter.get("Value")
                if type(name) is str and type(value) is str:
                    self.values.put(("ssm", name), value)

    def secret(self, secret_id: str, stage: str | None, version: str | None) -> str:
        def fetch() -> str:
            arguments: dict[str, str] = {"SecretId": secret_id}
            if stage:
                arguments["VersionStage"] = stage
            elif version:
                arguments["VersionId"] = version
            try:
                reply = self.client("secretsmanager").get_secret_value(**arguments)
            except Exception as error:  # botocore's errors: reported, never a traceback
                raise AwsError(_describe(error)) from None
            text = reply.get("SecretString")
            if text is not None:
                if type(text) is not str:
                    field = "GetSecretValueOutput.SecretString"
                    raise AwsError(SERIALIZATION + unmarshal_error(text, "string", field))
                return text
            binary = reply.get("SecretBinary")
            if type(binary) is not bytes:
                raise AwsError(SERIALIZATION + "the answer has no SecretString or SecretBinary")
            return binary.decode("utf-8", "surrogateescape")

        # Keyed by stage and version too (graft keys by id alone and can mix them up).
        return self.values.get(("secret", secret_id, stage, version), fetch)


def _check_answer(response_dict: dict, **_: Any) -> None:
    """Before botocore parses an answer of a JSON API: a successful answer must be a
    JSON object (botocore would read anything else as an empty answer)."""
    status = response_dict.get("status_code") or 0
    body = response_dict.get("body")
    if not 200 <= status < 300 or type(body) is not bytes:
        return
    try:
        value = decode_json(body)
    except JSONError as error:
        raise AwsError(SERIALIZATION + str(error)) from None
    if type(value) is not dict:
        raise AwsError(SERIALIZATION + unmarshal_error(value, "struct"))


def _chain(error: BaseException) -> list[BaseException]:
    """The error and every error it carries (botocore's ``kwargs``, causes,
    urllib3's arguments), outermost first."""
    found: list[BaseException] = []
    pending: list[Any] = [error]
    while pending:
        item = pending.pop(0)
        if not isinstance(item, BaseException) or any(item is seen for seen in found):
            continue
        found.append(item)
        kwargs = getattr(item, "kwargs", None)
        if isinstance(kwargs, dict):
            pending.append(kwargs.get("error"))
        pending += [item.__cause__, item.__context__, *item.args]
    return found


def _transport(error: BaseException, endpoint: str) -> str:
    """What Go's HTTP client says of a request to ``endpoint`` that failed."""
    import http.client
    import socket

    from graft.sources.httpconn import AWAITING_HEADERS, BROKEN

    host = endpoint.partition("://")[2].split("/", 1)[0]
    if ":" not in host.rsplit("]", 1)[-1]:
        host += ":443" if endpoint.startswith("https") else ":80"
    names = [type(e).__name__ for e in _chain(error)]
    for cause in _chain(error):
        if isinstance(cause, socket.gaierror):
            return dial_error(host, cause)
        if isinstance(cause, http.client.RemoteDisconnected):  # before BadStatusLine
            return "EOF"
        if isinstance(cause, http.client.BadStatusLine):
            line = str(cause.args[0] if cause.args else "").strip()
            return f'{BROKEN}malformed HTTP response "{line}"'
        if isinstance(cause, http.client.IncompleteRead):
            return "unexpected EOF"
        if isinstance(cause, OSError) and cause.errno and not isinstance(cause, TimeoutError):
            if "ConnectionClosedError" in names:  # connected, then the answer failed
                return f"read tcp {host}: read: {errno_text(cause)}"
            text = dial_error(host, cause)
            return f"proxyconnect tcp: {text}" if "ProxyConnectionError" in names else text
    if "ConnectTimeoutError" in names:
        return f"dial tcp {host}: i/o timeout"
    if "ReadTimeoutError" in names:
        return AWAITING_HEADERS
    return str(error)


def _describe(error: BaseException) -> str:
    """botocore's error in the words of Go's AWS SDK."""
    if isinstance(error, SourceError):
        return error.message
    response = getattr(error, "response", None)
    if isinstance(response, dict) and "Error" in response:
        code = response["Error"].get("Code", "")
        message = response["Error"].get("Message", "")
        return f"{code}: {message}".strip(": ")
    kwargs = getattr(error, "kwargs", None)
    endpoint = kwargs.get("endpoint_url") if isinstance(kwargs, dict) else None
    if endpoint:
        cause = _transport(error, endpoint)
        return f'RequestError: send request failed\ncaused by: Post "{endpoint}": {cause}'
    import binascii

    if isinstance(error, binascii.Error):
        return SERIALIZATION + "illegal base64 data"
    return str(error) or type(error).__name__


_lock = threading.Lock()


def access(state: RunState, target: str | None) -> Aws:
    """The AWS access of a run (one per target), created on first use."""
    with _lock:
        clients = state.aws
        if target not in clients:
            clients[target] = Aws(target)
        return clients[target]
