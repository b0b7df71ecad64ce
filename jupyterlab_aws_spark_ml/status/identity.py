"""Who the server's credentials belong to (STS GetCallerIdentity), asked rarely and quickly."""

from __future__ import annotations

import asyncio
import time

import botocore.session
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)

SANDBOX_HINT = "run `jupyter lab --AwsSparkML.mode=sandbox` to use the local sandbox"


class CallerIdentity:
    """The caller identity, cached `ttl` seconds (failures only `error_ttl`, so a fix shows up
    soon). The STS call runs in a worker thread with short timeouts: the event loop never waits.
    """

    def __init__(
        self,
        session: botocore.session.Session,
        region: str,
        ttl: float = 60.0,
        error_ttl: float = 10.0,
        timeout: float = 3.0,
    ) -> None:
        self.session = session
        self.region = region
        self.ttl = ttl
        self.error_ttl = error_ttl
        self.timeout = timeout
        self._client = None
        self._answer: tuple[dict | None, str | None] | None = None
        self._expires = 0.0
        self._pending: asyncio.Future | None = None

    async def get(self) -> tuple[dict | None, str | None]:
        """(identity, None) or (None, why there is none)."""
        if self._answer is not None and time.monotonic() < self._expires:
            return self._answer
        if self._pending is None:  # one STS call however many tabs ask at once
            loop = asyncio.get_running_loop()
            self._pending = loop.run_in_executor(None, self.lookup)
        pending = self._pending
        try:
            answer = await pending
        finally:
            if self._pending is pending:
                self._pending = None
        self._answer = answer
        self._expires = time.monotonic() + (self.ttl if answer[0] else self.error_ttl)
        return answer

    def lookup(self) -> tuple[dict | None, str | None]:
        """Blocking: ask STS now."""
        try:
            if self._client is None:
                self._client = self.session.create_client(
                    "sts",
                    region_name=self.region,
                    config=Config(
                        connect_timeout=self.timeout,
                        read_timeout=self.timeout,
                        retries={"total_max_attempts": 1},
                    ),
                )
            reply = self._client.get_caller_identity()
        except NoCredentialsError:
            return None, (
                "No AWS credentials found for the Jupyter server. Configure a profile "
                "(`aws configure` or `aws sso login`, then start JupyterLab with AWS_PROFILE "
                f"set), or {SANDBOX_HINT}."
            )
        except ClientError as e:
            err = e.response.get("Error", {})
            return None, (
                f"AWS refused the server's credentials ({err.get('Code')}: "
                f"{err.get('Message')}). Refresh them (e.g. `aws sso login`) and reload, or "
                f"{SANDBOX_HINT}."
            )
        except (EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError) as e:
            return None, (
                f"Could not reach AWS STS to check the server's identity: {e}. Check the "
                f"server's network, proxy and AWS_ENDPOINT_URL settings, or {SANDBOX_HINT}."
            )
        except BotoCoreError as e:
            return (
                None,
                f"Could not check the server's AWS identity: {e}. Fix it, or {SANDBOX_HINT}.",
            )
        return {
            "account": reply["Account"],
            "arn": reply["Arn"],
            "userId": reply["UserId"],
        }, None
