"""Writes the `## attach (UI)` part of bench/RESULTS.md from the UI test's measurements.

The numbers come from `ui-tests/tests/attach.spec.ts`, which times, in Chromium against the
sandbox, the click on Attach (or "Attach to notebook" in Compute) → the toolbar showing the
target connected, and → the first cell result (`spark.range(1000).count()` printing 1000).

    cd ui-tests && UI_TEST_PORT=8893 npx playwright test tests/attach.spec.ts
    .venv/bin/python bench/attach/ui_report.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
LATENCY = HERE / "ui-latency.json"
RESULTS = HERE.parent / "RESULTS.md"
HEADING = "## attach (UI)"
TARGETS = {
    "emr": "EMR cluster (sparkmagic → Livy → Spark)",
    "glue": "Glue session",
    "local": "Local Spark",
}


def section(numbers: dict) -> str:
    lines = [
        HEADING,
        "",
        "Chromium against `jupyter lab` in sandbox mode on this machine (2 cores, shared), one run",
        "each, from `ui-tests/tests/attach.spec.ts`. Click = Attach in the picker (EMR, local) or",
        '"Attach to notebook" in Compute, which also opens a new notebook (Glue).',
        "",
        "| target | click → toolbar connected | click → first result (`spark.range(1000).count()`) | measured |",
        "|---|---:|---:|---|",
    ]
    for key, name in TARGETS.items():
        n = numbers.get(key)
        if not n:
            lines.append(f"| {name} | not measured | not measured | |")
            continue
        lines.append(
            f"| {name} | {n['clickToConnectedMs'] / 1000:.1f} s | "
            f"{n['clickToFirstResultMs'] / 1000:.1f} s | {n['measuredAt'][:16]}Z |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    numbers = json.loads(LATENCY.read_text())
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    new = section(numbers)
    # Replace only our subsection (up to the next `## ` heading); other sections are not ours.
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(new + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + new
    RESULTS.write_text(text)
    print(new)


if __name__ == "__main__":
    main()
