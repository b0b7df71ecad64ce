"""Naming the operation from botocore's models, and the allowlist's own checks (no server)."""

from __future__ import annotations

import pytest
from botocore.serialize import create_serializer

from jupyterlab_aws_spark_ml.proxy.allowlist import DEFAULT_ALLOWED_OPERATIONS, Allowlist
from jupyterlab_aws_spark_ml.proxy.catalog import ServiceCatalog
from jupyterlab_aws_spark_ml.proxy.forwarding import canonical_path
from jupyterlab_aws_spark_ml.proxy.operations import OperationResolver, is_query_api, protocols_of
from jupyterlab_aws_spark_ml.proxy.parsing import form_pairs
from jupyterlab_aws_spark_ml.proxy.refusal import ProxyRefusal

CATALOG = ServiceCatalog.shared()
SERVICES = sorted({entry.split(":")[0] for entry in DEFAULT_ALLOWED_OPERATIONS})
# Old and new names for byte-identical requests: AWS treats them as one; we pick the current one.
S3_ALIASES = {
    "GetBucketLifecycle": "GetBucketLifecycleConfiguration",
    "PutBucketLifecycle": "PutBucketLifecycleConfiguration",
    "GetBucketNotification": "GetBucketNotificationConfiguration",
    "PutBucketNotification": "PutBucketNotificationConfiguration",
    "ListDirectoryBuckets": "ListBuckets",  # served by the S3 Express endpoint, not path-style
}


def resolve(service, method, path, query=None, headers=None, body=b""):
    """As SigningProxy.check does: a query API's parameters are its form body's."""
    headers, params = headers or {}, query or {}
    if is_query_api(protocols_of(CATALOG.model(service))) and "x-amz-target" not in headers:
        params = dict(form_pairs(service, body, headers.get("content-type", "")))
    resolver = OperationResolver(CATALOG)
    return resolver.resolve(service, method, canonical_path(path), params, headers)


def minimal(shape, depth=0):
    """Smallest valid-looking input: required members only."""
    kind = shape.type_name
    if kind == "structure":
        return {m: minimal(shape.members[m], depth + 1) for m in shape.required_members}
    if kind == "list":
        return [minimal(shape.member, depth + 1)] if depth < 3 else []
    if kind == "map":
        return {}
    if kind in ("integer", "long"):
        return 1
    if kind in ("float", "double"):
        return 1.0
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return 0
    if kind == "blob":
        return b"x"
    return shape.metadata.get("enum", ["x1"])[0]


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_of_our_services_is_named_from_its_own_request(service, aws_serialize):
    model = CATALOG.model(service)
    wrong = {}
    for name in model.operation_names:
        op = model.operation_model(name)
        params = minimal(op.input_shape) if op.input_shape else {}
        method, path, query, headers, body = aws_serialize(service, name, params)
        query_map = dict(p.partition("=")[::2] for p in query.split("&") if p)
        lowered = {k.lower(): v for k, v in headers.items()}
        try:
            got = resolve(service, method, path, query_map, lowered, body)
        except ProxyRefusal as e:
            got = e.message
        if got != name and not (service == "s3" and S3_ALIASES.get(name) == got):
            wrong[name] = got
    assert wrong == {}


@pytest.mark.parametrize(
    ("method", "path", "query", "headers", "expected"),
    [
        ("GET", "/bucket", {"list-type": "2"}, {}, "ListObjectsV2"),
        ("GET", "/bucket/", {"list-type": "2", "prefix": "a/"}, {}, "ListObjectsV2"),
        ("GET", "/bucket", {}, {}, "ListObjects"),
        ("GET", "/bucket", {"location": ""}, {}, "GetBucketLocation"),
        ("GET", "/bucket/deep/key.csv", {}, {}, "GetObject"),
        ("GET", "/bucket/deep/key.csv", {"x-id": "GetObject"}, {}, "GetObject"),
        ("PUT", "/bucket/key", {}, {}, "PutObject"),
        ("PUT", "/bucket/key", {}, {"x-amz-copy-source": "other/key"}, "CopyObject"),
        ("PUT", "/bucket/key", {"partNumber": "1", "uploadId": "u"}, {}, "UploadPart"),
        ("GET", "/bucket/key", {"acl": ""}, {}, "GetObjectAcl"),
    ],
)
def test_s3_requests_are_named_like_aws_does(method, path, query, headers, expected):
    assert resolve("s3", method, path, query, headers) == expected


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ({"list-type": "2", "acl": ""}, "ambiguous-operation"),  # smuggling a subresource
        ({"x-id": "ListBuckets"}, "ambiguous-operation"),  # the SDK's name disagrees
    ],
)
def test_s3_requests_that_could_be_two_operations_are_refused(query, reason):
    with pytest.raises(ProxyRefusal) as refused:
        resolve("s3", "GET", "/bucket", query)
    assert refused.value.status == 400 and refused.value.reason == reason


def test_query_api_reads_action_from_its_form_body():
    form = {"content-type": "application/x-www-form-urlencoded"}
    assert resolve("sts", "POST", "/", body=b"Action=GetCallerIdentity", headers=form) == (
        "GetCallerIdentity"
    )
    with pytest.raises(ProxyRefusal, match="no 'Action'"):
        resolve("iam", "POST", "/", {"Action": "ListRoles"}, form, b"Version=2010-05-08")
    with pytest.raises(ProxyRefusal, match="form body"):
        resolve("iam", "POST", "/", headers={"content-type": "application/json"}, body=b"{}")


def test_json_api_must_be_post_with_its_own_target_prefix():
    with pytest.raises(ProxyRefusal, match="POST"):
        resolve("emr", "GET", "/", headers={"x-amz-target": "ElasticMapReduce.ListClusters"})
    with pytest.raises(ProxyRefusal, match="AWSGlue"):
        resolve("glue", "POST", "/", headers={"x-amz-target": "ElasticMapReduce.ListClusters"})


def test_every_service_we_use_speaks_a_protocol_we_resolve():
    supported = {"json", "query", "ec2", "rest-json", "rest-xml", "smithy-rpc-v2-cbor"}
    for service in SERVICES:
        assert set(protocols_of(CATALOG.model(service))) & supported, service


def test_default_allowlist_names_real_operations():
    Allowlist(DEFAULT_ALLOWED_OPERATIONS, CATALOG)  # raises if any entry is unknown


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("emr.ListClusters", "not 'service:Operation'"),
        ("emr:listClusters", "not 'service:Operation'"),
        ("emr:ListClustersPlease", "not operations known to botocore"),
        ("nosuchservice:List", "not operations known to botocore"),
    ],
)
def test_bad_allowlist_entries_are_named(entry, message):
    with pytest.raises(ValueError, match=message) as bad:
        Allowlist([entry], CATALOG)
    assert entry in str(bad.value) and "AwsSparkML.allowed_operations" in str(bad.value)


@pytest.mark.parametrize(
    ("region", "ok"),
    [
        ("us-east-1", True),
        ("eu-central-2", True),
        ("cn-north-1", True),
        ("us-gov-west-1", True),
        ("mars-east-1", False),
        ("useast1", False),
    ],
)
def test_regions_must_belong_to_a_partition(region, ok):
    assert CATALOG.is_partition_region(region) is ok


def test_serializer_helper_matches_botocore():
    """Guard for the test helper itself: a JSON request carries botocore's target header."""
    model = CATALOG.model("emr")
    request = create_serializer("json").serialize_to_request(
        {}, model.operation_model("ListClusters")
    )
    assert request["headers"]["X-Amz-Target"] == "ElasticMapReduce.ListClusters"
