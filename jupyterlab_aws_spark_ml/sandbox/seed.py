"""Seed the sandbox account: demo bucket, IAM roles, Glue database. Nothing that costs runs."""

from __future__ import annotations

import json

DEMO_BUCKET = "sandbox-demo"
ROLES = {
    "EMR_DefaultRole": "elasticmapreduce.amazonaws.com",
    "EMR_EC2_DefaultRole": "ec2.amazonaws.com",
    "AWSGlueServiceRole-sandbox": "glue.amazonaws.com",
    "SageMakerExecutionRole-sandbox": "sagemaker.amazonaws.com",
}


def seed_account(sandbox) -> None:
    s3 = sandbox.client("s3")
    s3.create_bucket(Bucket=DEMO_BUCKET)
    iam = sandbox.client("iam")
    for role, principal in ROLES.items():
        trust = {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Principal": {"Service": principal}, "Action": "sts:AssumeRole"}
            ],
        }
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust))
    if "EMR_EC2_DefaultRole" in ROLES:
        iam.create_instance_profile(InstanceProfileName="EMR_EC2_DefaultRole")
        iam.add_role_to_instance_profile(
            InstanceProfileName="EMR_EC2_DefaultRole", RoleName="EMR_EC2_DefaultRole"
        )
    sandbox.client("glue").create_database(
        DatabaseInput={"Name": "sandbox_demo", "Description": "Demo database of the local sandbox"}
    )
