"""Nothing the sandbox starts outlives its server, even when the server is killed with SIGKILL
mid-training and mid-serving (issue 13, "Orphans"); an endpoint whose inference server dies goes
Failed with a reason instead of staying InService while every invocation fails."""

from __future__ import annotations

import json
import os
import signal
import time

import psutil
import pytest
from botocore.exceptions import ClientError

from jupyterlab_aws_spark_ml.sandbox.watchdog import OWNER_FILE, kill_marked, reclaim_abandoned

from .processes import (
    collect,
    free_port,
    isolated_env,
    jupyter_command,
    listening_ports,
    marked,
    marker_of,
    port_listens,
    reap,
    start,
    state_dirs,
    wait_until,
)
from .sandbox_process import (
    BUCKET,
    SandboxProcess,
    deploy_script_model,
    start_sleeping_training,
)

CLEAN_WITHIN = 5.0  # seconds after the SIGKILL
FAST = {"Delay": 0.5, "MaxAttempts": 120}


@pytest.fixture
def box(tmp_path):
    box = SandboxProcess(tmp_path)
    marker = marker_of(state_dirs(tmp_path)[0])
    box.client("s3").create_bucket(Bucket=BUCKET)
    yield box
    reap(box.process)
    kill_marked(marker)  # whatever a failed test left


def _running(box: SandboxProcess, name: str, program: str) -> list[psutil.Process]:
    """The sandbox's processes whose command line mentions `name` (a job's or endpoint's
    folder) and `program`."""
    marker = marker_of(state_dirs(box.tmp)[0])
    found = []
    for p in marked(marker):
        try:
            line = " ".join(p.cmdline())
        except psutil.Error:
            continue
        if program in line and (name in line or name in p.cwd()):
            found.append(p)
    return found


def _inference_server(box: SandboxProcess, endpoint: str) -> psutil.Process:
    return wait_until(
        lambda: next(iter(_running(box, f"/{endpoint}/", "inference_server.py")), None),
        30,
        f"no inference server for {endpoint}",
    )


def test_an_endpoint_whose_server_dies_goes_failed_with_a_reason(box):
    sagemaker, runtime = box.client("sagemaker"), box.client("sagemaker-runtime")
    deploy_script_model(box, "victim")
    sagemaker.get_waiter("endpoint_in_service").wait(EndpointName="victim", WaiterConfig=FAST)
    answer = runtime.invoke_endpoint(EndpointName="victim", ContentType="text/csv", Body=b"1,2")
    assert answer["Body"].read().decode().split(",")[0].startswith("2")

    _inference_server(box, "victim").kill()  # kill -9, as the OOM killer would

    described = wait_until(
        lambda: (
            (d := sagemaker.describe_endpoint(EndpointName="victim"))["EndpointStatus"] == "Failed"
            and d
        ),
        10,
        "the endpoint stayed InService",
    )
    assert "AllTraffic was killed by signal 9" in described["FailureReason"]
    assert "CloudWatch logs" in described["FailureReason"]
    with pytest.raises(ClientError) as refused:  # a clear 400, not a 502 from a dead server
        runtime.invoke_endpoint(EndpointName="victim", ContentType="text/csv", Body=b"1,2")
    assert "status Failed" in str(refused.value)


def test_sigkill_mid_training_and_mid_serving_leaves_nothing(box):
    sagemaker = box.client("sagemaker")
    start_sleeping_training(box, "left-training")
    deploy_script_model(box, "left-serving")
    sagemaker.get_waiter("endpoint_in_service").wait(EndpointName="left-serving", WaiterConfig=FAST)
    wait_until(lambda: _running(box, "left-training", "sleep 300"), 60, "training never ran")
    (state_dir,) = state_dirs(box.tmp)
    marker = marker_of(state_dir)
    children = {p.pid for p in marked(marker)}
    ports = listening_ports(children)
    assert ports, "the inference server should be listening"
    assert len(children) >= 3  # the training script, its sleep, the inference server

    box.process.kill()
    killed = time.monotonic()

    wait_until(lambda: not marked(marker), CLEAN_WITHIN, "processes outlived the server")
    wait_until(lambda: not state_dir.exists(), CLEAN_WITHIN, "the state folder was left")
    print(f"clean {time.monotonic() - killed:.2f} s after SIGKILL, {len(children)} processes")
    assert not any(port_listens(port) for port in ports | {box.port})
    assert box.process.wait(5) == -signal.SIGKILL


def test_what_a_dead_sandbox_left_is_reclaimed_at_the_next_start(box):
    """Even its watchdog killed: the next sandbox to start ends its processes, removes its folder."""
    start_sleeping_training(box, "abandoned")
    wait_until(lambda: _running(box, "abandoned", "sleep 300"), 60, "training never ran")
    (state_dir,) = state_dirs(box.tmp)
    marker = marker_of(state_dir)
    (watchdog,) = [
        p
        for p in psutil.process_iter()
        if "watchdog.py" in " ".join(_cmd(p)) and str(state_dir) in _cmd(p)
    ]
    watchdog.kill()  # a zombie now, until its parent (the sandbox) dies too
    box.process.kill()
    box.process.wait(5)
    time.sleep(1.0)
    assert marked(marker) and state_dir.exists()  # nobody cleaned up

    following = SandboxProcess(box.tmp)  # the next start, in the same temporary folder
    try:
        assert not state_dir.exists()
        wait_until(lambda: not marked(marker), CLEAN_WITHIN, "the dead sandbox's processes live on")
        assert state_dirs(box.tmp) != []  # its own folder stays
    finally:
        reap(following.process)


def test_a_live_sandbox_is_not_reclaimed(tmp_path):
    folder = tmp_path / "aws-spark-ml-sandbox-live"
    folder.mkdir()
    me = psutil.Process()
    (folder / OWNER_FILE).write_text(
        json.dumps({"pid": me.pid, "started": me.create_time(), "marker": "x"})
    )
    assert reclaim_abandoned(tmp_path) == [] and folder.exists()


def test_a_link_planted_in_the_temporary_folder_is_never_followed(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "data").write_text("keep")
    planted = tmp_path / "scratch" / "aws-spark-ml-sandbox-planted"
    planted.parent.mkdir()
    planted.symlink_to(precious, target_is_directory=True)
    os.utime(
        planted, (0, 0), follow_symlinks=False
    )  # old, without an owner file: abandoned-looking
    os.utime(precious, (0, 0))
    assert reclaim_abandoned(planted.parent) == []
    assert (precious / "data").read_text() == "keep"


def test_jupyter_server_killed_with_sigkill_leaves_nothing(tmp_path):
    sandbox_port, allow_root = free_port(), ["--allow-root"] if os.geteuid() == 0 else []
    command = jupyter_command(
        tmp_path, free_port(), f"--AwsSparkML.sandbox_port={sandbox_port}", *allow_root
    )
    server = start(command, isolated_env(tmp_path))
    try:
        output = collect(server)
        started = "Local AWS sandbox listening"  # what start-failure tests must never see
        wait_until(lambda: any(started in line for line in output), 90, "no sandbox started")
        (state_dir,) = state_dirs(tmp_path)
        ports = listening_ports({server.pid})
        assert sandbox_port in ports
        server.kill()
        killed = time.monotonic()
        wait_until(lambda: not state_dir.exists(), CLEAN_WITHIN, "the state folder was left")
        print(f"state folder gone {time.monotonic() - killed:.2f} s after SIGKILL")
        assert not any(port_listens(port) for port in ports)
        wait_until(
            lambda: not [p for p in psutil.process_iter() if str(state_dir) in " ".join(_cmd(p))],
            CLEAN_WITHIN,
            "the watchdog did not end",
        )
    finally:
        reap(server)


def _cmd(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []
