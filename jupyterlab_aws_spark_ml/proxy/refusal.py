"""Why the proxy did not forward a request, in words a person can act on."""

from __future__ import annotations


class ProxyRefusal(Exception):
    """The proxy answers with `status` and a JSON body instead of forwarding.

    `reason` is a stable machine-readable word the frontend can branch on; `message` says what
    happened and what to do. `operation` is 'service:Operation' once it is known.
    """

    def __init__(
        self, status: int, reason: str, message: str, operation: str | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message
        self.operation = operation

    def to_json(self) -> dict:
        return {"message": self.message, "reason": self.reason, "operation": self.operation}


def bad_request(message: str, reason: str = "bad-request", operation: str | None = None):
    return ProxyRefusal(400, reason, message, operation)
