"""JupyterLab for the catalog bench: sandbox mode, 50 × 200 Glue tables, and a call counter.

Read by `jupyter lab --config` (see bench/shared/lab.py); run.py sets BENCH_DATABASES and
BENCH_TABLES. When the sandbox's own seeding (datasets, then Lake Formation grants, in background
threads) has finished, `ready` appears in BENCH_WORK, so nothing else is busy while we measure.
"""

import os
import sys
import threading
from pathlib import Path

import lab_config  # bench/shared, on PYTHONPATH

sys.path.insert(0, str(Path(__file__).parent))  # many.py, next to this file
from many import create_many_tables  # noqa: E402


def add_tables(sandbox) -> None:
    create_many_tables(sandbox, int(os.environ["BENCH_DATABASES"]), int(os.environ["BENCH_TABLES"]))

    def mark_ready() -> None:
        sandbox.parts.lake_formation.wait_until_ready(timeout=600)
        (Path(os.environ["BENCH_WORK"]) / "ready").touch()

    threading.Thread(target=mark_ready, name="bench-ready", daemon=True).start()


lab_config.configure(get_config())  # noqa: F821
lab_config.log_calls()
lab_config.after_seed(add_tables)
# window.jupyterapp: the eager-path comparison drives the Data section's model directly.
get_config().LabApp.expose_app_in_browser = True  # noqa: F821
