"""One training job, run for real: Starting → Downloading → Training → Uploading → Completed
(or Failed, Stopping → Stopped, MaxRuntimeExceeded), with its process, logs and metrics."""

from __future__ import annotations

import math
import shutil
import subprocess
import tarfile
import threading
import time
from collections import deque
from pathlib import Path

from ..images import classify_image
from ..processes import ChildProcesses, child_environment
from ..services import LogStream, SandboxS3, now
from . import script_mode
from .channels import DataDownloadError, download_channels, write_config
from .metrics import MetricReader, xgboost_metric_definitions

ALGORITHM = Path(__file__).with_name("xgboost_algorithm.py")
LOG_GROUP = "/aws/sagemaker/TrainingJobs"
STOP_GRACE_SECONDS = 5.0  # SageMaker gives 120 s after SIGTERM; the sandbox is less patient
# Sandbox estimate of managed spot savings: billable = 30% of training time (AWS reports
# the real figure; typical savings are 60-90%).
SPOT_BILLABLE_FRACTION = 0.3


class JobFailed(Exception):
    """Its message is the job's FailureReason."""


class TrainingRun:
    def __init__(self, sandbox, job, request: dict, processes: ChildProcesses) -> None:
        self.sandbox, self.job, self.request, self.processes = sandbox, job, request, processes
        self.name: str = job.training_job_name
        self.opt_ml: Path = sandbox.state_dir / "training" / self.name
        self.stop_status: str | None = None  # 'Stopped' | 'MaxRuntimeExceeded' once asked
        self.finished = threading.Event()
        self._process: subprocess.Popen | None = None
        self._stop_asked_at = 0.0
        self._lock = threading.Lock()
        self._logs: LogStream | None = None
        kind = classify_image(
            (request.get("AlgorithmSpecification") or {}).get("TrainingImage", "")
        )
        self.script_mode = script_mode.is_script_mode(request.get("HyperParameters") or {})
        self.builtin_xgboost = kind.framework == "xgboost" and not self.script_mode
        user_metrics = (request.get("AlgorithmSpecification") or {}).get("MetricDefinitions") or []
        self.metrics = MetricReader(
            xgboost_metric_definitions() if self.builtin_xgboost else user_metrics
        )

    # -- what the API handlers call -------------------------------------------------------
    def start(self) -> None:
        job = self.job
        job.training_job_status, job.secondary_status = "InProgress", "Starting"
        job.secondary_status_transitions = []
        job.training_start_time = job.training_end_time = None
        job.final_metric_data_list = job.model_artifacts = None
        spec = dict(job.algorithm_specification)
        spec.pop("MetricDefinitions", None)  # moto adds a made-up one
        if self.builtin_xgboost:
            spec["MetricDefinitions"] = xgboost_metric_definitions()
        elif self.request.get("AlgorithmSpecification", {}).get("MetricDefinitions"):
            spec["MetricDefinitions"] = self.request["AlgorithmSpecification"]["MetricDefinitions"]
        job.algorithm_specification = spec
        self._transition("Starting", "Launching requested ML instances")
        threading.Thread(target=self._run, name=f"training-{self.name}", daemon=True).start()

    def stop(self, status: str = "Stopped") -> bool:
        """StopTrainingJob (or the max runtime): SIGTERM now, SIGKILL after the grace period."""
        with self._lock:
            if self.finished.is_set() or self.stop_status:
                return False
            self.stop_status = status
            self._stop_asked_at = time.monotonic()
            self.job.training_job_status = "Stopping"
            self._transition("Stopping", "Stopping the training job")
            if self._process is not None and self._process.poll() is None:
                _terminate(self._process)
        return True

    # -- the run itself, on its own thread ---------------------------------------------------
    def _run(self) -> None:
        try:
            self._pause()
            if not self.stop_status:
                self.job.training_start_time = now()
                self._transition("Downloading", "Downloading input data")
                channels = self._prepare()
            if not self.stop_status:
                self._transition(
                    "Training", "Training image download completed. Training in progress."
                )
                self._train(channels)
            if self.stop_status:
                self._upload_model(required=False)
                self._finish("Stopped", self.stop_status, _STOP_MESSAGES[self.stop_status])
            else:
                self._transition("Uploading", "Uploading generated training model")
                self._upload_model(required=True)
                self._pause()
                self._finish("Completed", "Completed", "Training job completed")
        except (JobFailed, DataDownloadError) as e:
            self._finish("Failed", "Failed", "Training job failed", reason=str(e))
        except Exception as e:  # our bug: still end the job, never leave it InProgress
            self.sandbox.log.exception("Sandbox training job %s broke", self.name)
            self._finish(
                "Failed", "Failed", "Training job failed", reason=f"InternalServerError: {e}"
            )

    def _prepare(self) -> list[str]:
        job = self.request
        if self.opt_ml.exists():
            shutil.rmtree(self.opt_ml)
        write_config(self.opt_ml, job)
        self._logs = LogStream(self.sandbox, LOG_GROUP, f"{self.name}/algo-1-{int(time.time())}")
        s3 = SandboxS3(self.sandbox)
        channels = download_channels(s3, self.opt_ml, job, self.sandbox.region)
        if self.script_mode:
            source = str(script_mode.decode(job["HyperParameters"][script_mode.SUBMIT_DIRECTORY]))
            try:
                archive = s3.download(source, self.opt_ml / "sourcedir.tar.gz")
                script_mode.extract_source(archive, self.opt_ml / "code")
            except Exception as e:
                raise JobFailed(
                    f"ClientError: cannot get the training script from {source}: {e}"
                ) from None
        elif not self.builtin_xgboost:
            image = job["AlgorithmSpecification"].get("TrainingImage", "")
            raise JobFailed(
                f"ClientError: the sandbox cannot run the image {image}. It runs the SageMaker "
                "XGBoost algorithm, and script mode on the XGBoost/SKLearn framework images "
                "(hyperparameters sagemaker_program and sagemaker_submit_directory)."
            )
        return channels

    def _train(self, channels: list[str]) -> None:
        if self.script_mode:
            try:
                command = script_mode.command(self.opt_ml / "code", self.request["HyperParameters"])
            except FileNotFoundError as e:
                raise JobFailed(str(e)) from None
            env = child_environment(script_mode.environment(self.opt_ml, self.request, channels))
            cwd = self.opt_ml / "code"
        else:
            import sys

            command = [sys.executable, str(ALGORITHM), str(self.opt_ml)]
            env, cwd = child_environment(), self.opt_ml
        with self._lock:
            if self.stop_status:
                return
            self._process = self.processes.start(command, cwd=cwd, env=env)
        stderr_tail: deque[str] = deque(maxlen=12)
        readers = [
            threading.Thread(target=self._follow, args=(self._process.stdout, None), daemon=True),
            threading.Thread(
                target=self._follow, args=(self._process.stderr, stderr_tail), daemon=True
            ),
        ]
        for reader in readers:
            reader.start()
        exit_code = self._wait(self._process)
        for reader in readers:
            reader.join(5)
        self._logs and self._logs.flush()
        self.processes.forget(self._process)
        if exit_code != 0 and not self.stop_status:
            raise JobFailed(self._failure_reason(command, exit_code, stderr_tail))

    def _wait(self, process: subprocess.Popen) -> int:
        limit = (self.request.get("StoppingCondition") or {}).get("MaxRuntimeInSeconds")
        started = time.monotonic()
        while True:
            try:
                return process.wait(0.2)
            except subprocess.TimeoutExpired:
                pass
            if limit and time.monotonic() - started > float(limit) and not self.stop_status:
                self.stop("MaxRuntimeExceeded")
            if self.stop_status and time.monotonic() - self._stop_asked_at > STOP_GRACE_SECONDS:
                self.processes.stop(process, grace_seconds=0.5)
            self._logs and self._logs.flush()

    def _follow(self, stream, tail: deque | None) -> None:
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if self._logs:
                self._logs.write(line)
            self.metrics.read(line.replace("\t", "#011"))
            if tail is not None and line.strip():
                tail.append(line)
        stream.close()

    def _failure_reason(self, command: list[str], exit_code: int, tail: deque) -> str:
        failure_file = self.opt_ml / "output" / "failure"
        if failure_file.is_file() and failure_file.read_text().strip():
            return failure_file.read_text().strip()[:1024]
        message = "\n".join(tail)[-700:] or "(no output on stderr)"
        return (
            f"AlgorithmError: ExecuteUserScriptError:\nExitCode {exit_code}\nErrorMessage "
            f'"{message}"\nCommand "{" ".join(command)}", exit code: {exit_code}'
        )[:1024]

    def _upload_model(self, required: bool) -> None:
        model_dir = self.opt_ml / "model"
        files = [p for p in model_dir.rglob("*") if p.is_file()] if model_dir.is_dir() else []
        if not files and not required:
            return
        target = f"{self.request['OutputDataConfig']['S3OutputPath'].rstrip('/')}/{self.name}/output/model.tar.gz"
        archive = self.opt_ml / "model.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            for path in files:
                tar.add(path, arcname=str(path.relative_to(model_dir)))
        try:
            SandboxS3(self.sandbox).upload(archive, target)
        except Exception as e:
            raise JobFailed(f"ClientError: Failed to upload the model to {target}: {e}") from None
        self.job.model_artifacts = {"S3ModelArtifacts": target}

    # -- state changes in moto's job object -------------------------------------------------
    def _transition(self, status: str, message: str) -> None:
        at = now()
        transitions = self.job.secondary_status_transitions or []
        if transitions and "EndTime" not in transitions[-1]:
            transitions[-1]["EndTime"] = at
        transitions.append({"Status": status, "StartTime": at, "StatusMessage": message})
        self.job.secondary_status_transitions = transitions
        self.job.secondary_status = status
        self.job.last_modified_time = at

    def _finish(self, status: str, secondary: str, message: str, reason: str | None = None) -> None:
        with self._lock:
            if self._logs:
                if reason:
                    self._logs.write(reason)
                self._logs.flush()
            job, end = self.job, now()
            job.training_end_time = end
            start = job.training_start_time or end
            seconds = max(1, math.ceil((end - start).total_seconds()))
            job.training_time_in_seconds = seconds
            spot = bool(self.request.get("EnableManagedSpotTraining"))
            job.billable_time_in_seconds = (
                max(1, math.ceil(seconds * SPOT_BILLABLE_FRACTION)) if spot else seconds
            )
            if reason:
                job.failure_reason = reason
            job.final_metric_data_list = [
                {"MetricName": k, "Value": v, "Timestamp": end}
                for k, v in self.metrics.latest.items()
            ] or None
            self._transition(secondary, message)
            job.secondary_status_transitions[-1]["EndTime"] = end
            job.training_job_status = status
            self.finished.set()

    def _pause(self) -> None:
        deadline = time.monotonic() + self.sandbox.lifecycle_seconds
        while time.monotonic() < deadline and not self.stop_status:
            time.sleep(0.05)


_STOP_MESSAGES = {
    "Stopped": "Training job stopped",
    "MaxRuntimeExceeded": "Training job stopped because it exceeded MaxRuntimeInSeconds",
}


def _terminate(process: subprocess.Popen) -> None:
    import os
    import signal

    try:
        os.killpg(process.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        pass
