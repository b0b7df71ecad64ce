"""The README's promises that code can check."""

from __future__ import annotations

import json
import re
from pathlib import Path

from jupyterlab_aws_spark_ml.proxy.iam_policy import iam_actions, policy_document

ROOT = Path(__file__).resolve().parents[3]
README = (ROOT / "README.md").read_text()


def test_readme_iam_policy_lists_every_action_the_proxy_allows():
    block = re.search(r"### IAM permissions.*?```json\n(.*?)```", README, re.S)
    assert block, "README has no IAM policy block under '### IAM permissions'"
    documented = json.loads(block.group(1))
    assert documented == policy_document(), (
        "README's IAM policy differs from the proxy allowlist; paste the output of "
        "`python -m jupyterlab_aws_spark_ml.proxy.iam_policy`"
    )
    assert "elasticmapreduce:RunJobFlow" in iam_actions()
    assert "s3:ListBucket" in iam_actions()  # ListObjectsV2's IAM name


def test_readme_shows_the_two_commands():
    assert "make demo" in README and "make test" in README


def test_readme_images_exist():
    for image in re.findall(r"\]\((docs/screenshots/[^)]+)\)", README):
        assert (ROOT / image).is_file(), f"README shows {image}, which is not committed"
