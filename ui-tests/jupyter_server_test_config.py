"""JupyterLab for the UI tests: Galata's defaults plus the extension in sandbox mode."""

import os
import tempfile

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821  (c is Jupyter's config object)

c.AwsSparkML.mode = "sandbox"  # noqa: F821
# Fast simulated lifecycles keep the tests short; the states are the same as AWS's.
c.AwsSparkML.sandbox_lifecycle_seconds = 1.5  # noqa: F821
c.AwsSparkML.sandbox_state_dir = tempfile.mkdtemp(prefix="ui-tests-sandbox-")  # noqa: F821
c.ServerApp.port = int(os.environ.get("UI_TEST_PORT", "8888"))  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821  (CI runs as root)
