"""boto3 clients for the kernel: the region from the argument, else the environment.

boto3 honours AWS_ENDPOINT_URL by itself, so in sandbox mode (where the server exports it into
kernels) the same code talks to the local sandbox.
"""

from __future__ import annotations

import os


def resolve_region(region: str | None) -> str:
    if region:
        return region
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        if os.environ.get(name):
            return os.environ[name]
    import botocore.session

    return botocore.session.get_session().get_config_variable("region") or "us-east-1"


def client(service: str, region: str | None = None):
    import boto3
    from botocore.config import Config

    config = Config(retries={"max_attempts": 3, "mode": "standard"})
    if service == "s3":
        # Local endpoints (the sandbox) only understand path-style bucket addressing.
        config = config.merge(Config(s3={"addressing_style": "path"}))
    return boto3.client(service, region_name=resolve_region(region), config=config)


def in_sandbox() -> bool:
    """True when the kernel's AWS is the local sandbox (its server exports AWS_ENDPOINT_URL)."""
    return bool(os.environ.get("AWS_ENDPOINT_URL"))


def error_code(error: Exception) -> str:
    response = getattr(error, "response", None) or {}
    return response.get("Error", {}).get("Code", type(error).__name__)


def error_message(error: Exception) -> str:
    response = getattr(error, "response", None) or {}
    return response.get("Error", {}).get("Message", str(error))


def access_fix(error: Exception, otherwise: str) -> str:
    """The fix for errors that are about reaching AWS at all rather than about the resource."""
    code = error_code(error)
    if code in ("NoCredentialsError", "PartialCredentialsError"):
        return (
            "the kernel has no AWS credentials: configure a profile or role for the server "
            "(or run it with --AwsSparkML.mode=sandbox), then restart the kernel"
        )
    if code in ("AccessDeniedException", "AccessDenied", "UnauthorizedOperation"):
        return (
            f"your role may not make this call ({error_message(error)}); ask an admin to allow it"
        )
    return otherwise
