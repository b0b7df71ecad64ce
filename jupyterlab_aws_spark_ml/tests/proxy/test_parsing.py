"""The one parse, the answer's headers and the spool, without a server."""

from __future__ import annotations

import os

import pytest

from jupyterlab_aws_spark_ml.proxy.allowlist import DEFAULT_ALLOWED_OPERATIONS
from jupyterlab_aws_spark_ml.proxy.answer_headers import as_attachment, passes
from jupyterlab_aws_spark_ml.proxy.forwarding import IncomingRequest, SigningProxy
from jupyterlab_aws_spark_ml.proxy.parsing import printable, repeated_keys
from jupyterlab_aws_spark_ml.proxy.refusal import ProxyRefusal
from jupyterlab_aws_spark_ml.proxy.spool import Spool

# What is parsed, not what is allowed, is tested here: EMR Serverless's and S3's listings have
# the REST query lists and encodings to parse, though the sidebar sends neither.
PROXY = SigningProxy(
    DEFAULT_ALLOWED_OPERATIONS | {"emr-serverless:ListApplications", "s3:ListObjectsV2"}
)


def check(method, service, path, query="", headers=(), body=b""):
    return PROXY.check(
        IncomingRequest(method, service, "us-east-1", path, query, list(headers), body)
    )


def test_a_rest_list_parameter_may_repeat_and_nothing_else():
    # EMR Serverless ListApplications' `states` is a list the SDK sends as repeated keys.
    name, _, query = check(
        "GET", "emr-serverless", "/applications", "states=STARTED&states=CREATED"
    )
    assert name == "ListApplications" and query == [("states", "STARTED"), ("states", "CREATED")]
    with pytest.raises(ProxyRefusal) as refused:
        check("GET", "emr-serverless", "/applications", "maxResults=1&maxResults=50")
    assert refused.value.reason == "repeated-parameter" and "maxResults" in refused.value.message


def test_the_forwarded_query_is_the_parsed_pairs():
    _, _, query = check("GET", "s3", "/bucket", "list-type=2&prefix=a%20b%2Fc&_xsrf=x")
    assert query == [("list-type", "2"), ("prefix", "a b/c")]  # Jupyter's _xsrf left out


def test_repeated_keys_ignore_letter_case():
    assert repeated_keys([("Action", "a"), ("action", "b"), ("Version", "1")]) == [
        "Action",
        "action",
    ]


def test_control_characters_are_escaped_for_logs():
    assert printable("\x1b[31mred\x1b[0m\n") == "\\x1b[31mred\\x1b[0m\\n"
    assert printable("ordinary text") == "ordinary text"


@pytest.mark.parametrize(
    ("upstream", "served"),
    [
        (None, "attachment"),
        ("inline", "attachment"),
        ('inline; filename="a.html"', 'attachment; filename="a.html"'),
        ('attachment; filename="b.csv"', 'attachment; filename="b.csv"'),
    ],
)
def test_every_disposition_becomes_an_attachment(upstream, served):
    assert as_attachment(upstream) == served


def test_only_what_the_sdk_reads_passes():
    assert passes("x-amz-request-id") and passes("X-Amzn-ErrorType") and passes("ETag")
    for name in ("Set-Cookie", "Location", "Refresh", "Link", "Content-Security-Policy"):
        assert not passes(name)


def test_the_spool_keeps_small_answers_in_memory_and_big_ones_on_disk():
    small = Spool(memory_bytes=100)
    small.write(b"a" * 60)
    small.write(b"b" * 40)
    assert not small.on_disk and list(small.pieces(30)) == [b"a" * 60 + b"b" * 40]
    big = Spool(memory_bytes=100)
    for part in (b"x" * 80, b"y" * 80, b"z" * 80):
        big.write(part)
    assert big.on_disk and big.size == 240
    assert os.fstat(big._file.fileno()).st_mode & 0o777 == 0o600  # only the server's user
    assert b"".join(big.pieces(64)) == b"x" * 80 + b"y" * 80 + b"z" * 80
    big.close()
