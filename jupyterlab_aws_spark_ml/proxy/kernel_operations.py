"""AWS operations called outside the browser under the same IAM principal as the proxy.

The proxy forwards only what the sidebar sends (`allowlist.DEFAULT_ALLOWED_OPERATIONS`). The
user's role needs more: the kernel's magics and notebooks call AWS with boto3, Spark jobs run
from a notebook write their Glue tables, and the server checks who it is. Those calls never go
through the proxy, so they are not on its allowlist; they are in the IAM policy
(`iam_policy.py`). A test reads the code and fails when a call is missing here, or listed here
and made nowhere.
"""

from __future__ import annotations

KERNEL_OPERATIONS: frozenset[str] = frozenset(
    [
        # %aws_spark connect emr: the cluster's Livy address
        "emr:DescribeCluster",
        # %aws_spark connect glue: statements run on the interactive session
        "glue:GetSession",
        "glue:RunStatement",
        "glue:GetStatement",
        "glue:CancelStatement",
        # %aws_spark connect … --secret-id: a Livy password kept in Secrets Manager
        "secretsmanager:GetSecretValue",
        # %aws_spark to_pandas: the DataFrame comes back as Parquet under a scratch S3 prefix
        "s3:ListObjectsV2",
        "s3:GetObject",
        "s3:DeleteObjects",
        # Notebooks' settings (notebooks/aws_settings.py): account, bucket, SageMaker role,
        # code; the account is also what the server's status check asks (status/identity.py)
        "sts:GetCallerIdentity",
        "s3:HeadBucket",
        "iam:ListRoles",
        "s3:PutObject",
        # Notebooks train, deploy, invoke and clean up with boto3
        "sagemaker:CreateTrainingJob",
        "sagemaker:DescribeTrainingJob",
        "sagemaker:CreateModel",
        "sagemaker:CreateEndpointConfig",
        "sagemaker:CreateEndpoint",
        "sagemaker:DescribeEndpoint",
        "sagemaker:DeleteEndpoint",
        "sagemaker:DeleteEndpointConfig",
        "sagemaker:DeleteModel",
        "sagemaker-runtime:InvokeEndpoint",
        # Spark jobs (spark-jobs/common) register their output in the Glue Data Catalog
        "glue:GetDatabase",
        "glue:CreateDatabase",
        "glue:GetTable",
        "glue:CreateTable",
        "glue:UpdateTable",
        "glue:GetPartitions",
        "glue:BatchCreatePartition",
        "glue:BatchDeletePartition",
    ]
)
