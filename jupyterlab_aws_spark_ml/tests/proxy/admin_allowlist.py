"""An admin's wider allowlist, for tests of how the proxy carries S3 objects.

The sidebar only uploads to S3, so the default allowlist refuses S3 reads; an admin may allow
them (`c.AwsSparkML.allowed_operations`), and the proxy must then still stream bodies, serve them
as sandboxed attachments and keep keys literal. Tests of that allow them, as such an admin would.
"""

from __future__ import annotations

from jupyterlab_aws_spark_ml.proxy.allowlist import DEFAULT_ALLOWED_OPERATIONS

S3_READS = frozenset({"s3:ListBuckets", "s3:ListObjectsV2", "s3:GetObject", "s3:HeadObject"})


def allow_s3_reads(jp_server_config: dict) -> dict:
    jp_server_config["AwsSparkML"]["allowed_operations"] = sorted(
        DEFAULT_ALLOWED_OPERATIONS | S3_READS
    )
    return jp_server_config
