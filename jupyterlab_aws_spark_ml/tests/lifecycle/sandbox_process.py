"""`python -m jupyterlab_aws_spark_ml.sandbox` as a user runs it, and what the tests do with it."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import boto3

from jupyterlab_aws_spark_ml.sandbox.ml.images import sklearn_image_uri
from jupyterlab_aws_spark_ml.tests.ml.jobs import tar_gz

from .processes import free_port, isolated_env, start, wait_until

BUCKET = "lifecycle"
ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole-sandbox"
SKLEARN_IMAGE = sklearn_image_uri("us-east-1")
SLEEPING_SCRIPT = """
import subprocess, time
subprocess.Popen(["sleep", "300"])  # a grandchild: it must die with the server too
print("started", flush=True)
time.sleep(300)
"""
INFERENCE_SCRIPT = """
def model_fn(model_dir):
    return 2.0

def predict_fn(data, model):
    return data * model
"""


class SandboxProcess:
    """The standalone sandbox in a child process; its output is collected as it comes."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.port = free_port()
        command = [sys.executable, "-m", "jupyterlab_aws_spark_ml.sandbox", "--no-seed"]
        command += ["--port", str(self.port), "--lifecycle-seconds", "0.2"]
        self.process = start(command, isolated_env(tmp))
        self.lines: list[str] = []
        threading.Thread(target=self._collect, daemon=True).start()
        exported = wait_until(self._exported, 90, "the sandbox did not start")
        self.environment = dict(item.split("=", 1) for item in exported.split()[1:])

    def _collect(self) -> None:
        for raw in iter(self.process.stdout.readline, b""):
            self.lines.append(raw.decode(errors="replace").rstrip())

    def _exported(self) -> str | None:
        return next((line for line in self.lines if line.startswith("export ")), None)

    def client(self, service: str):
        env = self.environment
        return boto3.client(
            service,
            endpoint_url=env["AWS_ENDPOINT_URL"],
            region_name=env["AWS_DEFAULT_REGION"],
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        )

    def output(self) -> str:
        return "\n".join(self.lines[-60:])


def start_sleeping_training(box: SandboxProcess, name: str) -> None:
    s3 = box.client("s3")
    s3.put_object(Bucket=BUCKET, Key="train/part-0.csv", Body=b"1,2,3\n4,5,6\n")
    s3.put_object(
        Bucket=BUCKET, Key=f"code/{name}.tar.gz", Body=tar_gz({"train.py": SLEEPING_SCRIPT})
    )
    box.client("sagemaker").create_training_job(
        TrainingJobName=name,
        AlgorithmSpecification={"TrainingImage": SKLEARN_IMAGE, "TrainingInputMode": "File"},
        RoleArn=ROLE,
        HyperParameters={
            "sagemaker_program": '"train.py"',
            "sagemaker_submit_directory": f'"s3://{BUCKET}/code/{name}.tar.gz"',
        },
        InputDataConfig=[
            {
                "ChannelName": "train",
                "DataSource": {
                    "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"s3://{BUCKET}/train/"}
                },
            }
        ],
        OutputDataConfig={"S3OutputPath": f"s3://{BUCKET}/output"},
        ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
        StoppingCondition={"MaxRuntimeInSeconds": 600},
    )


def deploy_script_model(box: SandboxProcess, name: str) -> None:
    s3, sagemaker = box.client("s3"), box.client("sagemaker")
    s3.put_object(Bucket=BUCKET, Key="model/model.tar.gz", Body=tar_gz({"weights.txt": "2"}))
    s3.put_object(
        Bucket=BUCKET, Key="code/inference.tar.gz", Body=tar_gz({"inference.py": INFERENCE_SCRIPT})
    )
    sagemaker.create_model(
        ModelName=name,
        ExecutionRoleArn=ROLE,
        PrimaryContainer={
            "Image": SKLEARN_IMAGE,
            "ModelDataUrl": f"s3://{BUCKET}/model/model.tar.gz",
            "Environment": {
                "SAGEMAKER_PROGRAM": "inference.py",
                "SAGEMAKER_SUBMIT_DIRECTORY": f"s3://{BUCKET}/code/inference.tar.gz",
            },
        },
    )
    sagemaker.create_endpoint_config(
        EndpointConfigName=name,
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "ModelName": name,
                "InstanceType": "ml.m5.large",
                "InitialInstanceCount": 1,
            }
        ],
    )
    sagemaker.create_endpoint(EndpointName=name, EndpointConfigName=name)
