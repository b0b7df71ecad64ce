"""JupyterLab for the compute bench: sandbox mode, bulk clusters/sessions, and a call counter.

Read by `jupyter lab --config` (see bench/shared/lab.py); run.py sets BENCH_CLUSTERS and
BENCH_SESSIONS.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bulk  # noqa: E402
import lab_config  # noqa: E402  (bench/shared, on PYTHONPATH)

lab_config.configure(get_config())  # noqa: F821
lab_config.log_calls()
lab_config.after_seed(
    lambda sandbox: (
        bulk.add_clusters(sandbox, int(os.environ["BENCH_CLUSTERS"])),
        bulk.add_sessions(sandbox, int(os.environ["BENCH_SESSIONS"])),
    )
)
