"""Which AWS operations the signing proxy forwards: `service:Operation` with botocore names."""

from __future__ import annotations

import re
from collections.abc import Iterable

# What the sidebar uses, and nothing more. Admins widen it with c.AwsSparkML.allowed_operations.
DEFAULT_ALLOWED_OPERATIONS: frozenset[str] = frozenset(
    [
        # Header: who am I?
        "sts:GetCallerIdentity",
        # Compute: EMR clusters
        "emr:ListClusters",
        "emr:DescribeCluster",
        "emr:RunJobFlow",
        "emr:TerminateJobFlows",
        "emr:ListInstanceGroups",
        "emr:ListInstanceFleets",
        "emr:ListBootstrapActions",
        "emr:ListSteps",
        "emr:AddJobFlowSteps",
        "emr:DescribeStep",
        "emr:ListReleaseLabels",
        "emr:SetTerminationProtection",
        "emr:AddTags",
        "emr:GetManagedScalingPolicy",
        "emr:GetAutoTerminationPolicy",
        # Compute: EMR Serverless applications
        "emr-serverless:ListApplications",
        "emr-serverless:GetApplication",
        "emr-serverless:StartApplication",
        "emr-serverless:StopApplication",
        # Compute: Glue interactive sessions
        "glue:CreateSession",
        "glue:GetSession",
        "glue:ListSessions",
        "glue:StopSession",
        "glue:DeleteSession",
        "glue:RunStatement",
        "glue:GetStatement",
        "glue:ListStatements",
        "glue:CancelStatement",
        "glue:GetTags",
        # Data: Glue Data Catalog
        "glue:GetCatalogs",
        "glue:GetDatabases",
        "glue:GetDatabase",
        "glue:GetTables",
        "glue:GetTable",
        "glue:GetPartitions",
        "glue:SearchTables",
        # Data: Lake Formation
        "lakeformation:ListPermissions",
        "lakeformation:GetDataLakeSettings",
        "lakeformation:ListResources",
        "lakeformation:GetResourceLFTags",
        "lakeformation:ListLFTags",
        "lakeformation:GetEffectivePermissionsForPath",
        # Row filters named by grants: their rows and columns, one table's at a time
        "lakeformation:ListDataCellsFilter",
        # Data and training: S3 (PutObject packages script-mode training code)
        "s3:ListBuckets",
        "s3:ListObjectsV2",
        "s3:GetObject",
        "s3:HeadObject",
        "s3:PutObject",
        "s3:GetBucketLocation",
        # Training and endpoints: SageMaker
        "sagemaker:CreateTrainingJob",
        "sagemaker:DescribeTrainingJob",
        "sagemaker:ListTrainingJobs",
        "sagemaker:StopTrainingJob",
        "sagemaker:CreateModel",
        "sagemaker:DescribeModel",
        "sagemaker:DeleteModel",
        "sagemaker:ListModels",
        "sagemaker:CreateEndpointConfig",
        "sagemaker:DescribeEndpointConfig",
        "sagemaker:DeleteEndpointConfig",
        "sagemaker:CreateEndpoint",
        "sagemaker:DescribeEndpoint",
        "sagemaker:ListEndpoints",
        "sagemaker:UpdateEndpoint",
        "sagemaker:DeleteEndpoint",
        # A deploy interrupted by a reload: its Model/EndpointConfig carry the flow's tag
        "sagemaker:ListTags",
        "sagemaker-runtime:InvokeEndpoint",
        # Training logs
        "logs:DescribeLogStreams",
        "logs:GetLogEvents",
        "logs:FilterLogEvents",
        # Role pickers (read-only)
        "iam:ListRoles",
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
