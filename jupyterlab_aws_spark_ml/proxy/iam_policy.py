"""The IAM policy a user's role needs: what the proxy forwards for the sidebar, plus what the
kernel's magics, the notebooks and the Spark jobs call under the same role.

`python -m jupyterlab_aws_spark_ml.proxy.iam_policy` prints it; the README shows it, and a test
keeps the two equal, so the documented policy never drifts from the code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .allowlist import DEFAULT_ALLOWED_OPERATIONS
from .kernel_operations import KERNEL_OPERATIONS

# Both halves: the proxy's default allowlist is narrower than what the role needs.
POLICY_OPERATIONS: frozenset[str] = DEFAULT_ALLOWED_OPERATIONS | KERNEL_OPERATIONS

# botocore service name → IAM action prefix, where they differ.
_IAM_PREFIX = {"emr": "elasticmapreduce", "sagemaker-runtime": "sagemaker"}

# API operations whose IAM action has another name (S3's especially).
_IAM_ACTION = {
    "s3:ListObjectsV2": "s3:ListBucket",
    "s3:ListBuckets": "s3:ListAllMyBuckets",
    "s3:HeadObject": "s3:GetObject",
    "s3:HeadBucket": "s3:ListBucket",
    "s3:DeleteObjects": "s3:DeleteObject",
}

# Actions AWS checks besides the called operation: passing roles to EMR, Glue and SageMaker,
# Lake Formation's data access for tables it governs, and SageMaker's tags given at creation
# (Deploy tags its Model and EndpointConfig).
_IMPLIED = ["iam:PassRole", "lakeformation:GetDataAccess", "sagemaker:AddTags"]


def iam_actions(operations: Iterable[str] = POLICY_OPERATIONS) -> list[str]:
    actions = set(_IMPLIED)
    for entry in operations:
        if entry in _IAM_ACTION:
            actions.add(_IAM_ACTION[entry])
            continue
        service, operation = entry.split(":", 1)
        actions.add(f"{_IAM_PREFIX.get(service, service)}:{operation}")
    return sorted(actions)


def policy_document(operations: Iterable[str] = POLICY_OPERATIONS) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AwsSparkML",
                "Effect": "Allow",
                "Action": iam_actions(operations),
                "Resource": "*",
            }
        ],
    }


def main() -> None:
    print(json.dumps(policy_document(), indent=2))


if __name__ == "__main__":
    main()
