"""Requests an attacker sends to the signing proxy, each with the refusal it must get.

One list, used by tests/security/test_proxy_attacks.py and by bench/security/run.py (which
counts how many were refused as expected). They target a sandbox-mode server with the default
allowlist, region us-east-1, as a logged-in user (token) unless `auth` is False.
"""

from __future__ import annotations

from dataclasses import dataclass

from tornado.httputil import HTTPHeaders

FORM = ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
JSON = ("Content-Type", "application/x-amz-json-1.1")
IAM = "Version=2010-05-08"
STS = "Version=2011-06-15"
ASSUME = "Action=AssumeRole&RoleArn=arn:aws:iam::123456789012:role/admin&RoleSessionName=s"
LONG_REGION = "us-" + "a" * 70 + "-1"


@dataclass(frozen=True)
class Attack:
    name: str
    method: str
    rest: str  # after '{base_url}aws-spark-ml/proxy/'
    status: int
    reasons: frozenset[str]  # refusal reasons that count as expected; empty: any
    headers: tuple[tuple[str, str], ...] = ()  # repeated names allowed
    body: bytes = b""
    client_header: bool = True  # the header the extension's SDK sends
    auth: bool = True

    def fetch_arguments(self, auth_headers: dict[str, str]) -> dict:
        """Keyword arguments for Tornado's `fetch`, with these headers exactly."""
        headers = HTTPHeaders()
        for name, value in (auth_headers if self.auth else {}).items():
            headers.add(name, value)
        if self.client_header:
            headers.add("X-Aws-Spark-Ml", "1")
        for name, value in self.headers:
            headers.add(name, value)
        return dict(
            method=self.method,
            headers=headers,
            body=self.body if self.method in ("POST", "PUT", "PATCH") else None,
            allow_nonstandard_methods=True,
            raise_error=False,
        )

    def refused_as_expected(self, status: int, reason: str | None) -> bool:
        return status == self.status and (not self.reasons or reason in self.reasons)


def _r(*reasons: str) -> frozenset[str]:
    return frozenset(reasons)


_POST_ONLY = _r("query-api-post-only", "repeated-parameter")
ATTACKS: tuple[Attack, ...] = (
    # Allowlist bypass: a repeated Action checked as one operation and run as another.
    Attack("iam: Action twice in a GET query", "GET",
           f"iam/us-east-1/?Action=CreateUser&UserName=x&{IAM}&Action=ListRoles", 400, _POST_ONLY),
    Attack("sts: Action twice in a GET query", "GET",
           f"sts/us-east-1/?{ASSUME}&{STS}&Action=GetCallerIdentity", 400, _POST_ONLY),
    Attack("iam: Action twice in the form", "POST", "iam/us-east-1/", 400,
           _r("repeated-parameter"), (FORM,),
           f"Action=CreateUser&UserName=x&{IAM}&Action=ListRoles".encode()),
    Attack("sts: Action twice in the form", "POST", "sts/us-east-1/", 400,
           _r("repeated-parameter"), (FORM,), f"{ASSUME}&{STS}&Action=GetCallerIdentity".encode()),
    Attack("sts: Action in query and form", "POST", f"sts/us-east-1/?{ASSUME}", 400, _POST_ONLY,
           (FORM,), f"Action=GetCallerIdentity&{STS}".encode()),
    Attack("sts: 'action' beside 'Action'", "POST", "sts/us-east-1/", 400,
           _r("repeated-parameter"), (FORM,),
           f"Action=GetCallerIdentity&{STS}&action=AssumeRole".encode()),
    Attack("sts: 'ACTION' beside 'Action'", "POST", "sts/us-east-1/", 400,
           _r("repeated-parameter"), (FORM,),
           f"ACTION=AssumeRole&Action=GetCallerIdentity&{STS}".encode()),
    Attack("sts: percent-encoded 'Action' key", "POST", "sts/us-east-1/", 400,
           _r("repeated-parameter"), (FORM,),
           f"Act%69on=AssumeRole&Action=GetCallerIdentity&{STS}".encode()),
    Attack("sts: Version twice", "POST", "sts/us-east-1/", 400, _r("repeated-parameter"),
           (FORM,), f"Action=GetCallerIdentity&{STS}&Version=2099-01-01".encode()),
    # Query APIs only as the SDK sends them: POST with a form body.
    Attack("sts: GET navigation", "GET", f"sts/us-east-1/?Action=GetCallerIdentity&{STS}",
           400, _r("query-api-post-only")),
    Attack("iam: PUT", "PUT", "iam/us-east-1/", 400, _r("query-api-post-only"), (FORM,),
           f"Action=ListRoles&{IAM}".encode()),
    Attack("iam: PATCH", "PATCH", "iam/us-east-1/", 400, _r("query-api-post-only"), (FORM,),
           f"Action=ListRoles&{IAM}".encode()),
    Attack("iam: DELETE", "DELETE", f"iam/us-east-1/?Action=ListRoles&{IAM}", 400,
           _r("query-api-post-only")),
    Attack("sts: JSON body for a query API", "POST", "sts/us-east-1/", 400,
           _r("malformed-body"), (JSON,), b'{"Action": "GetCallerIdentity"}'),
    Attack("sts: form body not UTF-8", "POST", "sts/us-east-1/", 400, _r("malformed-body"),
           (FORM,), b"Action=GetCallerIdentity&x=\xff\xfe"),
    Attack("sts: operation not on the allowlist", "POST", "sts/us-east-1/", 403,
           _r("operation-not-allowed"), (FORM,), f"{ASSUME}&{STS}".encode()),
    Attack("iam: CreateUser alone", "POST", "iam/us-east-1/", 403, _r("operation-not-allowed"),
           (FORM,), f"Action=CreateUser&UserName=x&{IAM}".encode()),
    # JSON APIs: the operation header once.
    Attack("emr: X-Amz-Target twice", "POST", "emr/us-east-1/", 400, _r("repeated-header"),
           (JSON, ("X-Amz-Target", "ElasticMapReduce.RunJobFlow"),
            ("X-Amz-Target", "ElasticMapReduce.ListClusters")), b"{}"),
    Attack("emr: X-AMZ-TARGET and x-amz-target", "POST", "emr/us-east-1/", 400,
           _r("repeated-header"),
           (JSON, ("X-AMZ-TARGET", "ElasticMapReduce.TerminateJobFlows"),
            ("x-amz-target", "ElasticMapReduce.ListClusters")), b"{}"),
    Attack("emr: Content-Type twice", "POST", "emr/us-east-1/", 400, _r("repeated-header"),
           (JSON, ("Content-Type", "text/plain"),
            ("X-Amz-Target", "ElasticMapReduce.ListClusters")), b"{}"),
    Attack("emr: GET with a target", "GET", "emr/us-east-1/", 400, _r("malformed-request"),
           (("X-Amz-Target", "ElasticMapReduce.ListClusters"),)),
    # REST APIs: each query key once; no header overrides; no way out of the AWS path.
    Attack("s3: prefix twice", "GET", "s3/us-east-1/demo?list-type=2&prefix=a&prefix=b", 400,
           _r("repeated-parameter")),
    Attack("s3: Prefix and prefix", "GET", "s3/us-east-1/demo?list-type=2&Prefix=a&prefix=b",
           400, _r("repeated-parameter")),
    Attack("s3: list-type twice", "GET", "s3/us-east-1/demo?list-type=2&list-type=1", 400,
           _r("repeated-parameter")),
    Attack("s3: response-content-type=text/html", "GET",
           "s3/us-east-1/demo/page.html?response-content-type=text/html", 400,
           _r("response-override")),
    Attack("s3: response-content-disposition=inline", "GET",
           "s3/us-east-1/demo/page.html?response-content-disposition=inline", 400,
           _r("response-override")),
    Attack("s3: %2e%2e segments", "GET", "s3/us-east-1/demo/%2e%2e/%2e%2e/etc/passwd", 400,
           _r("bad-path")),
    Attack("s3: .%2E segment", "GET", "s3/us-east-1/demo/.%2E/other-bucket", 400, _r("bad-path")),
    Attack("emr: %2F%2F host in the path", "POST", "emr/us-east-1/%2F%2Fevil.example/", 400,
           _r("bad-path"), (JSON, ("X-Amz-Target", "ElasticMapReduce.ListClusters")), b"{}"),
    Attack("emr: URL in the path", "POST", "emr/us-east-1/http:%2F%2Fevil.example/", 400,
           _r("bad-path"), (JSON, ("X-Amz-Target", "ElasticMapReduce.ListClusters")), b"{}"),
    Attack("emr: backslash in the path", "POST", "emr/us-east-1/%5C%5Cevil.example/", 400,
           _r("bad-path"), (JSON, ("X-Amz-Target", "ElasticMapReduce.ListClusters")), b"{}"),
    Attack("emr: ANSI escape in the path", "POST", "emr/us-east-1/%1b[31mred", 400,
           _r("bad-path"), (JSON, ("X-Amz-Target", "ElasticMapReduce.ListClusters")), b"{}"),
    # Regions: the right shape is not enough.
    Attack("sts: 72-character region", "POST", f"sts/{LONG_REGION}/", 400, _r("bad-region"),
           (FORM,), f"Action=GetCallerIdentity&{STS}".encode()),
    Attack("sts: upper-case region", "POST", "sts/US-EAST-1/", 400, _r("bad-region"), (FORM,),
           f"Action=GetCallerIdentity&{STS}".encode()),
    Attack("sts: host as region", "POST", "sts/evil.example/", 400, _r("bad-region"), (FORM,),
           f"Action=GetCallerIdentity&{STS}".encode()),
    # Cross-site: without the extension's header (links, forms, images, navigations).
    Attack("s3: GET navigation to an object", "GET", "s3/us-east-1/demo/page.html", 403,
           _r("missing-client-header"), client_header=False),
    Attack("sts: cross-site form POST", "POST", "sts/us-east-1/", 403,
           _r("missing-client-header"), (FORM,), f"Action=GetCallerIdentity&{STS}".encode(),
           client_header=False),
    Attack("emr: header with another value", "POST", "emr/us-east-1/", 403,
           _r("missing-client-header"),
           (JSON, ("X-Amz-Target", "ElasticMapReduce.ListClusters"), ("X-Aws-Spark-Ml", "0")),
           b"{}", client_header=False),
    Attack("emr: header twice", "POST", "emr/us-east-1/", 403, _r("missing-client-header"),
           (JSON, ("X-Amz-Target", "ElasticMapReduce.ListClusters"), ("X-Aws-Spark-Ml", "1"),
            ("X-Aws-Spark-Ml", "1")), b"{}", client_header=False),
    # Not logged in at all.
    Attack("emr: no Jupyter auth", "POST", "emr/us-east-1/", 403, _r(),
           (JSON, ("X-Amz-Target", "ElasticMapReduce.ListClusters")), b"{}", auth=False),
)  # fmt: skip
