"""What an HTTP client costs the proxy per call: the candidates against one local server.

The server runs in its own process (so its CPU is not counted) and answers every request with
a small JSON body after `--latency` ms, as AWS would. Each client sends `--n` sequential POSTs
on a kept-alive connection; we report the wall-time p50 and the client process's CPU per call.
The hand-written `proxy/http1.py` it chose between (removed) measured p50 0.18–0.20 ms, CPU
0.14–0.19 ms per call on 2026-12-07 (load 1.3–2.9).

Usage: .venv/bin/python bench/proxy/clients.py [--n 2000] [--latency 0] [--clients httpx,aiohttp,aiohttp-own-env]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time

BODY = b'{"Clusters": []}'
ANSWER = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n"
    b"x-amzn-RequestId: bench\r\nContent-Length: " + str(len(BODY)).encode() + b"\r\n\r\n" + BODY
)
HEADERS = {
    "Content-Type": "application/x-amz-json-1.1",
    "X-Amz-Target": "ElasticMapReduce.ListClusters",
    "X-Amz-Date": "20261207T120000Z",
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/elasticmapreduce/"
    "aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + "0" * 64,
}


async def serve(latency: float) -> None:
    async def answer(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                await reader.readexactly(length)
                if latency:
                    await asyncio.sleep(latency)
                writer.write(ANSWER)
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


async def with_httpx(url: str, n: int) -> list[float]:
    import httpx

    async with httpx.AsyncClient(trust_env=True) as client:
        times = []
        for _ in range(n):
            started = time.perf_counter()
            async with client.stream("POST", url, headers=HEADERS, content=b"{}") as response:
                async for _chunk in response.aiter_raw():
                    pass
            times.append(time.perf_counter() - started)
        return times


async def with_aiohttp(url: str, n: int) -> list[float]:
    import aiohttp

    async with aiohttp.ClientSession(trust_env=True, auto_decompress=False) as session:
        times = []
        for _ in range(n):
            started = time.perf_counter()
            async with session.post(url, headers=HEADERS, data=b"{}") as response:
                async for _chunk in response.content.iter_any():
                    pass
            times.append(time.perf_counter() - started)
        return times


async def with_aiohttp_own_env(url: str, n: int) -> list[float]:
    """aiohttp with the proxy looked up once per host by us: trust_env=True costs two trips
    to a worker thread per request (netrc, then the proxy environment)."""
    import aiohttp

    async with aiohttp.ClientSession(auto_decompress=False) as session:
        times = []
        for _ in range(n):
            started = time.perf_counter()
            async with session.post(url, headers=HEADERS, data=b"{}", proxy=None) as response:
                async for _chunk in response.content.iter_any():
                    pass
            times.append(time.perf_counter() - started)
        return times


CLIENTS = {
    "httpx": with_httpx,
    "aiohttp": with_aiohttp,
    "aiohttp-own-env": with_aiohttp_own_env,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.0, help="ms the server waits")
    parser.add_argument("--clients", default="httpx,aiohttp,aiohttp-own-env")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(args.latency)], stdout=subprocess.PIPE
    )
    try:
        url = f"http://127.0.0.1:{int(server.stdout.readline())}/"
        print(f"load average {os.getloadavg()[0]:.2f}; {args.n} calls, server latency "
              f"{args.latency:g} ms")  # fmt: skip
        for round_ in range(1, args.rounds + 1):
            for name in args.clients.split(","):
                run = CLIENTS[name]
                asyncio.run(run(url, 50))  # imports and first connection out of the timing
                cpu = time.process_time()
                times = asyncio.run(run(url, args.n))
                cpu = (time.process_time() - cpu) / args.n * 1000
                print(
                    f"round {round_} {name:8} p50 {statistics.median(times) * 1000:.3f} ms  "
                    f"CPU/call {cpu:.3f} ms"
                )
    finally:
        server.terminate()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        asyncio.run(serve(float(sys.argv[2]) / 1000))
    else:
        main()
