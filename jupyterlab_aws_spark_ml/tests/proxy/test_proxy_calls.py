"""Allowed calls go through the proxy, are re-signed, and the sandbox answers them."""

from __future__ import annotations

import botocore.exceptions
import pytest

from jupyterlab_aws_spark_ml.sandbox import SANDBOX_ACCOUNT_ID

from .admin_allowlist import allow_s3_reads


@pytest.fixture
def jp_server_config(jp_server_config):
    """S3 listings and objects are read here, as an admin may allow."""
    return allow_s3_reads(jp_server_config)


async def test_sts_get_caller_identity_is_the_sandbox_account(proxy_call, parse_aws):
    response = await proxy_call("sts", "GetCallerIdentity")

    assert response.code == 200
    assert parse_aws("sts", "GetCallerIdentity", response)["Account"] == SANDBOX_ACCOUNT_ID


async def test_emr_list_clusters_sees_a_cluster_made_in_the_sandbox(
    proxy_call, parse_aws, aws_spark_ml
):
    emr = aws_spark_ml["sandbox"].client("emr")
    cluster_id = emr.run_job_flow(
        Name="made-directly",
        ReleaseLabel="emr-7.2.0",
        Instances={"InstanceCount": 1, "MasterInstanceType": "m5.xlarge"},
        JobFlowRole="EMR_EC2_DefaultRole",
        ServiceRole="EMR_DefaultRole",
    )["JobFlowId"]

    response = await proxy_call("emr", "ListClusters")

    assert response.code == 200
    clusters = parse_aws("emr", "ListClusters", response)["Clusters"]
    assert [c["Id"] for c in clusters] == [cluster_id]


async def test_s3_list_buckets_rest_xml(proxy_call, parse_aws, aws_spark_ml):
    aws_spark_ml["sandbox"].client("s3").create_bucket(Bucket="proxy-test-bucket")

    response = await proxy_call("s3", "ListBuckets")

    assert response.code == 200
    assert response.headers["Content-Type"].startswith("application/xml")
    names = [b["Name"] for b in parse_aws("s3", "ListBuckets", response)["Buckets"]]
    assert names == ["proxy-test-bucket"]


async def test_s3_object_with_awkward_key_round_trips(proxy_call, parse_aws, aws_spark_ml):
    """Path encoding survives re-signing: spaces, slashes, unicode, '+' and '!' in the key."""
    aws_spark_ml["sandbox"].client("s3").create_bucket(Bucket="proxy-objects")
    key = "features/day 1/über+data!.csv"

    put = await proxy_call(
        "s3", "PutObject", {"Bucket": "proxy-objects", "Key": key, "Body": b"a,b\n1,2\n"}
    )
    assert put.code == 200, put.body
    listed = await proxy_call(
        "s3", "ListObjectsV2", {"Bucket": "proxy-objects", "Prefix": "features/"}
    )
    head = await proxy_call("s3", "HeadObject", {"Bucket": "proxy-objects", "Key": key})
    got = await proxy_call("s3", "GetObject", {"Bucket": "proxy-objects", "Key": key})

    assert [o["Key"] for o in parse_aws("s3", "ListObjectsV2", listed)["Contents"]] == [key]
    assert got.code == 200 and got.body == b"a,b\n1,2\n"
    # HEAD keeps the upstream's Content-Length (see test_signing for an exact upstream).
    direct = aws_spark_ml["sandbox"].client("s3").head_object(Bucket="proxy-objects", Key=key)
    assert head.code == 200 and head.headers["Content-Length"] == str(direct["ContentLength"])


async def test_large_s3_object_streams_back_intact(proxy_call, aws_spark_ml):
    """An 8 MB object: more than the proxy buffers, so it is streamed through with pauses."""
    s3 = aws_spark_ml["sandbox"].client("s3")
    s3.create_bucket(Bucket="proxy-large")
    data = bytes(range(256)) * (8 * 1024 * 1024 // 256)
    s3.put_object(Bucket="proxy-large", Key="features.parquet", Body=data)

    got = await proxy_call("s3", "GetObject", {"Bucket": "proxy-large", "Key": "features.parquet"})

    assert got.code == 200
    assert got.headers["Content-Length"] == str(len(data))
    assert got.body == data


async def test_lake_formation_get_data_lake_settings_rest_json(proxy_call, parse_aws):
    response = await proxy_call("lakeformation", "GetDataLakeSettings", {})

    assert response.code == 200
    settings = parse_aws("lakeformation", "GetDataLakeSettings", response)["DataLakeSettings"]
    assert "DataLakeAdmins" in settings


async def test_aws_error_body_passes_through_unchanged(proxy_call, parse_aws, aws_spark_ml):
    response = await proxy_call("emr", "DescribeCluster", {"ClusterId": "j-DOESNOTEXIST"})

    # The SDK must see what AWS (here: the sandbox) said, byte for byte.
    emr = aws_spark_ml["sandbox"].client("emr")
    with pytest.raises(botocore.exceptions.ClientError) as direct:
        emr.describe_cluster(ClusterId="j-DOESNOTEXIST")
    assert response.code == direct.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    parsed = parse_aws("emr", "DescribeCluster", response)
    assert parsed["Error"]["Code"] == direct.value.response["Error"]["Code"]
    assert parsed["Error"]["Code"] == "InvalidRequestException"
    assert b"j-DOESNOTEXIST" in response.body
    assert response.headers["Content-Type"] == "application/x-amz-json-1.1"


async def test_upstream_cors_headers_do_not_cross_onto_jupyters_origin(proxy_call):
    response = await proxy_call("sts", "GetCallerIdentity")

    # moto answers with 'Access-Control-Allow-Origin: *'; Jupyter decides CORS for its origin.
    assert response.code == 200
    # (Jupyter itself echoes the request's Origin for token-authenticated requests.)
    assert "*" not in response.headers.get_list("Access-Control-Allow-Origin")
