"""SageMaker in the sandbox: training jobs that really train, endpoints that really serve."""

from __future__ import annotations


def components() -> list:
    from .endpoints.component import EndpointsComponent
    from .training.component import TrainingComponent

    return [TrainingComponent(), EndpointsComponent()]
