"""Bundle bench: the JavaScript JupyterLab transfers for this extension, sidebar closed and open.

    .venv/bin/python bench/bundle/run.py --label before|after [--labextension DIR] [--no-write]

Measures the labextension that is built in place (`make demo` / `npm run build:prod`): starts
JupyterLab in sandbox mode, loads it in Chromium with the AWS sidebar closed, then opens the
sidebar with every section expanded (measure.js). Each JavaScript response is counted: bytes on
the wire, decoded bytes and gzip -6 bytes (Jupyter's server sends them uncompressed; a
compressing proxy or server would send the gzip size). Results keyed by `--label` are kept in
results.json; the `## bundle` section of bench/RESULTS.md shows every label side by side.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "shared"))

from lab import run_browser, running_lab  # noqa: E402
from results_md import write_section  # noqa: E402

BUILT = ROOT / "jupyterlab_aws_spark_ml" / "labextension"
NAME = "jupyterlab-aws-spark-ml"
OPEN_TARGET_KB = 250


def build_kind(built: Path) -> str:
    """webpack's development output keeps its `/***/` module separators; production minifies."""
    entry = next((built / "static").glob("remoteEntry.*.js"))
    return "development" if "/***/" in entry.read_text() else "production"


def kb(n: int) -> str:
    return f"{n / 1024:.0f}"


def summarise(files: list[dict]) -> dict:
    out = {}
    phases = {"load": ("load",), "open": ("open",), "both": ("load", "open")}
    for name, which in phases.items():
        mine = [f for f in files if f["phase"] in which and f["extension"]]
        out[name] = {
            "files": len(mine),
            "wire": sum(f["wire"] for f in mine),
            "raw": sum(f["raw"] for f in mine),
            "gz": sum(f["gz"] for f in mine),
            "lab_gz": sum(f["gz"] for f in files if f["phase"] in which and not f["extension"]),
            "largest": sorted(
                ((f["url"].split("?")[0].rsplit("/", 1)[-1], f["gz"]) for f in mine),
                key=lambda x: -x[1],
            )[:5],
        }
    return out


def measure(built: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-bundle-path-") as jupyter_path:
        # JupyterLab takes the first labextension of a name it finds, JUPYTER_PATH first.
        (Path(jupyter_path) / "labextensions").mkdir()
        (Path(jupyter_path) / "labextensions" / NAME).symlink_to(built.resolve())
        env = {
            "JUPYTER_PATH": os.pathsep.join(
                filter(None, [jupyter_path, os.environ.get("JUPYTER_PATH")])
            )
        }
        with running_lab(HERE / "jupyter_bench_config.py", env, "bench-bundle-") as lab:
            result = run_browser(HERE / "measure.js", lab.base, str(lab.call_log))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=built, capture_output=True, text=True
    ).stdout.strip()
    encodings = sorted({f["encoding"] or "none" for f in result["files"] if f["extension"]})
    return {
        "date": str(datetime.date.today()),
        "commit": commit,
        "build": build_kind(built),
        "encodings": encodings,
        "sections": result["sections"],
        "sidebar_open_at_load": result["sidebarOpen"] == "true",
        "aws_calls": result["calls"],
        "load_average": round(os.getloadavg()[0], 1),
        **summarise(result["files"]),
    }


def section(results: dict[str, dict]) -> str:
    labels = list(results)
    head = "| measure | " + " | ".join(labels) + " |\n|---|" + "---|" * len(labels)

    def row(name, cell):
        return f"| {name} | " + " | ".join(cell(results[lb]) for lb in labels) + " |"

    rows = [
        row("build (commit)", lambda r: f"{r['build']} ({r['commit']})"),
        row("**sidebar closed**: extension JS files", lambda r: str(r["load"]["files"])),
        row(
            "… KB decoded / **KB gzipped**",
            lambda r: f"{kb(r['load']['raw'])} / **{kb(r['load']['gz'])}**",
        ),
        row("**then opening the sidebar**: more JS files", lambda r: str(r["open"]["files"])),
        row(
            "… KB decoded / **KB gzipped**",
            lambda r: f"{kb(r['open']['raw'])} / **{kb(r['open']['gz'])}**",
        ),
        row(
            "**sidebar open**, all sections shown: KB gzipped in all (closed + opening)",
            lambda r: f"**{kb(r['both']['gz'])}**",
        ),
        row(
            "… KB on the wire (Content-Encoding)",
            lambda r: f"{kb(r['both']['wire'])} ({', '.join(r['encodings'])})",
        ),
        row(
            f"sidebar open ≤ {OPEN_TARGET_KB} KB gz",
            lambda r: "meets" if r["both"]["gz"] <= OPEN_TARGET_KB * 1024 else "MISSES",
        ),
        row(
            "AWS calls the page sends with the sidebar closed",
            lambda r: (
                ", ".join(sorted({c or "(query protocol)" for c in r["aws_calls"]["load"]}))
                or "none"
            ),
        ),
        row("JupyterLab's own JS, load (KB gz, for scale)", lambda r: kb(r["load"]["lab_gz"])),
        row("1-min load average", lambda r: str(r["load_average"])),
    ]
    largest = "\n".join(
        f"- {lb}: " + ", ".join(f"`{name}` {kb(gz)}" for name, gz in results[lb]["both"]["largest"])
        for lb in labels
    )
    last = results[labels[-1]]
    return f"""`bench/bundle/run.py` ({last["date"]}, Debian's Chromium via Playwright, shared 2-core machine).
JupyterLab in sandbox mode with the labextension built in place; a fresh browser context (empty
cache) loads `/lab?reset` with the AWS sidebar closed and waits until the network and the
sandbox are quiet; then the sidebar is opened with all its sections
({", ".join(last["sections"])}) and the same wait. Counted: every `.js` response under
`/lab/extensions/jupyterlab-aws-spark-ml/`. Jupyter's server sends them uncompressed, so
"gzipped" is each body through gzip -6: what a compressing reverse proxy would send.

{head}
{chr(10).join(rows)}

Largest extension chunks by the time the sidebar shows (KB gz):
{largest}

- What the page calls while the sidebar is closed (the AWS calls row) loads those clients'
  chunks before the sidebar opens, so that weight lands under "sidebar closed"; "sidebar open"
  (closed + opening) is the number the target is about.
- Why the "before" builds carry whole SDK clients: `@jupyterlab/builder` makes every
  `dependencies` entry a Module Federation shared module, and a shared module is bundled whole
  (another extension could ask for any export). `package.json` now takes the SDK packages out of
  sharing (`jupyterlab.sharedPackages: false`), and feature code imports
  `src/aws/sdk/<client>.ts`, which re-exports only the client and commands `src/` uses, so
  webpack 5 (the SDK declares `sideEffects: false`) drops the other commands and their
  serializers. `make demo` and `make test` serve the production build (`make demo DEV=1`: the
  development one).
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--label", required=True, help="column name, e.g. before / after")
    parser.add_argument(
        "--labextension",
        type=Path,
        default=BUILT,
        help="a built labextension folder to measure instead (e.g. a git worktree's)",
    )
    parser.add_argument("--no-write", action="store_true", help="print, do not edit RESULTS.md")
    args = parser.parse_args()
    path = HERE / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results[args.label] = measure(args.labextension)
    path.write_text(json.dumps(results, indent=1) + "\n")
    text = section(results)
    print(text)
    if not args.no_write:
        write_section("bundle", text)


if __name__ == "__main__":
    main()
