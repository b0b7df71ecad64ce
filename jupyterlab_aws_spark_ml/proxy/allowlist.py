"""Which AWS operations the signing proxy forwards: `service:Operation` with botocore names."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Exactly what the sidebar (src/) sends: a test reads src/ and fails when the two differ. What
# the kernel and jobs call under the same role is in kernel_operations.py, for the IAM policy
# only. Admins widen this with c.AwsSparkML.allowed_operations.
DEFAULT_ALLOWED_OPERATIONS: frozenset[str] = frozenset(
    [
        # Header and provisioning: who am I?
        "sts:GetCallerIdentity",
        # Compute: EMR clusters (list, details, provision, terminate)
        "emr:ListClusters",
        "emr:DescribeCluster",
        "emr:ListInstanceGroups",
        "emr:ListInstanceFleets",
        "emr:GetAutoTerminationPolicy",
        "emr:RunJobFlow",
        "emr:TerminateJobFlows",
        # Compute: Glue interactive sessions (GetTags finds a provision's session after a reload)
        "glue:ListSessions",
        "glue:GetSession",
        "glue:GetTags",
        "glue:CreateSession",
        "glue:StopSession",
        "glue:DeleteSession",
        # Data (and training's data sources): Glue Data Catalog
        "glue:GetCatalogs",
        "glue:GetDatabases",
        "glue:GetTables",
        "glue:SearchTables",
        # Data: Lake Formation grants, LF-tags, admins, registered locations, row filters
        "lakeformation:ListPermissions",
        "lakeformation:GetResourceLFTags",
        "lakeformation:GetDataLakeSettings",
        "lakeformation:ListResources",
        "lakeformation:ListDataCellsFilter",
        # Training: script-mode code packaged to S3, jobs, their logs, the role picker
        "s3:PutObject",
        "sagemaker:CreateTrainingJob",
        "sagemaker:DescribeTrainingJob",
        "sagemaker:ListTrainingJobs",
        "sagemaker:StopTrainingJob",
        "logs:DescribeLogStreams",
        "logs:GetLogEvents",
        "iam:ListRoles",
        # Endpoints: deploy (with rollback), list, test request, delete
        "sagemaker:CreateModel",
        "sagemaker:DescribeModel",
        "sagemaker:DeleteModel",
        "sagemaker:CreateEndpointConfig",
        "sagemaker:DescribeEndpointConfig",
        "sagemaker:DeleteEndpointConfig",
        "sagemaker:CreateEndpoint",
        "sagemaker:DescribeEndpoint",
        "sagemaker:ListEndpoints",
        "sagemaker:DeleteEndpoint",
        # A deploy interrupted by a reload: its Model/EndpointConfig carry the flow's tag
        "sagemaker:ListTags",
        "sagemaker-runtime:InvokeEndpoint",
    ]
)

_ENTRY = re.compile(r"^([a-z0-9][a-z0-9-]*):([A-Z][A-Za-z0-9]*)$")


class Allowlist:
    """A set of 'service:Operation' the proxy may forward."""

    def __init__(self, entries: Iterable[str], catalog=None) -> None:
        """`catalog` (a ServiceCatalog) checks that every entry names a real operation."""
        entries = list(entries)
        problems = [e for e in entries if not _ENTRY.match(e)]
        if problems:
            raise ValueError(
                f"AwsSparkML.allowed_operations: {problems} are not 'service:Operation' "
                "(botocore service name, then the operation as in the API reference), "
                "e.g. 'emr:ListClusters'."
            )
        if catalog is not None:
            problems = [e for e in entries if not catalog.has_operation(*e.split(":"))]
            if problems:
                raise ValueError(
                    f"AwsSparkML.allowed_operations: {problems} are not operations known to "
                    "botocore. Check the spelling (e.g. 'sagemaker-runtime:InvokeEndpoint'), "
                    "or upgrade botocore for newer operations."
                )
        self._entries = frozenset(entries)
        self.services = frozenset(e.split(":", 1)[0] for e in self._entries)

    def allows(self, service: str, operation: str) -> bool:
        return f"{service}:{operation}" in self._entries

    def __contains__(self, entry: str) -> bool:
        return entry in self._entries

    def __len__(self) -> int:
        return len(self._entries)


def refusal_message(service: str, operation: str) -> str:
    name = f"{service}:{operation}"
    return (
        f"The AWS Spark & ML proxy does not forward {name}. Add it to "
        f"c.AwsSparkML.allowed_operations if your admin allows it."
    )
