"""Script mode, as the sagemaker-training toolkit runs it: the user's entry point with the SM_*
environment and the hyperparameters as '--name value' arguments."""

from __future__ import annotations

import json
import os
import sys
import tarfile
from pathlib import Path

PROGRAM = "sagemaker_program"
SUBMIT_DIRECTORY = "sagemaker_submit_directory"


def is_script_mode(hyperparameters: dict[str, str]) -> bool:
    return PROGRAM in hyperparameters and SUBMIT_DIRECTORY in hyperparameters


def decode(value: str):
    """The SDK sends every hyperparameter JSON-encoded ('"train.py"', '0.1'); decode if it is."""
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def user_hyperparameters(hyperparameters: dict[str, str]) -> dict:
    return {k: decode(v) for k, v in hyperparameters.items() if not k.startswith("sagemaker_")}


def extract_source(archive: Path, into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")  # refuses absolute paths and '..'


def command(code_dir: Path, hyperparameters: dict[str, str]) -> list[str]:
    entry_point = str(decode(hyperparameters[PROGRAM]))
    if not (code_dir / entry_point).is_file():
        raise FileNotFoundError(
            f"ClientError: the entry point {entry_point!r} (hyperparameter sagemaker_program) is "
            f"not in the source archive given by sagemaker_submit_directory"
        )
    args: list[str] = []
    for name, value in sorted(user_hyperparameters(hyperparameters).items()):
        args += [f"--{name}", value if isinstance(value, str) else json.dumps(value)]
    runner = ["/bin/sh"] if entry_point.endswith(".sh") else [sys.executable]
    return [*runner, entry_point, *args]


def environment(opt_ml: Path, job: dict, channels: list[str]) -> dict[str, str]:
    hyperparameters = job.get("HyperParameters") or {}
    hps = user_hyperparameters(hyperparameters)
    code_dir = opt_ml / "code"
    env = {
        "SM_MODEL_DIR": str(opt_ml / "model"),
        "SM_INPUT_DIR": str(opt_ml / "input"),
        "SM_INPUT_CONFIG_DIR": str(opt_ml / "input" / "config"),
        "SM_OUTPUT_DIR": str(opt_ml / "output"),
        "SM_OUTPUT_DATA_DIR": str(opt_ml / "output" / "data"),
        "SM_OUTPUT_INTERMEDIATE_DIR": str(opt_ml / "output" / "intermediate"),
        "SM_CHANNELS": json.dumps(sorted(channels)),
        "SM_HPS": json.dumps(hps),
        "SM_NUM_GPUS": "0",
        "SM_NUM_CPUS": str(os.cpu_count() or 1),
        "SM_CURRENT_HOST": "algo-1",
        "SM_HOSTS": json.dumps(["algo-1"]),
        "SM_LOG_LEVEL": "20",
        "SM_MODULE_DIR": str(decode(hyperparameters.get(SUBMIT_DIRECTORY, ""))),
        "SM_USER_ENTRY_POINT": str(decode(hyperparameters.get(PROGRAM, ""))),
        "SM_USER_ARGS": json.dumps(command(code_dir, hyperparameters)[2:]),
        "SM_TRAINING_ENV": json.dumps(
            {
                "job_name": job["TrainingJobName"],
                "hyperparameters": hps,
                "channel_input_dirs": {c: str(opt_ml / "input" / "data" / c) for c in channels},
                "model_dir": str(opt_ml / "model"),
                "current_host": "algo-1",
                "hosts": ["algo-1"],
            }
        ),
        "TRAINING_JOB_NAME": job["TrainingJobName"],
        "PYTHONPATH": os.pathsep.join([str(code_dir), os.environ.get("PYTHONPATH", "")]).strip(
            os.pathsep
        ),
    }
    for channel in channels:
        env[f"SM_CHANNEL_{channel.upper()}"] = str(opt_ml / "input" / "data" / channel)
    for name, value in hps.items():
        env[f"SM_HP_{name.upper()}"] = value if isinstance(value, str) else json.dumps(value)
    return env
