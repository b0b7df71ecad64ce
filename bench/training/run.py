"""Bench the sandbox's SageMaker: training time for a fixed XGBoost job, InvokeEndpoint latency
(p50/p99 per request, through boto3 sagemaker-runtime) and the requests/s one local endpoint
sustains for ~10 s with a few threads. Writes the '## training' section of bench/RESULTS.md.

    .venv/bin/python bench/training/run.py [--seconds 10] [--threads 4]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from jupyterlab_aws_spark_ml.sandbox import Sandbox  # noqa: E402
from jupyterlab_aws_spark_ml.sandbox.ml import components  # noqa: E402
from jupyterlab_aws_spark_ml.sandbox.ml.images import xgboost_image_uri  # noqa: E402

BUCKET, ROLE = "sandbox-demo", "arn:aws:iam::123456789012:role/SageMakerExecutionRole-sandbox"
ROWS, FEATURES, ROUNDS = 20_000, 10, 100


def dataset(seed: int, rows: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(rows, FEATURES))
    y = x @ np.linspace(-2, 2, FEATURES) + np.sin(3 * x[:, 0]) + rng.normal(0, 0.1, rows)
    return np.column_stack([y, x])


def to_csv(rows: np.ndarray) -> bytes:
    return ("\n".join(",".join(f"{v:.5f}" for v in r) for r in rows) + "\n").encode()


def train(box: Sandbox) -> tuple[float, dict]:
    s3, sm = box.client("s3"), box.client("sagemaker")
    s3.put_object(Bucket=BUCKET, Key="bench/train/data.csv", Body=to_csv(dataset(1, ROWS)))
    s3.put_object(
        Bucket=BUCKET, Key="bench/validation/data.csv", Body=to_csv(dataset(2, ROWS // 4))
    )
    channel = lambda name: {  # noqa: E731
        "ChannelName": name,
        "ContentType": "text/csv",
        "DataSource": {
            "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"s3://{BUCKET}/bench/{name}/"}
        },
    }
    started = time.perf_counter()
    sm.create_training_job(
        TrainingJobName="bench-xgboost",
        AlgorithmSpecification={
            "TrainingImage": xgboost_image_uri(box.region),
            "TrainingInputMode": "File",
        },
        RoleArn=ROLE,
        HyperParameters={
            "num_round": str(ROUNDS),
            "max_depth": "6",
            "eta": "0.2",
            "objective": "reg:squarederror",
        },
        InputDataConfig=[channel("train"), channel("validation")],
        OutputDataConfig={"S3OutputPath": f"s3://{BUCKET}/bench/output"},
        ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
        StoppingCondition={"MaxRuntimeInSeconds": 900},
    )
    sm.get_waiter("training_job_completed_or_stopped").wait(
        TrainingJobName="bench-xgboost", WaiterConfig={"Delay": 1, "MaxAttempts": 900}
    )
    # The waiter polls once a second; the job's own timestamps are the precise figure.
    job = sm.describe_training_job(TrainingJobName="bench-xgboost")
    return time.perf_counter() - started, job


def deploy(box: Sandbox, model_data: str) -> float:
    sm = box.client("sagemaker")
    sm.create_model(
        ModelName="bench",
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": xgboost_image_uri(box.region), "ModelDataUrl": model_data},
    )
    sm.create_endpoint_config(
        EndpointConfigName="bench",
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "ModelName": "bench",
                "InstanceType": "ml.m5.large",
                "InitialInstanceCount": 1,
            }
        ],
    )
    started = time.perf_counter()
    sm.create_endpoint(EndpointName="bench", EndpointConfigName="bench")
    while sm.describe_endpoint(EndpointName="bench")["EndpointStatus"] != "InService":
        time.sleep(0.1)
    return time.perf_counter() - started


def latencies(box: Sandbox, body: bytes, count: int) -> list[float]:
    runtime = box.client("sagemaker-runtime")
    runtime.invoke_endpoint(EndpointName="bench", ContentType="text/csv", Body=body)  # warm-up
    samples = []
    for _ in range(count):
        t = time.perf_counter()
        runtime.invoke_endpoint(EndpointName="bench", ContentType="text/csv", Body=body)[
            "Body"
        ].read()
        samples.append((time.perf_counter() - t) * 1000)
    return samples


def throughput(box: Sandbox, body: bytes, threads: int, seconds: float) -> float:
    done, stop_at = [0] * threads, time.perf_counter() + seconds

    def worker(i: int) -> None:
        runtime = box.client("sagemaker-runtime")
        while time.perf_counter() < stop_at:
            runtime.invoke_endpoint(EndpointName="bench", ContentType="text/csv", Body=body)[
                "Body"
            ].read()
            done[i] += 1

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sum(done) / (time.perf_counter() - started)


def percentile(samples: list[float], p: float) -> float:
    return float(np.percentile(samples, p))


def write_section(text: str) -> None:
    results = ROOT / "bench" / "RESULTS.md"
    old = results.read_text() if results.exists() else "# Benchmarks\n"
    lines, out, skipping = old.splitlines(), [], False
    for line in lines:
        if line.startswith("## "):
            skipping = line.strip() == "## training"
        if not skipping:
            out.append(line)
    results.write_text("\n".join(out).rstrip() + "\n\n" + text.rstrip() + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with Sandbox(components=components(), seed=True, lifecycle_seconds=0.5) as box:
        wall, job = train(box)
        status = job["TrainingJobStatus"]
        assert status == "Completed", job.get("FailureReason")
        create_to_ready = deploy(box, job["ModelArtifacts"]["S3ModelArtifacts"])
        row = to_csv(dataset(3, 1)[:, 1:])
        one = latencies(box, row, args.requests)
        batch = latencies(box, to_csv(dataset(4, 100)[:, 1:]), args.requests // 3)
        rps = throughput(box, row, args.threads, args.seconds)
    metrics = {m["MetricName"]: m["Value"] for m in job["FinalMetricDataList"]}
    section = f"""## training

Sandbox SageMaker (`bench/training/run.py`, {time.strftime("%Y-%m-%d")}, 2-core shared machine,
lifecycle_seconds=0.5). Built-in XGBoost job: {ROWS:,} rows × {FEATURES} features CSV,
{ROUNDS} rounds, max_depth 6, train + validation channels.

| measure | value |
|---|---|
| CreateTrainingJob → Completed (waiter, 1 s polling) | {wall:.1f} s |
| TrainingTimeInSeconds (Downloading → Completed) | {job["TrainingTimeInSeconds"]} s |
| final validation:rmse | {metrics.get("validation:rmse", float("nan")):.4f} |
| CreateEndpoint → InService | {create_to_ready:.1f} s |
| InvokeEndpoint latency, 1 CSV row (boto3 → gateway → model server), p50 / p99 | {percentile(one, 50):.1f} / {percentile(one, 99):.1f} ms ({len(one)} requests) |
| InvokeEndpoint latency, 100 CSV rows, p50 / p99 | {percentile(batch, 50):.1f} / {percentile(batch, 99):.1f} ms ({len(batch)} requests) |
| throughput, one endpoint, {args.threads} client threads, {args.seconds:.0f} s, 1 row each | {rps:.0f} requests/s |
| mean latency, 1 row | {statistics.mean(one):.1f} ms |
"""
    write_section(section)
    print(section)


if __name__ == "__main__":
    main()
