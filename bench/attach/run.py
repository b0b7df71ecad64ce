"""Bench attach, kernel side, in the sandbox: for each target (EMR, Glue, local Spark), the time
from sending the connect cell to the first result of `spark.range(1000).count()`, and the
round-trip of small statements once attached. Writes the '## attach' section of bench/RESULTS.md.

The click → connect-cell part (the UI writing and running the cell) is measured by the UI tests.

    .venv/bin/python bench/attach/run.py [--statements 20] [--targets emr,glue,local]
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from jupyterlab_aws_spark_ml.sandbox import Sandbox  # noqa: E402
from jupyterlab_aws_spark_ml.tests.magics.conftest import (  # noqa: E402
    create_glue_session,
    glue_session_state,
    provision_cluster,
    wait_for_cluster,
)
from jupyterlab_aws_spark_ml.tests.magics.notebook_kernel import (  # noqa: E402
    NotebookKernel,
    wait_for,
)

FIRST_RESULT = "spark.range(1000).count()"
SMALL_STATEMENTS = {"1 + 1": "2", "spark.range(1000).count()": "1000"}


def connect_line(box: Sandbox, target: str) -> tuple[str, float]:
    """The connect cell for `target` and how long its compute took to become usable."""
    started = time.perf_counter()
    if target == "emr":
        cluster_id = provision_cluster(box, "bench-attach")
        wait_for_cluster(box, cluster_id, "WAITING")
        return f"%aws_spark connect emr --cluster-id {cluster_id}", time.perf_counter() - started
    if target == "glue":
        session_id = create_glue_session(box, "bench-attach")
        wait_for(lambda: glue_session_state(box, session_id) == "READY", 120, "Glue READY")
        return f"%aws_spark connect glue --session-id {session_id}", time.perf_counter() - started
    return "%aws_spark connect local", 0.0


def last_line(cell) -> str:
    text = cell.text.strip()
    return text.splitlines()[-1] if text else ""


def bench_target(box: Sandbox, target: str, statements: int) -> dict:
    line, ready_seconds = connect_line(box, target)
    kernel = NotebookKernel(box.environment())
    try:
        kernel.run("%load_ext jupyterlab_aws_spark_ml")  # as the UI's cell; kernel is warm
        started = time.perf_counter()
        connected = kernel.run(line, timeout=300)
        connect_seconds = time.perf_counter() - started
        assert connected.ok, connected.error_text + connected.stdout
        first = kernel.run(FIRST_RESULT, timeout=300)
        first_result_seconds = time.perf_counter() - started
        assert last_line(first) == "1000", first.text + first.error_text
        round_trips: dict[str, list[float]] = {code: [] for code in SMALL_STATEMENTS}
        for _ in range(statements):
            for code, expected in SMALL_STATEMENTS.items():
                began = time.perf_counter()
                cell = kernel.run(code, timeout=120)
                round_trips[code].append(time.perf_counter() - began)
                assert last_line(cell) == expected, cell.text + cell.error_text
        kernel.run("%aws_spark disconnect", timeout=120)
    finally:
        kernel.close()
    return {
        "ready": ready_seconds,
        "connect": connect_seconds,
        "first": first_result_seconds,
        "trips": {code: _percentiles(times) for code, times in round_trips.items()},
    }


def _percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p90 * 1000


def write_section(text: str) -> None:
    results = ROOT / "bench" / "RESULTS.md"
    old = results.read_text() if results.exists() else "# Benchmarks\n"
    out, skipping = [], False
    for line in old.splitlines():
        if line.startswith("## "):
            skipping = line.strip() == "## attach"
        if not skipping:
            out.append(line)
    results.write_text("\n".join(out).rstrip() + "\n\n" + text.rstrip() + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=20)
    parser.add_argument("--targets", default="emr,glue,local")
    args = parser.parse_args()
    targets = args.targets.split(",")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per sandbox request
    load_before = os.getloadavg()[0]
    box = Sandbox(lifecycle_seconds=0.5).start()
    try:
        results = {target: bench_target(box, target, args.statements) for target in targets}
    finally:
        box.stop()
    names = {"emr": "EMR (sparkmagic → Livy)", "glue": "Glue session", "local": "local Spark"}
    rows = []
    for target, r in results.items():
        trivial, count = r["trips"]["1 + 1"], r["trips"]["spark.range(1000).count()"]
        rows.append(
            f"| {names[target]} | {r['connect']:.1f} s | {r['first']:.1f} s "
            f"| {trivial[0]:.0f} / {trivial[1]:.0f} ms | {count[0]:.0f} / {count[1]:.0f} ms |"
        )
    today = datetime.date.today().isoformat()
    load = f"1-min load average {load_before:.1f} before / {os.getloadavg()[0]:.1f} after"
    write_section(
        f"""## attach

Kernel side of attach in the sandbox (`bench/attach/run.py`, {today}, 2-core shared machine,
{load}, lifecycle_seconds=0.5, one attach per target, {args.statements} runs of each statement).
"connect" is the `%aws_spark connect …` cell alone (for EMR it includes starting the Livy
session's Spark; Glue's Spark starts at the first statement, local Spark in the connect cell);
"first result" runs from sending the connect cell to the result of `{FIRST_RESULT}`.
Compute was already WAITING/READY; the UI's click → cell time is measured by the UI tests.

| target | connect | connect → first result | `1 + 1` round trip p50 / p90 | `spark.range(1000).count()` p50 / p90 |
|---|---|---|---|---|
{chr(10).join(rows)}
"""
    )
    print((ROOT / "bench" / "RESULTS.md").read_text())


if __name__ == "__main__":
    main()
