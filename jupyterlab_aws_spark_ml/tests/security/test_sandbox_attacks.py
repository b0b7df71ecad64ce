"""Attacks on the sandbox's local servers — the AWS gateway, Livy and an inference server — each
with the refusal it must get, and the proof that the sandbox's own clients still get in.

What an attacker has: a web page in the user's browser (cross-origin `text/plain` POSTs, DNS
rebinding, so `Host: evil.example`), or a shell as another local user (any request to
127.0.0.1, but not the user's files or environment).
"""

from __future__ import annotations

import json
import re
import time

import boto3
import pytest
import requests
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

from jupyterlab_aws_spark_ml.sandbox import Sandbox
from jupyterlab_aws_spark_ml.tests.security.sandbox_attacks import (
    BUCKET,
    EVIL,
    client,
    error_of,
    send,
    signed,
)

# --- every port: only local programs addressing it by name ----------------------------------


def ports(box, livy_port, inference) -> dict[str, int]:
    return {"gateway": box.port, "livy": livy_port, "inference": inference[0]}


@pytest.mark.parametrize("server", ["gateway", "livy", "inference"])
def test_cross_origin_text_plain_post_is_refused(box, livy_port, inference, server):
    """A web page's form-like POST (no preflight) to start a Livy session or call AWS."""
    port = ports(box, livy_port, inference)[server]
    status, _, body = send(
        port,
        "POST",
        "/sessions" if server == "livy" else "/",
        {"Origin": EVIL, "Content-Type": "text/plain"},
        b'{"kind": "pyspark"}',
    )
    assert status == 403 and b"web pages" in body


@pytest.mark.parametrize("server", ["gateway", "livy", "inference"])
def test_dns_rebinding_host_is_refused(box, livy_port, inference, server):
    port = ports(box, livy_port, inference)[server]
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", "127.0.0.1"):
        status, _, body = send(port, "GET", "/ping", host=host)
        assert status == 403 and b"refused" in body, host


@pytest.mark.parametrize("server", ["gateway", "livy", "inference"])
def test_browser_fetch_metadata_is_refused(box, livy_port, inference, server):
    port = ports(box, livy_port, inference)[server]
    for site in ("cross-site", "same-site", "same-origin"):
        status, _, _ = send(port, "GET", "/", {"Sec-Fetch-Site": site})
        assert status == 403, site


# --- the AWS gateway: SigV4 with the sandbox's keys ------------------------------------------


def test_keys_are_random_per_sandbox_and_in_a_private_file(box):
    other = Sandbox(components=[], seed=False)
    assert box.access_key_id.startswith("SANDBOX") and len(box.access_key_id) == 20
    assert (other.access_key_id, other.secret_access_key) != (
        box.access_key_id,
        box.secret_access_key,
    )
    text = box.credentials_file.read_text()
    assert "[sandbox]" in text and box.secret_access_key in text
    assert box.credentials_file.stat().st_mode & 0o777 == 0o600
    assert box.environment()["AWS_SECRET_ACCESS_KEY"] == box.secret_access_key


def test_credentials_file_works_as_an_aws_profile(box, monkeypatch):
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(box.credentials_file))
    session = boto3.Session(profile_name="sandbox", region_name=box.region)
    sts = session.client("sts", endpoint_url=box.endpoint_url)
    assert sts.get_caller_identity()["Account"] == box.account_id


@pytest.mark.parametrize(
    ("request_line", "headers", "body", "content_type", "code"),
    [
        (
            "POST /",
            {"Content-Type": "application/x-www-form-urlencoded"},
            b"Action=GetCallerIdentity&Version=2011-06-15",
            "xml",
            "MissingAuthenticationToken",
        ),
        (
            "POST /",
            {"X-Amz-Target": "AWSGlue.GetDatabases", "Content-Type": "application/x-amz-json-1.1"},
            b"{}",
            "json",
            "MissingAuthenticationTokenException",
        ),
        ("GET /" + BUCKET, {}, b"", "xml", "AccessDenied"),
        ("PUT /" + BUCKET + "/planted.txt", {}, b"x", "xml", "AccessDenied"),
    ],
)
def test_unsigned_requests_get_aws_refusals(box, request_line, headers, body, content_type, code):
    method, path = request_line.split(" ", 1)
    status, answer_headers, answer = send(box.port, method, path, headers, body)
    assert status == 403
    assert code in answer.decode()
    assert content_type in answer_headers["Content-Type"]


def test_wrong_secret_is_signature_does_not_match(box):
    wrong = {"aws_secret_access_key": "not-" + box.secret_access_key}
    assert error_of(lambda: client(box, "sts", **wrong).get_caller_identity()) == (
        403,
        "SignatureDoesNotMatch",
    )
    assert error_of(lambda: client(box, "glue", **wrong).get_databases()) == (
        403,
        "InvalidSignatureException",
    )
    s3 = client(box, "s3", **wrong)
    assert error_of(lambda: s3.list_objects_v2(Bucket=BUCKET)) == (403, "SignatureDoesNotMatch")


def test_unknown_key_is_refused(box):
    stranger = {"aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "x"}
    assert error_of(lambda: client(box, "sts", **stranger).get_caller_identity()) == (
        403,
        "InvalidClientTokenId",
    )
    assert error_of(lambda: client(box, "glue", **stranger).get_databases()) == (
        403,
        "UnrecognizedClientException",
    )
    s3 = client(box, "s3", **stranger)
    assert error_of(lambda: s3.list_objects_v2(Bucket=BUCKET)) == (403, "InvalidAccessKeyId")


def test_the_old_fixed_keys_no_longer_work(box):
    old = {"aws_access_key_id": "sandbox", "aws_secret_access_key": "sandbox"}
    assert error_of(lambda: client(box, "sts", **old).get_caller_identity())[0] == 403


def test_tampered_signed_request_is_refused(box):
    """A signed call replayed with another body (a different operation's parameters)."""
    headers = signed(
        box,
        "glue",
        "POST",
        "/",
        b"{}",
        {"X-Amz-Target": "AWSGlue.GetDatabases", "Content-Type": "application/x-amz-json-1.1"},
    )
    status, _, body = send(box.port, "POST", "/", headers, b'{"MaxResults": 1}')
    assert status == 403 and b"InvalidSignatureException" in body


AWKWARD_KEYS = [
    "plain.csv",
    "day=2024-01-01/city=New York/part-0.parquet",  # Spark's partition folders
    "a+b/c d/e=f&g.txt",
    "über/naïve ü.txt",
    "tilde~star*(paren)!.txt",
]


@pytest.mark.parametrize("key", AWKWARD_KEYS)
def test_signed_s3_calls_work_with_awkward_keys(box, key):
    s3 = client(box, "s3")
    s3.put_object(Bucket=BUCKET, Key=key, Body=b"data")
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == b"data"
    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=key.split("/")[0])
    assert key in [o["Key"] for o in listed["Contents"]]


def test_form_encoded_query_as_s3a_sends_it_is_accepted(box):
    """S3A's Java SDK v1 signs `prefix=city%3DNew%20York` but sends `city%3DNew+York`
    (measured with Spark partition folders, see tests/engines/test_engines_spark.py)."""
    client(box, "s3").put_object(Bucket=BUCKET, Key="s3a/city=New York/part-0", Body=b"p")
    signed_query = "list-type=2&prefix=s3a%2Fcity%3DNew%20York%2F"
    headers = signed(box, "s3", "GET", f"/{BUCKET}?{signed_query}")
    sent = f"/{BUCKET}?" + signed_query.replace("%20", "+")
    status, _, body = send(box.port, "GET", sent, headers)
    assert status == 200 and b"s3a/city=New York/part-0" in body, body
    tampered = sent.replace("New", "Old")
    assert send(box.port, "GET", tampered, headers)[0] == 403


def test_signed_calls_of_every_protocol_work(box):
    assert client(box, "sts").get_caller_identity()["Account"] == box.account_id  # query
    assert client(box, "iam").list_users()["Users"] == []  # query
    assert "DatabaseList" in client(box, "glue").get_databases()  # JSON
    assert "Clusters" in client(box, "emr").list_clusters()  # JSON
    assert "applications" in client(box, "emr-serverless").list_applications()  # REST-JSON


def test_s3_virtual_host_addressing_on_localhost_works(box):
    """<bucket>.localhost:<port> (what SDKs send for AWS_ENDPOINT_URL=http://localhost:<port>
    where *.localhost resolves); sent to 127.0.0.1 here, as not every resolver knows it."""
    host = f"{BUCKET}.localhost:{box.port}"
    request = AWSRequest(method="PUT", url=f"http://{host}/virtual.txt", data=b"v")
    credentials = Credentials(box.access_key_id, box.secret_access_key)
    S3SigV4Auth(credentials, "s3", box.region).add_auth(request)
    status, _, body = send(box.port, "PUT", "/virtual.txt", dict(request.headers), b"v", host=host)
    assert status == 200, body
    assert client(box, "s3").get_object(Bucket=BUCKET, Key="virtual.txt")["Body"].read() == b"v"


# --- presigned URLs (aws s3 presign) -----------------------------------------------------------


def presigner(box, version: str, **overrides):
    """An S3 client (for presigning only) whose URLs use SigV2 ('s3', boto3's default in
    us-east-1) or SigV4 ('s3v4', X-Amz-Algorithm/Credential/Signature, as `aws s3 presign`)."""
    config = Config(signature_version=version, retries={"total_max_attempts": 1})
    return client(box, "s3", config=config, **overrides)


SIGNATURES = pytest.mark.parametrize("version", ["s3", "s3v4"])


@SIGNATURES
@pytest.mark.parametrize("key", ["presigned.txt", "day=1/a b+c ü.txt"])
def test_presigned_url_works(box, key, version):
    client(box, "s3").put_object(Bucket=BUCKET, Key=key, Body=b"shared")
    url = presigner(box, version).generate_presigned_url(
        "get_object", Params={"Bucket": BUCKET, "Key": key}
    )
    answer = requests.get(url, timeout=10)
    assert answer.status_code == 200 and answer.content == b"shared"


@SIGNATURES
def test_tampered_or_foreign_presigned_urls_are_refused(box, version):
    client(box, "s3").put_object(Bucket=BUCKET, Key="secret.txt", Body=b"secret")
    url = presigner(box, version).generate_presigned_url(
        "get_object", Params={"Bucket": BUCKET, "Key": "secret.txt"}
    )
    other_key = url.replace("secret.txt", "other.txt")
    assert requests.get(other_key, timeout=10).status_code == 403
    bad_signature = re.sub(r"Signature=(.)", lambda m: "Signature=" + "AB"[m[1] == "A"], url)
    answer = requests.get(bad_signature, timeout=10)
    assert answer.status_code == 403 and b"SignatureDoesNotMatch" in answer.content
    later = re.sub(r"(Expires=\d+)", r"\g<1>9", url)  # a longer life than was signed
    assert requests.get(later, timeout=10).status_code == 403
    wrong_secret = presigner(box, version, aws_secret_access_key="guess").generate_presigned_url(
        "get_object", Params={"Bucket": BUCKET, "Key": "secret.txt"}
    )
    assert requests.get(wrong_secret, timeout=10).status_code == 403


@SIGNATURES
def test_expired_presigned_url_is_refused(box, version):
    client(box, "s3").put_object(Bucket=BUCKET, Key="brief.txt", Body=b"x")
    url = presigner(box, version).generate_presigned_url(
        "get_object", Params={"Bucket": BUCKET, "Key": "brief.txt"}, ExpiresIn=1
    )
    time.sleep(2.1)  # the expiry itself is what is tested
    answer = requests.get(url, timeout=10)
    assert answer.status_code == 403 and b"Request has expired" in answer.content


# --- moto's own API is off ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/moto-api/data.json"), ("POST", "/moto-api/reset"), ("GET", "/moto-api/")],
)
def test_moto_api_is_off(box, method, path):
    status, _, _ = send(box.port, method, path)
    assert status == 404
    signed_headers = signed(box, "s3", method, path)
    assert send(box.port, method, path, signed_headers)[0] == 404
    assert client(box, "s3").head_bucket(Bucket=BUCKET)  # nothing was reset


# --- malformed JSON: the 4xx AWS sends, never a 500 -------------------------------------------


@pytest.mark.parametrize(
    "body",
    [b"null", b"[" * 10000, b"1" * 5000, b'{"Name": "\xff\xfe"}', b"{", b"[1, 2]", b'"text"'],
    ids=["null", "deep", "huge-number", "bad-utf8", "truncated", "array", "string"],
)
def test_malformed_json_body_is_serialization_exception(box, body):
    headers = signed(
        box,
        "glue",
        "POST",
        "/",
        body,
        {"X-Amz-Target": "AWSGlue.GetDatabases", "Content-Type": "application/x-amz-json-1.1"},
    )
    status, _, answer = send(box.port, "POST", "/", headers, body)
    assert status == 400
    assert json.loads(answer)["__type"] == "SerializationException"


def test_malformed_rest_json_body_is_serialization_exception(box):
    body = b"[" * 5000
    path = "/applications"
    headers = signed(
        box, "emr-serverless", "POST", path, body, {"Content-Type": "application/json"}
    )
    status, _, answer = send(box.port, "POST", path, headers, body)
    assert status == 400 and json.loads(answer)["__type"] == "SerializationException"
