"""Build `<workload>.zip` for --py-files (EMR step) or --extra-py-files (Glue): the workload's
package plus the shared `jobcommon`, both at the zip's root so Python can import them.

    python spark-jobs/package.py no2 [--out dist/]
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build(workload: str, out: Path) -> Path:
    package = HERE / workload / workload
    if not package.is_dir():
        choices = sorted(p.name for p in HERE.iterdir() if (p / p.name).is_dir())
        raise SystemExit(f"workload: no {workload!r} here. Fix: use one of {', '.join(choices)}")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{workload}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for root in (package, HERE / "common" / "jobcommon"):
            for path in sorted(root.rglob("*.py")):
                archive.write(path, path.relative_to(root.parent))
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("workload")
    parser.add_argument("--out", type=Path, default=Path("dist"))
    args = parser.parse_args()
    print(build(args.workload, args.out))
