"""JupyterLab for the UI tests: Galata's defaults plus the extension in sandbox mode."""

import os
import shutil
from pathlib import Path

from jupyterlab.galata import configure_jupyter_server

PORT = os.environ.get("UI_TEST_PORT", "8888")
# The sandbox's state, credentials file included (helpers/sandbox.ts reads the keys from it), in
# a folder of this checkout (git-ignored), one per server port, emptied at every start.
SANDBOX_STATE = Path(__file__).resolve().parent / ".sandbox-state" / PORT
shutil.rmtree(SANDBOX_STATE, ignore_errors=True)

configure_jupyter_server(c)  # noqa: F821  (c is Jupyter's config object)

c.AwsSparkML.mode = "sandbox"  # noqa: F821
# Fast simulated lifecycles keep the tests short; the states are the same as AWS's.
c.AwsSparkML.sandbox_lifecycle_seconds = 1.5  # noqa: F821
c.AwsSparkML.sandbox_state_dir = str(SANDBOX_STATE)  # noqa: F821
c.ServerApp.port = int(PORT)  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821  (CI runs as root)
