"""How much latency the signing proxy adds: the same calls direct to the sandbox and through it.

Starts `jupyter server --AwsSparkML.mode=sandbox` (control plane only), then times STS
GetCallerIdentity and EMR ListClusters with boto3 two ways, interleaved call by call:
- direct: boto3 signs and calls the sandbox;
- proxy: boto3 with no signer (like the browser SDK) calls the proxy route with the Jupyter
  token, and the proxy re-signs and forwards to the same sandbox.
The sandbox answers `--latency` ms late (default 20, the low end of AWS's answers): the local
sandbox alone answers in ~5 ms, against which any hop looks big. The baseline is the direct
call in the same run, so ratios stay meaningful on a busy machine; the load average of each
round is printed beside its figures. Prints a markdown table and replaces the `## proxy`
section of bench/RESULTS.md.

Usage: .venv/bin/python bench/proxy/run.py [--n 300] [--warmup 30] [--latency 20]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import botocore
from botocore.config import Config

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "RESULTS.md"
sys.path.insert(0, str(ROOT / "bench" / "shared"))

from results_md import write_section  # noqa: E402

BENCH_DATABASE, BENCH_TABLES = "proxy_bench", 100
CALLS = {
    "STS GetCallerIdentity": ("sts", lambda c: c.get_caller_identity()),
    "EMR ListClusters": ("emr", lambda c: c.list_clusters()),
    # What the Data section sends when a database opens: a 100-table page (~60 KB of JSON).
    f"Glue GetTables ({BENCH_TABLES} tables)": (
        "glue",
        lambda c: c.get_tables(DatabaseName=BENCH_DATABASE, MaxResults=BENCH_TABLES),
    ),
}
# The targets are for the small calls (STS, EMR); the Glue page shows a heavier call.
TARGETED = ("STS GetCallerIdentity", "EMR ListClusters")
TARGET_RATIO, TARGET_OWN_CPU_MS = 1.05, 0.2  # at 20 ms upstream latency (issue 14)
SETUPS = ("in server", "own process")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env.update(extra)
    return env


SERVE = [sys.executable, str(Path(__file__).with_name("serve.py"))]
CLIENTS_SERVE = [sys.executable, str(Path(__file__).with_name("clients.py")), "--serve"]
# Keys the sandbox alone is started with (serve.py pins them); the one inside a server makes its
# own and writes them to <state dir>/credentials. direct_client signs with SANDBOX_KEYS.
ALONE_KEYS = {
    "AWS_ACCESS_KEY_ID": "SANDBOXBENCH" + secrets.token_hex(4).upper(),
    "AWS_SECRET_ACCESS_KEY": secrets.token_urlsafe(30),
}
SANDBOX_KEYS: dict[str, str] = {}


def keys_in(credentials_file: Path) -> dict[str, str]:
    import configparser

    profile = configparser.ConfigParser()
    profile.read(credentials_file)
    return {
        "AWS_ACCESS_KEY_ID": profile["sandbox"]["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": profile["sandbox"]["aws_secret_access_key"],
    }


def start_sandbox_alone(port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [*SERVE, "sandbox", str(port)], env=environment(**ALONE_KEYS), stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def start_server(
    port: int, token: str, workdir: Path, sandbox_url: str | None = None, extra_args=()
) -> subprocess.Popen:
    """sandbox_url None: sandbox mode (sandbox inside the server); else AWS mode pointed at it.
    extra_args: more `--AwsSparkML.…` options."""
    if sandbox_url:
        mode = "aws"
        env = environment(AWS_ENDPOINT_URL=sandbox_url, **ALONE_KEYS)
    else:
        mode, env = "sandbox", environment()
    args = [
        *SERVE, "server",
        f"--port={port}", "--ip=127.0.0.1", "--no-browser", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={workdir}", "--ServerApp.log_level=" + os.environ.get("BENCH_LOG_LEVEL", "WARN"), "--allow-root",
        "--ServerApp.jpserver_extensions={'jupyterlab_aws_spark_ml': True}",
        f"--AwsSparkML.mode={mode}", "--AwsSparkML.sandbox_seed=False",
        "--AwsSparkML.region=us-east-1", f"--AwsSparkML.sandbox_state_dir={workdir / 'sandbox'}",
        *extra_args,
    ]  # fmt: skip
    log = open(workdir / "server.log", "wb")  # a file, not a pipe: a full pipe would block it
    return subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=log)


def wait_for_status(base: str, token: str, server: subprocess.Popen, log: Path) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"jupyter server exited:\n{log.read_text()[-2000:]}")
        try:
            request = urllib.request.Request(
                f"{base}/aws-spark-ml/status", headers={"Authorization": f"token {token}"}
            )
            with urllib.request.urlopen(request, timeout=5) as response:
                return json.loads(response.read())
        except OSError:
            time.sleep(0.3)
    raise SystemExit("jupyter server did not answer /aws-spark-ml/status within 60 s")


def direct_client(service: str, endpoint: str):
    return boto3.client(
        service, endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id=SANDBOX_KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=SANDBOX_KEYS["AWS_SECRET_ACCESS_KEY"],
        config=Config(retries={"total_max_attempts": 1}),
    )  # fmt: skip


def login_cookie(base: str, token: str) -> str:
    """The cookie Jupyter sets on a token-authenticated request; a browser sends it back, so
    Jupyter does not sign a new one on every call. We do the same."""
    request = urllib.request.Request(
        f"{base}/api/status", headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies)


def proxy_client(service: str, base: str, token: str, cookie: str):
    """What the browser does: no AWS signature, Jupyter's token and login cookie, the proxy as
    endpoint."""
    client = boto3.client(
        service, endpoint_url=f"{base}/aws-spark-ml/proxy/{service}/us-east-1",
        region_name="us-east-1",
        config=Config(signature_version=botocore.UNSIGNED, retries={"total_max_attempts": 1}),
    )  # fmt: skip

    def add_auth(request, **kwargs):
        request.headers["Authorization"] = f"token {token}"
        request.headers["Cookie"] = cookie
        request.headers["X-Aws-Spark-Ml"] = "1"  # as src/aws/handler.ts sends it

    client.meta.events.register("before-send", add_auth)
    return client


class JupyterHop:
    """A trivial authenticated Jupyter API call (GET /api/status) on a kept-alive connection:
    what any server extension's route costs before it does any work of its own.

    Sent and read over a bare socket: http.client's header parsing alone costs ~1 ms here,
    which would be counted as Jupyter's."""

    def __init__(self, base: str, token: str, cookie: str) -> None:
        host, port = base.split("//", 1)[1].split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=10)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.request = (
            f"GET /api/status HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Authorization: token {token}\r\nCookie: {cookie}\r\n\r\n"
        ).encode()

    def __call__(self, _client=None) -> None:
        self.sock.sendall(self.request)
        data = b""
        while b"\r\n\r\n" not in data:
            data += self.sock.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200"), head[:80]
        length = int(re.search(rb"(?im)^content-length: *(\d+)", head).group(1))
        while len(body) < length:
            body += self.sock.recv(65536)


def timed(call, client) -> float:
    started = time.perf_counter()
    call(client)
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def create_tables(sandbox: str) -> None:
    """A database of BENCH_TABLES tables of 12 columns, made through the sandbox's Glue API."""
    glue = direct_client("glue", sandbox)
    glue.create_database(DatabaseInput={"Name": BENCH_DATABASE})
    columns = [{"Name": f"measure_{i}", "Type": "double", "Comment": "bench"} for i in range(12)]
    for t in range(BENCH_TABLES):
        glue.create_table(
            DatabaseName=BENCH_DATABASE,
            TableInput={
                "Name": f"table_{t:03d}",
                "TableType": "EXTERNAL_TABLE",
                "StorageDescriptor": {
                    "Columns": columns,
                    "Location": f"s3://bench/{BENCH_DATABASE}/table_{t:03d}/",
                },
            },
        )


def measure(setup: str, sandbox: str, base: str, token: str, n: int, warmup: int) -> list[dict]:
    rows = []
    create_tables(sandbox)
    cookie = login_cookie(base, token)
    hop = JupyterHop(base, token, cookie)
    for label, (service, call) in CALLS.items():
        direct = direct_client(service, sandbox)
        proxied = proxy_client(service, base, token, cookie)
        for _ in range(warmup):
            call(direct), call(proxied), hop()
        times = {"direct": [], "proxy": [], "hop": []}
        # Interleaved, rotating who goes first: drift and load hit all three alike.
        runs = [("direct", call, direct), ("proxy", call, proxied), ("hop", hop, None)]
        for i in range(n):
            for name, fn, client in runs[i % 3 :] + runs[: i % 3]:
                times[name].append(timed(fn, client))
        d50, p50 = statistics.median(times["direct"]), statistics.median(times["proxy"])
        rows.append(
            {
                "setup": setup,
                "call": label,
                "direct_p50": d50,
                "direct_p99": percentile(times["direct"], 99),
                "proxy_p50": p50,
                "proxy_p99": percentile(times["proxy"], 99),
                "overhead_p50": p50 - d50,
                "ratio_p50": p50 / d50,
                "hop_p50": statistics.median(times["hop"]),
            }
        )
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| sandbox | call | direct p50 | direct p99 | proxy p50 | proxy p99 | p50 overhead "
        "| p50 ratio | Jupyter hop p50 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['setup']} | {r['call']} | {r['direct_p50']:.2f} ms | {r['direct_p99']:.2f} ms | "
            f"{r['proxy_p50']:.2f} ms | {r['proxy_p99']:.2f} ms | "
            f"{r['overhead_p50']:+.2f} ms | {r['ratio_p50']:.2f}× | {r['hop_p50']:.2f} ms |"
        )
    return "\n".join(lines)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_setup(setup: str, n: int, warmup: int) -> list[dict]:
    """'in server': sandbox mode, what a user gets. 'own process': the sandbox runs apart, as
    AWS does, so the upstream does not share the server's process (and GIL) with the proxy."""
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    workdir = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-proxy-{port}"
    workdir.mkdir(parents=True, exist_ok=True)
    alone = None
    if setup == "own process":
        alone = start_sandbox_alone(free_port())
        sandbox = alone.stdout.readline().decode().strip()
        server = start_server(port, token, workdir, sandbox_url=sandbox)
    else:
        server = start_server(port, token, workdir)
    try:
        status = wait_for_status(base, token, server, workdir / "server.log")
        sandbox = sandbox if alone else status["sandbox"]["endpoint"]
        SANDBOX_KEYS.clear()
        SANDBOX_KEYS.update(ALONE_KEYS if alone else keys_in(workdir / "sandbox" / "credentials"))
        return measure(setup, sandbox, base, token, n, warmup)
    finally:
        stop(server)
        if alone:
            stop(alone)


def own_cost(n: int) -> dict[str, tuple[float, float]]:
    """CPU time of the proxy's own work per request, in this process: (check, resolve, sign) and
    (the same plus the HTTP exchange with aiohttp, against clients.py's server in its own
    process, so only the proxy's side is counted)."""
    import asyncio

    server = subprocess.Popen([*CLIENTS_SERVE, "0"], stdout=subprocess.PIPE)
    port = int(server.stdout.readline())
    os.environ.update(AWS_ENDPOINT_URL=f"http://127.0.0.1:{port}", AWS_ACCESS_KEY_ID="k",
                      AWS_SECRET_ACCESS_KEY="s")  # fmt: skip
    from jupyterlab_aws_spark_ml.proxy.allowlist import DEFAULT_ALLOWED_OPERATIONS
    from jupyterlab_aws_spark_ml.proxy.forwarding import IncomingRequest, SigningProxy

    proxy = SigningProxy(DEFAULT_ALLOWED_OPERATIONS)
    requests = {
        "STS GetCallerIdentity": IncomingRequest(
            "POST", "sts", "us-east-1", "/", "",
            [("Content-Type", "application/x-www-form-urlencoded")],
            b"Action=GetCallerIdentity&Version=2011-06-15",
        ),
        "EMR ListClusters": IncomingRequest(
            "POST", "emr", "us-east-1", "/", "",
            [("Content-Type", "application/x-amz-json-1.1"),
             ("X-Amz-Target", "ElasticMapReduce.ListClusters")],
            b"{}",
        ),
    }  # fmt: skip

    async def forward(request: IncomingRequest) -> None:
        async with proxy.open(await proxy.prepare(request)) as response:
            async for _chunk in response.chunks():
                pass

    async def cpu_per_call(work, request) -> float:
        for _ in range(20):
            await work(request)
        started = time.process_time()
        for _ in range(n):
            await work(request)
        return (time.process_time() - started) / n * 1000

    async def timings() -> dict[str, tuple[float, float]]:
        out = {}
        for label, request in requests.items():
            out[label] = (
                await cpu_per_call(proxy.prepare, request),
                await cpu_per_call(forward, request),
            )
        await proxy.aclose()
        return out

    try:
        return asyncio.run(timings())
    finally:
        server.terminate()


def signing_cost(n: int) -> dict[str, float]:
    """CPU per signature of a small JSON call: `proxy/sigv4.py` against botocore's SigV4Auth,
    which it replaced (it would be the proxy's whole signer without sigv4.py)."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import ReadOnlyCredentials

    from jupyterlab_aws_spark_ml.proxy import sigv4

    credentials = ReadOnlyCredentials("AKIDBENCH", "secret", None)
    url = "https://elasticmapreduce.us-east-1.amazonaws.com/"
    headers = {
        "host": "elasticmapreduce.us-east-1.amazonaws.com",
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "ElasticMapReduce.ListClusters",
    }

    def ours() -> None:
        sigv4.signed_headers(credentials, "elasticmapreduce", "us-east-1", "POST", url,
                             dict(headers), b"{}")  # fmt: skip

    def botocores() -> None:
        request = AWSRequest(method="POST", url=url, headers=dict(headers), data=b"{}")
        SigV4Auth(credentials, "elasticmapreduce", "us-east-1").add_auth(request)

    out = {}
    for label, fn in (("proxy/sigv4.py", ours), ("botocore SigV4Auth", botocores)):
        for _ in range(50):
            fn()
        started = time.process_time()
        for _ in range(n):
            fn()
        out[label] = (time.process_time() - started) / n * 1000
    return out


def split_of_overhead(rows: list[dict]) -> str:
    """How much of the overhead is Jupyter's hop, and what is left for the proxy itself."""
    small = [r for r in rows if r["call"] in TARGETED]
    hop_ratio = [1 + r["hop_p50"] / r["direct_p50"] for r in small]
    own = [r["overhead_p50"] - r["hop_p50"] for r in small]
    big = [r for r in rows if r["call"] not in TARGETED]
    return (
        f"Split of the small calls' overhead: Jupyter's hop alone would make them "
        f"{min(hop_ratio):.2f}–{max(hop_ratio):.2f}× the direct call; the proxy's own part "
        f"beyond that hop (check, sign, the second connection, streaming back) is "
        f"{min(own):+.2f} to {max(own):+.2f} ms."
        + (
            " A heavier call the UI makes, the Glue page, is "
            + ", ".join(f"{r['ratio_p50']:.2f}× ({r['setup']})" for r in big)
            + " through the proxy."
            if big
            else ""
        )
    )


def across_rounds(rounds: list[list[dict]], loads: list[float]) -> str:
    """Every round's small calls: on a shared machine one run is not the answer."""
    lines = [
        f"Small calls in each of the {len(rounds)} rounds (the table above is the last):",
        "",
        "| round | load avg | sandbox | call | direct p50 | proxy p50 | p50 overhead | "
        "p50 ratio | Jupyter hop p50 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for i, rows in enumerate(rounds, 1):
        for r in rows:
            if r["call"] in TARGETED:
                lines.append(
                    f"| {i} | {loads[i - 1]:.1f} | {r['setup']} | {r['call']} | "
                    f"{r['direct_p50']:.2f} ms | "
                    f"{r['proxy_p50']:.2f} ms | {r['overhead_p50']:+.2f} ms | "
                    f"{r['ratio_p50']:.2f}× | {r['hop_p50']:.2f} ms |"
                )
    small = [r for rows in rounds for r in rows if r["call"] in TARGETED]
    overheads = sorted(r["overhead_p50"] for r in small)
    ratios = sorted(r["ratio_p50"] for r in small)
    lines += [
        "",
        f"Across rounds: p50 overhead {overheads[0]:+.2f} to {overheads[-1]:+.2f} ms "
        f"(median {statistics.median(overheads):+.2f}), ratio {ratios[0]:.2f}–{ratios[-1]:.2f}× "
        f"(median {statistics.median(ratios):.2f}×).",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="timed calls per path and call")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--latency", type=float, default=20.0, help="ms the sandbox adds")
    parser.add_argument(
        "--small-only", action="store_true", help="only the targeted calls (no Glue page)"
    )
    parser.add_argument("--no-write", action="store_true", help="do not touch bench/RESULTS.md")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="whole runs, fresh servers each (shared machines vary)",
    )
    args = parser.parse_args()

    if args.small_only:
        for label in [k for k in CALLS if k not in TARGETED]:
            del CALLS[label]
    os.environ["BENCH_LATENCY_MS"] = f"{args.latency:g}"  # read by serve.py's sandboxes
    load = os.getloadavg()[0]
    rounds, loads = [], []
    for _ in range(args.rounds):
        loads.append(os.getloadavg()[0])
        rounds.append([r for setup in SETUPS for r in run_setup(setup, args.n, args.warmup)])
        print(f"round {len(rounds)} (load average {loads[-1]:.1f} at its start):\n"
              + table(rounds[-1]), flush=True)  # fmt: skip
    rows = rounds[-1]
    cost = own_cost(args.n)
    signing = signing_cost(args.n * 10)
    small = [r for rows_ in rounds for r in rows_ if r["call"] in TARGETED]
    met = [r["ratio_p50"] <= TARGET_RATIO for r in small]
    body = (
        f"Signing proxy overhead (`bench/proxy/run.py`, {datetime.date.today()}, "
        f"{os.cpu_count()}-core machine shared with other jobs running at the same time, load "
        f"average {load:.1f} at start, {max(loads):.1f} at most at a round's start: absolute "
        "times are inflated, the ratios against the direct calls of the same run are what "
        f"counts). The sandbox answers {args.latency:g} ms late (BENCH_LATENCY_MS), as AWS "
        "does at best. boto3 direct "
        "to the sandbox vs boto3 unsigned (as the browser SDK) through the Jupyter server's "
        "proxy, which re-signs and forwards to the same sandbox (control plane only); "
        f"{args.n} calls each after {args.warmup} warm-up calls, interleaved; "
        f"{args.rounds} rounds. 'in server': "
        "`--AwsSparkML.mode=sandbox`, the sandbox inside the server process; 'own process': "
        "the sandbox in its own process and the server in AWS mode with AWS_ENDPOINT_URL, "
        "as with real AWS. The proxied client sends Jupyter's token and login cookie, as "
        "the browser does. 'Jupyter hop': a trivial authenticated Jupyter call (GET "
        "/api/status) on a kept-alive connection over a bare socket, timed in the same run — what Jupyter "
        "Server's request handling (authentication, authorization, headers, logging) costs "
        "any server extension's route before it does work of its own.\n\n"
        + table(rows)
        + "\n\nThe proxy's own CPU work per request (check, resolve, sign; mean of "
        f"{args.n}, in-process; CPU time, less sensitive to machine load than wall time): "
        + ", ".join(f"{k} {v[0]:.2f} ms" for k, v in cost.items())
        + f" (target ≤ {TARGET_OWN_CPU_MS:g} ms); with the HTTP exchange to AWS (aiohttp) as "
        "well: "
        + ", ".join(f"{k} {v[1]:.2f} ms" for k, v in cost.items())
        + ". Signing alone, CPU per signature of a small "
        "call: "
        + ", ".join(f"{k} {v:.3f} ms" for k, v in signing.items())
        + ". Connections stay open on both hops (aiohttp's pool to AWS; the sandbox keeps "
        "connections alive as AWS does). The client's own CPU per call is in "
        "`bench/proxy/clients.py` (see `proxy/upstream.py`'s docstring)."
        + "\n\n"
        + split_of_overhead(rows)
        + "\n\n"
        + across_rounds(rounds, loads)
        + f"\n\nTarget (STS and EMR calls, {args.latency:g} ms upstream latency): p50 ratio "
        f"≤ {TARGET_RATIO:g}× — met in {sum(met)} of {len(met)} measurements "
        f"({len(rounds)} rounds × {len(SETUPS)} setups × 2 calls).\n"
    )
    print(body)
    if not args.no_write:
        write_section("proxy", body)
        print(f"Wrote the '## proxy' section of {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
