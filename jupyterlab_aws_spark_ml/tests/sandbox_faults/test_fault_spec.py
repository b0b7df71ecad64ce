"""Reading a fault spec: what is accepted, and a message naming the field of what is not."""

from __future__ import annotations

import pytest
from traitlets import TraitError

from jupyterlab_aws_spark_ml.config import AwsSparkML
from jupyterlab_aws_spark_ml.sandbox.fault_spec import FaultSpecError, parse_fault_spec


def test_a_spec_reads_back_as_it_was_written():
    written = {
        "rules": [
            {"operation": "emr:ListClusters", "throttle": 0.6, "error": 0.3},
            {"operation": "glue:*", "latency_ms": 250, "drop": 0.1, "drop_after": 0.1},
            {"operation": "*"},
        ],
        "seed": 7,
    }
    spec = parse_fault_spec(written)

    assert spec.to_json() == {
        "rules": [
            {**dict.fromkeys(("throttle", "error", "latency_ms", "drop", "drop_after"), 0.0), **r}
            for r in written["rules"]
        ],
        "seed": 7,
    }
    assert parse_fault_spec(spec.to_json()) == spec
    assert not parse_fault_spec("") and not parse_fault_spec({"rules": []})


def test_rules_match_by_service_and_operation_first_one_wins():
    spec = parse_fault_spec(
        {"rules": [{"operation": "emr:ListClusters", "error": 1}, {"operation": "emr:*"}]}
    )

    assert spec.rule_for("emr", "ListClusters").error == 1
    assert spec.rule_for("emr", "DescribeCluster").error == 0
    assert spec.rule_for("glue", "GetTables") is None
    assert spec.names_operations_of("emr") and not spec.names_operations_of("glue")


@pytest.mark.parametrize(
    "spec, field, words",
    [
        ("{nope", "(spec)", "not JSON"),
        ([], "(spec)", "object"),
        ({"rules": [], "extra": 1}, "extra", "not a fault setting"),
        ({"rules": {}}, "rules", "list"),
        ({"rules": [], "seed": "7"}, "seed", "integer"),
        ({"rules": [], "seed": True}, "seed", "integer"),
        ({"rules": ["emr:*"]}, "rules[0]", "object"),
        ({"rules": [{}]}, "rules[0].operation", "required"),
        ({"rules": [{"operation": "elasticmapreduce:*"}]}, "rules[0].operation", "botocore"),
        ({"rules": [{"operation": "emr"}]}, "rules[0].operation", "'<service>:<Operation>'"),
        ({"rules": [{"operation": "emr:ListClusterz"}]}, "rules[0].operation", "emr:"),
        ({"rules": [{"operation": "*", "throttle": 1.5}]}, "rules[0].throttle", "between 0 and 1"),
        ({"rules": [{"operation": "*", "error": -0.1}]}, "rules[0].error", "between 0 and 1"),
        ({"rules": [{"operation": "*", "drop": "0.1"}]}, "rules[0].drop", "number"),
        ({"rules": [{"operation": "*", "drop_after": True}]}, "rules[0].drop_after", "number"),
        ({"rules": [{"operation": "*", "latency_ms": 1e9}]}, "rules[0].latency_ms", "60000"),
        ({"rules": [{"operation": "*", "throtle": 0.1}]}, "rules[0].throtle", "not a fault"),
        (
            {"rules": [{"operation": "*"}, {"operation": "*", "throttle": 0.6, "error": 0.6}]},
            "rules[1]",
            "at most 1",
        ),
    ],
)
def test_a_wrong_spec_names_its_field(spec, field, words):
    with pytest.raises(FaultSpecError) as caught:
        parse_fault_spec(spec)

    assert caught.value.field == field
    assert words in str(caught.value)


def test_the_trait_refuses_a_wrong_spec_at_start_up():
    assert AwsSparkML(sandbox_faults='{"rules": [{"operation": "sts:*", "error": 0.5}]}')
    with pytest.raises(TraitError, match=r"sandbox_faults: rules\[0\]\.error"):
        AwsSparkML(sandbox_faults='{"rules": [{"operation": "sts:*", "error": 2}]}')
