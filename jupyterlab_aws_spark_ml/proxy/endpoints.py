"""Where a service lives, as botocore resolves it — never as the request says.

botocore's own resolution honours `AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`, the
`endpoint_url` of the active profile, FIPS/dual-stack settings and global services (IAM signs
for us-east-1 wherever it is called from). We build one botocore client per (service, region),
once, and read what it decided.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

import botocore.session
from botocore.config import Config


@dataclass(frozen=True)
class AwsEndpoint:
    url: str  # e.g. 'https://elasticmapreduce.us-east-1.amazonaws.com' or 'http://127.0.0.1:5000'
    host: str  # the Host header, with the port when it is not the scheme's default
    base_path: str  # '' or the path part of a custom endpoint URL, without a trailing '/'
    signing_region: str
    signing_name: str
    signature_version: str  # 'v4' or 's3v4'


class EndpointResolver:
    def __init__(self, session: botocore.session.Session) -> None:
        self.session = session
        self._endpoints: dict[tuple[str, str], AwsEndpoint] = {}
        self._lock = threading.Lock()

    def cached(self, service: str, region: str) -> AwsEndpoint | None:
        return self._endpoints.get((service, region))

    def resolve(self, service: str, region: str) -> AwsEndpoint:
        """Blocking on first use of a (service, region) (it reads config files); then cached."""
        key = (service, region)
        endpoint = self._endpoints.get(key)
        if endpoint is not None:
            return endpoint
        with self._lock:
            endpoint = self._endpoints.get(key)
            if endpoint is None:
                endpoint = self._endpoints[key] = self._build(service, region)
        return endpoint

    def _build(self, service: str, region: str) -> AwsEndpoint:
        # Path-style S3: the browser SDK sends '/bucket/key', and the proxy keeps the path.
        config = Config(s3={"addressing_style": "path"}, retries={"total_max_attempts": 1})
        # Unsigned: creating the client must not look up credentials (that is the signer's job).
        config = config.merge(Config(signature_version=botocore.UNSIGNED))
        client = self.session.create_client(service, region_name=region, config=config)
        try:
            # The client's RequestSigner knows the signing region of global services
            # (e.g. IAM → us-east-1) and the signing name (e.g. EMR → 'elasticmapreduce').
            signer = client._request_signer
            model = client.meta.service_model
            parts = urlsplit(client.meta.endpoint_url)
            return AwsEndpoint(
                url=f"{parts.scheme}://{parts.netloc}",
                host=parts.netloc,
                base_path=parts.path.rstrip("/"),
                signing_region=signer.region_name or region,
                signing_name=signer.signing_name or model.signing_name,
                signature_version="s3v4" if service == "s3" else "v4",
            )
        finally:
            client.close()
