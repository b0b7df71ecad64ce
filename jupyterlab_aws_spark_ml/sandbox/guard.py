"""Who may talk to the sandbox's local servers (AWS gateway, Livy, inference servers).

Only programs on this machine that address the server by its own name: `Host` must be
`127.0.0.1:<port>` or `localhost:<port>` (a DNS-rebinding page sends its own domain), and no
browser request from a web page (browsers add `Origin` to cross-origin POSTs and `Sec-Fetch-Site`
to everything; the sandbox is never called by the browser directly — the browser goes through
the Jupyter server's proxy, which adds neither). A person typing a URL (`Sec-Fetch-Site: none`)
is let through; the server's own credential check still applies.

Standard library only: inference servers load this file by path, without the package.
"""

from __future__ import annotations

LOCAL_NAMES = ("127.0.0.1", "localhost")


def refusal(
    host: str | None,
    origin: str | None,
    fetch_site: str | None,
    port: int,
    subdomains: bool = False,
) -> str | None:
    """Why a request must be refused (one line, for a 403), or None if it may go on.

    `subdomains`: also accept `<name>.localhost:<port>` (S3 virtual-host addressing; browsers
    and resolvers keep `*.localhost` on this machine, so a web page cannot borrow it).
    """
    if not _local_host(host or "", port, subdomains):
        return (
            f"Host {host!r} refused: this local sandbox server answers only "
            f"127.0.0.1:{port} or localhost:{port}."
        )
    if origin is not None:
        return "Requests from web pages (Origin header) are refused by the local sandbox."
    if fetch_site is not None and fetch_site.strip().lower() != "none":
        return f"Browser requests (Sec-Fetch-Site: {fetch_site}) are refused by the local sandbox."
    return None


def _local_host(host: str, port: int, subdomains: bool) -> bool:
    name, sep, given_port = host.strip().lower().rpartition(":")
    if not sep or given_port != str(port):
        return False
    return name in LOCAL_NAMES or (subdomains and name.endswith(".localhost"))
