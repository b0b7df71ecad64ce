"""JupyterLab for the bundle bench: sandbox mode, a call counter, nothing added to the seed.

Read by `jupyter lab --config` (see bench/shared/lab.py).
"""

import lab_config  # bench/shared, on PYTHONPATH

lab_config.configure(get_config())  # noqa: F821
lab_config.log_calls()
