"""One production variant's model, served by a local process: download model.tar.gz from sandbox
S3, start inference_server.py, wait until /ping answers, forward invocations to it."""

from __future__ import annotations

import http.client
import secrets
import shutil
import sys
import tarfile
import threading
import time
from pathlib import Path

from ..processes import ChildProcesses, child_environment
from ..services import LogStream, SandboxS3
from ..training import script_mode

SERVER = Path(__file__).with_name("inference_server.py")
TOKEN_VARIABLE, TOKEN_HEADER = "SANDBOX_INFERENCE_TOKEN", "X-Sandbox-Token"  # as the server reads
START_TIMEOUT_SECONDS = 60.0


class DeploymentFailed(Exception):
    """Its message is the endpoint's FailureReason."""


class ModelServer:
    def __init__(self, sandbox, endpoint: str, variant: dict, model, processes: ChildProcesses):
        self.sandbox, self.endpoint, self.processes = sandbox, endpoint, processes
        self.variant_name: str = variant["VariantName"]
        self.weight = float(variant.get("InitialVariantWeight", 1.0) or 1.0)
        self.model = model
        self.folder = (
            sandbox.state_dir
            / "endpoints"
            / endpoint
            / f"{self.variant_name}-{secrets.token_hex(3)}"
        )
        self.port: int | None = None
        self._process = None
        self._stopping = False
        self.log_stream = f"{self.variant_name}/i-{secrets.token_hex(8)}"
        # The inference server answers only requests carrying this (other local users cannot).
        self._token = secrets.token_urlsafe(24)

    def start(self) -> None:
        container = self.model.primary_container or (self.model.containers or [{}])[0]
        model_url = container.get("ModelDataUrl")
        if not model_url:
            raise DeploymentFailed(
                f"The model {self.model.model_name} has no ModelDataUrl to serve."
            )
        s3 = SandboxS3(self.sandbox)
        model_dir, code_dir = self.folder / "model", self.folder / "code"
        try:
            archive = s3.download(model_url, self.folder / "model.tar.gz")
            with tarfile.open(archive) as tar:
                tar.extractall(model_dir, filter="data")
        except Exception:
            bucket, _, key = model_url.removeprefix("s3://").partition("/")
            raise DeploymentFailed(
                f"Failed to download model data(bucket: {bucket}, key: {key}). Please ensure that "
                "there is an object located at the URL and that the role passed to CreateModel "
                "has permissions to download the model."
            ) from None
        command = [sys.executable, str(SERVER), str(model_dir)]
        env = container.get("Environment") or {}
        program, source = env.get("SAGEMAKER_PROGRAM"), env.get("SAGEMAKER_SUBMIT_DIRECTORY")
        if program and source:
            try:
                script_mode.extract_source(
                    s3.download(source, self.folder / "sourcedir.tar.gz"), code_dir
                )
            except Exception as e:
                raise DeploymentFailed(
                    f"Failed to download the inference code from {source}: {e}"
                ) from None
            command += [str(code_dir), program]
        logs = LogStream(self.sandbox, f"/aws/sagemaker/Endpoints/{self.endpoint}", self.log_stream)
        self._process = self.processes.start(
            command, cwd=self.folder, env=child_environment({TOKEN_VARIABLE: self._token})
        )
        threading.Thread(
            target=self._follow, args=(self._process.stderr, logs), daemon=True
        ).start()
        self.port = self._read_port(logs)
        self._wait_for_ping()

    def _read_port(self, logs: LogStream) -> int:
        port = None
        for raw in iter(self._process.stdout.readline, b""):
            line = raw.decode("utf-8", "replace").strip()
            logs.write(line)
            if line.startswith("PORT "):
                port = int(line.split()[1])
                break
        logs.flush()
        threading.Thread(
            target=self._follow, args=(self._process.stdout, logs), daemon=True
        ).start()
        if port is None:
            time.sleep(0.3)  # let the stderr follower ship the reason
            self.stop()
            raise DeploymentFailed(
                f"The primary container for production variant {self.variant_name} did not pass "
                "the ping health check. Please check CloudWatch logs for this endpoint."
            )
        return port

    def _wait_for_ping(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            try:
                status, _, _ = self._request("GET", "/ping", b"", {})
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise DeploymentFailed(
            f"The primary container for production variant {self.variant_name} did not pass the "
            "ping health check. Please check CloudWatch logs for this endpoint."
        )

    def invoke(self, body: bytes, content_type: str, accept: str) -> tuple[int, bytes, str]:
        headers = {"Content-Type": content_type or "text/csv"}
        if accept:
            headers["Accept"] = accept
        return self._request("POST", "/invocations", body, headers)

    def _request(
        self, method: str, path: str, body: bytes, headers: dict
    ) -> tuple[int, bytes, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(
                method, path, body=body, headers={**headers, TOKEN_HEADER: self._token}
            )
            response = connection.getresponse()
            return response.status, response.read(), response.getheader("Content-Type", "")
        finally:
            connection.close()

    def watch(self, on_exit) -> None:
        """Call `on_exit(self, returncode)` if the server ends without stop() (killed, crashed)."""

        def wait() -> None:
            code = self._process.wait()
            if not self._stopping:
                on_exit(self, code)

        threading.Thread(target=wait, name=f"endpoint-{self.endpoint}", daemon=True).start()

    def stop(self) -> None:
        self._stopping = True
        if self._process is not None:
            self.processes.stop(self._process)
        shutil.rmtree(self.folder, ignore_errors=True)

    @staticmethod
    def _follow(stream, logs: LogStream) -> None:
        for raw in iter(stream.readline, b""):
            logs.write(raw.decode("utf-8", "replace").rstrip("\n"))
            logs.flush()
        stream.close()
