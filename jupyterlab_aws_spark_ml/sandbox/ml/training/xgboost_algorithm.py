"""The built-in SageMaker XGBoost algorithm, run as a process under the container's contract.

    python xgboost_algorithm.py <opt_ml>

Reads <opt_ml>/input/config/{hyperparameters,inputdataconfig}.json and the channels in
<opt_ml>/input/data/<channel>; trains with the real `xgboost` package; prints the container's
log lines ('[0]\ttrain-rmse:…\tvalidation-rmse:…'); saves <opt_ml>/model/xgboost-model; on error
writes <opt_ml>/output/failure ('ClientError: …') and exits 1. SIGTERM (StopTrainingJob,
MaxRuntimeInSeconds) ends training after the current round and still saves the model.
Standalone on purpose: it stands in for a container, so it imports nothing from the extension.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path

import xgboost_hyperparameters as hps  # sibling file; this script's folder is on sys.path

CSV = ("text/csv", "csv")
LIBSVM = ("text/libsvm", "libsvm", "text/x-libsvm")
PARQUET = ("application/x-parquet", "parquet", "application/parquet")
DROPPED = {  # container-only knobs, or ones newer xgboost no longer takes
    "num_round", "early_stopping_rounds", "csv_weights", "save_model_on_termination",
    "_tuning_objective_metric", "single_precision_histogram", "deterministic_histogram",
}  # fmt: skip


class UserError(Exception):
    pass


def log(message: str) -> None:
    print(f"[{time.strftime('%Y-%m-%d:%H:%M:%S')}:INFO] {message}", flush=True)


def main(opt_ml: Path) -> int:
    stop_requested = {"flag": False}
    signal.signal(signal.SIGTERM, lambda *_: stop_requested.update(flag=True))
    try:
        train(opt_ml, stop_requested)
        return 0
    except (UserError, hps.HyperparameterError) as e:
        return fail(opt_ml, f"ClientError: {e}")
    except Exception as e:  # a bug or a data shape we did not foresee
        return fail(opt_ml, f"AlgorithmError: {type(e).__name__}: {e}")


def fail(opt_ml: Path, reason: str) -> int:
    print(reason, file=sys.stderr, flush=True)
    (opt_ml / "output").mkdir(parents=True, exist_ok=True)
    (opt_ml / "output" / "failure").write_text(reason)
    return 1


def train(opt_ml: Path, stop_requested: dict) -> None:
    import xgboost as xgb

    config = opt_ml / "input" / "config"
    given = json.loads((config / "hyperparameters.json").read_text() or "{}")
    channels = json.loads((config / "inputdataconfig.json").read_text() or "{}")
    log("Running XGBoost Sagemaker in algorithm mode (sandbox, xgboost " + xgb.__version__ + ")")
    typed = hps.validate(given)
    if "train" not in channels:
        raise UserError("Channel 'train' is required but was not provided.")
    csv_weights = typed.get("csv_weights", 0) == 1
    dtrain = load_channel(opt_ml, "train", channels["train"], csv_weights)
    evals = [(dtrain, "train")]
    if "validation" in channels:
        evals.append(
            (load_channel(opt_ml, "validation", channels["validation"], csv_weights), "validation")
        )
    if "early_stopping_rounds" in typed and len(evals) < 2:
        raise UserError("Early stopping requires a 'validation' channel.")

    params = {k: v for k, v in typed.items() if k not in DROPPED}
    if params.get("objective") == "reg:linear":
        params["objective"] = "reg:squarederror"  # the same loss, renamed in xgboost 1.0
    if params.get("tree_method") == "gpu_hist":
        params["tree_method"] = "hist"  # no GPU in the sandbox
    params.setdefault("nthread", 1)

    class StopOnSigterm(xgb.callback.TrainingCallback):
        def after_iteration(self, model, epoch, evals_log) -> bool:
            if stop_requested["flag"]:
                log("Received SIGTERM: saving the model trained so far")
            return stop_requested["flag"]

    booster = xgb.train(
        params,
        dtrain,
        num_boost_round=int(typed["num_round"]),
        evals=evals,
        early_stopping_rounds=typed.get("early_stopping_rounds"),
        verbose_eval=True,
        callbacks=[StopOnSigterm()],
    )
    model_dir = opt_ml / "model"
    model_dir.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(model_dir / "xgboost-model.ubj"))
    (model_dir / "xgboost-model.ubj").rename(model_dir / "xgboost-model")
    log(f"Saved the model after {booster.num_boosted_rounds()} rounds")


def load_channel(opt_ml: Path, name: str, channel: dict, csv_weights: bool):
    import xgboost as xgb

    folder = opt_ml / "input" / "data" / name
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith((".", "_")) and p.stat().st_size > 0
    )
    if not files:
        raise UserError(f"No data found in channel '{name}': its S3 location holds no files.")
    content_type = (channel.get("ContentType") or "text/libsvm").split(";")[0].strip().lower()
    log(f"File path {folder} of input files ({len(files)} file(s), {content_type})")
    if content_type in LIBSVM:
        from scipy.sparse import vstack
        from sklearn.datasets import load_svmlight_files

        try:
            parts = load_svmlight_files([str(f) for f in files])
        except ValueError as e:
            raise UserError(
                f"Channel '{name}' is not valid libsvm ({e}). Set its ContentType to "
                "text/csv for CSV data (label first, no header)."
            ) from None
        features = vstack(parts[0::2]).tocsr()
        import numpy as np

        labels, weights = np.concatenate(parts[1::2]), None
    elif content_type in CSV or content_type in PARQUET:
        frame = read_table(files, name, content_type)
        values = frame.to_numpy(dtype="float32")
        labels = values[:, 0]
        weights = values[:, 1] if csv_weights else None
        features = values[:, 2:] if csv_weights else values[:, 1:]
    else:
        raise UserError(
            f"Content type {content_type} is not supported. Use text/csv, "
            "text/libsvm or application/x-parquet."
        )
    matrix = xgb.DMatrix(features, label=labels, weight=weights)
    log(f"{name.capitalize()} matrix has {matrix.num_row()} rows and {matrix.num_col()} columns")
    return matrix


def read_table(files: list[Path], name: str, content_type: str):
    import pandas as pd

    if content_type in PARQUET:
        frame = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    else:
        frame = pd.concat([pd.read_csv(f, header=None) for f in files], ignore_index=True)
    bad = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    if bad:
        sample = frame[bad[0]].astype(str).iloc[0]
        raise UserError(
            f"Non-numeric value '{sample}' in channel '{name}' ({content_type}). The XGBoost "
            "algorithm expects numbers only, the label in the first column and no header row."
        )
    if frame.shape[1] < 2:
        raise UserError(
            f"Channel '{name}' has a single column: put the label first, then the features."
        )
    return frame


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
