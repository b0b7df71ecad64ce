"""Livy authentication for EMR: None, Basic_Access (LDAP/Knox) or Kerberos, via sparkmagic's own
authenticators, plus a first request that turns network and auth problems into plain advice.

Basic_Access passwords come from AWS Secrets Manager (`--secret-id`) or an environment variable,
never from the notebook: the connect cell stays shareable and nothing secret is printed or logged.
Kerberos uses the ticket cache: run `kinit user@REALM` in a terminal first (with the cluster's
krb5.conf in /etc/krb5.conf), then connect with `--auth-type Kerberos`.

The sandbox's Livy (on this machine) always wants its password; the kernel has it from the
server's environment, so connect cells need no auth options there either.
"""

from __future__ import annotations

import json
import os

import requests

from .announce import ConnectFailed
from .aws import client, error_code, error_message

AUTH_TYPES = ("None", "Basic_Access", "Kerberos")
DEFAULT_PASSWORD_ENV = "AWS_SPARK_ML_LIVY_PASSWORD"
SANDBOX_PASSWORD_ENV = "AWS_SPARK_ML_SANDBOX_LIVY_PASSWORD"  # set by the sandbox's Livy engine
SANDBOX_PORT_ENV = "AWS_SPARK_ML_LIVY_PORT"
UNREACHABLE_FIX = (
    "check the cluster's security group allows port {port} from this notebook, "
    "and that Livy is installed (Applications)"
)


def basic_password(secret_id: str | None, password_env: str, region: str | None) -> str:
    """The Livy password from Secrets Manager (a plain string or JSON with 'password')."""
    if secret_id:
        try:
            secret = client("secretsmanager", region).get_secret_value(SecretId=secret_id)
        except Exception as e:
            raise ConnectFailed(
                "emr",
                f"could not read secret {secret_id!r} ({error_code(e)}: {error_message(e)})",
                "check --secret-id and that your role may call secretsmanager:GetSecretValue",
            ) from None
        text = secret.get("SecretString") or ""
        try:
            parsed = json.loads(text)
        except ValueError:
            return text
        if isinstance(parsed, dict) and "password" in parsed:
            return str(parsed["password"])
        raise ConnectFailed(
            "emr",
            f"secret {secret_id!r} is JSON without a 'password' key",
            'store the password as the secret\'s plain text or as {"password": "…"}',
        )
    password = os.environ.get(password_env, "")
    if not password:
        raise ConnectFailed(
            "emr",
            "--auth-type Basic_Access needs a password and none was found",
            f"pass --secret-id <Secrets Manager secret> or set the environment variable "
            f"{password_env} for the kernel",
        )
    return password


def sandbox_login(host: str, port: int) -> tuple[str, str] | None:
    """(user, password) for the sandbox's own Livy, or None for any other Livy."""
    password = os.environ.get(SANDBOX_PASSWORD_ENV)
    if not password or host not in ("127.0.0.1", "localhost"):
        return None
    if os.environ.get(SANDBOX_PORT_ENV) != str(port):
        return None
    return "sandbox", password


def make_authenticator(auth_type: str, url: str, username: str = "", password: str = ""):
    """sparkmagic's authenticator for `auth_type` (None for no authentication)."""
    from sparkmagic.utils.utils import Namespace, initialize_auth

    if auth_type not in AUTH_TYPES:
        raise ConnectFailed(
            "emr", f"--auth-type {auth_type!r} is not known", f"use one of {', '.join(AUTH_TYPES)}"
        )
    if auth_type == "Basic_Access" and not username:
        raise ConnectFailed(
            "emr", "--auth-type Basic_Access needs a user name", "add --username <LDAP user>"
        )
    args = Namespace(auth=auth_type, url=url, user=username, password=password)
    return initialize_auth(args)


def check_livy(url: str, host: str, port: int, auth_type: str, authenticator, timeout: float = 10):
    """GET /sessions once: unreachable, 401/403 and non-Livy answers become ConnectFailed."""
    try:
        response = requests.get(f"{url}/sessions", auth=authenticator, timeout=timeout)
    except requests.exceptions.SSLError:
        raise ConnectFailed(
            "emr",
            f"the TLS certificate of Livy at {host}:{port} is not trusted by this kernel",
            "point REQUESTS_CA_BUNDLE at the cluster's CA certificate (certificate checks stay "
            "on), or connect without --https if the cluster has no in-transit encryption",
            livy=url,
        ) from None
    except requests.RequestException as e:
        raise ConnectFailed(
            "emr",
            f"Livy at {host}:{port} is unreachable ({_short(e)})",
            UNREACHABLE_FIX.format(port=port),
            livy=url,
        ) from None
    if response.status_code in (401, 403):
        raise ConnectFailed(
            "emr",
            f"Livy at {host}:{port} refused the request ({response.status_code}) "
            f"with --auth-type {auth_type}",
            _auth_hint(auth_type, response.headers.get("WWW-Authenticate", "")),
            livy=url,
        )
    if response.status_code != 200 or "sessions" not in _json(response):
        raise ConnectFailed(
            "emr",
            f"{host}:{port} answered HTTP {response.status_code}, not like a Livy server",
            "check --livy-port (Livy listens on 8998 on EMR) and that Livy is installed "
            "(Applications)",
            livy=url,
        )


def _auth_hint(auth_type: str, challenge: str) -> str:
    wanted = challenge.lower()
    if "negotiate" in wanted:
        if auth_type == "Kerberos":
            return "your Kerberos ticket was refused: run `kinit <user>@<REALM>` again and retry"
        return "this Livy uses Kerberos: run `kinit <user>@<REALM>`, then use --auth-type Kerberos"
    if "basic" in wanted:
        if auth_type == "Basic_Access":
            return "the user name or password was refused: check --username and the secret"
        return (
            "this Livy wants a user name and password: use --auth-type Basic_Access "
            "--username <user> --secret-id <Secrets Manager secret holding the password>"
        )
    return (
        "this Livy requires authentication: use --auth-type Basic_Access (LDAP) or "
        "--auth-type Kerberos, as configured on the cluster"
    )


def _json(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _short(error: Exception) -> str:
    text = str(error)
    for marker in ("Connection refused", "timed out", "Name or service not known", "No route"):
        if marker.lower() in text.lower():
            return marker.lower()
    return type(error).__name__
