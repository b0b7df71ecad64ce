"""The 'training' sandbox component: CreateTrainingJob really trains; StopTrainingJob works;
ListTrainingJobs shows the secondary status. Everything else about jobs is moto's."""

from __future__ import annotations

import json

from ...aws_errors import json_error
from ...gateway import after, handles
from ...messages import AwsRequest, AwsResponse
from ..processes import ProcessComponent
from ..services import sagemaker_state
from .job import TrainingRun

SERVICE = "sagemaker"


class TrainingComponent(ProcessComponent):
    name = "training"

    def __init__(self) -> None:
        super().__init__()
        self.runs: dict[str, TrainingRun] = {}

    def stop(self) -> None:
        for run in list(self.runs.values()):
            run.stop()
        self.processes.stop_all()
        for run in list(self.runs.values()):
            run.finished.wait(10)

    def _job(self, name: str):
        return sagemaker_state(self.sandbox).training_jobs.get(name)

    def _arn(self, name: str) -> str:
        s = self.sandbox
        return f"arn:aws:sagemaker:{s.region}:{s.account_id}:training-job/{name}"

    @handles(SERVICE, "CreateTrainingJob")
    def _refuse_duplicate_name(self, req: AwsRequest) -> AwsResponse | None:
        name = req.params.get("TrainingJobName", "")
        if self._job(name) is not None:
            return json_error(
                "ResourceInUse",
                "Training job names must be unique within an AWS account and region, and a "
                f"training job with this name already exists ({self._arn(name)})",
            )
        return None

    @after(SERVICE, "CreateTrainingJob")
    def _start_training(self, req: AwsRequest, resp: AwsResponse) -> None:
        if resp.status != 200:
            return
        job = self._job(req.params["TrainingJobName"])
        run = TrainingRun(self.sandbox, job, req.params, self.processes)
        self.runs[run.name] = run
        run.start()

    @handles(SERVICE, "StopTrainingJob")
    def _stop_training(self, req: AwsRequest) -> AwsResponse:
        name = req.params.get("TrainingJobName", "")
        job = self._job(name)
        if job is None:
            return json_error(
                "ValidationException", f"Requested resource not found: {self._arn(name)}"
            )
        run = self.runs.get(name)
        if run is None or not run.stop():
            return json_error(
                "ValidationException",
                f"The request was rejected because the training job is in status {job.training_job_status}.",
            )
        return AwsResponse.of_json({})

    @after(SERVICE, "ListTrainingJobs")
    def _add_secondary_status(self, req: AwsRequest, resp: AwsResponse) -> AwsResponse | None:
        if resp.status != 200:
            return None
        body = resp.json()
        for summary in body.get("TrainingJobSummaries", []):
            job = self._job(summary["TrainingJobName"])
            if job is not None:
                summary["SecondaryStatus"] = job.secondary_status
        return AwsResponse(resp.status, resp.headers, json.dumps(body).encode())
