"""The NO2 walkthrough notebook, executed headless against the sandbox, as committed (local
Spark) and with its connect cell rewritten for an EMR cluster (sparkmagic → Livy → Spark)."""

from __future__ import annotations

import pytest

from .conftest import execute, load, provision_cluster, set_connect_target
from .results import no2_metrics, save_predictions_plot, write_section

NOTEBOOK = "no2-air-quality.ipynb"
RUNS: dict[str, tuple[dict, float]] = {}  # connect target -> (metrics, seconds)


def check_outcome(executed, sandbox) -> dict:
    text = executed.text()
    metrics = no2_metrics(executed)
    print(f"NO2_METRICS {metrics}  ({executed.seconds:.0f} s)")
    # Every labelled day came back, none cut at sparkmagic's 2,500 rows or anywhere else.
    assert metrics["train_days"] + metrics["test_days"] > 1000
    assert f"all {metrics['train_days'] + metrics['test_days']:,} rows" in text
    assert metrics["test_days"] > 300 and metrics["test_year"] == 2003
    assert metrics["features"][:2] == ["temp_avg", "temp_max"]
    # Real training on real data: far better than predicting the mean, and sane errors.
    assert 0.25 < metrics["r2"] < 0.95, metrics
    assert 3 < metrics["rmse"] < 30 and 0 < metrics["smape"] < 1, metrics
    assert metrics["baseline"]["r2"] > 0.1, metrics
    glue = sandbox.client("glue")
    table = glue.get_table(DatabaseName="air_quality", Name="no2_daily_features")["Table"]
    assert table["StorageDescriptor"]["Location"].startswith("s3://sandbox-demo/features/no2/run-")
    # The clean-up cell removed what bills by the hour.
    sagemaker = sandbox.client("sagemaker")
    assert not [
        e for e in sagemaker.list_endpoints()["Endpoints"] if e["EndpointName"].startswith("no2-")
    ]
    assert not [m for m in sagemaker.list_models()["Models"] if m["ModelName"].startswith("no2-")]
    return metrics


@pytest.mark.timeout(1200)
def test_no2_notebook_on_an_emr_cluster(sandbox_kernel_env, tmp_path):
    cluster_id = provision_cluster(sandbox_kernel_env, "no2-notebook")
    notebook = load(NOTEBOOK)
    set_connect_target(notebook, f"emr --cluster-id {cluster_id}")
    executed = execute(notebook, tmp_path / f"emr-{NOTEBOOK}")
    assert "Attached to emr" in executed.text()
    RUNS["EMR (sparkmagic → Livy)"] = (
        check_outcome(executed, sandbox_kernel_env),
        executed.seconds,
    )
    save_predictions_plot(executed)
    write_section(RUNS)
    sandbox_kernel_env.client("emr").terminate_job_flows(JobFlowIds=[cluster_id])


@pytest.mark.timeout(1200)
def test_no2_notebook_as_committed_local_spark(sandbox_kernel_env, tmp_path):
    executed = execute(load(NOTEBOOK), tmp_path / NOTEBOOK)
    assert "Attached to local" in executed.text()
    RUNS["local (as committed)"] = (check_outcome(executed, sandbox_kernel_env), executed.seconds)
    assert save_predictions_plot(executed).stat().st_size > 10_000
    write_section(RUNS)
