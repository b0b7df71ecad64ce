"""Catalog bench: the Data section in the browser with 50 databases × 200 tables in the sandbox.

    .venv/bin/python bench/catalog/run.py [--databases 50] [--tables 200] [--reloads 5]
                                          [--screenshots DIR] [--no-write] [--from-json]

Starts JupyterLab in sandbox mode with the tables put straight into moto (bench/catalog/many.py),
waits for the sandbox's own seeding to finish, then in the same run:
- the baseline: each view's AWS calls made bare, boto3 straight to the sandbox (api.py);
- the browser: the real Data section in Chromium (measure.js): first render, open a database,
  search, select a table, over several page loads; then the eager path (every table loaded and
  expanded) and the same search and scrolling with 10,000 rows in the tree.
Results go to the `## catalog` section of bench/RESULTS.md (report.py) and results.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "shared"))

import api  # noqa: E402
import report  # noqa: E402
from lab import run_browser, running_lab, wait_for_file  # noqa: E402
from results_md import write_section  # noqa: E402


def views(args) -> dict:
    """What each view opens or looks for: the same in the browser and in the baseline."""
    last_db, last_table = args.databases - 1, args.tables - 1
    return {
        "database": "bench_000",
        "table": "table_0007",
        "other": "table_0008",
        # A column of one table only, in the last database: the search must scan them all.
        "column": f"measure_{last_db}_{last_table}_3",
        "columnHit": f"bench_{last_db:03d}.table_{last_table:04d}",
        # A column every bench table has: a full first page of results.
        "common": "event_id",
    }


def measure(args) -> dict:
    load_at_start = os.getloadavg()[0]
    env = {"BENCH_DATABASES": str(args.databases), "BENCH_TABLES": str(args.tables)}
    # Compute and Training poll; a long interval keeps their calls out of the way.
    settings = {"pollingInterval": 600}
    with running_lab(HERE / "jupyter_bench_config.py", env, "bench-catalog-", settings) as lab:
        wait_for_file(lab.work / "ready", timeout=600)
        api.use_sandbox_keys(lab)
        v = views(args)
        v["databases"] = api.database_names(lab.sandbox_endpoint)
        v["databaseCount"] = len(v["databases"])
        baseline = api.measure(lab.sandbox_endpoint, v, args.reloads)
        browser = run_browser(
            HERE / "measure.js",
            lab.base,
            str(lab.call_log),
            str(args.reloads),
            json.dumps(v),
            *([str(args.screenshots)] if args.screenshots else []),
        )
    return {
        "date": str(datetime.date.today()),
        "load": [load_at_start, os.getloadavg()[0]],
        "args": {k: args.__dict__[k] for k in ("databases", "tables", "reloads")},
        "views": v,
        "api": baseline,
        "browser": browser,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", type=int, default=50)
    parser.add_argument("--tables", type=int, default=200)
    parser.add_argument("--reloads", type=int, default=5)
    parser.add_argument("--screenshots", type=Path, help="save sidebar screenshots here")
    parser.add_argument("--no-write", action="store_true", help="print, do not edit RESULTS.md")
    parser.add_argument(
        "--from-json", action="store_true", help="rewrite the section from results.json only"
    )
    args = parser.parse_args()
    if args.from_json:
        results = json.loads((HERE / "results.json").read_text())
    else:
        results = measure(args)
        (HERE / "results.json").write_text(json.dumps(results, indent=1))
    text = report.section(results)
    print(text)
    if not args.no_write:
        write_section("catalog", text)


if __name__ == "__main__":
    main()
