"""SageMaker's own container images: resolve an image URI for a region and version, and tell
which kind of image a URI is (built-in XGBoost, SKLearn or XGBoost framework).

Account ids are the SageMaker XGBoost / SKLearn registries per region, from the SageMaker
docs ("Docker Registry Paths and Example Code") and sagemaker-python-sdk's image_uri_config.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The 'sagemaker-xgboost' and 'sagemaker-scikit-learn' repositories share these accounts.
REGISTRY_ACCOUNTS = {
    "us-east-1": "683313688378",
    "us-east-2": "257758044811",
    "us-west-1": "746614075791",
    "us-west-2": "246618743249",
    "ca-central-1": "341280168497",
    "eu-west-1": "141502667606",
    "eu-west-2": "764974769150",
    "eu-west-3": "659782779980",
    "eu-central-1": "492215442770",
    "eu-north-1": "662702820516",
    "ap-southeast-1": "121021644041",
    "ap-southeast-2": "783357654285",
    "ap-northeast-1": "354813040037",
    "ap-northeast-2": "366743142698",
    "ap-south-1": "720646828776",
    "sa-east-1": "737474898029",
}
XGBOOST_VERSIONS = ("1.7-1", "1.5-1", "1.3-1", "1.2-2", "1.2-1")
SKLEARN_VERSIONS = ("1.2-1", "1.0-1")
DEFAULT_XGBOOST_VERSION = "1.7-1"
DEFAULT_SKLEARN_VERSION = "1.2-1"

_IMAGE = re.compile(
    r"(?P<account>\d{12})\.dkr\.ecr\.(?P<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/"
    r"(?P<repository>[a-z0-9._/-]+):(?P<tag>[A-Za-z0-9._-]+)"
)


@dataclass(frozen=True)
class ImageKind:
    framework: str  # 'xgboost' | 'sklearn' | 'other'
    version: str
    region: str


def xgboost_image_uri(region: str, version: str = DEFAULT_XGBOOST_VERSION) -> str:
    """The built-in XGBoost algorithm image (also its framework image for script mode)."""
    return _uri(region, "sagemaker-xgboost", version, XGBOOST_VERSIONS, "XGBoost")


def sklearn_image_uri(region: str, version: str = DEFAULT_SKLEARN_VERSION) -> str:
    """The SKLearn framework image for script mode (tag like the SDK's: <version>-cpu-py3)."""
    uri = _uri(region, "sagemaker-scikit-learn", version, SKLEARN_VERSIONS, "SKLearn")
    return f"{uri}-cpu-py3"


def classify_image(uri: str) -> ImageKind:
    """Which SageMaker image `uri` is; 'other' for custom (bring-your-own) images."""
    m = _IMAGE.fullmatch(uri.strip())
    if not m:
        return ImageKind("other", "", "")
    repository, tag = m.group("repository"), m.group("tag")
    version = tag.split("-cpu")[0].split("-gpu")[0]
    if repository == "sagemaker-xgboost":
        return ImageKind("xgboost", version, m.group("region"))
    if repository == "sagemaker-scikit-learn":
        return ImageKind("sklearn", version, m.group("region"))
    return ImageKind("other", version, m.group("region"))


def _uri(region: str, repository: str, version: str, versions: tuple[str, ...], name: str) -> str:
    account = REGISTRY_ACCOUNTS.get(region)
    if account is None:
        known = ", ".join(sorted(REGISTRY_ACCOUNTS))
        raise ValueError(
            f"No {name} image registry known for region {region!r}; use one of {known}"
        )
    if version not in versions:
        raise ValueError(
            f"{name} version {version!r} is not offered; use one of {', '.join(versions)}"
        )
    return f"{account}.dkr.ecr.{region}.amazonaws.com/{repository}:{version}"
