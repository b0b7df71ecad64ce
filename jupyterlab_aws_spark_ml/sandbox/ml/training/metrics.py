"""Training metrics the way SageMaker finds them: regexes (MetricDefinitions) over log lines;
the last value of each becomes FinalMetricDataList in DescribeTrainingJob."""

from __future__ import annotations

import re

from .xgboost_hyperparameters import EVAL_METRICS

_NUMBER = r"([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)"


def xgboost_metric_definitions() -> list[dict[str, str]]:
    """The built-in XGBoost algorithm's metrics, e.g. 'validation:rmse', read from lines like
    '[12]#011train-rmse:0.51#011validation-rmse:0.62'."""
    return [
        {
            "Name": f"{channel}:{metric}",
            "Regex": rf".*\[[0-9]+\].*#011{channel}-{re.escape(metric)}:{_NUMBER}.*",
        }
        for channel in ("train", "validation")
        for metric in EVAL_METRICS
    ]


class MetricReader:
    def __init__(self, definitions: list[dict[str, str]]) -> None:
        self._patterns = []
        for d in definitions:
            try:
                self._patterns.append((d["Name"], re.compile(d["Regex"])))
            except (KeyError, re.error):
                continue  # a bad user regex finds nothing, like on SageMaker
        self.latest: dict[str, float] = {}

    def read(self, line: str) -> None:
        for name, pattern in self._patterns:
            m = pattern.search(line)
            if m and m.groups():
                try:
                    self.latest[name] = float(m.group(1))
                except ValueError:
                    pass
