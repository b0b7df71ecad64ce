"""The SageMaker XGBoost algorithm's hyperparameters: names, types, ranges, defaults, and the
container's own messages when one is wrong ('Missing required hyperparameter: num_round').

Standalone (stdlib only): the algorithm process imports it by path, the server can import it to
validate a launch form before CreateTrainingJob.
"""

from __future__ import annotations

import math

OBJECTIVES = (
    "binary:hinge", "binary:logistic", "binary:logitraw", "count:poisson", "multi:softmax",
    "multi:softprob", "rank:map", "rank:ndcg", "rank:pairwise", "reg:absoluteerror", "reg:gamma",
    "reg:linear", "reg:logistic", "reg:pseudohubererror", "reg:squarederror",
    "reg:squaredlogerror", "reg:tweedie", "survival:aft", "survival:cox",
)  # fmt: skip
EVAL_METRICS = (
    "rmse", "rmsle", "mae", "mape", "mphe", "logloss", "error", "merror", "mlogloss", "auc",
    "aucpr", "ndcg", "map", "poisson-nloglik", "gamma-nloglik", "cox-nloglik", "gamma-deviance",
    "tweedie-nloglik", "aft-nloglik", "interval-regression-accuracy", "f1", "accuracy",
    "balanced_accuracy", "r2", "mse",
)  # fmt: skip

INF = math.inf
# name: (type, low, high, default). Ranges are closed unless noted in the check below.
SPEC: dict[str, tuple[str, float, float, object]] = {
    "num_round": ("int", 1, INF, None),  # required
    "num_class": ("int", 2, INF, None),
    "early_stopping_rounds": ("int", 1, INF, None),
    "eta": ("float", 0, 1, 0.3),
    "gamma": ("float", 0, INF, 0),
    "max_depth": ("int", 0, INF, 6),
    "min_child_weight": ("float", 0, INF, 1),
    "max_delta_step": ("float", 0, INF, 0),
    "subsample": ("float", 0, 1, 1),
    "colsample_bytree": ("float", 0, 1, 1),
    "colsample_bylevel": ("float", 0, 1, 1),
    "colsample_bynode": ("float", 0, 1, 1),
    "lambda": ("float", 0, INF, 1),
    "alpha": ("float", 0, INF, 0),
    "scale_pos_weight": ("float", 0, INF, 1),
    "max_leaves": ("int", 0, INF, 0),
    "max_bin": ("int", 2, INF, 256),
    "num_parallel_tree": ("int", 1, INF, 1),
    "tweedie_variance_power": ("float", 1, 2, 1.5),
    "base_score": ("float", -INF, INF, None),
    "seed": ("int", -INF, INF, 0),
    "verbosity": ("int", 0, 3, 1),
    "nthread": ("int", 1, INF, None),
    "csv_weights": ("int", 0, 1, 0),
    "sketch_eps": ("float", 0, 1, 0.03),
    "rate_drop": ("float", 0, 1, 0),
    "skip_drop": ("float", 0, 1, 0),
    "objective": ("choice", 0, 0, "reg:squarederror"),
    "eval_metric": ("list", 0, 0, None),
    "booster": ("choice", 0, 0, "gbtree"),
    "tree_method": ("choice", 0, 0, "auto"),
    "grow_policy": ("choice", 0, 0, "depthwise"),
    "sampling_method": ("choice", 0, 0, "uniform"),
    "sample_type": ("choice", 0, 0, "uniform"),
    "normalize_type": ("choice", 0, 0, "tree"),
    "one_drop": ("int", 0, 1, 0),
    "process_type": ("choice", 0, 0, "default"),
    "refresh_leaf": ("int", 0, 1, 1),
    "save_model_on_termination": ("choice", 0, 0, "false"),
    "single_precision_histogram": ("choice", 0, 0, "false"),
    "deterministic_histogram": ("choice", 0, 0, "true"),
    "interaction_constraints": ("text", 0, 0, None),
    "monotone_constraints": ("text", 0, 0, None),
    "updater": ("text", 0, 0, None),
    "_tuning_objective_metric": ("text", 0, 0, None),
}
CHOICES = {
    "objective": OBJECTIVES,
    "booster": ("gbtree", "gblinear", "dart"),
    "tree_method": ("auto", "exact", "approx", "hist", "gpu_hist"),
    "grow_policy": ("depthwise", "lossguide"),
    "sampling_method": ("uniform", "gradient_based"),
    "sample_type": ("uniform", "weighted"),
    "normalize_type": ("tree", "forest"),
    "process_type": ("default", "update"),
    "save_model_on_termination": ("true", "false"),
    "single_precision_histogram": ("true", "false"),
    "deterministic_histogram": ("true", "false"),
}
REQUIRED = ("num_round",)


class HyperparameterError(ValueError):
    """A user error, reported like the container's UserError."""


def validate(given: dict[str, str]) -> dict[str, object]:
    """Check SageMaker's string hyperparameters; return them typed. Raises HyperparameterError."""
    for name in REQUIRED:
        if name not in given:
            raise HyperparameterError(f"Missing required hyperparameter: {name}")
    typed: dict[str, object] = {}
    for name, raw in given.items():
        if name.startswith("sagemaker_"):
            continue  # SDK bookkeeping the container ignores
        if name not in SPEC:
            raise HyperparameterError(f"Extraneous hyperparameter found: {name}")
        kind, low, high, _ = SPEC[name]
        typed[name] = _parse(name, str(raw).strip(), kind, low, high)
    objective = str(typed.get("objective", "reg:squarederror"))
    if objective.startswith("multi:") and "num_class" not in typed:
        raise HyperparameterError(
            f"Require input for parameter num_class for multi-class classification ({objective})"
        )
    return typed


def _parse(name: str, raw: str, kind: str, low: float, high: float) -> object:
    if kind == "int":
        try:
            value: object = int(raw)
        except ValueError:
            raise HyperparameterError(
                f"Hyperparameter {name}: could not parse value (caused by ValueError)"
            ) from None
    elif kind == "float":
        try:
            value = float(raw)
        except ValueError:
            raise HyperparameterError(
                f"Hyperparameter {name}: could not parse value (caused by ValueError)"
            ) from None
    elif kind == "choice":
        if raw not in CHOICES[name]:
            raise HyperparameterError(
                f"Hyperparameter {name}: {raw} is not in {list(CHOICES[name])}"
            )
        return raw
    elif kind == "list":
        values = [v.strip() for v in raw.split(",") if v.strip()]
        unknown = [v for v in values if v.split("@")[0] not in EVAL_METRICS]
        if unknown:
            raise HyperparameterError(
                f"Hyperparameter {name}: value {values} not in range {list(EVAL_METRICS)}"
            )
        return values
    else:
        return raw
    if not (low <= value <= high):  # type: ignore[operator]
        interval = f"[{_fmt(low)}, {_fmt(high)}]"
        raise HyperparameterError(f"Hyperparameter {name}: {raw} is not in {interval}")
    return value


def _fmt(x: float) -> str:
    return "+inf" if x == INF else "-inf" if x == -INF else f"{x:g}"
