"""AWS Systems Manager parameters and Secrets Manager secrets through boto3
(SPEC §6.1, D6).

boto3 is imported on first use. One session per run and target, built from
``AWS_PROFILE``, ``AWS_REGION`` and ``AWS_ROLE`` (a role to assume), or
``AWS_<TARGET>_*`` for a target, plus boto3's usual sources (credentials
files, ``AWS_ACCESS_KEY_ID``, ``AWS_ENDPOINT_URL``). Every value is read
once per run, however many operators ask for it at the same time.
"""

from __future__ import annotations

import os
import threading

from graft.sources import SourceError
from graft.sources.once import Once

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class AwsError(SourceError):
    pass


class Aws:
    """The clients and cached values of one run for one target."""

    def __init__(self, target: str | None) -> None:
        self.target = target
        self._session: Any = None
        self._clients: dict[str, Any] = {}
        self._lock = threading.Lock()
        self.values = Once(AwsError)

    def _setting(self, name: str) -> str | None:
        if self.target:
            value = os.environ.get(f"AWS_{self.target.upper().replace('-', '_')}_{name}")
            if value:
                return value
        return os.environ.get(f"AWS_{name}") or None

    def client(self, service: str) -> Any:
        with self._lock:
            if service not in self._clients:
                self._clients[service] = self._make_client(service)
            return self._clients[service]

    def _make_client(self, service: str) -> Any:
        import boto3  # a large import: only for documents that read AWS

        if self._session is None:
            self._session = boto3.session.Session(
                profile_name=self._setting("PROFILE"),
                region_name=self._setting("REGION") or os.environ.get("AWS_DEFAULT_REGION"),
                aws_access_key_id=self._setting("ACCESS_KEY_ID"),
                aws_secret_access_key=self._setting("SECRET_ACCESS_KEY"),
                aws_session_token=self._setting("SESSION_TOKEN"),
            )
            role = self._setting("ROLE")
            if role:
                self._session = self._assume(role)
        return self._session.client(service, endpoint_url=self._setting("ENDPOINT_URL"))

    def _assume(self, role: str) -> Any:
        import boto3

        sts = self._session.client("sts", endpoint_url=self._setting("ENDPOINT_URL"))
        credentials = sts.assume_role(RoleArn=role, RoleSessionName="graft")["Credentials"]
        return boto3.session.Session(
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
            region_name=self._session.region_name,
        )

    def parameter(self, name: str) -> str:
        def fetch() -> str:
            try:
                reply = self.client("ssm").get_parameter(Name=name, WithDecryption=True)
            except Exception as error:  # botocore's errors: reported, never a traceback
                raise AwsError(_describe(error)) from None
            return str(reply["Parameter"]["Value"])

        return self.values.get(("ssm", name), fetch)

    def parameters(self, names: list[str]) -> None:
        """Fetch up to ten parameters in one ``GetParameters`` call into the cache;
        names it does not return are left for ``parameter`` to report."""
        try:
            reply = self.client("ssm").get_parameters(Names=names, WithDecryption=True)
        except Exception:  # the sites' own requests will report what went wrong
            return
        for parameter in reply.get("Parameters", []):
            self.values.put(("ssm", parameter["Name"]), str(parameter["Value"]))

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
            if "SecretString" in reply:
                return str(reply["SecretString"])
            return bytes(reply.get("SecretBinary", b"")).decode("utf-8", "surrogateescape")

        # Keyed by stage and version too (graft keys by id alone and can mix them up).
        return self.values.get(("secret", secret_id, stage, version), fetch)


def _describe(error: Exception) -> str:
    response = getattr(error, "response", None)
    if isinstance(response, dict) and "Error" in response:
        code = response["Error"].get("Code", "")
        message = response["Error"].get("Message", "")
        return f"{code}: {message}".strip(": ")
    return str(error)


_lock = threading.Lock()


def session(run: dict, target: str | None) -> Aws:
    """The AWS access of a run (one per target), created on first use."""
    with _lock:
        clients = run.setdefault("aws", {})
        if target not in clients:
            clients[target] = Aws(target)
        return clients[target]
