"""Sandbox training jobs train for real: built-in XGBoost, script mode, failures, stops."""

from __future__ import annotations

import io
import json
import tarfile

import numpy as np
import pytest
from botocore.exceptions import ClientError

from .jobs import BUCKET, script_job, training_job, wait_for_job, wait_until

SKLEARN_SCRIPT = """
import argparse, glob, json, os
import joblib, numpy as np
from sklearn.linear_model import LinearRegression

parser = argparse.ArgumentParser()
parser.add_argument("--fit_intercept", type=str, default="true")
args = parser.parse_args()
assert os.environ["SM_NUM_GPUS"] == "0" and os.environ["SM_CURRENT_HOST"] == "algo-1"
assert json.loads(os.environ["SM_CHANNELS"]) == ["train"]
assert json.loads(os.environ["SM_HPS"]) == {"fit_intercept": "false"}
rows = np.vstack([np.loadtxt(f, delimiter=",", ndmin=2) for f in glob.glob(os.environ["SM_CHANNEL_TRAIN"] + "/*.csv")])
model = LinearRegression(fit_intercept=args.fit_intercept == "true").fit(rows[:, 1:], rows[:, 0])
print(f"r2={model.score(rows[:, 1:], rows[:, 0]):.4f}")
joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
"""

SLEEPING_SCRIPT = """
import subprocess, time
subprocess.Popen(["sleep", "300"])  # a grandchild: stopping must reach it too
print("started", flush=True)
time.sleep(300)
"""


def test_builtin_xgboost_trains_logs_and_uploads_the_model(sandbox, sagemaker, xgboost_job):
    first, job = xgboost_job
    assert (first["TrainingJobStatus"], first["SecondaryStatus"]) == ("InProgress", "Starting")
    assert job["TrainingJobStatus"] == "Completed", job.get("FailureReason")
    assert [t["Status"] for t in job["SecondaryStatusTransitions"]] == [
        "Starting", "Downloading", "Training", "Uploading", "Completed",
    ]  # fmt: skip
    metrics = {m["MetricName"]: m["Value"] for m in job["FinalMetricDataList"]}
    labels = np.loadtxt(
        io.BytesIO(
            sandbox.client("s3")
            .get_object(Bucket=BUCKET, Key="ml-tests/validation/part-0.csv")["Body"]
            .read()
        ),
        delimiter=",",
    )[:, 0]
    # It really learned: validation error far below predicting the mean.
    assert 0 < metrics["validation:rmse"] < 0.3 * labels.std()
    assert "train:rmse" in metrics
    artifact = job["ModelArtifacts"]["S3ModelArtifacts"]
    assert artifact == f"s3://{BUCKET}/ml-tests/output/{job['TrainingJobName']}/output/model.tar.gz"
    body = (
        sandbox.client("s3").get_object(Bucket=BUCKET, Key=artifact.split("/", 3)[3])["Body"].read()
    )
    assert tarfile.open(fileobj=io.BytesIO(body)).getnames() == ["xgboost-model"]
    # Managed spot: the sandbox estimates savings, so billable time is below training time.
    assert job["TrainingStartTime"] <= job["TrainingEndTime"]
    assert 0 < job["BillableTimeInSeconds"] < job["TrainingTimeInSeconds"]
    logs = sandbox.client("logs")
    stream = logs.describe_log_streams(
        logGroupName="/aws/sagemaker/TrainingJobs", logStreamNamePrefix=job["TrainingJobName"]
    )["logStreams"][0]
    assert stream["logStreamName"].startswith(f"{job['TrainingJobName']}/algo-1-")
    events = logs.get_log_events(
        logGroupName="/aws/sagemaker/TrainingJobs", logStreamName=stream["logStreamName"]
    )["events"]
    assert any(
        e["message"].startswith("[29]#011train-rmse:") and "#011validation-rmse:" in e["message"]
        for e in events
    )
    listed = sagemaker.list_training_jobs(NameContains=job["TrainingJobName"])[
        "TrainingJobSummaries"
    ]
    assert listed[0]["TrainingJobStatus"] == "Completed"


@pytest.mark.parametrize(
    "hyperparameters, reason",
    [
        (
            {"objective": "reg:squarederror"},
            "ClientError: Missing required hyperparameter: num_round",
        ),
        (
            {"num_round": "ten"},
            "ClientError: Hyperparameter num_round: could not parse value (caused by ValueError)",
        ),
        (
            {"num_round": "5", "objective": "reg:nope"},
            "ClientError: Hyperparameter objective: reg:nope is not in [",
        ),
    ],
)
def test_bad_hyperparameters_fail_with_the_container_message(sagemaker, hyperparameters, reason):
    name = f"bad-{abs(hash(json.dumps(hyperparameters))) % 10**8}"
    sagemaker.create_training_job(**training_job(name, hyperparameters))
    job = wait_for_job(sagemaker, name)
    assert job["TrainingJobStatus"] == "Failed"
    assert job["FailureReason"].startswith(reason)
    assert "ModelArtifacts" not in job


def test_duplicate_job_name_is_refused(sagemaker, xgboost_job):
    with pytest.raises(ClientError) as e:
        sagemaker.create_training_job(
            **training_job(xgboost_job[1]["TrainingJobName"], {"num_round": "1"})
        )
    assert e.value.response["Error"]["Code"] == "ResourceInUse"


def test_script_mode_runs_the_entry_point_with_the_sm_environment(sandbox, sagemaker):
    name = "sklearn-script"
    sagemaker.create_training_job(
        **script_job(
            sandbox,
            name,
            SKLEARN_SCRIPT,
            {"fit_intercept": '"false"'},
            AlgorithmSpecification={
                "TrainingImage": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
                "TrainingInputMode": "File",
                "MetricDefinitions": [{"Name": "train:r2", "Regex": "r2=([0-9.]+)"}],
            },
        )
    )
    job = wait_for_job(sagemaker, name)
    assert job["TrainingJobStatus"] == "Completed", job.get("FailureReason")
    assert job["FinalMetricDataList"][0]["MetricName"] == "train:r2"
    assert job["FinalMetricDataList"][0]["Value"] > 0.95
    key = job["ModelArtifacts"]["S3ModelArtifacts"].split("/", 3)[3]
    body = sandbox.client("s3").get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert "model.joblib" in tarfile.open(fileobj=io.BytesIO(body)).getnames()


def test_failing_script_reports_its_error(sandbox, sagemaker):
    sagemaker.create_training_job(
        **script_job(sandbox, "script-fails", "raise ValueError('column no2 is missing')\n")
    )
    job = wait_for_job(sagemaker, "script-fails")
    assert job["TrainingJobStatus"] == "Failed"
    assert job["FailureReason"].startswith("AlgorithmError: ExecuteUserScriptError:\nExitCode 1")
    assert "ValueError: column no2 is missing" in job["FailureReason"]


def test_stop_training_job_kills_the_process_tree(sandbox, sagemaker):
    sagemaker.create_training_job(**script_job(sandbox, "to-stop", SLEEPING_SCRIPT))
    wait_until(
        lambda: (
            sagemaker.describe_training_job(TrainingJobName="to-stop")["SecondaryStatus"]
            == "Training"
        )
    )
    training = sandbox.parts.training
    pid = wait_until(lambda: training.processes.pids())[0]
    sagemaker.stop_training_job(TrainingJobName="to-stop")
    assert (
        sagemaker.describe_training_job(TrainingJobName="to-stop")["TrainingJobStatus"]
        == "Stopping"
    )
    job = wait_for_job(sagemaker, "to-stop")
    assert (job["TrainingJobStatus"], job["SecondaryStatus"]) == ("Stopped", "Stopped")
    assert not _group_alive(pid)
    with pytest.raises(ClientError):  # a finished job cannot be stopped again
        sagemaker.stop_training_job(TrainingJobName="to-stop")


def test_max_runtime_stops_the_job(sandbox, sagemaker):
    sagemaker.create_training_job(
        **script_job(
            sandbox, "too-long", SLEEPING_SCRIPT, StoppingCondition={"MaxRuntimeInSeconds": 2}
        )
    )
    job = wait_for_job(sagemaker, "too-long")
    assert (job["TrainingJobStatus"], job["SecondaryStatus"]) == ("Stopped", "MaxRuntimeExceeded")


def _group_alive(pgid: int) -> bool:
    import os

    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[2]) == pgid and stat[0] != "Z":
                return True
    return False
