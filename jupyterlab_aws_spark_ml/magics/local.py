"""Local Spark in the kernel itself: `spark` in the notebook, cells run as ordinary Python.

In sandbox mode (AWS_ENDPOINT_URL set) the session gets the sandbox's S3A settings from
`sandbox.engines.spark`, so `spark.read.csv("s3a://sandbox-demo/…")` reads the sandbox's S3.
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
from typing import Any

from .announce import ConnectFailed
from .aws import resolve_region
from .connection import StatementOutput


def _sandbox_session(cores: int):
    from ..sandbox.engines import spark as sandbox_spark

    conf_of = getattr(sandbox_spark, "local_spark_conf", None)
    if conf_of is None:
        return None
    os.environ.update(sandbox_spark.spark_environment())
    conf = conf_of(os.environ["AWS_ENDPOINT_URL"], resolve_region(None), "notebook", True)
    conf["spark.master"] = f"local[{cores}]"
    return conf


def _plain_conf(cores: int) -> dict[str, str]:
    conf = {
        "spark.master": f"local[{cores}]",
        "spark.app.name": "notebook",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
    }
    try:  # S3A with the default AWS credential chain, when `make` cached the jars
        from ..sandbox.engines.maven import cached_jars

        conf["spark.driver.extraClassPath"] = os.pathsep.join(str(p) for p in cached_jars())
        conf["spark.hadoop.fs.s3a.aws.credentials.provider"] = (
            "com.amazonaws.auth.DefaultAWSCredentialsProviderChain"
        )
    except Exception:
        pass  # plain local Spark still works; s3a:// paths will say the class is missing
    return conf


class LocalConnection:
    target = "local"
    remote = False

    def __init__(self, user_namespace: dict, cores: int = 2) -> None:
        from pyspark.sql import SparkSession

        self._namespace = user_namespace
        try:
            conf = _sandbox_session(cores) if os.environ.get("AWS_ENDPOINT_URL") else None
            conf = conf or _plain_conf(cores)
            builder = SparkSession.builder
            for key, value in conf.items():
                builder = builder.config(key, value)
            self.spark = builder.getOrCreate()
        except Exception as e:
            raise ConnectFailed(
                "local",
                f"local Spark did not start ({type(e).__name__}: {str(e)[:300]})",
                "Spark 3.5 needs Java 17 (Debian: apt-get install openjdk-17-jre-headless) and, "
                "for s3a://, the jars from `python -m jupyterlab_aws_spark_ml.sandbox.engines "
                "fetch`",
            ) from None
        user_namespace["spark"] = self.spark
        user_namespace["sc"] = self.spark.sparkContext

    def cancel_jobs_on_interrupt(self, shell) -> None:
        """Interrupting a cell stops its Spark jobs too.

        pyspark cancels jobs from its own SIGINT handler, but ipykernel replaces that handler
        while a cell runs, so without this the JVM keeps computing and the next cell waits."""
        spark = self.spark

        def cancel_then_show(shell, etype, value, tb, tb_offset=None):
            try:
                spark.sparkContext.cancelAllJobs()
            except Exception:  # Spark already stopped: nothing left to cancel
                pass
            print("Interrupted: cancelled the running Spark jobs.")
            # Still an interrupted cell (so Run All stops), without py4j's socket traceback.
            shell.showtraceback((etype, value, tb), exception_only=True)

        shell.set_custom_exc((KeyboardInterrupt,), cancel_then_show)
        self._shell = shell

    def connected_event(self) -> dict[str, Any]:
        return {
            "event": "connected",
            "target": "local",
            "id": "local",
            "master": self.spark.sparkContext.master,
            "sessionId": self.spark.sparkContext.applicationId,
            "sparkUi": self.spark_ui(),
        }

    def run(self, code: str) -> StatementOutput:
        """Run `code` in the notebook's namespace and report what it printed plus the last
        expression's value, as a Livy statement would."""
        tree = ast.parse(code)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(tree, "<aws_spark local>", "exec"), self._namespace)
            value = None
            if last is not None:
                expression = ast.Expression(last.value)
                value = eval(compile(expression, "<aws_spark local>", "eval"), self._namespace)
        text = printed.getvalue() + ("" if value is None else repr(value))
        return StatementOutput("text/plain", text)

    def spark_ui(self) -> str | None:
        return self.spark.sparkContext.uiWebUrl

    def status(self) -> dict[str, Any]:
        stopped = self.spark.sparkContext._jsc is None
        return {
            "event": "status",
            "target": "local",
            "id": "local",
            "state": "stopped" if stopped else "idle",
            "sparkUi": None if stopped else self.spark_ui(),
        }

    def disconnect(self) -> str:
        shell = getattr(self, "_shell", None)
        if shell is not None:
            shell.set_custom_exc((), None)
        self.spark.stop()
        for name in ("spark", "sc"):
            self._namespace.pop(name, None)
        return "Stopped the local Spark session."

    def scratch_scheme(self) -> str:
        return "s3a"
