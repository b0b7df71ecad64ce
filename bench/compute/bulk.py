"""Fill the sandbox with many EMR clusters and Glue sessions, fast.

They are made directly as moto backend objects (no RunJobFlow/CreateSession over HTTP, no
lifecycle timers): 2,000 clusters take about a second this way instead of minutes. Reads still
go through the gateway and moto's own ListClusters/ListSessions, paging included, so what the
panel sees is exactly what AWS-shaped list calls return.
"""

from __future__ import annotations

from datetime import timedelta

CLUSTER_PREFIX = "bench-cluster-"
SESSION_PREFIX = "bench-session-"


def add_clusters(sandbox, count: int) -> None:
    from moto.core.utils import utcnow
    from moto.emr.models import Cluster, emr_backends

    backend = emr_backends[sandbox.account_id][sandbox.region]
    now = utcnow()
    for i in range(count):
        cluster = Cluster(
            backend,
            name=f"{CLUSTER_PREFIX}{i:04d}",
            log_uri=None,
            job_flow_role="EMR_EC2_DefaultRole",
            service_role="EMR_DefaultRole",
            steps=[],
            instance_attrs=_instance_attrs(sandbox.region),
            release_label="emr-7.5.0",
            visible_to_all_users=True,
        )
        # Spread over time so "Newest first" has real work to do; a few run steps.
        cluster.creation_datetime = now - timedelta(minutes=count - i)
        cluster.ready_datetime = cluster.creation_datetime + timedelta(minutes=6)
        cluster.state = "RUNNING" if i % 5 == 0 else "WAITING"


def add_sessions(sandbox, count: int) -> None:
    from moto.glue.models import glue_backends

    backend = glue_backends[sandbox.account_id][sandbox.region]
    role = f"arn:aws:iam::{sandbox.account_id}:role/AWSGlueServiceRole-sandbox"
    for i in range(count):
        backend.create_session(
            session_id=f"{SESSION_PREFIX}{i:04d}",
            description="",
            role=role,
            command={"Name": "glueetl", "PythonVersion": "3"},
            timeout=2880,
            idle_timeout=60,
            default_arguments={},
            connections={},
            max_capacity=2.0,
            number_of_workers=2,
            worker_type="G.1X",
            security_configuration="",
            glue_version="5.0",
            tags={},
            request_origin="",
        )


def _instance_attrs(region: str) -> dict:
    return {
        "master_instance_type": "m5.xlarge",
        "slave_instance_type": "m5.xlarge",
        "instance_count": 3,
        "ec2_key_name": None,
        "ec2_subnet_id": None,
        "hadoop_version": None,
        "availability_zone": f"{region}a",
        "keep_job_flow_alive_when_no_steps": True,
        "termination_protected": False,
        "emr_managed_master_security_group": None,
        "emr_managed_slave_security_group": None,
        "service_access_security_group": None,
        "additional_master_security_groups": [],
        "additional_slave_security_groups": [],
    }
